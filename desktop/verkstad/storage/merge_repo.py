"""Writing a merge: the file's new records, the fields it decided, their stamps, in one transaction.

The merge itself is decided in `services/exchange/merging.py`; this writes what it decided
through Core with the ORM's stamping hook off (the stamps written are the ones decided: a field
taken from the file keeps the file's stamp; the stamp ("", 0) is taken anew on this device, for a
value kept against the file's). Siblings that both copies added at the same place
are numbered again in one order both copies would give them (position, then creation, then id).
"""

from __future__ import annotations

from typing import Any

from verkstad.domain.model import Record
from verkstad.domain.registry import REGISTRY
from verkstad.storage import revisions
from verkstad.storage.records import insert_rows
from verkstad.storage.revisions import Stamp
from verkstad.storage.store import Store


def write(db: Store, programme_id: str, added: dict[type[Record], list[dict[str, Any]]],
          updates: list[tuple[type[Record], str, dict[str, Any]]],
          stamps: dict[str, dict[str, Stamp | None]], knowledge: dict[str, int],
          groups: dict[type[Record], set[str]] | None = None) -> None:
    """Insert `added`, apply `updates` ((type, id, {column: value})), store `stamps` (None: the
    field's stamp goes, it holds its first value), take in `knowledge`, and number the siblings
    of `groups` ({type: parent ids}) again where the merge left two at one position."""
    from sqlalchemy import delete, tuple_, update

    from verkstad.storage.mapping import REVISIONS, TABLES

    with db.session() as s:
        s.info[revisions.MERGING] = True
        insert_rows(s, added)
        for cls, rid, row in updates:
            table = TABLES[cls]
            s.execute(update(table).where(table.c.id == rid).values(**row, version=table.c.version + 1))
        fresh = any(st == ("", 0) for by in stamps.values() for st in by.values())
        own = revisions.current(s) if fresh else ("", 0)
        given: dict[str, dict[str, Stamp]] = {}
        for r, by in stamps.items():
            kept = {f: (own if st == ("", 0) else st) for f, st in by.items() if st is not None}
            if kept:
                given[r] = kept
        revisions.set_stamps(s, given)
        cleared = [(r, f) for r, by in stamps.items() for f, st in by.items() if st is None]
        for start in range(0, len(cleared), 400):
            s.execute(delete(REVISIONS).where(tuple_(REVISIONS.c.record_id, REVISIONS.c.field)
                                              .in_(cleared[start:start + 400])))
        revisions.learn(s, programme_id, knowledge)
        _renumber(s, groups or {})


def _renumber(s, groups: dict[type[Record], set[str]]) -> None:
    """Number the live siblings of each group again where two share a position."""
    from sqlalchemy import bindparam, select, update

    from verkstad.storage.mapping import TABLES

    changed: list[tuple[str, str]] = []
    for cls, parents in groups.items():
        table = TABLES[cls]
        parent = REGISTRY[cls].siblings_of
        assert parent is not None
        moves: list[dict[str, Any]] = []
        for value in sorted(parents):
            rows = s.execute(select(table.c.id, table.c.position).where(
                table.c[parent] == value, table.c.deleted_at.is_(None))
                .order_by(table.c.position, table.c.created_at, table.c.id)).all()
            if len({p for _i, p in rows}) == len(rows):
                continue
            moves += [{"rid": rid, "pos": i} for i, (rid, position) in enumerate(rows) if position != i]
        if moves:
            s.execute(update(table).where(table.c.id == bindparam("rid"))
                      .values(position=bindparam("pos"), version=table.c.version + 1), moves)
            changed += [(m["rid"], "position") for m in moves]
    if changed:
        revisions.stamp(s, changed)  # a change this copy made: the other copy takes it at its next merge
