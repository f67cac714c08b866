"""The demo programme's plans and agreements: every organisation has a plan and an agreement,
in its own language; one version is approved; the four documents render."""

from __future__ import annotations

from verkstad.domain.model import Organisation, OrgKind, VersionStatus


def test_every_participant_has_a_plan_and_an_agreement_and_one_version_is_approved(services, demo):
    orgs = [o for o in services.records.list(Organisation, programme_id=demo.id) if o.kind == OrgKind.PARTICIPANT]
    approved = []
    for org in orgs:
        activities = services.activities.list(org.id)
        assert len(activities) >= 4
        assert all(a.team_hours > 0 for a in activities)
        agreement = services.agreements.find(org.id)
        assert agreement is not None
        approved += [v for v in services.agreements.versions(agreement.id) if v.status == VersionStatus.APPROVED]
    assert len(approved) == 1 and approved[0].approved_by
    finnish = next(o for o in orgs if o.language == "fi")
    assert any("hankin" in a.title.casefold() for a in services.activities.list(finnish.id))
    danish = next(o for o in orgs if o.short_name == "NK")
    assert any("krav" in a.title for a in services.activities.list(danish.id))
