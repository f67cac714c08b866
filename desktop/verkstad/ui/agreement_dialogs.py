"""The dialogs of the agreement view: one step of a version (send for comment, record comments,
approve), and the differences between two versions (or a version and the draft) in colour.

A step's dialog is window-modal and opened with `open()`; a refused step leaves it open with
the reason.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from verkstad.datetext import EntryError
from verkstad.i18n import _
from verkstad.services.agreements import DiffItem
from verkstad.ui.dates import DateEdit

if TYPE_CHECKING:
    from verkstad.ui.agreement import AgreementView


def word_spans(words: list[tuple[str, str]]) -> list[str]:
    """Runs of a word difference as HTML: removed struck through in red, added underlined green."""
    parts = []
    for op, text in words:
        text = html.escape(text).replace("\n", "<br>")
        if op == "=":
            parts.append(text)
        elif op == "-":
            parts.append(f'<span style="color:#b3261e;text-decoration:line-through">{text}</span>')
        else:
            parts.append(f'<span style="color:#1e6b3a;text-decoration:underline">{text}</span>')
    return parts


def diff_html(items: list[DiffItem]) -> str:
    """The differences as HTML: removed words struck through in red, added words green."""
    if not items:
        return "<p>" + html.escape(_("No differences.")) + "</p>"
    out, section = [], None
    for item in items:
        if item.section != section:
            section = item.section
            out.append(f"<h3>{html.escape(section)}</h3>")
        label = html.escape(item.label)
        added, removed = html.escape(_("added")), html.escape(_("removed"))  # outside f-strings: extracted
        if item.kind == "added":
            out.append(f'<p><span style="color:#1e6b3a">+ {label}</span> ({added})</p>')
        elif item.kind == "removed":
            out.append(f'<p><span style="color:#b3261e"><s>{label}</s></span> ({removed})</p>')
        else:
            words = item.words or [("-", item.before), ("+", item.after)]
            kept = sum(len(text) for op, text in words if op == "=")
            if kept < 0.5 * max(len(item.before), len(item.after), 1):  # mostly rewritten: old, then new
                words = [("-", item.before), ("+", item.after)]
            parts = word_spans(words)
            joiner = " " if len(words) != 2 or words[0][0] == "=" else "<br>"
            body = joiner.join(p for p in parts if p)
            heading = "" if item.label == item.section else f"<b>{label}</b><br>"
            out.append(f"<p>{heading}{body}</p>")
    return "\n".join(out)


class VersionStepDialog(QDialog):
    """Asks for one step of a version: a date, and a text (comments, or who approved) unless
    it is the sending. OK runs `submit(date, text)`, which returns None when the step was
    stored or the reason it was refused; a refused step leaves the dialog open with the reason.
    Open it with `open()` (window-modal, returns at once)."""

    def __init__(self, title: str, *, date_label: str, text_label: str | None = None,
                 multiline: bool = False, note: str = "", ok_text: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit: Callable[[dt.date, str], str | None] | None = None
        self.refused_field: QWidget | None = None  # the field `values()` refused last, for the focus
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.date = DateEdit()
        self.date.setObjectName("stepDate")
        self.date.setDate(dt.date.today())
        self.text: QPlainTextEdit | QLineEdit | None = None
        form = self.form = QFormLayout()
        form.addRow(date_label, self.date)
        if text_label is not None:
            self.text = QPlainTextEdit() if multiline else QLineEdit()
            self.text.setObjectName("stepText")
            form.addRow(text_label, self.text)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #b3261e")
        self.refusal.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if ok_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        (self.text or self.date).setFocus()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        # Wide enough for the whole title beside the window buttons, and for a name or a date.
        self.setMinimumWidth(max(420, self.fontMetrics().horizontalAdvance(title) + 180))

    def values(self) -> tuple[dt.date, str]:
        """The step's date and text; raises `EntryError` when the date field holds no date."""
        if isinstance(self.text, QPlainTextEdit):
            text = self.text.toPlainText()
        else:
            text = self.text.text() if self.text is not None else ""
        date = self.date.date()
        if date is None:
            raise EntryError(_("Give the date of this step."))
        return date, text

    def accept(self) -> None:
        if self.submit is not None:
            try:
                values = self.values()
            except EntryError as refused:  # no date, or text that is not one: say so, stay open
                self.refusal.setText(str(refused))
                self.refusal.show()
                (self.refused_field or self.date).setFocus()  # on the field that was refused
                return
            reason = self.submit(*values)
            if reason is not None:
                self.refusal.setText(reason)
                self.refusal.show()
                return
        super().accept()


