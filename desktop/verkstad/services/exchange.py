"""Export a whole programme to one JSON document and import it back, validating first.

The format ("verkstad-programme", see docs/export-format.md) keeps every record of the
programme, its UUIDs and timestamps and its deleted-marked records, so an export
imported into an empty database and exported again gives the same bytes. Import
refuses a file before writing anything when it is not JSON, does not follow the JSON
Schema (resources/schema/verkstad-programme.schema.json), points at records it does
not hold, or holds a programme the database already has.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import math
import os
import re
import tempfile
import types
import typing
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from verkstad.domain import model
from verkstad.domain.model import ALL_RECORD_TYPES, Programme, Record
from verkstad.i18n import LANGUAGES, N_, _
from verkstad.paths import resource

FORMAT = "verkstad-programme"
VERSION = 1  # the newest format version this Verkstad reads and the one it writes
SCHEMA_ID = "https://verkstad.invalid/schema/verkstad-programme-1.schema.json"

# The key of each record type in the document's "records" object (the programme
# itself is the top-level "programme"). Part of the format: never rename.
RECORD_KEYS: dict[type[Record], str] = {
    model.Phase: "phases",
    model.Organisation: "organisations",
    model.Person: "people",
    model.Meeting: "meetings",
    model.AgendaItem: "agenda_items",
    model.ChecklistItem: "checklist_items",
    model.Attendance: "attendance",
    model.Theme: "themes",
    model.Activity: "activities",
    model.Entry: "entries",
    model.Draft: "drafts",
    model.Agreement: "agreements",
    model.AgreementVersion: "agreement_versions",
}

# Which record type a reference field points at (a field named `*_id` or `*_ids`).
REFERENCES: dict[str, type[Record]] = {
    "programme_id": Programme,
    "phase_id": model.Phase,
    "organisation_id": model.Organisation,
    "meeting_id": model.Meeting,
    "person_id": model.Person,
    "responsible_id": model.Person,
    "responsible_person_id": model.Person,
    "owner_id": model.Person,
    "agenda_item_id": model.AgendaItem,
    "current_item_id": model.AgendaItem,
    "theme_id": model.Theme,
    "theme_ids": model.Theme,
    "activity_id": model.Activity,
    "agreement_id": model.Agreement,
}

# The field through which a record belongs to its programme, in order of preference.
_OWNERS: tuple[tuple[str, type[Record]], ...] = (
    ("programme_id", Programme),
    ("meeting_id", model.Meeting),
    ("agreement_id", model.Agreement),
)

# Fields whose values come from a fixed set that the default value does not reveal.
_CHOICES: dict[tuple[type[Record], str], list[str]] = {
    (Programme, "language"): list(LANGUAGES),
    (model.Organisation, "language"): list(LANGUAGES),
    (model.Phase, "required_roles"): [r.value for r in model.Role],
    (model.Entry, "impact"): [i.value for i in model.Impact],
    (model.Activity, "impact"): [i.value for i in model.Impact],
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{6})?$"
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class ExchangeError(ValueError):
    """A file or a request the user gave cannot be exported or imported; the text says why."""


# -- values ---------------------------------------------------------------------------


@cache
def _fields(cls: type[Record]) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type, nullable) of each field of a record type, in declaration order."""
    hints = typing.get_type_hints(cls)
    found = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        nullable = False
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            nullable = len(args) < len(typing.get_args(hint))
            hint = args[0]
        found.append((f.name, hint, nullable))
    return tuple(found)


@cache
def _base(hint: Any) -> Any:
    return typing.get_origin(hint) or hint


def format_datetime(value: dt.datetime) -> str:
    """ISO 8601 in UTC with microseconds and a Z: the one spelling the format writes."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given where UTC is required")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _encode(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    base = _base(hint)
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


def _decode(value: Any, hint: Any) -> Any:
    """The Python value of a JSON value that passed the schema; ValueError when it is no
    real date or time (the schema checks only the shape)."""
    if value is None:
        return None
    base = _base(hint)
    if base is dt.datetime:
        return dt.datetime.fromisoformat(value[:-1]).replace(tzinfo=dt.UTC)
    if base is dt.date:
        return dt.date.fromisoformat(value)
    if base is dt.time:
        return dt.time.fromisoformat(value)
    if base is float:
        return float(value)
    if base is int:
        return int(value)
    return value


def to_json(obj: Record) -> dict[str, Any]:
    """A record as a JSON object: every field, in the format's spelling."""
    return {name: _encode(getattr(obj, name), hint) for name, hint, _n in _fields(type(obj))}


