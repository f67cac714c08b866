"""The evaluation at a closing workshop, as rules: the template's questionnaire, how a sheet asks
its questions (numbered, in its language), which answers a question takes, the code printed on
an organisation's sheets, and the results per question and per organisation. No storage here:
services/evaluation.py holds the use cases."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from verkstad.domain.model import SCALE, Activity, EvaluationQuestion, EvaluationSheet, Meeting, Programme, QuestionKind
from verkstad.domain.translatable import text_in
from verkstad.errors import VerkstadError
from verkstad.i18n import N_, Translator, _, translator

ACTIVITY_QUESTION = N_("How useful was the activity “{title}”?")

# The template's questionnaire: (kind, question, options one a line).
TEMPLATE: tuple[tuple[str, str, str], ...] = (
    (QuestionKind.SCALE, N_("How great a benefit did taking part in the programme bring your organisation?"), ""),
    (QuestionKind.SCALE, N_("How useful were the workshops and meetings?"), ""),
    (QuestionKind.SCALE, N_("How satisfied are you with the advisory team's support?"), ""),
    (QuestionKind.SINGLE, N_("Which part of the programme was most useful to you?"),
     N_("The kick-off workshop\nThe kick-off meeting at our organisation\nThe advisory activities\n"
        "The closing workshop")),
    (QuestionKind.MULTIPLE, N_("What will your organisation do next?"),
     N_("Use the criteria in new tenders\nTrain more colleagues\nFollow up the activities of our plan\n"
        "Join a network of buyers")),
    (QuestionKind.TEXT, N_("What was the most useful thing you learned?"), ""),
    (QuestionKind.TEXT, N_("What should we do differently next time?"), ""),
)

# The points in words, under every scale question (a benefit, a use, a satisfaction).
SCALE_TITLES = {1: N_("Not at all"), 2: N_("A little"), 3: N_("Somewhat"), 4: N_("Much"), 5: N_("Very much")}
MAX_TEXT = 4000  # characters of one free-text answer



class EvaluationError(VerkstadError, ValueError):
    """A question or a sheet that cannot be stored; the text says why."""


@dataclass
class SheetQuestion:
    """A question as one organisation's sheet asks it, numbered on that sheet, in its language."""

    question: EvaluationQuestion
    number: int
    text: str
    options: list[str]

    @property
    def kind(self) -> str:
        return self.question.kind


@dataclass
class QuestionResult:
    """What the sheets answered to one question."""

    question: EvaluationQuestion
    text: str
    options: list[str]  # a choice question's; a scale's points in words
    counts: list[int]  # per scale point or option
    answered: int
    organisation: str = ""  # an activity's question: its organisation's name
    mean: float | None = None  # a scale's
    texts: list[tuple[str, str]] = field(default_factory=list)  # free text: (organisation, text)
    by_organisation: list[tuple[str, float, int]] = field(default_factory=list)  # a scale's: name, mean, sheets


@dataclass
class Results:
    """The evaluation of a workshop, in one language."""

    meeting: Meeting
    programme: Programme
    sheets: int
    organisations: list[tuple[str, int]]  # every organisation with a sheet, and how many sheets it gave
    questions: list[QuestionResult]  # the common questions, in order
    activities: list[QuestionResult]  # the questions of activities, by organisation
    benefit: list[tuple[str, float, int]]  # per organisation: the mean of its scale answers, and how many


def options_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def question_text(question: EvaluationQuestion, language: str, activity: Activity | None) -> str:
    """The question in `language`: its own text (or translation), or for a question of an activity
    that keeps the template's words, the template with the activity's title."""
    own = text_in(question, "text", language)
    if own or activity is None:
        return own
    return translator(language).gettext(ACTIVITY_QUESTION).format(title=activity.title)


def mean(values: Iterable[float]) -> float | None:
    found = list(values)
    return statistics.fmean(found) if found else None


def sheet_codes(ids: list[str]) -> dict[str, str]:
    """Each id's shortest start (at least 4 of its hex digits, upper case) no other id shares."""
    plain = {i: i.replace("-", "").upper() for i in ids}
    length = 4
    while len({p[:length] for p in plain.values()}) < len(plain) and length < 32:
        length += 1
    return {i: p[:length] for i, p in plain.items()}


def answer(sq: SheetQuestion, value: Any) -> Any:
    """One answer as stored, or None when it is no answer; EvaluationError when it cannot be one."""
    kind = sq.kind
    if value is None or value == "" or value == []:
        return None
    if kind == QuestionKind.TEXT:
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            raise EvaluationError(_("The answer to question {number} is longer than {limit} characters.").format(
                number=sq.number, limit=MAX_TEXT))
        return text or None
    if kind == QuestionKind.SCALE:
        if not isinstance(value, int) or isinstance(value, bool) or value not in SCALE:
            raise EvaluationError(_("Question {number} is answered on a scale from 1 to 5.").format(number=sq.number))
        return value
    chosen = value if isinstance(value, list) else [value]
    if kind == QuestionKind.SINGLE and len(chosen) > 1:
        raise EvaluationError(_("Question {number} takes one choice.").format(number=sq.number))
    for v in chosen:
        if not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= len(sq.options):
            raise EvaluationError(_("Question {number} has options 1 to {count}.").format(
                number=sq.number, count=len(sq.options)))
    return chosen[0] if kind == QuestionKind.SINGLE else sorted(set(chosen))


def result(q: EvaluationQuestion, text: str, options: list[str], sheets: list[EvaluationSheet],
            name_of: Callable[[str | None], str], tr: Translator) -> QuestionResult:
    answered = [s for s in sheets if q.id in s.answers]
    if q.kind == QuestionKind.SCALE:
        values = [s.answers[q.id] for s in answered if isinstance(s.answers[q.id], int)]
        by_org: dict[str, list[int]] = {}
        for s in answered:
            if isinstance(s.answers[q.id], int):
                by_org.setdefault(name_of(s.organisation_id), []).append(s.answers[q.id])
        return QuestionResult(q, text, [tr.gettext(SCALE_TITLES[p]) for p in SCALE],
                              [values.count(p) for p in SCALE], len(values), mean=mean(values),
                              by_organisation=[(n, statistics.fmean(v), len(v))
                                               for n, v in sorted(by_org.items(), key=lambda kv: kv[0].casefold())])
    if q.kind == QuestionKind.TEXT:
        texts = [(name_of(s.organisation_id), str(s.answers[q.id])) for s in answered]
        return QuestionResult(q, text, [], [], len(texts), texts=texts)
    counts = [0] * len(options)
    for s in answered:
        value = s.answers[q.id]
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, int) and 1 <= v <= len(options):
                counts[v - 1] += 1
    return QuestionResult(q, text, options, counts, len(answered))
