"""Planning a programme: create it from a template, add organisations, people, phases,
meetings, agenda items and checklists, and read what a planning view shows."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from verkstad.domain import rules, translatable
from verkstad.domain.model import (
    Activity,
    AgendaItem,
    Agreement,
    Attendance,
    ChecklistItem,
    Meeting,
    Organisation,
    OrgKind,
    Person,
    Phase,
    Programme,
    Theme,
)
from verkstad.errors import RuleError
from verkstad.i18n import LANGUAGES, _, translator
from verkstad.services import logos, templates
from verkstad.services.records import Change, Records
from verkstad.storage import overview

Navigation = overview.Navigation  # what navigation() returns, for the views to name


def _hhmm(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def next_monday(today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


@dataclass
class AttendanceRow:
    person: Person
    organisation: Organisation | None
    attendance: Attendance | None  # None: not invited yet


@dataclass
class MeetingPlan:
    """Everything the meeting view shows, read in one go."""

    meeting: Meeting
    phase: Phase
    organisation: Organisation | None
    timing: rules.AgendaTiming
    agenda: list[AgendaItem]
    checklist: list[ChecklistItem]
    rows: list[AttendanceRow]
    required_roles: list[str]
    missing_roles: list[str]  # required roles no invited person holds
    missing_attended: list[str] = dataclasses.field(default_factory=list)  # held: no one of the role attended
    held: bool = False  # started in capture mode, or its date has passed
    outside_phase: bool = False  # dated outside its phase's dates (a warning, not a refusal)


@dataclass
class ProgrammeSummary:
    programme: Programme
    phases: int
    organisations: int
    meetings: int
    first: dt.date | None
    last: dt.date | None


@dataclass
class Dependents:
    """What goes with an organisation when it is deleted."""

    meetings: int
    people: int
    activities: int
    agreement: bool


def _text(values: dict, name: str, message: str) -> None:
    """A required text field: stripped, and refused when empty."""
    if name in values:
        values[name] = str(values[name] or "").strip()
        if not values[name]:
            raise RuleError(message)


def _editable(cls: type, values: dict, allowed: tuple[str, ...]) -> None:
    for name in values:
        if name not in allowed:
            raise AttributeError(f"{cls.__name__} has no editable field {name!r}")
    if "translations" in values:
        try:
            values["translations"] = translatable.cleaned(cls, values["translations"])
        except ValueError as exc:
            raise RuleError(_("These translations cannot be stored: a text is given in another language only for "
                              "the record's own texts, and only in English, Danish, Swedish, Finnish or Norwegian "
                              "Bokmål.")) from exc


def _unique(name: str, names: list[str]) -> str:
    """`name`, or "name 2", "name 3", ... when another already has it (in any letter case)."""
    taken = {n.casefold() for n in names}
    candidate, n = name, 2
    while candidate.casefold() in taken:
        candidate, n = f"{name} {n}", n + 1
    return candidate


def _template_texts(language: str, **msgids: str) -> dict[str, dict[str, str]]:
    """The translations of a template's texts (by field) in every language but `language`."""
    return {name: translatable.all_languages(lambda lang, m=msgid: translator(lang).gettext(m), language)
            for name, msgid in msgids.items() if msgid}


PROGRAMME_FIELDS = ("name", "language", "description", "lead_partner_id", "translations", "logo")
PHASE_FIELDS = ("title", "kind", "start_date", "end_date", "venue", "description", "shared", "required_roles",
                "translations")
ORGANISATION_FIELDS = ("name", "short_name", "kind", "language", "address", "register_number", "country")
PERSON_FIELDS = ("name", "title", "role", "organisation_id", "email", "phone")
MEETING_FIELDS = ("title", "organisation_id", "date", "start_time", "end_time", "venue", "reply_by", "contact_id",
                  "note_taker_id", "translations")
AGENDA_FIELDS = ("title", "duration_min", "responsible_id", "notes", "translations")
THEME_FIELDS = ("name", "translations")
CHECKLIST_FIELDS = ("text", "responsible", "done")


