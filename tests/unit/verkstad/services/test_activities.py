"""The activity plan use cases: add, edit with validation, reorder, delete and undo, totals,
late activities, the entries an activity came from, ready once an approved version holds it."""

from __future__ import annotations

import datetime as dt

import pytest

from verkstad.domain.model import Entry, Meeting, Organisation, OrgKind, Person
from verkstad.services.activities import ActivityError
from verkstad.services.records import undo_change


@pytest.fixture
def org(services):
    programme = services.planning.create_programme("Forløb", "da", "travelling_team", start=dt.date(2027, 2, 1))
    return services.planning.add_organisation(programme.id, "Testby Kommune", language="da")[0].record


def test_add_edit_reorder_delete_and_totals(services, org):
    acts = services.activities
    a = acts.add(org.id, "  Grønne krav  ", team_hours=10, org_hours=4).record
    b = acts.add(org.id, "Cirkulære møbler", team_hours="2.5").record
    assert a.title == "Grønne krav"
    assert [x.title for x in acts.list(org.id)] == ["Grønne krav", "Cirkulære møbler"]
    assert acts.totals(org.id) == (12.5, 4.0)
    acts.move(b.id, 0)
    assert [x.id for x in acts.list(org.id)] == [b.id, a.id]
    change = acts.update(a.id, team_hours=20, status="ongoing")
    assert change.before == {"team_hours": 10.0, "status": "preparation"}
    assert acts.totals(org.id) == (22.5, 4.0)
    undo_change(services.records, change)
    assert acts.totals(org.id) == (12.5, 4.0)
    deleted = acts.delete(b.id)
    assert [x.id for x in acts.list(org.id)] == [a.id]
    undo_change(services.records, deleted)
    assert len(acts.list(org.id)) == 2


@pytest.mark.parametrize("values", [{"team_hours": -1}, {"org_hours": "many"}, {"status": "paused"},
                                    {"responsible": "nobody"}, {"impact": "huge"}, {"deadline": "2027-01-01"},
                                    {"colour": "red"}])
def test_values_that_cannot_be_stored_are_refused_with_a_reason(services, org, values):
    activity = services.activities.add(org.id, "Aktivitet").record
    with pytest.raises(ActivityError) as err:
        services.activities.update(activity.id, **values)
    assert str(err.value)
    assert services.activities.get(activity.id).team_hours == 0


def test_late_means_past_deadline_and_not_done(services, org):
    acts = services.activities
    today = dt.date(2027, 5, 1)
    late = acts.add(org.id, "For sent", deadline=dt.date(2027, 4, 30), status="ongoing").record
    acts.add(org.id, "Færdig", deadline=dt.date(2027, 4, 1), status="done")
    acts.add(org.id, "I tide", deadline=dt.date(2027, 5, 1))
    acts.add(org.id, "Uden frist")
    assert [a.id for a in acts.late(org.id, today)] == [late.id]
    plan = acts.plan(org.id, today)
    assert plan.late_count == 1 and [r.late for r in plan.rows] == [True, False, False, False]


def test_plan_rows_carry_theme_person_sources_and_readiness(services, org):
    acts, agreements = services.activities, services.agreements
    theme = acts.themes(org.programme_id)[0]
    person = services.planning.add_person(org.programme_id, "Pia Prøve", organisation_id=org.id).record
    a = acts.add(org.id, "Med kilde", theme_id=theme.id, responsible_person_id=person.id).record
    meeting = services.records.list(Meeting, organisation_id=org.id)[0]
    services.records.add(Entry(meeting_id=meeting.id, text="Idéen bag", activity_id=a.id))
    row = acts.plan(org.id).rows[0]
    assert (row.theme, row.person, [e.text for e in row.sources], row.ready) == (theme.name, "Pia Prøve",
                                                                                 ["Idéen bag"], False)
    agreement, _ = agreements.ensure(org.id)
    version = agreements.send_for_comment(agreement.id).record
    assert not acts.plan(org.id).rows[0].ready  # sent, not approved
    agreements.approve(version.id, "Pia Prøve")
    b = acts.add(org.id, "Efter godkendelsen").record
    assert {r.activity.id: r.ready for r in acts.plan(org.id).rows} == {a.id: True, b.id: False}


