"""The JSON Schema of the exchange format, derived from the registry of record types.

The shipped file (resources/schema/verkstad-programme.schema.json) is `schema_text()`
written out by scripts/export_schema.py; a test keeps the file equal to it byte for byte,
so a new field or choice cannot slip past the format unnoticed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from verkstad.domain.model import AgreementVersion, Programme, Record
from verkstad.domain.registry import Field, record_type
from verkstad.i18n import LANGUAGES
from verkstad.paths import resource
from verkstad.services.exchange.codec import FORMAT, RECORD_KEYS, SCHEMA_ID, VERSION

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{6})?$"
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _value_schema(f: Field) -> dict[str, Any]:
    base = f.type
    choices = list(f.choices) if f.choices else None
    if f.name == "id" or (f.reference is not None and base is str):
        schema: dict[str, Any] = {"$ref": "#/$defs/uuid"}
    elif base is dt.datetime:
        schema = {"$ref": "#/$defs/datetime"}
    elif base is dt.date:
        schema = {"$ref": "#/$defs/date"}
    elif base is dt.time:
        schema = {"$ref": "#/$defs/time"}
    elif base is list:
        (item,) = f.args or (Any,)
        items: dict[str, Any] = {}
        if f.reference is not None:
            items = {"$ref": "#/$defs/uuid"}
        elif choices:
            items = {"enum": choices}
        elif item is str:
            items = {"type": "string"}
        schema = {"type": "array", "items": items}
        choices = None
    elif base is dict:
        schema = {"type": "object"}
        if f.args and f.args[1] is str:
            schema["additionalProperties"] = {"type": "string"}
    else:
        schema = {"type": _JSON_TYPES[base]}
        if base is int:  # what SQLite stores
            schema.update(minimum=-(2**63), maximum=2**63 - 1)
    if choices:
        schema = {"enum": choices + ([None] if f.nullable else [])}
    elif f.nullable and "$ref" in schema:
        schema = {"$ref": schema["$ref"] + "_or_null"}
    elif f.nullable:
        schema = {**schema, "type": [schema["type"], "null"]}
    return schema


def _translations_schema(cls: type[Record]) -> dict[str, Any]:
    """{field: {language: text}} for the type's translatable fields and the five languages."""
    texts = {"type": "object", "propertyNames": {"enum": sorted(LANGUAGES)},
             "additionalProperties": {"type": "string"}}
    return {"type": "object", "propertyNames": {"enum": list(record_type(cls).translatable)},
            "additionalProperties": texts}


_TEXT = {"type": "string"}
_HOURS = {"type": ["number", "null"]}
_DAY = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def snapshot_schema() -> dict[str, Any]:
    """An agreement version as it was sent: what its documents print from. Only what they need
    is required; a snapshot may hold more (what a newer Verkstad froze)."""
    objects = lambda props, required=(): {"type": "object", "properties": props,  # noqa: E731
                                         "required": list(required)}
    return objects({
        "format": {"type": "integer"},
        "language": {"enum": sorted(LANGUAGES)},
        "programme": _TEXT,
        "organisation": objects({"name": _TEXT, "address": _TEXT, "register_number": _TEXT}, ["name"]),
        "partners": {"type": "array", "items": _TEXT},
        "clauses": {"type": "array", "items": objects({"key": _TEXT, "text": _TEXT, "custom": {"type": "boolean"}},
                                                      ["key", "text"])},
        "activities": {"type": "array", "items": objects({
            "title": _TEXT, "description": _TEXT, "responsible": _TEXT, "team_hours": _HOURS, "org_hours": _HOURS,
            "start_date": _DAY, "deadline": _DAY})},
        "phases": {"type": "array", "items": objects({"title": _TEXT, "start": _DAY, "end": _DAY})},
        "contacts": {"type": "array", "items": objects({"name": _TEXT, "title": _TEXT, "email": _TEXT,
                                                        "phone": _TEXT, "organisation": _TEXT})},
    }, ["programme", "organisation", "partners", "clauses", "activities", "phases", "contacts"])


def _field_schema(cls: type[Record], f: Field) -> dict[str, Any]:
    if f.name == "translations":
        return _translations_schema(cls)
    if cls is AgreementVersion and f.name == "snapshot":
        return snapshot_schema()
    return _value_schema(f)


def _record_schema(cls: type[Record]) -> dict[str, Any]:
    properties = {f.name: _field_schema(cls, f) for f in record_type(cls).fields}
    return {
        "title": cls.__name__,
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }


def def_name(cls: type[Record]) -> str:
    """The name of a record type's definition in `$defs` (AgendaItem: agenda_item)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def schema_from_model() -> dict[str, Any]:
    """The JSON Schema of the current format, derived from the registry of record types."""
    defs: dict[str, Any] = {
        "uuid": {"type": "string", "format": "uuid", "pattern": UUID.pattern},
        "date": {"type": "string", "format": "date", "pattern": DATE.pattern},
        "time": {"type": "string", "pattern": TIME},
        "datetime": {"type": "string", "format": "date-time", "pattern": DATETIME.pattern},
    }
    for name in list(defs):  # `pattern` and `format` apply to strings only, so null passes
        defs[f"{name}_or_null"] = {**defs[name], "type": ["string", "null"]}
    defs["programme"] = _record_schema(Programme)
    records: dict[str, Any] = {}
    for cls, key in RECORD_KEYS.items():
        defs[def_name(cls)] = _record_schema(cls)
        records[key] = {"type": "array", "items": {"$ref": f"#/$defs/{def_name(cls)}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Verkstad programme",
        "description": "One advisory programme with every record that belongs to it. See export-format.md.",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "programme": {"$ref": "#/$defs/programme"},
            "records": {"type": "object", "properties": records, "additionalProperties": False},
            "revisions": _revisions_schema(),
        },
        "required": ["format", "version", "programme", "records", "revisions"],
        "additionalProperties": False,
        "$defs": defs,
    }


STAMP = re.compile(UUID.pattern[:-1] + r":[1-9][0-9]{0,17}$")


def _revisions_schema() -> dict[str, Any]:
    """What a merge compares: per other copy the highest counter taken in, per record and field
    the copy and counter of the change that gave it its value."""
    counter = {"type": "integer", "minimum": 0, "maximum": 2**63 - 1}
    fields = {"type": "object", "propertyNames": {"pattern": r"^[a-z_]{1,64}$"},
              "additionalProperties": {"type": "string", "pattern": STAMP.pattern}}
    return {
        "type": "object",
        "properties": {
            "knowledge": {"type": "object", "propertyNames": {"pattern": UUID.pattern},
                          "additionalProperties": counter},
            "stamps": {"type": "object", "propertyNames": {"pattern": UUID.pattern}, "additionalProperties": fields},
        },
        "required": ["knowledge", "stamps"],
        "additionalProperties": False,
    }


def schema_text() -> str:
    """The text of the shipped schema file: `schema_from_model()`, two-space indent, UTF-8."""
    return json.dumps(schema_from_model(), ensure_ascii=False, indent=2) + "\n"


def schema_path() -> Path:
    return resource("schema", "verkstad-programme.schema.json")


@cache
def schema() -> dict[str, Any]:
    """The shipped JSON Schema."""
    return json.loads(schema_path().read_text(encoding="utf-8"))