class SendDialog(VersionStepDialog):
    """Send for comment: the day it is sent, the day the organisation is asked to comment by,
    and the person of the advisory team the comments go to; page 1 of the version prints the
    request. OK runs `submit(date, "")`; `request()` then holds the other two."""

    def __init__(self, *, note: str, team: list[tuple[str, str]], comments_by: dt.date,
                 reply_to: str | None, parent=None) -> None:
        super().__init__(_("Send for comment"), date_label=_("Sent on:"), note=note, ok_text=_("Send"),
                         parent=parent)
        self.comments_by = DateEdit()
        self.comments_by.setObjectName("commentsBy")
        self.comments_by.setDate(comments_by)
        self.reply_to = QComboBox()
        self.reply_to.setObjectName("replyTo")
        self.reply_to.addItem(_("Nobody named (the advisory team)"), None)
        for label, person_id in team:
            self.reply_to.addItem(label, person_id)
        self.reply_to.setCurrentIndex(max(0, self.reply_to.findData(reply_to)))
        self.form.addRow(_("Comments by:"), self.comments_by)
        self.form.addRow(_("Comments go to:"), self.reply_to)
        self._request: tuple[dt.date | None, str | None] = (None, None)
        # The period proposed follows the day sent, until the user gives a date of their own.
        self._period = comments_by - (self._sent() or dt.date.today())
        self._proposed = comments_by
        self.date.textChanged.connect(self._follow_sent)
        # Tab walks the fields in the order they are shown, then the buttons (the rows added
        # here were made after the buttons, which Qt's creation order would visit first).
        chain = [self.date, self.comments_by, self.reply_to, *self.buttons.buttons()]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)
        self.date.setFocus()

    def _sent(self) -> dt.date | None:
        try:
            return self.date.date()
        except EntryError:
            return None

    def _follow_sent(self) -> None:
        sent = self._sent()
        try:
            untouched = self.comments_by.date() == self._proposed
        except EntryError:
            untouched = False
        if sent is not None and untouched:
            self._proposed = sent + self._period
            self.comments_by.setDate(self._proposed)

    def values(self) -> tuple[dt.date, str]:
        self.refused_field = self.date
        on, _text = super().values()
        self.refused_field = self.comments_by
        by = self.comments_by.date()  # EntryError for text that is no date
        if by is None:
            raise EntryError(_("Give the date the organisation is asked to comment by."))
        self.refused_field = None
        self._request = (by, self.reply_to.currentData())
        return on, ""

    def request(self) -> tuple[dt.date | None, str | None]:
        """The comment date and the reply-to person's id, as the last OK read them."""
        return self._request


class DiffDialog(QDialog):
    """Choose two versions (or a version and the current draft) and read what changed."""

    def __init__(self, view: AgreementView, old: int | None = None, new: int | None = None) -> None:
        super().__init__(view)
        self.view = view
        self.setWindowTitle(_("Compare versions"))
        self.resize(760, 560)
        self.old = QComboBox()
        self.new = QComboBox()
        numbers = [v.number for v in view.versions]
        for n in numbers:
            self.old.addItem(_("Version {number}").format(number=n), n)
            self.new.addItem(_("Version {number}").format(number=n), n)
        self.new.addItem(_("Current draft"), None)
        if numbers:
            self.old.setCurrentIndex(self.old.findData(old if old is not None else numbers[-1]))
            self.new.setCurrentIndex(self.new.findData(new) if new is not None else self.new.count() - 1)
        self.browser = QTextBrowser()
        self.browser.setObjectName("agreementDiff")
        top = QHBoxLayout()
        top.addWidget(QLabel(_("From:")))
        top.addWidget(self.old)
        top.addWidget(QLabel(_("To:")))
        top.addWidget(self.new)
        top.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.old.currentIndexChanged.connect(self.update_diff)
        self.new.currentIndexChanged.connect(self.update_diff)
        self.update_diff()

    def update_diff(self) -> None:
        old = self.old.currentData()
        if old is None or self.view.agreement is None:
            self.browser.setHtml("<p>" + html.escape(_("There are no versions yet.")) + "</p>")
            return
        agreement_id, new = self.view.agreement.id, self.new.currentData()
        items = self.view.ops.read(lambda: self.view.services.agreements.diff(agreement_id, old, new), [])
        self.browser.setHtml(diff_html(items))
