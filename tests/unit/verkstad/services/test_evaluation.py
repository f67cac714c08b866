"""The closing workshop's evaluation: the questionnaire from the translated template with a
question on each activity (stable: a second run adds only new ones), each organisation's sheet
asking its own, answers checked by their question's kind, the results per question and per
organisation, and undo."""

from __future__ import annotations

import pytest

from verkstad.domain.evaluation import EvaluationError, sheet_codes
from verkstad.domain.model import Activity, EvaluationSheet, Meeting, Phase, PhaseKind, QuestionKind
from verkstad.i18n import LANGUAGES, translator
from verkstad.services.records import undo_change


def closing(services, programme) -> Meeting:
    phases = {p.id: p.kind for p in services.records.list(Phase, programme_id=programme.id)}
    return next(m for m in services.records.list(Meeting, programme_id=programme.id)
                if phases[m.phase_id] == PhaseKind.CLOSING_WORKSHOP)


@pytest.fixture
def workshop(services, demo):
    """A second shared workshop in the demo's closing phase, with no questionnaire yet."""
    phase = services.records.get(Phase, closing(services, demo).phase_id)
    return services.planning.add_meeting(phase.id, "Ekstra workshop", None).record


def test_a_deleted_question_of_an_activity_is_not_asked_again(services, workshop):
    services.evaluations.start(workshop.id)
    first = next(q for q in services.evaluations.questions(workshop.id) if q.activity_id)
    services.evaluations.delete_question(first.id)
    assert services.evaluations.start(workshop.id) == []


def test_the_demo_workshop_has_answers_from_every_participating_organisation(services, demo):
    meeting = closing(services, demo)
    answered = {s.organisation_id for s in services.evaluations.sheets(meeting.id)}
    assert answered == {o.id for o in services.evaluations.organisations(meeting.id)} and len(answered) == 3


def test_the_template_is_written_in_the_programmes_language_and_given_in_the_other_four(services, workshop):
    changes = services.evaluations.start(workshop.id)
    questions = services.evaluations.questions(workshop.id)
    assert len(changes) == len(questions)
    common = [q for q in questions if q.activity_id is None]
    assert [q.kind for q in common][:1] == [QuestionKind.SCALE]
    assert set(QuestionKind) == {q.kind for q in common}
    first = common[0]
    msgid = "How great a benefit did taking part in the programme bring your organisation?"
    assert first.text == translator("da").gettext(msgid)
    assert set(first.translations["text"]) == set(LANGUAGES) - {"da"}
    assert first.translations["text"]["fi"] == translator("fi").gettext(msgid) != msgid
    choice = next(q for q in common if q.kind == QuestionKind.SINGLE)
    assert len(choice.options.splitlines()) == 4 and len(choice.translations["options"]["sv"].splitlines()) == 4


def test_each_activity_gets_one_question_and_a_second_run_adds_only_new_activities(services, demo, workshop):
    services.evaluations.start(workshop.id)
    orgs = services.evaluations.organisations(workshop.id)
    planned = [a for o in orgs for a in services.records.list(Activity, organisation_id=o.id)]
    asked = [q.activity_id for q in services.evaluations.questions(workshop.id) if q.activity_id]
    assert sorted(asked) == sorted(a.id for a in planned) and planned
    ids = [q.id for q in services.evaluations.questions(workshop.id)]
    assert services.evaluations.start(workshop.id) == []
    new = services.activities.add(orgs[0].id, "Nyt møbeludbud").record
    added = services.evaluations.start(workshop.id)
    assert [c.record.activity_id for c in added] == [new.id]
    assert [q.id for q in services.evaluations.questions(workshop.id)][:len(ids)] == ids  # stable ids


def test_a_sheet_asks_the_common_questions_and_its_own_organisations_activities_numbered_in_its_language(
        services, workshop):
    services.evaluations.start(workshop.id)
    nk, _rs, kk = _by_short(services, workshop)
    sheet = services.evaluations.sheet_questions(workshop.id, kk.id, "fi")
    assert [sq.number for sq in sheet] == list(range(1, len(sheet) + 1))
    own = [sq for sq in sheet if sq.question.activity_id]
    titles = {a.id: a.title for a in services.records.list(Activity, organisation_id=kk.id)}
    assert {sq.question.activity_id for sq in own} == set(titles)
    tr = translator("fi")
    assert own[0].text == tr.gettext("How useful was the activity “{title}”?").format(
        title=titles[own[0].question.activity_id])
    assert not {sq.question.activity_id for sq in services.evaluations.sheet_questions(workshop.id, nk.id, "da")} \
        & set(titles)


def _by_short(services, meeting):
    orgs = {o.short_name: o for o in services.evaluations.organisations(meeting.id)}
    return orgs["NK"], orgs["RS"], orgs["KK"]


def _ask(services, meeting):
    ev = services.evaluations
    scale = ev.add_question(meeting.id, QuestionKind.SCALE, "Nytte?").record
    single = ev.add_question(meeting.id, QuestionKind.SINGLE, "Bedst?", "A\nB\n\nC").record
    multiple = ev.add_question(meeting.id, QuestionKind.MULTIPLE, "Næste?", "X\nY\nZ").record
    text = ev.add_question(meeting.id, QuestionKind.TEXT, "Ord?").record
    return scale, single, multiple, text


