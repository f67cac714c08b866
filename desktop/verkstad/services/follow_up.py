"""The follow-up of the activities (phase 3): progress updates an organisation reports, the state
each activity is in (not started, on schedule, late, done; not updated for a while), and the
reminders a facilitator is shown, all computed on this laptop, without any server.

Kausal Watch's notifications are the model for the reminders: due soon, late, not updated.
"""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass

from verkstad.domain.model import (
    Activity,
    ActivityStatus,
    Entry,
    EntryKind,
    Meeting,
    Organisation,
    Person,
    ProgressUpdate,
)
from verkstad.domain.progress import FollowUp, Progress, follow_up, newest_first
from verkstad.errors import VerkstadError
from verkstad.i18n import _, current
from verkstad.services.records import Change, NotFound, Records

SOON_DAYS = 7  # a deadline within this many days is due this week


class FollowUpError(VerkstadError, ValueError):
    """A progress update that cannot be stored; the text says why."""


@dataclass
class Reminder:
    """Something that needs the facilitator: an activity late, due this week or not updated, or
    a task due this week."""

    kind: str  # "late" | "due" | "stale" | "task"
    day: dt.date | None  # the date it is about (deadline, last report), for sorting
    organisation: Organisation
    record: Activity | Entry
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
                      agreed: set[str] = frozenset()) -> dict[str, FollowUp]:  # type: ignore[assignment]
        """Where each of the activities stands, by id, their updates read in one go."""
        by_activity: dict[str, builtins.list[ProgressUpdate]] = {a.id: [] for a in activities}
        for update in self.records.list_in(ProgressUpdate, "activity_id", list(by_activity)):
            by_activity[update.activity_id].append(update)
        return {a.id: follow_up(a, by_activity[a.id], today, agreed=a.id in agreed) for a in activities}

    def reminders(self, programme_id: str, today: dt.date | None = None,
                  agreed: set[str] = frozenset()) -> builtins.list[Reminder]:  # type: ignore[assignment]
        """What needs the facilitator, most pressing first: activities late, activities due this
        week, activities no one reported on for STALE_DAYS, tasks captured in meetings that are due
        this week (not yet made activities). `agreed`: the ids of activities in an approved
        agreement version (under way, so silence about them counts)."""
        today = today or dt.date.today()
        tr = current()
        organisations = {o.id: o for o in self.records.list(Organisation, programme_id=programme_id)}
        activities = [a for a in self.records.list(Activity, programme_id=programme_id)
                      if a.organisation_id in organisations]
        found: builtins.list[Reminder] = []
        for state in self.of_activities(activities, today, agreed).values():
            a, org = state.activity, organisations[state.activity.organisation_id]
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
        meetings = {m.id: m for m in self.records.list(Meeting, programme_id=programme_id)}
        for task in self.records.list_in(Entry, "meeting_id", list(meetings)):
            due = task.due_date
            if (task.kind != EntryKind.TASK or task.activity_id is not None or due is None
                    or not 0 <= (due - today).days < SOON_DAYS):
                continue
            at = organisations.get(meetings[task.meeting_id].organisation_id or "")
            if at is None:  # a shared workshop's task: no organisation's follow-up
                continue
            org = at
            owner = task.owner_name or _("no one named")
            found.append(Reminder("task", due, org, task, _(
                "Task for {owner} ({organisation}) due on {date}: {text}").format(
                owner=owner, organisation=org.name, date=tr.date(due), text=task.text)))
        order = {"late": 0, "due": 1, "task": 2, "stale": 3}
        return sorted(found, key=lambda r: (order[r.kind], r.day or today, r.text.casefold()))

    # -- writing -------------------------------------------------------------------

    def report(self, activity_id: str, *, reported_on: dt.date | None, status: str, note: str = "",
               reported_by_id: str | None = None, share_done: int | None = None) -> builtins.list[Change]:
        """Store a progress update on the activity; the newest update gives the activity its
        status. Returns the changes (the update made, the activity's status), one undo step."""
        activity = self.records.get(Activity, activity_id)
        values = self._checked(activity, reported_on=reported_on, status=status, note=note,
                               reported_by_id=reported_by_id, share_done=share_done)
        changes = [self.records.add(ProgressUpdate(activity_id=activity_id, **values))]
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
