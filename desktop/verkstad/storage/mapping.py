"""Tables for the domain dataclasses, mapped imperatively so the domain stays plain Python.

Columns are derived from the dataclass fields (one rule per Python type), so adding a
field to a domain class and writing its Alembic migration is all a change needs.
References are plain foreign keys without cascades: rows are never hard-deleted
while the programme lives, they are marked with `deleted_at`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
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


TABLE_NAMES: dict[type, str] = {
    model.Programme: "programmes",
    model.Phase: "phases",
    model.Organisation: "organisations",
    model.Person: "people",
    model.Meeting: "meetings",
    model.AgendaItem: "agenda_items",
    model.ChecklistItem: "checklist_items",
    model.Attendance: "attendance",
    model.Theme: "themes",
    model.Entry: "entries",
    model.Draft: "drafts",
    model.Activity: "activities",
    model.Agreement: "agreements",
    model.AgreementVersion: "agreement_versions",
}

# Which table a reference column points at.
REFERENCES = {
    "programme_id": "programmes",
    "phase_id": "phases",
    "organisation_id": "organisations",
    "meeting_id": "meetings",
    "person_id": "people",
    "responsible_id": "people",
    "responsible_person_id": "people",
    "owner_id": "people",
    "agenda_item_id": "agenda_items",
    "theme_id": "themes",
    "activity_id": "activities",
    "agreement_id": "agreements",
}

_SIMPLE_TYPES = {
    str: Text,
    int: Integer,
    float: Float,
    bool: Boolean,
    dt.date: Date,
    dt.time: Time,
    dt.datetime: UTCDateTime,
    list: JSON,
    dict: JSON,
}


def _column(name: str, hint) -> Column:
    nullable = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(hint))
        hint = args[0]
    base = typing.get_origin(hint) or hint
    if name == "id":
        return Column("id", String(36), primary_key=True)
    if name.endswith("_id") and name not in REFERENCES:  # a reference without a constraint
        return Column(name, String(36), nullable=nullable)
    col_type = _SIMPLE_TYPES[base]
    args = []
    if name in REFERENCES:
        col_type = String(36)
        args.append(ForeignKey(f"{REFERENCES[name]}.id"))
    return Column(name, col_type, *args, nullable=nullable, index=name in REFERENCES)


def _table(cls: type) -> Table:
    hints = typing.get_type_hints(cls)
    columns = [_column(f.name, hints[f.name]) for f in dataclasses.fields(cls)]
    return Table(TABLE_NAMES[cls], metadata, *columns)


TABLES: dict[type, Table] = {}
for _cls in model.ALL_RECORD_TYPES:
    TABLES[_cls] = _table(_cls)
    mapper_registry.map_imperatively(_cls, TABLES[_cls])

Index("ix_entries_meeting_position", TABLES[model.Entry].c.meeting_id, TABLES[model.Entry].c.position)
