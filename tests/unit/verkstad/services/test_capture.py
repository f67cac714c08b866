"""Capture use cases: entries stored at once with their inline metadata, drafts, the meeting clock,
attendance, promotion to the activity plan, the summary and full-text search."""

from __future__ import annotations

import datetime as dt

import pytest

from verkstad.domain.model import (
    Activity,
    AgendaItem,
    Attendance,
    Draft,
    Entry,
    Meeting,
    Organisation,
    OrgKind,
    Person,
    Phase,
    Theme,
)
from verkstad.services.capture import CaptureError, search_terms
from verkstad.services.hub import Services
from verkstad.services.records import undo_change

T0 = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo(services):
    """A small Danish programme (lighter than the full demo): two Danish organisations, one
    Finnish, a partner, and their people invited to their kick-off meetings."""
    planning = services.planning
    programme = planning.create_programme("Testforløb", "da", "travelling_team", start=dt.date(2027, 2, 1))
    partner = planning.add_organisation(programme.id, "Partnerhuset", short_name="PH", kind=OrgKind.PARTNER)[0]
    orgs = [planning.add_organisation(programme.id, name, short_name=short, language=lang)[0].record
            for name, short, lang in [("Nordby Kommune", "NK", "da"), ("Region Sydby", "RS", "da"),
                                      ("Järvikylän kunta", "KK", "fi")]]
    people = [("Karen Eksempel", "purchasing_chief", orgs[0].id), ("Søren Prøve", "procurement_officer", orgs[0].id),
              ("Aino Esimerkki", "purchasing_chief", orgs[2].id), ("Maja Fiktiv Holm", "facilitator", partner.id)]
    meetings = services.records.list(Meeting, programme_id=programme.id)
    objs = []
    for name, role, org_id in people:
        person = Person(programme_id=programme.id, name=name, role=role, organisation_id=org_id)
        objs.append(person)
        objs += [Attendance(meeting_id=m.id, person_id=person.id, invited=True) for m in meetings
                 if m.organisation_id in (org_id, None) or org_id == partner.id]
    services.records.add_all(objs)  # one commit keeps the fixture fast
    return programme


@pytest.fixture
def org(services, demo):
    return next(o for o in services.records.list(Organisation, programme_id=demo.id) if o.short_name == "NK")


@pytest.fixture
def meeting(services, demo, org):
    """A fresh meeting of Nordby Kommune with three agenda items, nothing captured yet."""
    phase = next(p for p in services.records.list(Phase, programme_id=demo.id) if p.kind == "kickoff_meeting")
    meeting = services.planning.add_meeting(phase.id, "Opfølgningsmøde", org.id).record
    for title in ("Velkomst", "Indkøbspolitik", "Idéer"):
        services.planning.add_agenda_item(meeting.id, title, 20)
    services.records.update(Meeting, meeting.id, date=dt.date(2027, 3, 1))
    return services.records.get(Meeting, meeting.id)


@pytest.fixture
def shared_meeting(services, demo):
    return next(m for m in services.records.list(Meeting, programme_id=demo.id) if m.organisation_id is None)


def _theme(services, programme_id, position):
    return next(t for t in services.records.list(Theme, programme_id=programme_id) if t.position == position)


def _entry(changes):
    return next(c.record for c in changes if c.type is Entry)


# -- storing entries ------------------------------------------------------------------


def test_an_entry_is_on_disk_when_add_returns(database_url, services, meeting):
    changes = services.capture.add_entry(meeting.id, "Elbiler i hjemmeplejen", "idea")
    entry_id = _entry(changes).id
    services.close()
    again = Services.open(database_url)
    try:
        stored = again.records.get(Entry, entry_id)
        assert (stored.text, stored.kind, stored.meeting_id) == ("Elbiler i hjemmeplejen", "idea", meeting.id)
    finally:
        again.close()
        services.db = again.db  # the fixture closes it again harmlessly


