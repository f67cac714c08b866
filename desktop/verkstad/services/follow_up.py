"""The follow-up of the activities (phase 3): progress updates an organisation reports, the state
each activity is in (not started, on schedule, late, done; not updated for a while), and the
reminders a facilitator is shown, all computed on this laptop, without any server.

Kausal Watch's notifications are the model for the reminders: due soon, late, not updated.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from verkstad.domain.model import (
    Activity,
    ActivityStatus,
    AgendaItem,
    Agreement,
    AgreementVersion,
    Attendance,
    Entry,
    EntryKind,
    Meeting,
    Organisation,
    OrgKind,
    Person,
    Phase,
    PhaseKind,
    ProgressUpdate,
    Role,
    VersionStatus,
)
from verkstad.domain.progress import FollowUp, Progress, follow_up, newest_first
from verkstad.domain.rules import is_held
from verkstad.errors import VerkstadError
from verkstad.gcpause import no_cyclic_gc
from verkstad.i18n import _, current, ngettext
from verkstad.services.records import Change, NotFound, Records

SOON_DAYS = 7  # a deadline within this many days is due this week


class FollowUpError(VerkstadError, ValueError):
    """A progress update that cannot be stored; the text says why."""


# What the overview and the reminders are made of: a change of one of these may change them.
_FOLLOWED = (Activity, ProgressUpdate, AgreementVersion, Organisation, Attendance, Person, Meeting, Phase)


def concerns_follow_up(changes: Iterable[Change]) -> bool:
    """Whether published changes may alter the overview or the reminders. An entry does only when
    it is (or was) a task or was made an activity: capture's notes, typed as fast as people speak,
    cost the overview nothing."""
    for c in changes:
        if c.type is Entry:
            if (getattr(c.record, "kind", None) == EntryKind.TASK or "kind" in c.before
                    or "activity_id" in c.before or "activity_id" in c.after or "done" in c.before):
                return True
        elif c.type in _FOLLOWED:
            return True
    return False


@dataclass
class Reminder:
    """Something that needs the facilitator: an activity late, due this week or not updated, or
    a task due this week."""

    kind: str  # "late" | "due" | "stale" | "task"
    day: dt.date | None  # the date it is about (deadline, last report), for sorting
    organisation: Organisation
    record: Any  # the activity or the task, as a row of its fields (`Records.rows`)
    text: str


class FollowUps:
    """Use cases of the follow-up."""

    def __init__(self, records: Records) -> None:
        self.records = records

    # -- reading -------------------------------------------------------------------

    def updates(self, activity_id: str) -> builtins.list[ProgressUpdate]:
        """The activity's progress updates, newest first."""
        return newest_first(self.records.list(ProgressUpdate, activity_id=activity_id))

    def of_activities(self, activities: builtins.list[Activity], today: dt.date,
                      agreed: AbstractSet[str] = frozenset()) -> dict[str, FollowUp]:
        """Where each of the activities stands, by id, their updates read in one go."""
        by_activity: dict[str, builtins.list[Any]] = {a.id: [] for a in activities}
        for update in self.records.rows(ProgressUpdate, "activity_id", by_activity):
            by_activity[update.activity_id].append(update)
        return {a.id: follow_up(a, by_activity[a.id], today, agreed=a.id in agreed) for a in activities}

    @no_cyclic_gc()
    def week(self, programme_id: str, today: dt.date | None = None) -> Week:
        """The programme overview and this week's reminders, from one read of the programme, as
        rows rather than record objects, each activity with only its newest update (bench/overview.py:
        100 organisations with 2,000 activities and 10,000 updates read and shown in about 90 ms;
        168 ms with every update, 860 ms with record objects)."""
        read = _Read(self.records, programme_id, today or dt.date.today())
        return Week(_overview(read), _reminders(read))

    def reminders(self, programme_id: str, today: dt.date | None = None) -> builtins.list[Reminder]:
        """What needs the facilitator, most pressing first (`week`)."""
        return self.week(programme_id, today).reminders

    def overview(self, programme_id: str, today: dt.date | None = None) -> builtins.list[OverviewRow]:
        """One row per participating organisation (`week`)."""
        return self.week(programme_id, today).rows

    # -- writing -------------------------------------------------------------------

    def plan_follow_up_meeting(self, organisation_id: str, on: dt.date | None = None) -> builtins.list[Change]:
        """A follow-up meeting at the organisation (in the programme's advisory phase), its agenda
        filled with what needs talking about: each late activity and each one no one reported on
        for a while, with why, and each open task of its meetings; written in the organisation's
        language. One undo step takes it back."""
        from verkstad.i18n import translator
        from verkstad.services.planning import Planning

        today = on or dt.date.today()
        org = self.records.get(Organisation, organisation_id)
        tr = translator(org.language)
        phases = sorted(self.records.list(Phase, programme_id=org.programme_id), key=lambda p: p.position)
        phase = next((p for p in phases if p.kind == PhaseKind.ACTIVITIES), phases[0] if phases else None)
        if phase is None:
            raise FollowUpError(_("The programme has no phase to hold the meeting in."))
        activities = self.records.list(Activity, organisation_id=org.id)
        updates: dict[str, builtins.list[Any]] = {a.id: [] for a in activities}
        for u in self.records.rows(ProgressUpdate, "activity_id", within=(Activity, "organisation_id", org.id)):
            updates[u.activity_id].append(u)
        states = {a.id: follow_up(a, updates[a.id], today, tr=tr) for a in activities}
        planning = Planning(self.records)
        meeting = planning.add_meeting(phase.id, tr.gettext("Follow-up meeting: {organisation}").format(
            organisation=org.short_name or org.name), org.id)
        changes = [meeting, self.records.update(Meeting, meeting.id, date=today)]
        items: builtins.list[tuple[str, int, str, str | None]] = [
            (tr.gettext("Welcome and the state of the plan"), 10, "", None)]
        for a in activities:
            state = states[a.id]
            if state.progress == Progress.LATE:
                items.append((tr.gettext("Late: {activity}").format(activity=a.title), 10, state.reason, a.id))
            elif state.stale_days is not None:
                items.append((tr.gettext("Not reported on for {days} days: {activity}").format(
                    days=tr.number(state.stale_days, 0), activity=a.title), 10, "", a.id))
        meetings = [m.id for m in self.records.list(Meeting, organisation_id=org.id) if m.id != meeting.id]
        for task in self.records.rows(Entry, "meeting_id", meetings, kind=EntryKind.TASK, done=False):
            owner = f" ({task.owner_name})" if task.owner_name else ""
            due = tr.gettext("due {date}").format(date=tr.date(task.due_date)) if task.due_date else ""
            items.append((tr.gettext("Task: {text}").format(text=task.text) + owner, 5, due, task.activity_id))
        items.append((tr.gettext("Next steps and the next meeting"), 10, "", None))
        for title, minutes, notes, activity_id in items:  # an item about an activity: capture reports on it
            change = planning.add_agenda_item(meeting.id, title, minutes)
            changes.append(change)
            extra = {k: v for k, v in (("notes", notes), ("activity_id", activity_id)) if v}
            if extra:
                changes.append(self.records.update(AgendaItem, change.id, **extra))
        return changes

    def report(self, activity_id: str, *, reported_on: dt.date | None, status: str, note: str = "",
               reported_by_id: str | None = None, share_done: int | None = None,
               good_example: bool = False) -> builtins.list[Change]:
        """Store a progress update on the activity; the newest update gives the activity its
        status. Returns the changes (the update made, the activity's status), one undo step."""
        activity = self.records.get(Activity, activity_id)
        values = self._checked(activity, reported_on=reported_on, status=status, note=note,
                               reported_by_id=reported_by_id, share_done=share_done)
        changes = [self.records.add(ProgressUpdate(activity_id=activity_id, good_example=bool(good_example),
                                                   **values))]
        newest = self.updates(activity_id)[0]
        if newest.id == changes[0].id and activity.status != status:
            changes.append(self.records.update(Activity, activity_id, status=status))
        return changes

    def edit(self, update_id: str, **values) -> builtins.list[Change]:
        update = self.records.get(ProgressUpdate, update_id)
        activity = self.records.get(Activity, update.activity_id)
        current_values = {name: getattr(update, name) for name in
                          ("reported_on", "status", "note", "reported_by_id", "share_done")}
        checked = self._checked(activity, **{**current_values, **values})
        changes = [self.records.update(ProgressUpdate, update_id, **{k: checked[k] for k in values})]
        newest = self.updates(update.activity_id)[0]
        if newest.id == update_id and activity.status != newest.status:
            changes.append(self.records.update(Activity, activity.id, status=newest.status))
        return changes

    def delete(self, update_id: str) -> Change:
        return self.records.delete(ProgressUpdate, update_id)

    def _checked(self, activity: Activity, *, reported_on, status, note, reported_by_id, share_done) -> dict:
        if status not in set(ActivityStatus):
            raise FollowUpError(_("Unknown status “{value}”.").format(value=status))
        if reported_on is not None and not isinstance(reported_on, dt.date):
            raise FollowUpError(_("Enter a date."))
        if share_done is not None and (isinstance(share_done, bool) or not isinstance(share_done, int)
                                       or not 0 <= share_done <= 100):
            raise FollowUpError(_("The share done is a whole number of per cent from 0 to 100."))
        if reported_by_id is not None:
            try:
                person = self.records.get(Person, reported_by_id)
            except NotFound as exc:
                raise FollowUpError(_("The person chosen as reporting no longer exists.")) from exc
            if person.programme_id != activity.programme_id:
                raise FollowUpError(_("“{name}” does not take part in this programme.").format(name=person.name))
        return {"reported_on": reported_on, "status": status, "note": str(note or "").strip(),
                "reported_by_id": reported_by_id, "share_done": share_done}


