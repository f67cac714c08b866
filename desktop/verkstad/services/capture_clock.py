"""The meeting clock in capture: starting and ending a meeting, and stepping through its agenda."""

from __future__ import annotations

import datetime as dt
from typing import Any

from verkstad.domain import meeting_clock
from verkstad.domain.model import AgendaItem, Meeting, utcnow
from verkstad.services.capture_common import CaptureBase, set_fields, stored
from verkstad.services.records import Change
from verkstad.storage import capture_repo


class CaptureClock(CaptureBase):
    """When the meeting runs and which agenda item it is at; none of these are undo steps."""

    def start_meeting(self, meeting_id: str, now: dt.datetime | None = None) -> Change:
        """Start (or, once ended, resume) the meeting at its first or current agenda item."""
        now = now or utcnow()
        with self.db.session() as s:
            meeting = stored(s, Meeting, meeting_id)
            if meeting.started_at is not None:
                return set_fields(meeting, ended_at=None)
            agenda = capture_repo.agenda_items(s, meeting_id)
            first = meeting_clock.neighbour(agenda, None, 1)
            return set_fields(meeting, started_at=now, ended_at=None,
                              current_item_id=first.id if first else None, item_started_at=now)

    def end_meeting(self, meeting_id: str, now: dt.datetime | None = None) -> Change:
        """End the meeting now; a meeting that has already ended keeps its end."""
        with self.db.session() as s:
            meeting = stored(s, Meeting, meeting_id)
            if meeting.ended_at is not None:
                return set_fields(meeting)
            now = now or utcnow()
            values: dict[str, Any] = {"ended_at": now}
            if meeting.started_at is None:
                values["started_at"] = now
            return set_fields(meeting, **values)

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
