"""The data both documents of a meeting (agenda and minutes) are made from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from verkstad.documents.text import unbroken
from verkstad.domain.model import (
    AgendaItem,
    Attendance,
    ChecklistItem,
    Entry,
    Meeting,
    Organisation,
    Person,
    Phase,
    Programme,
)
from verkstad.domain.rules import AgendaTiming, agenda_timing
from verkstad.i18n import Translator


@dataclass
class MeetingInput:
    programme: Programme
    meeting: Meeting
    phase: Phase | None
    organisation: Organisation | None  # None: a shared meeting of the whole programme
    agenda: list[AgendaItem] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)  # by id
    organisations: dict[str, Organisation] = field(default_factory=dict)  # by id
    entries: list[Entry] = field(default_factory=list)
    next_meeting: Meeting | None = None  # the next meeting of the same organisation (or shared), by date
    # Texts printed in another language than the document's (no translation given): text -> language
    foreign: dict[str, str] = field(default_factory=dict)

    @property
    def timing(self) -> AgendaTiming:
        return agenda_timing(self.agenda, self.meeting.start_time, self.meeting.end_time)

    def data_date(self) -> dt.datetime:
        records = [self.meeting, *self.agenda, *self.checklist, *self.attendance, *self.entries]
        return max(r.updated_at for r in records)

    def person_name(self, person_id: str | None) -> str:
        person = self.people.get(person_id or "")
        return person.name if person else ""

    def organisation_of(self, person: Person) -> str:
        if person.organisation_id and person.organisation_id in self.organisations:
            return self.organisations[person.organisation_id].name
        return ""


def meeting_name(data: MeetingInput, tr: Translator) -> str:
    """The meeting as a document names it: "Kick-off meeting at Nordhavn Kommune" for a meeting
    titled "Kick-off meeting: NK" (the label the title ends with replaced by the full name)."""
    title, org = data.meeting.title, data.organisation
    if org is None:
        return title
    for label in {org.short_name, org.name} - {""}:
        if title.endswith(f": {label}"):
            return tr.gettext("{meeting} at {organisation}").format(
                meeting=title[: -len(label) - 2], organisation=org.name)
    return title


def duration(tr: Translator, minutes: int) -> str:
    """A duration as people say it: "45 min", "3 hours", "1 hour 30 min" (in the document's language)."""
    hours, mins = divmod(max(0, int(minutes)), 60)
    if not hours:
        return tr.gettext("{minutes} min").format(minutes=tr.number(mins, 0))
    if not mins:
        return tr.ngettext("{hours} hour", "{hours} hours", hours).format(hours=tr.number(hours, 0))
    return tr.ngettext("{hours} hour {minutes} min", "{hours} hours {minutes} min", hours).format(
        hours=tr.number(hours, 0), minutes=tr.number(mins, 0))


def person_line(data: MeetingInput, person_id: str | None) -> str:
    """A person with how to reach them: "Maja Holm, Standardhuset (maja@example.org, +45 …)"."""
    person = data.people.get(person_id or "")
    if person is None:
        return ""
    where = data.organisation_of(person)
    reach = ", ".join(x for x in (person.email, unbroken(person.phone)) if x)
    return ", ".join(x for x in (person.name, where) if x) + (f" ({reach})" if reach else "")


def party_label(data: MeetingInput, tr: Translator) -> str:
    """The header's organisation: the meeting's own, or all participants for a shared one."""
    if data.organisation is not None:
        return data.organisation.name
    return tr.gettext("All participating organisations")


def time_range(tr: Translator, start: dt.time | None, end: dt.time | None) -> str:
    if start and end:
        return f"{tr.time(start)}–{tr.time(end)}"
    return tr.time(start) or tr.time(end)


def render_meeting_pdf(data: MeetingInput, tr: Translator, title: str, subject: str, story) -> bytes:
    """A meeting's document (agenda or minutes) as PDF bytes: `story(data, tr, width)`
    gives the flowables; title and subject come translated."""
    from reportlab.lib.pagesizes import A4

    from verkstad.documents import styles
    from verkstad.documents.pages import Furniture, Metadata, build_pdf, page_label

    styles.register_fonts()
    width = A4[0] - 2 * styles.MARGIN_X
    named = tr.gettext("{document} — {meeting}").format(document=title, meeting=meeting_name(data, tr))
    furniture = Furniture(programme=data.programme.name, organisation=party_label(data, tr),
                          document=named, page_label=page_label(tr), logo=data.programme.logo)
    meta = Metadata(title=named, author=data.programme.name,
                    subject=subject, language=tr.language, date=data.data_date())
    return build_pdf(story(data, tr, width), furniture, meta)
