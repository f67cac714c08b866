"""Widgets that retranslate themselves when the interface language changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslatable:
    """Mix into a QWidget (before it in the bases) that has `retranslate_ui()`: Qt's
    LanguageChange event, sent to every widget on a language switch, calls it."""

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
