"""The clock of a meeting in capture mode: the current agenda item, its elapsed and remaining time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from verkstad.domain.model import AgendaItem, Meeting


@dataclass(frozen=True)
class ItemClock:
    """Where a started meeting stands at one moment."""

    item: AgendaItem | None  # None: the meeting has no agenda (or its item was deleted)
    index: int  # 0-based place of the item in the agenda, -1 without one
    count: int  # number of agenda items
    elapsed_s: int  # since the item was taken up
    remaining_s: int  # of its planned minutes; negative once it overruns
    meeting_elapsed_s: int
    meeting_remaining_s: int | None  # to the planned end of the whole agenda

    @property
    def overrun(self) -> bool:
        return self.item is not None and self.remaining_s < 0


def ordered(agenda: Sequence[AgendaItem]) -> list[AgendaItem]:
    return sorted((a for a in agenda if a.deleted_at is None), key=lambda a: a.position)


def item_clock(meeting: Meeting, agenda: Sequence[AgendaItem], now: dt.datetime) -> ItemClock | None:
    """The clock of a started meeting, or None before it starts."""
    if meeting.started_at is None:
        return None
    items = ordered(agenda)
    end = meeting.ended_at or now
    meeting_elapsed = max(0, int((end - meeting.started_at).total_seconds()))
    total_s = sum(max(0, a.duration_min) for a in items) * 60
    index = next((i for i, a in enumerate(items) if a.id == meeting.current_item_id), -1)
    item = items[index] if index >= 0 else None
    since = meeting.item_started_at or meeting.started_at
    elapsed = max(0, int((end - since).total_seconds()))
    remaining = (item.duration_min * 60 - elapsed) if item is not None else 0
    return ItemClock(item, index, len(items), elapsed, remaining, meeting_elapsed,
                     total_s - meeting_elapsed if items else None)


def neighbour(agenda: Sequence[AgendaItem], current_id: str | None, step: int) -> AgendaItem | None:
    """The item `step` places from the current one (the first when there is none), or None past the ends."""
    items = ordered(agenda)
    if not items:
        return None
    index = next((i for i, a in enumerate(items) if a.id == current_id), None)
    if index is None:
        return items[0] if step >= 0 else None
    target = index + step
    return items[target] if 0 <= target < len(items) else None


def mmss(seconds: int) -> str:
    """Seconds as m:ss (h:mm:ss past an hour), without a sign."""
    seconds = abs(int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
