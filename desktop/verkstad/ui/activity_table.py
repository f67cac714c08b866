"""The table of the activity plan: its columns, the Qt model over the plan's rows, the editors
of its cells and the proxy that sorts it (empty values last).

The model stores an edit through its view's `store(activity_id, field, value)`, one operation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from verkstad.datetext import EntryError
from verkstad.domain.model import (
    ACTIVITY_STATUS_TITLES,
    IMPACT_TITLES,
    PARTY_TITLES,
    ActivityStatus,
    Impact,
    Party,
)
from verkstad.i18n import N_, _, current
from verkstad.services.activities import PlanRow
from verkstad.ui.dates import DateEdit, HoursSpinBox
from verkstad.ui.reorder import Reorderable

if TYPE_CHECKING:
    from verkstad.ui.activities import ActivityPlanView

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ALERT = QColor("#b3261e")


@dataclass(frozen=True)
class Col:
    key: str  # the Activity field, or a computed name
    header: str  # N_ marked
    kind: str  # readonly | text | hours | date | choice
    nullable: bool = False  # Delete clears it


COLUMNS = (
    Col("position", N_("#"), "readonly"),
    Col("title", N_("Activity"), "text"),
    Col("theme_id", N_("Theme"), "choice", True),
    Col("responsible", N_("Responsible"), "choice"),
    Col("responsible_person_id", N_("Person"), "choice", True),
    Col("team_hours", N_("Team hours"), "hours"),
    Col("org_hours", N_("Org. hours"), "hours"),
    Col("start_date", N_("Start"), "date", True),
    Col("deadline", N_("Deadline"), "date", True),
    Col("status", N_("Status"), "choice"),
    Col("impact", N_("Impact"), "choice", True),
    Col("sources", N_("From meeting"), "readonly"),
)
COLUMN = {c.key: i for i, c in enumerate(COLUMNS)}


def hours_text(value: float) -> str:
    """Hours in the interface language's number format: "0", "1,5" (da), "1.5" (en)."""
    return current().number(value or 0, 1)


class ActivityTableModel(Reorderable, QAbstractTableModel):
    """Rows are `PlanRow`s; edits go through `store(row, field, value)`; rows are dragged to
    another place while the table is sorted by position (`ui.reorder`)."""

    def __init__(self, view: ActivityPlanView) -> None:
        super().__init__(view)
        self.view = view
        self.rows: list[PlanRow] = []

    def set_rows(self, rows: list[PlanRow]) -> None:
        """Show `rows`; the same activities in the same order update in place (editors and
        selection stay), anything else resets the model."""
        if rows and [r.activity.id for r in rows] == [r.activity.id for r in self.rows]:
            self.rows = list(rows)
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section].header)
        return None

    def flags(self, index):
        if not index.isValid():
            return self.reorder_flags(index)
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | self.reorder_flags(index)
        return base if COLUMNS[index.column()].kind == "readonly" else base | Qt.ItemFlag.ItemIsEditable

    def choices(self, key: str) -> list[tuple[str, object]]:
        """(label, value) pairs for a choice column, in the interface language."""
        if key == "theme_id":
            return [("—", None)] + [(t.name, t.id) for t in self.view.themes]
        if key == "responsible":
            return [(_(PARTY_TITLES[p]), p.value) for p in Party]
        if key == "responsible_person_id":
            return [("—", None)] + [(p.name, p.id) for p in self.view.people]
        if key == "status":
            return [(_(ACTIVITY_STATUS_TITLES[s]), s.value) for s in ActivityStatus]
        if key == "impact":
            return [("—", None)] + [(_(IMPACT_TITLES[i]), i.value) for i in Impact]
        return []

    def _display(self, row: PlanRow, col: Col):
        a = row.activity
        value: Any = getattr(a, col.key, None)  # the column's field, of whatever type it has
        if col.key == "position":
            return str(a.position + 1)
        if col.kind == "hours":
            return hours_text(value)
        if col.kind == "date":
            return current().date(value, "short")
        if col.key == "theme_id":
            return row.theme
        if col.key == "responsible_person_id":
            return row.person
        if col.key == "responsible":
            return _(PARTY_TITLES.get(value, value or ""))
        if col.key == "status":
            text = _(ACTIVITY_STATUS_TITLES.get(value, value or ""))
            if row.late:
                text = _("{status}, late").format(status=text)
            return text
        if col.key == "impact":
            return _(IMPACT_TITLES[value]) if value in IMPACT_TITLES else ""
        if col.key == "sources":
            return str(len(row.sources)) if row.sources else ""
        return value or ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], COLUMNS[index.column()]
        a = row.activity
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return getattr(a, col.key, None)
        if role == SORT_ROLE:
            if col.key in ("theme_id", "responsible_person_id", "responsible", "status", "impact"):
                return self._display(row, col).casefold()
            if col.kind == "date":
                return (getattr(a, col.key) or dt.date.max).toordinal()
            if col.key == "sources":
                return len(row.sources)
            value = getattr(a, col.key, None)
            return value.casefold() if isinstance(value, str) else value
        if role == Qt.ItemDataRole.ForegroundRole and row.late and col.key in ("status", "deadline"):
            return QBrush(ALERT)
        if role == Qt.ItemDataRole.FontRole and col.key == "title" and row.ready:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind == "hours":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = []
            if row.ready:
                tips.append(_("In an approved agreement: ready to start."))
            if row.late:
                tips.append(_("Late: the deadline has passed and the activity is not done."))
            if col.key == "sources" and row.sources:
                tips += [e.text for e in row.sources]
            if col.key == "title" and a.description:
                tips.append(a.description)
            return "\n".join(tips) or None
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, col = self.rows[index.row()], COLUMNS[index.column()]
        if col.kind == "readonly":
            return False
        if col.kind == "text":
            value = str(value).strip()  # an empty title is refused by the service
        if getattr(row.activity, col.key) == value:
            return False
        return self.view.store(row.activity.id, col.key, value)


