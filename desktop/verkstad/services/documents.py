"""Making the four documents: load the domain objects a document needs, in the document's
language (the organisation's unless told otherwise), and hand them to `verkstad.documents`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from verkstad.documents.text import DocumentError
from verkstad.domain.model import (
    Activity,
    AgendaItem,
    AgreementVersion,
    Attendance,
    CaseStory,
    ChecklistItem,
    Entry,
    Meeting,
    Organisation,
    OrgKind,
    Person,
    Phase,
    Programme,
    Theme,
    VersionStatus,
)
from verkstad.domain.translatable import localised, text_in, translated
from verkstad.filenames import safe_file_name
from verkstad.i18n import LANGUAGES, N_, _, translator
from verkstad.services.activities import Activities
from verkstad.services.agreements import CLAUSES, Agreements, fill
from verkstad.services.records import NotFound, Records

KINDS = ("plan", "agreement", "minutes", "agenda", "checklist", "progress", "sign-in", "dot-voting", "poster",
         "case-story", "evaluation-sheets", "evaluation")
KIND_TITLES = {
    "plan": N_("Activity plan"),
    "agreement": N_("Cooperation agreement"),
    "minutes": N_("Minutes"),
    "agenda": N_("Invitation and agenda"),
    "checklist": N_("Preparation checklist"),
    "progress": N_("Progress report"),
    "sign-in": N_("Sign-in sheet"),
    "dot-voting": N_("Dot voting"),
    "poster": N_("Agenda poster"),
    "case-story": N_("Case story"),
    "evaluation-sheets": N_("Evaluation sheets"),
    "evaluation": N_("Evaluation"),
}
ORGANISATION_KINDS = ("plan", "agreement")


# What a snapshot holds that a version made before it was added lacks, with what that older
# version meant by its absence: a draft holding only these still is that version.
_ADDED_PARTS = {"lead_partner": lambda v: v is None, "chosen": lambda v: not any((v or {}).values()),
                "people": lambda v: True}  # "people" is what "chosen" resolves to, with defaults


def _foreign(written: str, language: str, fields: list[tuple[object, str]]) -> dict[str, str]:
    """The texts among `fields` that print as written, in `written`, because they are not given
    in `language`: text -> its language, so the document tags them with it (/Lang)."""
    if written == language:
        return {}
    return {getattr(r, name): written for r, name in fields if not translated(r, name, language) and getattr(r, name)}


def _printable(snapshot: object) -> bool:
    """Does a stored snapshot hold what the agreement prints from (exchange/schema's snapshot)?"""
    from verkstad.services.exchange.validation import snapshot_problem

    return snapshot_problem(snapshot) is None


def _comparable(snapshot: dict, frozen: dict) -> dict:
    """A snapshot as far as a new version is concerned. Not a change: the text of a template
    clause (a translation update), an activity's progress (status: the follow-up of an approved
    plan), a person's title, e-mail or phone, the request of a sent version, and the parts a
    version older than them lacks while they hold their defaults."""
    out = dict(snapshot)
    out["clauses"] = [{**c, "text": c["text"] if c.get("custom") else None} for c in snapshot.get("clauses", [])]
    out["activities"] = [{k: v for k, v in a.items() if k != "status"} for a in snapshot.get("activities", [])]
    out["contacts"] = [(c.get("name"), c.get("organisation"), c.get("side")) for c in snapshot.get("contacts", [])]
    out["people"] = {k: (v or {}).get("name") for k, v in (snapshot.get("people") or {}).items()}
    out.pop("request", None)
    old = frozen.get("organisation") or {}
    if isinstance(out.get("organisation"), dict):
        out["organisation"] = {k: v for k, v in out["organisation"].items() if k in old
                               or (k == "register_number" and v) or (k == "country" and "register_number" in old)}
    if "chosen" not in frozen and _ADDED_PARTS["chosen"](snapshot.get("chosen")):
        out.pop("chosen", None)
        out.pop("people", None)
    for key, default in _ADDED_PARTS.items():
        if key not in frozen and key in out and default(out[key]):
            out.pop(key)
    return out


def _same(frozen: dict, current: dict) -> bool:
    """Whether nothing that makes a new version differs between a version and the draft."""
    return _comparable(frozen, frozen) == _comparable(current, frozen)


def _same_plan(frozen: dict, current: dict) -> bool:
    """Whether the activity plan is still the version's (its progress aside)."""
    return _comparable(frozen, frozen)["activities"] == _comparable(current, frozen)["activities"]


class Documents:
    """Render documents to PDF bytes; look up what a command line names."""

    def __init__(self, records: Records, activities: Activities, agreements: Agreements) -> None:
        self.records = records
        self.activities = activities
        self.agreements = agreements

    # -- finding what the user named ---------------------------------------------------

    def find_organisation(self, text: str) -> Organisation:
        """A participating organisation by id, name or short name (case does not matter)."""
        wanted = text.strip().casefold()
        orgs = self.records.list(Organisation)
        found = [o for o in orgs if o.id == text.strip()]
        found = found or [o for o in orgs if wanted in (o.name.casefold(), o.short_name.casefold())]
        found = found or [o for o in orgs if len(wanted) >= 8 and o.id.startswith(wanted)]
        if not found:
            raise DocumentError(_("No organisation is called “{name}”.").format(name=text))
        if len(found) > 1:
            raise DocumentError(_("“{name}” matches {count} organisations; give the id instead.").format(
                name=text, count=len(found)))
        return found[0]

    def find_story(self, text: str) -> CaseStory:
        """A case story by id (or the start of its id) or by title (case does not matter)."""
        wanted = text.strip()
        stories = self.records.list(CaseStory)
        found = [c for c in stories if c.id == wanted]
        found = found or [c for c in stories if len(wanted) >= 8 and c.id.startswith(wanted.casefold())]
        found = found or [c for c in stories if c.title.casefold() == wanted.casefold()]
        if not found:
            raise DocumentError(_("No case story has the id or title “{id}”.").format(id=text))
        if len(found) > 1:
            raise DocumentError(_("{count} case stories match; name one by its id.").format(count=len(found)))
        return found[0]

    def find_meeting(self, text: str | None = None, organisation_id: str | None = None) -> Meeting:
        """A meeting by id (or the start of its id), or by title; or the organisation's only meeting."""
        meetings = self.records.list(Meeting)
        if text:
            wanted = text.strip()
            found = [m for m in meetings if m.id == wanted]
            found = found or [m for m in meetings if len(wanted) >= 8 and m.id.startswith(wanted.casefold())]
            found = found or [m for m in meetings if m.title.casefold() == wanted.casefold()]
            if not found:
                raise DocumentError(_("No meeting has the id or title “{id}”.").format(id=text))
        else:
            found = [m for m in meetings if m.organisation_id == organisation_id]
            if not found:
                raise DocumentError(_("The organisation has no meeting; name one with --meeting."))
        if len(found) > 1:
            raise DocumentError(_("{count} meetings match; name one by its id with --meeting.").format(
                count=len(found)))
        return found[0]

    # -- what a document is called -------------------------------------------------------

    def title(self, kind: str, *, organisation_id: str | None = None, meeting_id: str | None = None,
              programme_id: str | None = None, story_id: str | None = None) -> str:
        """The window title of a preview, in the interface language."""
        name = ""
        if story_id:
            name = self.records.get(CaseStory, story_id).title
        elif programme_id:
            name = self.records.get(Programme, programme_id).name
        elif organisation_id:
            name = self.records.get(Organisation, organisation_id).name
        elif meeting_id:
            name = self.records.get(Meeting, meeting_id).title
        return f"{_(KIND_TITLES[kind])}: {name}" if name else _(KIND_TITLES[kind])

    def filename(self, kind: str, *, organisation_id: str | None = None, meeting_id: str | None = None,
                 version: int | None = None, suffix: str = ".pdf", programme_id: str | None = None,
                 story_id: str | None = None) -> str:
        """A file name to suggest when saving or printing to a file, e.g. "Activity plan - Nordhavn
        Kommune.pdf": the title without what file systems refuse (verkstad.filenames)."""
        name = self.title(kind, organisation_id=organisation_id, meeting_id=meeting_id, programme_id=programme_id,
                          story_id=story_id)
        if version:
            name += f" v{version}"
        return safe_file_name(name, suffix, fallback=kind)

    # -- rendering -----------------------------------------------------------------------------

    def render(self, kind: str, *, organisation_id: str | None = None, meeting_id: str | None = None,
               language: str | None = None, version: int | None = None,
               today: dt.date | None = None, programme_id: str | None = None, story_id: str | None = None) -> bytes:
        """The document as PDF bytes. Raises DocumentError with a plain message when it cannot
        be made (no such organisation, no agreement yet, no such version)."""
        return self.prepare(kind, organisation_id=organisation_id, meeting_id=meeting_id, language=language,
                            version=version, today=today, programme_id=programme_id, story_id=story_id)()

    def prepare(self, kind: str, *, organisation_id: str | None = None, meeting_id: str | None = None,
                language: str | None = None, version: int | None = None,
                today: dt.date | None = None, programme_id: str | None = None,
                story_id: str | None = None) -> Callable[[], bytes]:
        """Read what the document needs now (raising DocumentError as `render` does); return
        its rendering, which reads no database and may run off the GUI thread (ui/worker.py)."""
        if kind not in KINDS:
            raise DocumentError(_("Unknown document “{kind}”; choose one of {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)))
        if language is not None and language not in LANGUAGES:
            raise DocumentError(_("Unknown language “{lang}”.").format(lang=language))
        try:
            if kind == "case-story":
                if not story_id:
                    raise DocumentError(_("Name the case story."))
                return self._case_story(story_id, language)
            if kind == "progress":
                if not (organisation_id or programme_id):
                    raise DocumentError(_("Name the organisation or the programme the report is for."))
                return self._progress(organisation_id, programme_id, language, today)
            if kind in ORGANISATION_KINDS:
                if not organisation_id:
                    raise DocumentError(_("Name the organisation the document is for."))
                if kind == "plan":
                    return self._plan(organisation_id, language, today)
                return self._agreement(organisation_id, language, version)
            if not meeting_id:
                raise DocumentError(_("Name the meeting the document is for."))
            if kind.startswith("evaluation"):
                return self._evaluation(kind, meeting_id, language)
            return self._meeting(kind, meeting_id, language)
        except NotFound as exc:
            raise DocumentError(_("Not found: {what}.").format(what=exc)) from exc

    def _organisation(self, organisation_id: str) -> tuple[Organisation, Programme]:
        org = self.records.get(Organisation, organisation_id)
        programme = self.records.get(Programme, org.programme_id, include_deleted=True)
        return org, programme

    def _plan(self, organisation_id: str, language: str | None, today: dt.date | None) -> Callable[[], bytes]:
        from verkstad.documents import plan

        data = self.plan_input(organisation_id, today, language)
        return partial(plan.render, data, language or data.organisation.language)

    def _case_story(self, story_id: str, language: str | None) -> Callable[[], bytes]:
        """A case story in its organisation's language (the programme's when it has none)."""
        from verkstad.documents import case_story

        story = self.records.get(CaseStory, story_id)
        programme = self.records.get(Programme, story.programme_id, include_deleted=True)
        org = self.records.get(Organisation, story.organisation_id, include_deleted=True) \
            if story.organisation_id else None
        language = language or (org.language if org is not None else programme.language)
        activity = self.records.get(Activity, story.activity_id, include_deleted=True) if story.activity_id else None
        data = case_story.StoryInput(programme=localised(programme, language), story=story, organisation=org,
                                     activity=activity,
                                     foreign=_foreign(programme.language, language, [(programme, "name")]))
        return partial(case_story.render, data, language)

    def _progress(self, organisation_id: str | None, programme_id: str | None, language: str | None,
                  today: dt.date | None) -> Callable[[], bytes]:
        from verkstad.documents import progress

        data = self.progress_input(organisation_id, programme_id, today, language)
        written = data.organisation.language if data.organisation is not None else data.programme.language
        return partial(progress.render, data, language or written)

    def progress_input(self, organisation_id: str | None, programme_id: str | None = None,
                       today: dt.date | None = None, language: str | None = None):
        """What the progress report prints: one organisation's activities, or every participating
        organisation's (the programme report), each with where it stands and its updates, in
        `language` (the organisation's, or the programme's, by default)."""
        from verkstad.documents import progress
        from verkstad.domain.model import ProgressUpdate
        from verkstad.domain.progress import follow_up

        if organisation_id:
            org, programme = self._organisation(organisation_id)
            orgs = [org]
        else:
            assert programme_id is not None
            programme = self.records.get(Programme, programme_id)
            org = None
            orgs = [o for o in self.records.list(Organisation, programme_id=programme.id)
                    if o.kind == OrgKind.PARTICIPANT]
        language = language or (org.language if org is not None else programme.language)
        tr = translator(language)
        today = today or dt.date.today()
        agreed = self.activities.agreed_ids(programme.id)
        rows = []
        updates: dict[str, list] = {}  # by activity, read at once (as rows: the report only reads them)
        scope = (Activity, "organisation_id", org.id) if org is not None else (Activity, "programme_id", programme.id)
        for update in self.records.rows(ProgressUpdate, "activity_id", within=scope):
            updates.setdefault(update.activity_id, []).append(update)
        for o in orgs:
            rows += [progress.ProgressRow(o.name, a, follow_up(a, updates.get(a.id, []), today, agreed=a.id in agreed,
                                                                tr=tr))
                     for a in self.activities.list(o.id)]
        return progress.ProgressInput(
            programme=localised(programme, language), organisation=org, rows=rows, today=today,
            people={p.id: p.name for p in self.records.list(Person, programme_id=programme.id)},
            foreign=_foreign(programme.language, language, [(programme, "name")]))

    def plan_input(self, organisation_id: str, today: dt.date | None = None, language: str | None = None):
        """What the activity plan prints (PDF or Word), its programme's texts in `language` (by
        default the organisation's) where the programme gives them."""
        from verkstad.documents import plan

        org, programme = self._organisation(organisation_id)
        language = language or org.language
        today = today or dt.date.today()
        activities = self.activities.list(organisation_id)
        themes = self.records.list(Theme, programme_id=programme.id)
        data = plan.PlanInput(
            programme=localised(programme, language), organisation=org, activities=activities, today=today,
            themes={t.id: text_in(t, "name", language) for t in themes},
            foreign=_foreign(programme.language, language, [(programme, "name"), *((t, "name") for t in themes)]),
            people={p.id: p.name for p in self.records.list(Person, programme_id=programme.id)},
            sources={r.activity.id: [e.text for e in r.sources]
                     for r in self.activities.plan(organisation_id, today).rows if r.sources},
        )
        agreement = self.agreements.find(organisation_id)
        approved = self.agreements.approved(agreement.id) if agreement else None
        if approved is not None:
            data.approved = (approved.number, approved.approved_on, approved.approved_by)
        if agreement is not None and org.kind != OrgKind.PARTNER:  # the same version, state and date
            versions = self.agreements.versions(agreement.id)
            if versions and _same_plan(versions[-1].snapshot, self.agreements.snapshot(agreement.id)):
                data.agreement = self.agreement_input(organisation_id, version=versions[-1].number)
            else:  # the activities changed since: the plan is the next version's draft
                data.agreement = self.agreement_input(organisation_id)
        return data

    def agreement_input(self, organisation_id: str, language: str | None = None,
                        version: int | None = None):
        """What the agreement document prints: version `version`, or the current draft."""
        from verkstad.documents.agreement import AgreementInput, ClauseText

        org, programme = self._organisation(organisation_id)
        if org.kind == OrgKind.PARTNER:
            raise DocumentError(_("“{name}” is a partner of the advisory team and has no agreement.")
                                .format(name=org.name))
        agreement = self.agreements.find(organisation_id)
        if agreement is None:
            raise DocumentError(_("“{name}” has no agreement yet; open its agreement to create one.")
                                .format(name=org.name))
        versions = self.agreements.versions(agreement.id)
        frozen: AgreementVersion | None = None
        if version is None and versions and _same(versions[-1].snapshot, self.agreements.snapshot(agreement.id)):
            version = versions[-1].number  # nothing changed since the newest version: print that
        if version is not None:
            frozen = next((v for v in versions if v.number == version), None)
            if frozen is None:
                raise DocumentError(_("The agreement with “{name}” has no version {number}.").format(
                    name=org.name, number=version))
            snap = frozen.snapshot
            if not _printable(snap):  # stored before import checked snapshots, from another tool's file
                raise DocumentError(_("Version {number} of the agreement with “{name}” was stored incomplete (it came "
                                      "from a file another program wrote), so it cannot be printed.").format(
                    number=version, name=org.name))
        else:
            snap = self.agreements.snapshot(agreement.id)
        language = language or org.language
        tr = translator(language)
        # Clauses kept from the template are printed in the document's language; edited ones as typed.
        names = {"organisation": snap["organisation"]["name"], "programme": snap["programme"],
                 "partners": tr.list(snap["partners"]) or tr.gettext("the advisory team")}
        templates = {c.key: c for c in CLAUSES}
        clauses = []
        for c in snap["clauses"]:
            template = templates.get(c["key"])
            title = tr.gettext(template.title) if template else c["key"]
            text = c["text"]
            if template is not None and not c.get("custom") and language != snap.get("language"):
                text = fill(tr.gettext(template.text), names)
            clauses.append(ClauseText(c["key"], title, text))
        if frozen is not None:
            status, number, date = frozen.status, frozen.number, frozen.sent_on or frozen.created_at.date()
            stamp = max(frozen.updated_at, frozen.created_at)
        else:
            status, number = VersionStatus.DRAFT, (versions[-1].number + 1) if versions else 1
            changed = [agreement.updated_at, org.updated_at,
                       *(a.updated_at for a in self.activities.list(organisation_id))]
            stamp = max(changed)
            date = stamp.date()
        return AgreementInput(
            programme=snap["programme"], organisation=snap["organisation"]["name"],
            address=snap["organisation"].get("address", ""), partners=list(snap["partners"]),
            clauses=clauses, activities=list(snap["activities"]), phases=list(snap["phases"]),
            contacts=list(snap["contacts"]), number=number, status=status, date=date, stamp=stamp,
            approved_on=frozen.approved_on if frozen else None,
            approved_by=frozen.approved_by if frozen else "",
            comments_on=frozen.comments_on if frozen else None,
            register_number=snap["organisation"].get("register_number", ""),
            country=snap["organisation"].get("country"),
            lead_partner=snap.get("lead_partner"), people=dict(snap.get("people") or {}),
            comments_by=frozen.comments_by if frozen else None,
            reply_to=(snap.get("request") or {}).get("reply_to"),  # frozen when the version was sent
            logo=programme.logo,
        )

    def _agreement(self, organisation_id: str, language: str | None,
                   version: int | None) -> Callable[[], bytes]:
        from verkstad.documents import agreement

        org, _programme = self._organisation(organisation_id)
        data = self.agreement_input(organisation_id, language, version)
        return partial(agreement.render, data, language or org.language)

    def meeting_input(self, meeting_id: str, language: str | None = None):
        """What a meeting's documents print, the programme's texts in `language` (by default the
        meeting's) where the programme gives them."""
        from verkstad.documents.meeting import MeetingInput

        meeting = self.records.get(Meeting, meeting_id)
        programme = self.records.get(Programme, meeting.programme_id, include_deleted=True)
        organisations = {o.id: o for o in self.records.list(Organisation, programme_id=programme.id)}
        language = language or self.meeting_language(meeting_id)
        try:
            phase = self.records.get(Phase, meeting.phase_id, include_deleted=True)
        except NotFound:
            phase = None
        agenda = self.records.list(AgendaItem, meeting_id=meeting_id)
        written = organisations[meeting.organisation_id].language if meeting.organisation_id in organisations \
            else programme.language  # an organisation's meeting is written in its language
        following = self._next_meeting(meeting)
        return MeetingInput(
            programme=localised(programme, language), meeting=localised(meeting, language),
            phase=localised(phase, language) if phase is not None else None,
            foreign={**_foreign(programme.language, language,
                                [(programme, "name"), *([(phase, "title")] if phase is not None else [])]),
                     **_foreign(written, language, [(meeting, "title"), *((a, "title") for a in agenda)])},
            organisation=organisations.get(meeting.organisation_id or ""),
            agenda=[localised(a, language) for a in agenda],
            checklist=self.records.list(ChecklistItem, meeting_id=meeting_id),
            attendance=self.records.list(Attendance, meeting_id=meeting_id),
            people={p.id: p for p in self.records.list(Person, programme_id=programme.id)},
            organisations=organisations,
            entries=self.records.list(Entry, meeting_id=meeting_id),
            next_meeting=localised(following, language) if following is not None else None,
        )

    def _next_meeting(self, meeting: Meeting) -> Meeting | None:
        """The first meeting after this one of the same organisation (or, for a shared meeting,
        the next shared one), by date: what the minutes announce."""
        if meeting.date is None:
            return None
        later = [m for m in self.records.list(Meeting, programme_id=meeting.programme_id)
                 if m.id != meeting.id and m.organisation_id == meeting.organisation_id
                 and m.date is not None and m.date > meeting.date]
        return min(later, key=lambda m: (m.date, m.start_time or dt.time()), default=None)

    def meeting_language(self, meeting_id: str) -> str:
        meeting = self.records.get(Meeting, meeting_id)
        if meeting.organisation_id:
            return self.records.get(Organisation, meeting.organisation_id, include_deleted=True).language
        return self.records.get(Programme, meeting.programme_id, include_deleted=True).language

    def _meeting(self, kind: str, meeting_id: str, language: str | None) -> Callable[[], bytes]:
        from verkstad.documents import agenda, minutes, room_kit

        language = language or self.meeting_language(meeting_id)
        data = self.meeting_input(meeting_id, language)
        render = {"minutes": minutes.render, "agenda": agenda.render, "checklist": agenda.render_checklist,
                  "sign-in": room_kit.render_sign_in, "dot-voting": room_kit.render_dot_voting,
                  "poster": room_kit.render_poster}[kind]
        return partial(render, data, language)

    def _evaluation(self, kind: str, meeting_id: str, language: str | None) -> Callable[[], bytes]:
        """The evaluation sheets (each in its organisation's language unless `language` is given)
        or the report of the results (in the workshop's language)."""
        from verkstad.documents import evaluation
        from verkstad.domain.model import EvaluationSheet
        from verkstad.services.evaluation import Evaluations

        evaluations = Evaluations(self.records)
        meeting = self.records.get(Meeting, meeting_id)
        programme = self.records.get(Programme, meeting.programme_id, include_deleted=True)
        written = language or self.meeting_language(meeting_id)
        if kind == "evaluation":
            results = evaluations.results(meeting_id, written)
            results.programme = localised(programme, written)
            results.meeting = localised(meeting, written)
            sheets = self.records.list(EvaluationSheet, meeting_id=meeting_id)
            stamp = max([meeting.updated_at, *(s.updated_at for s in sheets)])
            return partial(evaluation.render_results, results, written, stamp)
        codes = evaluations.codes(meeting_id)
        out = []
        for org in evaluations.organisations(meeting_id):
            lang = language or org.language
            asked = evaluations.sheet_questions(meeting_id, org.id, lang)
            out.append(evaluation.Sheet(org, codes[org.id], lang, asked))
        if not out:
            raise DocumentError(_("No organisation takes part in this workshop, so it has no sheets to print."))
        languages = {sheet.language for sheet in out} | {written}
        data = evaluation.SheetsInput(
            programme=localised(programme, written), meeting=localised(meeting, written), sheets=out,
            titles={lang: text_in(programme, "name", lang) for lang in languages},
            meeting_titles={lang: text_in(meeting, "title", lang) for lang in languages})
        return partial(evaluation.render_sheets, data, written)
