"""The tasks of an activity: tasks captured in meetings (with their owner and due date) that serve
one activity of the plan, linked when their idea is promoted or later, and marked done."""

from __future__ import annotations

import builtins

from verkstad.domain.model import Activity, Entry, EntryKind, Meeting
from verkstad.errors import VerkstadError
from verkstad.i18n import _
from verkstad.services.records import Change, Records


class TaskError(VerkstadError, ValueError):
    """A task that cannot be linked or marked as asked; the text says why."""


def following_tasks(entries: builtins.list[Entry], entry: Entry) -> builtins.list[Entry]:
    """The tasks captured right after `entry`, under the same agenda item, before the next idea or
    decision: what the meeting agreed to do about it."""
    ordered = sorted((e for e in entries if e.agenda_item_id == entry.agenda_item_id and e.deleted_at is None),
                     key=lambda e: e.position)
    out = []
    for later in ordered[ordered.index(entry) + 1:] if entry in ordered else []:
        if later.kind in (EntryKind.IDEA, EntryKind.DECISION):
            break
        if later.kind == EntryKind.TASK and later.activity_id is None:
            out.append(later)
    return out


class Tasks:
    """Use cases of an activity's tasks."""

    def __init__(self, records: Records) -> None:
        self.records = records

    def of_activity(self, activity_id: str) -> builtins.list[Entry]:
        """The activity's tasks, open ones first, each by its due date."""
        tasks = self.records.list(Entry, activity_id=activity_id, kind=EntryKind.TASK)
        return sorted(tasks, key=lambda t: (t.done, t.due_date is None, t.due_date or t.created_at.date()))

    def unlinked(self, organisation_id: str) -> builtins.list[Entry]:
        """The tasks of the organisation's meetings that serve no activity yet: those to link."""
        meetings = [m.id for m in self.records.list(Meeting, organisation_id=organisation_id)]
        return [t for t in self.records.list_in(Entry, "meeting_id", meetings)
                if t.kind == EntryKind.TASK and t.activity_id is None]

    def link(self, task_id: str, activity_id: str | None) -> Change:
        """Let the task serve the activity (None: none). Only a task of a meeting of the
        activity's organisation, or of a shared meeting, may serve it."""
        task = self.records.get(Entry, task_id)
        if task.kind != EntryKind.TASK:
            raise TaskError(_("Only a task can serve an activity."))
        if activity_id is not None:
            activity = self.records.get(Activity, activity_id)
            meeting = self.records.get(Meeting, task.meeting_id, include_deleted=True)
            if meeting.organisation_id not in (None, activity.organisation_id):
                raise TaskError(_("The task was agreed at another organisation's meeting."))
        return self.records.update(Entry, task_id, activity_id=activity_id)

    def set_done(self, task_id: str, done: bool) -> Change:
        task = self.records.get(Entry, task_id)
        if task.kind != EntryKind.TASK:
            raise TaskError(_("Only a task can be done."))
        return self.records.update(Entry, task_id, done=bool(done))
