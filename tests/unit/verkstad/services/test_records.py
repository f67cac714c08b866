"""Stored the moment it is made, undoable, deletions only marked."""

import pytest

from verkstad.domain.model import AgendaItem, Phase
from verkstad.services.records import NotFound, redo_change, undo_change


def test_update_returns_before_and_after_and_undo_restores(services, demo):
    phase = services.records.list(Phase, programme_id=demo.id)[0]
    change = services.records.update(Phase, phase.id, title="Ny titel", venue="Aarhus")
    assert change.before == {"title": phase.title, "venue": phase.venue}
    assert services.records.get(Phase, phase.id).title == "Ny titel"
    undo_change(services.records, change)
    assert services.records.get(Phase, phase.id).title == phase.title
    redo_change(services.records, change)
    assert services.records.get(Phase, phase.id).venue == "Aarhus"


def test_delete_marks_and_restore_brings_back(services, demo):
    phase = services.records.list(Phase, programme_id=demo.id)[1]
    change = services.records.delete(Phase, phase.id)
    assert phase.id not in [p.id for p in services.records.list(Phase, programme_id=demo.id)]
    with pytest.raises(NotFound):
        services.records.get(Phase, phase.id)
    assert services.records.get(Phase, phase.id, include_deleted=True).deleted_at is not None
    undo_change(services.records, change)
    assert services.records.list(Phase, programme_id=demo.id)[1].id == phase.id


def test_move_renumbers_siblings_and_undo_moves_back(services, demo):
    meeting = services.planning.meetings(demo.id)[1]
    agenda = services.records.list(AgendaItem, meeting_id=meeting.id)
    change = services.records.move(AgendaItem, agenda[0].id, 3)
    titles = [i.title for i in services.records.list(AgendaItem, meeting_id=meeting.id)]
    assert titles[3] == agenda[0].title and titles[0] == agenda[1].title
    assert [i.position for i in services.records.list(AgendaItem, meeting_id=meeting.id)] == list(range(len(agenda)))
    undo_change(services.records, change)
    assert [i.id for i in services.records.list(AgendaItem, meeting_id=meeting.id)] == [i.id for i in agenda]


def test_add_at_a_position_inserts_between(services, demo):
    meeting = services.planning.meetings(demo.id)[1]
    services.planning.add_agenda_item(meeting.id, "Kaffe", 10, position=1)
    titles = [i.title for i in services.records.list(AgendaItem, meeting_id=meeting.id)]
    assert titles[1] == "Kaffe"


def test_every_change_is_on_disk_when_the_call_returns(tmp_path):
    from verkstad.services.hub import Services

    path = tmp_path / "d.sqlite"
    s = Services.open(path)
    p = s.planning.create_programme("Forløb", "da", "blank")
    s.records.update(type(p), p.id, description="æøå")
    s.close()
    s2 = Services.open(path)
    assert s2.planning.programmes()[0].description == "æøå"
    s2.close()


def test_rows_hold_what_the_records_hold_without_the_deleted(services, demo):
    """A summary's rows (`Records.rows`) give each field's value as the record does: dates, times
    and choices alike; deleted records are left out, whether named by values or by their parent."""
    from verkstad.domain.model import Activity

    activities = services.records.list(Activity, programme_id=demo.id)
    gone = activities[0]
    services.records.delete(Activity, gone.id)
    rows = {r.id: r for r in services.records.rows(Activity, programme_id=demo.id)}
    assert gone.id not in rows and len(rows) == len(activities) - 1
    for a in activities[1:]:
        row = rows[a.id]
        assert (row.title, row.deadline, row.start_date, row.status, row.created_at, row.team_hours) == \
            (a.title, a.deadline, a.start_date, a.status, a.created_at, a.team_hours)
    org = activities[1].organisation_id
    named = services.records.rows(Activity, "organisation_id", [org], fields=("id", "deadline"))
    assert {r.id for r in named} == {a.id for a in activities[1:] if a.organisation_id == org}
    assert named[0]._fields == ("id", "deadline")
    inside = services.records.rows(Activity, "id", within=(Activity, "programme_id", demo.id), fields=("id",))
    assert {r.id for r in inside} == set(rows)
