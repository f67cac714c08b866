"""The GUI's composition root: builds the application, the services and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from verkstad import i18n, paths
from verkstad.clock import process_age_ms
from verkstad.storage.errors import StorageError
from verkstad.ui import settings as prefs
from verkstad.ui.qt_translations import QtTranslator




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
    """Prints the time to the first paint of the main window, then quits."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"{process_age_ms():.0f}", flush=True)
        self.app.quit()


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Verkstad")
    app.setOrganizationName("Verkstad")
    app.setApplicationDisplayName("Verkstad")
    return app


def _show_error(message: str) -> None:
    print(f"verkstad: {message}", file=sys.stderr)
    if QApplication.instance() is not None:
        QMessageBox.critical(None, "Verkstad", message)


def _excepthook(kind, value, tb) -> None:
    """Environment failures get a plain message; bugs still print their traceback."""
    if isinstance(value, StorageError):
        _show_error(str(value))
        return
    sys.__excepthook__(kind, value, tb)


def run_gui(args) -> int:
    app = make_application()
    settings = QSettings()
    switcher = LanguageSwitcher(app)
    language = args.lang or prefs.get(settings, "interface/language")
    switcher.apply(language)

    db_path = Path(args.db) if args.db else paths.default_database()
    try:
        from verkstad.services.hub import Services

        services = Services.open(db_path, defer_orm=True)
    except StorageError as exc:
        _show_error(str(exc)) if not args.quit_when_ready else print(f"verkstad: {exc}", file=sys.stderr)
        return 2

    from verkstad.ui.main_window import MainWindow

    window = MainWindow(services=services, settings=settings)
    window.language_requested.connect(switcher.apply)
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
        window.show()
    if args.quit_when_ready:
        probe = _ReadyProbe(app)
        window.installEventFilter(probe)
    try:
        return app.exec()
    finally:
        services.close()
