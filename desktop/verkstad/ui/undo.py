"""Undo and redo of service changes: each `Change` becomes one QUndoCommand.

A view performs its edit through the service first (so it is stored at once), then
pushes the returned changes; undo applies the reverse through the same service.
Views listen to `QUndoStack.indexChanged` to redraw after undo or redo.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from verkstad.services.records import Change, Records, redo_change, undo_change


class ChangeCommand(QUndoCommand):
    """Already-applied changes, undone in reverse order and redone in order."""

    def __init__(self, records: Records, changes: list[Change], text: str) -> None:
        super().__init__(text)
        self._records = records
        self._changes = [c for c in changes if c.action != "updated" or c.after]
        self._applied = True  # the first redo() that QUndoStack.push() calls is a no-op

    def redo(self) -> None:
        if self._applied:
            return
        for change in self._changes:
            redo_change(self._records, change)
        self._applied = True

    def undo(self) -> None:
        for change in reversed(self._changes):
            undo_change(self._records, change)
        self._applied = False


def push(stack: QUndoStack | None, records: Records, changes: Change | list[Change], text: str) -> None:
    """Record already-applied changes on the undo stack (nothing when there was no change)."""
    changes = [changes] if isinstance(changes, Change) else list(changes)
    command = ChangeCommand(records, changes, text)
    if stack is not None and command._changes:
        stack.push(command)


class RedrawOnUndo:
    """For views that redraw themselves after undo or redo: a hidden view only marks
    itself stale and redraws when shown again, so it never reads a closed database.
    Mix into a QWidget that has `refresh()`; call `watch_undo(stack)` once."""

    redraws_on_undo = True
    _stale = False

    def watch_undo(self, stack: QUndoStack | None) -> None:
        if stack is not None:
            stack.indexChanged.connect(self._undo_index_changed)

    def _undo_index_changed(self, _index: int) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)
