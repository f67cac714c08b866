"""Live capture of a meeting: entries typed as people speak, the draft line, the meeting clock,
attendance, promotion of ideas to the activity plan, the closing summary and full-text search.

Every mutating call commits before it returns (the database runs `synchronous=FULL`), so
what the capture window shows as saved is on disk. Calls that the facilitator may undo
return `Change`s for the window's operation (`ui/operations.py`); the meeting clock and the
draft are not undo steps.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, TypeVar

from verkstad.domain import capture_syntax, meeting_clock, rules
from verkstad.domain.model import (
    Activity,
    AgendaItem,
    Draft,
    Entry,
    EntryKind,
    Impact,
    Meeting,
    Organisation,
    OrgKind,
    Person,
    Programme,
    Record,
    Theme,
    utcnow,
)
from verkstad.errors import VerkstadError
from verkstad.i18n import _, translator
from verkstad.services.planning import AttendanceRow, Planning
from verkstad.services.records import Change, NotFound, Records
from verkstad.storage import capture_repo
from verkstad.storage.capture_repo import Session

CURRENT_ITEM = "current"  # add_entry's default: the meeting's current agenda item
PROMOTABLE = (EntryKind.IDEA, EntryKind.DECISION)
IMPACT_CYCLE = (None, Impact.SMALL, Impact.MEDIUM, Impact.LARGE)
TITLE_MAX = 100  # longer entries become an activity with a shortened title and the full description
_BULLET = re.compile(r"^\s*(?:[-*•·–—]|\d{1,2}[.)]|\[[ xX]?\])\s+")

R = TypeVar("R", bound=Record)


class CaptureError(VerkstadError, ValueError):
    """A capture request that cannot be done as asked; `str()` is the translated reason.

    `kind`: not_promotable, already_promoted, needs_organisation, unknown_organisation.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(kind)

    def __str__(self) -> str:
        return {
            "not_promotable": _("Only ideas and decisions can become activities."),
            "already_promoted": _("This entry is already an activity in the plan."),
            "needs_organisation": _("Choose the organisation whose activity plan gets this activity."),
            "unknown_organisation": _("That organisation does not take part in this programme."),
        }[self.kind]


@dataclass
class CaptureContext:
    """Everything the capture window needs to open a meeting, read in one go."""

    meeting: Meeting
    programme: Programme
    organisation: Organisation | None
    language: str  # the meeting's language: its organisation's, else the programme's
    agenda: list[AgendaItem]
    themes: list[Theme]
    people: dict[str, Person]
    organisations: dict[str, Organisation]
    entries: list[Entry]
    draft: str


@dataclass
class AttendanceView:
    """Who belongs at a meeting, and the two checks of the roles its phase requires.

    `not_invited`: required roles that no invited person holds. `not_attended` (only once
    the meeting is held): required roles held by someone invited, but by nobody ticked as
    attended. `missing_roles` is both, in the phase's order; `by_attendance` says whether
    the meeting is held, so that attendance counts."""

    rows: list[AttendanceRow]
    required_roles: list[str]
    missing_roles: list[str]
    by_attendance: bool  # True: the meeting is being held (started, or someone ticked as attended)
    not_invited: list[str] = dataclasses.field(default_factory=list)
    not_attended: list[str] = dataclasses.field(default_factory=list)


@dataclass
class CaptureSummary:
    """What a meeting captured, for the end-of-meeting view."""

    counts: dict[str, int]  # entry kind -> number
    total: int
    promoted: list[Entry]
    tasks_without_owner: list[Entry]
    tasks_without_due: list[Entry]
    ideas_not_promoted: list[Entry]
    decisions_not_promoted: list[Entry]
    duration_s: int | None
    missing_roles: list[str] = dataclasses.field(default_factory=list)  # required, but nobody of it attended


@dataclass
class SearchHit:
    entry_id: str
    meeting_id: str
    kind: str
    text: str
    meeting_title: str
    meeting_date: dt.date | None
    agenda_item_title: str = ""


def fts_query(typed: str) -> str:
    """An FTS5 query matching every word typed as a prefix, with FTS syntax taken literally.

    Words are cut where the `unicode61` tokenizer cuts them (at anything not a letter or
    digit) and each is quoted, so `"`, `*`, `-`, `NEAR` or `OR` in the input are only text.
    """
    typed = unicodedata.normalize("NFC", typed)
    words = [w for w in re.split(r"[^\w]|_", typed) if w]
    return " ".join(f'"{w}"*' for w in words)


