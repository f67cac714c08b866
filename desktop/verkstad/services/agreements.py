"""The cooperation agreement with an organisation: clauses composed from a translated template
and edited per agreement, frozen versions sent for comment, comments, approval, and the
differences between two versions."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from verkstad.domain.model import (
    LANGUAGE_COUNTRIES,
    Activity,
    Agreement,
    AgreementVersion,
    Organisation,
    OrgKind,
    Person,
    Phase,
    Programme,
    Role,
    Theme,
    VersionStatus,
)
from verkstad.domain.model import VERSION_STATUS_TITLES as _STATUS_TITLES
from verkstad.domain.translatable import text_in
from verkstad.errors import VerkstadError
from verkstad.i18n import N_, _, current, translator
from verkstad.services.records import Change, NotFound, Records

SNAPSHOT_FORMAT = 1

# The people an agreement names, and on which side each one must be.
PEOPLE_FIELDS = {"contact_id": "organisation", "signatory_id": "organisation",
                 "team_contact_id": "team", "team_signatory_id": "team"}
COMMENT_DAYS = 14  # the comment period "Send for comment" proposes


@dataclass(frozen=True)
class ClauseTemplate:
    key: str
    title: str  # English source, marked with N_
    text: str  # English source with {organisation}, {programme}, {partners} placeholders


# The template every agreement starts from, in order. Paragraphs are separated by a blank
# line; lines starting with "- " print as bullets. The clauses with a key in TABLE_CLAUSES
# are followed in the document by a table built from the programme's data.
CLAUSES: tuple[ClauseTemplate, ...] = (
    ClauseTemplate("parties", N_("Parties"), N_(
        "This agreement is made between {organisation} and the advisory team of {programme}, "
        "formed by {partners}.")),
    ClauseTemplate("background", N_("Background and purpose"), N_(
        "{organisation} takes part in {programme}. The purpose of the cooperation is to make the "
        "organisation's purchasing greener, more socially responsible and more circular through "
        "concrete advisory activities, chosen together at the kick-off meeting.\n\n"
        "This agreement describes the organisation's role and tasks, the advisory team's effort "
        "and the timeline of the cooperation.")),
    ClauseTemplate("organisation_role", N_("The organisation's role and tasks"), N_(
        "{organisation}:\n"
        "- appoints a contact person and makes the relevant staff and management levels available;\n"
        "- handles the practical side of meetings at the organisation: invitation, room and catering;\n"
        "- carries out its part of the activities in the activity plan and commits the hours stated there;\n"
        "- takes part in the closing workshop and evaluates the benefit of the programme.")),
    ClauseTemplate("team_effort", N_("The advisory team's effort"), N_(
        "The advisory team advises on the activities below, as described in the activity plan. "
        "The hours are estimates; the activity plan in this version forms part of the agreement.")),
    ClauseTemplate("timeline", N_("Timeline"), N_(
        "The cooperation follows the phases of the programme below. The advisory activities start "
        "once this agreement and the activity plan are approved.")),
    ClauseTemplate("communication", N_("Communication"), N_(
        "Good examples from the cooperation are shared as case stories, news and interviews, so "
        "that other public organisations can learn from them. {organisation} contributes "
        "examples and approves every text about itself before it is published.")),
    ClauseTemplate("evaluation", N_("Evaluation"), N_(
        "At the closing workshop {organisation} evaluates the benefit it has gained from the programme "
        "and shares its experience with the other participants.")),
    ClauseTemplate("contacts", N_("Contact persons"), N_(
        "Questions about the cooperation should be directed to the contact persons below.")),
    ClauseTemplate("signatures", N_("Approval"), N_(
        "The parties approve this agreement and the associated activity plan.")),
)
CLAUSE_KEYS = tuple(c.key for c in CLAUSES)
TEMPLATES = {c.key: c for c in CLAUSES}
TABLE_CLAUSES = {"parties", "team_effort", "timeline", "contacts", "signatures"}

# Which status a version may move to from which (keyed by str: a record holds the plain value).
TRANSITIONS: dict[str, set[str]] = {
    VersionStatus.SENT: {VersionStatus.COMMENTED, VersionStatus.APPROVED},
    VersionStatus.COMMENTED: {VersionStatus.COMMENTED, VersionStatus.APPROVED},
    VersionStatus.APPROVED: set(),
}


class AgreementError(VerkstadError, ValueError):
    """A request the agreement's state does not allow; the text says why."""


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fill(template: str, values: dict[str, str]) -> str:
    """Put names into a (translated) clause; a translation with broken braces prints as is."""
    try:
        return template.format_map(_Blank(values))
    except (ValueError, IndexError, AttributeError):
        return template


