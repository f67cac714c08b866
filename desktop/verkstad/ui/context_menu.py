"""Context menus of item views (the navigation tree, the lists and the tables): each entry is an
operation the view already offers (a button, a key), greyed out where it cannot apply.

`ContextMenu(view, entries)` shows the menu of `entries()` on a right click (the row under the
pointer is selected by the click itself) and on the Menu key (for the current row, under it).
`build()` makes the same menu without showing it: tests trigger its actions.

No signals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu

from verkstad.i18n import _
from verkstad.ui import mnemonics


@dataclass(frozen=True)
class MenuEntry:
    """One entry: its text (translated, with its & letter), what it runs, whether it applies."""

    text: str
    run: Callable[[], object]
    enabled: bool = True
    separator_before: bool = False
    checked: bool | None = None  # a checkable entry (ticked or not) when not None


def ordered_entries(add: MenuEntry, delete: MenuEntry,
                    move: Callable[[int], object] | None = None, can_up: bool = False,
                    can_down: bool = False) -> list[MenuEntry]:
    """The menu of a list of records in an order (phases, agenda and checklist items,
    activities): add, delete, and, when it can be reordered, move up and move down."""
    entries = [add, delete]
    if move is not None:
        entries += [MenuEntry(_("Move up"), lambda: move(-1), can_up, separator_before=True),
                    MenuEntry(_("Move down"), lambda: move(+1), can_down)]
    return entries


def _connect(action, run: Callable[[], object]) -> None:
    action.triggered.connect(lambda _checked=False: run())


class ContextMenu(QObject):
    """The context menu of one item view; `entries()` is asked each time it opens."""

    def __init__(self, view: QAbstractItemView, entries: Callable[[], list[MenuEntry]]) -> None:
        super().__init__(view)
        self.view = view
        self._entries = entries
        # A click arrives at the viewport, the Menu key at the view (it has the focus).
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def build(self) -> QMenu:
        """The menu, each entry with a letter of its own (the translator's where it is free)."""
        menu = QMenu(self.view)
        entries = self._entries()
        taken: set[str] = set()
        texts: list[str | None] = []  # None: give it a free letter once the translators' are taken
        for entry in entries:
            letter = mnemonics.letter(entry.text)
            if letter is not None and letter not in taken:
                taken.add(letter)
                texts.append(entry.text)
            else:
                texts.append(None)
        for entry, text in zip(entries, texts, strict=True):
            if entry.separator_before and not menu.isEmpty():
                menu.addSeparator()
            action = menu.addAction(text if text is not None else mnemonics.with_letter(entry.text, taken))
            action.setEnabled(entry.enabled)
            if entry.checked is not None:
                action.setCheckable(True)
                action.setChecked(entry.checked)
            _connect(action, entry.run)
        return menu

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return False
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            at = event.globalPos()
        else:  # the Menu key: under the current row, or the view's corner
            rect = self.view.visualRect(self.view.currentIndex())
            viewport = self.view.viewport()
            at = viewport.mapToGlobal(rect.bottomLeft() if rect.isValid() else QPoint(8, 8))
        menu = self.build()
        if not menu.isEmpty():
            menu.exec(at)
        menu.deleteLater()
        return True
