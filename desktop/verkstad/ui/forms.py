"""Editors bound to one field of a stored record: every edit is saved at once and undoable.

A `FieldSpec` declares a field (name, `N_` label, editor kind, choices); `RecordForm`
builds the editors, loads a record into them and, when the user finishes an edit, runs it
as one operation through the service's update use case (which holds the rules). A refused
edit shows the service's message in the window's banner and the stored value again.

A field's text in another language is a spec named "title@fi" (`translation_specs`): it edits
that entry of the record's `translations`, and its row shows only for the languages the form's
`languages(record)` names (those the programme uses besides the record's own).

Signals: RecordForm.edited(list[Change]) after a stored edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from verkstad.datetext import EntryError
from verkstad.domain.translatable import with_text
from verkstad.i18n import LANGUAGES, _, current
from verkstad.services.records import ChangedMeanwhile, expecting
from verkstad.ui.dates import DateEdit, TimeEdit
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import Operations


@dataclass
class FieldSpec:
    name: str
    label: str  # N_ marked; translated on display
    kind: str = "text"  # text | multiline | int | bool | date | time | choice | multichoice
    choices: Callable[[], list[tuple[str, object]]] | None = None  # (label, value), labels translated
    # height (multiline, multichoice), min and max (int); for a date, "default": a function of
    # the record giving the date its empty calendar opens at (None or absent: today)
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
                 languages: Callable[[Any], list[str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_type = record_type
        self.specs = specs
        self.ops = ops
        self.store = store
        self.describe = describe or (lambda r: getattr(r, "name", "") or getattr(r, "title", ""))
        self.record: Any = None  # an instance of record_type, or None
        self.languages = languages
        self._loading = False
        self._labels: dict[str, QLabel] = {}
        # The editor of each field; its kind (spec.kind) says which QWidget subclass it is.
        self.editors: dict[str, Any] = {}
        layout = self._layout = QFormLayout(self)
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
            date = DateEdit(default=partial(self._default_date, spec))
            date.editingFinished.connect(commit)
            return date
        if spec.kind == "time":
            time = TimeEdit()
            time.editingFinished.connect(commit)
            return time
        if spec.kind == "choice":
            combo = QComboBox()
            # as wide as the form gives it, not as its longest choice (an activity's whole title
            # made a case story's form 800 px wide); the list that opens shows each in full
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
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
            self._labels[spec.name].setText(_label(spec) + ":")
        if self.record is not None:
            self.load(self.record)

    def _default_date(self, spec: FieldSpec) -> dt.date | None:
        """The date an empty date field's calendar opens at (and dates typed without a year
        fall near): the spec's "default" of the record, else today."""
        default = spec.extra.get("default")
        return default(self.record) if default is not None and self.record is not None else None

    # -- loading and storing -------------------------------------------------------

    def load(self, record) -> None:
        self.record = record
        self._loading = True
        try:
            self.setEnabled(record is not None)
            shown = set(self.languages(record)) if self.languages is not None and record is not None else set()
            for spec in self.specs:
                if "@" in spec.name:
                    self._layout.setRowVisible(self.editors[spec.name], spec.name.split("@")[1] in shown)
                self._set_value(spec, None if record is None else _stored(record, spec.name))
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
                w.setDate(value)
            elif spec.kind == "time":
                w.setTime(value)
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
            return w.date()  # EntryError for text that is not a date
        if spec.kind == "time":
            return w.time()
        if spec.kind == "choice":
            return w.currentData()
        if spec.kind == "multichoice":
            return [w.item(i).data(256) for i in range(w.count())
                    if w.item(i).checkState() == _checked(True)]
        raise ValueError(spec.kind)

    def _commit(self, spec: FieldSpec) -> None:
        if self._loading or self.record is None:
            return
        record = self.record
        text = _("change of {field}: {record}").format(field=_label(spec).lower(), record=self.describe(record))
        try:
            new = self.value(spec.name)
        except EntryError as refused:  # typed text that is no value: refused like a rule
            # Nothing is stored; the text stays in the field (marked, its tooltip says why) for
            # the user to correct, not replaced by the stored value.
            self.ops.error(str(refused))
            return
        if _stored(record, spec.name) == new:
            return
        values = {spec.name: new}
        if "@" in spec.name:
            name, language = spec.name.split("@")
            values = {"translations": with_text(record.translations, name, language, new)}
        overtaken: list[ChangedMeanwhile] = []

        def store() -> object:
            # what this form showed: a field someone else changed since is not written over
            try:
                with expecting(self.record_type, record.id, {k: getattr(record, k) for k in values}):
                    return self.store(record.id, **values)
            except ChangedMeanwhile as exc:
                overtaken.append(exc)
                raise

        changes = self.ops.run(text, store)
        if changes is None:  # refused: the banner says why; show what is stored
            if overtaken:  # another facilitator's or window's value: the form shows it now
                self.load(overtaken[0].record)
                return
            self._set_value(spec, _stored(self.record, spec.name))
            return
        mine = next((c for c in changes if c.id == record.id and c.record is not None), None)
        if mine is not None:
            self.record = mine.record
        self.edited.emit(changes)


def _label(spec: FieldSpec) -> str:
    """The field's label in the interface language; for its text in another language "Title (Finnish)"."""
    if "@" in spec.name:
        return _("{field} ({language})").format(field=_(spec.label), language=language_name(spec.name.split("@")[1]))
    return _(spec.label)


def _stored(record, name: str):
    """What the record holds for a spec: its field, or for "title@fi" that translation ("")."""
    if "@" in name:
        field_name, language = name.split("@")
        return record.translations.get(field_name, {}).get(language, "")
    return getattr(record, name)


def translation_specs(name: str, label: str, kind: str = "text", **extra) -> list[FieldSpec]:
    """The field `name` in each of the five languages: rows a form shows for the languages its
    record's programme uses (`RecordForm(languages=...)`)."""
    return [FieldSpec(f"{name}@{lang}", label, kind, extra=dict(extra)) for lang in LANGUAGES]


def language_name(code: str) -> str:
    """A language's name in the interface's language ("finsk" in Danish)."""
    from babel import Locale

    return Locale.parse(current().locale).languages.get(code, LANGUAGES.get(code, code))


def _checked(on: bool):
    from PySide6.QtCore import Qt

    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
