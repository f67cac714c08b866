"""A list of records beside a form editing the selected one (phases, organisations, people).

Adding, deleting (undoable: the record is only marked) and reordering are operations on
the services' use cases; the list redraws when the change bus publishes a change of its
record types (its own edits, undo and redo, and other windows' changes alike).

Signals: RecordListModel has only Qt's own; ListFormView.changed() after any stored change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verkstad.i18n import _
from verkstad.ui.forms import FieldSpec, RecordForm
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import FollowsBus, Operations, UndoStep, touches


class RecordListModel(QAbstractListModel):
    """Records shown by a label function; the record itself is in Qt.UserRole."""

    def __init__(self, label: Callable[[Any], str], numbered: bool = False, parent=None) -> None:
        super().__init__(parent)
        self._label = label
        self._numbered = numbered
        self.items: list = []

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {self._label(item)}" if self._numbered else self._label(item)
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self.items) if r.id == record_id), -1)


class ListFormView(Retranslatable, FollowsBus, QWidget):
    """Signals: changed() after any stored change made here."""

    changed = Signal()

    def __init__(self, *, ops: Operations, record_type: type, specs: list[FieldSpec],
                 load: Callable[[], list], create: Callable[[], object],
                 store: Callable[..., object], delete: Callable[[str], object],
                 label: Callable[[Any], str], title: str, add_text: str, step_text: str,
                 move: Callable[[str, int], object] | None = None,
                 confirm_delete: Callable[[Any], bool] | None = None,
                 watch: tuple[type, ...] = (), parent=None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.record_type = record_type
        self._load = load
        self._create = create
        self._delete = delete
        self._move = move
        self._confirm_delete = confirm_delete
        self._label = label
        self._title = title
        self._add_text = add_text
        self._step_text = step_text  # N_ marked: "new phase", the undo step of the add button
        self._watch = (record_type, *watch)
        self.orderable = move is not None
        orderable = self.orderable

        self.heading = QLabel()
        self.heading.setObjectName("viewHeading")
        self.model = RecordListModel(label, orderable, self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton()
        self.delete_button.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_button.clicked.connect(self.delete)
        self.up_button = QPushButton()
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton()
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.up_button.setVisible(orderable)
        self.down_button.setVisible(orderable)
        self.form = RecordForm(record_type, specs, ops=ops, store=store, describe=label)
        self.form.edited.connect(self._edited)
        self.follow(ops.bus)
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)

        buttons = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch()
        self.button_row = buttons
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list)
        left_layout.addLayout(buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.form)
        right_layout.addWidget(self.empty_hint)
        right_layout.addStretch()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        splitter.setSizes([380, 700])
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.heading.setText(_(self._title))
        self.add_button.setText(_(self._add_text))
        self.delete_button.setText(_("Delete"))
        self.delete_button.setToolTip(_("Delete the selected item (Del); Edit → Undo brings it back"))
        self.up_button.setText(_("Move up"))
        self.down_button.setText(_("Move down"))
        self.empty_hint.setText(_("Select an item on the left, or add one."))
        self.refresh()

    # -- state ---------------------------------------------------------------------

    def selected(self):
        index = self.list.currentIndex()
        return self.model.data(index, Qt.ItemDataRole.UserRole) if index.isValid() else None

    def select(self, record_id: str | None) -> None:
        row = self.model.row_of(record_id) if record_id else -1
        if row < 0 and self.model.items:
            row = 0
        if row >= 0:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        else:
            self.form.load(None)
        self._update_buttons()

    def refresh(self) -> None:
        current = self.selected()
        self.model.set_items(self._load())
        self.select(current.id if current else None)

    def _current_changed(self, current: QModelIndex, _previous) -> None:
        record = self.model.data(current, Qt.ItemDataRole.UserRole) if current.isValid() else None
        self.form.load(record)
        self.empty_hint.setVisible(record is None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        row = self.list.currentIndex().row()
        self.delete_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self.model.items) - 1)

    def _edited(self, changes) -> None:
        self.changed.emit()

    def concerns(self, changes) -> bool:
        return touches(changes, *self._watch)

    def undo_target(self, changes) -> str | None:
        """The record of ours that an undo or redo changed and that is still there."""
        return next((c.id for c in changes if c.type is self.record_type and c.action != "deleted"), None)

    def select_target(self, target) -> None:
        self.select(target)

    def redraw(self, changes, initiator) -> None:
        edited = [c for c in changes if c.type is self.record_type and c.action == "updated"]
        if (not isinstance(initiator, UndoStep) and edited and len(edited) == len(changes)
                and all(self.model.row_of(c.id) >= 0 for c in edited)):
            for c in edited:  # a field edit: redraw that row only, keep the editors as they are
                row = self.model.row_of(c.id)
                self.model.items[row] = c.record
                self.model.dataChanged.emit(self.model.index(row), self.model.index(row))
            return
        self.refresh()

    # -- actions -------------------------------------------------------------------

    def add(self) -> None:
        changes = self.ops.run(_(self._step_text), self._create)
        if not changes:
            return
        self.refresh()
        self.select(changes[0].id)
        first = next(iter(self.form.editors.values()))
        first.setFocus()
        if hasattr(first, "selectAll"):
            first.selectAll()  # typing replaces "New organisation"
        self.changed.emit()

    def delete(self) -> None:
        record = self.selected()
        if record is None:
            return
        if self._confirm_delete is not None and not self._confirm_delete(record):
            return
        row = self.list.currentIndex().row()
        text = _("deletion of {name}").format(name=self._label(record))
        if self.ops.run(text, lambda: self._delete(record.id)) is None:
            return
        self.refresh()
        if self.model.items:
            self.select(self.model.items[min(row, len(self.model.items) - 1)].id)
        self.ops.status(_("Deleted {name}. Edit → Undo brings it back.").format(name=self._label(record)))
        self.changed.emit()

    def move_selected(self, step: int) -> None:
        """Move the selected record `step` places (not QWidget.move, which places the widget)."""
        record = self.selected()
        if record is None or self._move is None:
            return
        row = self.list.currentIndex().row()
        move = self._move
        if self.ops.run(_("move of {name}").format(name=self._label(record)),
                        lambda: move(record.id, row + step)) is None:
            return
        self.refresh()
        self.select(record.id)
        self.changed.emit()
