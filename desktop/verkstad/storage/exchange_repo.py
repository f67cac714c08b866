"""Bulk reads for programme export and import: every record of a programme, ids already present.

A record belongs to its programme through the reference the registry names
(`RecordType.belongs_to`: its programme, its meeting or its agreement), so the records of
a programme are read type by type, parents first, each by the ids of the records it
belongs to. Writing an import is `Records.add_all` (one transaction, parents first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from verkstad.domain.model import ALL_RECORD_TYPES, Programme, Record
from verkstad.domain.registry import record_types
from verkstad.storage.store import Store

CHUNK = 500  # ids per statement: under SQLite's limit on bound parameters


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def programme_records(db: Store, programme: Programme) -> dict[type[Record], list[Record]]:
    """Every record of the programme, deleted-marked ones too, by type in registry order,
    each list sorted by created_at then id."""
    from sqlalchemy import select

    found: dict[type[Record], list[Record]] = {Programme: [programme]}
    with db.session() as s:
        for rt in record_types():
            if rt.cls is Programme:
                continue
            owner_field = rt.belongs_to
            assert owner_field is not None  # every type but the programme belongs to something
            owner_ids = [o.id for o in found[rt.references[owner_field].target]]
            column = getattr(rt.cls, owner_field)
            rows: list[Record] = []
            for chunk in _chunks(owner_ids):
                rows += s.scalars(select(rt.cls).where(column.in_(chunk))).all()
            found[rt.cls] = sorted(rows, key=lambda r: (r.created_at, r.id))
    return found


def index(db: Store, programme: Programme) -> dict[str, tuple[type[Record], dt.datetime]]:
    """Every record of the programme (deleted-marked ones too) by id: its type and when it last
    changed, read through Core without making record objects (a merge reads in full only the
    records that may differ)."""
    from sqlalchemy import select

    from verkstad.storage.mapping import TABLES

    found: dict[str, tuple[type[Record], dt.datetime]] = {programme.id: (Programme, programme.updated_at)}
    ids: dict[type[Record], list[str]] = {Programme: [programme.id]}
    with db.session() as s:
        for rt in record_types():
            if rt.cls is Programme:
                continue
            owner_field = rt.belongs_to
            assert owner_field is not None  # every type but the programme belongs to something
            table = TABLES[rt.cls]
            mine: list[str] = []
            for chunk in _chunks(ids[rt.references[owner_field].target]):
                for rid, updated in s.execute(select(table.c.id, table.c.updated_at)
                                              .where(table.c[owner_field].in_(chunk))):
                    found[rid] = (rt.cls, updated)
                    mine.append(rid)
            ids[rt.cls] = mine
    return found


def records_by_id(db: Store, wanted: dict[type[Record], list[str]]) -> list[Record]:
    """The records of these ids, by type."""
    from sqlalchemy import select

    from verkstad.storage.mapping import col

    found: list[Record] = []
    with db.session() as s:
        for cls, ids in wanted.items():
            for chunk in _chunks(sorted(set(ids))):
                found += s.scalars(select(cls).where(col(cls, "id").in_(chunk))).all()
    return found


def revisions_of(db: Store, programme_id: str, ids: set[str]) -> dict[str, Any]:
    """What an export carries for a merge, in the format's spelling: the knowledge of the
    programme's copy (this device up to its counter: every change it made is in the file) and
    the stamps of its records' fields."""
    from verkstad.storage import revisions

    with db.session() as s:
        own, counter = revisions.device(s)
        stamps = revisions.stamps(s, ids)
        knowledge = revisions.knowledge(s, programme_id)
    if counter:  # a copy that never changed anything adds nothing: its export is the file it imported
        knowledge[own] = counter
    return {"knowledge": dict(sorted(knowledge.items())),
            "stamps": {r: {f: f"{d}:{c}" for f, (d, c) in sorted(by_field.items())}
                       for r, by_field in sorted(stamps.items())}}


def present(db: Store, programme_id: str,
            ids: dict[type[Record], list[str]]) -> tuple[Programme | None, set[str]]:
    """The programme with that id if the database holds it (deleted or not), and which of
    the given ids of each type it already holds, read in one transaction."""
    from sqlalchemy import select

    from verkstad.storage.mapping import col

    with db.session() as s:
        programme = s.get(Programme, programme_id)
        if programme is not None:
            return programme, set()
        # every id of the file against every table: an id the database uses for a record of another
        # type is as much a clash as one of the same type
        wanted = [i for values in ids.values() for i in values]
        found: set[str] = set()
        for cls in ALL_RECORD_TYPES:
            for chunk in _chunks(wanted):
                found.update(s.scalars(select(col(cls, "id")).where(col(cls, "id").in_(chunk))))
        return None, found
