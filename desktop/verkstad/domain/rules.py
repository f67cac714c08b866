"""Planning rules: agenda timing and the attendance a phase requires."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from verkstad.domain.model import ActivityStatus, AgendaItem, Attendance, Meeting, Person


@dataclass(frozen=True)
class TimedItem:
    item: AgendaItem
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class AgendaTiming:
    items: list[TimedItem]
    total_min: int
    end: dt.time | None  # computed end of the last item
    planned_end: dt.time | None
    overrun_min: int  # minutes past the planned end, 0 when it fits


def _add_minutes(t: dt.time, minutes: int) -> dt.time:
    moment = dt.datetime.combine(dt.date(2000, 1, 1), t) + dt.timedelta(minutes=minutes)
    return moment.time()


def agenda_timing(
    items: Sequence[AgendaItem], start: dt.time | None, planned_end: dt.time | None
) -> AgendaTiming:
    """Start and end of each item, in order, from the meeting's start time."""
    ordered = sorted(items, key=lambda i: i.position)
    total = sum(max(0, i.duration_min) for i in ordered)
    if start is None:
        return AgendaTiming([], total, None, planned_end, 0)
    timed, elapsed = [], 0
    for item in ordered:
        begin = _add_minutes(start, elapsed)
        elapsed += max(0, item.duration_min)
        timed.append(TimedItem(item, begin, _add_minutes(start, elapsed)))
    end_moment = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=total)
    overrun = 0
    if planned_end is not None:
        planned = dt.datetime.combine(dt.date(2000, 1, 1), planned_end)
        overrun = max(0, int((end_moment - planned).total_seconds() // 60))
    return AgendaTiming(timed, total, end_moment.time(), planned_end, overrun)


def missing_roles(
    required_roles: Iterable[str],
    attendance: Iterable[Attendance],
    people: dict[str, Person],
    *,
    attended_only: bool = False,
) -> list[str]:
    """Required roles that no invited (or, once held, attending) person holds."""
    present = {
        people[a.person_id].role
        for a in attendance
        if a.person_id in people
        and a.deleted_at is None
        and (a.attended if attended_only else (a.invited or a.attended))
    }
    return [role for role in required_roles if role not in present]


def is_late(status: str, deadline: dt.date | None, today: dt.date) -> bool:
    return status != ActivityStatus.DONE and deadline is not None and deadline < today


def is_held(meeting: Meeting, attendance: Iterable[Attendance], today: dt.date) -> bool:
    """Whether a meeting is taking place or has taken place, so that attendance counts:
    started in capture mode, someone already ticked as attended (attendance recorded
    afterwards), or its date has passed."""
    return (meeting.started_at is not None
            or any(a.attended and a.deleted_at is None for a in attendance)
            or (meeting.date is not None and meeting.date < today))


def outside_phase(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a meeting's date lies outside its phase's dates (a warning, not a refusal)."""
    if day is None:
        return False
    return (start is not None and day < start) or (end is not None and day > end)
