"""Drag-and-drop reordering of ordered records: agenda and checklist items, activities, phases.

A Qt model that mixes in `Reorderable` and is given a `Reordering` offers its rows for dragging
with an internal MIME type carrying the record's type (its table name), its id and the record
its order belongs to (the meeting, organisation or programme: the registry's `siblings_of`). A
drop between two rows runs ONE operation, the view's `move(record, position)`, which calls the
service's move use case; one undo puts the record back. A drop of another type, of a record of
another meeting (or plan, or programme: a second window shows one), or from another application
is refused. `enable_drag(view)` sets an item view up for it.

No signals.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView

from verkstad.domain.registry import record_type

MIME_TYPE = "application/x-verkstad-reorder"

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Dragged:
    """What a drag carries: which record, of which type, ordered among whose records."""

    table: str  # the record type's table name
    record_id: str
    owner_id: str | None  # the value of the type's `siblings_of` field


def encode(dragged: Dragged) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps(
        {"type": dragged.table, "id": dragged.record_id, "owner": dragged.owner_id}).encode())
    return mime


def decode(mime: QMimeData | None) -> Dragged | None:
    """The dragged record, or None for anything that is not one of ours."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        data = json.loads(bytes(mime.data(MIME_TYPE).data()).decode())
        return Dragged(str(data["type"]), str(data["id"]), data["owner"])
    except (ValueError, KeyError, TypeError):
        return None


def target_position(from_row: int, drop_row: int, count: int) -> int | None:
    """The position a record at `from_row` takes when dropped before `drop_row` (-1: at the
    end); None when the drop leaves it where it is."""
    if not 0 <= drop_row <= count:
        drop_row = count
    target = drop_row - 1 if drop_row > from_row else drop_row
    return None if target == from_row else target


def _always() -> bool:
    return True


@dataclass
class Reordering:
    """How a model's rows are reordered: its records in row order, whose order they share
    (`owner`), and the view's move operation (True when it was stored)."""

    record_cls: type
    records: Callable[[], Sequence[Any]]
    owner: Callable[[], str | None]
    move: Callable[[Any, int], bool]
    enabled: Callable[[], bool] = _always  # e.g. only while the table is sorted by position

    @property
    def table(self) -> str:
        return record_type(self.record_cls).table

    def owner_of(self, record: Any) -> str | None:
        field = record_type(self.record_cls).siblings_of
        return getattr(record, field) if field else None


class Reorderable:
    """Mix into a QAbstractItemModel subclass (before the Qt class); set `reordering` and add
    `reorder_flags(index)` to its `flags()`. Rows are records; a drop lands between rows."""

    reordering: Reordering | None = None

    def reorder_flags(self, index: Index) -> Qt.ItemFlag:
        """Rows can be dragged; drops go between rows (on the root), never onto a row."""
        r = self.reordering
        if r is None or not r.enabled():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction if self.reordering else Qt.DropAction.IgnoreAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction if self.reordering else Qt.DropAction.IgnoreAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """The one dragged row's record (nothing to drop for anything else)."""
        r = self.reordering
        rows = sorted({i.row() for i in indexes if i.isValid()})
        records = r.records() if r is not None else []
        if r is None or len(rows) != 1 or not 0 <= rows[0] < len(records):
            return QMimeData()
        record = records[rows[0]]
        return encode(Dragged(r.table, record.id, r.owner_of(record)))

    def _dropped(self, mime: QMimeData | None, action: Qt.DropAction, parent: Index) -> tuple[Any, int] | None:
        """The dragged record and its row, when this model may take the drop."""
        r, dragged = self.reordering, decode(mime)
        if (r is None or dragged is None or not r.enabled() or action != Qt.DropAction.MoveAction
                or parent.isValid() or dragged.table != r.table or dragged.owner_id != r.owner()):
            return None
        records = list(r.records())
        row = next((i for i, rec in enumerate(records) if rec.id == dragged.record_id), -1)
        return (records[row], row) if row >= 0 else None

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return self._dropped(data, action, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        """Move the dragged record to where it was dropped: one operation, one undo step."""
        r, found = self.reordering, self._dropped(data, action, parent)
        if r is None or found is None:
            return False
        record, from_row = found
        target = target_position(from_row, row, len(r.records()))
        if target is None:
            return False
        return r.move(record, target)


def enable_drag(view: QAbstractItemView) -> None:
    """Let the view's rows be dragged to another place in the same view."""
    view.setDragEnabled(True)
    view.setAcceptDrops(True)
    view.viewport().setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setDragDropOverwriteMode(False)
    view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)
