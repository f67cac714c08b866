"""Widgets that retranslate themselves when the interface language changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    _Widget = QWidget
else:
    _Widget = object


class Retranslatable(_Widget):
    """Mix into a QWidget (before it in the bases) that has `retranslate_ui()`: Qt's
    LanguageChange event, sent to every widget on a language switch, calls it."""

    if TYPE_CHECKING:

        def retranslate_ui(self) -> None: ...

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
