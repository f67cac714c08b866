"""The follow-up of the activities: progress updates with the status they give an activity, the
state each activity is derived to be in (not started, on schedule, late, done, not updated), and
the reminders a facilitator is shown; all of it travels in the programme file."""

from __future__ import annotations

import datetime as dt

import pytest

from verkstad.domain.model import Activity, ActivityStatus, Entry, EntryKind, Meeting, Person, Phase, ProgressUpdate
from verkstad.domain.progress import STALE_DAYS, Progress, follow_up
from verkstad.i18n import set_language
from verkstad.services.follow_up import FollowUpError
from verkstad.services.records import undo_change

TODAY = dt.date(2027, 6, 10)
UTC = dt.UTC


def _activity(**values) -> Activity:
    made = dt.datetime(2027, 3, 1, 9, tzinfo=UTC)
    return Activity(title="Grønne krav til rengøring", created_at=made, updated_at=made, **values)


def _update(day: dt.date, **values) -> ProgressUpdate:
    made = dt.datetime.combine(day, dt.time(12), tzinfo=UTC)
    return ProgressUpdate(reported_on=day, created_at=made, updated_at=made, **values)


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def test_an_activity_is_done_late_not_started_or_on_schedule_as_its_status_dates_and_updates_say():
    june = dt.date(2027, 6, 1)
    assert follow_up(_activity(status=ActivityStatus.DONE, deadline=june), [], TODAY).progress == Progress.DONE
    late = follow_up(_activity(status=ActivityStatus.ONGOING, deadline=june), [], TODAY)
    assert (late.progress, late.reason) == (Progress.LATE, "the deadline 1 Jun 2027 has passed")
    unstarted = follow_up(_activity(status=ActivityStatus.PREPARATION, start_date=june), [], TODAY)
    assert (unstarted.progress, unstarted.reason) == (Progress.LATE, "it was to start on 1 Jun 2027")
    assert follow_up(_activity(status=ActivityStatus.PREPARATION, start_date=dt.date(2027, 7, 1)), [],
                     TODAY).progress == Progress.NOT_STARTED
    assert follow_up(_activity(status=ActivityStatus.ONGOING), [], TODAY).progress == Progress.ON_SCHEDULE


def test_a_share_done_well_behind_the_time_gone_is_late_and_says_so():
    activity = _activity(status=ActivityStatus.ONGOING, start_date=dt.date(2027, 5, 1), deadline=dt.date(2027, 9, 1))
    behind = follow_up(activity, [_update(dt.date(2027, 7, 1), share_done=10)], dt.date(2027, 7, 2))
    assert (behind.progress, behind.reason) == (Progress.LATE, "10% done when 50% of its time had gone")
    keeping_up = follow_up(activity, [_update(dt.date(2027, 7, 1), share_done=40)], dt.date(2027, 7, 2))
    assert keeping_up.progress == Progress.ON_SCHEDULE
    set_language("da")
    again = follow_up(activity, [_update(dt.date(2027, 7, 1), share_done=10)], dt.date(2027, 7, 2))
    assert again.reason == "10\xa0% færdigt, da 50\xa0% af tiden var gået"  # Danish writes 10 %


def test_an_activity_under_way_no_one_reported_on_for_thirty_days_is_stale():
    ongoing = _activity(status=ActivityStatus.ONGOING)
    reported = [_update(TODAY - dt.timedelta(days=STALE_DAYS - 1)), _update(TODAY - dt.timedelta(days=90))]
    state = follow_up(ongoing, reported, TODAY)
    assert state.stale_days is None and state.latest is reported[0]  # the newest counts
    assert follow_up(ongoing, reported[1:], TODAY).stale_days == 90
    planned = _activity(status=ActivityStatus.PREPARATION)  # not agreed, never reported on: no one to ask yet
    assert follow_up(planned, [], TODAY).stale_days is None
    assert follow_up(planned, [], TODAY, agreed=True).stale_days == (TODAY - dt.date(2027, 3, 1)).days
    assert follow_up(_activity(status=ActivityStatus.DONE), reported[1:], TODAY).stale_days is None


@pytest.fixture
def org(services):
    programme = services.planning.create_programme("Forløb", "da", "travelling_team", start=dt.date(2027, 2, 1))
    return services.planning.add_organisation(programme.id, "Testby Kommune", language="da")[0].record