def test_entries_go_under_the_current_agenda_item_in_order(services, meeting):
    services.capture.start_meeting(meeting.id, T0)
    services.capture.step_item(meeting.id, 1, T0 + dt.timedelta(minutes=20))
    first = _entry(services.capture.add_entry(meeting.id, "Første"))
    second = _entry(services.capture.add_entry(meeting.id, "Anden", "decision"))
    agenda = services.records.list(AgendaItem, meeting_id=meeting.id)
    assert first.agenda_item_id == second.agenda_item_id == agenda[1].id
    assert second.position > first.position
    outside = _entry(services.capture.add_entry(meeting.id, "Udenfor", agenda_item_id=None))
    assert outside.agenda_item_id is None


def test_an_inline_tag_finds_the_programmes_theme(services, demo, meeting):
    transport = _theme(services, demo.id, 3)
    changes = services.capture.add_entry(meeting.id, f"Elbiler i hjemmeplejen #{transport.name.lower()}")
    entry = _entry(changes)
    assert entry.text == "Elbiler i hjemmeplejen"
    assert entry.theme_ids == [transport.id]
    assert [c.type for c in changes] == [Entry]


def test_an_unknown_tag_becomes_a_theme_and_undo_takes_both_away(services, demo, meeting):
    changes = services.capture.add_entry(meeting.id, "Genbrug af møbler #møbelbank")
    theme = next(c.record for c in changes if c.type is Theme)
    assert theme.name == "Møbelbank" and theme.programme_id == demo.id
    assert _entry(changes).theme_ids == [theme.id]
    for change in reversed(changes):
        undo_change(services.records, change)
    assert services.capture.entries(meeting.id) == []
    assert "Møbelbank" not in [t.name for t in services.capture.themes(demo.id)]


def test_a_task_gets_its_owner_and_due_date(services, meeting):
    karen = next(p for p in services.records.list(Person) if p.name == "Karen Eksempel")
    entry = _entry(services.capture.add_entry(meeting.id, "Send kravspecifikationen @karen 12.03.27", "task"))
    assert entry.text == "Send kravspecifikationen"
    assert (entry.owner_id, entry.owner_name) == (karen.id, "")
    assert entry.due_date == dt.date(2027, 3, 12)


def test_an_unknown_owner_is_kept_as_typed(services, meeting):
    entry = _entry(services.capture.add_entry(meeting.id, "Ring til rengøringen @Bodil", "task"))
    assert (entry.owner_id, entry.owner_name) == (None, "Bodil")


def test_an_idea_keeps_a_date_as_text(services, meeting):
    entry = _entry(services.capture.add_entry(meeting.id, "Udbuddet slutter 12.03.27", "idea"))
    assert entry.text == "Udbuddet slutter 12.03.27" and entry.due_date is None


def test_a_finnish_meeting_reads_finnish_dates(services, demo):
    kk = next(o for o in services.records.list(Organisation, programme_id=demo.id) if o.short_name == "KK")
    meeting = next(m for m in services.records.list(Meeting, organisation_id=kk.id))
    entry = _entry(services.capture.add_entry(meeting.id, "Lähetä luonnos @aino 5.4.2027", "task"))
    assert entry.due_date == dt.date(2027, 4, 5)
    assert services.records.get(Person, entry.owner_id).name == "Aino Esimerkki"


def test_a_line_of_only_tags_stores_nothing(services, meeting):
    assert services.capture.add_entry(meeting.id, "#transport @karen") == []
    assert services.capture.entries(meeting.id) == []


def test_pasted_lines_become_one_entry_each(services, meeting):
    text = "- Elbiler\n\n* Møbelbank #cirkulær\n3. Økologi i kantinen\n• Praktikpladser\n   \n"
    changes = services.capture.paste_lines(meeting.id, text, "idea")
    entries = services.capture.entries(meeting.id)
    assert [e.text for e in entries] == ["Elbiler", "Møbelbank", "Økologi i kantinen", "Praktikpladser"]
    assert all(e.kind == "idea" for e in entries)
    assert len([c for c in changes if c.type is Entry]) == 4


# -- the draft ----------------------------------------------------------------------------