@dataclass
class OverviewRow:
    """One participating organisation as the programme overview shows it."""

    organisation: Organisation
    phase: Phase | None  # where it is: the phase of its latest held meeting, the activities once agreed
    kickoff: Meeting | None  # its kick-off meeting
    kickoff_held: bool
    chief_attended: bool | None  # its purchasing chief at the kick-off meeting (None: not held, or no chief)
    agreement: str  # the agreement's version and state, in words
    agreement_waiting: bool  # sent for comment and not answered by the day asked: the facilitator may ask
    states: dict[str, int]  # activities by Progress
    open_tasks: int  # tasks captured in its meetings and not made activities
    overdue_tasks: int  # of those, past their deadline
    updated: dt.date | None  # the newest change of its activities, updates, meetings or agreement


def _agreement_text(versions: list[AgreementVersion], today: dt.date) -> tuple[str, bool]:
    tr = current()
    if not versions:
        return _("No agreement sent yet"), False
    v = versions[-1]
    if v.status == VersionStatus.APPROVED:
        return _("Version {number} approved on {date}").format(number=v.number, date=tr.date(v.approved_on)), False
    if v.status == VersionStatus.SENT:
        if v.sent_on is None or v.sent_on >= today:
            return _("Version {number} sent for comment on {date}").format(
                number=v.number, date=tr.date(v.sent_on or today)), False
        days = (today - v.sent_on).days
        overdue = v.comments_by < today if v.comments_by else days > 14  # past the day asked for
        return ngettext("Version {number} waiting for comments for {days} day",
                        "Version {number} waiting for comments for {days} days", days).format(
            number=v.number, days=tr.number(days, 0)), overdue
    if v.status == VersionStatus.COMMENTED:
        return _("Version {number} commented: a new version is due").format(number=v.number), False
    return _("Version {number} in draft").format(number=v.number), False