class Planning:
    """Use cases of the planning views."""

    def __init__(self, records: Records) -> None:
        self.records = records

    # -- programmes ----------------------------------------------------------------

    def programmes(self) -> list[Programme]:
        return sorted(self.records.list(Programme), key=lambda p: p.name.casefold())

    def programme_list(self) -> list[overview.Item]:
        """Ids and names of the programmes, read without the ORM (start-up, switcher)."""
        return overview.programmes(self.records.db)

    def navigation(self, programme_id: str) -> Navigation:
        """What the navigation tree shows, read without the ORM."""
        return overview.navigation(self.records.db, programme_id)

    def create_programme(
        self, name: str, language: str, template: str = "blank", start: dt.date | None = None
    ) -> Programme:
        """A new programme with the template's phases, themes and shared meetings, in `language`,
        and each of their texts in the other four languages too."""
        data = templates.load(template)
        text = translator(language).gettext  # template texts are extracted from the JSON
        start = start or next_monday()
        programme = Programme(name=name.strip() or text(data["title"]), language=language,
                              template=template, description=text(data["description"]),
                              translations=_template_texts(language, name="" if name.strip() else data["title"],
                                                           description=data["description"]))
        objs: list = [programme]
        objs += [Theme(programme_id=programme.id, position=i, name=text(t),
                       translations=_template_texts(language, name=t))
                 for i, t in enumerate(data["themes"])]
        for i, p in enumerate(data["phases"]):
            phase = Phase(
                programme_id=programme.id, position=i, kind=p["kind"], title=text(p["title"]),
                description=text(p["description"]), shared=p["shared"],
                required_roles=list(p["required_roles"]),
                translations=_template_texts(language, title=p["title"], description=p["description"]),
                start_date=start + dt.timedelta(weeks=p["start_week"]),
                end_date=start + dt.timedelta(weeks=p["start_week"] + p["weeks"], days=-3),
            )
            objs.append(phase)
            if p["shared"] and p.get("meeting"):
                objs += self._meeting_from_template(programme, phase, None, p["meeting"], language)
        self.records.add_all(objs)
        return programme

    def _meeting_from_template(self, programme: Programme, phase: Phase,
                               organisation: Organisation | None, spec: dict, language: str) -> list:
        text = translator(language).gettext  # template texts are extracted from the JSON
        title = text(spec["title"])
        titles = _template_texts(language, title=spec["title"])
        if organisation is not None:
            suffix = f": {organisation.short_name or organisation.name}"
            title += suffix
            titles = {"title": {lang: t + suffix for lang, t in titles["title"].items()}}
        meeting = Meeting(programme_id=programme.id, phase_id=phase.id,
                          organisation_id=organisation.id if organisation else None, title=title,
                          date=phase.start_date, start_time=_hhmm(spec["start"]),
                          end_time=_hhmm(spec["end"]), venue=phase.venue, translations=titles)
        objs: list = [meeting]
        objs += [AgendaItem(meeting_id=meeting.id, position=i, title=text(a["title"]),
                            duration_min=a["minutes"], notes=text(a["notes"]) if a["notes"] else "",
                            translations=_template_texts(language, title=a["title"], notes=a["notes"]))
                 for i, a in enumerate(spec["agenda"])]
        objs += [ChecklistItem(meeting_id=meeting.id, position=i, text=text(c["text"]),
                               responsible=c["responsible"])
                 for i, c in enumerate(spec["checklist"])]
        return objs

    # -- organisations, people ----------------------------------------------------

    def add_organisation(self, programme_id: str, name: str, *, short_name: str = "",
                         language: str | None = None, address: str = "", register_number: str = "",
                         kind: str = OrgKind.PARTICIPANT) -> list[Change]:
        """Add an organisation; a participant gets its meeting in every per-organisation phase
        whose template has one (the kick-off meeting with its agenda and checklist), written
        in the organisation's language, since the meeting is held there."""
        programme = self.records.get(Programme, programme_id)
        name = self._unique_organisation_name(programme_id, name)
        org = Organisation(programme_id=programme_id, name=name, short_name=short_name,
                           language=language or programme.language, address=address, kind=kind,
                           register_number=register_number.strip())
        changes = [self.records.add(org)]
        if kind == OrgKind.PARTICIPANT:
            for phase in self.records.list(Phase, programme_id=programme_id):
                if phase.shared:
                    continue
                spec = templates.phase_template(programme.template, phase.kind, "")
                if spec and spec.get("meeting"):
                    objs = self._meeting_from_template(programme, phase, org, spec["meeting"],
                                                       org.language)
                    self.records.add_all(objs)
                    # Every record made is a change: one undo takes the agenda and checklist too.
                    changes += [Change("created", type(o), o.id, record=o) for o in objs]
        return changes

    def add_person(self, programme_id: str, name: str, **fields) -> Change:
        return self.records.add(Person(programme_id=programme_id, name=name, **fields))

    def people(self, programme_id: str) -> list[Person]:
        return sorted(self.records.list(Person, programme_id=programme_id),
                      key=lambda p: p.name.casefold())

    # -- phases, meetings ---------------------------------------------------------

    def add_phase(self, programme_id: str, title: str, kind: str = "other",
                  position: int | None = None) -> Change:
        return self.records.add(Phase(programme_id=programme_id, title=title, kind=kind),
                                position=position)

    def add_theme(self, programme_id: str, name: str) -> Change:
        if not name.strip():
            raise RuleError(_("A theme needs a name."))
        name = _unique(name.strip(), [t.name for t in self.records.list(Theme, programme_id=programme_id)])
        return self.records.add(Theme(programme_id=programme_id, name=name))

    def update_theme(self, theme_id: str, **values) -> list[Change]:
        """Rename a theme (its activities and entries keep it) or give its name in other languages."""
        _editable(Theme, values, THEME_FIELDS)
        _text(values, "name", _("A theme needs a name."))
        if "name" in values:
            theme = self.records.get(Theme, theme_id)
            taken = {t.name.casefold() for t in self.records.list(Theme, programme_id=theme.programme_id)
                     if t.id != theme_id}
            if values["name"].casefold() in taken:
                raise RuleError(_("There is already a theme called “{name}”.").format(name=values["name"]))
        return [self.records.update(Theme, theme_id, **values)]

    def delete_theme(self, theme_id: str) -> list[Change]:
        """A theme goes; its activities and entries are then of no theme (undo gives it back to them)."""
        return [self.records.delete(Theme, theme_id)]

    def move_theme(self, theme_id: str, position: int) -> list[Change]:
        return [self.records.move(Theme, theme_id, position)]

    def add_meeting(self, phase_id: str, title: str, organisation_id: str | None = None) -> Change:
        phase = self.records.get(Phase, phase_id)
        return self.records.add(Meeting(programme_id=phase.programme_id, phase_id=phase_id,
                                        organisation_id=organisation_id, title=title,
                                        date=phase.start_date, start_time=dt.time(9, 0),
                                        end_time=dt.time(12, 0), venue=phase.venue))

    def add_series(self, phase_id: str, title: str, *, first: dt.date, repeat: str, count: int,
                   every_weeks: int = 2, organisation_id: str | None = None) -> list[Change]:
        """A meeting series in a phase (a network's sub-group meeting monthly, a plenary twice a
        year): `count` meetings "Title 1", "Title 2"… from `first`, every `every_weeks` weeks
        (`repeat` "weeks"), every month ("month", the same day, or the month's last when it has
        fewer days) or every six months ("half-year"). Each is a meeting of its own afterwards, to
        move or cancel alone. One undo step takes back the whole series."""
        title = str(title or "").strip()
        if not title:
            raise RuleError(_("A meeting series needs a title."))
        if repeat not in SERIES_REPEATS:
            raise RuleError(_("Unknown repetition “{value}”.").format(value=repeat))
        if not 2 <= count <= MAX_SERIES:
            raise RuleError(_("A series has from 2 to {most} meetings.").format(most=MAX_SERIES))
        if repeat == "weeks" and not 1 <= every_weeks <= 26:
            raise RuleError(_("Meetings of a series are from 1 to 26 weeks apart."))
        if organisation_id is not None:
            phase = self.records.get(Phase, phase_id)
            org = self.records.get(Organisation, organisation_id)
            if org.programme_id != phase.programme_id:
                raise RuleError(_("“{name}” does not take part in this programme.").format(name=org.name))
        changes = []
        for n, day in enumerate(series_dates(first, repeat, count, every_weeks), start=1):
            change = self.add_meeting(phase_id, f"{title} {n}", organisation_id)
            changes.append(change)
            changes.append(self.records.update(Meeting, change.id, date=day))
        return changes

    def meetings(self, programme_id: str) -> list[Meeting]:
        return sorted(self.records.list(Meeting, programme_id=programme_id),
                      key=lambda m: (m.date or dt.date.max, m.start_time or dt.time(), m.title))

    def add_agenda_item(self, meeting_id: str, title: str, duration_min: int = 15,
                        position: int | None = None) -> Change:
        return self.records.add(AgendaItem(meeting_id=meeting_id, title=title,
                                           duration_min=duration_min), position=position)

    def add_checklist_item(self, meeting_id: str, text: str, responsible: str = "organisation",
                           position: int | None = None) -> Change:
        return self.records.add(ChecklistItem(meeting_id=meeting_id, text=text, responsible=responsible),
                                position=position)

    def set_attendance(self, meeting_id: str, person_id: str, *, invited: bool | None = None,
                       attended: bool | None = None) -> Change:
        """Invite a person or tick their attendance; creates the attendance row on first use."""
        existing = [a for a in self.records.list(Attendance, meeting_id=meeting_id, include_deleted=True)
                    if a.person_id == person_id]
        values: dict[str, Any] = {k: v for k, v in (("invited", invited), ("attended", attended)) if v is not None}
        if not existing:
            row = Attendance(meeting_id=meeting_id, person_id=person_id,
                             invited=values.get("invited", True), attended=values.get("attended", False))
            return self.records.add(row)
        if existing[0].deleted_at is not None:
            values["deleted_at"] = None
        return self.records.update(Attendance, existing[0].id, **values)

    def meeting_plan(self, meeting_id: str) -> MeetingPlan:
        meeting = self.records.get(Meeting, meeting_id)
        phase = self.records.get(Phase, meeting.phase_id, include_deleted=True)
        organisations = {o.id: o for o in self.records.list(Organisation, programme_id=meeting.programme_id)}
        people = {p.id: p for p in self.records.list(Person, programme_id=meeting.programme_id)}
        agenda = self.records.list(AgendaItem, meeting_id=meeting_id)
        attendance = {a.person_id: a for a in self.records.list(Attendance, meeting_id=meeting_id)}
        organisation = organisations.get(meeting.organisation_id) if meeting.organisation_id else None
        # The people who belong at this meeting: its organisation's and the team's, or all for a shared one.
        rows = []
        for person in sorted(people.values(), key=lambda p: p.name.casefold()):
            org_id = person.organisation_id
            relevant = (meeting.organisation_id is None or org_id is None or org_id == meeting.organisation_id
                        or organisations.get(org_id, Organisation()).kind == OrgKind.PARTNER)
            if relevant or person.id in attendance:
                rows.append(AttendanceRow(person, organisations.get(org_id) if org_id is not None else None,
                                          attendance.get(person.id)))
        held = rules.is_held(meeting, attendance.values(), dt.date.today())
        return MeetingPlan(
            meeting=meeting, phase=phase, organisation=organisation,
            timing=rules.agenda_timing(agenda, meeting.start_time, meeting.end_time),
            agenda=agenda, checklist=self.records.list(ChecklistItem, meeting_id=meeting_id),
            rows=rows, required_roles=list(phase.required_roles),
            missing_roles=rules.missing_roles(phase.required_roles, attendance.values(), people),
            missing_attended=rules.missing_roles(phase.required_roles, attendance.values(), people,
                                                 attended_only=True) if held else [],
            held=held,
            outside_phase=rules.outside_phase(meeting.date, phase.start_date, phase.end_date),
        )

    # -- reading for the views -------------------------------------------------------

    def other_languages(self, programme_id: str, written_in: str | None = None) -> list[str]:
        """The languages the programme's documents are printed in (its own and its participating
        organisations') but `written_in` (by default the programme's): those its texts can be
        given in, in the order of LANGUAGES."""
        programme = self.records.get(Programme, programme_id)
        used = {programme.language} | {o.language for o in self.organisations(programme_id)
                                        if o.kind == OrgKind.PARTICIPANT}
        used.discard(written_in or programme.language)
        return [lang for lang in LANGUAGES if lang in used]

    def meeting_languages(self, meeting_id: str) -> list[str]:
        """The other languages a meeting's title can be given in: an organisation's meeting is
        written in the organisation's language, a shared one in the programme's."""
        meeting = self.records.get(Meeting, meeting_id)
        written = (self.records.get(Organisation, meeting.organisation_id, include_deleted=True).language
                   if meeting.organisation_id else None)
        return self.other_languages(meeting.programme_id, written)

    def programme(self, programme_id: str) -> Programme:
        return self.records.get(Programme, programme_id)

    def programme_summary(self, programme_id: str) -> ProgrammeSummary:
        programme = self.records.get(Programme, programme_id)
        phases = self.phases(programme_id)
        orgs = [o for o in self.organisations(programme_id) if o.kind == OrgKind.PARTICIPANT]
        dates = [d for p in phases for d in (p.start_date, p.end_date) if d]
        return ProgrammeSummary(programme, len(phases), len(orgs), len(self.meetings(programme_id)),
                                min(dates) if dates else None, max(dates) if dates else None)

    def phases(self, programme_id: str) -> list[Phase]:
        return self.records.list(Phase, programme_id=programme_id)

    def organisations(self, programme_id: str) -> list[Organisation]:
        return self.records.list(Organisation, programme_id=programme_id)

    def organisation(self, organisation_id: str) -> Organisation:
        return self.records.get(Organisation, organisation_id)

    # -- editing, with the rules ---------------------------------------------------------

    def update_programme(self, programme_id: str, **values) -> list[Change]:
        """Edit the programme; a `logo` is given as the picture file's bytes (b"" or "" removes it)."""
        _editable(Programme, values, PROGRAMME_FIELDS)
        if "logo" in values:
            values["logo"] = logos.checked(values["logo"])
        _text(values, "name", _("A programme needs a name."))
        if "name" in values:
            taken = {p.name.casefold() for p in self.records.list(Programme) if p.id != programme_id}
            if values["name"].casefold() in taken:
                raise RuleError(_("There is already a programme called “{name}”.").format(name=values["name"]))
        lead = values.get("lead_partner_id")
        if lead is not None:
            partner = self.records.get(Organisation, lead)
            if partner.programme_id != programme_id or partner.kind != OrgKind.PARTNER:
                raise RuleError(_("The lead partner is one of the advisory team's partner organisations; "
                                  "“{name}” is not.").format(name=partner.name))
        before = self.records.get(Programme, programme_id)
        changes = [self.records.update(Programme, programme_id, **values)]
        after = self.records.get(Programme, programme_id)
        if after.language != before.language:  # the programme's texts are written in its language
            shared = [m for m in self.records.list(Meeting, programme_id=programme_id) if not m.organisation_id]
            records: list = [after, *self.records.list(Phase, programme_id=programme_id),
                             *self.records.list(Theme, programme_id=programme_id), *shared]
            for meeting in shared:
                records += self.records.list(AgendaItem, meeting_id=meeting.id)
            changes += self._rewrite(records, before.language, after.language)
        return changes

    def _rewrite(self, records: list, written_in: str, now_in: str) -> list[Change]:
        """Each record's texts as written in `now_in`, where it gives them (translatable.rewritten)."""
        changes = []
        for record in records:
            values = translatable.rewritten(record, written_in, now_in)
            if values:
                changes.append(self.records.update(type(record), record.id, **values))
        return changes

    def update_phase(self, phase_id: str, **values) -> list[Change]:
        _editable(Phase, values, PHASE_FIELDS)
        _text(values, "title", _("A phase needs a title."))
        phase = self.records.get(Phase, phase_id)
        start = values.get("start_date", phase.start_date)
        end = values.get("end_date", phase.end_date)
        if start and end and end < start:
            raise RuleError(_("A phase cannot end before it starts."))
        return [self.records.update(Phase, phase_id, **values)]

    def update_organisation(self, organisation_id: str, **values) -> list[Change]:
        """Edit an organisation. Its meetings named after it (“Kick-off meeting: Fjordby”)
        follow a rename, until the user renames such a meeting."""
        _editable(Organisation, values, ORGANISATION_FIELDS)
        _text(values, "name", _("An organisation needs a name."))
        org = self.records.get(Organisation, organisation_id)
        if "name" in values:
            taken = {o.name.casefold() for o in self.organisations(org.programme_id) if o.id != org.id}
            if values["name"].casefold() in taken:
                raise RuleError(_("There is already an organisation called “{name}” in this programme.").format(
                    name=values["name"]))
        if "short_name" in values:
            values["short_name"] = str(values["short_name"] or "").strip()
        if "register_number" in values:
            values["register_number"] = str(values["register_number"] or "").strip()
        old_label = org.short_name or org.name
        changes = [self.records.update(Organisation, organisation_id, **values)]
        new = changes[0].record
        assert isinstance(new, Organisation)  # an update's change holds the record as it is now
        if new.language != org.language:  # its meetings are written in its language: they follow
            for meeting in self.records.list(Meeting, organisation_id=organisation_id):
                changes += self._rewrite([meeting, *self.records.list(AgendaItem, meeting_id=meeting.id)],
                                         org.language, new.language)
        new_label = new.short_name or new.name
        if new_label != old_label:
            suffix = f": {old_label}"
            for meeting in self.records.list(Meeting, organisation_id=organisation_id):
                renamed: dict[str, Any] = {}
                if meeting.title.endswith(suffix):
                    renamed["title"] = meeting.title[: -len(suffix)] + f": {new_label}"
                titles = meeting.translations.get("title", {})
                if any(t.endswith(suffix) for t in titles.values()):  # its titles in other languages too
                    renamed["translations"] = {**meeting.translations, "title": {
                        lang: t[: -len(suffix)] + f": {new_label}" if t.endswith(suffix) else t
                        for lang, t in titles.items()}}
                if renamed:
                    changes.append(self.records.update(Meeting, meeting.id, **renamed))
        return changes

    def _unique_organisation_name(self, programme_id: str, name: str) -> str:
        name = name.strip()
        if not name:
            raise RuleError(_("An organisation needs a name."))
        return _unique(name, [o.name for o in self.organisations(programme_id)])

    def update_person(self, person_id: str, **values) -> list[Change]:
        _editable(Person, values, PERSON_FIELDS)
        _text(values, "name", _("A person needs a name."))
        if values.get("organisation_id"):
            person = self.records.get(Person, person_id)
            org = self.records.get(Organisation, values["organisation_id"])
            if org.programme_id != person.programme_id:
                raise RuleError(_("That organisation is not part of this programme."))
        return [self.records.update(Person, person_id, **values)]

    def update_meeting(self, meeting_id: str, **values) -> list[Change]:
        """Edit a meeting: a title is required and the planned end comes after the start.
        A date outside the phase is allowed; the meeting view warns of it."""
        _editable(Meeting, values, MEETING_FIELDS)
        _text(values, "title", _("A meeting needs a title."))
        meeting = self.records.get(Meeting, meeting_id)
        start = values.get("start_time", meeting.start_time)
        end = values.get("end_time", meeting.end_time)
        if start is not None and end is not None and end <= start:
            from verkstad.i18n import current

            tr = current()
            raise RuleError(_("The planned end ({end}) must be after the start ({start}).").format(
                end=tr.time(end), start=tr.time(start)))
        if values.get("organisation_id"):
            org = self.records.get(Organisation, values["organisation_id"])
            if org.programme_id != meeting.programme_id or org.kind != OrgKind.PARTICIPANT:
                raise RuleError(_("A meeting can be held only at a participating organisation of its programme."))
        day, reply_by = values.get("date", meeting.date), values.get("reply_by", meeting.reply_by)
        if day is not None and reply_by is not None and reply_by > day and ("reply_by" in values or "date" in values):
            from verkstad.i18n import current

            raise RuleError(_("The invitation asks for a reply by {reply}, after the meeting on {day}.").format(
                reply=current().date(reply_by), day=current().date(day)))
        for name in ("contact_id", "note_taker_id"):
            if values.get(name) and self.records.get(Person, values[name]).programme_id != meeting.programme_id:
                raise RuleError(_("That person is not in this programme."))
        return [self.records.update(Meeting, meeting_id, **values)]

    def update_agenda_item(self, item_id: str, **values) -> list[Change]:
        _editable(AgendaItem, values, AGENDA_FIELDS)
        _text(values, "title", _("An agenda item needs a title."))
        if "duration_min" in values:
            minutes = int(values["duration_min"])
            if not 0 <= minutes <= 24 * 60:
                raise RuleError(_("An agenda item must last between 0 and 24 hours."))
            values["duration_min"] = minutes
        return [self.records.update(AgendaItem, item_id, **values)]

    def update_checklist_item(self, item_id: str, **values) -> list[Change]:
        _editable(ChecklistItem, values, CHECKLIST_FIELDS)
        _text(values, "text", _("A checklist item needs some text."))
        return [self.records.update(ChecklistItem, item_id, **values)]

    # -- deleting and moving, with what goes along ------------------------------------

    def organisation_dependents(self, organisation_id: str) -> Dependents:
        return Dependents(
            meetings=len(self.records.list(Meeting, organisation_id=organisation_id)),
            people=len(self.records.list(Person, organisation_id=organisation_id)),
            activities=len(self.records.list(Activity, organisation_id=organisation_id)),
            agreement=bool(self.records.list(Agreement, organisation_id=organisation_id)),
        )

    def delete_organisation(self, organisation_id: str) -> list[Change]:
        """Mark an organisation deleted with its meetings, people, activity plan and agreement,
        in one step that one undo reverses."""
        changes = []
        for cls in (Meeting, Person, Activity, Agreement):
            for record in self.records.list(cls, organisation_id=organisation_id):
                changes.append(self.records.delete(cls, record.id))
        changes.append(self.records.delete(Organisation, organisation_id))
        return changes

    def delete_phase(self, phase_id: str) -> list[Change]:
        """A phase goes with its meetings."""
        changes = [self.records.delete(Meeting, m.id) for m in self.records.list(Meeting, phase_id=phase_id)]
        changes.append(self.records.delete(Phase, phase_id))
        return changes

    def delete_person(self, person_id: str) -> list[Change]:
        return [self.records.delete(Person, person_id)]

    def delete_meeting(self, meeting_id: str) -> list[Change]:
        return [self.records.delete(Meeting, meeting_id)]

    def delete_agenda_item(self, item_id: str) -> list[Change]:
        return [self.records.delete(AgendaItem, item_id)]

    def delete_checklist_item(self, item_id: str) -> list[Change]:
        return [self.records.delete(ChecklistItem, item_id)]

    def move_phase(self, phase_id: str, position: int) -> list[Change]:
        return [self.records.move(Phase, phase_id, position)]

    def move_agenda_item(self, item_id: str, position: int) -> list[Change]:
        return [self.records.move(AgendaItem, item_id, position)]

    def move_checklist_item(self, item_id: str, position: int) -> list[Change]:
        return [self.records.move(ChecklistItem, item_id, position)]


SERIES_REPEATS = ("weeks", "month", "half-year")
MAX_SERIES = 52


def series_dates(first: dt.date, repeat: str, count: int, every_weeks: int = 2) -> list[dt.date]:
    """The dates of a series' meetings: every `every_weeks` weeks, or the same day every month (or
    every six months); a day the month lacks (31 January, then February) is the month's last."""
    if repeat == "weeks":
        return [first + dt.timedelta(weeks=every_weeks * k) for k in range(count)]
    step = 1 if repeat == "month" else 6
    out = []
    for k in range(count):
        months = first.month - 1 + step * k
        year, month = first.year + months // 12, months % 12 + 1
        out.append(dt.date(year, month, min(first.day, calendar.monthrange(year, month)[1])))
    return out