def test_the_draft_is_kept_per_meeting_and_cleared_by_the_entry(services, meeting, shared_meeting):
    services.capture.save_draft(meeting.id, "Halvt skrevet sæt")
    services.capture.save_draft(shared_meeting.id, "Noget andet")
    services.capture.save_draft(meeting.id, "Halvt skrevet sætning")
    assert services.capture.load_draft(meeting.id) == "Halvt skrevet sætning"
    assert len(services.records.list(Draft, meeting_id=meeting.id)) == 1
    services.capture.add_entry(meeting.id, "Halvt skrevet sætning, nu færdig")
    assert services.capture.load_draft(meeting.id) == ""
    assert services.capture.load_draft(shared_meeting.id) == "Noget andet"


# -- changing entries ------------------------------------------------------------------------


def test_kind_impact_votes(services, meeting):
    entry = _entry(services.capture.add_entry(meeting.id, "Møbelbank"))
    services.capture.set_kind(entry.id, "decision")
    impacts = [services.capture.cycle_impact(entry.id).record.impact for _ in range(4)]
    assert impacts == ["small", "medium", "large", None]
    services.capture.vote(entry.id, 1)
    services.capture.vote(entry.id, 1)
    services.capture.vote(entry.id, -1)
    assert services.capture.vote(entry.id, -5).record.votes == 0
    stored = services.records.get(Entry, entry.id)
    assert (stored.kind, stored.votes) == ("decision", 0)


def test_edit_in_place_reads_tags_and_refuses_empty_text(services, demo, meeting):
    entry = _entry(services.capture.add_entry(meeting.id, "Møbelbank"))
    circular = _theme(services, demo.id, 2)
    services.capture.edit(entry.id, f"Intern møbelbank #{circular.name}")
    assert services.capture.edit(entry.id, "   ") == []
    stored = services.records.get(Entry, entry.id)
    assert (stored.text, stored.theme_ids) == ("Intern møbelbank", [circular.id])


def test_a_line_of_tags_toggles_them_on_an_entry(services, demo, meeting):
    transport = _theme(services, demo.id, 3)
    entry = _entry(services.capture.add_entry(meeting.id, "Elbiler"))
    services.capture.apply_line(entry.id, f"#{transport.name} @søren 1.4.27")
    stored = services.records.get(Entry, entry.id)
    assert stored.theme_ids == [transport.id] and stored.due_date == dt.date(2027, 4, 1)
    assert services.records.get(Person, stored.owner_id).name == "Søren Prøve"
    services.capture.apply_line(entry.id, f"#{transport.name}")
    assert services.records.get(Entry, entry.id).theme_ids == []


def test_move_swaps_within_the_agenda_item_and_undo_swaps_back(services, meeting):
    services.capture.start_meeting(meeting.id, T0)
    a, b, c = (_entry(services.capture.add_entry(meeting.id, t)).id for t in ("A", "B", "C"))
    services.capture.add_entry(meeting.id, "Udenfor", agenda_item_id=None)
    changes = services.capture.move(c, -1)
    assert [e.text for e in services.capture.entries(meeting.id) if e.agenda_item_id] == ["A", "C", "B"]
    assert services.capture.move(a, -1) == []  # already first under its item
    for change in reversed(changes):
        undo_change(services.records, change)
    assert [e.text for e in services.capture.entries(meeting.id) if e.agenda_item_id] == ["A", "B", "C"]
    del b


def test_delete_and_undo(services, meeting):
    entry = _entry(services.capture.add_entry(meeting.id, "Slet mig"))
    change = services.capture.delete(entry.id)
    assert services.capture.entries(meeting.id) == []
    undo_change(services.records, change)
    assert [e.text for e in services.capture.entries(meeting.id)] == ["Slet mig"]


# -- the meeting -----------------------------------------------------------------------------


