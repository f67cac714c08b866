"""The demo's closing workshop evaluation: the questionnaire from the template, with a question on
each planned activity, and sheets from every participating organisation (invented answers)."""

from __future__ import annotations

from verkstad.domain.model import Meeting, Phase, PhaseKind, Programme, QuestionKind
from verkstad.services.hub import Services

# Per organisation (in the programme's order), its sheets: the scale points given, one per scale
# question in order (repeating), the option of the single choice, those of the multiple choice,
# and the free texts (by the sheet's language).
SHEETS = [
    [(5, 4, 5, 4), (4, 4, 5, 3), (5, 5, 4, 4)],
    [(3, 4, 4, 2), (4, 3, 3, 3)],
    [(4, 5, 5, 5), (5, 4, 4, 4)],
]
TEXTS = {
    "da": ("At krav om genbrug kan stilles uden at miste tilbudsgivere.", "Mere tid til de konkrete udbud."),
    "fi": ("Elinkaarikustannukset kannattaa laskea jo tarvekartoituksessa.", "Enemmän vertaistukea kuntien kesken."),
}


def add_demo_evaluation(services: Services, programme: Programme) -> Meeting | None:
    """Questions and answered sheets at the demo's closing workshop; None when it has none."""
    records, evaluations = services.records, services.evaluations
    phases = {p.id: p for p in records.list(Phase, programme_id=programme.id)}
    closing = next((m for m in records.list(Meeting, programme_id=programme.id)
                    if phases.get(m.phase_id) and phases[m.phase_id].kind == PhaseKind.CLOSING_WORKSHOP), None)
    if closing is None:
        return None
    evaluations.start(closing.id)
    for org, sheets in zip(evaluations.organisations(closing.id), SHEETS, strict=False):
        texts = TEXTS.get(org.language, TEXTS["da"])
        for n, points in enumerate(sheets):
            answers: dict[str, object] = {}
            scale = written = 0
            for sq in evaluations.sheet_questions(closing.id, org.id, org.language):
                if sq.kind == QuestionKind.SCALE:
                    answers[sq.question.id] = points[scale % len(points)]
                    scale += 1
                elif sq.kind == QuestionKind.SINGLE:
                    answers[sq.question.id] = 1 + (n + scale) % len(sq.options)
                elif sq.kind == QuestionKind.MULTIPLE:
                    answers[sq.question.id] = [1, 3] if n % 2 == 0 else [2, 3]
                elif n == 0:  # the first sheet of each writes its thoughts down
                    answers[sq.question.id] = texts[written % len(texts)]
                    written += 1
            evaluations.add_sheet(closing.id, org.id, answers)
    return closing
