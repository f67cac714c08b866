"""Typing in evaluation sheets from paper, keyboard first: the sheet's code picks its organisation,
then one field per question. A scale point or an option number is one key and moves on by
itself; several choices and free text move on with Enter; Enter after the last question (or
Ctrl+Enter anywhere) saves the sheet and starts the next. Every sheet is one operation, one
undo step. Signals: none (saved sheets are published on `ops.bus`)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, QTimer
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verkstad.domain.evaluation import SCALE_TITLES, SheetQuestion
from verkstad.domain.model import QuestionKind
from verkstad.i18n import _, current, ngettext
from verkstad.services.hub import Services
from verkstad.ui import mnemonics
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import Operations

SHEET_ROLE = Qt.ItemDataRole.UserRole


def parse(sq: SheetQuestion, text: str) -> Any:
    """What a field's text answers (None: nothing yet)."""
    text = text.strip()
    if not text:
        return None
    if sq.kind == QuestionKind.TEXT:
        return text
    numbers = [int(n) for n in re.findall(r"\d", text)] if sq.kind == QuestionKind.MULTIPLE \
        else [int(n) for n in re.findall(r"\d+", text)]
    if sq.kind == QuestionKind.MULTIPLE:
        return sorted(set(numbers)) or None
    return numbers[0] if numbers else None


def shown(sq: SheetQuestion, value: Any) -> str:
    """An answer as a field shows it."""
    if value is None:
        return ""
    if sq.kind == QuestionKind.MULTIPLE and isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def meaning(sq: SheetQuestion, value: Any) -> str:
    """What an answer means, in words, beside its field: "4 · Great", the option chosen."""
    if value is None or sq.kind == QuestionKind.TEXT:
        return ""
    if sq.kind == QuestionKind.SCALE:
        return _(SCALE_TITLES[value]) if value in SCALE_TITLES else "?"
    chosen = value if isinstance(value, list) else [value]
    return "; ".join(sq.options[v - 1] if 1 <= v <= len(sq.options) else "?" for v in chosen)


