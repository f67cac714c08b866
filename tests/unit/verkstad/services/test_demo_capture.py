"""The demo programme's captured kick-off meetings: every organisation's, in its own language."""

from __future__ import annotations

from verkstad.domain.model import Activity, Meeting, Organisation, OrgKind, Phase, PhaseKind


def test_each_organisation_has_a_captured_kickoff_meeting(services, demo):
    records, capture = services.records, services.capture
    phase = next(p for p in records.list(Phase, programme_id=demo.id) if p.kind == PhaseKind.KICKOFF_MEETING)
    participants = [o for o in records.list(Organisation, programme_id=demo.id) if o.kind == OrgKind.PARTICIPANT]
    assert len(participants) == 3
    for org in participants:
        meeting = next(m for m in records.list(Meeting, phase_id=phase.id) if m.organisation_id == org.id)
        entries = capture.entries(meeting.id)
        summary = capture.summary(meeting.id)
        assert all(summary.counts[k] >= 2 for k in ("idea", "decision", "task", "note")), summary.counts
        assert meeting.started_at is not None and meeting.ended_at > meeting.started_at
        assert all(e.agenda_item_id for e in entries)
        assert any(e.theme_ids for e in entries)
        assert any(e.kind == "task" and e.owner_id and e.due_date for e in entries)
        # two promotions, linked both ways and carried over
        assert len(summary.promoted) == 2
        for entry in summary.promoted:
            activity = records.get(Activity, entry.activity_id)
            assert activity.organisation_id == org.id and activity.title == entry.text
        text = " ".join(e.text for e in entries)
        if org.language == "fi":
            assert "ä" in text and "ø" not in text
        else:
            assert org.language == "da" and "ø" in text
        attendance = capture.attendance(meeting.id)
        assert attendance.by_attendance and any(r.attendance and r.attendance.attended for r in attendance.rows)
    # Region Søndersted's purchasing chief did not come: the warning the facilitator sees
    rs = next(o for o in participants if o.short_name == "RS")
    rs_meeting = next(m for m in records.list(Meeting, phase_id=phase.id) if m.organisation_id == rs.id)
    assert capture.attendance(rs_meeting.id).missing_roles == ["purchasing_chief"]
    # the captured words are found by search
    assert any(h.meeting_id == rs_meeting.id for h in capture.search(demo.id, "engangsartikler"))
