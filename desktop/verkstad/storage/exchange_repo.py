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


def _walk(db: Store, programme_id: str, columns) -> dict[type[Record], list[Any]]:
    """The rows (the `columns(table)` of each) of every record of the programme, deleted-marked
    ones too, by type in registry order: each type read by the ids of the records it belongs to
    (its programme, meeting or agreement), through Core, without making record objects."""
    from sqlalchemy import select

    from verkstad.storage.mapping import TABLES

    found: dict[type[Record], list[Any]] = {}
    ids: dict[type[Record], list[str]] = {Programme: [programme_id]}
    with db.session() as s:
        for rt in record_types():
            table = TABLES[rt.cls]
            if rt.cls is Programme:
                found[Programme] = list(s.execute(select(*columns(table)).where(table.c.id == programme_id)))
                continue
            owner_field = rt.belongs_to
            assert owner_field is not None  # every type but the programme belongs to something
            rows: list[Any] = []
            for chunk in _chunks(ids[rt.references[owner_field].target]):
                rows += s.execute(select(*columns(table)).where(table.c[owner_field].in_(chunk))).all()
            found[rt.cls] = rows
            ids[rt.cls] = [row.id for row in rows]
    return found


def programme_rows(db: Store, programme_id: str) -> dict[type[Record], list[Any]]:
    """Every record of the programme as a row of its fields (what an export writes), by type, each
    list sorted by created_at then id: a fifth of the time the ORM took to make them records."""
    from sqlalchemy import JSON, Text, type_coerce

    from verkstad.storage.mapping import UTCDateTime

    def columns(table):  # JSON and timestamps as their stored text: the exchange code reads them faster
        return [type_coerce(c, Text).label(c.name) if isinstance(c.type, JSON | UTCDateTime) else c
                for c in table.columns if c.name != "version"]

    found = _walk(db, programme_id, columns)
    return {cls: sorted(rows, key=lambda r: (r.created_at, r.id)) for cls, rows in found.items()}


def index(db: Store, programme: Programme) -> dict[str, tuple[type[Record], dt.datetime]]:
    """Every record of the programme (deleted-marked ones too) by id: its type and when it last
    changed (a merge reads in full only the records that may differ)."""
    found = _walk(db, programme.id, lambda table: [table.c.id, table.c.updated_at])
    return {row.id: (cls, row.updated_at) for cls, rows in found.items() for row in rows}


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
    from sqlalchemy import text

    from verkstad.storage.mapping import TABLES

    with db.session() as s:
        programme = s.get(Programme, programme_id)
        if programme is not None:
            return programme, set()
        # every id of the file against every table: an id the database uses for a record of another
        # type is as much a clash as one of the same type. The ids go into a temporary table joined
        # with each table (IN lists of 500 took 3,000 statements for a programme of 100,000 records)
        found: set[str] = set()
        holding = [TABLES[cls].name for cls in ALL_RECORD_TYPES
                   if s.execute(text(f"SELECT EXISTS (SELECT 1 FROM {TABLES[cls].name})")).scalar()]
        wanted = sorted({i for values in ids.values() for i in values}) if holding else []
        if not wanted:  # nothing to compare with (a new database): a tenth of such an import was this
            return None, found
        s.execute(text("CREATE TEMPORARY TABLE IF NOT EXISTS verkstad_wanted_ids (id VARCHAR(36) PRIMARY KEY)"))
        s.execute(text("DELETE FROM verkstad_wanted_ids"))
        mark = "?" if s.get_bind().dialect.paramstyle == "qmark" else "%s"  # the driver's own executemany
        s.connection().exec_driver_sql(f"INSERT INTO verkstad_wanted_ids (id) VALUES ({mark})", [(i,) for i in wanted])
        for table in holding:
            found.update(s.scalars(text(f"SELECT t.id FROM {table} t JOIN verkstad_wanted_ids w ON w.id = t.id")))
        s.execute(text("DELETE FROM verkstad_wanted_ids"))
        return None, found
