"""The dialog that plans a meeting series in a phase: a title, the first date, how often, how
many, and where (shared, or at one organisation). Window-modal, opened with `open()`; OK runs
`submit()`, which returns None when the series was stored or why it was refused (the dialog then
stays open with the reason). No signals."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from verkstad.datetext import EntryError
from verkstad.i18n import _
from verkstad.ui import mnemonics
from verkstad.ui.dates import DateEdit


class SeriesDialog(QDialog):
    def __init__(self, *, title: str, first: dt.date, organisations: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("seriesDialog")
        self.setWindowTitle(_("Meeting series"))
        self.submit: Callable[[], str | None] | None = None
        self.title = QLineEdit(title)
        self.title.setObjectName("seriesTitle")
        self.first = DateEdit()
        self.first.setObjectName("seriesFirst")
        self.first.setDate(first)
        self.repeat = QComboBox()
        self.repeat.setObjectName("seriesRepeat")
        repeats = ((_("Every few weeks"), "weeks"), (_("Every month"), "month"), (_("Twice a year"), "half-year"))
        for label, key in repeats:
            self.repeat.addItem(label, key)
        self.repeat.setCurrentIndex(1)
        self.weeks = QSpinBox()
        self.weeks.setObjectName("seriesWeeks")
        self.weeks.setRange(1, 26)
        self.weeks.setValue(2)
        self.count = QSpinBox()
        self.count.setObjectName("seriesCount")
        self.count.setRange(2, 52)
        self.count.setValue(6)
        self.where = QComboBox()
        self.where.setObjectName("seriesWhere")
        self.where.addItem(_("Shared by all organisations"), None)
        for label, org_id in organisations:
            self.where.addItem(label, org_id)
        form = QFormLayout()
        form.addRow(_("Title:"), self.title)
        form.addRow(_("First meeting on:"), self.first)
        form.addRow(_("Repeats:"), self.repeat)
        form.addRow(_("Weeks apart:"), self.weeks)
        form.addRow(_("Meetings:"), self.count)
        form.addRow(_("Held:"), self.where)
        for spin, label in ((self.weeks, _("Weeks apart:")), (self.count, _("Meetings:"))):
            spin.lineEdit().setAccessibleName(label.rstrip(":"))  # the editor inside a spin box reads as its row
        self.repeat.currentIndexChanged.connect(self._repeat_changed)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #b3261e")
        self.refusal.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Plan the meetings"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        chain = [self.title, self.first, self.repeat, self.weeks, self.count, self.where, *self.buttons.buttons()]
        for a, b in itertools.pairwise(chain):
            self.setTabOrder(a, b)
        self._repeat_changed()
        self.setMinimumWidth(420)
        self.title.selectAll()
        self.title.setFocus()
        mnemonics.keep(self)

    def _repeat_changed(self) -> None:
        self.weeks.setEnabled(self.repeat.currentData() == "weeks")

    def values(self) -> dict:
        """What the series is; raises EntryError when the first date is no date."""
        first = self.first.date()
        if first is None:
            raise EntryError(_("Give the date of the first meeting."))
        return {"title": self.title.text(), "first": first, "repeat": self.repeat.currentData(),
                "count": self.count.value(), "every_weeks": self.weeks.value(),
                "organisation_id": self.where.currentData()}

    def accept(self) -> None:
        if self.submit is not None:
            try:
                reason = self.submit()
            except EntryError as refused:
                reason = str(refused)
            if reason is not None:
                self.refusal.setText(reason)
                self.refusal.show()
                return
        super().accept()
