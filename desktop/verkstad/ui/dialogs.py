"""Opening a view's window-modal dialog (a progress update, a meeting series, a step of an
agreement version): one at a time per view, the one before it deleted. No signals."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


def open_dialog(owner, dialog: D) -> D:
    """Open `dialog` window-modal (`open()` returns at once) as `owner.dialog`, replacing and
    deleting the one `owner` had open before; returns it."""
    if owner.dialog is not None:
        owner.dialog.deleteLater()
    owner.dialog = dialog
    dialog.open()
    return dialog
