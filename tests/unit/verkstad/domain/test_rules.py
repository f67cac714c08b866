"""Agenda timing and required attendance: the rules the planning views show."""

import datetime as dt

from verkstad.domain.model import AgendaItem, Attendance, Person, Role
from verkstad.domain.rules import agenda_timing, is_late, missing_roles


def items(*minutes):
    return [AgendaItem(meeting_id="m", position=i, title=f"item {i}", duration_min=m) for i, m in enumerate(minutes)]


def test_start_times_follow_from_the_meeting_start_and_the_order():
    agenda = items(15, 40, 30)
    timing = agenda_timing(agenda, dt.time(9, 0), dt.time(12, 0))
    assert [(t.start, t.end) for t in timing.items] == [
        (dt.time(9, 0), dt.time(9, 15)), (dt.time(9, 15), dt.time(9, 55)), (dt.time(9, 55), dt.time(10, 25))]
    assert timing.total_min == 85 and timing.end == dt.time(10, 25) and timing.overrun_min == 0


def test_reordering_moves_the_times_with_the_items():
    agenda = items(15, 40)
    agenda[0].position, agenda[1].position = 1, 0
    timing = agenda_timing(agenda, dt.time(9, 0), None)
    assert timing.items[0].item.duration_min == 40
    assert timing.items[1].start == dt.time(9, 40)


def test_overrun_is_the_minutes_past_the_planned_end():
    timing = agenda_timing(items(90, 45), dt.time(9, 0), dt.time(10, 0))
    assert timing.overrun_min == 75


def test_no_start_time_gives_totals_but_no_clock_times():
    timing = agenda_timing(items(10, 20), None, None)
    assert timing.items == [] and timing.total_min == 30


def test_missing_role_until_someone_invited_holds_it():
    chief = Person(name="A", role=Role.PURCHASING_CHIEF)
    officer = Person(name="B", role=Role.PROCUREMENT_OFFICER)
    people = {chief.id: chief, officer.id: officer}
    only_officer = [Attendance(meeting_id="m", person_id=officer.id, invited=True)]
    assert missing_roles([Role.PURCHASING_CHIEF], only_officer, people) == [Role.PURCHASING_CHIEF]
    both = [*only_officer, Attendance(meeting_id="m", person_id=chief.id, invited=True)]
    assert missing_roles([Role.PURCHASING_CHIEF], both, people) == []
    uninvited = [*only_officer, Attendance(meeting_id="m", person_id=chief.id, invited=False)]
    assert missing_roles([Role.PURCHASING_CHIEF], uninvited, people) == [Role.PURCHASING_CHIEF]


def test_late_only_when_not_done_and_past_the_deadline():
    today = dt.date(2027, 5, 1)
    assert is_late("ongoing", dt.date(2027, 4, 30), today)
    assert not is_late("done", dt.date(2027, 4, 30), today)
    assert not is_late("ongoing", dt.date(2027, 5, 1), today)
    assert not is_late("ongoing", None, today)


def test_a_meeting_is_held_once_started_attended_or_past():
    import datetime as dt

    from verkstad.domain.model import Attendance, Meeting
    from verkstad.domain.rules import is_held, outside_phase

    today = dt.date(2027, 3, 10)
    planned = Meeting(date=dt.date(2027, 3, 12))
    assert not is_held(planned, [], today)
    assert is_held(Meeting(date=dt.date(2027, 3, 9)), [], today)  # its date has passed
    assert is_held(Meeting(date=dt.date(2027, 3, 12), started_at=dt.datetime(2027, 3, 10, 9, tzinfo=dt.UTC)), [], today)
    assert is_held(planned, [Attendance(attended=True)], today)  # attendance recorded afterwards
    assert not is_held(planned, [Attendance(attended=True, deleted_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))], today)
    assert outside_phase(dt.date(2027, 4, 1), dt.date(2027, 3, 1), dt.date(2027, 3, 31))
    assert not outside_phase(dt.date(2027, 3, 31), dt.date(2027, 3, 1), dt.date(2027, 3, 31))
    assert not outside_phase(None, dt.date(2027, 3, 1), None)
