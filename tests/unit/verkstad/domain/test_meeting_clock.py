"""The meeting clock: current item, elapsed and remaining time, overrun, and moving between items."""

from __future__ import annotations

import datetime as dt

from verkstad.domain.meeting_clock import item_clock, mmss, neighbour
from verkstad.domain.model import AgendaItem, Meeting

T0 = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)


def _agenda():
    return [AgendaItem(meeting_id="m", position=i, title=t, duration_min=d)
            for i, (t, d) in enumerate([("Velkomst", 15), ("Politik", 40), ("Idéer", 30)])]


def test_no_clock_before_the_meeting_starts():
    assert item_clock(Meeting(), _agenda(), T0) is None


def test_elapsed_and_remaining_of_the_current_item():
    agenda = _agenda()
    meeting = Meeting(started_at=T0, current_item_id=agenda[1].id, item_started_at=T0 + dt.timedelta(minutes=15))
    clock = item_clock(meeting, agenda, T0 + dt.timedelta(minutes=25, seconds=30))
    assert (clock.item, clock.index, clock.count) == (agenda[1], 1, 3)
    assert clock.elapsed_s == 10 * 60 + 30
    assert clock.remaining_s == 29 * 60 + 30
    assert not clock.overrun
    assert clock.meeting_elapsed_s == 25 * 60 + 30
    assert clock.meeting_remaining_s == 85 * 60 - clock.meeting_elapsed_s


def test_an_item_past_its_minutes_overruns():
    agenda = _agenda()
    meeting = Meeting(started_at=T0, current_item_id=agenda[0].id, item_started_at=T0)
    clock = item_clock(meeting, agenda, T0 + dt.timedelta(minutes=17))
    assert clock.overrun and clock.remaining_s == -120
    assert mmss(clock.remaining_s) == "2:00"


def test_an_ended_meeting_stops_its_clock():
    agenda = _agenda()
    meeting = Meeting(started_at=T0, ended_at=T0 + dt.timedelta(minutes=80), current_item_id=agenda[2].id,
                      item_started_at=T0 + dt.timedelta(minutes=55))
    clock = item_clock(meeting, agenda, T0 + dt.timedelta(hours=5))
    assert clock.meeting_elapsed_s == 80 * 60
    assert clock.elapsed_s == 25 * 60


def test_neighbours_in_agenda_order():
    agenda = _agenda()
    shuffled = [agenda[2], agenda[0], agenda[1]]
    assert neighbour(shuffled, None, 1) is agenda[0]
    assert neighbour(shuffled, agenda[0].id, 1) is agenda[1]
    assert neighbour(shuffled, agenda[1].id, -1) is agenda[0]
    assert neighbour(shuffled, agenda[2].id, 1) is None
    assert neighbour(shuffled, agenda[0].id, -1) is None
    assert neighbour([], None, 1) is None


def test_mmss():
    assert mmss(0) == "0:00"
    assert mmss(61) == "1:01"
    assert mmss(3725) == "1:02:05"
