"""Planning a programme: create it from a template, add organisations, people, phases,
meetings, agenda items and checklists, and read what a planning view shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from verkstad.domain import rules
from verkstad.domain.model import (
    AgendaItem,
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
from verkstad.i18n import translator
from verkstad.services import templates
from verkstad.services.records import Change, Records
from verkstad.storage import overview


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

    def navigation(self, programme_id: str) -> overview.Navigation:
        """What the navigation tree shows, read without the ORM."""
        return overview.navigation(self.records.db, programme_id)

    def create_programme(
        self, name: str, language: str, template: str = "blank", start: dt.date | None = None
    ) -> Programme:
        """A new programme with the template's phases, themes and shared meetings, in `language`."""
        data = templates.load(template)
        text = translator(language).gettext  # template texts are extracted from the JSON
        start = start or next_monday()
        programme = Programme(name=name.strip() or text(data["title"]), language=language,
                              template=template, description=text(data["description"]))
        objs: list = [programme]
        objs += [Theme(programme_id=programme.id, position=i, name=text(t))
                 for i, t in enumerate(data["themes"])]
        for i, p in enumerate(data["phases"]):
            phase = Phase(
                programme_id=programme.id, position=i, kind=p["kind"], title=text(p["title"]),
                description=text(p["description"]), shared=p["shared"],
                required_roles=list(p["required_roles"]),
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
        if organisation is not None:
            title = f"{title}: {organisation.short_name or organisation.name}"
        meeting = Meeting(programme_id=programme.id, phase_id=phase.id,
                          organisation_id=organisation.id if organisation else None, title=title,
                          date=phase.start_date, start_time=_hhmm(spec["start"]),
                          end_time=_hhmm(spec["end"]), venue=phase.venue)
        objs: list = [meeting]
        objs += [AgendaItem(meeting_id=meeting.id, position=i, title=text(a["title"]),
                            duration_min=a["minutes"], notes=text(a["notes"]) if a["notes"] else "")
                 for i, a in enumerate(spec["agenda"])]
        objs += [ChecklistItem(meeting_id=meeting.id, position=i, text=text(c["text"]),
                               responsible=c["responsible"])
                 for i, c in enumerate(spec["checklist"])]
        return objs

    # -- organisations, people ----------------------------------------------------

    def add_organisation(self, programme_id: str, name: str, *, short_name: str = "",
                         language: str | None = None, address: str = "",
                         kind: str = OrgKind.PARTICIPANT) -> list[Change]:
        """Add an organisation; a participant gets its meeting in every per-organisation phase
        whose template has one (the kick-off meeting with its agenda and checklist), written
        in the organisation's language, since the meeting is held there."""
        programme = self.records.get(Programme, programme_id)
        org = Organisation(programme_id=programme_id, name=name, short_name=short_name,
                           language=language or programme.language, address=address, kind=kind)
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
                    changes.append(Change("created", Meeting, objs[0].id, record=objs[0]))
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

    def add_meeting(self, phase_id: str, title: str, organisation_id: str | None = None) -> Change:
        phase = self.records.get(Phase, phase_id)
        return self.records.add(Meeting(programme_id=phase.programme_id, phase_id=phase_id,
                                        organisation_id=organisation_id, title=title,
                                        date=phase.start_date, start_time=dt.time(9, 0),
                                        end_time=dt.time(12, 0), venue=phase.venue))

    def meetings(self, programme_id: str) -> list[Meeting]:
        return sorted(self.records.list(Meeting, programme_id=programme_id),
                      key=lambda m: (m.date or dt.date.max, m.start_time or dt.time(), m.title))

    def add_agenda_item(self, meeting_id: str, title: str, duration_min: int = 15,
                        position: int | None = None) -> Change:
        return self.records.add(AgendaItem(meeting_id=meeting_id, title=title,
                                           duration_min=duration_min), position=position)

    def add_checklist_item(self, meeting_id: str, text: str, responsible: str = "organisation") -> Change:
        return self.records.add(ChecklistItem(meeting_id=meeting_id, text=text, responsible=responsible))

    def set_attendance(self, meeting_id: str, person_id: str, *, invited: bool | None = None,
                       attended: bool | None = None) -> Change:
        """Invite a person or tick their attendance; creates the attendance row on first use."""
        existing = [a for a in self.records.list(Attendance, meeting_id=meeting_id, include_deleted=True)
                    if a.person_id == person_id]
        values = {k: v for k, v in (("invited", invited), ("attended", attended)) if v is not None}
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
            relevant = (meeting.organisation_id is None or person.organisation_id in (None, meeting.organisation_id)
                        or organisations.get(person.organisation_id, Organisation()).kind == OrgKind.PARTNER)
            if relevant or person.id in attendance:
                rows.append(AttendanceRow(person, organisations.get(person.organisation_id),
                                          attendance.get(person.id)))
        return MeetingPlan(
            meeting=meeting, phase=phase, organisation=organisation,
            timing=rules.agenda_timing(agenda, meeting.start_time, meeting.end_time),
            agenda=agenda, checklist=self.records.list(ChecklistItem, meeting_id=meeting_id),
            rows=rows, required_roles=list(phase.required_roles),
            missing_roles=rules.missing_roles(phase.required_roles, attendance.values(), people),
        )
