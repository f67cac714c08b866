"""The agreement view's Word menu as a facilitator uses it: save a version as .docx, read the
organisation's changed copy back, review its comments and clauses, make the next version from
the clauses kept, and undo each step; a foreign file is refused in the banner."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests import word_edits
from tests.gui.conftest import dispose
from verkstad.domain.model import AgreementVersion, ReceivedDocument, VersionStatus
from verkstad.ui.agreement import AgreementView
from verkstad.ui.agreement_word import ReceivedDialog
from verkstad.ui.operations import ChangeBus, Operations


@pytest.fixture
def ops(qtbot, services):
    host = QWidget()
    qtbot.addWidget(host)
    return Operations(window=host, records=services.records, bus=ChangeBus())


@pytest.fixture
def view(qtbot, services, demo, ops):
    org = services.documents.find_organisation("Region Søndersted")  # version 1 sent for comment
    v = AgreementView(services=services, organisation_id=org.id, ops=ops)
    qtbot.addWidget(v)
    v.show()
    yield v
    dispose(v)


def save_version(qtbot, view, path, number=1):
    assert view.word.save(number, path)
    qtbot.waitUntil(lambda: view.ops.last_status is not None and path.name in view.ops.last_status, timeout=10000)
    return path.read_bytes()


def test_the_word_menu_saves_the_selected_version_as_a_word_document(qtbot, view, tmp_path):
    view.select_version(1)
    assert view.word.save_version.isEnabled() and "version 1" in view.word.save_version.text()
    data = save_version(qtbot, view, tmp_path / "aftale.docx")
    document = docx.Document(tmp_path / "aftale.docx")
    assert document.paragraphs[0].text == "Samarbejdsaftale"
    assert data.startswith(b"PK")
    assert (tmp_path / "aftale.docx").stat().st_mode & 0o044  # readable as any file the user writes


def test_a_write_that_fails_is_told_in_the_banner(qtbot, view, tmp_path):
    target = tmp_path / "no such folder" / "aftale.docx"
    assert view.word.save(1, target)
    qtbot.waitUntil(lambda: view.ops.last_error is not None, timeout=10000)
    assert "could not be written" in view.ops.last_error and not target.exists()


def test_reading_comments_back_stores_them_opens_the_review_and_makes_the_next_version(
        qtbot, view, services, tmp_path):
    data = save_version(qtbot, view, tmp_path / "aftale.docx")
    back = tmp_path / "aftale med kommentarer.docx"
    back.write_bytes(word_edits.edit(data, word_edits.organisation_edits))

    dialog = view.word.read_comments(back)
    assert isinstance(dialog, ReceivedDialog) and dialog.isVisible()
    [record] = services.records.list(ReceivedDocument)
    version = services.records.get(AgreementVersion, record.agreement_version_id)
    assert version.status == VersionStatus.COMMENTED
    assert "Maja Holm" in dialog.comments.toPlainText() and "klimaplan" in dialog.comments.toPlainText()
    items = [dialog.clause_list.item(r) for r in range(dialog.clause_list.count())]
    assert [i.text() for i in items] == ["Timeline", "Communication", "Evaluation"]
    assert all(i.checkState() == Qt.CheckState.Checked for i in items)
    assert "Edited without tracking" in _shown(dialog, 1)
    assert "Maja Holm" in _shown(dialog, 2)  # the tracked insertion, with its author
    assert view.word.received_label.isVisible() and "aftale med kommentarer.docx" in view.word.received_label.text()

    items[0].setCheckState(Qt.CheckState.Unchecked)  # the deletion in the timeline is not kept
    assert dialog.make_next_version()
    clauses = {c.key: c for c in services.agreements.clauses(view.agreement.id)}
    assert clauses["evaluation"].custom and clauses["communication"].custom and not clauses["timeline"].custom
    assert "version 2" in view.ops.last_status

    assert view.ops.undo()  # the next version's clauses, in one step
    clauses = {c.key: c for c in services.agreements.clauses(view.agreement.id)}
    assert not any(c.custom for c in clauses.values())
    assert services.records.get(ReceivedDocument, record.id).kept == []
    assert view.ops.undo()  # the reading itself
    assert services.records.list(ReceivedDocument) == []
    assert services.records.get(AgreementVersion, version.id).status == VersionStatus.SENT
    qtbot.waitUntil(lambda: not view.word.received_label.isVisible())


def _shown(dialog, row: int) -> str:
    dialog.clause_list.setCurrentRow(row)
    return dialog.difference.toPlainText()


def test_a_foreign_file_is_refused_in_the_banner_and_nothing_is_stored(view, services, tmp_path):
    other = tmp_path / "referat.docx"
    document = docx.Document()
    document.add_paragraph("Referat")
    document.save(other)
    assert view.word.read_comments(other) is None
    assert "not saved from a Verkstad agreement" in view.ops.last_error
    assert services.records.list(ReceivedDocument) == []
    (tmp_path / "billede.docx").write_bytes(b"\x89PNG\r\n")
    assert view.word.read_comments(tmp_path / "billede.docx") is None
    assert "“billede.docx” cannot be read as a Word document: it is not a .docx file." == view.ops.last_error


def test_the_review_dialog_fits_a_small_screen(qtbot, view, tmp_path):
    data = save_version(qtbot, view, tmp_path / "aftale.docx")
    back = tmp_path / "svar.docx"
    back.write_bytes(word_edits.edit(data, word_edits.organisation_edits))
    dialog = view.word.read_comments(back)
    assert dialog is not None
    available = view.screen().availableGeometry()
    assert dialog.width() <= available.width() and dialog.height() <= available.height()
    dialog.reject()