def test_a_report_stores_the_update_and_gives_the_activity_its_status_and_undo_takes_back_both(services, org):
    activity = services.activities.add(org.id, "Cirkulære møbler").record
    person = services.records.add(Person(programme_id=org.programme_id, organisation_id=org.id,
                                         name="Birte Holm")).record
    changes = services.follow_ups.report(activity.id, reported_on=dt.date(2027, 4, 6), status="ongoing",
                                         note="  Første udbud er sendt  ", reported_by_id=person.id, share_done=40)
    update = services.follow_ups.updates(activity.id)[0]
    assert (update.note, update.share_done, update.reported_by_id) == ("Første udbud er sendt", 40, person.id)
    assert services.activities.get(activity.id).status == "ongoing"
    older = services.follow_ups.report(activity.id, reported_on=dt.date(2027, 3, 1), status="preparation")
    assert len(older) == 1 and services.activities.get(activity.id).status == "ongoing"  # not the newest
    for change in reversed(changes):
        undo_change(services.records, change)
    assert services.activities.get(activity.id).status == "preparation"
    assert [u.reported_on for u in services.follow_ups.updates(activity.id)] == [dt.date(2027, 3, 1)]


@pytest.mark.parametrize(("values", "message"), [
    ({"status": "paused"}, "Unknown status"),
    ({"share_done": 101}, "from 0 to 100"),
    ({"share_done": 12.5}, "whole number"),
    ({"reported_on": "2027-04-06"}, "Enter a date"),
    ({"reported_by_id": "1c2d3e4f-0000-4000-8000-000000000000"}, "no longer exists"),
])
def test_a_report_that_cannot_be_stored_is_refused_and_changes_nothing(services, org, values, message):
    activity = services.activities.add(org.id, "Cirkulære møbler").record
    with pytest.raises(FollowUpError, match=message):
        services.follow_ups.report(activity.id, **{"reported_on": None, "status": "ongoing", **values})
    assert services.follow_ups.updates(activity.id) == []
    assert services.activities.get(activity.id).status == "preparation"


def test_editing_the_newest_update_moves_the_activity_status_with_it(services, org):
    activity = services.activities.add(org.id, "Cirkulære møbler").record
    services.follow_ups.report(activity.id, reported_on=dt.date(2027, 4, 6), status="ongoing")
    update = services.follow_ups.updates(activity.id)[0]
    services.follow_ups.edit(update.id, status="done", note="Færdig")
    assert services.activities.get(activity.id).status == "done"
    assert services.follow_ups.updates(activity.id)[0].note == "Færdig"


def test_reminders_put_late_first_then_due_this_week_then_tasks_then_silence(services, org):
    acts = services.activities
    late = acts.add(org.id, "Sen", status="ongoing", deadline=TODAY - dt.timedelta(days=3)).record
    due = acts.add(org.id, "Snart", status="ongoing", deadline=TODAY + dt.timedelta(days=2)).record
    later = acts.add(org.id, "Senere", status="ongoing", deadline=TODAY + dt.timedelta(days=30)).record
    services.follow_ups.report(later.id, reported_on=TODAY - dt.timedelta(days=2), status="ongoing")
    acts.add(org.id, "Færdig", status="done", deadline=TODAY - dt.timedelta(days=30))
    quiet = acts.add(org.id, "Stille", status="ongoing").record
    services.follow_ups.report(quiet.id, reported_on=TODAY - dt.timedelta(days=45), status="ongoing")
    services.follow_ups.report(due.id, reported_on=TODAY - dt.timedelta(days=1), status="ongoing")
    services.follow_ups.report(late.id, reported_on=TODAY - dt.timedelta(days=1), status="ongoing")
    phase = services.records.list(Phase, programme_id=org.programme_id)[0]
    meeting = services.records.add(Meeting(programme_id=org.programme_id, phase_id=phase.id, organisation_id=org.id,
                                           title="Opfølgning")).record
    for text, days, serves, done in (("Send kriterier", 4, due.id, False), ("Langt ude", 20, None, False),
                                     ("Allerede gjort", 1, None, True)):
        services.records.add(Entry(meeting_id=meeting.id, kind=EntryKind.TASK, text=text, owner_name="Birte",
                                   due_date=TODAY + dt.timedelta(days=days), activity_id=serves, done=done))
    found = services.follow_ups.reminders(org.programme_id, TODAY)
    assert [(r.kind, r.record.id) for r in found][:2] == [("late", late.id), ("due", due.id)]
    assert [r.kind for r in found] == ["late", "due", "task", "stale"]
    assert found[2].text == "Task for Birte (Testby Kommune) due on 14 Jun 2027: Send kriterier"
    assert found[3].text == "No one has reported on Stille (Testby Kommune) for 45 days"


