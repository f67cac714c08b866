"""Revisions for merging: which copy last changed each field, and what each copy has seen.

Every database is a device with its own UUID and a logical counter (migration 0006). Each
transaction that changes a stored field takes the next counter value and records, per field
it changed, the stamp (device, counter) in `revisions`: the ORM's changes by a `before_flush`
hook on every session, the few Core updates (emptying a draft) by `stamp`. A field without a
stamp has held its value since its record was made or imported; a new record needs none.
`knowledge` holds, per programme, the highest counter of each other device whose changes this
copy took in by import or merge. A merge (`services/exchange/merging.py`) compares the stamps
of the two copies against each other's knowledge, as Anki compares update sequence numbers; no
wall clock is trusted across laptops.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from verkstad.domain.model import ALL_RECORD_TYPES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Stamp = tuple[str, int]  # (device, counter)

# Fields no merge compares: the id never changes, the timestamps are the wall clock's.
UNSTAMPED = frozenset({"id", "created_at", "updated_at"})
MERGING = "verkstad.merging"  # session.info key: the merge writes the stamps it decided itself
_STAMP = "verkstad.stamp"  # session.info key: this transaction's stamp, taken on first use
_RECORD_TYPES = frozenset(ALL_RECORD_TYPES)


def install(sessions) -> None:
    """Stamp every field the ORM changes in a session of this factory."""
    from sqlalchemy import event

    event.listen(sessions, "before_flush", _before_flush)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(MERGING):
        return
    from sqlalchemy import inspect

    changed: list[tuple[str, str]] = []
    for obj in session.dirty:
        if type(obj) not in _RECORD_TYPES:
            continue
        state = inspect(obj)
        changed += [(obj.id, attr.key) for attr in state.attrs
                    if attr.key not in UNSTAMPED and attr.history.has_changes()]
    if changed:
        stamp(session, changed)


def current(session: Session) -> Stamp:
    """This transaction's stamp: the device and its counter, advanced once per transaction."""
    found = session.info.get(_STAMP)
    if found is None:
        from sqlalchemy import select, update

        from verkstad.storage.mapping import DEVICE

        session.execute(update(DEVICE).values(counter=DEVICE.c.counter + 1))
        row = session.execute(select(DEVICE.c.id, DEVICE.c.counter)).one()
        found = session.info[_STAMP] = (str(row[0]), int(row[1]))
    return found


def taken(session: Session) -> Stamp | None:
    """The stamp this transaction took, if it changed a stored field."""
    return session.info.get(_STAMP)


def device(session: Session) -> Stamp:
    """This database's device id and its counter now."""
    from sqlalchemy import select

    from verkstad.storage.mapping import DEVICE

    row = session.execute(select(DEVICE.c.id, DEVICE.c.counter)).one()
    return str(row[0]), int(row[1])


def _upsert(session: Session, rows: list[dict[str, Any]]) -> None:
    from sqlalchemy import text

    session.execute(text(
        "INSERT INTO revisions (record_id, field, device, counter) VALUES (:record_id, :field, :device, :counter) "
        "ON CONFLICT (record_id, field) DO UPDATE SET device = excluded.device, counter = excluded.counter"), rows)


def stamp(session: Session, fields: Iterable[tuple[str, str]]) -> None:
    """Record that this transaction changed these (record id, field)s."""
    device_id, counter = current(session)
    rows = [{"record_id": r, "field": f, "device": device_id, "counter": counter} for r, f in set(fields)]
    if rows:
        _upsert(session, rows)


def stamps(session: Session, ids: set[str]) -> dict[str, dict[str, Stamp]]:
    """The stamps of these records' fields: {record id: {field: (device, counter)}}."""
    from sqlalchemy import select

    from verkstad.storage.mapping import REVISIONS

    found: dict[str, dict[str, Stamp]] = {}
    rows = session.execute(select(REVISIONS.c.record_id, REVISIONS.c.field, REVISIONS.c.device,
                                  REVISIONS.c.counter))
    for record_id, name, device_id, counter in rows:
        if record_id in ids:
            found.setdefault(record_id, {})[name] = (device_id, counter)
    return found


def set_stamps(session: Session, found: dict[str, dict[str, Stamp]]) -> None:
    """Store stamps as given (an import, or what a merge decided)."""
    rows = [{"record_id": r, "field": f, "device": d, "counter": c}
            for r, by_field in found.items() for f, (d, c) in by_field.items()]
    for start in range(0, len(rows), 5000):
        _upsert(session, rows[start:start + 5000])


def knowledge(session: Session, programme_id: str) -> dict[str, int]:
    """What this copy of the programme has taken in of other devices: {device: counter}."""
    from sqlalchemy import select

    from verkstad.storage.mapping import KNOWLEDGE

    rows = session.execute(select(KNOWLEDGE.c.device, KNOWLEDGE.c.counter)
                           .where(KNOWLEDGE.c.programme_id == programme_id))
    return {str(d): int(c) for d, c in rows}


def learn(session: Session, programme_id: str, taken: dict[str, int]) -> None:
    """Raise this copy's knowledge of the programme to at least `taken` (own device left out)."""
    from sqlalchemy import text

    own, _counter = device(session)
    rows = [{"p": programme_id, "d": d, "c": c} for d, c in taken.items() if d != own]
    if rows:
        session.execute(text(
            "INSERT INTO knowledge (programme_id, device, counter) VALUES (:p, :d, :c) "
            "ON CONFLICT (programme_id, device) DO UPDATE SET counter = "
            "CASE WHEN excluded.counter > knowledge.counter THEN excluded.counter ELSE knowledge.counter END"), rows)