@dataclass
class Week:
    """What the programme view shows: the overview's rows and the reminders."""

    rows: list[OverviewRow]
    reminders: list[Reminder]


# What the states, the reminders and the overview read of an activity (not its description, hours...).
_ACTIVITY_FIELDS = ("id", "organisation_id", "position", "title", "status", "start_date", "deadline", "created_at",
                    "updated_at")


class _Read:
    """Everything the overview and the reminders need of one programme, read once as rows. Each
    activity's state holds only its newest update: all where it stands is derived from."""

    def __init__(self, records: Records, programme_id: str, today: dt.date) -> None:
        self.today = today
        self.organisations = {o.id: o for o in records.rows(Organisation, programme_id=programme_id)}
        self.phases = sorted(records.rows(Phase, programme_id=programme_id), key=lambda p: p.position)
        self.meetings = records.rows(Meeting, programme_id=programme_id)
        meeting_ids = [m.id for m in self.meetings]
        self.attendance: dict[str, list[Any]] = {}
        for seen in records.rows(Attendance, "meeting_id", meeting_ids):
            self.attendance.setdefault(seen.meeting_id, []).append(seen)
        self.chiefs = {p.id for p in records.rows(Person, programme_id=programme_id, role=Role.PURCHASING_CHIEF)}
        agreements = records.rows(Agreement, programme_id=programme_id)
        versions: dict[str, list[Any]] = {}
        for v in records.rows(AgreementVersion, "agreement_id", [a.id for a in agreements]):
            versions.setdefault(v.agreement_id, []).append(v)
        self.versions = {a.organisation_id: sorted(versions.get(a.id, []), key=lambda v: v.number)
                         for a in agreements}
        agreed = {x.get("id") for vs in self.versions.values() for v in vs if v.status == VersionStatus.APPROVED
                  for x in v.snapshot.get("activities", [])}
        self.activities: dict[str, list[Any]] = {}
        for a in records.rows(Activity, programme_id=programme_id, fields=_ACTIVITY_FIELDS):
            if a.organisation_id in self.organisations:
                self.activities.setdefault(a.organisation_id, []).append(a)
        updates: dict[str, list[Any]] = {}
        every = [a for own in self.activities.values() for a in own]
        # where an activity stands needs only its newest update (and of that, not its note)
        for u in records.newest_updates(programme_id, ("activity_id", "reported_on", "created_at", "status",
                                                       "share_done")):
            updates.setdefault(u.activity_id, []).append(u)
        self.states = {a.id: follow_up(a, updates.get(a.id, []), today, agreed=a.id in agreed) for a in every}
        org_of_meeting = {m.id: m.organisation_id for m in self.meetings}
        self.tasks: dict[str, list[Any]] = {}
        for e in records.rows(Entry, "meeting_id", [m.id for m in self.meetings if m.organisation_id],
                              fields=("id", "meeting_id", "text", "owner_name", "due_date"),
                              kind=EntryKind.TASK, done=False):
            self.tasks.setdefault(org_of_meeting[e.meeting_id], []).append(e)


