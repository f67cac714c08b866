"""Reading and checking a programme file completely before anything is written.

Checks, in order: UTF-8 and JSON syntax, format name and version, the JSON Schema, real
dates and times, unique ids, and that every reference points at a record of the right
type in the file. Each refusal is one translated message naming the file and the place
(a JSON path such as `records.meetings[3].phase_id`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

from verkstad.domain.model import CaseStory, EvaluationSheet, Programme, Record
from verkstad.domain.registry import REGISTRY
from verkstad.errors import RuleError
from verkstad.gcpause import no_cyclic_gc
from verkstad.i18n import N_, _
from verkstad.services import logos
from verkstad.services.exchange.codec import (
    FORMAT,
    TYPE_TITLES,
    VERSION,
    ExchangeError,
    decode,
    fields,
    json_path,
    records_of,
    upgrade,
)
from verkstad.services.exchange.schema import DATE, DATETIME, TIME, UUID, schema
from verkstad.storage.revisions import UNSTAMPED

# -- the validator ----------------------------------------------------------------------------


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not DATE.match(value):
        return True  # the pattern reports it
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str) or not DATETIME.match(value):
        return True
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _inline(node: Any, defs: dict[str, Any], drop: tuple[str, ...] = ("$defs",)) -> Any:
    """The schema with every local `$ref` replaced by its definition (the format has no
    recursion): the same rules, checked about three times faster. The keywords in `drop` are
    left out wherever they are keywords (not where they name a property)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
            return _inline(defs[ref.removeprefix("#/$defs/")], defs, drop)
        return {k: (_names(v, defs, drop) if k == "properties" else _inline(v, defs, drop))
                for k, v in node.items() if k not in drop}
    if isinstance(node, list):
        return [_inline(v, defs, drop) for v in node]
    return node


def _names(properties: dict[str, Any], defs: dict[str, Any], drop: tuple[str, ...]) -> dict[str, Any]:
    """A `properties` object: its keys are the names of fields (a record has one called "format")."""
    return {name: _inline(sub, defs, drop) for name, sub in properties.items()}


@cache
def _fast_validator():
    """The same schema compiled to Python (fastjsonschema): some forty times faster than
    jsonschema on a large file. It only says whether a document is valid; when it is not,
    jsonschema finds the problem and says it as it always has (`read_document`).

    It leaves the formats out: the patterns still apply, and whether a date that has the
    pattern's shape is a real date (2027-02-30) is found by `_check_values`, which decodes every
    date anyway and then lets jsonschema say it (half of this validator's time went on
    parsing each date twice)."""
    import fastjsonschema

    inlined = _inline(schema(), schema()["$defs"], drop=("$schema", "$defs", "format"))
    return fastjsonschema.compile(inlined)


def _valid_fast(doc: dict[str, Any]) -> bool:
    import fastjsonschema

    try:
        _fast_validator()(doc)
    except (fastjsonschema.JsonSchemaException, RecursionError):
        return False
    return True


@cache
def _snapshot_validator():
    import fastjsonschema

    from verkstad.services.exchange.schema import snapshot_schema

    return fastjsonschema.compile(snapshot_schema())


def snapshot_problem(snapshot: object) -> str | None:
    """What an agreement version's snapshot lacks for its documents to be printed; None if nothing."""
    import fastjsonschema

    try:
        _snapshot_validator()(snapshot)
    except fastjsonschema.JsonSchemaException as exc:
        return str(exc)
    return None


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
            DATE.pattern: _("a date (YYYY-MM-DD)"),
            TIME: _("a time (HH:MM:SS)"),
            DATETIME.pattern: _("a date and time in UTC (YYYY-MM-DDTHH:MM:SS.ffffffZ)"),
            UUID.pattern: _("a UUID"),
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


