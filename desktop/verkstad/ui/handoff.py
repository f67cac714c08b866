"""The receiving side of verkstad/handoff.py: watch the open database's folder for requests
to open a programme file, and offer each one's import in the main window, raised."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from verkstad import handoff

if TYPE_CHECKING:
    from verkstad.ui.main_window import MainWindow

log = logging.getLogger("verkstad.handoff")


class HandoffWatcher(QObject):
    """Watches the folder of `database()` (the open database, which may change) and hands each
    requested file to `window().file_actions.offer_import`."""

    def __init__(self, window: Callable[[], MainWindow], database: Callable[[], Path | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window, self.database = window, database
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _folder: self.take())
        self.follow()

    def follow(self) -> None:
        """Watch the folder of the database open now (call after switching databases)."""
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        database = self.database()
        if database is not None:
            self.watcher.addPath(str(database.parent))
            QTimer.singleShot(0, self.take)  # a request left while this window was starting

    def take(self) -> None:
        database = self.database()
        if database is None:
            return
        for file in handoff.take(database):
            log.info("handed over by another start: %s", file)
            window = self.window()
            window.showNormal() if window.isMinimized() else None
            window.raise_()
            window.activateWindow()
            QTimer.singleShot(0, lambda file=file: self.window().file_actions.offer_import(file))
