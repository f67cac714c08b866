"""The activity plan of an organisation: add, edit, reorder and delete activities, effort
totals, late activities, the meeting entries an activity came from, and which activities an
approved agreement made ready to start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from verkstad.domain.model import (
    ActivityStatus,
    Activity,
    Agreement,
    AgreementVersion,
    Entry,
    Impact,
    Organisation,
    Party,
    Person,
    Theme,
    VersionStatus,
)
from verkstad.domain.rules import is_late
from verkstad.i18n import _
from verkstad.services.records import Change, Records

EDITABLE = ("title", "description", "theme_id", "responsible", "responsible_person_id", "team_hours",
            "org_hours", "start_date", "deadline", "status", "impact")


class ActivityError(ValueError):
    """An activity value that cannot be stored; the text says why."""


@dataclass
class PlanRow:
    activity: Activity
    theme: str  # the theme's name, "" when none
    person: str  # the responsible person's name, "" when none
    late: bool
    ready: bool  # part of an approved agreement version: may start
    sources: list[Entry] = field(default_factory=list)  # the meeting entries it came from


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
            raise ActivityError(_("A date is expected."))
    if "title" in out:
        out["title"] = str(out["title"]).strip()
    return out


class Activities:
    """Use cases of the activity plan editor."""

    def __init__(self, records: Records) -> None:
        self.records = records

    # -- reading -------------------------------------------------------------------

    def list(self, organisation_id: str) -> list[Activity]:
        return self.records.list(Activity, organisation_id=organisation_id)

    def get(self, activity_id: str) -> Activity:
        return self.records.get(Activity, activity_id)

    def themes(self, programme_id: str) -> list[Theme]:
        return self.records.list(Theme, programme_id=programme_id)

    def people(self, programme_id: str) -> list[Person]:
        return sorted(self.records.list(Person, programme_id=programme_id), key=lambda p: p.name.casefold())

    def totals(self, organisation_id: str) -> tuple[float, float]:
        """The advisory team's and the organisation's hours over all activities."""
        activities = self.list(organisation_id)
        return (sum(a.team_hours or 0 for a in activities), sum(a.org_hours or 0 for a in activities))

    def late(self, organisation_id: str, today: dt.date | None = None) -> list[Activity]:
        today = today or dt.date.today()
        return [a for a in self.list(organisation_id) if is_late(a.status, a.deadline, today)]

    def sources(self, activity_id: str) -> list[Entry]:
        """The meeting entries (ideas, decisions...) the activity was promoted from."""
        return self.records.list(Entry, activity_id=activity_id)

    def ready_ids(self, organisation_id: str) -> set[str]:
        """Activities in an approved version of the organisation's agreement: ready to start."""
        ready: set[str] = set()
        for agreement in self.records.list(Agreement, organisation_id=organisation_id):
            for version in self.records.list(AgreementVersion, agreement_id=agreement.id):
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
        sources: dict[str, list[Entry]] = {}
        for entry in self._entries_of(ids):
            sources.setdefault(entry.activity_id, []).append(entry)
        rows = [PlanRow(a, themes.get(a.theme_id or "", ""), people.get(a.responsible_person_id or "", ""),
                        is_late(a.status, a.deadline, today), a.id in ready, sources.get(a.id, []))
                for a in activities]
        return Plan(organisation, rows, sum(a.team_hours or 0 for a in activities),
                    sum(a.org_hours or 0 for a in activities))

    def _entries_of(self, activity_ids: set[str]) -> list[Entry]:
        if not activity_ids:
            return []
        with self.records.db.session() as s:
            query = (select(Entry).where(Entry.activity_id.in_(sorted(activity_ids)), Entry.deleted_at.is_(None))
                     .order_by(Entry.position, Entry.created_at))
            return list(s.scalars(query))

    # -- writing -------------------------------------------------------------------

    def add(self, organisation_id: str, title: str, *, position: int | None = None, **values) -> Change:
        organisation = self.records.get(Organisation, organisation_id)
        values = _check({"title": title, **values})
        activity = Activity(programme_id=organisation.programme_id, organisation_id=organisation_id, **values)
        return self.records.add(activity, position=position)

    def update(self, activity_id: str, **values) -> Change:
        return self.records.update(Activity, activity_id, **_check(values))

    def delete(self, activity_id: str) -> Change:
        return self.records.delete(Activity, activity_id)

    def move(self, activity_id: str, position: int) -> Change:
        return self.records.move(Activity, activity_id, position)