def test_answers_are_stored_as_their_questions_kind_takes_them(services, workshop):
    nk, _rs, _kk = _by_short(services, workshop)
    scale, single, multiple, text = _ask(services, workshop)
    assert single.options == "A\nB\nC"  # blank lines are no options
    hostile = "  R&D <b>x</b> 5 < 6 &amp; </para>  "
    sheet = services.evaluations.add_sheet(workshop.id, nk.id, {scale.id: 4, single.id: 2, multiple.id: [3, 1, 3],
                                                                 text.id: hostile}).record
    got = services.records.get(EvaluationSheet, sheet.id)
    assert got.answers == {scale.id: 4, single.id: 2, multiple.id: [1, 3], text.id: hostile.strip()}
    blank = services.evaluations.add_sheet(workshop.id, nk.id, {scale.id: None, text.id: "   ", multiple.id: []})
    assert services.records.get(EvaluationSheet, blank.id).answers == {}


@pytest.mark.parametrize(("which", "value", "message"), [
    (0, 6, "scale from 1 to 5"),
    (0, 0, "scale from 1 to 5"),
    (0, True, "scale from 1 to 5"),
    (0, "4", "scale from 1 to 5"),
    (1, 4, "options 1 to 3"),
    (1, [1, 2], "takes one choice"),
    (2, [1, 9], "options 1 to 3"),
    (3, "x" * 4001, "longer than"),
])
def test_an_answer_its_question_cannot_take_is_refused_and_nothing_is_stored(services, workshop, which, value,
                                                                              message):
    nk, _rs, _kk = _by_short(services, workshop)
    questions = _ask(services, workshop)
    with pytest.raises(EvaluationError, match=message):
        services.evaluations.add_sheet(workshop.id, nk.id, {questions[which].id: value})
    assert services.evaluations.sheets(workshop.id) == []


def test_a_sheet_cannot_answer_another_organisations_activity(services, workshop):
    services.evaluations.start(workshop.id)
    nk, _rs, kk = _by_short(services, workshop)
    theirs = next(q for q in services.evaluations.questions(workshop.id)
                  if q.activity_id and services.records.get(Activity, q.activity_id).organisation_id == kk.id)
    with pytest.raises(EvaluationError, match="does not ask"):
        services.evaluations.add_sheet(workshop.id, nk.id, {theirs.id: 5})


def test_an_answered_question_keeps_its_kind_and_enough_options_and_undo_takes_a_sheet_back(services, workshop):
    nk, _rs, _kk = _by_short(services, workshop)
    _scale, single, _multiple, _text = _ask(services, workshop)
    change = services.evaluations.add_sheet(workshop.id, nk.id, {single.id: 3})
    with pytest.raises(EvaluationError, match="cannot change"):
        services.evaluations.update_question(single.id, kind=QuestionKind.TEXT)
    with pytest.raises(EvaluationError, match="option 3"):
        services.evaluations.update_question(single.id, options="A\nB")
    services.evaluations.update_question(single.id, options="Ā\nB\nC\nD")  # words may change, options be added
    with pytest.raises(EvaluationError, match="needs a text"):
        services.evaluations.update_question(single.id, text="  ")
    undo_change(services.records, change)
    assert services.evaluations.sheets(workshop.id) == []
    services.evaluations.update_question(single.id, kind=QuestionKind.TEXT)


def test_the_results_count_each_point_and_option_and_average_per_question_and_organisation(services, workshop):
    nk, rs, _kk = _by_short(services, workshop)
    scale, single, multiple, text = _ask(services, workshop)
    ev = services.evaluations
    ev.add_sheet(workshop.id, nk.id, {scale.id: 5, single.id: 1, multiple.id: [1, 2], text.id: "Godt"})
    ev.add_sheet(workshop.id, nk.id, {scale.id: 4, single.id: 1, multiple.id: [2]})
    ev.add_sheet(workshop.id, rs.id, {scale.id: 2, single.id: 3})
    results = ev.results(workshop.id, "da")
    by_text = {r.text: r for r in results.questions}
    assert by_text["Nytte?"].counts == [0, 1, 0, 1, 1] and by_text["Nytte?"].mean == pytest.approx(11 / 3)
    assert by_text["Nytte?"].by_organisation == [(nk.name, 4.5, 2), (rs.name, 2.0, 1)]
    assert by_text["Bedst?"].counts == [2, 0, 1] and by_text["Næste?"].counts == [1, 2, 0]
    assert by_text["Ord?"].texts == [(nk.name, "Godt")]
    assert results.sheets == 3 and results.organisations == [(nk.name, 2), (rs.name, 1)]
    assert results.benefit == [(nk.name, 4.5, 2), (rs.name, 2.0, 1)]


def test_sheet_codes_are_the_shortest_start_of_an_id_that_tells_the_organisations_apart():
    ids = ["abcd1234-0000-4000-8000-000000000001", "abcd5678-0000-4000-8000-000000000002",
           "ffff0000-0000-4000-8000-000000000003"]
    assert sheet_codes(ids) == {ids[0]: "ABCD1", ids[1]: "ABCD5", ids[2]: "FFFF0"}
    assert sheet_codes(ids[2:]) == {ids[2]: "FFFF"}


def test_a_code_typed_from_a_sheet_finds_its_organisation(services, workshop):
    nk, _rs, _kk = _by_short(services, workshop)
    code = services.evaluations.codes(workshop.id)[nk.id]
    assert services.evaluations.organisation_of_code(workshop.id, f" {code.lower()} ") == nk.id
    assert services.evaluations.organisation_of_code(workshop.id, "ZZZZ") is None