class ActivityDelegate(QStyledItemDelegate):
    """Spin boxes for hours (in the locale's number format), date fields that take typing
    (an empty cell too; clearing the text clears the date), combo boxes for choices."""

    def __init__(self, model: ActivityTableModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self._refused: dict[QPersistentModelIndex, str] = {}  # a cell's text that was no date

    def createEditor(self, parent, option, index):
        col = COLUMNS[index.column()]
        if col.kind == "hours":
            return HoursSpinBox(parent)
        if col.kind == "date":
            # An empty deadline's calendar opens at the activity's start; an empty start at today.
            start = index.siblingAtColumn(COLUMN["start_date"]).data(Qt.ItemDataRole.EditRole)
            date_edit = DateEdit(parent, default=lambda: start if col.key == "deadline" else None)
            date_edit.date_chosen.connect(lambda: self._chosen(date_edit))
            return date_edit
        if col.kind == "choice":
            combo = QComboBox(parent)
            for label, value in self.model.choices(col.key):
                combo.addItem(label, value)
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor, index):
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, HoursSpinBox):
            editor.setValue(float(value or 0))
        elif isinstance(editor, DateEdit):
            editor.setDate(value)
            refused = self._refused.pop(QPersistentModelIndex(index), None)
            if refused is not None:  # opened again to correct what was typed
                editor.setText(refused)
                editor.check()
        elif isinstance(editor, QComboBox):
            if value is not None and editor.findData(value) < 0:  # stored, but no longer a choice
                editor.addItem(str(index.data(Qt.ItemDataRole.DisplayRole) or "?"), value)
            editor.setCurrentIndex(max(0, editor.findData(value)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, HoursSpinBox):
            editor.interpretText()
            model.setData(index, editor.value())
        elif isinstance(editor, DateEdit):
            try:
                value = editor.date()
            except EntryError as refused:  # not a date: the banner says what to type; nothing stored
                self.model.view.ops.error(str(refused))
                self._open_again(index, editor.text())
                return
            model.setData(index, value)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)

    def _open_again(self, index, text: str) -> None:
        """Open the cell again with the refused text in it, marked, so that a typo is corrected
        rather than the whole date typed again (Esc then gives up)."""
        key = QPersistentModelIndex(index)
        self._refused[key] = text
        table = self.model.view.table

        def reopen() -> None:
            if key.isValid():
                cell = table.model().index(key.row(), key.column())
                table.setCurrentIndex(cell)
                table.edit(cell)
            else:
                self._refused.pop(key, None)

        QTimer.singleShot(0, table, reopen)

    def updateEditorGeometry(self, editor, option, index) -> None:
        """As wide as the cell, or as the editor needs to show a whole date (never "01.06.2…")."""
        super().updateEditorGeometry(editor, option, index)
        if isinstance(editor, (DateEdit, HoursSpinBox)):
            rect = editor.geometry()
            rect.setWidth(max(rect.width(), editor.minimumSizeHint().width()))
            editor.setGeometry(rect)

    def _chosen(self, editor: DateEdit) -> None:
        """A date picked in the calendar is stored at once, and the cell is left."""
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)


class ActivitySortProxy(QSortFilterProxyModel):
    """Sorts on `SORT_ROLE`, empty values last."""

    def lessThan(self, left, right) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:  # empty values sort last
            return a is not None
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
