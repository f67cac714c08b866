"""The vocabulary of the exchange format and the JSON encoding of records (both ways).

Which record types the format holds, under which key, and where their references point
are read from the registry (`domain/registry.py`); this module adds only the spelling
of values: ISO 8601 dates and times, UTC timestamps with a Z, choices as their keys.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from typing import Any

from verkstad.domain.model import Programme, Record
from verkstad.domain.registry import Field, record_type, record_types
from verkstad.errors import VerkstadError

FORMAT = "verkstad-programme"
VERSION = 6  # the newest format version this Verkstad reads and the one it writes
SCHEMA_ID = "https://verkstad.invalid/schema/verkstad-programme-6.schema.json"

# The key of each record type in the document's "records" object (the programme
# itself is the top-level "programme"): its table name. Part of the format: never rename.
RECORD_KEYS: dict[type[Record], str] = {t.cls: t.table for t in record_types() if t.cls is not Programme}

# Which record type a reference field points at (a field named `*_id` or `*_ids`). One
# name means one target in every type; the registry says so per type (`references`).
REFERENCES: dict[str, type[Record]] = {
    name: ref.target for t in record_types() for name, ref in t.references.items()
}

# The type of each record in words, for messages (N_ messages: translate with `_()`).
TYPE_TITLES: dict[type[Record], str] = {t.cls: t.title for t in record_types()}


class ExchangeError(VerkstadError, ValueError):
    """A file or a request the user gave cannot be exported or imported; the text says why."""


def fields(cls: type[Record]) -> tuple[Field, ...]:
    """The fields of a record type, in declaration order."""
    return record_type(cls).fields


# (name, base type) of each field of each record type: what encoding and decoding look at.
_SPELLINGS: dict[type[Record], tuple[tuple[str, Any], ...]] = {
    t.cls: tuple((f.name, f.type) for f in t.fields) for t in record_types()
}


def format_datetime(value: dt.datetime) -> str:
    """ISO 8601 in UTC with microseconds and a Z: the one spelling the format writes (isoformat
    writes it in C: strftime took a fifth of an export)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given where UTC is required")
    if value.utcoffset():
        value = value.astimezone(dt.UTC)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _iso(value: dt.date | dt.time) -> str:
    return value.isoformat()


