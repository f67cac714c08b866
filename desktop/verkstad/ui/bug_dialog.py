"""The dialog that shows a bug: that it is Verkstad's fault, that nothing was stored, where
the log is, and a report the user can copy.

One dialog at a time: a bug while it is open adds its report to the same dialog. The dialog
does not block (`show()`, not `exec()`): the event loop, and the user, go on. It does not log
the exception: whoever calls `show_bug` has already logged it (`verkstad.logs`).

Signals: none of its own (QDialog's finished when closed).
"""

from __future__ import annotations

import datetime as dt
import traceback

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkstad import logs
from verkstad.i18n import _, ngettext
from verkstad.ui.language import Retranslatable

_SEPARATOR = "\n" + "-" * 72 + "\n\n"


def report(exc: BaseException, when: dt.datetime | None = None) -> str:
    """The report of one bug: versions and platform, the time (UTC), the log file and the
    traceback. Not translated: it is written for whoever fixes the bug, like the traceback."""
    when = when or dt.datetime.now(dt.UTC)
    lines = [logs.environment(), when.strftime("%Y-%m-%d %H:%M:%S UTC")]
    log_file = logs.log_file()
    if log_file is not None:
        lines.append(f"Log: {log_file}")
    return "\n".join(lines) + "\n\n" + "".join(traceback.format_exception(exc)).rstrip() + "\n"


class BugDialog(Retranslatable, QDialog):
    """The reports of the bugs met since it opened, with Copy report and Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bugDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.reports: list[str] = []

        self.heading = QLabel()
        self.heading.setObjectName("bugHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.explanation = QLabel()
        self.explanation.setObjectName("bugExplanation")
        self.explanation.setWordWrap(True)
        self.where = QLabel()
        self.where.setObjectName("bugLogFile")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_box = QPlainTextEdit()
        self.report_box.setObjectName("bugReport")
        self.report_box.setReadOnly(True)
        self.report_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.copied = QLabel()
        self.copied.setObjectName("bugCopied")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copyReport")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        self.buttons.rejected.connect(self.reject)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.where)
        layout.addWidget(self.report_box, 1)
        layout.addWidget(self.copied)
        layout.addWidget(self.buttons)
        self.resize(720, 520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Verkstad: internal error"))
        count = max(1, len(self.reports))
        self.heading.setText(ngettext("Verkstad hit an internal error.",
                                      "Verkstad hit {count} internal errors.", count).format(count=count))
        self.explanation.setText(
            _("This is a fault in Verkstad, not something you did wrong. What you were changing "
              "was not stored: the database is as it was before. You can go on working; if the "
              "fault comes back, please copy the report below and send it to whoever supports "
              "Verkstad for you, with a few words on what you were doing."))
        log_file = logs.log_file()
        if log_file is not None:
            self.where.setText(_("The details are also in the log file {path}.").format(path=log_file))
        else:
            self.where.setText(_("No log file is being written; copy the report to keep it."))
        self.copy_button.setText(_("Copy report"))
        if self.copied.text():
            self.copied.setText(_("The report is on the clipboard."))

    def add(self, exc: BaseException) -> None:
        """Add one bug's report (the newest last)."""
        self.reports.append(report(exc))
        self.report_box.setPlainText(self.report_text())
        self.copied.clear()
        self.retranslate_ui()

    def report_text(self) -> str:
        return _SEPARATOR.join(self.reports)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.copied.setText(_("The report is on the clipboard."))


_open: BugDialog | None = None


def _forget(dialog: BugDialog) -> None:
    global _open
    if _open is dialog:  # an older dialog's late `destroyed` must not forget a newer one
        _open = None


def current() -> BugDialog | None:
    """The bug dialog that is open, if any."""
    return _open


def show_bug(parent: QWidget | None, exc: BaseException) -> BugDialog:
    """Show a bug (already logged) in the one bug dialog, opening it if needed."""
    global _open
    if _open is None:
        dialog = _open = BugDialog(parent)
        dialog.finished.connect(lambda _result: _forget(dialog))
        dialog.destroyed.connect(lambda *_args: _forget(dialog))
    _open.add(exc)
    if _open.isVisible():
        _open.raise_()  # a new window comes up on top anyway; an open one may lie behind
    else:
        _open.show()
    _open.activateWindow()
    return _open
