"""The evaluation as a facilitator uses it after the closing workshop: the view opens at the
closing workshop with its questionnaire, a paper sheet is typed in from the keyboard alone (the
code picks the organisation, one key a point, Enter for several choices and free text, Ctrl+Enter
saves), one undo takes the sheet back, and the results show the report's charts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import type_text
from verkstad.domain.model import EvaluationSheet, QuestionKind


def _open(window, qtbot=None):
    window.select_key(("evaluation", None))
    if qtbot is not None:  # offscreen, a view's first combo boxes take the activation from the window
        qtbot.wait(50)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window.views["evaluation"]


def test_the_view_opens_at_the_closing_workshop_with_its_questions_and_sheets(demo_window, services, qtbot):
    view = _open(demo_window)
    assert view.workshop_combo.currentText().startswith("Afsluttende workshop")
    questions = services.evaluations.questions(view.meeting_id)
    assert len(view.questions.model.items) == len(questions) > 7
    labels = [view.questions.model.data(view.questions.model.index(i, 0)) for i in range(len(questions))]
    assert any("NK's activity: " in str(label) for label in labels)  # the template's words: its activity says which
    view.tabs.setCurrentWidget(view.entry)
    assert view.entry.sheet_list.count() == len(services.evaluations.sheets(view.meeting_id)) == 7


def test_a_paper_sheet_is_typed_in_from_the_keyboard_and_undo_takes_it_back(demo_window, services, qtbot):
    view = _open(demo_window, qtbot)
    mid = view.meeting_id
    kk = services.documents.find_organisation("KK")
    before = len(services.evaluations.sheets(mid))
    view.tabs.setCurrentWidget(view.entry)
    entry = view.entry
    code = services.evaluations.codes(mid)[kk.id]
    entry.code_edit.setFocus()
    entry.code_edit.selectAll()
    qtbot.keyClicks(entry.code_edit, code.lower())
    assert entry.org_combo.currentData() == kk.id
    qtbot.keyClick(entry.code_edit, Qt.Key.Key_Return)
    asked = entry.questions
    assert asked == services.evaluations.sheet_questions(mid, kk.id, "en") or len(asked) > 7
    expected: dict[str, object] = {}
    for sq, field in zip(asked, entry.fields, strict=True):
        qtbot.waitUntil(lambda f=field: QApplication.focusWidget() is f, timeout=2000)
        if sq.kind == QuestionKind.SCALE:
            qtbot.keyClicks(field, "4")
            expected[sq.question.id] = 4
        elif sq.kind == QuestionKind.SINGLE:
            qtbot.keyClicks(field, "2")
            expected[sq.question.id] = 2
        elif sq.kind == QuestionKind.MULTIPLE:
            qtbot.keyClicks(field, "3 1")
            assert entry.meanings[entry.fields.index(field)].text() == f"{sq.options[0]}; {sq.options[2]}"
            qtbot.keyClick(field, Qt.Key.Key_Return)
            expected[sq.question.id] = [1, 3]
        elif sq is asked[-1] or sq.number % 2:
            type_text(qtbot, field, "Hyvä vertaistuki")
            qtbot.keyClick(field, Qt.Key.Key_Return)
            expected[sq.question.id] = "Hyvä vertaistuki"
        else:
            qtbot.keyClick(field, Qt.Key.Key_Return)  # left blank
        if sq is asked[-2]:
            break
    last = entry.fields[len(expected) if len(expected) < len(asked) else -1]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    sheets = services.evaluations.sheets(mid)
    assert len(sheets) == before + 1
    new = sheets[-1]
    assert new.organisation_id == kk.id and new.answers == expected
    assert demo_window.ops.history.stack.undoText() == f"evaluation sheet of {kk.name}"
    assert "Sheet saved" in demo_window.statusBar().currentMessage()
    assert all(not f.text() for f in entry.fields) and QApplication.focusWidget() is entry.code_edit
    assert entry.sheet_list.count() == before + 1
    del last
    demo_window.ops.undo()
    assert len(services.evaluations.sheets(mid)) == before
    qtbot.waitUntil(lambda: entry.sheet_list.count() == before, timeout=2000)


def test_an_answer_out_of_range_is_refused_in_the_banner_and_nothing_is_stored(demo_window, services, qtbot):
    view = _open(demo_window)
    mid = view.meeting_id
    view.tabs.setCurrentWidget(view.entry)
    entry = view.entry
    multiple = next(i for i, sq in enumerate(entry.questions) if sq.kind == QuestionKind.MULTIPLE)
    entry.fields[multiple].setText("9")
    before = len(services.evaluations.sheets(mid))
    entry.save()
    assert "options 1 to" in demo_window.ops.last_error
    assert len(services.evaluations.sheets(mid)) == before
    assert entry.fields[multiple].text() == "9"  # what was typed stays to be corrected


def test_a_sheet_chosen_from_the_list_is_corrected_in_place(demo_window, services, qtbot):
    view = _open(demo_window)
    mid = view.meeting_id
    view.tabs.setCurrentWidget(view.entry)
    entry = view.entry
    entry.sheet_list.setCurrentRow(0)
    first = services.evaluations.sheets(mid)[0]
    scale = next(i for i, sq in enumerate(entry.questions) if sq.kind == QuestionKind.SCALE)
    assert entry.fields[scale].text() == str(first.answers[entry.questions[scale].question.id])
    entry.fields[scale].setText("1")
    entry.save()
    got = services.records.get(EvaluationSheet, first.id)
    assert got.answers[entry.questions[scale].question.id] == 1
    assert len(services.evaluations.sheets(mid)) == 7


def test_the_results_show_the_reports_charts(demo_window, services, qtbot):
    view = _open(demo_window)
    view.tabs.setCurrentWidget(view.results)
    charts = view.results.findChildren(QSvgWidget)
    results = services.evaluations.results(view.meeting_id)
    drawn = [q for q in results.questions if q.question.kind != QuestionKind.TEXT]
    assert len(charts) == 1 + len(drawn)  # the benefit by organisation, then each question
    assert all(c.renderer().isValid() for c in charts)
    image = charts[0].grab().toImage()  # drawn on white, as on paper (an SVG's ground was shown black)
    assert image.pixelColor(image.width() - 3, 3).lightness() > 240
    assert "Benefit by organisation" in charts[0].accessibleName()
    assert "7 sheets from" in view.results.findChild(type(view.heading), "resultsSummary").text()


def test_the_template_and_new_activities_are_asked_from_the_questionnaire_tab(demo_window, services, qtbot):
    view = _open(demo_window)
    org = services.documents.find_organisation("RS")
    services.activities.add(org.id, "Nyt udbud af kontorartikler")
    view.start_button.click()
    assert demo_window.statusBar().currentMessage() == "1 question added."
    assert any(q.activity_id for q in services.evaluations.questions(view.meeting_id)[-1:])
    demo_window.ops.undo()
    view.start_button.click()
    demo_window.ops.undo()


def test_a_code_no_organisation_has_is_told_and_the_code_stays_to_be_corrected(demo_window, services, qtbot):
    view = _open(demo_window, qtbot)
    view.tabs.setCurrentWidget(view.entry)
    entry = view.entry
    entry.code_edit.setFocus()
    qtbot.keyClicks(entry.code_edit, "zz9")
    qtbot.keyClick(entry.code_edit, Qt.Key.Key_Return)
    assert "sheet code “zz9”" in demo_window.ops.last_error
    assert QApplication.focusWidget() is entry.code_edit and entry.code_edit.selectedText() == "zz9"
