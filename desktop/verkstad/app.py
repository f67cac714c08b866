"""The GUI's composition root: builds the application, the services and the main window."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from verkstad import i18n, logs, paths, startup
from verkstad.clock import process_age_ms
from verkstad.errors import VerkstadError
from verkstad.storage.errors import StorageError
from verkstad.ui import settings as prefs
from verkstad.ui.qt_translations import QtTranslator

if TYPE_CHECKING:
    from verkstad.services.hub import Services
    from verkstad.ui.main_window import MainWindow

APP_ID = "org.verkstad.Verkstad"  # the desktop entry, icon and AppStream id (packaging/)
log = logging.getLogger("verkstad.app")




class LanguageSwitcher:
    """Applies an interface language to the catalogs, Qt's own strings and every window."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.qt = QtTranslator(app)
        app.installTranslator(self.qt)

    def apply(self, language: str) -> None:
        i18n.set_language(language)
        self.qt.set_language(language)
        for widget in self.app.topLevelWidgets():
            QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))


class _ReadyProbe(QObject):
    """`--quit-when-ready`: once the window has started (ORM ready, the view it opens with
    built), waits for a paint of that view, prints the milliseconds since the process
    started and quits. With VERKSTAD_STARTUP_TRACE=1 it also prints, to stderr, the view's
    class, whether the ORM is ready and the start-up timeline (for bench/startup.py)."""

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__()
        self.app = app
        self.window = window
        self.page: QWidget | None = None
        window.started.connect(self._started)

    def _started(self) -> None:
        page = self.window.pages.currentWidget()
        if page is self.window.workspace:
            page = self.window.view_stack.currentWidget() or page
        assert page is not None  # the window shows its workspace or its welcome page
        self.page = page
        page.installEventFilter(self)
        page.update()  # one paint with the view built, if none is queued yet

    def eventFilter(self, obj, event) -> bool:
        if self.page is not None and obj is self.page and event.type() == QEvent.Type.Paint:
            self.page.removeEventFilter(self)
            QTimer.singleShot(0, self._report)  # after the paint has reached the screen
        return False

    def _report(self) -> None:
        ms = process_age_ms()
        startup.mark("ready")
        print(f"{ms:.0f}", flush=True)
        if startup.trace_requested():
            print(f"ready: view={type(self.page).__name__} orm={self.window.services.db.engine_built}",
                  file=sys.stderr)
            print(f"startup: {startup.describe()}", file=sys.stderr, flush=True)
        self.app.quit()


class FileOpener(QObject):
    """macOS hands a programme file opened in the Finder to the running application as a
    FileOpen event, not as an argument: offer to import it, as `verkstad FILE` does. Installed
    on macOS only (an application-wide Python filter sees every event)."""

    def __init__(self, app: QApplication, window: Callable[[], MainWindow]) -> None:
        super().__init__(app)
        self.window = window
        app.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Type.FileOpen:
            return False
        path = Path(event.file())
        QTimer.singleShot(0, lambda: self.window().file_actions.offer_import(path))
        return True


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)  # instance() is typed as the QCoreApplication base
    app.setApplicationName("Verkstad")
    app.setOrganizationName("Verkstad")
    app.setApplicationDisplayName("Verkstad")
    app.setDesktopFileName(APP_ID)  # Wayland's app id: the desktop entry's icon and name
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(paths.resource("icons", f"{APP_ID}.svg"))))
    from verkstad.ui.file_dialogs import use_qt_dialogs

    use_qt_dialogs()  # file and print dialogs in the interface language, not the desktop's
    return app


def _show_error(message: str) -> None:
    print(f"verkstad: {message}", file=sys.stderr)
    if QApplication.instance() is not None:
        QMessageBox.critical(None, "Verkstad", message)


_message_boxes: set[QMessageBox] = set()  # open, parentless boxes kept alive until closed


def _show_message(message: str) -> None:
    """A user's error that no operation caught: a plain message box that does not block."""
    print(f"verkstad: {message}", file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Warning, "Verkstad", message, QMessageBox.StandardButton.Close,
                      QApplication.activeWindow())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _message_boxes.add(box)
    box.finished.connect(lambda _result: _message_boxes.discard(box))
    box.open()


def _excepthook(kind, value, tb) -> None:
    """sys.excepthook while the window runs (an exception out of a Qt slot ends here): a
    VerkstadError (storage errors included) gets a plain message box; anything else is a
    bug, logged with its traceback and shown in the bug dialog."""
    if isinstance(value, VerkstadError):
        log.info("refused outside an operation: %s", value)
        _show_message(str(value))
        return
    logs.log_uncaught(kind, value, tb)
    traceback.print_exception(kind, value, tb)  # for whoever started Verkstad from a terminal
    if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
        return
    from verkstad.ui.bug_dialog import show_bug

    show_bug(QApplication.activeWindow(), value)


