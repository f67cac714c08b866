"""The agreement view as a facilitator uses it: edit a clause (and undo it), send for comment,
record comments, approve, compare two versions, preview a version."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QUndoStack

from verkstad.domain.model import VersionStatus
from verkstad.ui.agreement import AgreementView, DiffDialog


@pytest.fixture
def view(qtbot, services, demo):
    org = services.documents.find_organisation("KK")  # a draft agreement, no versions yet
    stack = QUndoStack()
    v = AgreementView(services=services, organisation_id=org.id, undo_stack=stack)
    qtbot.addWidget(v)
    v.show()
    v.stack = stack
    yield v
    v.close()


def test_shows_the_clauses_and_no_versions(view):
    assert view.clause_list.count() == 9
    assert view.version_table.rowCount() == 0
    assert "Kuusijärven kaupunki" in view.editor.toPlainText()  # the parties clause, names filled in
    assert not view.approve_button.isEnabled() and not view.comments_button.isEnabled()


def test_editing_a_clause_stores_it_marks_it_and_undo_restores_the_template(view, services):
    text = "Viestintä: R&D <b>x</b> 5 < 6 – äö"
    view.set_clause_text("communication", text)
    clause = {c.key: c for c in services.agreements.clauses(view.agreement.id)}["communication"]
    assert clause.custom and clause.text == text
    assert view.clause_list.currentItem().text().endswith("✎")
    assert view.reset_button.isEnabled()
    view.stack.undo()
    clause = {c.key: c for c in services.agreements.clauses(view.agreement.id)}["communication"]
    assert not clause.custom
    assert view.editor.toPlainText() == clause.text


def test_send_comment_approve_then_compare(view, services):
    v1 = view.send_for_comment(dt.date(2027, 3, 1))
    assert v1.number == 1 and view.version_table.rowCount() == 1
    assert view.comments_button.isEnabled() and view.approve_button.isEnabled()
    assert view.record_comments(1, "Lisää tunteja, kiitos.", dt.date(2027, 3, 5))
    assert view.comments.toPlainText() == "Lisää tunteja, kiitos."
    activity = services.activities.list(view.organisation_id)[0]
    services.activities.update(activity.id, team_hours=activity.team_hours + 4)
    view.set_clause_text("evaluation", "Arviointi tehdään päätöstyöpajassa.")
    view.send_for_comment(dt.date(2027, 3, 8))
    assert view.version_table.item(0, 0).text() == "2"
    assert view.approve(2, "Aino Esimerkki", dt.date(2027, 3, 12))
    assert services.agreements.approved(view.agreement.id).number == 2
    assert "Aino Esimerkki" in view.status.text()
    assert not view.approve_button.isEnabled()  # approved: nothing more to do with it
    dialog = DiffDialog(view, old=1, new=2)
    html = dialog.browser.toPlainText()
    assert "Arviointi tehdään päätöstyöpajassa." in html
    assert activity.title in html
    dialog.close()
    view.stack.undo()  # undo the approval
    assert services.agreements.versions(view.agreement.id)[-1].status == VersionStatus.SENT


def test_approving_an_older_version_is_refused_with_a_message(view, services, monkeypatch):
    shown = []
    monkeypatch.setattr("verkstad.ui.agreement.QMessageBox.warning", lambda *a: shown.append(a[2]))
    view.send_for_comment()
    view.send_for_comment()
    assert not view.approve(1, "Aino")
    assert shown and "newest" in shown[0]


def test_preview_of_a_version(view, qtbot):
    view.send_for_comment()
    dialog = view.preview(1)
    assert dialog is not None and dialog.pages >= 2
    assert "1" in dialog.windowTitle()
    dialog.close()