def test_partner_organisations_have_no_agreement(services, org):
    partner = services.planning.add_organisation(org.programme_id, "Partner A/S", kind=OrgKind.PARTNER)[0]
    from verkstad.services.agreements import AgreementError

    with pytest.raises(AgreementError):
        services.agreements.ensure(partner.id)
    assert services.records.get(Organisation, partner.id).kind == OrgKind.PARTNER


@pytest.fixture
def two_orgs(services, org):
    """`org` and a second participant, each with a person, and a partner with a team member."""
    planning = services.planning
    other = planning.add_organisation(org.programme_id, "Nabokommune", language="da")[0].record
    partner = planning.add_organisation(org.programme_id, "Rådgiver A/S", kind=OrgKind.PARTNER)[0].record
    own = planning.add_person(org.programme_id, "Åse Egen", organisation_id=org.id).record
    foreign = planning.add_person(org.programme_id, "Bo Fremmed", organisation_id=other.id).record
    adviser = planning.add_person(org.programme_id, "Carl Rådgiver", organisation_id=partner.id).record
    freelancer = planning.add_person(org.programme_id, "Dina Fri").record  # the team, no organisation
    return own, foreign, adviser, freelancer


def test_responsible_people_are_the_organisations_own_then_the_advisory_team(services, org, two_orgs):
    own, _foreign, adviser, freelancer = two_orgs
    people = services.activities.responsible_people(org.id)
    assert [p.id for p in people] == [own.id, adviser.id, freelancer.id]


def test_a_person_of_another_participating_organisation_is_refused(services, org, two_orgs):
    own, foreign, adviser, freelancer = two_orgs
    acts = services.activities
    with pytest.raises(ActivityError) as err:
        acts.add(org.id, "Fremmed ansvarlig", responsible_person_id=foreign.id)
    assert "Bo Fremmed" in str(err.value) and "Nabokommune" in str(err.value)
    assert acts.list(org.id) == []
    activity = acts.add(org.id, "Egen ansvarlig", responsible_person_id=own.id).record
    with pytest.raises(ActivityError):
        acts.update(activity.id, responsible_person_id=foreign.id)
    assert acts.get(activity.id).responsible_person_id == own.id
    for member in (adviser, freelancer, None):  # the team may be responsible, or nobody
        acts.update(activity.id, responsible_person_id=member.id if member else None)
        assert acts.get(activity.id).responsible_person_id == (member.id if member else None)


def test_a_person_of_another_programme_or_a_deleted_person_is_refused(services, org, two_orgs):
    own = two_orgs[0]
    elsewhere = services.planning.create_programme("Andet forløb", "da", "travelling_team")
    stranger = services.planning.add_person(elsewhere.id, "Eva Udefra").record
    activity = services.activities.add(org.id, "Aktivitet").record
    with pytest.raises(ActivityError, match="Eva Udefra"):
        services.activities.update(activity.id, responsible_person_id=stranger.id)
    services.records.delete(Person, own.id)
    with pytest.raises(ActivityError):
        services.activities.update(activity.id, responsible_person_id=own.id)


def test_an_activity_needs_a_title(services, org):
    with pytest.raises(ActivityError):
        services.activities.add(org.id, "   ")
    activity = services.activities.add(org.id, "Titel").record
    with pytest.raises(ActivityError):
        services.activities.update(activity.id, title="")
    assert services.activities.get(activity.id).title == "Titel"


def test_refusals_are_user_errors_in_the_interface_language(services, org):
    from verkstad.errors import VerkstadError

    activity = services.activities.add(org.id, "Aktivitet").record
    with pytest.raises(VerkstadError):
        services.activities.update(activity.id, team_hours=-1)
