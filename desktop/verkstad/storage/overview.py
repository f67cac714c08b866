"""Fast reads of what the navigation shows, straight from sqlite3 (no ORM on start-up)."""

from __future__ import annotations

from dataclasses import dataclass

from verkstad.storage.store import Store


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    parent_id: str | None = None  # a meeting's phase
    kind: str = ""  # an organisation's kind


@dataclass(frozen=True)
class Navigation:
    programme: Item | None
    phases: list[Item]
    meetings: list[Item]  # in date order
    organisations: list[Item]


def programmes(db: Store) -> list[Item]:
    rows = db.query("SELECT id, name FROM programmes WHERE deleted_at IS NULL")
    return sorted((Item(id, name) for id, name in rows), key=lambda p: p.title.casefold())


def navigation(db: Store, programme_id: str) -> Navigation:
    live = "programme_id = ? AND deleted_at IS NULL"
    found = db.query("SELECT id, name FROM programmes WHERE id = ? AND deleted_at IS NULL", (programme_id,))
    phases = db.query(f"SELECT id, title, position FROM phases WHERE {live} ORDER BY position, created_at",
                      (programme_id,))
    meetings = db.query(
        f"SELECT id, title, phase_id FROM meetings WHERE {live} "
        "ORDER BY date IS NULL, date, start_time, title", (programme_id,))
    orgs = db.query(f"SELECT id, name, kind FROM organisations WHERE {live} ORDER BY position, created_at",
                    (programme_id,))
    return Navigation(
        programme=Item(*found[0]) if found else None,
        phases=[Item(id, f"{i + 1}. {title}") for i, (id, title, _pos) in enumerate(phases)],
        meetings=[Item(id, title, phase_id) for id, title, phase_id in meetings],
        organisations=[Item(id, name, kind=kind) for id, name, kind in orgs],
    )
