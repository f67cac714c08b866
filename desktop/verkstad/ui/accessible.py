"""Accessible names and descriptions of a window's controls, derived from what a sighted user sees.

`name_controls(root)` gives every control under `root` (a widget that takes the focus, and every
button) the name a screen reader announces, where the code set none: its label (the QLabel whose
buddy it is, or its row's label in a QFormLayout), a button's or a check box's text without the &
of its mnemonic, a group box's title, a field's placeholder text; a table, tree or list (and a
tab bar) is named by its tab, its group box, its dock's title or its view's heading (objectName
"viewHeading"), a tab bar else by its tabs; and, where nothing else is seen, by its tooltip (an
icon-only button). Its tooltip becomes its description (`describe(widget)` again for a widget
whose tooltip changes with its state). A control that shows no text at all gets a translated
name in its own `retranslate_ui()`.

A name or description set by code is never replaced: the ones derived here are remembered (in a
dynamic property), and only those follow the texts. `mnemonics.keep(view)` runs this after the
view's mnemonics, when it is shown and after each language switch (its widgets' retranslate_ui
first).

No signals.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QLabel,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)

DERIVED_NAME = "verkstadDerivedName"  # the name set here last: still ours while the widget has it
DERIVED_DESCRIPTION = "verkstadDerivedDescription"
_MNEMONIC = re.compile(r"&(.)")
_TAGS = re.compile(r"<[^>]+>")


def bare(text: str) -> str:
    """A text as it is read out: no mnemonic mark ("&&" is one "&"), no markup, one line."""
    return " ".join(_TAGS.sub(" ", _MNEMONIC.sub(r"\1", text)).split()).rstrip(":").strip()


def controls(root: QWidget) -> list[QWidget]:
    """The widgets under `root` (and itself) that a user reaches: focusable ones and buttons."""
    return [w for w in [root, *root.findChildren(QWidget)]
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(w, QAbstractButton)]


def _labels(root: QWidget) -> dict[QWidget, str]:
    """Each labelled field's label text: QLabel buddies, then the label of its QFormLayout row."""
    found: dict[QWidget, str] = {}
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.text():
            found.setdefault(buddy, label.text())
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = field.widget() if field is not None else None
            if widget is not None and isinstance(caption := form.labelForField(widget), QLabel) and caption.text():
                found.setdefault(widget, caption.text())
    return found


def _heading(widget: QWidget) -> str:
    """The nearest text naming a region: its tab, its group box, its dock, its view's heading."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QGroupBox) and parent.title():
            return parent.title()
        if isinstance(parent, QDockWidget) and parent.windowTitle():
            return parent.windowTitle()
        stack = parent.parentWidget()
        tabs = stack.parentWidget() if stack is not None else None
        if isinstance(tabs, QTabWidget) and (i := tabs.indexOf(parent)) >= 0:
            return tabs.tabText(i)
        heading = parent.findChild(QLabel, "viewHeading", Qt.FindChildOption.FindDirectChildrenOnly)
        if heading is not None and heading.text():
            return heading.text()
        parent = parent.parentWidget()
    return ""


def readable(text: str) -> bool:
    """Whether a text says something read out (not "", not only symbols such as "×" or "◀")."""
    return any(ch.isalnum() for ch in bare(text))


def derived_name(widget: QWidget, labels: dict[QWidget, str]) -> str:
    """The name a sighted user would give the control, "" when it shows none."""
    text = ""
    if isinstance(widget, QAbstractButton):
        text = widget.text()
        action = widget.defaultAction() if isinstance(widget, QToolButton) else None
        if not readable(text) and action is not None:
            text = action.text()  # "Previous item", as its menu says, for a "◀"
    if not readable(text):
        text = labels.get(widget, "")
    if not readable(text) and isinstance(widget, QGroupBox):
        text = widget.title()
    if not readable(text):
        placeholder = getattr(widget, "placeholderText", None)
        text = placeholder() if callable(placeholder) else ""
    if not readable(text) and isinstance(widget, (QAbstractScrollArea, QTabBar, QTabWidget)):
        text = _heading(widget)
    if not readable(text) and isinstance(widget, QTabBar):
        text = ", ".join(bare(widget.tabText(i)) for i in range(widget.count()))
    parent = widget.parentWidget()
    if not readable(text) and parent is not None and parent.focusProxy() is widget:
        text = parent.accessibleName()  # the editor inside a spin box or a combo box
    if not readable(text):
        text = widget.toolTip()
    return bare(text)


def _update(widget: QWidget, prop: str, current: str, value: str, setter) -> None:
    if current and current != widget.property(prop):
        return  # set by code
    if value != current:
        setter(value)
    widget.setProperty(prop, value)


def describe(widget: QWidget) -> None:
    """The widget's description from its tooltip (none where that is its name), unless set by code."""
    tip = bare(widget.toolTip())
    _update(widget, DERIVED_DESCRIPTION, widget.accessibleDescription(), tip if tip != widget.accessibleName() else "",
            widget.setAccessibleDescription)


def name_controls(root: QWidget) -> None:
    """Name and describe every control under `root` that the code left unnamed or undescribed."""
    labels = _labels(root)
    for widget in controls(root):
        _update(widget, DERIVED_NAME, widget.accessibleName(), derived_name(widget, labels), widget.setAccessibleName)
        describe(widget)