def _reminders(read: _Read) -> list[Reminder]:
    """Activities late, activities due this week, tasks captured in meetings that are due this week
    (not yet done), activities no one reported on for STALE_DAYS, in that order."""
    today, tr = read.today, current()
    found: list[Reminder] = []
    for org_id, own in read.activities.items():
        org = read.organisations[org_id]
        for a in own:
            state = read.states[a.id]
            if state.progress == Progress.LATE:
                found.append(Reminder("late", a.deadline or a.start_date, org, a, _(
                    "{activity} ({organisation}) is late: {reason}").format(
                    activity=a.title, organisation=org.name, reason=state.reason)))
            elif (state.progress != Progress.DONE and a.deadline is not None
                  and 0 <= (a.deadline - today).days < SOON_DAYS):
                found.append(Reminder("due", a.deadline, org, a, _(
                    "{activity} ({organisation}) is due on {date}").format(
                    activity=a.title, organisation=org.name, date=tr.date(a.deadline))))
            if state.stale_days is not None:
                found.append(Reminder("stale", today - dt.timedelta(days=state.stale_days), org, a, _(
                    "No one has reported on {activity} ({organisation}) for {days} days").format(
                    activity=a.title, organisation=org.name, days=tr.number(state.stale_days))))
    for org_id, tasks in read.tasks.items():
        org = read.organisations.get(org_id)
        if org is None:
            continue
        for task in tasks:
            due = task.due_date
            if due is None or not 0 <= (due - today).days < SOON_DAYS:
                continue
            owner = task.owner_name or _("no one named")
            found.append(Reminder("task", due, org, task, _(
                "Task for {owner} ({organisation}) due on {date}: {text}").format(
                owner=owner, organisation=org.name, date=tr.date(due), text=task.text)))
    order = {"late": 0, "due": 1, "task": 2, "stale": 3}
    return sorted(found, key=lambda r: (order[r.kind], r.day or today, r.text.casefold()))