def from_json(cls: type[Record], data: dict[str, Any]) -> Record:
    return cls(**{name: _decode(data[name], hint) for name, hint, _n in _fields(cls)})


# -- the schema --------------------------------------------------------------------------


def _value_schema(cls: type[Record], name: str, hint: Any, nullable: bool) -> dict[str, Any]:
    base = _base(hint)
    default = next(f.default for f in dataclasses.fields(cls) if f.name == name)
    choices = _CHOICES.get((cls, name))
    if choices is None and isinstance(default, enum.Enum):
        choices = [m.value for m in type(default)]
    if name == "id" or name in REFERENCES and base is str:
        schema: dict[str, Any] = {"$ref": "#/$defs/uuid"}
    elif base is dt.datetime:
        schema = {"$ref": "#/$defs/datetime"}
    elif base is dt.date:
        schema = {"$ref": "#/$defs/date"}
    elif base is dt.time:
        schema = {"$ref": "#/$defs/time"}
    elif base is list:
        (item,) = typing.get_args(hint) or (Any,)
        items: dict[str, Any] = {}
        if name in REFERENCES:
            items = {"$ref": "#/$defs/uuid"}
        elif choices:
            items = {"enum": choices}
        elif item is str:
            items = {"type": "string"}
        schema = {"type": "array", "items": items}
        choices = None
    elif base is dict:
        args = typing.get_args(hint)
        schema = {"type": "object"}
        if args and args[1] is str:
            schema["additionalProperties"] = {"type": "string"}
    else:
        schema = {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}[base]}
        if base is int:  # what SQLite stores
            schema.update(minimum=-(2**63), maximum=2**63 - 1)
    if choices:
        schema = {"enum": choices + ([None] if nullable else [])}
    elif nullable and "$ref" in schema:
        schema = {"$ref": schema["$ref"] + "_or_null"}
    elif nullable:
        schema = {**schema, "type": [schema["type"], "null"]}
    return schema


def _record_schema(cls: type[Record]) -> dict[str, Any]:
    properties = {name: _value_schema(cls, name, hint, nullable) for name, hint, nullable in _fields(cls)}
    return {
        "title": cls.__name__,
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }


def schema_from_model() -> dict[str, Any]:
    """The JSON Schema of the current format, derived from the domain dataclasses.

    The shipped schema file is this, written out (scripts/export_schema.py); a test
    keeps the two equal, so a new field cannot slip past the format unnoticed.
    """
    defs: dict[str, Any] = {
        "uuid": {"type": "string", "format": "uuid", "pattern": _UUID.pattern},
        "date": {"type": "string", "format": "date", "pattern": _DATE.pattern},
        "time": {"type": "string", "pattern": _TIME},
        "datetime": {"type": "string", "format": "date-time", "pattern": _DATETIME.pattern},
    }
    for name in list(defs):  # `pattern` and `format` apply to strings only, so null passes
        defs[f"{name}_or_null"] = {**defs[name], "type": ["string", "null"]}
    defs["programme"] = _record_schema(Programme)
    records: dict[str, Any] = {}
    for cls, key in RECORD_KEYS.items():
        defs[_def_name(cls)] = _record_schema(cls)
        records[key] = {"type": "array", "items": {"$ref": f"#/$defs/{_def_name(cls)}"}}
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
        },
        "required": ["format", "version", "programme", "records"],
        "additionalProperties": False,
        "$defs": defs,
    }


def _def_name(cls: type[Record]) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def schema_path() -> Path:
    return resource("schema", "verkstad-programme.schema.json")


@cache
def schema() -> dict[str, Any]:
    """The shipped JSON Schema."""
    return json.loads(schema_path().read_text(encoding="utf-8"))


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return True  # the pattern reports it
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str) or not _DATETIME.match(value):
        return True
    try:
        dt.datetime.fromisoformat(value[:-1])
    except ValueError:
        return False
    return True


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local `$ref` replaced by its definition (the format has no
    recursion): the same rules, checked about three times faster."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


@cache
def _validator():
    from jsonschema import Draft202012Validator, FormatChecker

    # Our own checkers: jsonschema's date-time check silently passes without an
    # optional package, and its date check accepts 20270101.
    checker = FormatChecker(formats=())
    checker.checks("date")(_is_date)
    checker.checks("date-time")(_is_datetime)
    return Draft202012Validator(_inline(schema(), schema()["$defs"]), format_checker=checker)