def _snapshot(value: Any) -> Any:
    return type(value)(value) if isinstance(value, list | dict) else value


def _stored(s: Session, cls: type[R], record_id: str) -> R:
    """A record inside an open session, deleted-marked or not; NotFound when there is none."""
    obj = s.get(cls, record_id)
    if obj is None:
        raise NotFound(f"{cls.__name__} {record_id}")
    return obj


def _set(obj: Record, **values: Any) -> Change:
    """Change fields of an object inside an open session, as Records.update does."""
    before, after = {}, {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            before[name], after[name] = _snapshot(old), _snapshot(value)
            setattr(obj, name, _snapshot(value))
    if after:
        obj.updated_at = utcnow()
    return Change("updated", type(obj), obj.id, before, after, record=obj)


class Capture:
    """The use cases of capture mode, over one database."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self.db = records.db
        self.planning = Planning(records)

    # -- reading ------------------------------------------------------------------

    def meeting(self, meeting_id: str) -> Meeting:
        """The meeting, or NotFound (for `verkstad --capture ID` with a wrong id)."""
        return self.records.get(Meeting, meeting_id)

    def context(self, meeting_id: str) -> CaptureContext:
        meeting = self.records.get(Meeting, meeting_id)
        programme = self.records.get(Programme, meeting.programme_id, include_deleted=True)
        organisations = {o.id: o for o in self.records.list(Organisation, programme_id=programme.id)}
        organisation = organisations.get(meeting.organisation_id) if meeting.organisation_id else None
        return CaptureContext(
            meeting=meeting, programme=programme, organisation=organisation,
            language=organisation.language if organisation else programme.language,
            agenda=self.records.list(AgendaItem, meeting_id=meeting_id),
            themes=self.records.list(Theme, programme_id=programme.id),
            people={p.id: p for p in self.records.list(Person, programme_id=programme.id)},
            organisations=organisations,
            entries=self.entries(meeting_id),
            draft=self.load_draft(meeting_id),
        )

    def entries(self, meeting_id: str) -> list[Entry]:
        return self.records.list(Entry, meeting_id=meeting_id)

    def themes(self, programme_id: str) -> list[Theme]:
        return self.records.list(Theme, programme_id=programme_id)

    def language(self, meeting_id: str) -> str:
        with self.db.session() as s:
            return self._language(s, _stored(s, Meeting, meeting_id))

    @staticmethod
    def _language(s: Session, meeting: Meeting) -> str:
        if meeting.organisation_id:
            org = s.get(Organisation, meeting.organisation_id)
            if org is not None:
                return org.language
        return _stored(s, Programme, meeting.programme_id).language

    # -- entries --------------------------------------------------------------------

    def add_entry(self, meeting_id: str, text: str, kind: str = EntryKind.IDEA,
                  agenda_item_id: str | None = CURRENT_ITEM, *, clear_draft: bool = True) -> list[Change]:
        """Store one entry from a typed line (tags, owner and a task's due date read inline).

        The entry is committed before this returns, together with clearing the meeting's
        draft (`clear_draft=False` when the caller knows none was saved); a line with no
        text besides metadata stores nothing and returns [].
        """
        return self._add_lines(meeting_id, [text], kind, agenda_item_id, clear_draft)

    def paste_lines(self, meeting_id: str, text: str, kind: str = EntryKind.IDEA,
                    agenda_item_id: str | None = CURRENT_ITEM) -> list[Change]:
        """One entry for each non-empty line of pasted text (list bullets dropped), in one commit."""
        lines = [_BULLET.sub("", line).strip() for line in text.splitlines()]
        return self._add_lines(meeting_id, [line for line in lines if line], kind, agenda_item_id)

    def _add_lines(self, meeting_id: str, lines: list[str], kind: str,
                   agenda_item_id: str | None, clear_draft: bool = True) -> list[Change]:
        kind = EntryKind(kind)
        changes: list[Change] = []
        with self.db.session() as s:
            lookup = _Lookup(s, meeting_id)
            if agenda_item_id == CURRENT_ITEM:
                agenda_item_id = lookup.meeting.current_item_id
            position = capture_repo.max_entry_position(s, meeting_id)
            position = -1 if position is None else position
            new_entries = []
            for line in lines:
                parsed = lookup.parse(line, kind)
                if not parsed.text:
                    continue
                position += 1
                entry = Entry(meeting_id=meeting_id, agenda_item_id=agenda_item_id, position=position,
                              kind=kind, text=parsed.text)
                changes += lookup.apply(entry, parsed, toggle=False, new=True)
                new_entries.append(entry)
                changes.append(Change("created", Entry, entry.id, record=entry))
            if new_entries:
                # Core statements built once: the ORM's unit of work cost more than the commit.
                capture_repo.insert_entries(s, new_entries)
                if clear_draft:
                    capture_repo.clear_draft(s, meeting_id, utcnow())
        # Themes made inline first, so that undo (in reverse) removes the entry before them.
        return sorted(changes, key=lambda c: c.type is Entry)

    def edit(self, entry_id: str, text: str) -> list[Change]:
        """New text for an entry edited in place; tags, owner and a task's date typed there apply too."""
        with self.db.session() as s:
            entry = self._entry(s, entry_id)
            lookup = _Lookup(s, entry.meeting_id)
            parsed = lookup.parse(text, entry.kind)
            if not parsed.text:
                return []
            changes = lookup.apply(entry, parsed, toggle=False)
            changes.append(_set(entry, text=parsed.text))
        return changes

    def apply_line(self, entry_id: str, line: str) -> list[Change]:
        """Apply a line of only `#tags`, `@owner` and a date to an entry; a tag it has is taken off."""
        with self.db.session() as s:
            entry = self._entry(s, entry_id)
            lookup = _Lookup(s, entry.meeting_id)
            parsed = lookup.parse(line, entry.kind, dates=True)
            return lookup.apply(entry, parsed, toggle=True)

    def set_kind(self, entry_id: str, kind: str) -> Change:
        return self.records.update(Entry, entry_id, kind=EntryKind(kind))

    def set_impact(self, entry_id: str, impact: str | None) -> Change:
        return self.records.update(Entry, entry_id, impact=Impact(impact) if impact else None)

    def cycle_impact(self, entry_id: str) -> Change:
        """None, small, medium, large, and round again."""
        entry = self.records.get(Entry, entry_id)
        at = IMPACT_CYCLE.index(entry.impact) if entry.impact in IMPACT_CYCLE else 0
        return self.set_impact(entry_id, IMPACT_CYCLE[(at + 1) % len(IMPACT_CYCLE)])

    def vote(self, entry_id: str, delta: int = 1) -> Change:
        entry = self.records.get(Entry, entry_id)
        return self.records.update(Entry, entry_id, votes=max(0, entry.votes + delta))

    def toggle_theme(self, entry_id: str, theme_id: str) -> Change:
        entry = self.records.get(Entry, entry_id)
        ids = [t for t in entry.theme_ids if t != theme_id]
        if len(ids) == len(entry.theme_ids):
            ids.append(theme_id)
        return self.records.update(Entry, entry_id, theme_ids=ids)

    def delete(self, entry_id: str) -> Change:
        return self.records.delete(Entry, entry_id)

    def move(self, entry_id: str, step: int) -> list[Change]:
        """Swap an entry with its neighbour under the same agenda item (step -1 up, +1 down)."""
        with self.db.session() as s:
            entry = self._entry(s, entry_id)
            siblings = capture_repo.live_entries(s, entry.meeting_id)
            group = [e for e in siblings if e.agenda_item_id == entry.agenda_item_id]
            at = next(i for i, e in enumerate(group) if e.id == entry_id)
            if not 0 <= at + step < len(group):
                return []
            other = group[at + step]
            mine, theirs = entry.position, other.position
            if mine == theirs:  # equal positions (merged copies): make room first
                theirs = mine + (1 if step > 0 else -1)
            return [_set(entry, position=theirs), _set(other, position=mine)]

    @staticmethod
    def _entry(s: Session, entry_id: str) -> Entry:
        entry = s.get(Entry, entry_id)
        if entry is None or entry.deleted_at is not None:
            raise NotFound(f"Entry {entry_id}")
        return entry

    # -- the draft line -----------------------------------------------------------------

    def save_draft(self, meeting_id: str, text: str) -> None:
        """Keep what is typed but not entered (one draft per meeting), committed at once."""
        with self.db.session() as s:
            draft = capture_repo.first_draft(s, meeting_id, include_deleted=True)
            if draft is None:
                if text:
                    s.add(Draft(meeting_id=meeting_id, text=text))
            elif draft.text != text or draft.deleted_at is not None:
                draft.text, draft.deleted_at, draft.updated_at = text, None, utcnow()

    def load_draft(self, meeting_id: str) -> str:
        with self.db.session() as s:
            draft = capture_repo.first_draft(s, meeting_id)
            return draft.text if draft else ""

    # -- the meeting clock ------------------------------------------------------------

    def start_meeting(self, meeting_id: str, now: dt.datetime | None = None) -> Change:
        """Start (or, once ended, resume) the meeting at its first or current agenda item."""
        now = now or utcnow()
        with self.db.session() as s:
            meeting = _stored(s, Meeting, meeting_id)
            if meeting.started_at is not None:
                return _set(meeting, ended_at=None)
            agenda = capture_repo.agenda_items(s, meeting_id)
            first = meeting_clock.neighbour(agenda, None, 1)
            return _set(meeting, started_at=now, ended_at=None,
                        current_item_id=first.id if first else None, item_started_at=now)

    def end_meeting(self, meeting_id: str, now: dt.datetime | None = None) -> Change:
        """End the meeting now; a meeting that has already ended keeps its end."""
        with self.db.session() as s:
            meeting = _stored(s, Meeting, meeting_id)
            if meeting.ended_at is not None:
                return _set(meeting)
            now = now or utcnow()
            values: dict[str, Any] = {"ended_at": now}
            if meeting.started_at is None:
                values["started_at"] = now
            return _set(meeting, **values)

    def step_item(self, meeting_id: str, step: int, now: dt.datetime | None = None) -> Change | None:
        """Take up the next (+1) or previous (-1) agenda item; starts the meeting if needed."""
        now = now or utcnow()
        meeting = self.records.get(Meeting, meeting_id)
        if meeting.started_at is None:
            return self.start_meeting(meeting_id, now) if step > 0 else None
        agenda = self.records.list(AgendaItem, meeting_id=meeting_id)
        target = meeting_clock.neighbour(agenda, meeting.current_item_id, step)
        if target is None:
            return None
        return self.go_to_item(meeting_id, target.id, now)

    def go_to_item(self, meeting_id: str, item_id: str | None, now: dt.datetime | None = None) -> Change:
        now = now or utcnow()
        meeting = self.records.get(Meeting, meeting_id)
        values: dict[str, Any] = {"current_item_id": item_id, "item_started_at": now}
        if meeting.started_at is None:
            values["started_at"] = now
        return self.records.update(Meeting, meeting_id, **values)

    def clock(self, meeting: Meeting, agenda: list[AgendaItem],
              now: dt.datetime | None = None) -> meeting_clock.ItemClock | None:
        return meeting_clock.item_clock(meeting, agenda, now or utcnow())

    # -- attendance ----------------------------------------------------------------------

    def attendance(self, meeting_id: str) -> AttendanceView:
        """Who belongs at the meeting, and both checks of the roles its phase requires.

        Always: a required role that nobody invited holds. Once the meeting is held
        (`rules.is_held`: started in capture, someone already ticked as attended, or its date
        has passed): a required role whose invited holders are not ticked as attended.
        """
        plan = self.planning.meeting_plan(meeting_id)
        attendance = [r.attendance for r in plan.rows if r.attendance is not None]
        people = {r.person.id: r.person for r in plan.rows}
        held = plan.held
        not_invited = rules.missing_roles(plan.required_roles, attendance, people)
        not_attended: list[str] = []
        if held:
            absent = rules.missing_roles(plan.required_roles, attendance, people, attended_only=True)
            not_attended = [role for role in absent if role not in not_invited]
        missing = [role for role in plan.required_roles if role in not_invited or role in not_attended]
        return AttendanceView(plan.rows, plan.required_roles, missing, held,
                              not_invited=not_invited, not_attended=not_attended)

    def set_attended(self, meeting_id: str, person_id: str, attended: bool) -> Change:
        return self.planning.set_attendance(meeting_id, person_id, attended=attended)

    # -- promotion -------------------------------------------------------------------

    def promotion_targets(self, meeting_id: str) -> list[Organisation]:
        """The organisations an entry of this meeting may go to: its own, or all participants."""
        meeting = self.records.get(Meeting, meeting_id)
        if meeting.organisation_id:
            return [self.records.get(Organisation, meeting.organisation_id)]
        return [o for o in self.records.list(Organisation, programme_id=meeting.programme_id)
                if o.kind == OrgKind.PARTICIPANT]

    def promote(self, entry_id: str, organisation_id: str | None = None) -> list[Change]:
        """Make an idea or decision an activity in an organisation's activity plan.

        Carried over: the text as title (a long text becomes a short title and the full
        description), the first theme, the impact, the due date as deadline, and the
        owner as responsible person when that person belongs to the organisation or to
        the advisory team (no organisation, or a partner organisation). An owner who is
        not such a person (typed without a match, or of another organisation) is kept as
        a line "Owner named in the meeting: …" of the description, in the organisation's
        language. The entry links to the activity.
        """
        with self.db.session() as s:
            entry = self._entry(s, entry_id)
            if entry.kind not in PROMOTABLE:
                raise CaptureError("not_promotable")
            if entry.activity_id is not None:
                activity = s.get(Activity, entry.activity_id)
                if activity is not None and activity.deleted_at is None:
                    raise CaptureError("already_promoted")
            meeting = _stored(s, Meeting, entry.meeting_id)
            organisation_id = meeting.organisation_id or organisation_id
            if organisation_id is None:
                raise CaptureError("needs_organisation")
            org = s.get(Organisation, organisation_id)
            if org is None or org.deleted_at is not None or org.programme_id != meeting.programme_id:
                raise CaptureError("unknown_organisation")
            position = capture_repo.live_activity_count(s, organisation_id)
            title, description = entry.text, ""
            if len(title) > TITLE_MAX:
                title = title[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
                description = entry.text
            responsible_id, owner_text = None, entry.owner_name.strip()
            owner = s.get(Person, entry.owner_id) if entry.owner_id else None
            if owner is not None and owner.deleted_at is None:
                team = owner.organisation_id is None or getattr(
                    s.get(Organisation, owner.organisation_id), "kind", None) == OrgKind.PARTNER
                if owner.organisation_id == organisation_id or team:
                    responsible_id = owner.id
                else:
                    owner_text = owner.name
            if owner_text:
                note = translator(org.language).gettext("Owner named in the meeting: {name}").format(name=owner_text)
                description = f"{description}\n\n{note}" if description else note
            themes = [s.get(Theme, t) for t in entry.theme_ids]
            theme_id = next((t.id for t in themes if t is not None and t.deleted_at is None), None)
            activity = Activity(programme_id=meeting.programme_id, organisation_id=organisation_id,
                                position=position, title=title, description=description,
                                theme_id=theme_id, responsible_person_id=responsible_id,
                                impact=entry.impact, deadline=entry.due_date)
            s.add(activity)
            s.flush()
            change = _set(entry, activity_id=activity.id)
        return [Change("created", Activity, activity.id, record=activity), change]

    # -- the end of the meeting -----------------------------------------------------------

    def summary(self, meeting_id: str) -> CaptureSummary:
        meeting = self.records.get(Meeting, meeting_id)
        entries = self.entries(meeting_id)
        live_activities = {a.id for a in self.records.list(Activity, programme_id=meeting.programme_id)}

        def promoted(e: Entry) -> bool:
            return e.activity_id is not None and e.activity_id in live_activities

        tasks = [e for e in entries if e.kind == EntryKind.TASK]
        duration = None
        if meeting.started_at is not None:
            duration = max(0, int(((meeting.ended_at or utcnow()) - meeting.started_at).total_seconds()))
        return CaptureSummary(
            counts={k.value: sum(1 for e in entries if e.kind == k) for k in EntryKind},
            total=len(entries),
            promoted=[e for e in entries if promoted(e)],
            tasks_without_owner=[e for e in tasks if not e.owner_id and not e.owner_name],
            tasks_without_due=[e for e in tasks if e.due_date is None],
            ideas_not_promoted=[e for e in entries if e.kind == EntryKind.IDEA and not promoted(e)],
            decisions_not_promoted=[e for e in entries if e.kind == EntryKind.DECISION and not promoted(e)],
            duration_s=duration,
            missing_roles=self.attendance(meeting_id).missing_roles,  # held now: nobody of the role came
        )

    # -- search -------------------------------------------------------------------------

    def search(self, programme_id: str, typed: str, limit: int = 50) -> list[SearchHit]:
        """Entries of all the programme's meetings whose words start with the words typed, newest first.

        Newest first rather than by bm25 rank: ranking a one- or two-letter prefix over
        100,000 notes took up to 200 ms, in rowid order FTS5 stops after `limit` hits (under 20 ms).
        """
        query = fts_query(typed)
        if not query:
            return []
        with self.db.session() as s:
            rows = capture_repo.search_entries(s, query, programme_id, limit)
        return [SearchHit(r[0], r[1], r[2], r[3], r[4],
                          dt.date.fromisoformat(r[5]) if isinstance(r[5], str) else r[5], r[6] or "")
                for r in rows]


class _Lookup:
    """Reads what inline syntax refers to (themes, people, the meeting's language) once per call."""

    def __init__(self, s: Session, meeting_id: str) -> None:
        self.s = s
        self.meeting_id = meeting_id
        self._meeting: Meeting | None = None
        self._themes: list[Theme] | None = None

    @property
    def meeting(self) -> Meeting:
        if self._meeting is None:
            self._meeting = self.s.get(Meeting, self.meeting_id)
            if self._meeting is None:
                raise NotFound(f"Meeting {self.meeting_id}")
        return self._meeting

    def parse(self, line: str, kind: str, *, dates: bool | None = None) -> capture_syntax.ParsedLine:
        def parse_date(value: str) -> dt.date:
            return translator(Capture._language(self.s, self.meeting)).parse_date(value)

        dates = (kind == EntryKind.TASK) if dates is None else dates
        needs_reference = dates and any(ch.isdigit() for ch in line)  # spares a query per entry
        return capture_syntax.parse_line(
            line, parse_date, reference=self.meeting.date if needs_reference else None, dates=dates)

    def themes(self) -> list[Theme]:
        if self._themes is None:
            self._themes = capture_repo.live_themes(self.s, self.meeting.programme_id)
        return self._themes

    def theme_for(self, tag: str, changes: list[Change]) -> str:
        """The theme a tag names; an unknown tag becomes a new theme of the programme."""
        themes = self.themes()
        found = capture_syntax.match_theme(tag, {t.id: t.name for t in themes})
        if found:
            return found
        theme = Theme(programme_id=self.meeting.programme_id,
                      position=max((t.position for t in themes), default=-1) + 1,
                      name=tag[:1].upper() + tag[1:])
        self.s.add(theme)
        themes.append(theme)
        changes.append(Change("created", Theme, theme.id, record=theme))
        return theme.id

    def owner(self, typed: str) -> tuple[str | None, str]:
        """(person id, "") when one person fits; (None, name as typed) otherwise."""
        meeting = self.meeting
        people = capture_repo.live_people(self.s, meeting.programme_id)
        partners = capture_repo.partner_ids(self.s, meeting.programme_id)
        near = {p.id: p.name for p in people
                if meeting.organisation_id is None
                or p.organisation_id in (None, meeting.organisation_id) or p.organisation_id in partners}
        for names in (near, {p.id: p.name for p in people}):
            found = capture_syntax.match_names(typed, names)
            if len(found) == 1:
                return found[0], ""
            if found:
                break
        return None, typed

    def apply(self, entry: Entry, parsed: capture_syntax.ParsedLine, *, toggle: bool,
              new: bool = False) -> list[Change]:
        """Set the themes, owner and due date a parsed line names on `entry`."""
        changes: list[Change] = []
        values: dict[str, Any] = {}
        if parsed.tags:
            ids = list(entry.theme_ids)
            for tag in parsed.tags:
                theme_id = self.theme_for(tag, changes)
                if theme_id in ids:
                    if toggle:
                        ids.remove(theme_id)
                else:
                    ids.append(theme_id)
            values["theme_ids"] = ids
        if parsed.owner:
            values["owner_id"], values["owner_name"] = self.owner(parsed.owner)
        if parsed.due:
            values["due_date"] = parsed.due
        if not values:
            return changes
        if new:  # a new entry: its creation is the change
            for name, value in values.items():
                setattr(entry, name, value)
        else:
            changes.append(_set(entry, **values))
        return changes

