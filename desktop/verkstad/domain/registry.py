"""The one registry of record types: each type's table, fields, references, choices and order.

The domain dataclasses (`domain/model.py`) define the fields and their Python types; this
module adds what a dataclass cannot say: the table a type is stored in (which is also its
key in the exchange format), which record type each reference field points at and whether
the database enforces it, which values a choice field takes, which field groups records
into one position order, and through which field a record belongs to its programme.

Everything that needs this is derived from here: the SQLAlchemy tables
(`storage/mapping.py`), the sibling order of the generic repository (`storage/records.py`),
the JSON Schema of the exchange format and the exchange code's reference checks
(`services/exchange/`). Adding a record type or a field means editing `model.py`, this
registry, an Alembic migration, and (for the format) `docs/export-format.md` and the
shipped schema (`scripts/export_schema.py`).

No SQLAlchemy here: the GUI reads this on start-up, before the ORM is imported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from verkstad.domain import model
from verkstad.domain.model import ALL_RECORD_TYPES, Record
from verkstad.i18n import LANGUAGES, N_

VALUE_TYPES = (str, int, float, bool, dt.date, dt.time, dt.datetime, list, dict)
"""The Python types a field may have (its base type, without `| None`)."""


@dataclass(frozen=True)
class Reference:
    """A field holding the id (or, for a list, the ids) of records of `target`."""

    target: type[Record]
    foreign_key: bool = True  # the database enforces it (a scalar reference only)


@dataclass(frozen=True)
class Field:
    """One field of a record type."""

    name: str
    type: Any  # the base type, one of VALUE_TYPES
    hint: Any  # the full annotation without `| None`, e.g. list[str]
    nullable: bool
    default: Any  # the dataclass default, or dataclasses.MISSING when built by a factory
    reference: Reference | None = None
    choices: tuple[str, ...] | None = None  # for a list: the choices of its items

    @property
    def args(self) -> tuple[Any, ...]:
        """The type arguments of the annotation (list[str] -> (str,))."""
        return typing.get_args(self.hint)


@dataclass(frozen=True)
class RecordType:
    """What the application knows about one record type."""

    cls: type[Record]
    table: str  # the table name, and the type's key in the exchange format: never rename
    title: str  # N_ message: the type in words ("agenda item"); translate with `_()`
    fields: tuple[Field, ...]
    siblings_of: str | None = None  # the reference whose records share one `position` order
    belongs_to: str | None = None  # the reference through which a record belongs to its programme
    translatable: tuple[str, ...] = ()  # the text fields `translations` gives in other languages

    @property
    def name(self) -> str:
        return self.cls.__name__

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    @cached_property
    def references(self) -> dict[str, Reference]:
        """The reference fields, in declaration order."""
        return {f.name: f.reference for f in self.fields if f.reference is not None}


def _choices(source: Any) -> tuple[str, ...]:
    if isinstance(source, type) and issubclass(source, enum.Enum):
        return tuple(m.value for m in source)
    return tuple(source)


def _fields(cls: type[Record], references: dict[str, Reference],
            choices: dict[str, Any]) -> tuple[Field, ...]:
    hints = typing.get_type_hints(cls)
    found = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        nullable = False
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            nullable = len(args) < len(typing.get_args(hint))
            hint = args[0]
        base = typing.get_origin(hint) or hint
        if base not in VALUE_TYPES:
            raise TypeError(f"{cls.__name__}.{f.name}: no storage rule for {hint!r}")
        reference = references.get(f.name)
        if reference is None and f.name != "id" and f.name.endswith(("_id", "_ids")):
            raise TypeError(f"{cls.__name__}.{f.name} looks like a reference: declare its target")
        if reference is not None and (base not in (str, list) or (base is list and reference.foreign_key)):
            raise TypeError(f"{cls.__name__}.{f.name}: a reference holds an id, or a list of ids without a key")
        field_choices = _choices(choices[f.name]) if f.name in choices else None
        if field_choices is None and isinstance(f.default, enum.Enum):
            raise TypeError(f"{cls.__name__}.{f.name} has an enum default: declare its choices")
        found.append(Field(f.name, base, hint, nullable, f.default, reference, field_choices))
    unknown = (set(references) | set(choices)) - {f.name for f in found}
    if unknown:
        raise TypeError(f"{cls.__name__} has no field(s) {sorted(unknown)}")
    return tuple(found)


def _type(cls: type[Record], table: str, title: str, *, references: dict[str, Any] | None = None,
          choices: dict[str, Any] | None = None, siblings_of: str | None = None,
          belongs_to: str | None = None, translatable: tuple[str, ...] = ()) -> RecordType:
    refs = {name: r if isinstance(r, Reference) else Reference(r) for name, r in (references or {}).items()}
    fields = _fields(cls, refs, choices or {})
    names = {f.name for f in fields}
    if ("position" in names) != (siblings_of is not None):
        raise TypeError(f"{cls.__name__}: a type with a position says whose siblings share it")
    for name in (siblings_of, belongs_to):
        if name is not None and name not in refs:
            raise TypeError(f"{cls.__name__}.{name} is not a reference")
    if ("translations" in names) != bool(translatable) or not set(translatable) <= names:
        raise TypeError(f"{cls.__name__}: a type with translations says which of its fields they translate")
    return RecordType(cls, table, title, fields, siblings_of, belongs_to, translatable)


# Who refers to whom, by field (targets are types, so a renamed table follows).
_PROGRAMME = {"programme_id": model.Programme}
_MEETING = {"meeting_id": model.Meeting}

# In ALL_RECORD_TYPES order: parents before children.
_TYPES = (
    _type(model.Programme, "programmes", N_("programme"),
          # programmes and organisations point at each other: no constraint on this side
          references={"lead_partner_id": Reference(model.Organisation, foreign_key=False)},
          choices={"language": LANGUAGES}, translatable=("name", "description")),
    _type(model.Phase, "phases", N_("phase"),
          references=_PROGRAMME,
          choices={"kind": model.PhaseKind, "required_roles": model.Role},
          siblings_of="programme_id", belongs_to="programme_id", translatable=("title", "description")),
    _type(model.Organisation, "organisations", N_("organisation"),
          references=_PROGRAMME,
          choices={"kind": model.OrgKind, "language": LANGUAGES, "country": model.Country},
          siblings_of="programme_id", belongs_to="programme_id"),
    _type(model.Person, "people", N_("person"),
          references={**_PROGRAMME, "organisation_id": model.Organisation},
          choices={"role": model.Role},
          belongs_to="programme_id"),
    _type(model.Meeting, "meetings", N_("meeting"),
          references={**_PROGRAMME, "phase_id": model.Phase, "organisation_id": model.Organisation,
                      "contact_id": model.Person, "note_taker_id": model.Person,
                      # meetings and agenda items point at each other: no constraint on this side
                      "current_item_id": Reference(model.AgendaItem, foreign_key=False)},
          belongs_to="programme_id", translatable=("title",)),
    _type(model.AgendaItem, "agenda_items", N_("agenda item"),
          references={**_MEETING, "responsible_id": model.Person, "activity_id": model.Activity},
          siblings_of="meeting_id", belongs_to="meeting_id", translatable=("title", "notes")),
    _type(model.ChecklistItem, "checklist_items", N_("checklist item"),
          references=_MEETING,
          choices={"responsible": model.Party},
          siblings_of="meeting_id", belongs_to="meeting_id"),
    _type(model.Attendance, "attendance", N_("attendance record"),
          references={**_MEETING, "person_id": model.Person},
          belongs_to="meeting_id"),
    _type(model.Theme, "themes", N_("theme"),
          references=_PROGRAMME,
          siblings_of="programme_id", belongs_to="programme_id", translatable=("name",)),
    _type(model.Activity, "activities", N_("activity"),
          references={**_PROGRAMME, "organisation_id": model.Organisation, "theme_id": model.Theme,
                      "responsible_person_id": model.Person},
          choices={"responsible": model.Party, "status": model.ActivityStatus, "impact": model.Impact,
                   "kind": model.ActivityKind},
          siblings_of="organisation_id", belongs_to="programme_id"),
    _type(model.ProgressUpdate, "progress_updates", N_("progress update"),
          references={"activity_id": model.Activity, "reported_by_id": model.Person},
          choices={"status": model.ActivityStatus},
          belongs_to="activity_id"),
    _type(model.Entry, "entries", N_("entry"),
          references={**_MEETING, "agenda_item_id": model.AgendaItem, "owner_id": model.Person,
                      "activity_id": model.Activity,
                      "theme_ids": Reference(model.Theme, foreign_key=False)},  # a JSON list
          choices={"kind": model.EntryKind, "impact": model.Impact},
          siblings_of="meeting_id", belongs_to="meeting_id"),
    _type(model.Draft, "drafts", N_("draft"),
          references=_MEETING,
          belongs_to="meeting_id"),
    _type(model.CaseStory, "case_stories", N_("case story"),
          references={**_PROGRAMME, "organisation_id": model.Organisation, "activity_id": model.Activity},
          choices={"status": model.StoryStatus},
          siblings_of="programme_id", belongs_to="programme_id"),
    _type(model.Communication, "communications", N_("communication"),
          references={**_PROGRAMME, "case_story_id": model.CaseStory},
          choices={"kind": model.CommunicationKind},
          siblings_of="programme_id", belongs_to="programme_id"),
    _type(model.EvaluationQuestion, "evaluation_questions", N_("evaluation question"),
          references={**_MEETING, "activity_id": model.Activity},
          choices={"kind": model.QuestionKind},
          siblings_of="meeting_id", belongs_to="meeting_id", translatable=("text", "options")),
    _type(model.EvaluationSheet, "evaluation_sheets", N_("evaluation sheet"),
          references={**_MEETING, "organisation_id": model.Organisation},
          belongs_to="meeting_id"),
    _type(model.Agreement, "agreements", N_("agreement"),
          references={**_PROGRAMME, "organisation_id": model.Organisation, "contact_id": model.Person,
                      "signatory_id": model.Person, "team_contact_id": model.Person,
                      "team_signatory_id": model.Person},
          belongs_to="programme_id"),
    _type(model.AgreementVersion, "agreement_versions", N_("agreement version"),
          references={"agreement_id": model.Agreement, "reply_to_id": model.Person},
          choices={"status": model.VersionStatus},
          belongs_to="agreement_id"),
    _type(model.ReceivedDocument, "received_documents", N_("received document"),
          references={"agreement_version_id": model.AgreementVersion},
          belongs_to="agreement_version_id"),
)

REGISTRY: dict[type[Record], RecordType] = {t.cls: t for t in _TYPES}
"""Every record type, in ALL_RECORD_TYPES order (parents before children)."""

if tuple(REGISTRY) != ALL_RECORD_TYPES:
    raise TypeError("domain.registry must describe ALL_RECORD_TYPES, in that order")


def record_type(cls: type[Record]) -> RecordType:
    return REGISTRY[cls]


def record_types() -> Iterator[RecordType]:
    return iter(REGISTRY.values())