# -- messages ------------------------------------------------------------------------------


def json_path(parts) -> str:
    """`records.phases[2].start_date` for the path ("records", "phases", 2, "start_date")."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("a list")
    return _("an object")


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _schema_problem(error) -> str:
    """A translated description of one jsonschema error (without its path)."""
    kind, schema_ = error.validator, error.schema
    value = error.instance
    if kind in ("format", "pattern"):
        what = {
            _DATE.pattern: _("a date (YYYY-MM-DD)"),
            _TIME: _("a time (HH:MM:SS)"),
            _DATETIME.pattern: _("a date and time in UTC (YYYY-MM-DDTHH:MM:SS.ffffffZ)"),
            _UUID.pattern: _("a UUID"),
        }.get(schema_.get("pattern"))
        if what is None:
            return error.message
        return _("{value} is not {what}").format(value=_show(value), what=what)
    if kind in ("minimum", "maximum"):
        return _("{value} is out of range").format(value=_show(value))
    if kind == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        names = {"string": _("a string"), "integer": _("a whole number"), "number": _("a number"),
                 "boolean": _("true or false"), "array": _("a list"), "object": _("an object"),
                 "null": "null"}
        return _("expected {expected}, found {found}").format(
            expected=_(" or ").join(names.get(e, e) for e in expected), found=_json_type(value))
    if kind == "required":
        missing = [n for n in error.validator_value if n not in value]
        return _("the field “{name}” is missing").format(name=missing[0] if missing else "?")
    if kind == "additionalProperties":
        allowed = set(schema_.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed)
        return _("unknown field “{name}”").format(name=extra[0] if extra else "?")
    if kind == "enum":
        return _("{value} is not one of: {choices}").format(
            value=_show(value), choices=", ".join(_show(c) for c in error.validator_value))
    if kind == "const":
        return _("{value} should be {expected}").format(value=_show(value),
                                                         expected=_show(error.validator_value))
    if kind == "anyOf":
        # a nullable reference or time: report the non-null alternative's complaint
        for sub in error.context:
            if sub.validator != "type" or sub.validator_value != "null":
                return _schema_problem(sub)
    return error.message


def _path_key(error) -> tuple:
    return tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in error.absolute_path)


def _refuse(path: Path, where: str, problem: str) -> ExchangeError:
    if where:
        return ExchangeError(_("“{file}” does not follow the Verkstad format at {where}: {problem}").format(
            file=path, where=where, problem=problem))
    return ExchangeError(_("“{file}” does not follow the Verkstad format: {problem}").format(
        file=path, problem=problem))


# -- reading and checking a file --------------------------------------------------------------


def read_document(path: str | Path) -> dict[str, Any]:
    """Parse and validate a programme file completely; raise ExchangeError on the first problem.

    Checks, in order: JSON syntax, format name and version, the JSON Schema, real dates
    and times, unique ids, and that every reference points at a record of the right
    type in the file (or is null where allowed).
    """
    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError(_("“{file}” is not a UTF-8 text file (byte {offset} cannot be read).").format(
            file=path, offset=exc.start)) from None
    try:
        doc = json.loads(text, parse_float=_finite_float, parse_constant=_refuse_constant)
    except _NotFinite as exc:
        raise ExchangeError(_("“{file}” is not valid JSON: {number} is not a finite number.").format(
            file=path, number=exc.args[0])) from None
    except RecursionError:
        raise ExchangeError(_("“{file}” is nested too deeply to be a Verkstad programme file.").format(
            file=path)) from None
    except json.JSONDecodeError as exc:
        cut_in_string = exc.msg.startswith("Unterminated string") and "\n" not in text[exc.pos:].rstrip()
        if text.strip() and (exc.pos >= len(text.rstrip()) - 1 or cut_in_string):
            raise ExchangeError(_("“{file}” is not valid JSON: it ends too early, at line {line}, column "
                                  "{column} (was it cut short?)").format(
                file=path, line=exc.lineno, column=exc.colno)) from None
        raise ExchangeError(_("“{file}” is not valid JSON: line {line}, column {column}: {problem}").format(
            file=path, line=exc.lineno, column=exc.colno, problem=exc.msg)) from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise ExchangeError(_("“{file}” is not valid JSON: {problem}").format(file=path, problem=exc)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ExchangeError(_("“{file}” is not a Verkstad programme file (its “format” is not “{format}”).").format(
            file=path, format=FORMAT))
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise ExchangeError(_("“{file}” was written in version {version} of the Verkstad format; this Verkstad "
                              "reads up to version {supported}. Update Verkstad to import it.").format(
            file=path, version=version, supported=VERSION))
    try:
        errors = sorted(_validator().iter_errors(doc), key=_path_key)
    except RecursionError:
        raise ExchangeError(_("“{file}” is nested too deeply to be a Verkstad programme file.").format(
            file=path)) from None
    if errors:
        error = errors[0]
        raise _refuse(path, json_path(error.absolute_path), _schema_problem(error))
    if _SURROGATE_ESCAPE.search(text):
        _check_text(path, doc, [])
    _check_values(path, doc)
    _check_references(path, doc)
    return doc


class _NotFinite(ValueError):
    pass


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def _refuse_constant(name: str) -> None:
    raise _NotFinite(name)  # NaN, Infinity: Python reads them, JSON does not have them


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_text(path: Path, node: Any, where: list) -> None:
    """Refuse strings that cannot be stored as text: an escaped UTF-16 surrogate without its pair."""
    if isinstance(node, str):
        try:
            node.encode("utf-8")
        except UnicodeEncodeError:
            raise _refuse(path, json_path(where), _("{value} holds half of a UTF-16 character pair").format(
                value=json.dumps(node))) from None
    elif isinstance(node, dict):
        for key, value in node.items():
            _check_text(path, key, where)
            _check_text(path, value, [*where, key])
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _check_text(path, value, [*where, i])


def _records_of(doc: dict[str, Any]) -> Iterator[tuple[type[Record], list, int, dict[str, Any]]]:
    """(type, path, index, data) of every record in the document, the programme first."""
    yield Programme, ["programme"], 0, doc["programme"]
    for cls, key in RECORD_KEYS.items():
        for i, data in enumerate(doc["records"].get(key, [])):
            yield cls, ["records", key, i], i, data


def _check_values(path: Path, doc: dict[str, Any]) -> None:
    for cls, where, _i, data in _records_of(doc):
        for name, hint, _n in _fields(cls):
            try:
                _decode(data[name], hint)
            except ValueError:
                what = {dt.date: _("a date"), dt.time: _("a time"), dt.datetime: _("a date and time")}
                problem = _("{value} is not {what}").format(value=_show(data[name]),
                                                            what=what.get(_base(hint), _("valid")))
                raise _refuse(path, json_path([*where, name]), problem) from None


TYPE_TITLES: dict[type[Record], str] = {
    Programme: N_("programme"),
    model.Phase: N_("phase"),
    model.Organisation: N_("organisation"),
    model.Person: N_("person"),
    model.Meeting: N_("meeting"),
    model.AgendaItem: N_("agenda item"),
    model.ChecklistItem: N_("checklist item"),
    model.Attendance: N_("attendance record"),
    model.Theme: N_("theme"),
    model.Activity: N_("activity"),
    model.Entry: N_("entry"),
    model.Draft: N_("draft"),
    model.Agreement: N_("agreement"),
    model.AgreementVersion: N_("agreement version"),
}


def _type_title(cls: type[Record]) -> str:
    return _(TYPE_TITLES[cls])


def _check_references(path: Path, doc: dict[str, Any]) -> None:
    ids: dict[str, type[Record]] = {}
    for cls, where, _i, data in _records_of(doc):
        if data["id"] in ids:
            raise _refuse(path, json_path([*where, "id"]), _("the id {id} is used twice").format(id=data["id"]))
        ids[data["id"]] = cls
    for cls, where, _i, data in _records_of(doc):
        for name, _hint, _n in _fields(cls):
            target = REFERENCES.get(name)
            if target is None or data[name] is None:
                continue
            values = data[name] if isinstance(data[name], list) else [data[name]]
            for k, value in enumerate(values):
                if ids.get(value) is not target:
                    at = [*where, name, k] if isinstance(data[name], list) else [*where, name]
                    raise _refuse(path, json_path(at), _("the file holds no {type} with the id {id}").format(
                        type=_type_title(target), id=value))


# -- export ----------------------------------------------------------------------------------


def find_programme(services, ref: str | None) -> Programme:
    """The programme named or identified by `ref`, or the only one when `ref` is None."""
    records = services.records
    live = records.list(Programme)
    if ref is None:
        if len(live) == 1:
            return live[0]
        if not live:
            raise ExchangeError(_("The database holds no programme."))
        names = "; ".join(f"“{p.name}” ({p.id})" for p in sorted(live, key=lambda p: p.name.casefold()))
        raise ExchangeError(_("The database holds several programmes; choose one with --programme: {names}").format(
            names=names))
    everything = records.list(Programme, include_deleted=True)
    by_id = [p for p in everything if p.id == ref.strip()]
    if by_id:
        return by_id[0]
    by_name = [p for p in live if p.name.casefold() == ref.strip().casefold()]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        raise ExchangeError(_("Several programmes are called “{name}”; give the id of one: {ids}").format(
            name=ref, ids=", ".join(p.id for p in by_name)))
    raise ExchangeError(_("No programme is called or has the id “{ref}”.").format(ref=ref))


def programme_records(services, programme: Programme) -> dict[type[Record], list[Record]]:
    """Every record of the programme, deleted-marked ones too, by type, sorted by
    created_at then id."""
    from sqlalchemy import select

    found: dict[type[Record], list[Record]] = {Programme: [programme]}
    with services.db.session() as s:
        for cls in ALL_RECORD_TYPES:
            if cls is Programme:
                continue
            names = {f.name for f in dataclasses.fields(cls)}
            owner_field, owner_cls = next((n, c) for n, c in _OWNERS if n in names)
            owner_ids = [o.id for o in found[owner_cls]]
            rows: list[Record] = []
            for start in range(0, len(owner_ids), 500):  # SQLite's limit on bound parameters
                chunk = owner_ids[start:start + 500]
                rows += s.scalars(select(cls).where(getattr(cls, owner_field).in_(chunk))).all()
            found[cls] = sorted(rows, key=lambda r: (r.created_at, r.id))
    return found


def programme_document(services, programme: Programme) -> dict[str, Any]:
    found = programme_records(services, programme)
    return {
        "format": FORMAT,
        "version": VERSION,
        "programme": to_json(programme),
        "records": {key: [to_json(r) for r in found[cls]] for cls, key in RECORD_KEYS.items()},
    }


def dumps(doc: dict[str, Any]) -> str:
    """The canonical text of a document: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_programme(services, programme_ref: str | None, out_path: str | Path) -> int:
    """Write the programme to `out_path`; returns how many records (the programme included)."""
    out_path = Path(out_path)
    if out_path.is_dir():
        raise ExchangeError(_("“{path}” is a folder; give the name of the file to write.").format(path=out_path))
    if not out_path.absolute().parent.is_dir():
        raise ExchangeError(_("The folder “{folder}” does not exist.").format(folder=out_path.absolute().parent))
    programme = find_programme(services, programme_ref)
    doc = programme_document(services, programme)
    _write_atomically(out_path, dumps(doc))
    return 1 + sum(len(v) for v in doc["records"].values())


