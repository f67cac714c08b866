"""Edit → Cut, Copy, Paste and Select all of a window, acting on its focused text field: a line
(a form field, the editor open in a table cell, the text of a spin box or an editable combo box)
or a text box. Each is enabled only when it can apply: Cut and Copy with text selected, Paste
into an editable field while the clipboard holds text, Select all in a field with text.

The field keeps its own keys (Ctrl+C in a line is the line's); the actions are what the menu
offers, with the same standard shortcuts, and they follow the focus and the clipboard.

No signals.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaObject, QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from verkstad.i18n import _

TextField = QLineEdit | QPlainTextEdit | QTextEdit
Key = QKeySequence.StandardKey


def text_field(widget: QWidget | None) -> TextField | None:
    """The text field a focused widget edits, or None."""
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    if isinstance(widget, QComboBox):
        return widget.lineEdit() if widget.isEditable() else None
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return widget
    return None


def _selected(field: TextField) -> bool:
    if isinstance(field, QLineEdit):
        return field.hasSelectedText()
    return field.textCursor().hasSelection()


def _has_text(field: TextField) -> bool:
    return bool(field.text() if isinstance(field, QLineEdit) else field.toPlainText())


def _secret(field: TextField) -> bool:
    return isinstance(field, QLineEdit) and field.echoMode() != QLineEdit.EchoMode.Normal


class TextEditActions(QObject):
    """The four actions of one window; add them to its Edit menu with `add_to(menu)`."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.cut_action = self._action("cutAction", Key.Cut, self.cut)
        self.copy_action = self._action("copyAction", Key.Copy, self.copy)
        self.paste_action = self._action("pasteAction", Key.Paste, self.paste)
        self.select_all_action = self._action("selectAllAction", Key.SelectAll, self.select_all)
        self._watched: list[QMetaObject.Connection] = []
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        QGuiApplication.clipboard().dataChanged.connect(self.update)
        self.retranslate()
        self.update()

    def _action(self, name: str, key: QKeySequence.StandardKey, run) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.setShortcut(key)
        action.triggered.connect(lambda _checked=False: run())
        self.window.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        return [self.cut_action, self.copy_action, self.paste_action, self.select_all_action]

    def add_to(self, menu: QMenu) -> None:
        menu.addActions(self.actions())
        menu.aboutToShow.connect(self.update)

    def retranslate(self) -> None:
        self.cut_action.setText(_("Cu&t"))
        self.copy_action.setText(_("&Copy"))
        self.paste_action.setText(_("&Paste"))
        self.select_all_action.setText(_("Select &all"))

    # -- the focused field -----------------------------------------------------------

    def target(self) -> TextField | None:
        """The focused text field, if it is in this window."""
        field = text_field(QApplication.focusWidget())
        if field is None or field.window() is not self.window:
            return None
        return field

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        for connection in self._watched:
            QObject.disconnect(connection)
        self._watched = []
        field = text_field(new)
        if field is not None:
            self._watched = [field.selectionChanged.connect(self.update),
                             field.textChanged.connect(self.update)]
        self.update()

    def update(self) -> None:
        field = self.target()
        editable = field is not None and not field.isReadOnly()
        selected = field is not None and _selected(field)
        self.cut_action.setEnabled(editable and selected and not (field is not None and _secret(field)))
        self.copy_action.setEnabled(selected and not (field is not None and _secret(field)))
        self.paste_action.setEnabled(editable and bool(QGuiApplication.clipboard().text()))
        self.select_all_action.setEnabled(field is not None and _has_text(field))

    # -- the actions ---------------------------------------------------------------------

    def cut(self) -> None:
        if (field := self.target()) is not None and not field.isReadOnly():
            field.cut()

    def copy(self) -> None:
        if (field := self.target()) is not None:
            field.copy()

    def paste(self) -> None:
        if (field := self.target()) is not None and not field.isReadOnly():
            field.paste()

    def select_all(self) -> None:
        if (field := self.target()) is not None:
            field.selectAll()
