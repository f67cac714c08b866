"""The activity plan of an organisation: add, edit, reorder and delete activities, effort
totals, late activities, the meeting entries an activity came from, and which activities an
approved agreement made ready to start."""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass, field

from verkstad.domain.model import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Agreement,
    AgreementVersion,
    Entry,
    EntryKind,
    Impact,
    Organisation,
    OrgKind,
    Party,
    Person,
    Theme,
    VersionStatus,
)
from verkstad.domain.progress import FollowUp
from verkstad.domain.rules import is_late
from verkstad.errors import VerkstadError
from verkstad.i18n import _
from verkstad.services.follow_up import FollowUps
from verkstad.services.records import Change, NotFound, Records

EDITABLE = ("title", "description", "theme_id", "responsible", "responsible_person_id", "team_hours",
            "org_hours", "start_date", "deadline", "status", "impact", "kind", "goal", "result", "good_example")


class ActivityError(VerkstadError, ValueError):
    """An activity value that cannot be stored; the text says why."""


@dataclass
class PlanRow:
    activity: Activity
    theme: str  # the theme's name, "" when none
    person: str  # the responsible person's name, "" when none
    late: bool
    ready: bool  # part of an approved agreement version: may start
    sources: list[Entry] = field(default_factory=list)  # the meeting entries it came from
    follow: FollowUp | None = None  # where it stands in the follow-up, its progress updates
    tasks: list[Entry] = field(default_factory=list)  # the tasks captured in meetings that serve it


@dataclass
class Plan:
    organisation: Organisation
    rows: list[PlanRow]
    team_hours: float
    org_hours: float

    @property
    def late_count(self) -> int:
        return sum(1 for r in self.rows if r.late)


def _check(values: dict) -> dict:
    """Validate and normalise edited values."""
    out = dict(values)
    for name in out:
        if name not in EDITABLE:
            raise ActivityError(_("An activity has no field “{name}”.").format(name=name))
    for name in ("team_hours", "org_hours"):
        if name in out:
            try:
                hours = float(out[name] or 0)
            except (TypeError, ValueError) as exc:
                raise ActivityError(_("Hours must be a number.")) from exc
            if hours < 0 or hours != hours or hours > 100_000:
                raise ActivityError(_("Hours must be between 0 and 100,000."))
            out[name] = hours
    if "status" in out and out["status"] not in set(ActivityStatus):
        raise ActivityError(_("Unknown status “{value}”.").format(value=out["status"]))
    if "responsible" in out and out["responsible"] not in set(Party):
        raise ActivityError(_("Unknown responsible party “{value}”.").format(value=out["responsible"]))
    if out.get("impact") is not None and out["impact"] not in set(Impact):
        raise ActivityError(_("Unknown impact “{value}”.").format(value=out["impact"]))
    for name in ("start_date", "deadline"):
        if out.get(name) is not None and not isinstance(out[name], dt.date):
            raise ActivityError(_("Enter a date."))
    if "title" in out:
        out["title"] = str(out["title"] or "").strip()
        if not out["title"]:
            raise ActivityError(_("An activity needs a title."))
    if "kind" in out and out["kind"] not in set(ActivityKind):
        raise ActivityError(_("Unknown kind “{value}”.").format(value=out["kind"]))
    for name in ("goal", "result"):
        if name in out:
            out[name] = str(out[name] or "").rstrip()
    if "good_example" in out:
        out["good_example"] = bool(out["good_example"])
    return out


def _of_team(person: Person, partner_ids: set[str]) -> bool:
    """Whether the person belongs to the advisory team (no organisation, or a partner)."""
    return person.organisation_id is None or person.organisation_id in partner_ids


