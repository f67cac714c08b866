"""The one line a facilitator types into: Enter stores, Tab switches kind, a multi-line paste splits."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

# Keys the line leaves to the window's actions while it is empty (undo of entries, delete entry).
_RELEASED_WHEN_EMPTY = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Delete,
)


class CaptureLine(QLineEdit):
    """A QLineEdit for capture mode.

    Signals:
        submitted(text: str): Enter or Return was pressed.
        linesPasted(text: str): text of more than one line was pasted or dropped.
        navigate(step: int): Up (-1) or Down (+1), to select entries above.
        kindCycled(step: int): Tab (+1) or Shift+Tab (-1) switches the kind of the next entry.
        escaped(): Escape was pressed.
    """

    submitted = Signal(str)
    linesPasted = Signal(str)
    navigate = Signal(int)
    kindCycled = Signal(int)
    escaped = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setClearButtonEnabled(False)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Tab and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.kindCycled.emit(1)
                return True
            if key == Qt.Key.Key_Backtab:
                self.kindCycled.emit(-1)
                return True
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and not self.text()
                and any(event.matches(seq) for seq in _RELEASED_WHEN_EMPTY)):
            event.ignore()
            return False  # let the window's shortcut have it
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and not self.hasSelectedText() and event.matches(QKeySequence.StandardKey.Copy)):
            event.ignore()
            return False  # nothing selected here: Edit → Copy copies the selected entry
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.submitted.emit(self.text())
            return
        if key == Qt.Key.Key_Up and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.navigate.emit(-1)
            return
        if key == Qt.Key.Key_Down and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.navigate.emit(1)
            return
        if key == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        super().keyPressEvent(event)

    def paste_text(self, text: str) -> None:
        """Insert pasted text; several lines go out as `linesPasted` instead, one entry each."""
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            self.linesPasted.emit(text)
        elif lines:
            self.insert(lines[0].strip() if not self.text() else lines[0])

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() == "edit-paste":
                action.triggered.disconnect()
                action.triggered.connect(lambda: self.paste_text(QGuiApplication.clipboard().text()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasText():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        if event.mimeData().hasText() and len(event.mimeData().text().strip().splitlines()) > 1:
            self.linesPasted.emit(event.mimeData().text())
            event.acceptProposedAction()
            return
        super().dropEvent(event)
