"""Agreements: clauses from the translated template, edited per agreement; versions frozen
when sent; comments, approval and the allowed transitions; the differences between versions."""

from __future__ import annotations

import datetime as dt

import pytest

from verkstad.domain.model import AgreementVersion, VersionStatus
from verkstad.services.agreements import CLAUSE_KEYS, AgreementError, diff_snapshots, fill, word_diff
from verkstad.services.records import undo_change


@pytest.fixture
def setup(services):
    programme = services.planning.create_programme("Forløb", "da", "travelling_team", start=dt.date(2027, 2, 1))
    services.planning.add_organisation(programme.id, "Partner A/S", kind="partner")
    org = services.planning.add_organisation(programme.id, "Testby Kommune", language="da")[0].record
    activity = services.activities.add(org.id, "Grønne krav", team_hours=10, org_hours=5).record
    agreement, change = services.agreements.ensure(org.id)
    assert change is not None and services.agreements.ensure(org.id)[1] is None  # made once
    return services, org, agreement, activity


def test_clauses_come_from_the_template_with_names_filled_in(setup):
    services, _org, agreement, _a = setup
    clauses = services.agreements.clauses(agreement.id)
    assert tuple(c.key for c in clauses) == CLAUSE_KEYS
    parties = clauses[0]
    assert "Testby Kommune" in parties.text and "Partner A/S" in parties.text and "Forløb" in parties.text
    assert not any(c.custom for c in clauses)


def test_an_edited_clause_is_kept_as_typed_and_reset_by_the_template_text(setup):
    services, _org, agreement, _a = setup
    typed = "Vi deler {ikke} R&D <b>x</b> 5 < 6"
    change = services.agreements.set_clause(agreement.id, "communication", typed)
    clause = {c.key: c for c in services.agreements.clauses(agreement.id)}["communication"]
    assert clause.custom and clause.text == typed
    undo_change(services.records, change)
    assert not {c.key: c for c in services.agreements.clauses(agreement.id)}["communication"].custom
    services.agreements.set_clause(agreement.id, "communication", typed)
    services.agreements.set_clause(agreement.id, "communication", clause.template_text + "\n")
    assert not any(c.custom for c in services.agreements.clauses(agreement.id))
    with pytest.raises(AgreementError):
        services.agreements.set_clause(agreement.id, "no_such_clause", "x")


def test_send_freezes_a_numbered_version_that_later_edits_do_not_change(setup):
    services, _org, agreement, activity = setup
    agreements = services.agreements
    v1 = agreements.send_for_comment(agreement.id, on=dt.date(2027, 3, 1)).record
    assert (v1.number, v1.status, v1.sent_on) == (1, VersionStatus.SENT, dt.date(2027, 3, 1))
    services.activities.update(activity.id, team_hours=30)
    agreements.set_clause(agreement.id, "evaluation", "Ny tekst")
    frozen = services.records.get(AgreementVersion, v1.id).snapshot
    assert frozen["activities"][0]["team_hours"] == 10
    assert {c["key"]: c["text"] for c in frozen["clauses"]}["evaluation"] != "Ny tekst"
    v2 = agreements.send_for_comment(agreement.id).record
    assert v2.number == 2 and v2.snapshot["activities"][0]["team_hours"] == 30


def test_comments_then_approval_and_nothing_after(setup):
    services, _org, agreement, _a = setup
    agreements = services.agreements
    v1 = agreements.send_for_comment(agreement.id).record
    agreements.record_comments(v1.id, "Flere timer, tak.", on=dt.date(2027, 3, 8))
    v1 = services.records.get(AgreementVersion, v1.id)
    assert (v1.status, v1.comments, v1.comments_on) == (VersionStatus.COMMENTED, "Flere timer, tak.",
                                                        dt.date(2027, 3, 8))
    with pytest.raises(AgreementError):
        agreements.approve(v1.id, "   ")
    agreements.approve(v1.id, "Karen Eksempel", on=dt.date(2027, 3, 10))
    assert agreements.approved(agreement.id).approved_by == "Karen Eksempel"
    with pytest.raises(AgreementError):
        agreements.record_comments(v1.id, "for sent")
    with pytest.raises(AgreementError):
        agreements.approve(v1.id, "Igen")