def _refuse_start(app: QApplication, window: QWidget, exc: StorageError, quiet: bool) -> None:
    """The database was found damaged while the window started: said as when it cannot be opened."""
    log.info("cannot open the database %s: %s", exc.path, exc.kind)
    window.hide()
    _show_error(str(exc)) if not quiet else print(f"verkstad: {exc}", file=sys.stderr)
    app.exit(2)


def _started() -> None:
    startup.release_garbage_collection()
    log.info("started: %s", startup.describe())


def open_window_once(services: Services, settings_file: Path) -> str:
    """The main window on `services` as `run_gui` builds it, with settings of its own, shown until
    it has started (the programme's view built), then closed with the services; returns the
    view's class name (`verkstad --self-test`). AssertionError if it did not get that far."""
    from PySide6.QtCore import QEventLoop

    from verkstad.ui.databases import DatabaseSwitcher

    make_application()
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    databases = DatabaseSwitcher(services=services, settings=settings, prepare_window=lambda _w: None)
    window = databases.window
    loop = QEventLoop()
    window.started.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)
    window.start()
    window.show()
    loop.exec()
    try:
        if not window.isVisible() or window.programme_id is None:
            raise AssertionError("the main window did not open the programme")
        view = window.view_stack.currentWidget()
        if view is None:
            raise AssertionError("the main window built no view")
        return type(view).__name__
    finally:
        window.close()
        databases.close()


def run_gui(args) -> int:
    app = make_application()
    startup.mark("qt application")
    logs.setup()  # a no-op when cli.main has set it up already
    settings = QSettings()
    switcher = LanguageSwitcher(app)
    language = args.lang or prefs.get(settings, "interface/language")
    switcher.apply(language)

    from verkstad.ui.databases import DatabaseSwitcher, start_database

    db_path = start_database(settings, args.db if args.db else None, paths.default_database())
    try:
        from verkstad.services.hub import Services

        # the file's integrity is checked while the ORM is imported (window.start_failed)
        services = Services.open(db_path, defer_orm=True, defer_check=not args.capture)
    except StorageError as exc:
        if exc.kind == "locked" and args.open and isinstance(db_path, Path):  # a file opened while Verkstad runs
            from verkstad import handoff

            if handoff.wait_until_taken(handoff.send(db_path, Path(args.open))):
                log.info("handed %s to the Verkstad that has %s open", args.open, db_path)
                return 0
        log.info("cannot open the database %s: %s", exc.path or db_path, exc.kind)
        _show_error(str(exc)) if not args.quit_when_ready else print(f"verkstad: {exc}", file=sys.stderr)
        return 2

    startup.mark("database opened")
    log.info("database opened: %s", services.db.label)
    import verkstad.ui.main_window  # noqa: F401  (imported here to be timed as a step of its own)

    startup.mark("ui imported")
    # The main window, and the one of each database opened from the File menu after it.
    databases = DatabaseSwitcher(services=services, settings=settings,
                                 prepare_window=lambda w: w.language_requested.connect(switcher.apply))
    window = databases.window
    startup.mark("window built")
    window.started.connect(_started)
    window.start_failed.connect(lambda exc: _refuse_start(app, window, exc, args.quit_when_ready))
    if sys.platform == "darwin":
        FileOpener(app, lambda: databases.window)
    from verkstad.ui.handoff import HandoffWatcher

    watcher = HandoffWatcher(lambda: databases.window, lambda: databases.path, parent=app)
    databases.switched.connect(lambda _window: watcher.follow())
    sys.excepthook = _excepthook
    if args.capture:
        services.warm_up()  # capture mode stores records from its first keystroke
        from verkstad.domain.model import Meeting
        from verkstad.services.records import NotFound

        try:
            meeting = services.records.get(Meeting, args.capture)
        except NotFound:
            print("verkstad: " + i18n._("There is no meeting with the id “{id}”.").format(id=args.capture),
                  file=sys.stderr)
            services.close()
            return 2
        window.open_programme(meeting.programme_id)
        window.show()
        window.open_capture(meeting.id)
    else:
        window.start()
        startup.mark("navigation read")
        window.show()
        if args.open:  # a programme file opened from the desktop: offered once the window has started
            opened = Path(args.open).absolute()
            window.started.connect(lambda: QTimer.singleShot(0, lambda: window.file_actions.offer_import(opened)))
    if args.quit_when_ready:
        probe = _ReadyProbe(app, window)  # noqa: F841  (kept alive until the loop ends)
    try:
        return app.exec()
    finally:
        databases.close()
