"""A list of records beside a form editing the selected one (phases, organisations, people).

Adding, deleting (undoable: the record is only marked) and reordering are operations on
the services' use cases, also from the list's context menu, and an orderable list's records
are dragged to another place (one move, one undo step); the list redraws when the change bus
publishes a change of its record types (its own edits, undo and redo, and other windows'
changes alike). A list may show its records in groups under section headers (people by
organisation).

Signals: RecordListModel has only Qt's own; ListFormView.changed() after any stored change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verkstad.i18n import _
from verkstad.ui import mnemonics
from verkstad.ui.context_menu import ContextMenu, MenuEntry, ordered_entries
from verkstad.ui.forms import FieldSpec, RecordForm
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import FollowsBus, Operations, UndoStep, touches
from verkstad.ui.reorder import Reorderable, Reordering, enable_drag

# Records under section headers: (header, records of that group), in the order shown.
Groups = Callable[[list], list[tuple[str, list]]]


class RecordListModel(Reorderable, QAbstractListModel):
    """Records shown by a label function; the record itself is in Qt.UserRole. With `groups`,
    each group of records follows its header, a row that cannot be selected."""

    def __init__(self, label: Callable[[Any], str], numbered: bool = False, parent=None,
                 groups: Groups | None = None) -> None:
        super().__init__(parent)
        self._label = label
        self._numbered = numbered
        self._groups = groups
        self.items: list = []  # the records, in the order shown
        self._rows: list[tuple[str, Any]] = []  # each row: (header, None) or ("", record)

    def _layout(self, items: list) -> tuple[list, list[tuple[str, Any]]]:
        if self._groups is None:
            return list(items), [("", r) for r in items]
        ordered: list = []
        rows: list[tuple[str, Any]] = []
        for header, records in self._groups(list(items)):
            if records:
                rows.append((header, None))
                rows += [("", r) for r in records]
                ordered += records
        return ordered, rows

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self.items, self._rows = self._layout(items)
        self.endResetModel()

    def replace(self, record) -> bool:
        """Show an edited record in its row; False when the edit moves it to another group
        (read the records again then)."""
        row = self.row_of(record.id)
        if row < 0:
            return False
        ordered, rows = self._layout([record if r.id == record.id else r for r in self.items])
        if [(h, getattr(r, "id", None)) for h, r in rows] != [(h, getattr(r, "id", None)) for h, r in self._rows]:
            return False
        self.items, self._rows = ordered, rows
        self.dataChanged.emit(self.index(row), self.index(row))
        return True

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index):
        if not index.isValid():
            return self.reorder_flags(index)
        if not 0 <= index.row() < len(self._rows) or self._rows[index.row()][1] is None:
            return Qt.ItemFlag.ItemNeverHasChildren  # a header: neither selected nor current
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
                | self.reorder_flags(index))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        header, item = self._rows[index.row()]
        if item is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return header
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {self._label(item)}" if self._numbered else self._label(item)
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    def headers(self) -> list[str]:
        """The section headers, in the order shown."""
        return [h for h, r in self._rows if r is None]

    def row_of(self, record_id: str) -> int:
        """The model row showing that record, -1 when none does."""
        return next((i for i, (_h, r) in enumerate(self._rows) if r is not None and r.id == record_id), -1)

    def position_of(self, record_id: str) -> int:
        """The record's place among the records (headers not counted), -1 when not shown."""
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
                 watch: tuple[type, ...] = (), groups: Groups | None = None,
                 languages: Callable[[Any], list[str]] | None = None, scrolling: bool = False,
                 parent=None) -> None:
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
        self.model = RecordListModel(label, orderable, self, groups=groups)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list_menu = ContextMenu(self.list, self.menu_entries)
        if orderable:
            self.model.reordering = Reordering(record_type, lambda: self.model.items, self._owner, self.move_to)
            enable_drag(self.list)
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
        self.form = RecordForm(record_type, specs, ops=ops, store=store, describe=label, languages=languages)
        self.form.edited.connect(self._edited)
        self.follow(ops.bus)
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)

        # Two rows under the list (adding; deleting and ordering): in one row the phases' five
        # buttons took 500 px in Danish and squeezed the navigation to 128 px at 1024×600.
        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.add_button)
        self.button_row.addStretch()
        order_row = QHBoxLayout()
        for b in (self.delete_button, self.up_button, self.down_button):
            order_row.addWidget(b)
        order_row.addStretch()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list)
        left_layout.addLayout(self.button_row)
        left_layout.addLayout(order_row)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        if scrolling:  # a long form (a case story's eleven fields) scrolls rather than outgrow 1024×600
            area = QScrollArea()
            area.setObjectName("formScroll")
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(self.form)
            right_layout.addWidget(area, 1)
        else:
            right_layout.addWidget(self.form)
        right_layout.addWidget(self.empty_hint)
        if not scrolling:
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
        mnemonics.keep(self)

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
            row = self.model.row_of(self.model.items[0].id)  # the first record, under its header
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

    def _position(self) -> int:
        """The selected record's place among the records, -1 with none selected."""
        record = self.selected()
        return self.model.position_of(record.id) if record is not None else -1

    def _owner(self) -> str | None:
        """Whose records the list orders (the programme of the phases), for a drop to check."""
        reordering = self.model.reordering
        return reordering.owner_of(self.model.items[0]) if reordering and self.model.items else None

    def _update_buttons(self) -> None:
        row = self._position()
        has = row >= 0
        self.delete_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self.model.items) - 1)

    def menu_entries(self) -> list[MenuEntry]:
        """The list's context menu: the buttons' operations, where they apply."""
        return ordered_entries(MenuEntry(_(self._add_text), self.add),
                               MenuEntry(_("Delete"), self.delete, self.delete_button.isEnabled()),
                               self.move_selected if self.orderable else None,
                               self.up_button.isEnabled(), self.down_button.isEnabled())

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
        # A field edit: redraw that row only, keep the editors as they are; unless the record
        # moves to another group.
        if (not isinstance(initiator, UndoStep) and edited and len(edited) == len(changes)
                and all(self.model.row_of(c.id) >= 0 for c in edited)
                and all(self.model.replace(c.record) for c in edited)):
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
        row = self.model.position_of(record.id)
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
        if record is None:
            return
        self.move_to(record, self.model.position_of(record.id) + step)

    def move_to(self, record, position: int) -> bool:
        """Move a record to `position` (a button, a key or a drop): one operation."""
        move = self._move
        if move is None or not 0 <= position < len(self.model.items):
            return False
        if self.ops.run(_("move of {name}").format(name=self._label(record)),
                        lambda: move(record.id, position)) is None:
            return False
        self.refresh()
        self.select(record.id)
        self.changed.emit()
        return True