@dataclass
class ClauseView:
    key: str
    title: str  # in the language asked for
    text: str  # the text the document prints
    template_text: str  # the template's text in that language, names filled in
    custom: bool  # edited for this agreement


@dataclass
class AgreementState:
    """Everything the agreement view shows of one organisation, read in one go."""

    organisation: Organisation
    agreement: Agreement | None  # None: not made yet (see `Agreements.ensure`)
    clauses: list[ClauseView] = field(default_factory=list)
    versions: list[AgreementVersion] = field(default_factory=list)  # by number
    approved: AgreementVersion | None = None  # the newest approved version


@dataclass
class DiffItem:
    """One difference between two versions, for the diff view."""

    section: str  # translated section title
    kind: str  # added | removed | changed
    label: str  # what changed, e.g. an activity's title or a field name
    before: str = ""
    after: str = ""
    words: list[tuple[str, str]] = field(default_factory=list)  # (op, text), op in = - +


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Word-level difference: runs of equal ("="), removed ("-") and added ("+") text."""
    a, b = before.split(" "), after.split(" ")
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(("-", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("+", " ".join(b[j1:j2])))
    return out


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def register_country(organisation: Organisation) -> str | None:
    """The country whose register the organisation's number is in: set, or its language's."""
    return organisation.country or LANGUAGE_COUNTRIES.get(organisation.language)


def _register(organisation: Organisation) -> dict:
    return {"register_number": organisation.register_number.strip(), "country": register_country(organisation)}


def _person(person: Person, orgs: dict[str, Organisation]) -> dict:
    """A person as a document prints them."""
    organisation = orgs.get(person.organisation_id or "")
    return {"name": person.name, "title": person.title, "email": person.email, "phone": person.phone,
            "organisation": organisation.name if organisation is not None else ""}


class Agreements:
    """Use cases of the agreement view."""

    def __init__(self, records: Records) -> None:
        self.records = records

    # -- the agreement and its clauses ------------------------------------------

    def find(self, organisation_id: str) -> Agreement | None:
        found = self.records.list(Agreement, organisation_id=organisation_id)
        return found[0] if found else None

    def state(self, organisation_id: str, language: str | None = None) -> AgreementState:
        """The organisation, its agreement (if it has one yet), the clauses in `language` (default:
        the organisation's document language), the versions and the approved one."""
        organisation = self.records.get(Organisation, organisation_id)
        agreement = self.find(organisation_id)
        if agreement is None:
            return AgreementState(organisation, None)
        versions = self.versions(agreement.id)
        approved = [v for v in versions if v.status == VersionStatus.APPROVED]
        return AgreementState(organisation, agreement, self.clauses(agreement.id, language), versions,
                              approved[-1] if approved else None)

    def ensure(self, organisation_id: str) -> tuple[Agreement, Change | None]:
        """The organisation's agreement, created from the template when it has none yet."""
        existing = self.find(organisation_id)
        if existing is not None:
            return existing, None
        organisation = self.records.get(Organisation, organisation_id)
        if organisation.kind == OrgKind.PARTNER:
            raise AgreementError(_("“{name}” is a partner of the advisory team; agreements are made "
                                   "with participating organisations.").format(name=organisation.name))
        agreement = Agreement(programme_id=organisation.programme_id, organisation_id=organisation_id)
        change = self.records.add(agreement)
        return agreement, change

    def _names(self, organisation: Organisation, language: str) -> dict[str, str]:
        programme = self.records.get(Programme, organisation.programme_id, include_deleted=True)
        partners = [o.name for o in self.records.list(Organisation, programme_id=organisation.programme_id)
                    if o.kind == OrgKind.PARTNER]
        tr = translator(language)
        return {"organisation": organisation.name, "programme": text_in(programme, "name", language),
                "partners": tr.list(partners) or tr.gettext("the advisory team")}

    def clauses(self, agreement_id: str, language: str | None = None) -> list[ClauseView]:
        """Every clause with the text this agreement prints, in `language` (default: the
        organisation's document language)."""
        agreement = self.records.get(Agreement, agreement_id)
        organisation = self.records.get(Organisation, agreement.organisation_id, include_deleted=True)
        language = language or organisation.language
        tr = translator(language)
        names = self._names(organisation, language)
        out = []
        for template in CLAUSES:
            template_text = fill(tr.gettext(template.text), names)
            custom = agreement.clauses.get(template.key)
            out.append(ClauseView(template.key, tr.gettext(template.title),
                                  custom if custom is not None else template_text, template_text,
                                  custom is not None))
        return out

    def set_clause(self, agreement_id: str, key: str, text: str | None) -> Change:
        """Edit one clause of this agreement; None (or the template's own text) resets it."""
        if key not in TEMPLATES:
            raise AgreementError(_("Unknown clause “{key}”.").format(key=key))
        agreement = self.records.get(Agreement, agreement_id)
        clauses = dict(agreement.clauses)
        template = {c.key: c.template_text for c in self.clauses(agreement_id)}[key]
        if text is None or text.strip() == template.strip():
            clauses.pop(key, None)
        else:
            clauses[key] = text
        return self.records.update(Agreement, agreement_id, clauses=clauses)

    # -- versions ----------------------------------------------------------------

    def versions(self, agreement_id: str) -> list[AgreementVersion]:
        return sorted(self.records.list(AgreementVersion, agreement_id=agreement_id), key=lambda v: v.number)

    def version(self, agreement_id: str, number: int) -> AgreementVersion:
        for v in self.versions(agreement_id):
            if v.number == number:
                return v
        raise NotFound(f"AgreementVersion {number}")

    def snapshot(self, agreement_id: str) -> dict:
        """The agreement and its activity plan as they stand, as JSON-ready data."""
        agreement = self.records.get(Agreement, agreement_id)
        organisation = self.records.get(Organisation, agreement.organisation_id, include_deleted=True)
        programme = self.records.get(Programme, organisation.programme_id, include_deleted=True)
        orgs = {o.id: o for o in self.records.list(Organisation, programme_id=programme.id)}
        language = organisation.language  # the programme's texts as the organisation reads them
        themes = {t.id: text_in(t, "name", language) for t in self.records.list(Theme, programme_id=programme.id)}
        people = self.records.list(Person, programme_id=programme.id)
        activities = self.records.list(Activity, organisation_id=organisation.id)
        by_id = {p.id: p for p in people}
        contacts = [p for p in people if p.organisation_id == organisation.id]
        contacts.sort(key=lambda p: (p.role != "purchasing_chief", p.name.casefold()))
        team = [p for p in people if p.organisation_id is None
                or orgs.get(p.organisation_id, Organisation()).kind == OrgKind.PARTNER]
        team.sort(key=lambda p: p.name.casefold())
        lead = orgs.get(programme.lead_partner_id or "")
        partners = [o for o in orgs.values() if o.kind == OrgKind.PARTNER]
        partners.sort(key=lambda o: o is not lead)  # the lead partner first
        named = self.named_people(agreement_id)
        return {
            "format": SNAPSHOT_FORMAT,
            "language": organisation.language,
            "programme": text_in(programme, "name", language),
            "organisation": {"id": organisation.id, "name": organisation.name, "address": organisation.address,
                             **_register(organisation)},
            "partners": [o.name for o in partners],
            "lead_partner": ({"name": lead.name, "address": lead.address, **_register(lead)}
                             if lead is not None and lead.kind == OrgKind.PARTNER else None),
            "people": {name.removesuffix("_id"): _person(p, orgs) if p is not None else None
                       for name, p in named.items()},
            "chosen": {name: getattr(agreement, name) for name in PEOPLE_FIELDS},  # as set, before defaults
            "clauses": [{"key": c.key, "text": c.text, "custom": c.custom}
                        for c in self.clauses(agreement_id, organisation.language)],
            "activities": [{
                "id": a.id, "title": a.title, "description": a.description,
                "theme": themes.get(a.theme_id or "", ""), "responsible": a.responsible,
                "person": by_id[a.responsible_person_id].name if a.responsible_person_id in by_id else "",
                "team_hours": a.team_hours, "org_hours": a.org_hours, "start_date": _iso(a.start_date),
                "deadline": _iso(a.deadline), "status": a.status, "impact": a.impact,
            } for a in activities],
            "phases": [{"title": text_in(p, "title", language), "start": _iso(p.start_date), "end": _iso(p.end_date)}
                       for p in self.records.list(Phase, programme_id=programme.id)],
            "contacts": [{"name": p.name, "title": p.title, "email": p.email, "phone": p.phone,
                          "organisation": orgs[p.organisation_id].name if p.organisation_id in orgs else "",
                          "side": "organisation" if p.organisation_id == organisation.id else "team"}
                         for p in contacts + team],
        }

    def request_defaults(self, agreement_id: str, on: dt.date | None = None) -> tuple[dt.date, Person | None]:
        """What "Send for comment" proposes: comments within `COMMENT_DAYS` days, to the person
        the previous version asked for them, else the team's contact person."""
        on = on or dt.date.today()
        agreement = self.records.get(Agreement, agreement_id)
        team = {p.id: p for p in self.team_people(agreement.programme_id)}
        previous = [v.reply_to_id for v in self.versions(agreement_id) if v.reply_to_id in team]
        person = team[previous[-1]] if previous else self.named_people(agreement_id)["team_contact_id"]
        return on + dt.timedelta(days=COMMENT_DAYS), person

    def send_for_comment(self, agreement_id: str, on: dt.date | None = None, *,
                         comments_by: dt.date | None = None, reply_to_id: str | None = None) -> Change:
        """Freeze the agreement and its activity plan as the next numbered version, sent `on`
        (today), asking for comments by `comments_by` to `reply_to_id`, a person of the team."""
        on = on or dt.date.today()
        if comments_by is not None and comments_by < on:
            raise AgreementError(_("The date for comments, {by}, is before the version is sent, {on}.").format(
                by=current().date(comments_by, "long"), on=current().date(on, "long")))
        if reply_to_id is not None:
            agreement = self.records.get(Agreement, agreement_id)
            if reply_to_id not in {p.id for p in self.team_people(agreement.programme_id)}:
                person = self.records.get(Person, reply_to_id, include_deleted=True)
                raise AgreementError(_("Comments go to a person of the advisory team; {name} is not in it.").format(
                    name=person.name))
        existing = self.versions(agreement_id)
        snapshot = self.snapshot(agreement_id)
        if reply_to_id is not None:  # the request as sent: the person's details as they were then
            person = self.records.get(Person, reply_to_id)
            orgs = {o.id: o for o in self.records.list(Organisation, programme_id=person.programme_id)}
            snapshot["request"] = {"reply_to": _person(person, orgs)}
        version = AgreementVersion(
            agreement_id=agreement_id, number=(existing[-1].number + 1) if existing else 1,
            status=VersionStatus.SENT, snapshot=snapshot, sent_on=on,
            comments_by=comments_by, reply_to_id=reply_to_id,
        )
        return self.records.add(version)

    def _move(self, version_id: str, to: str) -> AgreementVersion:
        version = self.records.get(AgreementVersion, version_id)
        if to not in TRANSITIONS.get(version.status, set()):
            raise AgreementError(_("Version {number} is “{status}” and cannot be changed any more.").format(
                number=version.number, status=_(_STATUS_TITLES[version.status])))
        newest = self.versions(version.agreement_id)[-1]
        if to == VersionStatus.APPROVED and newest.id != version.id:
            raise AgreementError(_("Only the newest version can be approved; version {number} is newer.")
                                 .format(number=newest.number))
        return version

    def record_comments(self, version_id: str, comments: str, on: dt.date | None = None) -> Change:
        """Store the organisation's comments on a version sent for comment."""
        self._move(version_id, VersionStatus.COMMENTED)
        return self.records.update(AgreementVersion, version_id, status=VersionStatus.COMMENTED,
                                   comments=comments, comments_on=on or dt.date.today())

    def approve(self, version_id: str, by: str, on: dt.date | None = None) -> Change:
        """Mark a version approved; its activities become ready to start."""
        if not by.strip():
            raise AgreementError(_("Enter who approved the agreement."))
        self._move(version_id, VersionStatus.APPROVED)
        return self.records.update(AgreementVersion, version_id, status=VersionStatus.APPROVED,
                                   approved_by=by.strip(), approved_on=on or dt.date.today())

    def approved(self, agreement_id: str) -> AgreementVersion | None:
        done = [v for v in self.versions(agreement_id) if v.status == VersionStatus.APPROVED]
        return done[-1] if done else None

    # -- the people an agreement names -----------------------------------------------------

    def organisation_people(self, organisation_id: str) -> list[Person]:
        """The organisation's own people, its purchasing chief first."""
        people = self.records.list(Person, organisation_id=organisation_id)
        return sorted(people, key=lambda p: (p.role != Role.PURCHASING_CHIEF, p.name.casefold()))

    def team_people(self, programme_id: str) -> list[Person]:
        """The advisory team: people of no organisation and of the partner organisations,
        the lead partner's first, facilitators before experts."""
        programme = self.records.get(Programme, programme_id, include_deleted=True)
        orgs = {o.id: o for o in self.records.list(Organisation, programme_id=programme_id)}
        team = [p for p in self.records.list(Person, programme_id=programme_id)
                if p.organisation_id is None or (p.organisation_id in orgs
                                                 and orgs[p.organisation_id].kind == OrgKind.PARTNER)]
        return sorted(team, key=lambda p: (p.organisation_id != programme.lead_partner_id or p.organisation_id is None,
                                           p.role != Role.FACILITATOR, p.name.casefold()))

    def proposed_people(self, agreement_id: str) -> dict[str, Person | None]:
        """Who stands for each of `PEOPLE_FIELDS` while nobody is chosen: the organisation's
        purchasing chief (else its first person) as its contact person, the team's first
        facilitator as the team's; nobody signs until someone is chosen."""
        agreement = self.records.get(Agreement, agreement_id)
        own = self.organisation_people(agreement.organisation_id)
        team = self.team_people(agreement.programme_id)
        return {"contact_id": own[0] if own else None, "signatory_id": None,
                "team_contact_id": team[0] if team else None, "team_signatory_id": None}

    def named_people(self, agreement_id: str) -> dict[str, Person | None]:
        """Who the agreement names for each of `PEOPLE_FIELDS`: the person chosen (while they
        are still of their side), else the one proposed."""
        agreement = self.records.get(Agreement, agreement_id)
        by_id = {p.id: p for p in self.organisation_people(agreement.organisation_id)
                 + self.team_people(agreement.programme_id)}
        proposed = self.proposed_people(agreement_id)
        return {name: by_id.get(getattr(agreement, name) or "") or proposed[name] for name in PEOPLE_FIELDS}

    def set_people(self, agreement_id: str, **values: str | None) -> list[Change]:
        """Name the contact persons and signatories; each must be of its side (the
        organisation's own people, or the advisory team's)."""
        agreement = self.records.get(Agreement, agreement_id)
        sides = {"organisation": {p.id for p in self.organisation_people(agreement.organisation_id)},
                 "team": {p.id for p in self.team_people(agreement.programme_id)}}
        for name, person_id in values.items():
            if name not in PEOPLE_FIELDS:
                raise AttributeError(f"Agreement has no editable field {name!r}")
            if person_id is not None and person_id not in sides[PEOPLE_FIELDS[name]]:
                person = self.records.get(Person, person_id, include_deleted=True)
                if PEOPLE_FIELDS[name] == "organisation":
                    organisation = self.records.get(Organisation, agreement.organisation_id)
                    raise AgreementError(_("{name} is not one of the people of {organisation}.").format(
                        name=person.name, organisation=organisation.name))
                raise AgreementError(_("{name} is not in the advisory team.").format(name=person.name))
        return [self.records.update(Agreement, agreement_id, **values)]

    # -- differences ---------------------------------------------------------------

    def diff(self, agreement_id: str, old: int, new: int | None = None) -> list[DiffItem]:
        """What changed from version `old` to version `new` (None: the current draft)."""
        before = self.version(agreement_id, old).snapshot
        after = self.version(agreement_id, new).snapshot if new is not None else self.snapshot(agreement_id)
        return diff_snapshots(before, after)


_ACTIVITY_FIELDS = (
    ("title", N_("Title")), ("description", N_("Description")), ("theme", N_("Theme")),
    ("responsible", N_("Responsible")), ("person", N_("Person")), ("team_hours", N_("Team hours")),
    ("org_hours", N_("Org. hours")), ("start_date", N_("Start")), ("deadline", N_("Deadline")),
    ("status", N_("Status")), ("impact", N_("Impact")),
)


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def diff_snapshots(before: dict, after: dict) -> list[DiffItem]:
    """The differences between two snapshots, clauses first, then activities and totals."""
    out: list[DiffItem] = []
    titles = {c.key: _(c.title) for c in CLAUSES}
    old_clauses = {c["key"]: c["text"] for c in before.get("clauses", [])}
    new_clauses = {c["key"]: c["text"] for c in after.get("clauses", [])}
    for key in CLAUSE_KEYS:
        a, b = old_clauses.get(key, ""), new_clauses.get(key, "")
        if a != b:
            out.append(DiffItem(titles[key], "changed", titles[key], a, b, word_diff(a, b)))
    section = _("Activity plan")
    old_acts = {a["id"]: a for a in before.get("activities", [])}
    new_acts = {a["id"]: a for a in after.get("activities", [])}
    for id_, act in new_acts.items():
        if id_ not in old_acts:
            out.append(DiffItem(section, "added", act["title"], "", act["title"]))
    for id_, act in old_acts.items():
        if id_ not in new_acts:
            out.append(DiffItem(section, "removed", act["title"], act["title"], ""))
    for id_, act in new_acts.items():
        old_act = old_acts.get(id_)
        if old_act is None:
            continue
        for name, title in _ACTIVITY_FIELDS:
            a, b = _show(old_act.get(name)), _show(act.get(name))
            if a != b:
                out.append(DiffItem(section, "changed", f"{act['title']}: {_(title)}", a, b, word_diff(a, b)))
    for name, title in (("team_hours", N_("Team hours")), ("org_hours", N_("Org. hours"))):
        a = sum(x.get(name) or 0 for x in old_acts.values())
        b = sum(x.get(name) or 0 for x in new_acts.values())
        if a != b:
            out.append(DiffItem(section, "changed", _("Total") + ": " + _(title), _show(float(a)), _show(float(b))))
    return out
