"""Merging two copies of one programme: field by field by their stamps, both ways to the same
programme, conflicts named and resolved as told, deletions against changes, nothing lost."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from verkstad import cli
from verkstad.domain.model import Activity, AgendaItem, Entry, Meeting, Organisation, Person
from verkstad.paths import backups_dir
from verkstad.services.exchange import (
    ExchangeError,
    export_programme,
    find_programme,
    fingerprint,
    import_programme,
    merging,
    programme_document,
)
from verkstad.services.hub import Services


@pytest.fixture
def laptops(services, demo, tmp_path):
    """Two copies of the demo programme: this database (laptop A) and one made from its export (B)."""
    base = tmp_path / "base.json"
    export_programme(services, None, base)
    other = Services.open(tmp_path / "b.sqlite")
    import_programme(other, base)
    yield services, other
    other.close()


def _export(services, path: Path) -> Path:
    export_programme(services, None, path)
    return path


def _text(services) -> str:
    from verkstad.services.exchange import dumps

    doc = programme_document(services, find_programme(services, None))
    return dumps(doc)


def dumps_records(doc: dict) -> str:
    from verkstad.services.exchange import dumps

    return dumps({"programme": doc["programme"], "records": doc["records"]})


def _merge(services, path: Path, prefer: str | None = None) -> merging.MergePlan:
    plan = merging.plan(services, path)
    merging.apply(services, plan, {c.key: prefer for c in plan.conflicts} if prefer else {})
    return plan


def _text_at(target: str) -> str:
    services = Services.open(target)
    try:
        return _text(services)
    finally:
        services.close()


def _org_meetings(services):
    return [m for m in services.records.list(Meeting) if m.organisation_id]


def test_two_laptops_capturing_and_editing_different_fields_merge_both_ways_into_the_same_export(laptops, tmp_path):
    a, b = laptops
    first, second = _org_meetings(a)[:2]
    activity = a.records.list(Activity)[0]
    a.capture.add_entry(first.id, "Spørg om kontormøbler med genbrugsmærke")
    a.capture.add_entry(first.id, "Indkøbschefen vil have en tjekliste")
    b.capture.add_entry(second.id, "Kantinen kan købe økologisk frugt")
    a.records.update(Activity, activity.id, title="Grønne krav til møbler")
    b.records.update(Activity, activity.id, deadline=dt.date(2027, 6, 15))
    b.records.update(Meeting, first.id, venue="Rådhuset, lokale 3")

    from_a, from_b = _export(a, tmp_path / "a.json"), _export(b, tmp_path / "b.json")
    into_a, into_b = merging.plan(a, from_b), merging.plan(b, from_a)
    assert into_a.conflicts == [] and into_b.conflicts == []
    assert into_a.counts() == (1, 2, 0)  # B's entry; the deadline and the venue
    assert into_b.counts() == (2, 1, 0)
    merging.apply(a, into_a, {})
    merging.apply(b, into_b, {})

    assert _text(a) == _text(b)
    got = a.records.get(Activity, activity.id)
    assert (got.title, got.deadline) == ("Grønne krav til møbler", dt.date(2027, 6, 15))
    assert a.records.get(Meeting, first.id).venue == "Rådhuset, lokale 3"
    programme = find_programme(a, None)
    # the search index follows: each laptop finds the other's entries, inside compounds too
    assert [h.text for h in a.capture.search(programme.id, "frugt")] == ["Kantinen kan købe økologisk frugt"]
    assert [h.text for h in b.capture.search(programme.id, "genbrugsmærke")] == [
        "Spørg om kontormøbler med genbrugsmærke"]


def test_merging_the_same_file_twice_changes_nothing(laptops, tmp_path):
    a, b = laptops
    b.capture.add_entry(_org_meetings(b)[0].id, "En ny idé")
    from_b = _export(b, tmp_path / "b.json")
    _merge(a, from_b)
    before = _text(a)
    again = merging.plan(a, from_b)
    assert again.unchanged
    assert merging.summary(again) == "This database already holds everything in “b.json”."
    merging.apply(a, again, {})
    assert _text(a) == before


def test_a_field_both_changed_is_a_conflict_in_the_programmes_words_and_is_resolved_as_told(laptops, tmp_path):
    a, b = laptops
    activity = next(x for x in a.records.list(Activity) if len(x.title) < 60)
    a.records.update(Activity, activity.id, deadline=dt.date(2027, 6, 1))
    b.records.update(Activity, activity.id, deadline=dt.date(2027, 6, 15))
    from_b = _export(b, tmp_path / "b.json")
    plan = merging.plan(a, from_b)
    (conflict,) = plan.conflicts
    assert conflict.text == (f"Both copies changed the deadline of the activity “{activity.title}”: "
                             "1 Jun 2027 on this laptop, 15 Jun 2027 in the file.")
    with pytest.raises(ExchangeError, match="not resolved"):
        merging.apply(a, plan, {})
    assert a.records.get(Activity, activity.id).deadline == dt.date(2027, 6, 1)
    merging.apply(a, plan, {conflict.key: "theirs"})
    assert a.records.get(Activity, activity.id).deadline == dt.date(2027, 6, 15)
    # B then merges A's export: A took B's value, so nothing is left to decide
    back = merging.plan(b, _export(a, tmp_path / "a.json"))
    assert back.conflicts == []
    merging.apply(b, back, {})
    assert _text(a) == _text(b)


def test_keeping_mine_in_a_conflict_reaches_the_other_laptop_at_its_next_merge(laptops, tmp_path):
    a, b = laptops
    activity = a.records.list(Activity)[0]
    a.records.update(Activity, activity.id, title="Fra A")
    b.records.update(Activity, activity.id, title="Fra B")
    _merge(a, _export(b, tmp_path / "b.json"), prefer="mine")
    plan = merging.plan(b, _export(a, tmp_path / "a.json"))
    assert plan.conflicts == []  # A decided, having seen B's change
    merging.apply(b, plan, {})
    assert b.records.get(Activity, activity.id).title == "Fra A"


def test_a_deletion_wins_over_an_unchanged_record_and_conflicts_with_a_change(laptops, tmp_path):
    a, b = laptops
    people = a.records.list(Person)
    untouched, edited = people[0], people[1]
    b.planning.delete_person(untouched.id)
    b.planning.delete_person(edited.id)
    a.records.update(Person, edited.id, phone="+45 12 34 56 78")
    plan = merging.plan(a, _export(b, tmp_path / "b.json"))
    (conflict,) = plan.conflicts
    assert conflict.id == edited.id
    assert conflict.text == (f"The file deleted the person “{edited.name}”, which has since been changed, or had "
                             "something added to it, on this laptop.")
    merging.apply(a, plan, {conflict.key: "mine"})
    assert a.records.get(Person, untouched.id, include_deleted=True).deleted_at is not None
    kept = a.records.get(Person, edited.id)
    assert kept.phone == "+45 12 34 56 78"


def test_an_entry_captured_in_a_meeting_the_other_laptop_deleted_is_a_conflict_and_is_kept(laptops, tmp_path):
    a, b = laptops
    meeting = _org_meetings(a)[0]
    b.planning.delete_meeting(meeting.id)
    a.capture.add_entry(meeting.id, "Noteret lige før mødet blev aflyst")
    plan = merging.plan(a, _export(b, tmp_path / "b.json"))
    (conflict,) = plan.conflicts
    assert conflict.id == meeting.id and conflict.field == "deleted_at"
    merging.apply(a, plan, {conflict.key: "mine"})
    assert a.records.get(Meeting, meeting.id).deleted_at is None
    assert [e.text for e in a.records.list(Entry, meeting_id=meeting.id)][-1] == "Noteret lige før mødet blev aflyst"


def test_an_organisation_kept_against_its_deletion_keeps_what_was_deleted_with_it(laptops, tmp_path):
    a, b = laptops
    organisation = next(o for o in a.records.list(Organisation) if a.records.list(Meeting, organisation_id=o.id))
    meetings = a.records.list(Meeting, organisation_id=organisation.id)
    b.planning.delete_organisation(organisation.id)
    a.records.update(Organisation, organisation.id, address="Torvet 1\n9999 Fjordby")
    plan = merging.plan(a, _export(b, tmp_path / "b.json"))
    (conflict,) = plan.conflicts  # one question: its meetings, people and plan follow the answer
    assert conflict.id == organisation.id
    assert plan.counts({conflict.key: "theirs"})[2] > 1
    merging.apply(a, plan, {conflict.key: "mine"})
    assert [m.id for m in a.records.list(Meeting, organisation_id=organisation.id)] == [m.id for m in meetings]
    # and B, merging A's answer, gets the organisation and its meetings back
    back = merging.plan(b, _export(a, tmp_path / "a.json"))
    assert back.conflicts == []
    merging.apply(b, back, {})
    assert b.records.get(Organisation, organisation.id).address == "Torvet 1\n9999 Fjordby"
    assert len(b.records.list(Meeting, organisation_id=organisation.id)) == len(meetings)
    assert _text(a) == _text(b)


def test_items_both_added_at_the_end_of_one_agenda_get_one_order_on_both_laptops(laptops, tmp_path):
    a, b = laptops
    meeting = _org_meetings(a)[0]
    a.planning.add_agenda_item(meeting.id, "Punkt fra A")
    b.planning.add_agenda_item(meeting.id, "Punkt fra B")
    from_a, from_b = _export(a, tmp_path / "a.json"), _export(b, tmp_path / "b.json")
    _merge(a, from_b)
    _merge(b, from_a)
    for side in (a, b):
        items = side.records.list(AgendaItem, meeting_id=meeting.id)
        assert [i.position for i in items] == list(range(len(items)))
    assert ([i.title for i in a.records.list(AgendaItem, meeting_id=meeting.id)]
            == [i.title for i in b.records.list(AgendaItem, meeting_id=meeting.id)])


@pytest.mark.sqlite_only
def test_a_copied_database_file_is_a_laptop_of_its_own(services, demo, tmp_path):
    """A copy of the file on a second laptop stamps its changes as another device: a change on each
    to one field is a conflict, not one copy's change silently taken for the other's."""
    activity = services.records.list(Activity)[0]
    path = services.db.path
    services.close()
    shutil.copyfile(path, tmp_path / "copy.sqlite")
    a, b = Services.open(path), Services.open(tmp_path / "copy.sqlite")
    try:
        a.records.update(Activity, activity.id, title="A's title")
        b.records.update(Activity, activity.id, title="B's title")
        plan = merging.plan(a, _export(b, tmp_path / "b.json"))
        assert [c.field for c in plan.conflicts] == ["title"]
    finally:
        a.close()
        b.close()


def test_a_file_without_revisions_merges_and_asks_where_it_differs(laptops, tmp_path):
    a, b = laptops
    activity = a.records.list(Activity)[0]
    b.records.update(Activity, activity.id, title="Ændret i en fil af format 3")
    doc = json.loads(_export(b, tmp_path / "b.json").read_text(encoding="utf-8"))
    doc["version"] = 3
    del doc["revisions"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(doc), encoding="utf-8")
    plan = merging.plan(a, old)
    assert [c.field for c in plan.conflicts] == ["title"]


def test_a_file_of_another_programme_is_refused_and_nothing_changes(laptops, tmp_path):
    a, _b = laptops
    other = Services.open(tmp_path / "other.sqlite")
    try:
        from verkstad.services.demo import create_demo

        create_demo(other, "sv")
        path = _export(other, tmp_path / "other.json")
    finally:
        other.close()
    before = _text(a)
    with pytest.raises(ExchangeError, match="which this database does not have; import it instead"):
        merging.plan(a, path)
    assert _text(a) == before


def test_the_merge_backs_the_database_up_first(laptops, tmp_path, monkeypatch):
    a, b = laptops
    monkeypatch.setenv("VERKSTAD_DATA_DIR", str(tmp_path / "data"))
    before = _text(a)
    b.capture.add_entry(_org_meetings(b)[0].id, "Noget nyt")
    _merge(a, _export(b, tmp_path / "b.json"))
    if a.db.path is not None:  # a file: SQLite's own copy beside it
        assert list(backups_dir(a.db.path).glob("*-before-merge.sqlite"))
    else:  # a server: the programme as it was, as a file that imports or merges back
        from verkstad.paths import server_backups_dir

        (kept,) = server_backups_dir().glob("*-before-merge-*.verkstad")
        doc = json.loads(kept.read_text(encoding="utf-8"))
        assert dumps_records(doc) == dumps_records(json.loads(before))


def test_merge_on_the_command_line(laptops, database_url, tmp_path, capsys):
    a, b = laptops
    activity = next(x for x in a.records.list(Activity) if len(x.title) < 60)
    a.records.update(Activity, activity.id, team_hours=10)
    b.records.update(Activity, activity.id, team_hours=12)
    b.capture.add_entry(_org_meetings(b)[0].id, "Fra den anden bærbare")
    from_b = _export(b, tmp_path / "b.json")
    path = database_url
    a.close()
    b.close()
    before = _text_at(path)

    # without --prefer: the conflicts one per line, nothing written, status 3
    assert cli.main(["merge", "--db", path, str(from_b)]) == 3
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"Both copies changed the team hours of the activity “{activity.title}”: 10 on this laptop, 12 in the file."]
    assert "Nothing was merged: 1 conflict." in err
    assert cli.main(["merge", "--db", path, "--dry-run", str(from_b)]) == 3
    out = capsys.readouterr().out
    assert "Would merge: 1 new record, 0 changed, 0 deleted; 1 conflict.\nNew: entry (1).\n" in out
    assert _text_at(path) == before  # nothing written
    if a.db.path is not None:
        assert not list(backups_dir(a.db.path).glob("*-before-merge.sqlite"))  # not even a backup

    assert cli.main(["merge", "--db", path, "--prefer", "theirs", str(from_b)]) == 0
    assert "Merged: 1 new record, 1 changed, 0 deleted; 1 conflict resolved." in capsys.readouterr().out
    assert cli.main(["export", "--db", path, "--fingerprint"]) == 0
    mine = capsys.readouterr().out
    assert cli.main(["export", "--db", str(tmp_path / "b.sqlite"), "--fingerprint"]) == 0
    assert capsys.readouterr().out == mine  # A took all of B's work and had no other: one programme
    reopened = Services.open(path)
    try:
        got = reopened.records.get(Activity, activity.id)
        assert got.team_hours == 12
        code = fingerprint(programme_document(reopened, find_programme(reopened, None)))
        assert mine.strip().endswith(code)
    finally:
        reopened.close()


def test_a_programme_taken_offline_merges_back_from_its_database_file(services, demo, tmp_path):
    """`verkstad take-offline` copies the programme into a database of its own; what is captured
    there merges back (`verkstad merge` takes the database file itself), and a second copy into
    the same file is refused."""
    target = tmp_path / "offline.sqlite"
    from verkstad.services.exchange.offline import take_offline

    take_offline(services, None, target)
    with pytest.raises(ExchangeError, match="already exists"):
        take_offline(services, None, target)
    offline = Services.open(target)
    try:
        meeting = _org_meetings(offline)[0]
        offline.capture.add_entry(meeting.id, "Skrevet i toget uden net")
    finally:
        offline.close()
    plan = merging.plan(services, target)
    assert plan.conflicts == [] and plan.counts() == (1, 0, 0)
    merging.apply(services, plan, {})
    assert [h.text for h in services.capture.search(demo.id, "toget")] == ["Skrevet i toget uden net"]


def test_take_offline_and_merge_back_on_the_command_line(services, demo, database_url, tmp_path, capsys):
    target = tmp_path / "offline.sqlite"
    services.close()
    assert cli.main(["take-offline", "--db", database_url, "--out", str(target)]) == 0
    assert f"The programme is in “{target}”." in capsys.readouterr().out
    offline = Services.open(target)
    try:
        offline.capture.add_entry(_org_meetings(offline)[0].id, "Uden net")
    finally:
        offline.close()
    assert cli.main(["merge", "--db", database_url, str(target)]) == 0
    assert "Merged: 1 new record, 0 changed, 0 deleted; 0 conflicts." in capsys.readouterr().out
    assert cli.main(["merge", "--db", database_url, str(target)]) == 0  # twice: nothing more
    assert "already holds everything" in capsys.readouterr().out
