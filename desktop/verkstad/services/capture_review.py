"""A meeting reviewed in capture: attendance against the roles its phase requires, and the closing summary."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from verkstad.domain import rules
from verkstad.domain.model import Activity, Entry, EntryKind, Meeting, utcnow
from verkstad.services.capture_common import CaptureBase
from verkstad.services.planning import AttendanceRow
from verkstad.services.records import Change


@dataclass
class AttendanceView:
    """Who belongs at a meeting, and the two checks of the roles its phase requires.

    `not_invited`: required roles that no invited person holds. `not_attended` (only once
    the meeting is held): required roles held by someone invited, but by nobody ticked as
    attended. `missing_roles` is both, in the phase's order; `by_attendance` says whether
    the meeting is held, so that attendance counts."""

    rows: list[AttendanceRow]
    required_roles: list[str]
    missing_roles: list[str]
    by_attendance: bool  # True: the meeting is being held (started, or someone ticked as attended)
    not_invited: list[str] = dataclasses.field(default_factory=list)
    not_attended: list[str] = dataclasses.field(default_factory=list)


@dataclass
class CaptureSummary:
    """What a meeting captured, for the end-of-meeting view."""

    counts: dict[str, int]  # entry kind -> number
    total: int
    promoted: list[Entry]
    tasks_without_owner: list[Entry]
    tasks_without_due: list[Entry]
    ideas_not_promoted: list[Entry]
    decisions_not_promoted: list[Entry]
    duration_s: int | None
    missing_roles: list[str] = dataclasses.field(default_factory=list)  # required, but nobody of it attended


class CaptureReview(CaptureBase):
    """Attendance ticked during the meeting, and what it comes to at the end."""

    # -- attendance ----------------------------------------------------------------------

    def attendance(self, meeting_id: str) -> AttendanceView:
        """Who belongs at the meeting, and both checks of the roles its phase requires.

        Always: a required role that nobody invited holds. Once the meeting is held
        (`rules.is_held`: started in capture, someone already ticked as attended, or its date
        has passed): a required role whose invited holders are not ticked as attended.
        """
        plan = self.planning.meeting_plan(meeting_id)
        attendance = [r.attendance for r in plan.rows if r.attendance is not None]
        people = {r.person.id: r.person for r in plan.rows}
        held = plan.held
        not_invited = rules.missing_roles(plan.required_roles, attendance, people)
        not_attended: list[str] = []
        if held:
            absent = rules.missing_roles(plan.required_roles, attendance, people, attended_only=True)
            not_attended = [role for role in absent if role not in not_invited]
        missing = [role for role in plan.required_roles if role in not_invited or role in not_attended]
        return AttendanceView(plan.rows, plan.required_roles, missing, held,
                              not_invited=not_invited, not_attended=not_attended)

    def set_attended(self, meeting_id: str, person_id: str, attended: bool) -> Change:
        return self.planning.set_attendance(meeting_id, person_id, attended=attended)

    # -- the end of the meeting -----------------------------------------------------------

    def summary(self, meeting_id: str) -> CaptureSummary:
        meeting = self.records.get(Meeting, meeting_id)
        entries = self.entries(meeting_id)
        live_activities = {a.id for a in self.records.list(Activity, programme_id=meeting.programme_id)}

        def promoted(e: Entry) -> bool:
            return e.kind != EntryKind.TASK and e.activity_id is not None and e.activity_id in live_activities

        tasks = [e for e in entries if e.kind == EntryKind.TASK]
        duration = None
        if meeting.started_at is not None:
            duration = max(0, int(((meeting.ended_at or utcnow()) - meeting.started_at).total_seconds()))
        return CaptureSummary(
            counts={k.value: sum(1 for e in entries if e.kind == k) for k in EntryKind},
            total=len(entries),
            promoted=[e for e in entries if promoted(e)],
            tasks_without_owner=[e for e in tasks if not e.owner_id and not e.owner_name],
            tasks_without_due=[e for e in tasks if e.due_date is None],
            ideas_not_promoted=[e for e in entries if e.kind == EntryKind.IDEA and not promoted(e)],
            decisions_not_promoted=[e for e in entries if e.kind == EntryKind.DECISION and not promoted(e)],
            duration_s=duration,
            missing_roles=self.attendance(meeting_id).missing_roles,  # held now: nobody of the role came
        )