def test_start_step_and_end(services, meeting):
    agenda = services.records.list(AgendaItem, meeting_id=meeting.id)
    assert services.capture.step_item(meeting.id, -1, T0) is None  # not started: nothing before
    started = services.capture.step_item(meeting.id, 1, T0).record  # next starts the meeting
    assert (started.started_at, started.current_item_id) == (T0, agenda[0].id)
    later = T0 + dt.timedelta(minutes=25)
    moved = services.capture.step_item(meeting.id, 1, later).record
    assert (moved.current_item_id, moved.item_started_at) == (agenda[1].id, later)
    clock = services.capture.clock(moved, agenda, later + dt.timedelta(minutes=21))
    assert clock.overrun and clock.item.title == "Indkøbspolitik"
    services.capture.step_item(meeting.id, 1, later)
    assert services.capture.step_item(meeting.id, 1, later) is None  # past the last item
    ended = services.capture.end_meeting(meeting.id, T0 + dt.timedelta(hours=1)).record
    assert ended.ended_at == T0 + dt.timedelta(hours=1)
    again = services.capture.end_meeting(meeting.id, T0 + dt.timedelta(hours=9)).record
    assert again.ended_at == T0 + dt.timedelta(hours=1)  # ending twice keeps the first end
    assert services.capture.summary(meeting.id).duration_s == 3600
    resumed = services.capture.start_meeting(meeting.id).record
    assert resumed.ended_at is None and resumed.started_at == T0


def test_attendance_warns_from_invitations_then_from_who_came(services, demo):
    nk = next(o for o in services.records.list(Organisation, programme_id=demo.id) if o.short_name == "NK")
    meeting = next(m for m in services.records.list(Meeting, organisation_id=nk.id))
    view = services.capture.attendance(meeting.id)
    assert view.missing_roles == [] and not view.by_attendance  # the chief is invited
    services.capture.start_meeting(meeting.id)
    view = services.capture.attendance(meeting.id)
    assert view.by_attendance and view.missing_roles == ["purchasing_chief"]  # ...but not ticked
    karen = next(r.person for r in view.rows if r.person.name == "Karen Eksempel")
    services.capture.set_attended(meeting.id, karen.id, True)
    assert services.capture.attendance(meeting.id).missing_roles == []


# -- promotion -------------------------------------------------------------------------------------


def test_promote_carries_title_theme_impact_and_links_back(services, demo, org, meeting):
    green = _theme(services, demo.id, 0)
    entry = _entry(services.capture.add_entry(meeting.id, f"Økologi i kantinen #{green.name}"))
    services.capture.set_impact(entry.id, "large")
    changes = services.capture.promote(entry.id)
    activity = services.records.get(Activity, changes[0].id)
    assert (activity.title, activity.theme_id, activity.impact) == ("Økologi i kantinen", green.id, "large")
    assert (activity.organisation_id, activity.programme_id) == (org.id, demo.id)
    assert services.records.get(Entry, entry.id).activity_id == activity.id
    with pytest.raises(CaptureError) as again:
        services.capture.promote(entry.id)
    assert again.value.kind == "already_promoted"
    for change in reversed(changes):
        undo_change(services.records, change)
    assert services.records.get(Entry, entry.id).activity_id is None
    assert activity.id not in [a.id for a in services.records.list(Activity, organisation_id=org.id)]


def test_a_long_entry_becomes_a_short_title_and_the_full_description(services, meeting):
    text = "Vi vil " + " ".join(["stille tydelige miljøkrav"] * 8)
    activity = services.capture.promote(_entry(services.capture.add_entry(meeting.id, text, "decision")).id)[0].record
    assert len(activity.title) <= 101 and activity.title.endswith("…")
    assert activity.description == text


def test_tasks_and_notes_are_not_promoted(services, meeting):
    task = _entry(services.capture.add_entry(meeting.id, "Send planen", "task"))
    with pytest.raises(CaptureError) as refused:
        services.capture.promote(task.id)
    assert refused.value.kind == "not_promotable" and "ideas and decisions" in str(refused.value)


def test_a_shared_meeting_asks_which_organisation(services, demo, shared_meeting):
    entry = _entry(services.capture.add_entry(shared_meeting.id, "Fælles møbelbank"))
    targets = services.capture.promotion_targets(shared_meeting.id)
    assert [o.short_name for o in targets] == ["NK", "RS", "KK"]  # participants, not partners
    with pytest.raises(CaptureError) as refused:
        services.capture.promote(entry.id)
    assert refused.value.kind == "needs_organisation"
    activity = services.capture.promote(entry.id, targets[1].id)[0].record
    assert activity.organisation_id == targets[1].id


