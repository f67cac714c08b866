"""Programmes from templates, in the programme's language, and what a meeting view reads."""

import datetime as dt

import pytest

from verkstad.domain.model import AgendaItem, ChecklistItem, Meeting, Organisation, Phase, Role, Theme
from verkstad.i18n import translator
from verkstad.services import templates


@pytest.mark.parametrize("key", [t.key for t in templates.available()])
@pytest.mark.parametrize("language", ["en", "da", "sv", "fi", "nb"])
def test_every_template_creates_its_phases_in_the_programme_language(services, key, language):
    data = templates.load(key)
    programme = services.planning.create_programme("", language, key, start=dt.date(2027, 1, 4))
    tr = translator(language)
    assert programme.name == tr.gettext(data["title"])
    phases = services.records.list(Phase, programme_id=programme.id)
    assert [p.title for p in phases] == [tr.gettext(p["title"]) for p in data["phases"]]
    assert [t.name for t in services.records.list(Theme, programme_id=programme.id)] == [
        tr.gettext(t) for t in data["themes"]]
    shared_meetings = [p for p in data["phases"] if p["shared"] and p.get("meeting")]
    assert len(services.planning.meetings(programme.id)) == len(shared_meetings)


def test_travelling_team_has_four_phases_and_the_kickoff_requires_the_purchasing_chief(services):
    programme = services.planning.create_programme("Rejsehold", "da", "travelling_team", start=dt.date(2027, 2, 1))
    phases = services.records.list(Phase, programme_id=programme.id)
    assert [p.kind for p in phases] == ["kickoff_workshop", "kickoff_meeting", "activities", "closing_workshop"]
    assert phases[1].required_roles == [Role.PURCHASING_CHIEF] and not phases[1].shared
    assert phases[0].start_date == dt.date(2027, 2, 1)


def test_a_participating_organisation_gets_its_kickoff_meeting_with_agenda_and_checklist(services):
    programme = services.planning.create_programme("R", "en", "travelling_team")
    changes = services.planning.add_organisation(programme.id, "Testby Municipality", short_name="TM")
    meetings = [m for m in services.records.list(Meeting, programme_id=programme.id) if m.organisation_id]
    assert len(meetings) == 1 and meetings[0].organisation_id == changes[0].id
    assert "TM" in meetings[0].title
    assert len(services.records.list(AgendaItem, meeting_id=meetings[0].id)) == 6
    checklist = services.records.list(ChecklistItem, meeting_id=meetings[0].id)
    assert {c.responsible for c in checklist} == {"organisation", "team"}
    partner = services.planning.add_organisation(programme.id, "Advisers Ltd", kind="partner")
    assert len(partner) == 1  # partners of the team get no kick-off meeting


def test_meeting_plan_warns_until_the_purchasing_chief_is_invited(services, demo):
    orgs = {o.short_name: o for o in services.records.list(Organisation, programme_id=demo.id)}
    meeting = next(m for m in services.planning.meetings(demo.id) if m.organisation_id == orgs["RS"].id)
    plan = services.planning.meeting_plan(meeting.id)
    assert plan.missing_roles == [Role.PURCHASING_CHIEF]
    chief = services.planning.add_person(demo.id, "Bo Opdigtet", role=Role.PURCHASING_CHIEF,
                                         organisation_id=orgs["RS"].id).record
    services.planning.set_attendance(meeting.id, chief.id, invited=True)
    assert services.planning.meeting_plan(meeting.id).missing_roles == []
    services.planning.set_attendance(meeting.id, chief.id, invited=False)
    assert services.planning.meeting_plan(meeting.id).missing_roles == [Role.PURCHASING_CHIEF]


def test_meeting_plan_times_the_agenda(services, demo):
    meeting = services.planning.meetings(demo.id)[1]
    plan = services.planning.meeting_plan(meeting.id)
    assert plan.timing.items[0].start == meeting.start_time
    assert plan.timing.total_min == sum(i.duration_min for i in plan.agenda)


def test_several_programmes_live_in_one_database(services):
    services.planning.create_programme("Bravo", "sv", "network")
    services.planning.create_programme("alfa", "fi", "academy")
    assert [p.name for p in services.planning.programmes()] == ["alfa", "Bravo"]


