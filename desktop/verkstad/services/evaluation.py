"""The evaluation at the closing workshop: a questionnaire made from a translated template and
edited per workshop, with a question on each activity of each organisation's plan; sheets
filled in by the participants (typed in from paper or live); and the results per question and
per organisation."""

from __future__ import annotations

import builtins
from typing import Any

from verkstad.domain.evaluation import (
    TEMPLATE,
    EvaluationError,
    Results,
    SheetQuestion,
    answer,
    mean,
    options_of,
    question_text,
    result,
    sheet_codes,
)
from verkstad.domain.model import (
    Activity,
    EvaluationQuestion,
    EvaluationSheet,
    Meeting,
    Organisation,
    OrgKind,
    Programme,
    QuestionKind,
)
from verkstad.domain.translatable import all_languages, text_in
from verkstad.i18n import _, ngettext, translator
from verkstad.services.records import Change, NotFound, Records

QUESTION_FIELDS = ("kind", "text", "options", "translations")


class Evaluations:
    """Use cases of a workshop's evaluation."""

    def __init__(self, records: Records) -> None:
        self.records = records

    # -- who is asked, and with which sheet -------------------------------------------------

    def organisations(self, meeting_id: str) -> builtins.list[Organisation]:
        """The organisations that fill in a sheet: the meeting's own, or for a shared workshop
        every participating organisation of the programme."""
        meeting = self.records.get(Meeting, meeting_id)
        if meeting.organisation_id:
            return [self.records.get(Organisation, meeting.organisation_id)]
        return [o for o in self.records.list(Organisation, programme_id=meeting.programme_id)
                if o.kind == OrgKind.PARTICIPANT]

    def codes(self, meeting_id: str) -> dict[str, str]:
        """Organisation id -> the code printed on its sheets ("7F3A"): the start of its id, as long
        as it takes to tell the workshop's organisations apart; the same every time it is printed."""
        ids = [o.id for o in self.organisations(meeting_id)]
        return sheet_codes(ids)

    def organisation_of_code(self, meeting_id: str, code: str) -> str | None:
        wanted = code.strip().replace("-", "").upper()
        return next((org for org, c in self.codes(meeting_id).items() if c == wanted), None)

    # -- the questionnaire ------------------------------------------------------------------

    def questions(self, meeting_id: str) -> builtins.list[EvaluationQuestion]:
        return self.records.list(EvaluationQuestion, meeting_id=meeting_id)

    def activities(self, meeting_id: str) -> dict[str, Activity]:
        """The activities the workshop's questions ask about, by id (deleted ones too: a sheet
        answered before stays readable)."""
        ids = {q.activity_id for q in self.questions(meeting_id) if q.activity_id}
        return {a.id: a for a in self.records.list_in(Activity, "id", ids, include_deleted=True)}

    def start(self, meeting_id: str) -> builtins.list[Change]:
        """The template's questions (when the workshop has none yet), in the language of the
        programme with the other four as translations, and a question on each activity of each
        organisation's plan that has none. One undo step."""
        meeting = self.records.get(Meeting, meeting_id)
        programme = self.records.get(Programme, meeting.programme_id)
        changes: builtins.list[Change] = []
        if not self.questions(meeting_id):
            tr = translator(programme.language)
            for kind, text, options in TEMPLATE:
                translations = {"text": all_languages(lambda lang, m=text: translator(lang).gettext(m),
                                                      programme.language)}
                if options:
                    translations["options"] = all_languages(lambda lang, m=options: translator(lang).gettext(m),
                                                            programme.language)
                changes.append(self.records.add(EvaluationQuestion(
                    meeting_id=meeting_id, kind=kind, text=tr.gettext(text),
                    options=tr.gettext(options) if options else "", translations=translations)))
        return changes + self.add_activity_questions(meeting_id)

    def add_activity_questions(self, meeting_id: str) -> builtins.list[Change]:
        """A question (scale, the template's words) on each activity of the organisations' plans
        that has none yet; a second run adds only those of activities planned since."""
        asked = {q.activity_id for q in self.records.list(EvaluationQuestion, include_deleted=True,
                                                          meeting_id=meeting_id) if q.activity_id}
        changes = []
        for org in self.organisations(meeting_id):
            for activity in sorted(self.records.list(Activity, organisation_id=org.id), key=lambda a: a.position):
                if activity.id not in asked:
                    changes.append(self.records.add(EvaluationQuestion(
                        meeting_id=meeting_id, kind=QuestionKind.SCALE, activity_id=activity.id)))
        return changes

    def add_question(self, meeting_id: str, kind: str, text: str, options: str = "") -> Change:
        values = self._question_values(None, {"kind": kind, "text": text, "options": options})
        return self.records.add(EvaluationQuestion(meeting_id=meeting_id, **values))

    def update_question(self, question_id: str, **values: Any) -> Change:
        question = self.records.get(EvaluationQuestion, question_id)
        return self.records.update(EvaluationQuestion, question_id, **self._question_values(question, values))

    def delete_question(self, question_id: str) -> Change:
        return self.records.delete(EvaluationQuestion, question_id)

    def move_question(self, question_id: str, position: int) -> Change:
        return self.records.move(EvaluationQuestion, question_id, position)

    def _question_values(self, question: EvaluationQuestion | None, values: dict) -> dict:
        from verkstad.domain import translatable

        for name in values:
            if name not in QUESTION_FIELDS:
                raise EvaluationError(_("A question has no field “{name}”.").format(name=name))
        out = dict(values)
        kind = out.get("kind", question.kind if question else QuestionKind.SCALE)
        if kind not in set(QuestionKind):
            raise EvaluationError(_("Unknown kind of question “{value}”.").format(value=kind))
        if "text" in out:
            out["text"] = str(out["text"] or "").strip()
            if not out["text"] and (question is None or question.activity_id is None):
                raise EvaluationError(_("A question needs a text."))
        if "options" in out:
            out["options"] = "\n".join(options_of(str(out["options"] or "")))
        options = options_of(out.get("options", question.options if question else ""))
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(options) < 2:
            raise EvaluationError(_("A choice question needs at least two options, one a line."))
        if "translations" in out:
            try:
                out["translations"] = translatable.cleaned(EvaluationQuestion, out["translations"])
            except ValueError as exc:
                raise EvaluationError(_("These translations cannot be stored.")) from exc
        if question is not None:
            given = [s.answers[question.id] for s in self.sheets(question.meeting_id) if question.id in s.answers]
            if given and kind != question.kind:
                raise EvaluationError(ngettext_answered(len(given)))
            if given and kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                highest = max(max(v) if isinstance(v, list) else v for v in given)
                if len(options) < highest:
                    raise EvaluationError(_("A sheet chose option {number}: keep at least {number} options "
                                            "(change their words, or add more).").format(number=highest))
        return out

    def sheet_questions(self, meeting_id: str, organisation_id: str | None,
                        language: str) -> builtins.list[SheetQuestion]:
        """The questions an organisation's sheet asks, in order and numbered from 1: the common
        ones and those of its own activities."""
        activities = self.activities(meeting_id)
        out: builtins.list[SheetQuestion] = []
        for q in self.questions(meeting_id):
            activity = activities.get(q.activity_id or "")
            if q.activity_id and (activity is None or activity.organisation_id != organisation_id
                                  or activity.deleted_at is not None):
                continue
            out.append(SheetQuestion(q, len(out) + 1, question_text(q, language, activity),
                                     options_of(text_in(q, "options", language))))
        return out

    # -- the sheets ------------------------------------------------------------------------

    def sheets(self, meeting_id: str) -> builtins.list[EvaluationSheet]:
        return sorted(self.records.list(EvaluationSheet, meeting_id=meeting_id), key=lambda s: s.created_at)

    def add_sheet(self, meeting_id: str, organisation_id: str | None, answers: dict[str, Any]) -> Change:
        checked = self.checked_answers(meeting_id, organisation_id, answers)
        return self.records.add(EvaluationSheet(meeting_id=meeting_id, organisation_id=organisation_id,
                                                answers=checked))

    def update_sheet(self, sheet_id: str, answers: dict[str, Any], organisation_id: str | None) -> Change:
        sheet = self.records.get(EvaluationSheet, sheet_id)
        checked = self.checked_answers(sheet.meeting_id, organisation_id, answers)
        return self.records.update(EvaluationSheet, sheet_id, answers=checked, organisation_id=organisation_id)

    def delete_sheet(self, sheet_id: str) -> Change:
        return self.records.delete(EvaluationSheet, sheet_id)

    def checked_answers(self, meeting_id: str, organisation_id: str | None, answers: dict[str, Any]) -> dict:
        """The answers as stored: only the questions this organisation's sheet asks, each answer
        of its question's kind; unanswered ones left out. Raises EvaluationError saying which
        question's answer cannot be."""
        if organisation_id is not None:
            try:
                org = self.records.get(Organisation, organisation_id)
            except NotFound as exc:
                raise EvaluationError(_("The organisation chosen no longer exists.")) from exc
            if org.id not in {o.id for o in self.organisations(meeting_id)}:
                raise EvaluationError(_("“{name}” does not fill in a sheet at this workshop.").format(name=org.name))
        asked = {sq.question.id: sq for sq in self.sheet_questions(meeting_id, organisation_id, "en")}
        out: dict[str, Any] = {}
        for question_id, value in answers.items():
            sq = asked.get(question_id)
            if sq is None:
                raise EvaluationError(_("The sheet answers a question it does not ask."))
            given = answer(sq, value)
            if given is not None:
                out[question_id] = given
        return {q: out[q] for q in asked if q in out}  # in the sheet's order

    # -- the results -----------------------------------------------------------------------

    def results(self, meeting_id: str, language: str | None = None) -> Results:
        meeting = self.records.get(Meeting, meeting_id)
        programme = self.records.get(Programme, meeting.programme_id, include_deleted=True)
        language = language or programme.language
        tr = translator(language)
        names = {o.id: o.name for o in self.records.list(Organisation, programme_id=programme.id,
                                                         include_deleted=True)}
        no_org = tr.gettext("No organisation")
        sheets = self.sheets(meeting_id)
        activities = self.activities(meeting_id)
        common, of_activities = [], []
        for q in self.questions(meeting_id):
            activity = activities.get(q.activity_id or "")
            found = result(q, question_text(q, language, activity), options_of(text_in(q, "options", language)),
                           sheets, lambda org: names.get(org or "", no_org), tr)
            if activity is not None:
                found.organisation = names.get(activity.organisation_id, "")
                of_activities.append(found)
            else:
                common.append(found)
        of_activities.sort(key=lambda r: r.organisation.casefold())
        given: dict[str, int] = {}
        points: dict[str, list[int]] = {}
        scales = {q.id for q in self.questions(meeting_id) if q.kind == QuestionKind.SCALE}
        for s in sheets:
            name = names.get(s.organisation_id or "", no_org)
            given[name] = given.get(name, 0) + 1
            points.setdefault(name, []).extend(v for k, v in s.answers.items() if k in scales and isinstance(v, int))
        benefit = [(name, m, len(points[name])) for name in sorted(points, key=str.casefold)
                   if (m := mean(points[name])) is not None]
        return Results(meeting=meeting, programme=programme, sheets=len(sheets),
                       organisations=sorted(given.items(), key=lambda kv: kv[0].casefold()),
                       questions=common, activities=of_activities, benefit=benefit)


def ngettext_answered(count: int) -> str:
    return ngettext("{count} sheet has answered this question: its kind cannot change.",
                    "{count} sheets have answered this question: its kind cannot change.", count).format(count=count)