def refuse(path: Path, where: str, problem: str) -> ExchangeError:
    """The error for a file that breaks the format at `where` (a JSON path, or "")."""
    if where:
        return ExchangeError(_("“{file}” does not follow the Verkstad format at {where}: {problem}").format(
            file=path, where=where, problem=problem))
    return ExchangeError(_("“{file}” does not follow the Verkstad format: {problem}").format(
        file=path, problem=problem))


def type_title(cls: type[Record]) -> str:
    return _(TYPE_TITLES[cls])


# -- reading and checking a file --------------------------------------------------------------


@no_cyclic_gc()
def read_document(path: str | Path) -> dict[str, Any]:
    """Parse and validate a programme file completely; raise ExchangeError on the first problem.

    Checks, in order: JSON syntax, format name and version, the JSON Schema, real dates
    and times, unique ids, and that every reference points at a record of the right
    type in the file (or is null where allowed).
    """
    path = Path(path)
    raw = path.read_bytes()
    for mark, encoding in ((b"\xef\xbb\xbf", N_("UTF-8 with a byte-order mark")), (b"\xff\xfe", "UTF-16"),
                           (b"\xfe\xff", "UTF-16")):
        if raw.startswith(mark):
            raise ExchangeError(_("“{file}” is written in {encoding}; a Verkstad programme file is UTF-8 without "
                                  "a byte-order mark. Save it again as UTF-8.").format(file=path, encoding=_(encoding)))
    escapes_surrogate = _SURROGATE_ESCAPE.search(raw) is not None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError(_("“{file}” is not a UTF-8 text file (byte {offset} cannot be read).").format(
            file=path, offset=exc.start)) from None
    del raw  # the file is held once, as text, while it is parsed: a fifth of an import's peak memory
    try:
        doc = json.loads(text, parse_float=_finite_float, parse_constant=_refuse_constant,
                         object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as exc:
        raise ExchangeError(_("“{file}” names the key “{key}” twice in one object; which one is meant cannot "
                              "be told.").format(file=path, key=exc.args[0])) from None
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
    del text
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ExchangeError(_("“{file}” is not a Verkstad programme file (its “format” is not “{format}”).").format(
            file=path, format=FORMAT))
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise ExchangeError(_("“{file}” was written in version {version} of the Verkstad format; this version "
                              "of Verkstad reads up to format version {supported}. "
                              "Update Verkstad to import it.").format(
            file=path, version=version, supported=VERSION))
    upgrade(doc)
    try:
        errors = [] if _valid_fast(doc) else sorted(_validator().iter_errors(doc), key=_path_key)
    except RecursionError:
        raise ExchangeError(_("“{file}” is nested too deeply to be a Verkstad programme file.").format(
            file=path)) from None
    if errors:
        error = errors[0]
        raise refuse(path, json_path(error.absolute_path), _schema_problem(error))
    if escapes_surrogate:
        _check_text(path, doc, [])
    _check_values(path, doc)
    _check_references(path, doc)
    return doc


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json's object hook: a key given twice in one object is refused (json would keep the last)."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


class _NotFinite(ValueError):
    pass


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def _refuse_constant(name: str) -> None:
    raise _NotFinite(name)  # NaN, Infinity: Python reads them, JSON does not have them


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _check_text(path: Path, node: Any, where: list) -> None:
    """Refuse strings that cannot be stored as text: an escaped UTF-16 surrogate without its pair."""
    if isinstance(node, str):
        try:
            node.encode("utf-8")
        except UnicodeEncodeError:
            raise refuse(path, json_path(where), _("{value} holds half of a UTF-16 character pair").format(
                value=json.dumps(node))) from None
    elif isinstance(node, dict):
        for key, value in node.items():
            _check_text(path, key, where)
            _check_text(path, value, [*where, key])
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _check_text(path, value, [*where, i])


# The fields whose JSON value can follow the schema and still be no value (2027-02-30): the dates
# and times. Every other kind decodes whatever the schema let through.
_DATED = {cls: tuple(f for f in fields(cls) if f.type in (dt.date, dt.time, dt.datetime)) for cls in REGISTRY}


def _check_values(path: Path, doc: dict[str, Any]) -> None:
    for cls, where, _i, data in records_of(doc):
        for f in _DATED[cls]:
            try:
                decode(data[f.name], f.type)
            except ValueError:
                errors = sorted(_validator().iter_errors(doc), key=_path_key)  # the schema's word, as before
                if errors:
                    raise refuse(path, json_path(errors[0].absolute_path), _schema_problem(errors[0])) from None
                what = {dt.date: _("a date"), dt.time: _("a time"), dt.datetime: _("a date and time")}
                problem = _("{value} is not {what}").format(value=_show(data[f.name]),
                                                            what=what.get(f.type, _("valid")))
                raise refuse(path, json_path([*where, f.name]), problem) from None
        if cls is Programme and data.get("logo"):  # a picture no document could print
            try:
                logos.checked(data["logo"])
            except RuleError:
                raise refuse(path, json_path([*where, "logo"]),
                             _("the logo is not a PNG or JPEG picture of at most 1 MB")) from None
        if cls is CaseStory and data.get("photo"):
            try:
                logos.photo_checked(data["photo"])
            except RuleError:
                raise refuse(path, json_path([*where, "photo"]),
                             _("the photo is not a PNG or JPEG picture of at most 8 MB")) from None
        if cls is EvaluationSheet:
            for key, value in data["answers"].items():
                if not _answer_shape(value):
                    raise refuse(path, json_path([*where, "answers", key]), _(
                        "an answer is a whole number from 1, a list of such numbers, or a text")) from None


def _check_references(path: Path, doc: dict[str, Any]) -> None:
    ids: dict[str, type[Record]] = {}
    folded: set[str] = set()
    for cls, where, _i, data in records_of(doc):
        if data["id"] in ids:
            raise refuse(path, json_path([*where, "id"]), _("the id {id} is used twice").format(id=data["id"]))
        if data["id"].lower() in folded:  # ids are written in lower case; one differing only in case is a twin
            raise refuse(path, json_path([*where, "id"]), _("the id {id} differs from another only in letter "
                                                            "case").format(id=data["id"]))
        ids[data["id"]] = cls
        folded.add(data["id"].lower())
    references = {cls: tuple(rt.references.items()) for cls, rt in REGISTRY.items()}
    for cls, where, _i, data in records_of(doc):
        for name, ref in references[cls]:
            if data[name] is None:
                continue
            values = data[name] if isinstance(data[name], list) else [data[name]]
            for k, value in enumerate(values):
                if ids.get(value) is not ref.target:
                    at = [*where, name, k] if isinstance(data[name], list) else [*where, name]
                    raise refuse(path, json_path(at), _("the file holds no {type} with the id {id}").format(
                        type=type_title(ref.target), id=value))
    _check_stamps(path, doc, ids)


def _check_stamps(path: Path, doc: dict[str, Any], ids: dict[str, type[Record]]) -> None:
    """Each stamp names a record of the file and a field its type has that a merge compares."""
    for record_id, by_field in doc["revisions"]["stamps"].items():
        cls = ids.get(record_id)
        if cls is None:
            raise refuse(path, json_path(["revisions", "stamps", record_id]),
                         _("the file holds no record with this id"))
        names = {f.name for f in REGISTRY[cls].fields} - UNSTAMPED
        for name in by_field:
            if name not in names:
                raise refuse(path, json_path(["revisions", "stamps", record_id, name]),
                             _("a {type} has no field “{name}” that can be changed").format(
                                 type=type_title(cls), name=name))


def _answer_shape(value: Any) -> bool:
    """Whether an evaluation answer has a shape a sheet can give (its question checks the rest)."""
    def number(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 1000

    if isinstance(value, list):
        return bool(value) and all(number(v) for v in value)
    return number(value) or (isinstance(value, str) and len(value) <= 4000)
