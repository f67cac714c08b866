"""Window sizes that fit the facilitator's screen: a laptop at 1024×600 gets a window that
fits (maximised), not one that reaches past the screen's edges."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def fit_to_screen(window: QWidget, width: int, height: int, *, margin: int = 40) -> None:
    """Resize `window` to width×height, or maximise it when the screen is smaller than that."""
    screen = window.screen()
    if screen is None:
        window.resize(width, height)
        return
    available = screen.availableGeometry()
    if available.width() < width + margin or available.height() < height + margin:
        window.resize(min(width, available.width()), min(height, available.height()))
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.resize(width, height)