def test_only_the_newest_version_can_be_approved(setup):
    services, _org, agreement, _a = setup
    v1 = services.agreements.send_for_comment(agreement.id).record
    services.agreements.send_for_comment(agreement.id)
    with pytest.raises(AgreementError, match="newest"):
        services.agreements.approve(v1.id, "Karen")


def test_diff_lists_changed_clauses_and_activities_added_removed_changed(setup):
    services, org, agreement, activity = setup
    agreements = services.agreements
    agreements.send_for_comment(agreement.id)
    services.activities.update(activity.id, team_hours=12)
    added = services.activities.add(org.id, "Ny aktivitet", team_hours=3).record
    agreements.set_clause(agreement.id, "evaluation", "Evalueringen sker på afslutningsworkshoppen.")
    agreements.send_for_comment(agreement.id)
    services.activities.delete(added.id)
    items = agreements.diff(agreement.id, 1, 2)
    kinds = {(i.kind, i.label) for i in items}
    assert ("added", "Ny aktivitet") in kinds
    assert ("changed", "Grønne krav: Team hours") in kinds
    assert any(i.kind == "changed" and i.label == "Evaluation" for i in items)
    assert ("changed", "Total: Team hours") in kinds
    against_draft = agreements.diff(agreement.id, 2)
    assert [(i.kind, i.label) for i in against_draft if i.kind != "changed"] == [("removed", "Ny aktivitet")]
    assert agreements.diff(agreement.id, 2, 2) == []


def test_word_diff_and_fill_helpers():
    assert word_diff("a b c", "a x c") == [("=", "a"), ("-", "b"), ("+", "x"), ("=", "c")]
    assert fill("{organisation} og {unknown}", {"organisation": "Testby"}) == "Testby og {unknown}"
    assert fill("broken {", {}) == "broken {"
    assert diff_snapshots({}, {}) == []


def test_state_reads_what_the_view_shows_without_making_an_agreement(services):
    programme = services.planning.create_programme("Forløb", "da", "travelling_team", start=dt.date(2027, 2, 1))
    org = services.planning.add_organisation(programme.id, "Nyby Kommune", language="da")[0].record
    state = services.agreements.state(org.id)
    assert (state.organisation.id, state.agreement, state.clauses, state.versions) == (org.id, None, [], [])
    assert services.agreements.find(org.id) is None  # reading made nothing
    agreement, _change = services.agreements.ensure(org.id)
    v1 = services.agreements.send_for_comment(agreement.id).record
    services.agreements.approve(v1.id, "Karen Eksempel")
    state = services.agreements.state(org.id)
    assert state.agreement.id == agreement.id
    assert tuple(c.key for c in state.clauses) == CLAUSE_KEYS
    assert [v.number for v in state.versions] == [1] and state.approved.approved_by == "Karen Eksempel"


# -- the request, the parties and the people the agreement names (issue 11) ----------------------


@pytest.fixture
def people(setup):
    """A lead partner with a facilitator, an organisation with its purchasing chief and director."""
    services, org, _agreement, _a = setup
    planning = services.planning
    partner = next(o for o in planning.organisations(org.programme_id) if o.kind == "partner")
    planning.update_programme(org.programme_id, lead_partner_id=partner.id)
    planning.update_organisation(partner.id, register_number=" 11 22 33 44 ")
    planning.update_organisation(org.id, register_number="55667788")
    add = planning.add_person
    return {
        "facilitator": add(org.programme_id, "Frida Fiktiv", title="Konsulent", role="facilitator",
                           organisation_id=partner.id, email="frida@example.org", phone="+45 11 11 11 11"),
        "expert": add(org.programme_id, "Erik Ekspert", role="expert", organisation_id=None),
        "chief": add(org.programme_id, "Clara Chef", title="Indkøbschef", role="purchasing_chief",
                     organisation_id=org.id),
        "director": add(org.programme_id, "Dora Direktør", title="Direktør", role="manager", organisation_id=org.id),
    }