def _choice(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _encoder(base: Any) -> Any:
    """The function `encode` applies to a non-null value of a field of this base type (None: as it is)."""
    if base is dt.datetime:
        return format_datetime
    if base in (dt.date, dt.time):
        return _iso
    if base is float:
        return float
    if base is int:
        return int
    if base is str:
        return _choice
    if base in (list, dict):
        return _structure
    return None


def _structure(value: Any) -> Any:
    """A list or object field; as stored text (an export reads JSON columns as their text, which
    orjson parses faster than the database driver's json module), parsed."""
    if isinstance(value, str):
        import orjson

        return orjson.loads(value)
    return value


def encode(value: Any, base: Any) -> Any:
    """The JSON value of a field's Python value; `base` is the field's base type."""
    if value is None:
        return None
    if base is dt.datetime:
        return format_datetime(value)
    if base in (dt.date, dt.time):
        return value.isoformat()
    if base is float:
        return float(value)
    if base is int:
        return int(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def decode(value: Any, base: Any) -> Any:
    """The Python value of a JSON value that passed the schema; ValueError when it is no
    real date or time (the schema checks only the shape)."""
    if value is None:
        return None
    if base is dt.datetime:  # the schema's pattern ends it in Z, which fromisoformat reads as UTC
        return dt.datetime.fromisoformat(value)
    if base is dt.date:
        return dt.date.fromisoformat(value)
    if base is dt.time:
        return dt.time.fromisoformat(value)
    if base is float:
        return float(value)
    if base is int:
        return int(value)
    return value


# (name, encoder) of each field of each record type: `encode` decided once per field, not per value.
_ENCODERS: dict[type[Record], tuple[tuple[str, Any], ...]] = {
    cls: tuple((name, _encoder(base)) for name, base in spellings) for cls, spellings in _SPELLINGS.items()
}


def _stored_datetime(value: Any) -> str:
    """A timestamp as an export reads it from SQLite, as text ("2027-03-01 09:03:00.000000", how
    SQLAlchemy stores one: naive UTC, always with microseconds), or as a server gives it (a
    datetime), in the format's spelling."""
    if isinstance(value, str) and len(value) == 26 and value[10] == " ":
        return value[:10] + "T" + value[11:] + "Z"
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return format_datetime(value if value.tzinfo else value.replace(tzinfo=dt.UTC))


# The same for stored rows: a choice is stored as its key already, a timestamp read as stored.
_ROW_ENCODERS: dict[type[Record], tuple[tuple[str, Any], ...]] = {
    cls: tuple((name, _stored_datetime if base is dt.datetime else None if base is str else _encoder(base))
               for name, base in spellings) for cls, spellings in _SPELLINGS.items()
}


def _encoded(encoders: tuple[tuple[str, Any], ...], get) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, fn in encoders:
        value = get(name)
        found[name] = value if value is None or fn is None else fn(value)
    return found


def to_json(obj: Record) -> dict[str, Any]:
    """A record as a JSON object: every field, in the format's spelling."""
    return _encoded(_ENCODERS[type(obj)], lambda name: getattr(obj, name))


def rows_to_json(cls: type[Record], rows: list[Any]) -> list[dict[str, Any]]:
    """Stored rows (Core rows of the record type's fields, `exchange_repo.programme_rows`) as
    `to_json` writes the records: each row made a dict at once, then only the fields whose stored
    value is not their JSON value changed (a whole number is one already), some three times faster
    than field by field."""
    if not rows:
        return []
    fields = {name: name for name, _fn in _ROW_ENCODERS[cls]}  # the labels as plain str keys
    names = tuple(fields[label] for label in rows[0]._fields)
    if len(names) != len(fields):
        raise ValueError(f"the rows of {cls.__name__} do not hold all its fields: {names}")
    encoders = [(name, fn) for name, fn in _ROW_ENCODERS[cls] if fn is not None and fn is not int]
    found: list[dict[str, Any]] = []
    for row in rows:
        data = dict(zip(names, row, strict=True))
        for name, fn in encoders:
            value = data[name]
            if value is not None:
                data[name] = fn(value)
        found.append(data)
    return found


def from_json(cls: type[Record], data: dict[str, Any]) -> Record:
    return cls(**decoded(cls, data))


def decoded(cls: type[Record], data: dict[str, Any]) -> dict[str, Any]:
    """A record's JSON object as the Python values of its fields (a row to insert through Core)."""
    return decode_in_place(cls, dict(data))


# (name, base type) of the fields whose JSON value is not already their Python value.
_DECODED: dict[type[Record], tuple[tuple[str, Any], ...]] = {
    cls: tuple((name, base) for name, base in spellings if base in (dt.datetime, dt.date, dt.time, float, int))
    for cls, spellings in _SPELLINGS.items()
}


def decode_in_place(cls: type[Record], data: dict[str, Any]) -> dict[str, Any]:
    """`decoded`, made of the JSON object itself (which holds exactly the record's fields once
    validated): only its dates, times and numbers change. An import's hundred thousand records
    become rows without a second dict each."""
    for name, base in _DECODED[cls]:
        value = data[name]
        if value is not None:
            data[name] = decode(value, base)
    return data


def dumps(doc: dict[str, Any]) -> str:
    """The canonical text of a document: sorted keys, two-space indent, UTF-8, final newline.
    Written by orjson, which gives the same text as `json.dumps(doc, ensure_ascii=False,
    indent=2, sort_keys=True)` (but for the exponent of a float below 1e-4, "1e-7" rather
    than "1e-07", the same number) some twenty times faster: Python's json module indents in
    Python, and that was half of an export."""
    import orjson

    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE).decode()


def json_path(parts) -> str:
    """`records.phases[2].start_date` for the path ("records", "phases", 2, "start_date")."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def records_of(doc: dict[str, Any]) -> Iterator[tuple[type[Record], list, int, dict[str, Any]]]:
    """(type, path, index, data) of every record in the document, the programme first."""
    yield Programme, ["programme"], 0, doc["programme"]
    for cls, key in RECORD_KEYS.items():
        for i, data in enumerate(doc["records"].get(key, [])):
            yield cls, ["records", key, i], i, data


# What each format version added to records of the version before, with the value a record of
# the older version means: an older file is upgraded step by step before it is validated.
ADDED_FIELDS: dict[int, dict[str, dict[str, Any]]] = {
    2: {  # issue 11: contract parts and the request of a version sent for comment
        "programme": {"lead_partner_id": None},
        "organisations": {"register_number": "", "country": None},
        "agreements": {"contact_id": None, "signatory_id": None, "team_contact_id": None,
                       "team_signatory_id": None},
        "agreement_versions": {"comments_by": None, "reply_to_id": None},
        "meetings": {"reply_by": None, "contact_id": None, "note_taker_id": None},
    },
    3: {  # issue 11: texts in the other languages of the programme, the team's logo
        "programme": {"translations": {}, "logo": ""},
        "phases": {"translations": {}},
        "meetings": {"translations": {}},
        "agenda_items": {"translations": {}},
        "themes": {"translations": {}},
    },
    6: {  # issue 9: pilot projects, good examples, a case story's photo (and the evaluation's new lists)
        "activities": {"kind": "activity", "goal": "", "result": "", "good_example": False},
        "entries": {"good_example": False, "done": False},
        "agenda_items": {"activity_id": None},
        "progress_updates": {"good_example": False},
        "case_stories": {"photo": "", "photo_caption": ""},
    },
}


def parse_stamp(text: str) -> tuple[str, int]:
    """("device", counter) of a stamp as the format spells it, "device:counter"."""
    device, _sep, counter = text.rpartition(":")
    return device, int(counter)


def upgrade(doc: dict[str, Any]) -> dict[str, Any]:
    """An older version's document as the newest version says the same (in place). Only the
    shapes the older version had are touched; anything else is left for validation to refuse."""
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version < VERSION:
        return doc
    records = doc.get("records")
    for step in range(version + 1, VERSION + 1):
        for key, added in ADDED_FIELDS.get(step, {}).items():
            if key == "programme":
                targets = [doc.get("programme")]
            else:
                found = records.get(key) if isinstance(records, dict) else None
                targets = found if isinstance(found, list) else []
            for record in targets:
                if isinstance(record, dict):
                    for name, value in added.items():
                        record.setdefault(name, value)
    if version < 4:  # version 4 added the revisions a merge compares; an older file has none: every
        # field has held its value since its record was made, and the file took in no other copy's work
        doc.setdefault("revisions", {"knowledge": {}, "stamps": {}})
    doc["version"] = VERSION
    return doc