def _overview(read: _Read) -> list[OverviewRow]:
    today = read.today
    by_kind = {p.kind: p for p in read.phases}
    kickoff_phase, closing = by_kind.get(PhaseKind.KICKOFF_MEETING), by_kind.get(PhaseKind.CLOSING_WORKSHOP)
    held_ids = {m.id for m in read.meetings if is_held(m, read.attendance.get(m.id, []), today)}
    closing_held = closing is not None and any(m.phase_id == closing.id and m.id in held_ids for m in read.meetings)
    rows = []
    for org in sorted(read.organisations.values(), key=lambda o: o.position):
        if org.kind != OrgKind.PARTICIPANT:
            continue
        own_meetings = [m for m in read.meetings if m.organisation_id == org.id]
        held = [m for m in own_meetings if m.id in held_ids]
        kickoff = next((m for m in own_meetings if kickoff_phase and m.phase_id == kickoff_phase.id),
                       own_meetings[0] if own_meetings else None)
        kickoff_held = kickoff is not None and kickoff.id in held_ids
        chief_attended = None
        if kickoff_held and kickoff is not None:
            invited = [x for x in read.attendance.get(kickoff.id, []) if x.person_id in read.chiefs]
            chief_attended = any(x.attended for x in invited) if invited else None
        versions = read.versions.get(org.id, [])
        if closing_held:
            phase = closing
        elif any(v.status == VersionStatus.APPROVED for v in versions) and PhaseKind.ACTIVITIES in by_kind:
            phase = by_kind[PhaseKind.ACTIVITIES]
        elif held:
            latest = max(held, key=lambda m: (m.date or dt.date.min))
            phase = next((p for p in read.phases if p.id == latest.phase_id), None)
        else:
            phase = read.phases[0] if read.phases else None
        text, waiting = _agreement_text(versions, today)
        own = read.activities.get(org.id, [])
        counts = dict.fromkeys(Progress, 0)
        for activity in own:
            counts[Progress(read.states[activity.id].progress)] += 1
        tasks = read.tasks.get(org.id, [])
        stamps = [x.updated_at.date() for x in (*own, *own_meetings, *versions)]
        for x in own:  # an activity's newest update (they are newest first) is its last report
            latest = read.states[x.id].latest
            if latest is not None:
                stamps.append(latest.reported_on or latest.created_at.date())
        rows.append(OverviewRow(org, phase, kickoff, kickoff_held, chief_attended, text, waiting,
                                {str(k): v for k, v in counts.items()}, len(tasks),
                                sum(1 for t in tasks if t.due_date is not None and t.due_date < today),
                                max(stamps) if stamps else None))
    return rows