# -- summary and search -------------------------------------------------------------------------------


def test_summary_counts_and_loose_ends(services, meeting):
    for text, kind in [("Idé et", "idea"), ("Idé to", "idea"), ("Besluttet", "decision"), ("Note", "note"),
                       ("Uden alt", "task"), ("Med ejer @karen", "task"), ("Med alt @karen 1.4.27", "task")]:
        services.capture.add_entry(meeting.id, text, kind)
    ideas = [e for e in services.capture.entries(meeting.id) if e.kind == "idea"]
    services.capture.promote(ideas[0].id)
    summary = services.capture.summary(meeting.id)
    assert summary.counts == {"idea": 2, "decision": 1, "task": 3, "note": 1} and summary.total == 7
    assert [e.text for e in summary.tasks_without_owner] == ["Uden alt"]
    assert [e.text for e in summary.tasks_without_due] == ["Uden alt", "Med ejer"]
    assert [e.text for e in summary.ideas_not_promoted] == ["Idé to"]
    assert [e.text for e in summary.promoted] == ["Idé et"]


def test_search_finds_word_beginnings_across_the_programmes_meetings(services, demo, meeting, shared_meeting):
    services.capture.add_entry(meeting.id, "Møbelbank for hele kommunen")
    services.capture.add_entry(shared_meeting.id, "Erfaringer med møbelgenbrug")
    services.capture.add_entry(meeting.id, "Elbiler")
    hits = services.capture.search(demo.id, "møbel")
    assert [h.text for h in hits] == ["Erfaringer med møbelgenbrug", "Møbelbank for hele kommunen"]  # newest first
    assert {h.meeting_id for h in hits} == {meeting.id, shared_meeting.id}
    assert [h.text for h in services.capture.search(demo.id, "hele komm")] == ["Møbelbank for hele kommunen"]
    assert services.capture.search(demo.id, "mobel") == []  # ø is not o
    assert services.capture.search(demo.id, "   ") == []


def test_search_keeps_nordic_letters_apart(services, demo, meeting):
    services.capture.add_entry(meeting.id, "Mål for året")
    services.capture.add_entry(meeting.id, "Mal væggen")
    assert [h.text for h in services.capture.search(demo.id, "mål")] == ["Mål for året"]
    assert [h.text for h in services.capture.search(demo.id, "mal")] == ["Mal væggen"]
    assert [h.text for h in services.capture.search(demo.id, "MÅL")] == ["Mål for året"]


def test_search_skips_deleted_entries_and_other_programmes_and_sees_edits(services, demo, meeting):
    entry = _entry(services.capture.add_entry(meeting.id, "Kantineudbud"))
    other = services.planning.create_programme("Andet forløb", "da", "travelling_team")
    other_meeting = services.planning.meetings(other.id)[0]
    services.capture.add_entry(other_meeting.id, "Kantineudbud andetsteds")
    assert [h.entry_id for h in services.capture.search(demo.id, "kantine")] == [entry.id]
    services.capture.edit(entry.id, "Rengøringsudbud")
    assert services.capture.search(demo.id, "kantine") == []
    assert [h.entry_id for h in services.capture.search(demo.id, "rengør")] == [entry.id]
    services.capture.delete(entry.id)
    assert services.capture.search(demo.id, "rengør") == []


@pytest.mark.parametrize("typed", ['"', 'kant" OR "x', "kant*", "NEAR(a b)", "-kant", "kant:", "^kant", "(", "a AND"])
def test_fts_syntax_in_what_is_typed_is_only_text(services, demo, meeting, typed):
    services.capture.add_entry(meeting.id, "Kantineudbud")
    hits = services.capture.search(demo.id, typed)  # never raises
    assert all(h.text == "Kantineudbud" for h in hits)


def test_search_terms_are_the_words_typed_without_fts_syntax():
    assert search_terms('grøn "indkøb') == ["grøn", "indkøb"]
    assert search_terms("a-b_c") == ["a", "b", "c"]
    assert search_terms("  ") == []
