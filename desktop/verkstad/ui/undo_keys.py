"""Ctrl+Z reaches the window's Undo when the focused text field has nothing of its own to undo.

A QLineEdit (also the one inside a date or time editor) claims Ctrl+Z and Ctrl+Shift+Z for its
own typing history even when that history is empty, so after an edit is stored and the focus
has moved on to another field, Edit → Undo's shortcut did nothing. With this filter installed
on the application, the field keeps the keys only while it can undo (or redo) its own typing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit


class UndoFallsThrough(QObject):
    """An application-wide event filter; see the module's docstring."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo)
        if not (undo or redo):
            return False
        field = obj.lineEdit() if isinstance(obj, QAbstractSpinBox) else obj
        if not isinstance(field, QLineEdit) or field.isReadOnly():
            return False
        own = field.isUndoAvailable() if undo else field.isRedoAvailable()
        if own:
            return False
        event.ignore()  # not overridden: the window's shortcut takes it
        return True


def install(app: QApplication) -> None:
    """Install the filter once per application."""
    if app.property("verkstadUndoKeys"):
        return
    keeper = UndoFallsThrough(app)
    app.installEventFilter(keeper)
    app.setProperty("verkstadUndoKeys", True)