# -- import ----------------------------------------------------------------------------------


def _check_not_present(services, path: Path, doc: dict[str, Any]) -> None:
    from sqlalchemy import select

    with services.db.session() as s:
        programme = s.get(Programme, doc["programme"]["id"])
        if programme is not None:
            raise ExchangeError(_("The programme “{name}” ({id}) of “{file}” is already in this database; "
                                  "nothing was imported.").format(name=programme.name, id=programme.id,
                                                                  file=path))
        present: set[str] = set()
        for cls, key in RECORD_KEYS.items():
            ids = [row["id"] for row in doc["records"].get(key, [])]
            for start in range(0, len(ids), 500):
                present.update(s.scalars(select(cls.id).where(cls.id.in_(ids[start:start + 500]))))
        for cls, where, _i, data in _records_of(doc):
            if cls is not Programme and data["id"] in present:
                raise ExchangeError(_("“{file}” cannot be imported: {where} ({type}) {id} is already in "
                                      "this database; nothing was imported.").format(
                    file=path, where=json_path([*where, "id"]), type=_type_title(cls), id=data["id"]))


def import_programme(services, path: str | Path) -> Programme:
    """Validate the file completely, back the database up if it holds data, then add
    every record in one transaction. Returns the imported programme."""
    path = Path(path)
    doc = read_document(path)
    _check_not_present(services, path, doc)
    objs = [from_json(cls, data) for cls, _w, _i, data in _records_of(doc)]
    if services.records.list(Programme, include_deleted=True):
        services.db.backup("before-import")
    services.records.add_all(objs)
    return objs[0]
