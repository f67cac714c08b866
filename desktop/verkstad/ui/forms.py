"""Editors bound to one field of a stored record: every edit is saved at once and undoable.

A `FieldSpec` declares a field (name, `N_` label, editor kind, choices); `RecordForm`
builds the editors, loads a record into them and, when the user finishes an edit, runs it
as one operation through the service's update use case (which holds the rules). A refused
edit shows the service's message in the window's banner and the stored value again.

Signals: RecordForm.edited(list[Change]) after a stored edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from verkstad.i18n import _, current
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import Operations

NO_DATE = QDate(2000, 1, 1)  # shown as "—": the field is empty
NO_TIME = QTime(0, 0)


def qdate(value: dt.date | None) -> QDate:
    return NO_DATE if value is None else QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date | None:
    return None if value == NO_DATE or not value.isValid() else dt.date(value.year(), value.month(), value.day())


def qt_date_format() -> str:
    """The interface language's short date pattern in Qt's notation (Babel → Qt)."""
    from babel.dates import get_date_format

    pattern = get_date_format("short", locale=current().locale).pattern
    return pattern.replace("y", "yyyy").replace("yyyyyyyy", "yyyy").replace("yyyyyyyyyyyy", "yyyy")


@dataclass
class FieldSpec:
    name: str
    label: str  # N_ marked; translated on display
    kind: str = "text"  # text | multiline | int | bool | date | time | choice | multichoice
    choices: Callable[[], list[tuple[str, object]]] | None = None  # (label, value), labels translated
    extra: dict = field(default_factory=dict)


class _FocusOut(QObject):
    def __init__(self, callback) -> None:
        super().__init__()
        self._callback = callback

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class RecordForm(Retranslatable, QWidget):
    """A form over one record type. Signals: edited(object) with the stored changes.

    `store(id, **values)` is the service's update use case; `describe(record)` names the
    record in the undo step ("change of planned end: Kick-off meeting: Fjordby")."""

    edited = Signal(object)

    def __init__(self, record_type: type, specs: list[FieldSpec], *, ops: Operations,
                 store: Callable[..., object], describe: Callable[[Any], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_type = record_type
        self.specs = specs
        self.ops = ops
        self.store = store
        self.describe = describe or (lambda r: getattr(r, "name", "") or getattr(r, "title", ""))
        self.record: Any = None  # an instance of record_type, or None
        self._loading = False
        self._labels: dict[str, QLabel] = {}
        # The editor of each field; its kind (spec.kind) says which QWidget subclass it is.
        self.editors: dict[str, Any] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Never taller than its rows: spare height goes to the view's stretch, not between rows.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._filters: list[_FocusOut] = []
        for spec in specs:
            editor = self._make_editor(spec)
            editor.setObjectName(f"field_{spec.name}")
            label = QLabel()
            label.setBuddy(editor)
            self._labels[spec.name] = label
            self.editors[spec.name] = editor
            layout.addRow(label, editor)
        self.retranslate_ui()
        self.setEnabled(False)

    # -- building -------------------------------------------------------------

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        commit = lambda *_a, s=spec: self._commit(s)  # noqa: E731
        if spec.kind == "text":
            line = QLineEdit()
            line.editingFinished.connect(commit)
            return line
        if spec.kind == "multiline":
            plain = QPlainTextEdit()
            plain.setTabChangesFocus(True)
            plain.setMaximumHeight(spec.extra.get("height", 90))
            f = _FocusOut(commit)
            plain.installEventFilter(f)
            self._filters.append(f)
            return plain
        if spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(spec.extra.get("min", 0), spec.extra.get("max", 10_000))
            spin.editingFinished.connect(commit)
            return spin
        if spec.kind == "bool":
            check = QCheckBox()
            check.toggled.connect(commit)
            return check
        if spec.kind == "date":
            date = QDateEdit()
            date.setCalendarPopup(True)
            date.setMinimumDate(NO_DATE)
            date.setSpecialValueText("—")
            date.editingFinished.connect(commit)
            return date
        if spec.kind == "time":
            time = QTimeEdit()
            time.setDisplayFormat("HH:mm")
            time.editingFinished.connect(commit)
            return time
        if spec.kind == "choice":
            combo = QComboBox()
            combo.activated.connect(commit)
            return combo
        if spec.kind == "multichoice":
            checklist = QListWidget()
            checklist.setMaximumHeight(spec.extra.get("height", 110))
            checklist.itemChanged.connect(commit)
            return checklist
        raise ValueError(spec.kind)

    def retranslate_ui(self) -> None:
        for spec in self.specs:
            self._labels[spec.name].setText(_(spec.label) + ":")
            editor = self.editors[spec.name]
            if isinstance(editor, QDateEdit):
                editor.setDisplayFormat(qt_date_format())
        if self.record is not None:
            self.load(self.record)

    # -- loading and storing -------------------------------------------------------

    def load(self, record) -> None:
        self.record = record
        self._loading = True
        try:
            self.setEnabled(record is not None)
            for spec in self.specs:
                self._set_value(spec, None if record is None else getattr(record, spec.name))
        finally:
            self._loading = False

    def _set_value(self, spec: FieldSpec, value) -> None:
        w = self.editors[spec.name]
        w.blockSignals(True)
        try:
            if spec.kind == "text":
                w.setText(value or "")
                w.setCursorPosition(0)
            elif spec.kind == "multiline":
                if w.toPlainText() != (value or ""):
                    w.setPlainText(value or "")
            elif spec.kind == "int":
                w.setValue(int(value or 0))
            elif spec.kind == "bool":
                w.setChecked(bool(value))
            elif spec.kind == "date":
                w.setDate(qdate(value))
            elif spec.kind == "time":
                w.setTime(QTime(value.hour, value.minute) if value else NO_TIME)
            elif spec.kind == "choice":
                assert spec.choices is not None, spec.name
                w.clear()
                for label, data in spec.choices():
                    w.addItem(label, data)
                index = w.findData(value)
                w.setCurrentIndex(index)
            elif spec.kind == "multichoice":
                assert spec.choices is not None, spec.name
                w.clear()
                for label, data in spec.choices():
                    item = QListWidgetItem(label)
                    item.setData(256, data)
                    item.setCheckState(
                        _checked(data in (value or []))
                    )
                    w.addItem(item)
        finally:
            w.blockSignals(False)

    def value(self, name: str):
        spec = next(s for s in self.specs if s.name == name)
        w = self.editors[name]
        if spec.kind == "text":
            return w.text().strip()
        if spec.kind == "multiline":
            return w.toPlainText()
        if spec.kind == "int":
            return w.value()
        if spec.kind == "bool":
            return w.isChecked()
        if spec.kind == "date":
            return pydate(w.date())
        if spec.kind == "time":
            t = w.time()
            return dt.time(t.hour(), t.minute())
        if spec.kind == "choice":
            return w.currentData()
        if spec.kind == "multichoice":
            return [w.item(i).data(256) for i in range(w.count())
                    if w.item(i).checkState() == _checked(True)]
        raise ValueError(spec.kind)

    def _commit(self, spec: FieldSpec) -> None:
        if self._loading or self.record is None:
            return
        new = self.value(spec.name)
        if getattr(self.record, spec.name) == new:
            return
        record = self.record
        text = _("change of {field}: {record}").format(field=_(spec.label).lower(), record=self.describe(record))
        changes = self.ops.run(text, lambda: self.store(record.id, **{spec.name: new}))
        if changes is None:  # refused: the banner says why; show what is stored
            self._set_value(spec, getattr(self.record, spec.name))
            return
        mine = next((c for c in changes if c.id == record.id and c.record is not None), None)
        if mine is not None:
            self.record = mine.record
        self.edited.emit(changes)


def _checked(on: bool):
    from PySide6.QtCore import Qt

    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
