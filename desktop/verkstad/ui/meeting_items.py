"""The items of a meeting view's tables as operations: add an agenda or checklist item below the
selected one (its text open for typing over), edit a cell, delete, move (a button, Ctrl+↑/↓, a
drag, the context menu), tick Invited and Attended from the attendance table's menu; which of
these apply to the selection (the buttons and the menus' entries).

`MeetingItems` is mixed into `MeetingView`, which builds the tables and owns the state named in
the annotations below. No signals of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QPushButton, QTableView

from verkstad.domain.model import AgendaItem, ChecklistItem
from verkstad.i18n import _
from verkstad.services.records import Change
from verkstad.ui.context_menu import MenuEntry, ordered_entries
from verkstad.ui.tables import RecordTableModel

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from verkstad.services.planning import Planning
    from verkstad.ui.operations import Operations

Item = AgendaItem | ChecklistItem


class MeetingItems:
    """Operations on the agenda, checklist and attendance rows of the meeting shown."""

    planning: Planning
    ops: Operations
    meeting_id: str | None
    changed: SignalInstance
    agenda_table: QTableView
    agenda_model: RecordTableModel
    checklist_table: QTableView
    checklist_model: RecordTableModel
    attendance_table: QTableView
    attendance_model: RecordTableModel
    delete_item_button: QPushButton
    up_button: QPushButton
    down_button: QPushButton
    delete_check_button: QPushButton

    def _update(self, cls, row, field: str, **values):
        """One cell edit as an operation on the planning use case of its record type."""
        store = {AgendaItem: self.planning.update_agenda_item,
                 ChecklistItem: self.planning.update_checklist_item}[cls]
        name = getattr(row, "title", None) or getattr(row, "text", "")
        return self.ops.run(_("change of {field}: {record}").format(field=_(field), record=name),
                            lambda: store(row.id, **values))

    # -- adding, deleting, moving ---------------------------------------------------------

    def add_agenda_item(self) -> None:
        self._add(self.agenda_table, 2, _("new agenda item"),
                  lambda meeting_id, position: self.planning.add_agenda_item(
                      meeting_id, _("New item"), 15, position=position))

    def add_checklist_item(self) -> None:
        self._add(self.checklist_table, 1, _("new checklist item"),
                  lambda meeting_id, position: self.planning.add_checklist_item(
                      meeting_id, _("New preparation"), position=position))

    def _add(self, table: QTableView, column: int, text: str,
             add: Callable[[str, int | None], Change]) -> None:
        """A new item below the selected one (else at the end), its text open for typing over."""
        row = table.currentIndex().row()
        position = row + 1 if row >= 0 else None
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        changes = self.ops.run(text, lambda: add(meeting_id, position))
        if not changes:
            return
        model = self._model(table)
        new_row = next(i for i, r in enumerate(model.rows) if r.id == changes[0].id)
        index = model.index(new_row, column)
        table.setCurrentIndex(index)
        table.edit(index)
        self.changed.emit()

    @staticmethod
    def _model(table: QTableView) -> RecordTableModel:
        model = table.model()
        assert isinstance(model, RecordTableModel)  # every table of the view is built by _table()
        return model

    def _delete_selected(self, table: QTableView, cls) -> None:
        index = table.currentIndex()
        if not index.isValid():
            return
        record = self._model(table).rows[index.row()]
        delete = {AgendaItem: self.planning.delete_agenda_item,
                  ChecklistItem: self.planning.delete_checklist_item}[cls]
        name = getattr(record, "title", None) or getattr(record, "text", "")
        if self.ops.run(_("deletion of {name}").format(name=name), lambda: delete(record.id)) is not None:
            self.ops.status(_("Deleted {name}. Edit → Undo brings it back.").format(name=name))
            self.changed.emit()

    def move_agenda_item(self, step: int) -> None:
        self._move_selected(self.agenda_table, step)

    def move_checklist_item(self, step: int) -> None:
        self._move_selected(self.checklist_table, step)

    def _move_selected(self, table: QTableView, step: int) -> None:
        index = table.currentIndex()
        if index.isValid():
            self._move_to(self._model(table).rows[index.row()], index.row() + step)

    def _move_to(self, item: Item, position: int) -> bool:
        """Move an agenda or checklist item to `position` (a button, a key, a drop): one operation."""
        if isinstance(item, AgendaItem):
            table, move, name = self.agenda_table, self.planning.move_agenda_item, item.title
        else:
            table, move, name = self.checklist_table, self.planning.move_checklist_item, item.text
        model = self._model(table)
        if not 0 <= position < len(model.rows):
            return False
        if self.ops.run(_("move of {name}").format(name=name), lambda: move(item.id, position)) is None:
            return False
        table.selectionModel().setCurrentIndex(
            model.index(position, max(0, table.currentIndex().column())),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.changed.emit()
        return True

    # -- what applies to the selection: buttons and context menus ---------------------------

    def _update_item_buttons(self, *_args) -> None:
        """Delete and move apply to a selected item only, and move only where it can go."""
        row, count = self.agenda_table.currentIndex().row(), len(self.agenda_model.rows)
        self.delete_item_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.delete_check_button.setEnabled(self.checklist_table.currentIndex().isValid())

    def _item_menu(self, table: QTableView, cls, add_text: str, add) -> list[MenuEntry]:
        row, count = table.currentIndex().row(), table.model().rowCount()
        return ordered_entries(MenuEntry(add_text, add),
                               MenuEntry(_("Delete item"), lambda: self._delete_selected(table, cls), row >= 0),
                               lambda step: self._move_selected(table, step), row > 0, 0 <= row < count - 1)

    def _agenda_menu(self) -> list[MenuEntry]:
        return self._item_menu(self.agenda_table, AgendaItem, _("Add agenda item"), self.add_agenda_item)

    def _checklist_menu(self) -> list[MenuEntry]:
        return self._item_menu(self.checklist_table, ChecklistItem, _("Add checklist item"),
                               self.add_checklist_item)

    def _attendance_menu(self) -> list[MenuEntry]:
        """Tick or untick Invited and Attended of the selected person (the same operation as the
        table's check boxes)."""
        index = self.attendance_table.currentIndex()
        model = self.attendance_model
        entries = []
        for column in (i for i, c in enumerate(model.columns) if c.kind == "bool"):  # Invited, Attended
            cell = model.index(index.row(), column)  # invalid with no row selected
            ticked = cell.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            entries.append(MenuEntry(model.headerData(column, Qt.Orientation.Horizontal),
                                     self._toggle(cell, ticked), cell.isValid(), checked=ticked))
        return entries

    def _toggle(self, cell: QModelIndex, ticked: bool) -> Callable[[], object]:
        """Tick or untick a check box of the attendance table, as a click on it does."""
        state = Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked
        return lambda: self.attendance_model.setData(cell, state, Qt.ItemDataRole.CheckStateRole)
