"""A table model over stored records whose edits go through the services, and its delegates.

Columns are declared with `Column`: a header, how to show a row, and (for editable
columns) what kind of editor and which callback stores the new value.

Signals: RecordTableModel.stored(object) with the Change list of each stored edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QSpinBox, QStyledItemDelegate

from verkstad.i18n import _
from verkstad.ui.reorder import Reorderable


@dataclass
class Column:
    header: str  # N_ marked
    # The row callbacks take a row of the model (any record type), so they are typed with Any.
    show: Callable[[Any], object]  # value shown (str/int) or, for "bool", a bool
    kind: str = "readonly"  # readonly | text | int | bool | choice
    store: Callable[[Any, Any], object] | None = None  # (row, value) -> Change(s)
    choices: Callable[[], Sequence[tuple[str, object]]] | None = None  # (label, value), for "choice"
    value: Callable[[Any], object] | None = None  # the stored value behind a choice
    tooltip: Callable[[Any], str] | None = None
    alert: Callable[[Any], bool] | None = None  # show the cell in the warning colour


class RecordTableModel(Reorderable, QAbstractTableModel):
    """Rows are records (or any objects); columns are `Column`s; with a `reordering`, rows are
    dragged to another place (`ui.reorder`). Signals: stored(object)."""

    stored = Signal(object)

    def __init__(self, columns: list[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
                return _(self.columns[section].header)
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def flags(self, index):
        if not index.isValid():
            return self.reorder_flags(index)
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | self.reorder_flags(index)
        kind = self.columns[index.column()].kind
        if kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if kind != "readonly":
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        if column.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if column.show(row) else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if role == Qt.ItemDataRole.EditRole and column.value is not None:
                return column.value(row)
            return column.show(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.alert is not None and column.alert(row):
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind == "int":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        if column.store is None:
            return False
        if column.kind == "bool":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if column.kind == "text":
            value = str(value).strip()
        current = column.value(row) if column.value else column.show(row)
        if value == current:
            return False
        changes = column.store(row, value)
        if changes is None:  # refused (the window's banner says why) or failed
            return False
        self.stored.emit(changes)
        return True


class ColumnDelegate(QStyledItemDelegate):
    """Spin boxes for minutes, combo boxes for choices; the default editor otherwise."""

    def __init__(self, model: RecordTableModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent, option, index):
        column = self._model.columns[index.column()]
        if column.kind == "int":
            spin = QSpinBox(parent)
            spin.setRange(0, 24 * 60)
            spin.setSuffix(" " + _("min"))
            return spin
        if column.kind == "choice":
            combo = QComboBox(parent)
            for label, data in column.choices():
                combo.addItem(label, data)
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index):
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