class Activities:
    """Use cases of the activity plan editor."""

    def __init__(self, records: Records) -> None:
        self.records = records

    # -- reading -------------------------------------------------------------------

    def list(self, organisation_id: str) -> list[Activity]:
        return self.records.list(Activity, organisation_id=organisation_id)

    def get(self, activity_id: str) -> Activity:
        return self.records.get(Activity, activity_id)

    def themes(self, programme_id: str) -> builtins.list[Theme]:
        return self.records.list(Theme, programme_id=programme_id)

    def people(self, programme_id: str) -> builtins.list[Person]:
        return sorted(self.records.list(Person, programme_id=programme_id), key=lambda p: p.name.casefold())

    def responsible_people(self, organisation_id: str) -> builtins.list[Person]:
        """Who may be responsible for an activity of the organisation: its own people first,
        then the advisory team (people of no organisation or of a partner organisation)."""
        organisation = self.records.get(Organisation, organisation_id)
        team = self._team_organisations(organisation.programme_id)
        people = [p for p in self.records.list(Person, programme_id=organisation.programme_id)
                  if p.organisation_id == organisation_id or _of_team(p, team)]
        return sorted(people, key=lambda p: (p.organisation_id != organisation_id, p.name.casefold()))

    def _team_organisations(self, programme_id: str) -> set[str]:
        return {o.id for o in self.records.list(Organisation, programme_id=programme_id)
                if o.kind == OrgKind.PARTNER}

    def _check_person(self, organisation: Organisation, person_id: str | None) -> None:
        """A responsible person is one of the organisation's people or of the advisory team."""
        if person_id is None:
            return
        try:
            person = self.records.get(Person, person_id)
        except NotFound as exc:
            raise ActivityError(_("The person chosen as responsible no longer exists.")) from exc
        if person.programme_id != organisation.programme_id:
            raise ActivityError(_("“{name}” does not take part in this programme.").format(name=person.name))
        if person.organisation_id == organisation.id or _of_team(
                person, self._team_organisations(organisation.programme_id)):
            return
        assert person.organisation_id is not None  # of no organisation is of the advisory team
        other = self.records.get(Organisation, person.organisation_id, include_deleted=True)
        raise ActivityError(_("“{name}” works for {other}. An activity of {organisation} can only be the "
                              "responsibility of its own people or of the advisory team.").format(
            name=person.name, other=other.name, organisation=organisation.name))

    def totals(self, organisation_id: str) -> tuple[float, float]:
        """The advisory team's and the organisation's hours over all activities."""
        activities = self.list(organisation_id)
        return (sum(a.team_hours or 0 for a in activities), sum(a.org_hours or 0 for a in activities))

    def late(self, organisation_id: str, today: dt.date | None = None) -> builtins.list[Activity]:
        today = today or dt.date.today()
        return [a for a in self.list(organisation_id) if is_late(a.status, a.deadline, today)]

    def sources(self, activity_id: str) -> builtins.list[Entry]:
        """The meeting entries (ideas, decisions...) the activity was promoted from (not its tasks)."""
        return [e for e in self.records.list(Entry, activity_id=activity_id) if e.kind != EntryKind.TASK]

    def ready_ids(self, organisation_id: str) -> set[str]:
        """Activities in an approved version of the organisation's agreement: ready to start."""
        return self._approved(self.records.list(Agreement, organisation_id=organisation_id))

    def agreed_ids(self, programme_id: str) -> set[str]:
        """Activities in an approved version of any agreement of the programme: under way."""
        return self._approved(self.records.list(Agreement, programme_id=programme_id))

    def _approved(self, agreements: builtins.list[Agreement]) -> set[str]:
        ready: set[str] = set()
        versions = self.records.list_in(AgreementVersion, "agreement_id", [a.id for a in agreements])
        for version in versions:
            if version.status == VersionStatus.APPROVED:
                ready |= {a.get("id") for a in version.snapshot.get("activities", [])}
        return ready

    def plan(self, organisation_id: str, today: dt.date | None = None) -> Plan:
        """Everything the plan editor and the plan document show, read in one go."""
        today = today or dt.date.today()
        organisation = self.records.get(Organisation, organisation_id)
        activities = self.list(organisation_id)
        themes = {t.id: t.name for t in self.records.list(Theme, programme_id=organisation.programme_id)}
        people = {p.id: p.name for p in self.records.list(Person, programme_id=organisation.programme_id)}
        ready = self.ready_ids(organisation_id)
        ids = {a.id for a in activities}
        sources: dict[str | None, list[Entry]] = {}  # by activity_id, which list_in matched to one of ids
        tasks: dict[str | None, list[Entry]] = {}
        for entry in self._entries_of(ids):  # a task serves the activity; the others were promoted to it
            (tasks if entry.kind == EntryKind.TASK else sources).setdefault(entry.activity_id, []).append(entry)
        follow = FollowUps(self.records).of_activities(activities, today, ready)
        rows = [PlanRow(a, themes.get(a.theme_id or "", ""), people.get(a.responsible_person_id or "", ""),
                        is_late(a.status, a.deadline, today), a.id in ready, sources.get(a.id, []), follow[a.id],
                        tasks.get(a.id, []))
                for a in activities]
        return Plan(organisation, rows, sum(a.team_hours or 0 for a in activities),
                    sum(a.org_hours or 0 for a in activities))

    def _entries_of(self, activity_ids: set[str]) -> builtins.list[Entry]:
        return self.records.list_in(Entry, "activity_id", activity_ids)

    # -- writing -------------------------------------------------------------------

    def add(self, organisation_id: str, title: str, *, position: int | None = None, **values) -> Change:
        organisation = self.records.get(Organisation, organisation_id)
        values = _check({"title": title, **values})
        self._check_person(organisation, values.get("responsible_person_id"))
        activity = Activity(programme_id=organisation.programme_id, organisation_id=organisation_id, **values)
        return self.records.add(activity, position=position)

    def update(self, activity_id: str, **values) -> Change:
        values = _check(values)
        if values.get("responsible_person_id") is not None:
            activity = self.records.get(Activity, activity_id)
            organisation = self.records.get(Organisation, activity.organisation_id, include_deleted=True)
            self._check_person(organisation, values["responsible_person_id"])
        return self.records.update(Activity, activity_id, **values)

    def delete(self, activity_id: str) -> Change:
        return self.records.delete(Activity, activity_id)

    def move(self, activity_id: str, position: int) -> Change:
        return self.records.move(Activity, activity_id, position)