def test_the_kickoff_meeting_at_an_organisation_is_in_its_language(services):
    programme = services.planning.create_programme("Rejsehold", "da", "travelling_team")
    services.planning.add_organisation(programme.id, "Esimerkkilän kaupunki", short_name="EK", language="fi")
    meeting = next(m for m in services.records.list(Meeting, programme_id=programme.id) if m.organisation_id)
    fi = translator("fi").gettext
    assert meeting.title == f"{fi('Kick-off meeting')}: EK" != "Kick-off meeting: EK"
    agenda = services.records.list(AgendaItem, meeting_id=meeting.id)
    assert agenda[0].title == fi("Welcome and purpose of the meeting")


def _team(services):
    programme = services.planning.create_programme("Rejsehold", "da", "travelling_team", start=dt.date(2027, 2, 1))
    fjordby = services.planning.add_organisation(programme.id, "Fjordby Kommune")[0].record
    skovlund = services.planning.add_organisation(programme.id, "Skovlund Kommune")[0].record
    return programme, fjordby, skovlund


def test_the_planning_rules_refuse_with_a_message_and_change_nothing(services):
    from verkstad.errors import RuleError

    programme, fjordby, skovlund = _team(services)
    p = services.planning
    kickoff = next(m for m in p.meetings(programme.id) if m.organisation_id == fjordby.id)
    refusals = [
        (lambda: p.update_meeting(kickoff.id, end_time=dt.time(8, 0)), "after the start"),
        (lambda: p.update_meeting(kickoff.id, start_time=dt.time(23, 0)), "after the start"),
        (lambda: p.update_meeting(kickoff.id, title="  "), "needs a title"),
        (lambda: p.update_organisation(skovlund.id, name="fjordby kommune"), "already an organisation"),
        (lambda: p.update_organisation(skovlund.id, name=""), "needs a name"),
        (lambda: p.update_programme(programme.id, name=""), "needs a name"),
        (lambda: p.update_phase(kickoff.phase_id, start_date=dt.date(2027, 5, 1), end_date=dt.date(2027, 4, 1)),
         "cannot end before"),
        (lambda: p.update_agenda_item(p.meeting_plan(kickoff.id).agenda[0].id, duration_min=2000), "24 hours"),
        (lambda: p.update_person(p.add_person(programme.id, "Ida Holm").id, name=" "), "needs a name"),
    ]
    before = services.records.get(Meeting, kickoff.id)
    for call, message in refusals:
        with pytest.raises(RuleError, match=message):
            call()
    after = services.records.get(Meeting, kickoff.id)
    assert (after.title, after.start_time, after.end_time) == (before.title, before.start_time, before.end_time)
    assert services.records.get(Organisation, skovlund.id).name == "Skovlund Kommune"


def test_a_meeting_outside_its_phase_is_stored_and_flagged(services):
    programme, fjordby, _ = _team(services)
    p = services.planning
    kickoff = next(m for m in p.meetings(programme.id) if m.organisation_id == fjordby.id)
    phase = p.meeting_plan(kickoff.id).phase
    p.update_meeting(kickoff.id, date=phase.end_date + dt.timedelta(days=1))
    assert p.meeting_plan(kickoff.id).outside_phase
    p.update_meeting(kickoff.id, date=phase.start_date)
    assert not p.meeting_plan(kickoff.id).outside_phase


def test_a_kickoff_meeting_follows_its_organisations_name_and_short_name(services):
    programme, fjordby, _ = _team(services)
    p = services.planning
    kickoff = next(m for m in p.meetings(programme.id) if m.organisation_id == fjordby.id)
    prefix = kickoff.title.rsplit(": ", 1)[0]
    changes = p.update_organisation(fjordby.id, short_name="FK")
    assert services.records.get(Meeting, kickoff.id).title == f"{prefix}: FK"
    assert {c.type for c in changes} == {Organisation, Meeting}  # one step: undo takes both
    p.update_organisation(fjordby.id, short_name="")
    assert services.records.get(Meeting, kickoff.id).title == f"{prefix}: Fjordby Kommune"


