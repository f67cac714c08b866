"""The demo's closing workshop evaluation (the questionnaire from the template, with a question on
each planned activity, and sheets from every participating organisation, invented answers), and
its follow-up details: a pilot project with its goal and result, good examples marked, and tasks
of the kick-off meetings serving activities, one of them done."""

from __future__ import annotations

from verkstad.domain.model import Activity, Entry, EntryKind, Meeting, Phase, PhaseKind, Programme, QuestionKind
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


def add_demo_marks(services: Services, programme: Programme) -> None:
    """Nordhavn's furniture activity a pilot project marked as a good example, with its goal and
    result; its kick-off meeting's first idea marked too; each organisation's first two tasks
    serving its first activity, the first of them done."""
    records = services.records
    activities = records.list(Activity, programme_id=programme.id)
    pilot = next((a for a in activities if a.title.startswith("Genbrug af møbler")), None)
    if pilot is not None:
        services.activities.update(pilot.id, kind="pilot", good_example=True,
                                   goal="Halvdelen af de møbler, kommunen skal bruge i 2027, genbruges.",
                                   result="40 % af møblerne i de to første skoler var genbrugte; 180.000 kr. sparet.")
    for meeting in records.list(Meeting, programme_id=programme.id):
        if not meeting.organisation_id:
            continue
        own = sorted((a for a in activities if a.organisation_id == meeting.organisation_id), key=lambda a: a.position)
        entries = sorted(records.list(Entry, meeting_id=meeting.id), key=lambda e: e.position)
        tasks = [e for e in entries if e.kind == EntryKind.TASK and e.activity_id is None][:2]
        for n, task in enumerate(tasks if own else []):
            services.tasks.link(task.id, own[0].id)
            if n == 0:
                services.tasks.set_done(task.id, True)
        idea = next((e for e in entries if e.kind == EntryKind.IDEA), None)
        if idea is not None and meeting.organisation_id == (pilot.organisation_id if pilot else None):
            services.capture.toggle_good_example(idea.id)
