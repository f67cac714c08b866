"""A bug in an operation: the bug dialog says it is Verkstad's fault and where the log is,
the log holds the traceback, Copy report puts the report on the clipboard, and the write the
bug interrupted was rolled back."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton, QWidget

from verkstad import __version__, logs
from verkstad.domain.model import Programme, Theme
from verkstad.ui import bug_dialog
from verkstad.ui.bug_dialog import BugDialog
from verkstad.ui.operations import Operations


@pytest.fixture
def log_file(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(logs.ENV_DIR, str(tmp_path / "logs"))
    path = logs.setup()
    yield path
    logs.shutdown()


@pytest.fixture
def host(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    dialog = bug_dialog.current()
    if dialog is not None:  # gone before the widget and the database
        dialog.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def operations(host, services) -> Operations:
    services.warm_up()
    return Operations(window=host, records=services.records)


def _log_text(path: Path) -> str:
    for handler in logging.getLogger("verkstad").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def _names(services) -> list[str]:
    return [p.name for p in services.records.list(Programme, include_deleted=True)]


def _bug_in_a_session(services):
    """Writes a programme inside one transaction, then fails as a bug before its end."""
    def call():
        with services.db.session() as s:
            s.add(Programme(name="Halvt skrevet"))
            s.flush()  # in the database now, inside the open transaction
            assert services.db.query("SELECT name FROM programmes") == [("Halvt skrevet",)]
            _fail_half_way()
    return call


def _fail_half_way():
    raise ZeroDivisionError("a bug half-way through a write")


def _bug_in_add_all(services):
    """Services' add_all stores the programme, then cannot store a theme (a bug: its name is
    not text), all in one session."""
    programme = Programme(name="Halvt skrevet")
    theme = Theme(programme_id=programme.id, name=object())
    return lambda: services.records.add_all([programme, theme])


@pytest.mark.parametrize("make_call", [_bug_in_a_session, _bug_in_add_all], ids=["session", "add_all"])
def test_a_bug_in_an_operation_shows_the_dialog_logs_and_rolls_back(qtbot, log_file, operations, services,
                                                                    make_call):
    assert _names(services) == []
    assert operations.run("Add a programme", make_call(services)) is None

    dialog = bug_dialog.current()
    assert isinstance(dialog, BugDialog) and dialog.objectName() == "bugDialog"
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.isModal()  # shown, not exec()'d: the event loop and this test go on
    assert dialog.parent() is operations.window
    explanation = dialog.explanation.text()
    assert "fault in Verkstad, not something you did wrong" in explanation
    assert "was not stored" in explanation
    assert str(log_file) in dialog.where.text()

    report = dialog.findChild(QPlainTextEdit, "bugReport")
    assert report.isReadOnly()
    text = report.toPlainText()
    assert f"Verkstad {__version__}" in text and "Python " in text and "Qt " in text
    assert sys.platform[:3].lower() in text.lower() or "linux" in text.lower()
    assert " UTC" in text and f"Log: {log_file}" in text
    assert "Traceback (most recent call last)" in text

    logged = _log_text(log_file)
    assert "ERROR verkstad.operations" in logged and "operation failed: Add a programme" in logged
    assert "Traceback (most recent call last)" in logged
    if make_call is _bug_in_a_session:
        assert "ZeroDivisionError: a bug half-way through a write" in text
        assert "ZeroDivisionError: a bug half-way through a write" in logged
        assert "in _fail_half_way" in logged
    else:
        assert "Error binding parameter" in text and "in add_all" in logged

    # The transaction the bug interrupted was rolled back, and the database goes on working.
    assert _names(services) == []
    assert operations.history.stack.count() == 0
    assert operations.run("Add a programme", lambda: services.records.add(Programme(name="Efter")))
    assert _names(services) == ["Efter"]


def test_copy_report_puts_the_report_on_the_clipboard(qtbot, log_file, operations, services):
    operations.run("Add a programme", _bug_in_a_session(services))
    dialog = bug_dialog.current()
    QApplication.clipboard().clear()
    button = dialog.findChild(QPushButton, "copyReport")
    assert button.text() == "Copy report"
    qtbot.mouseClick(button, _left())
    copied = QApplication.clipboard().text()
    assert copied == dialog.report_box.toPlainText()
    assert "ZeroDivisionError: a bug half-way through a write" in copied
    assert dialog.copied.text() == "The report is on the clipboard."


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen cannot raise a window
def test_a_second_bug_is_added_to_the_open_dialog(qtbot, log_file, operations, services):
    operations.run("First", _bug_in_a_session(services))
    first = bug_dialog.current()
    operations.run("Second", lambda: {}["missing key"])
    assert bug_dialog.current() is first
    dialogs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "bugDialog" and w.isVisible()]
    assert dialogs == [first]
    text = first.report_box.toPlainText()
    assert text.index("ZeroDivisionError") < text.index("KeyError: 'missing key'")
    assert first.heading.text() == "Verkstad hit 2 internal errors."

    first.close()  # Close: the next bug opens a fresh dialog
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert bug_dialog.current() is None
    operations.run("Third", lambda: 1 / 0)
    third = bug_dialog.current()
    assert third is not None and third.heading.text() == "Verkstad hit an internal error."
    assert third.report_box.toPlainText().count("Traceback") == 1


def test_a_user_error_goes_to_the_banner_not_the_dialog(qtbot, log_file, operations, services):
    from verkstad.errors import RuleError

    def refuse():
        raise RuleError("A name is required.")

    assert operations.run("Add a programme", refuse) is None
    assert operations.last_error == "A name is required."
    assert bug_dialog.current() is None


def test_the_dialog_speaks_the_interface_language(qtbot, log_file, host, monkeypatch):
    from verkstad.ui import bug_dialog as module

    dialog = BugDialog(host)
    qtbot.addWidget(dialog)
    dialog.add(RuntimeError("x"))
    monkeypatch.setattr(module, "_", lambda text: "«" + text + "»")
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert dialog.copy_button.text() == "«Copy report»"
    assert dialog.windowTitle().startswith("«")


@pytest.mark.qt_no_exception_capture  # the application's own hook, not pytest-qt's
def test_a_bug_in_a_qt_slot_is_logged_and_shown(qtbot, log_file, host, monkeypatch):
    """The GUI's sys.excepthook (app.py): a bug raised out of a slot is logged with its
    traceback and shown in the bug dialog; a user error gets a plain message box."""
    from PySide6.QtCore import QTimer

    from verkstad import app
    from verkstad.errors import RuleError

    monkeypatch.setattr(sys, "excepthook", app._excepthook)
    host.activateWindow()

    def slot():
        raise LookupError("a bug in a slot")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bug_dialog.current() is not None)
    assert "LookupError: a bug in a slot" in bug_dialog.current().report_box.toPlainText()
    logged = _log_text(log_file)
    assert "uncaught exception: LookupError: a bug in a slot" in logged and "in slot" in logged

    bug_dialog.current().close()
    app._excepthook(RuleError, RuleError("A name is required."), None)
    boxes = list(app._message_boxes)
    assert len(boxes) == 1 and boxes[0].text() == "A name is required."
    assert bug_dialog.current() is None
    boxes[0].close()


def _left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
