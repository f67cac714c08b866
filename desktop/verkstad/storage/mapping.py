"""Tables for the domain dataclasses, mapped imperatively so the domain stays plain Python.

Columns are derived from the registry of record types (`domain/registry.py`: the dataclass
fields, one rule per Python type, and the declared references), so a field added to a
domain class and to the registry needs only its Alembic migration besides.
References are plain foreign keys without cascades: rows are never hard-deleted
while the programme lives, they are marked with `deleted_at`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ColumnElement,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    TypeDecorator,
)
from sqlalchemy.orm import registry

from verkstad.domain import model
from verkstad.domain.registry import Field, RecordType, record_types

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)
mapper_registry = registry(metadata=metadata)


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as naive UTC; returns them aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=dt.UTC)

    # SQLite keeps a timestamp as the text "2027-03-01 09:03:00.000000" (SQLAlchemy's DateTime
    # spelling, always with microseconds). Its DateTime type writes and reads that text in Python,
    # field by field; datetime's own isoformat and fromisoformat, in C, write and read the same
    # text some five times faster (a tenth of an import of 100,000 entries was the writing).

    def bind_processor(self, dialect):
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)

        def process(value):
            if value is None:
                return None
            if value.tzinfo is None:
                raise ValueError("naive datetime given where UTC is required")
            if value.utcoffset():
                value = value.astimezone(dt.UTC)
            return value.isoformat(" ", "microseconds")[:26]  # without the "+00:00"
        return process

    def result_processor(self, dialect, coltype):
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        parse, utc = dt.datetime.fromisoformat, dt.UTC

        def process(value):
            if value is None:
                return None
            try:  # the stored spelling has no offset: UTC's, parsed with the text (replace() took 7x longer)
                return parse(value + "+00:00")
            except ValueError:  # a stamp that names its own offset
                stamp = parse(value)
                return stamp.astimezone(utc) if stamp.tzinfo else stamp.replace(tzinfo=utc)
        return process


class LocalDate(TypeDecorator):
    """A calendar date (SQLite keeps it as the text "2027-03-01"): written and read there by
    date's own isoformat and fromisoformat, in C, rather than SQLAlchemy's Date type's regular
    expression in Python (a tenth of showing the programme overview); elsewhere Date itself."""

    impl = Date
    cache_ok = True

    def bind_processor(self, dialect):
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)

        def process(value):
            if value is None:
                return None
            if isinstance(value, dt.datetime):  # its day, as SQLAlchemy's Date writes it
                value = value.date()
            return value.isoformat()
        return process

    def result_processor(self, dialect, coltype):
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        def process(value):
            return None if value is None else dt.date.fromisoformat(value)
        return process


# Derived from the one registry of record types (domain/registry.py).
TABLE_NAMES: dict[type, str] = {t.cls: t.table for t in record_types()}

# Which table a reference column with a foreign key points at.
REFERENCES: dict[str, str] = {
    name: TABLE_NAMES[ref.target]
    for t in record_types() for name, ref in t.references.items() if ref.foreign_key
}

# SQLite's INTEGER holds 64 bits; a server's whole numbers are BIGINT for them (migration 0007).
WHOLE = Integer().with_variant(BigInteger(), "postgresql")

_SIMPLE_TYPES: dict[type, Any] = {
    str: Text,
    int: WHOLE,
    float: Float,
    bool: Boolean,
    dt.date: LocalDate,
    dt.time: Time,
    dt.datetime: UTCDateTime,
    list: JSON,
    dict: JSON,
}


def _column(field: Field) -> Column:
    ref = field.reference
    if field.name == "id":
        return Column("id", String(36), primary_key=True)
    if ref is not None and ref.foreign_key:
        return Column(field.name, String(36), ForeignKey(f"{TABLE_NAMES[ref.target]}.id"),
                      nullable=field.nullable, index=True)
    if ref is not None and field.type is str:  # a reference without a constraint
        return Column(field.name, String(36), nullable=field.nullable)
    return Column(field.name, _SIMPLE_TYPES[field.type], nullable=field.nullable)


def _table(rt: RecordType) -> Table:
    # `version`: the row's version counter (migration 0007), not a field of the record: an update
    # that finds another version than it read stores nothing (StaleDataError, `db.changed_meanwhile`)
    return Table(rt.table, metadata, *[_column(f) for f in rt.fields],
                 Column("version", Integer, nullable=False, server_default="1"))


TABLES: dict[type, Table] = {}
for _rt in record_types():
    TABLES[_rt.cls] = _table(_rt)
    mapper_registry.map_imperatively(_rt.cls, TABLES[_rt.cls], version_id_col=TABLES[_rt.cls].c.version)

# What a merge needs (migration 0006, `storage/revisions.py`): not records, not exchanged as such.
DEVICE = Table("device", metadata, Column("id", String(36), primary_key=True),
               Column("counter", WHOLE, nullable=False), Column("origin", Text, nullable=False))
REVISIONS = Table("revisions", metadata, Column("record_id", String(36), primary_key=True),
                  Column("field", String(64), primary_key=True), Column("device", String(36), nullable=False),
                  Column("counter", WHOLE, nullable=False))
KNOWLEDGE = Table("knowledge", metadata, Column("programme_id", String(36), primary_key=True),
                  Column("device", String(36), primary_key=True), Column("counter", WHOLE, nullable=False))

Index("ix_entries_meeting_position", TABLES[model.Entry].c.meeting_id, TABLES[model.Entry].c.position)
# The tasks of meetings (the overview's open tasks, the reminders): a partial index, so the
# notes typed by the thousand cost it nothing (migration 0010).
_TASK = TABLES[model.Entry].c.kind == "task"
Index("ix_entries_tasks", TABLES[model.Entry].c.meeting_id, sqlite_where=_TASK, postgresql_where=_TASK)


def col(cls: type, name: str) -> ColumnElement[Any]:
    """The column of a record type's field, for queries. Mapped imperatively, the domain
    classes look to a type checker like plain dataclasses (`Entry.deleted_at` a datetime),
    so queries name their columns through the tables."""
    return TABLES[cls].c[name]
