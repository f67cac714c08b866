"""Which database the window works on: the recent databases and the last one (QSettings), and
the switch from the open database to another.

One Verkstad holds one database at a time (storage/db.py locks the file). A switch opens the
new file first, so a file that cannot be used (open elsewhere, damaged, another program's) is
refused with its StorageError message and the current database stays open. Only then are
the old database's capture windows closed (they store their drafts), a new main window is
built on the new services, with a new change bus and new histories (undo never reaches
across databases), and shown in the old one's place; the old services are closed once the
old window and its views are deleted.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from verkstad.i18n import _
from verkstad.services.hub import Services
from verkstad.services.servers import display_url, has_password, is_server_url
from verkstad.storage.errors import StorageError

if TYPE_CHECKING:
    from verkstad.ui.main_window import MainWindow

log = logging.getLogger("verkstad.databases")

RECENT = "state/recent_databases"
LAST = "state/last_database"
MAX_RECENT = 8


# -- the recent list ----------------------------------------------------------------------------

def recent_databases(settings: QSettings) -> list[Path]:
    """The databases opened last, newest first (missing files included: the menu shows them)."""
    value = settings.value(RECENT, [], type=list)
    return [Path(v) for v in value if isinstance(v, str) and v] if isinstance(value, list) else []


def remember(settings: QSettings, path: Path) -> None:
    """`path` was opened: first in the recent list, and the database the next start opens."""
    path = path.absolute()
    recent = [path, *(p for p in recent_databases(settings) if p != path)]
    settings.setValue(RECENT, [str(p) for p in recent[:MAX_RECENT]])
    settings.setValue(LAST, str(path))


def forget(settings: QSettings, path: Path) -> None:
    """Take `path` off the recent list (it no longer exists)."""
    settings.setValue(RECENT, [str(p) for p in recent_databases(settings) if p != path.absolute()])


def clear_recent(settings: QSettings) -> None:
    settings.setValue(RECENT, [])


def start_database(settings: QSettings, given: Path | str | None, default: Path) -> Path | str:
    """The database a start opens: the one given (`--db`: a file or a server's URL), else the last
    one opened if it still exists (a server without a password in its address: it is asked again),
    else `default`."""
    if given is not None:
        return given
    last = settings.value(LAST, "", type=str)
    if not isinstance(last, str):
        last = ""
    if last and is_server_url(last):
        return last
    if last and Path(last).is_file():
        return Path(last)
    if last:
        log.info("the last database %s is gone; opening %s", last, default)
    return default


def remember_server(settings: QSettings, url: str) -> None:
    """A server was connected to: the next start connects again, if its address holds no password
    (a password is never written to the settings; libpq's ~/.pgpass can hold it)."""
    if not has_password(url):
        settings.setValue(LAST, url)


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.absolute() == b.absolute()


# -- the switch -------------------------------------------------------------------------------

_boxes: set[QMessageBox] = set()  # open message boxes, kept alive until closed


def tell(parent: QWidget | None, text: str) -> QMessageBox:
    """A refusal in plain words, in a window-modal box that does not block the caller."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Verkstad"), text, QMessageBox.StandardButton.Close, parent)
    box.setObjectName("refusal")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _boxes.add(box)
    box.finished.connect(lambda _result: _boxes.discard(box))
    box.open()
    return box


class DatabaseSwitcher(QObject):
    """Holds the open database's services and the main window built on them; opens another
    database in their place (File → New database…, Open database…, Open recent).

    `prepare_window` is called with every main window built (e.g. to connect its
    language_requested signal). Signals: switched(MainWindow) once another database is open.
    """

    switched = Signal(object)

    def __init__(self, *, services: Services, settings: QSettings,
                 prepare_window: Callable[[MainWindow], object] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self._prepare_window = prepare_window
        self._closing: list[Services] = []  # old services, closed once their window is deleted
        if services.db.path is not None:
            remember(settings, services.db.path)
        self.window = self._build_window()

    def connect_server(self, url: str) -> bool:
        """Connect to the database on a server in place of the current one (File → Connect to a
        server…). False, having said why, when it cannot be reached: the current one stays open."""
        old_window = self.window
        try:
            services = Services.open(url, defer_orm=True)
        except StorageError as exc:
            log.info("cannot connect to %s: %s", display_url(url), exc.kind)
            tell(old_window, str(exc))
            return False
        log.info("connected to %s", services.db.label)
        remember_server(self.settings, url)
        self._replace(services)
        return True

    @property
    def path(self) -> Path | None:
        return self.services.db.path

    def _build_window(self) -> MainWindow:
        from verkstad.ui.main_window import MainWindow

        window = MainWindow(services=self.services, settings=self.settings)
        window.file_actions.database_requested.connect(self.switch)
        window.file_actions.server_requested.connect(self.connect_server)
        if self._prepare_window is not None:
            self._prepare_window(window)
        return window

    def switch(self, path: str, create: bool = False) -> bool:
        """Open (or, with `create`, make) the database at `path` in place of the current one.
        False, having said why, when it cannot be opened: the current database stays open."""
        target = Path(path).absolute()
        old_window = self.window
        if self.path is not None and same_file(target, self.path):
            old_window.show_status(_("“{path}” is already open.").format(path=target))
            return False
        if create and target.exists():
            tell(old_window, _("“{path}” already exists. Open it with Open database…, or choose another "
                               "name for the new database.").format(path=target))
            return False
        if not create and not target.is_file():
            forget(self.settings, target)
            tell(old_window, _("“{path}” no longer exists; it was taken off the list of recent "
                               "databases.").format(path=target))
            return False
        if self._closing:  # a database left a moment ago is still open until its window is gone
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        try:
            services = Services.open(target, defer_orm=True)
        except StorageError as exc:
            log.info("cannot open the database %s: %s", target, exc.kind)
            tell(old_window, str(exc))
            return False
        log.info("database opened: %s", target)
        remember(self.settings, target)
        self._replace(services)
        return True

    def _replace(self, services: Services) -> None:
        """The window on `services` in place of the current one, whose database closes once it is gone."""
        old_window, old_services = self.window, self.services
        old_window.close_capture_windows()  # they store their drafts in the old database
        self.services = services
        window = self.window = self._build_window()
        window.restoreGeometry(old_window.saveGeometry())
        window.start()
        window.show()  # before the old window closes: closing the last window would quit
        self._closing.append(old_services)
        old_window.destroyed.connect(lambda *_a, s=old_services: self._release(s))
        old_window.close()
        old_window.deleteLater()
        self.switched.emit(window)

    def _release(self, services: Services) -> None:
        if services in self._closing:
            self._closing.remove(services)
            services.close()
            log.info("database closed: %s", services.db.label)

    def close(self) -> None:
        """Close every database still open (at exit)."""
        for services in [*self._closing, self.services]:
            services.close()
        self._closing = []
