"""The dialog that shows a bug: what happened, and a report the user can copy (stub)."""

from __future__ import annotations

import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from verkstad.i18n import _


def show_bug(parent: QWidget | None, exc: BaseException) -> None:
    text = "".join(traceback.format_exception(exc))
    box = QMessageBox(QMessageBox.Icon.Critical, _("Verkstad"), _("Something went wrong inside Verkstad."),
                      parent=parent)
    box.setDetailedText(text)
    box.open()