class SheetEntry(Retranslatable, QWidget):
    """The sheets of one workshop: the list of those entered, and the sheet being typed in."""

    def __init__(self, *, services: Services, ops: Operations, parent=None) -> None:
        super().__init__(parent)
        self.services, self.ops = services, ops
        self.meeting_id: str | None = None
        self.editing: str | None = None  # the id of the sheet shown for correcting, None for a new one
        self.questions: list[SheetQuestion] = []
        self._short: dict[str, str] = {}  # organisation id -> its short name, for the list of sheets
        self.fields: list[QLineEdit] = []
        self.meanings: list[QLabel] = []

        self.sheet_list = QListWidget()
        self.sheet_list.setObjectName("evaluationSheets")
        self.sheet_list.currentItemChanged.connect(self._sheet_chosen)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_sheet)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_sheet)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.list_label = QLabel()
        left_layout.addWidget(self.list_label)
        left_layout.addWidget(self.sheet_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)

        self.code_label = QLabel()
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("sheetCode")
        self.code_edit.setMaximumWidth(120)
        self.code_edit.textEdited.connect(self._code_typed)
        self.code_edit.returnPressed.connect(self._first_answer)
        self.code_label.setBuddy(self.code_edit)
        self.org_label = QLabel()
        self.org_combo = QComboBox()
        self.org_combo.setObjectName("sheetOrganisation")
        self.org_combo.currentIndexChanged.connect(self._organisation_chosen)
        self.org_label.setBuddy(self.org_combo)
        head = QHBoxLayout()
        for w in (self.code_label, self.code_edit, self.org_label):
            head.addWidget(w)
        head.addWidget(self.org_combo, 1)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(1, 3)  # the question's words first, then what an answer means
        self.grid.setColumnStretch(3, 1)
        self.answers_area = QScrollArea()
        self.answers_area.setWidgetResizable(True)
        self.answers_area.setWidget(self.grid_host)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveSheet")
        self.save_button.clicked.connect(self.save)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("entryHint")
        foot = QHBoxLayout()
        foot.addWidget(self.hint, 1)
        foot.addWidget(self.save_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(head)
        right_layout.addWidget(self.answers_area, 1)
        right_layout.addLayout(foot)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 750])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        self.retranslate_ui()
        mnemonics.keep(self)

    def retranslate_ui(self) -> None:
        self.list_label.setText(_("Sheets entered"))
        self.new_button.setText(_("&New sheet"))
        self.delete_button.setText(_("Delete sheet"))
        self.code_label.setText(_("Sheet &code"))
        self.org_label.setText(_("&Organisation"))
        self.code_edit.setPlaceholderText(_("from the sheet"))
        self.hint.setText(_("Type the point or the option's number: the next question follows. Several choices and "
                            "free text: Enter. Enter after the last question, or Ctrl+Enter, saves the sheet."))
        self._show_save()
        if self.meeting_id is not None:
            self.refresh()

    def _show_save(self) -> None:
        self.save_button.setText(_("&Save changes") if self.editing else _("&Save sheet"))
        self.delete_button.setEnabled(self.editing is not None)

    # -- what is shown ------------------------------------------------------------------

    def show_meeting(self, meeting_id: str | None) -> None:
        changed = meeting_id != self.meeting_id
        self.meeting_id = meeting_id
        if changed:
            self.editing = None
        self.refresh()

    def refresh(self) -> None:
        ev = self.services.evaluations
        mid = self.meeting_id
        if mid is None:
            self.sheet_list.clear()
            self._build([])
            return
        orgs = self.ops.read(lambda: ev.organisations(mid), [])
        chosen = self.org_combo.currentData()
        self.org_combo.blockSignals(True)
        self.org_combo.clear()
        for o in orgs:
            self.org_combo.addItem(o.name, o.id)
        self.org_combo.addItem(_("No organisation"), None)  # a guest's sheet, or the team's: last
        self._short = {o.id: o.short_name or o.name for o in orgs}
        index = self.org_combo.findData(chosen) if chosen is not None else -1
        self.org_combo.setCurrentIndex(index if index >= 0 else 0)
        self.org_combo.blockSignals(False)
        self._fill_list()
        if self.editing is not None and self.editing not in self._sheet_ids():
            self.editing = None
        self._build_for_organisation(keep=True)

    def _sheet_ids(self) -> set[str]:
        return {self.sheet_list.item(i).data(SHEET_ROLE) for i in range(self.sheet_list.count())}

    def _fill_list(self) -> None:
        ev, mid = self.services.evaluations, self.meeting_id
        assert mid is not None
        sheets = self.ops.read(lambda: ev.sheets(mid), [])
        names = {self.org_combo.itemData(i): self.org_combo.itemText(i) for i in range(self.org_combo.count())}
        names.update(self._short)  # the list is narrow: "NK, sheet 2"
        counted: dict[str | None, int] = {}
        self.sheet_list.blockSignals(True)
        self.sheet_list.clear()
        for sheet in sheets:
            counted[sheet.organisation_id] = counted.get(sheet.organisation_id, 0) + 1
            name = names.get(sheet.organisation_id, _("No organisation"))
            item = QListWidgetItem(ngettext("{organisation}, sheet {number} ({answered} answer)",
                                            "{organisation}, sheet {number} ({answered} answers)",
                                            len(sheet.answers)).format(
                organisation=name, number=current().number(counted[sheet.organisation_id], 0),
                answered=current().number(len(sheet.answers), 0)))
            item.setData(SHEET_ROLE, sheet.id)
            self.sheet_list.addItem(item)
            if sheet.id == self.editing:
                self.sheet_list.setCurrentItem(item)
        self.sheet_list.blockSignals(False)

    def _build_for_organisation(self, keep: bool = False) -> None:
        ev, mid = self.services.evaluations, self.meeting_id
        if mid is None:
            return
        org_id = self.org_combo.currentData()
        values = [f.text() for f in self.fields] if keep else []
        old = [sq.question.id for sq in self.questions]
        asked = self.ops.read(lambda: ev.sheet_questions(mid, org_id, current().language), [])
        self._build(asked)
        if keep:  # what was typed stays with its question through a redraw
            typed = dict(zip(old, values, strict=False))
            for sq, f in zip(self.questions, self.fields, strict=True):
                f.setText(typed.get(sq.question.id, ""))
        # the chosen organisation's code as the hint: the field itself is for the code on the paper
        codes = self.ops.read(lambda: ev.codes(mid), {})
        self.code_edit.setPlaceholderText(codes.get(org_id, "") or _("from the sheet"))

    def _build(self, questions: list[SheetQuestion]) -> None:
        def shape(found: list[SheetQuestion]) -> list:
            return [(sq.question.id, sq.kind, sq.number, sq.text, sq.options) for sq in found]

        if self.fields and shape(questions) == shape(self.questions):
            self.questions = questions  # the same sheet: its fields, what is typed and the focus stay
            self._show_save()
            return
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.questions, self.fields, self.meanings = questions, [], []
        for row, sq in enumerate(questions):
            number = QLabel(f"{current().number(sq.number, 0)}.")
            text = QLabel(sq.text)
            text.setWordWrap(True)
            field = QLineEdit()
            field.setObjectName(f"answer{sq.number}")
            field.setAccessibleName(sq.text)
            if sq.kind == QuestionKind.SCALE:
                field.setValidator(QRegularExpressionValidator(QRegularExpression("[1-5]"), field))
                field.setMaximumWidth(60)
                field.setPlaceholderText("1–5")
            elif sq.kind == QuestionKind.SINGLE:
                field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,2}"), field))
                field.setMaximumWidth(60)
                field.setPlaceholderText(f"1–{len(sq.options)}")
            elif sq.kind == QuestionKind.MULTIPLE:
                field.setValidator(QRegularExpressionValidator(QRegularExpression(r"[\d ,;]*"), field))
                field.setMaximumWidth(120)
                field.setPlaceholderText(_("e.g. 1 3"))
            else:
                field.setPlaceholderText(_("as written on the sheet"))
                field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
            said = QLabel()
            said.setObjectName("answerMeaning")
            said.setWordWrap(True)  # several choices in words: the question keeps its room
            if sq.options:
                text.setToolTip("\n".join(f"{n}. {o}" for n, o in enumerate(sq.options, start=1)))
                text.setText(f"{sq.text}  " + " · ".join(f"{n} {o}" for n, o in enumerate(sq.options, start=1)))
            field.textEdited.connect(lambda _t, i=row: self._typed(i))
            field.returnPressed.connect(lambda i=row: self._next(i))
            self.grid.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(text, row, 1)
            if sq.kind == QuestionKind.TEXT:  # the words need the room the meaning column has
                self.grid.addWidget(field, row, 2, 1, 2, Qt.AlignmentFlag.AlignTop)
                said.setParent(self.grid_host)  # free text has no meaning to show
                said.hide()
            else:
                self.grid.addWidget(field, row, 2, Qt.AlignmentFlag.AlignTop)
                self.grid.addWidget(said, row, 3, Qt.AlignmentFlag.AlignTop)
            for w in (number, text, field, *([] if sq.kind == QuestionKind.TEXT else [said])):  # at once, not
                w.show()  # when the layout gets round to it: the code's Enter may move the focus there first
            self.fields.append(field)
            self.meanings.append(said)
        if not questions:
            empty = QLabel(_("The questionnaire has no questions yet: add them on its tab."))
            empty.setWordWrap(True)
            self.grid.addWidget(empty, 0, 0, 1, 4)
        self.grid.setRowStretch(len(questions) + 1, 1)
        self._show_save()

    # -- typing -------------------------------------------------------------------------

    def _code_typed(self, text: str) -> None:
        if self.meeting_id is None:
            return
        mid = self.meeting_id
        found = self.ops.read(lambda: self.services.evaluations.organisation_of_code(mid, text))
        if found is not None and found != self.org_combo.currentData():
            self.org_combo.setCurrentIndex(self.org_combo.findData(found))

    def _organisation_chosen(self, _index: int) -> None:
        self._build_for_organisation(keep=True)

    def _first_answer(self) -> None:
        typed = self.code_edit.text().strip()
        if typed and self.meeting_id is not None:
            mid = self.meeting_id
            if self.ops.read(lambda: self.services.evaluations.organisation_of_code(mid, typed)) is None:
                self.ops.error(_("No organisation of this workshop has the sheet code “{code}”.").format(code=typed))
                self.code_edit.selectAll()
                return
        if self.fields:
            self.fields[0].setFocus()
            self.fields[0].selectAll()

    def _typed(self, row: int) -> None:
        sq, field = self.questions[row], self.fields[row]
        self.meanings[row].setText(meaning(sq, parse(sq, field.text())))
        single_key = sq.kind == QuestionKind.SCALE or (sq.kind == QuestionKind.SINGLE and len(sq.options) < 10)
        if single_key and field.text().strip():
            QTimer.singleShot(0, lambda: self._next(row))

    def _next(self, row: int) -> None:
        if row + 1 < len(self.fields):
            self.fields[row + 1].setFocus()
            self.fields[row + 1].selectAll()
        else:
            self.save()

    def answers(self) -> dict[str, Any]:
        return {sq.question.id: parse(sq, f.text()) for sq, f in zip(self.questions, self.fields, strict=True)}

    # -- storing ------------------------------------------------------------------------

    def save(self) -> None:
        if self.meeting_id is None or not self.questions:
            return
        ev, mid, org_id, answers = self.services.evaluations, self.meeting_id, self.org_combo.currentData(), \
            self.answers()
        name = self.org_combo.currentText()
        if not any(v is not None for v in answers.values()):
            self.ops.error(_("The sheet has no answers yet."))
            return
        if self.editing is not None:
            sheet_id = self.editing
            done = self.ops.run(_("change of an evaluation sheet of {organisation}").format(organisation=name),
                                lambda: ev.update_sheet(sheet_id, answers, org_id))
        else:
            done = self.ops.run(_("evaluation sheet of {organisation}").format(organisation=name),
                                lambda: ev.add_sheet(mid, org_id, answers))
        if done is None:
            return
        count = sum(1 for s in ev.sheets(mid) if s.organisation_id == org_id)
        self.ops.status(ngettext("Sheet saved: {organisation} has {count} sheet.",
                                 "Sheet saved: {organisation} has {count} sheets.", count).format(
            organisation=name, count=current().number(count, 0)))
        self.editing = None
        self._fill_list()
        self.new_sheet()

    def new_sheet(self) -> None:
        """An empty sheet for the same organisation; the code is selected to type over."""
        self.editing = None
        self.sheet_list.blockSignals(True)
        self.sheet_list.clearSelection()
        self.sheet_list.setCurrentRow(-1)
        self.sheet_list.blockSignals(False)
        for f, said in zip(self.fields, self.meanings, strict=True):
            f.clear()
            said.clear()
        self.code_edit.clear()  # the next sheet's code is typed from it (the organisation stays chosen)
        self._show_save()
        self.code_edit.setFocus()
        self.code_edit.selectAll()

    def _sheet_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None or self.meeting_id is None:
            return
        from verkstad.domain.model import EvaluationSheet

        sheet_id = item.data(SHEET_ROLE)
        sheet = self.ops.read(lambda: self.services.records.get(EvaluationSheet, sheet_id))
        if sheet is None:
            return
        self.editing = sheet.id
        self.org_combo.blockSignals(True)
        self.org_combo.setCurrentIndex(max(0, self.org_combo.findData(sheet.organisation_id)))
        self.org_combo.blockSignals(False)
        self._build_for_organisation()
        for sq, f, said in zip(self.questions, self.fields, self.meanings, strict=True):
            value = sheet.answers.get(sq.question.id)
            f.setText(shown(sq, value))
            said.setText(meaning(sq, value))

    def delete_sheet(self) -> None:
        if self.editing is None:
            return
        sheet_id, ev = self.editing, self.services.evaluations
        if self.ops.run(_("deletion of an evaluation sheet"), lambda: ev.delete_sheet(sheet_id)) is not None:
            self.ops.status(_("Sheet deleted — Ctrl+Z brings it back."))
            self.editing = None
            self._fill_list()
            self.new_sheet()
