"""The agreement view as a facilitator uses it: edit a clause (and undo it), the dialogs of a
version's steps (send for comment, record comments, approve), each undone in one step, compare
two versions, preview a version."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from tests.gui.conftest import dispose
from verkstad.domain.model import AgreementVersion, VersionStatus
from verkstad.ui.agreement import AgreementView, DiffDialog, SendDialog, VersionStepDialog
from verkstad.ui.operations import ChangeBus, Operations


@pytest.fixture
def ops(qtbot, services):
    host = QWidget()
    qtbot.addWidget(host)
    return Operations(window=host, records=services.records, bus=ChangeBus())


@pytest.fixture
def view(qtbot, services, demo, ops):
    org = services.documents.find_organisation("KK")  # a draft agreement, no versions yet
    v = AgreementView(services=services, organisation_id=org.id, ops=ops)
    qtbot.addWidget(v)
    v.show()
    yield v
    dispose(v)


def versions(services, view) -> list[AgreementVersion]:
    return services.agreements.versions(view.agreement.id)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok(qtbot, dialog: VersionStepDialog) -> None:
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))


def opened(view) -> VersionStepDialog:
    """The dialog the last click opened: window-modal, open, reachable as `view.dialog`."""
    dialog = view.dialog
    assert isinstance(dialog, VersionStepDialog) and dialog.isVisible()
    assert QApplication.activeModalWidget() is dialog
    return dialog


def test_shows_the_clauses_and_no_versions(view):
    assert view.clause_list.count() == 9
    assert view.version_table.rowCount() == 0
    assert "Kuusijärven kaupunki" in view.editor.toPlainText()  # the parties clause, names filled in
    assert not view.approve_button.isEnabled() and not view.comments_button.isEnabled()


def test_editing_a_clause_stores_it_marks_it_and_undo_restores_the_template(view, services, ops):
    text = "Viestintä: R&D <b>x</b> 5 < 6 – äö"
    view.set_clause_text("communication", text)
    clause = {c.key: c for c in services.agreements.clauses(view.agreement.id)}["communication"]
    assert clause.custom and clause.text == text
    assert view.clause_list.currentItem().text().endswith("✎")
    assert view.reset_button.isEnabled()
    view.select_clause("parties")
    assert ops.undo()
    clause = {c.key: c for c in services.agreements.clauses(view.agreement.id)}["communication"]
    assert not clause.custom
    assert view.current_clause().key == "communication"  # undo selects the clause it changed
    assert view.editor.toPlainText() == clause.text
    assert ops.redo()
    assert view.editor.toPlainText() == text


def test_reset_to_template_puts_the_template_text_back(view, services, ops):
    view.set_clause_text("evaluation", "Oma teksti")
    view.reset_clause()
    clause = {c.key: c for c in services.agreements.clauses(view.agreement.id)}["evaluation"]
    assert not clause.custom and view.editor.toPlainText() == clause.template_text
    assert not view.reset_button.isEnabled()
    ops.undo()
    assert view.editor.toPlainText() == "Oma teksti"


def test_the_send_dialog_sends_a_version_on_the_date_given_and_one_undo_takes_it_back(view, services, ops, qtbot):
    click(qtbot, view.send_button)
    dialog = opened(view)
    assert "1" in dialog.note.text()
    dialog.date.setDate(dt.date(2027, 3, 1))
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    [v1] = versions(services, view)
    assert (v1.number, v1.status, v1.sent_on) == (1, VersionStatus.SENT, dt.date(2027, 3, 1))
    assert view.version_table.rowCount() == 1 and view.selected_number() == 1
    assert view.comments_button.isEnabled() and view.approve_button.isEnabled()
    assert ops.undo()
    assert versions(services, view) == []
    assert view.version_table.rowCount() == 0
    assert ops.last_status == "Undone: sending of version 1 for comment"


def test_cancelling_the_send_dialog_sends_nothing(view, services, ops, qtbot):
    click(qtbot, view.send_button)
    dialog = opened(view)
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert not dialog.isVisible()
    assert versions(services, view) == [] and not ops.history.stack.canUndo()


def test_the_comments_dialog_records_the_comments_and_one_undo_takes_them_back(view, services, ops, qtbot):
    view.send_for_comment(dt.date(2027, 3, 1))
    click(qtbot, view.comments_button)
    dialog = opened(view)
    assert dialog.windowTitle() == "Comments on version 1"
    dialog.date.setDate(dt.date(2027, 3, 5))
    dialog.text.setPlainText("Lisää tunteja, kiitos – äö.")
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    [v1] = versions(services, view)
    assert (v1.status, v1.comments, v1.comments_on) == (VersionStatus.COMMENTED, "Lisää tunteja, kiitos – äö.",
                                                        dt.date(2027, 3, 5))
    assert view.comments.toPlainText() == "Lisää tunteja, kiitos – äö."
    assert view.version_table.item(0, 1).text() == "Comments received"
    ops.undo()
    [v1] = versions(services, view)
    assert (v1.status, v1.comments, v1.comments_on) == (VersionStatus.SENT, "", None)
    assert view.comments.toPlainText() == ""
    assert len(versions(services, view)) == 1  # one undo, one step: the version itself stays


def test_the_approve_dialog_approves_the_newest_version_and_one_undo_takes_it_back(view, services, ops, qtbot):
    view.send_for_comment(dt.date(2027, 3, 1))
    click(qtbot, view.approve_button)
    dialog = opened(view)
    ok(qtbot, dialog)  # nobody named: refused by the service, the dialog stays open and says why
    assert dialog.isVisible() and dialog.refusal.isVisible() and dialog.refusal.text() == ops.last_error
    assert versions(services, view)[0].status == VersionStatus.SENT
    dialog.date.setDate(dt.date(2027, 3, 12))
    dialog.text.setText("Aino Esimerkki")
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    [v1] = versions(services, view)
    assert (v1.status, v1.approved_on, v1.approved_by) == (VersionStatus.APPROVED, dt.date(2027, 3, 12),
                                                           "Aino Esimerkki")
    assert "Aino Esimerkki" in view.status.text()
    assert not view.approve_button.isEnabled() and not view.comments_button.isEnabled()
    ops.undo()
    [v1] = versions(services, view)
    assert (v1.status, v1.approved_on, v1.approved_by) == (VersionStatus.SENT, None, "")
    assert view.approve_button.isEnabled() and "Aino Esimerkki" not in view.status.text()
    ops.redo()
    assert versions(services, view)[0].status == VersionStatus.APPROVED


def test_the_approve_dialog_is_wide_enough_for_its_title(view, qtbot):
    view.send_for_comment()
    click(qtbot, view.approve_button)
    dialog = opened(view)
    title = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
    assert dialog.minimumWidth() >= title + 150  # room for the window's own buttons too
    assert dialog.width() >= dialog.minimumWidth()
    dialog.reject()


def test_send_comment_approve_then_compare(view, services, ops):
    v1 = view.send_for_comment(dt.date(2027, 3, 1))
    assert v1.number == 1 and view.version_table.rowCount() == 1
    assert view.record_comments(1, "Lisää tunteja, kiitos.", dt.date(2027, 3, 5))
    activity = services.activities.list(view.organisation_id)[0]
    services.activities.update(activity.id, team_hours=activity.team_hours + 4)
    view.set_clause_text("evaluation", "Arviointi tehdään päätöstyöpajassa.")
    view.send_for_comment(dt.date(2027, 3, 8))
    assert view.version_table.item(0, 0).text() == "2"
    assert view.approve(2, "Aino Esimerkki", dt.date(2027, 3, 12))
    assert services.agreements.approved(view.agreement.id).number == 2
    dialog = DiffDialog(view, old=1, new=2)
    html = dialog.browser.toPlainText()
    assert "Arviointi tehdään päätöstyöpajassa." in html
    assert activity.title in html
    dialog.close()
    view.select_version(1)
    ops.undo()  # undo the approval
    assert versions(services, view)[-1].status == VersionStatus.SENT
    assert view.selected_number() == 2  # undo selects the version it changed


def test_approving_an_older_version_is_refused_with_the_reason_in_the_banner(view, services, ops):
    view.send_for_comment()
    view.send_for_comment()
    assert not view.approve(1, "Aino")
    assert "newest" in ops.last_error
    assert [v.status for v in versions(services, view)] == [VersionStatus.SENT, VersionStatus.SENT]


def test_a_version_step_in_another_window_redraws_the_view(view, services, qtbot, ops):
    host = QWidget()
    qtbot.addWidget(host)
    other_window = Operations(window=host, records=services.records, bus=ops.bus)
    other_window.run("send", lambda: services.agreements.send_for_comment(view.agreement.id))
    assert view.version_table.rowCount() == 1
    view.hide()
    version = versions(services, view)[0]
    other_window.run("comments", lambda: services.agreements.record_comments(version.id, "Hei"))
    view.show()  # hidden while it changed: redrawn when shown
    assert view.comments.toPlainText() == "Hei"


def test_preview_of_a_version(view, qtbot):
    view.send_for_comment()
    dialog = view.preview(1)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.ready, timeout=20000)  # made and drawn in a worker
    assert dialog.pages >= 2
    assert "1" in dialog.windowTitle()
    dialog.close()


# -- the request and the people the agreement names (issue 11) -----------------------------------


def test_the_send_dialog_proposes_a_comment_date_and_the_teams_contact_and_stores_what_is_chosen(
        view, services, qtbot):
    click(qtbot, view.send_button)
    dialog = opened(view)
    assert isinstance(dialog, SendDialog)
    assert dialog.comments_by.date() == dt.date.today() + dt.timedelta(days=14)
    assert dialog.reply_to.currentText().startswith("Maja Fiktiv Holm")  # the team's contact person
    # Tab walks the fields as shown, then the buttons (found in a real window: it went to Send)
    walked = [dialog.focusWidget()]
    for _n in range(3):
        dialog.focusNextChild()
        walked.append(dialog.focusWidget())
    assert walked == [dialog.date, dialog.comments_by, dialog.reply_to,
                      dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)]
    dialog.date.setDate(dt.date(2027, 3, 1))
    assert dialog.comments_by.date() == dt.date(2027, 3, 15)  # the proposed period follows the day sent
    jonas = next(p for p in services.agreements.team_people(view.agreement.programme_id)
                 if p.name == "Jonas Opdigtet Berg")
    dialog.reply_to.setCurrentIndex(dialog.reply_to.findData(jonas.id))
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    [v1] = versions(services, view)
    assert (v1.sent_on, v1.comments_by, v1.reply_to_id) == (dt.date(2027, 3, 1), dt.date(2027, 3, 15), jonas.id)


def test_a_comment_date_before_sending_or_none_keeps_the_dialog_open_and_stores_nothing(view, services, qtbot):
    click(qtbot, view.send_button)
    dialog = opened(view)
    dialog.date.setDate(dt.date(2027, 3, 1))
    dialog.comments_by.setDate(dt.date(2027, 2, 1))
    ok(qtbot, dialog)
    assert dialog.isVisible() and "before the version is sent" in dialog.refusal.text()
    dialog.comments_by.setDate(None)
    ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.refusal.text() == "Give the date the organisation is asked to comment by."
    assert dialog.focusWidget() is dialog.comments_by  # the keyboard is where the date is missing
    assert versions(services, view) == []


def test_the_signature_clause_chooses_who_signs_from_each_side_in_one_undo_step(view, services, ops):
    view.select_clause("signatures")
    form = view.people.forms["signatures"]
    assert form.isVisible() and not view.people.forms["contacts"].isVisible()
    combo = form.editors["signatory_id"]
    own = {p.name: p for p in services.agreements.organisation_people(view.organisation_id)}
    offered = [combo.itemData(i) for i in range(combo.count())]
    assert offered == [None, *(p.id for p in own.values())]  # nobody, or the organisation's own people
    assert combo.currentData() == own["Aino Esimerkki"].id  # as the demo named her
    combo.setCurrentIndex(combo.findData(own["Veikko Kuvitteellinen"].id))
    combo.activated.emit(combo.currentIndex())
    assert services.agreements.find(view.organisation_id).signatory_id == own["Veikko Kuvitteellinen"].id
    view.select_clause("parties")
    assert ops.undo()
    assert services.agreements.find(view.organisation_id).signatory_id == own["Aino Esimerkki"].id
    assert view.current_clause().key == "signatures" and combo.currentData() == own["Aino Esimerkki"].id
