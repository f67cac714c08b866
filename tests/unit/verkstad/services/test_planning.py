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