def test_send_stores_the_comment_date_and_reply_to_and_proposes_them_next_time(setup, people):
    services, _org, agreement, _a = setup
    agreements = services.agreements
    by, person = agreements.request_defaults(agreement.id, dt.date(2027, 3, 1))
    assert by == dt.date(2027, 3, 15) and person.id == people["facilitator"].id  # the lead partner's facilitator
    v1 = agreements.send_for_comment(agreement.id, on=dt.date(2027, 3, 1), comments_by=dt.date(2027, 3, 20),
                                     reply_to_id=people["expert"].id).record
    stored = services.records.get(AgreementVersion, v1.id)
    assert (stored.comments_by, stored.reply_to_id) == (dt.date(2027, 3, 20), people["expert"].id)
    assert agreements.request_defaults(agreement.id, dt.date(2027, 4, 1))[1].id == people["expert"].id


def test_send_refuses_a_comment_date_before_sending_or_a_reply_to_outside_the_team(setup, people):
    services, _org, agreement, _a = setup
    agreements = services.agreements
    with pytest.raises(AgreementError, match="before the version is sent"):
        agreements.send_for_comment(agreement.id, on=dt.date(2027, 3, 1), comments_by=dt.date(2027, 2, 28))
    with pytest.raises(AgreementError, match="Clara Chef is not in it"):
        agreements.send_for_comment(agreement.id, on=dt.date(2027, 3, 1), reply_to_id=people["chief"].id)
    assert agreements.versions(agreement.id) == []


def test_contact_persons_default_to_the_chief_and_the_facilitator_and_signatories_to_nobody(setup, people):
    services, _org, agreement, _a = setup
    named = services.agreements.named_people(agreement.id)
    assert named["contact_id"].id == people["chief"].id
    assert named["team_contact_id"].id == people["facilitator"].id
    assert named["signatory_id"] is None and named["team_signatory_id"] is None
    services.agreements.set_people(agreement.id, contact_id=people["director"].id,
                                   signatory_id=people["director"].id, team_signatory_id=people["expert"].id)
    named = services.agreements.named_people(agreement.id)
    assert (named["contact_id"].name, named["signatory_id"].name, named["team_signatory_id"].name) == (
        "Dora Direktør", "Dora Direktør", "Erik Ekspert")


def test_each_person_named_must_be_of_their_side(setup, people):
    services, _org, agreement, _a = setup
    with pytest.raises(AgreementError, match="Frida Fiktiv is not one of the people of Testby Kommune"):
        services.agreements.set_people(agreement.id, signatory_id=people["facilitator"].id)
    with pytest.raises(AgreementError, match="Clara Chef is not in the advisory team"):
        services.agreements.set_people(agreement.id, team_contact_id=people["chief"].id)
    assert services.records.get(type(agreement), agreement.id).signatory_id is None


def test_the_lead_partner_is_a_partner_of_the_programme(setup):
    services, org, _agreement, _a = setup
    from verkstad.errors import RuleError

    with pytest.raises(RuleError, match="“Testby Kommune” is not"):
        services.planning.update_programme(org.programme_id, lead_partner_id=org.id)


def test_the_snapshot_freezes_register_numbers_the_lead_partner_and_the_people_named(setup, people):
    services, _org, agreement, _a = setup
    services.agreements.set_people(agreement.id, signatory_id=people["director"].id)
    snap = services.agreements.snapshot(agreement.id)
    assert snap["organisation"]["register_number"] == "55667788" and snap["organisation"]["country"] == "DK"
    assert snap["lead_partner"]["name"] == "Partner A/S" and snap["lead_partner"]["register_number"] == "11 22 33 44"
    assert snap["people"]["signatory"]["name"] == "Dora Direktør"
    assert snap["people"]["team_contact"]["email"] == "frida@example.org"
    assert snap["people"]["team_signatory"] is None
    v1 = services.agreements.send_for_comment(agreement.id).record
    services.planning.update_person(people["director"].id, name="Dora Ny")
    assert services.records.get(AgreementVersion, v1.id).snapshot["people"]["signatory"]["name"] == "Dora Direktør"