def test_new_organisations_get_unique_names(services):
    programme, _, _ = _team(services)
    p = services.planning
    names = [p.add_organisation(programme.id, "Ny organisation")[0].record.name for _ in range(3)]
    assert names == ["Ny organisation", "Ny organisation 2", "Ny organisation 3"]


def test_deleting_an_organisation_takes_what_belongs_to_it(services):
    from verkstad.domain.model import Activity, Person
    from verkstad.services.records import undo_change

    programme, fjordby, skovlund = _team(services)
    p = services.planning
    p.add_person(programme.id, "Ida Holm", organisation_id=fjordby.id)
    p.add_person(programme.id, "Jens Skov", organisation_id=skovlund.id)
    services.activities.add(fjordby.id, "Genbrug af møbler")
    d = p.organisation_dependents(fjordby.id)
    assert (d.meetings, d.people, d.activities) == (1, 1, 1)
    changes = p.delete_organisation(fjordby.id)
    assert {c.type for c in changes} >= {Organisation, Meeting, Person, Activity}
    assert [x.name for x in p.people(programme.id)] == ["Jens Skov"]
    assert all(m.organisation_id != fjordby.id for m in p.meetings(programme.id))
    for change in reversed(changes):
        undo_change(services.records, change)
    assert sorted(x.name for x in p.people(programme.id)) == ["Ida Holm", "Jens Skov"]
    assert any(m.organisation_id == fjordby.id for m in p.meetings(programme.id))
    assert services.records.list(Activity, organisation_id=fjordby.id)


def test_a_meeting_series_dates_its_meetings_and_one_undo_takes_them_all_back(services):
    import datetime as dt

    from verkstad.domain.model import Meeting, Phase
    from verkstad.errors import RuleError
    from verkstad.services.planning import series_dates
    from verkstad.services.records import undo_change

    assert series_dates(dt.date(2027, 1, 31), "month", 4) == [
        dt.date(2027, 1, 31), dt.date(2027, 2, 28), dt.date(2027, 3, 31), dt.date(2027, 4, 30)]
    assert series_dates(dt.date(2027, 9, 15), "half-year", 3) == [
        dt.date(2027, 9, 15), dt.date(2028, 3, 15), dt.date(2028, 9, 15)]
    assert series_dates(dt.date(2027, 3, 1), "weeks", 3, every_weeks=3) == [
        dt.date(2027, 3, 1), dt.date(2027, 3, 22), dt.date(2027, 4, 12)]
    programme = services.planning.create_programme("Netværk", "da", "travelling_team")
    phase = services.records.list(Phase, programme_id=programme.id)[0]
    before = len(services.records.list(Meeting, programme_id=programme.id))
    changes = services.planning.add_series(phase.id, " Delgruppe transport ", first=dt.date(2027, 2, 3),
                                           repeat="month", count=3)
    made = [m for m in services.records.list(Meeting, programme_id=programme.id) if m.title.startswith("Delgruppe")]
    assert sorted((m.title, m.date) for m in made) == [("Delgruppe transport 1", dt.date(2027, 2, 3)),
                                                       ("Delgruppe transport 2", dt.date(2027, 3, 3)),
                                                       ("Delgruppe transport 3", dt.date(2027, 4, 3))]
    services.records.update(Meeting, made[1].id, date=dt.date(2027, 3, 10))  # one moved alone
    assert services.records.get(Meeting, made[0].id).date == dt.date(2027, 2, 3)
    for change in reversed(changes):
        undo_change(services.records, change)
    assert len(services.records.list(Meeting, programme_id=programme.id)) == before
    for bad in ({"count": 1}, {"repeat": "daily"}, {"repeat": "weeks", "every_weeks": 0}):
        with pytest.raises(RuleError):
            services.planning.add_series(phase.id, "X", **{"first": dt.date(2027, 2, 3), "repeat": "month",
                                                            "count": 3, **bad})
    with pytest.raises(RuleError, match="needs a title"):
        services.planning.add_series(phase.id, " ", first=dt.date(2027, 2, 3), repeat="month", count=3)