def test_progress_updates_travel_in_the_programme_file(services, org, tmp_path):
    from verkstad.services.exchange import export_programme, import_programme
    from verkstad.services.hub import Services

    activity = services.activities.add(org.id, "Cirkulære møbler").record
    services.follow_ups.report(activity.id, reported_on=dt.date(2027, 4, 6), status="ongoing",
                               note="Første «udbud» <b>sendt</b>", share_done=40)
    out = tmp_path / "forløb.json"
    export_programme(services, None, out)
    other = Services.open(tmp_path / "anden.sqlite")
    try:
        import_programme(other, out)
        (update,) = other.follow_ups.updates(activity.id)
        assert (update.note, update.share_done, update.status) == ("Første «udbud» <b>sendt</b>", 40, "ongoing")
    finally:
        other.close()


def test_a_version_4_file_from_before_the_follow_up_imports_with_no_updates(services, org, tmp_path):
    import json

    from verkstad.services import exchange
    from verkstad.services.exchange import export_programme, import_programme
    from verkstad.services.hub import Services

    services.activities.add(org.id, "Cirkulære møbler")
    out = tmp_path / "forløb.json"
    export_programme(services, None, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["version"] == exchange.VERSION and doc["records"]["progress_updates"] == []
    doc["version"] = 4
    del doc["records"]["progress_updates"]
    old = tmp_path / "version-4.json"
    old.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = Services.open(tmp_path / "anden.sqlite")
    try:
        programme = import_programme(other, old)
        again = tmp_path / "again.json"
        export_programme(other, programme.id, again)
        assert json.loads(again.read_text(encoding="utf-8"))["version"] == exchange.VERSION
        assert again.read_bytes() == out.read_bytes()  # the same programme, written by this version
    finally:
        other.close()


def test_the_overview_has_a_row_per_participating_organisation_with_where_it_stands(services, demo):
    from verkstad.domain.model import Organisation, OrgKind, PhaseKind

    today = dt.date(2027, 6, 1)
    rows = {r.organisation.short_name: r for r in services.follow_ups.overview(demo.id, today)}
    participants = {o.short_name for o in services.records.list(Organisation, programme_id=demo.id)
                    if o.kind == OrgKind.PARTICIPANT}
    assert set(rows) == participants
    nk, rs, kk = rows["NK"], rows["RS"], rows["KK"]
    assert nk.phase is not None and nk.phase.kind == PhaseKind.ACTIVITIES  # its agreement is approved
    assert nk.agreement.startswith("Version 2 approved on ") and not nk.agreement_waiting
    assert rs.agreement.startswith("Version 1 waiting for comments for ") and rs.agreement_waiting
    assert kk.agreement == "No agreement sent yet"
    assert nk.kickoff_held and nk.chief_attended is True
    assert rs.chief_attended is None  # Region Søndersted has no purchasing chief in the demo
    for row in rows.values():
        activities = services.activities.list(row.organisation.id)
        assert sum(row.states.values()) == len(activities)
        assert row.states["late"] == sum(follow_up(a, services.follow_ups.updates(a.id), today).progress
                                         == Progress.LATE for a in activities)
    tasks = [e for m in services.records.list(Meeting, organisation_id=nk.organisation.id)
             for e in services.records.list(Entry, meeting_id=m.id) if e.kind == EntryKind.TASK and not e.done]
    assert nk.open_tasks == len(tasks) > 0
    assert nk.overdue_tasks == sum(1 for t in tasks if t.due_date and t.due_date < today)
    newest = max(u.reported_on for a in services.activities.list(nk.organisation.id)
                 for u in services.follow_ups.updates(a.id))
    assert nk.updated is not None and nk.updated >= newest


def test_a_follow_up_meeting_puts_the_late_activities_and_open_tasks_on_its_agenda(services, org):
    from verkstad.domain.model import AgendaItem
    from verkstad.services.records import undo_change

    late = services.activities.add(org.id, "Krav til kantinen", status="ongoing",
                                   deadline=TODAY - dt.timedelta(days=10)).record
    later = services.activities.add(org.id, "Senere", status="ongoing", deadline=TODAY + dt.timedelta(days=60)).record
    services.follow_ups.report(later.id, reported_on=TODAY - dt.timedelta(days=3), status="ongoing")  # on schedule
    phase = services.records.list(Phase, programme_id=org.programme_id)[0]
    kickoff = services.records.add(Meeting(programme_id=org.programme_id, phase_id=phase.id, organisation_id=org.id,
                                           title="Opstart")).record
    services.records.add(Entry(meeting_id=kickoff.id, kind=EntryKind.TASK, text="Send politikken", owner_name="Birte",
                               due_date=TODAY + dt.timedelta(days=3)))
    before = {m.id for m in services.records.list(Meeting, organisation_id=org.id)}
    changes = services.follow_ups.plan_follow_up_meeting(org.id, TODAY)
    meeting = services.records.get(Meeting, changes[0].id)
    assert (meeting.title, meeting.date, meeting.organisation_id) == ("Opfølgningsmøde: Testby Kommune", TODAY, org.id)
    agenda = services.records.list(AgendaItem, meeting_id=meeting.id)
    titles = [a.title for a in agenda]
    assert titles[0] == "Velkomst og status på planen" and titles[-1] == "Næste skridt og næste møde"
    assert f"Forsinket: {late.title}" in titles and "Opgave: Send politikken (Birte)" in titles
    assert not any("Senere" in t for t in titles)
    assert next(a for a in agenda if late.title in a.title).notes.startswith("fristen ")  # why, in Danish
    for change in reversed(changes):
        undo_change(services.records, change)
    assert {m.id for m in services.records.list(Meeting, organisation_id=org.id)} == before


def test_only_changes_the_follow_up_shows_make_the_overview_read_again(services, org):
    """A note captured in a meeting (typed as fast as people speak) leaves the overview alone; a
    task, a task made a note, a progress update or an activity does not."""
    from verkstad.services.follow_up import concerns_follow_up

    meeting = services.records.list(Meeting, organisation_id=org.id)[0]
    note = services.records.add(Entry(meeting_id=meeting.id, kind=EntryKind.NOTE, text="Referat"))
    assert not concerns_follow_up([note])
    assert not concerns_follow_up([services.records.update(Entry, note.id, text="Referat, rettet")])
    task = services.records.add(Entry(meeting_id=meeting.id, kind=EntryKind.TASK, text="Send"))
    assert concerns_follow_up([task])
    assert concerns_follow_up([services.records.update(Entry, task.id, kind=EntryKind.NOTE)])  # no longer a task
    activity = services.activities.add(org.id, "Krav")
    assert concerns_follow_up([activity])
    assert concerns_follow_up(services.follow_ups.report(activity.id, reported_on=None, status="ongoing"))


def test_the_database_picks_each_activitys_newest_update_as_newest_first_orders_them(services, org):
    """The overview reads only each activity's newest update: the same one `newest_first` puts first,
    an update given no day counting by the day it was stored, a tie on the day by when stored."""
    from verkstad.domain.progress import newest_first

    def stamp(day: int, hour: int) -> dt.datetime:
        return dt.datetime(2027, 4, day, hour, tzinfo=dt.UTC)

    cases = [  # (reported on, stored at) of each update of one activity
        [(dt.date(2027, 4, 1), stamp(1, 9)), (None, stamp(3, 9)), (dt.date(2027, 4, 2), stamp(5, 9))],
        [(dt.date(2027, 4, 3), stamp(3, 8)), (dt.date(2027, 4, 3), stamp(3, 10)), (None, stamp(2, 9))],
        [(None, stamp(4, 9)), (None, stamp(4, 11))],
        [(dt.date(2027, 4, 9), stamp(1, 9))],
    ]
    wanted = {}
    for n, updates in enumerate(cases):
        activity = services.activities.add(org.id, f"Aktivitet {n}").record
        made = [ProgressUpdate(activity_id=activity.id, reported_on=day, status="ongoing", note=f"{n}.{i}",
                               created_at=at, updated_at=at) for i, (day, at) in enumerate(updates)]
        services.records.add_all(made)
        wanted[activity.id] = newest_first(made)[0].created_at
    got = {u.activity_id: u.created_at for u in services.records.newest_updates(org.programme_id,
                                                                                ("activity_id", "created_at"))}
    assert got == wanted
