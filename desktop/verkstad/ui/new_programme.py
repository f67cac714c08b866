"""The dialog that starts a programme from a template, in the programme's language."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from verkstad.datetext import EntryError
from verkstad.i18n import LANGUAGES, _, current_language
from verkstad.services import templates
from verkstad.services.planning import next_monday
from verkstad.ui import mnemonics
from verkstad.ui.dates import DateEdit


class NewProgrammeDialog(QDialog):
    """Name, template, language and start date of a new programme."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setObjectName("programmeName")
        self.template = QComboBox()
        self.template.setObjectName("template")
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, title in LANGUAGES.items():
            self.language.addItem(title, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.start = DateEdit(default=next_monday)
        self.start.setObjectName("programmeStart")
        self.start.setDate(next_monday())
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setMinimumWidth(420)
        self.template.currentIndexChanged.connect(self._describe)
        self._labels = [QLabel() for _i in range(4)]
        form = QFormLayout()
        for label, editor in zip(self._labels, (self.name, self.template, self.language, self.start), strict=True):
            form.addRow(label, editor)
        form.addRow("", self.description)
        self.refusal = QLabel()  # why OK did not close the dialog (a start that is not a date)
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #b3261e")
        self.refusal.hide()
        form.addRow("", self.refusal)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        mnemonics.keep(self, letters=False)  # accessible names; the button box has Qt's letters

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New programme"))
        for label, text in zip(self._labels, (_("Name"), _("Template"), _("Language of the programme"),
                                              _("Starts")), strict=True):
            label.setText(text + ":")
        self.name.setPlaceholderText(_("e.g. Travelling team for green procurement, spring 2027"))
        selected = self.template.currentData()
        self.template.blockSignals(True)
        self.template.clear()
        for info in templates.available():
            self.template.addItem(_(info.title), info.key)
        self.template.setCurrentIndex(max(0, self.template.findData(selected)))
        self.template.blockSignals(False)
        self._describe()

    def _describe(self) -> None:
        key = self.template.currentData()
        if key:
            self.description.setText(_(templates.load(key)["description"]))

    def accept(self) -> None:
        """Close only with a start date: text that is no date, or none, keeps the dialog open."""
        try:
            start = self.start.date()
        except EntryError as refused:
            self.refusal.setText(str(refused))
        else:
            if start is not None:
                super().accept()
                return
            self.refusal.setText(_("A programme needs the date it starts."))
        self.refusal.show()
        self.start.setFocus()

    def values(self) -> tuple[str, str, str, dt.date]:
        return (self.name.text().strip(), self.template.currentData(), self.language.currentData(),
                self.start.date() or next_monday())
