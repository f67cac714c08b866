"""The File menu's databases and programme files: New database…, Open database…, Open recent,
Import programme… and Export programme….

Opening another database is the `DatabaseSwitcher`'s job (ui/databases.py): these actions only
ask for it (`database_requested`). Export and import are the use cases of `verkstad export`
and `verkstad import` (services/exchange), with the same checks and messages, run in a worker
behind a progress dialog: a refused file changes nothing, an export is written atomically, the
imported programme opens. The exchange code is imported on first use (not at start-up).

Merging (File → Merge a programme file…) and Help → About this programme are in
ui/merge_dialog.py.

Signals: FileActions.database_requested(str path, bool create); server_requested(str url);
exported(str path); offline(str path) once a programme is taken offline;
imported(str programme_id); merged(str programme_id); refused(str message) when an export,
import or merge was refused.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressDialog

from verkstad.domain.model import Programme
from verkstad.errors import VerkstadError
from verkstad.filenames import safe_file_name
from verkstad.i18n import _, ngettext
from verkstad.services.records import Change
from verkstad.ui import merge_dialog
from verkstad.ui.databases import clear_recent, recent_databases, same_file, tell
from verkstad.ui.file_dialogs import remember_folder, start_folder

if TYPE_CHECKING:
    from verkstad.services.hub import Services
    from verkstad.ui.main_window import MainWindow
    from verkstad.ui.worker import Job, Progress

log = logging.getLogger("verkstad.file_menu")

DATABASE_SUFFIX = ".sqlite"
# A programme file is JSON; its own extension (and MIME type, packaging/) lets the desktop
# open it with Verkstad. Files named *.json, as earlier versions wrote them, are read alike.
PROGRAMME_SUFFIX = ".verkstad"


# -- the work done in a worker ----------------------------------------------------------------
# A programme of 100,000 entries takes seconds to read from the database and to write to it
# (here: export 5 s reading + 2 s writing; import 10 s checking + 3 s decoding + 16 s adding),
# so the whole use case runs in the worker, not only its pure part. That is safe because the
# Database serialises every use of its one connection with its lock; the GUI thread meanwhile
# keeps painting, and the application-modal progress dialog keeps the windows from starting
# other database work that would wait for that lock.

ADDING = 1  # progress(ADDING, STEPS): the file is checked, its records are being added
WRITING = 1  # progress(WRITING, STEPS): the programme is read, the file is being written
STEPS = 2


def import_programme_file(services: Services, path: Path, *, progress: Progress) -> Programme:
    """`verkstad import`: check the whole file, then add its records in one transaction."""
    from verkstad.services.exchange import ExchangeError, add_document, read_document

    try:
        doc = read_document(path)
    except OSError as exc:
        raise ExchangeError(_("“{file}” cannot be read: {reason}").format(
            file=path, reason=exc.strerror or exc)) from None
    progress.check()  # the last moment a cancel can stop it: adding is one transaction
    progress(ADDING, STEPS)
    return add_document(services, path, doc)


def export_programme_file(services: Services, programme: Programme, path: Path, *, progress: Progress) -> int:
    """`verkstad export`: read every record of the programme and write the file atomically;
    the number of records written."""
    from verkstad.services.exchange import ExchangeError, programme_document, write_document

    doc = programme_document(services, programme)
    progress(WRITING, STEPS)
    try:
        return write_document(doc, path)
    except OSError as exc:
        raise ExchangeError(_("“{file}” cannot be written: {reason}").format(
            file=path, reason=exc.strerror or exc)) from None


# -- the actions ------------------------------------------------------------------------------

class FileActions(QObject):
    """The database and programme-file actions of one main window, in its File menu.

    Signals: database_requested(str, bool), exported(str), imported(str), refused(str)."""

    database_requested = Signal(str, bool)
    server_requested = Signal(str)
    exported = Signal(str)
    imported = Signal(str)
    merged = Signal(str)
    offline = Signal(str)
    refused = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.job: Job | None = None  # the export or import under way
        self.progress: QProgressDialog | None = None

        self.new_database_action = QAction(window)
        self.new_database_action.setObjectName("newDatabaseAction")
        self.new_database_action.triggered.connect(self.new_database)
        self.open_database_action = QAction(window)
        self.open_database_action.setObjectName("openDatabaseAction")
        self.open_database_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_database_action.triggered.connect(self.open_database)
        self.connect_action = QAction(window)
        self.connect_action.setObjectName("connectServerAction")
        self.connect_action.triggered.connect(self.connect_server)
        self.recent_menu = QMenu(window)
        self.recent_menu.setObjectName("recentDatabasesMenu")
        self.clear_recent_action = QAction(window)
        self.clear_recent_action.triggered.connect(self._clear_recent)
        self.import_action = QAction(window)
        self.import_action.setObjectName("importProgrammeAction")
        self.import_action.triggered.connect(self.import_programme)
        self.export_action = QAction(window)
        self.export_action.setObjectName("exportProgrammeAction")
        self.export_action.triggered.connect(self.export_programme)

        menu, quit_action = window.file_menu, window.quit_action
        menu.insertSeparator(quit_action)
        menu.insertActions(quit_action, [self.new_database_action, self.open_database_action, self.connect_action])
        self.recent_action = menu.insertMenu(quit_action, self.recent_menu)
        menu.insertSeparator(quit_action)
        menu.insertActions(quit_action, [self.import_action, self.export_action])
        menu.insertSeparator(quit_action)
        # the team's group, between the programme files and Quit
        self.merge_action = QAction(window)
        self.merge_action.setObjectName("mergeProgrammeAction")
        self.merge_action.triggered.connect(self.merge_programme)
        self.offline_action = QAction(window)
        self.offline_action.setObjectName("takeOfflineAction")
        self.offline_action.triggered.connect(lambda: merge_dialog.take_offline(self))
        menu.insertActions(quit_action, [self.merge_action, self.offline_action])
        menu.insertSeparator(quit_action)
        self.facts_action = QAction(window)
        self.facts_action.setObjectName("programmeFactsAction")
        self.facts_action.triggered.connect(lambda: merge_dialog.show_programme_facts(self))
        window.help_menu.insertAction(window.about_action, self.facts_action)
        menu.aboutToShow.connect(self.update_actions)
        window.programme_opened.connect(lambda _id: self.update_actions())
        self.retranslate_ui()
        self.update_actions()

    def retranslate_ui(self) -> None:
        self.new_database_action.setText(_("New &database…"))
        self.open_database_action.setText(_("&Open database…"))
        self.recent_menu.setTitle(_("Open &recent"))
        self.clear_recent_action.setText(_("&Clear this list"))
        self.import_action.setText(_("&Import programme…"))
        self.export_action.setText(_("E&xport programme…"))
        self.merge_action.setText(_("&Merge a programme file…"))
        self.connect_action.setText(_("Connect to a &server…"))
        self.offline_action.setText(_("Take this programme o&ffline…"))
        self.facts_action.setText(_("About this &programme"))
        self.fill_recent()

    def update_actions(self) -> None:
        """Export needs an open programme; the recent list is filled from the settings."""
        self.export_action.setEnabled(self.window.programme_id is not None)
        self.facts_action.setEnabled(self.window.programme_id is not None)
        # a copy of its own for the road: from a shared server, where others go on working
        on_server = self.window.services.db.path is None
        self.offline_action.setEnabled(self.window.programme_id is not None and on_server)
        self.fill_recent()

    # -- databases ----------------------------------------------------------------------

    def _database_folder(self) -> str:
        path = self.window.services.db.path
        return str(path.parent) if path is not None else str(Path.home())

    def new_database(self) -> None:
        folder = Path(self._database_folder())
        names = (f"verkstad-{i}{DATABASE_SUFFIX}" if i > 1 else f"verkstad{DATABASE_SUFFIX}" for i in range(1, 1000))
        name = next((n for n in names if not (folder / n).exists()), f"verkstad{DATABASE_SUFFIX}")
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, _("New database"), str(folder / name), _("Verkstad databases (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite)  # an existing file is refused, never replaced
        if chosen:
            path = Path(chosen)
            self.database_requested.emit(str(path if path.suffix else path.with_suffix(DATABASE_SUFFIX)), True)

    def open_database(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, _("Open database"), self._database_folder(),
            _("Verkstad databases (*.sqlite *.db);;All files (*)"))
        if chosen:
            self.database_requested.emit(chosen, False)

    def connect_server(self) -> None:
        from verkstad.ui.server_dialog import ConnectDialog

        dialog = ConnectDialog(self.window)
        if dialog.exec() == ConnectDialog.DialogCode.Accepted:
            self.server_requested.emit(dialog.url())

    def fill_recent(self) -> None:
        """The recent databases but the open one; a file that is gone is shown, disabled."""
        menu = self.recent_menu
        menu.clear()
        current = self.window.services.db.path
        entries = [p for p in recent_databases(self.window.settings)
                   if current is None or not same_file(p, current)]
        metrics = menu.fontMetrics()
        for number, path in enumerate(entries, 1):
            folder = metrics.elidedText(str(path.parent), Qt.TextElideMode.ElideMiddle, 360)
            text = _("{name} — in {folder}").format(name=path.name, folder=folder)
            if not path.is_file():
                text = _("{name} (not found)").format(name=path.name)
            action = menu.addAction((f"&{number} " if number < 10 else "") + text.replace("&", "&&"))
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.setEnabled(path.is_file())
            action.triggered.connect(lambda _checked=False, p=str(path): self.database_requested.emit(p, False))
        if entries:
            menu.addSeparator()
            menu.addAction(self.clear_recent_action)
        self.recent_action.setEnabled(bool(entries))

    def _clear_recent(self) -> None:
        clear_recent(self.window.settings)
        self.fill_recent()

    # -- programme files ------------------------------------------------------------------

    def _refuse(self, exc: BaseException) -> None:
        self._end_progress()
        log.info("refused: %s", exc)
        tell(self.window, str(exc))
        self.refused.emit(str(exc))

    def _start_progress(self, text: str, *, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(text, _("Cancel"), 0, 0, self.window)
        dialog.setObjectName("exchangeProgress")
        dialog.setWindowTitle(_("Verkstad"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # no other window's work waits
        dialog.setMinimumDuration(400)  # a quick job shows no dialog at all
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        if not cancellable:
            dialog.setCancelButton(None)  # no button
        self.progress = dialog
        return dialog

    def _end_progress(self) -> None:
        self.job = None
        if self.progress is not None:
            self._keep_going()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _keep_going(self) -> None:
        """From now on, closing the progress dialog no longer cancels the job."""
        if self.progress is not None and self.progress.property("cancels"):
            self.progress.setProperty("cancels", False)
            self.progress.canceled.disconnect(self._cancel)

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        self._end_progress()

    def export_programme(self) -> None:
        """Write the open programme to a file the user names."""
        window = self.window
        if window.programme_id is None or self.job is not None:
            return
        from verkstad.services.exchange import check_target, find_programme

        window.services.warm_up()
        try:
            programme = find_programme(window.services, window.programme_id)
        except VerkstadError as exc:
            self._refuse(exc)
            return
        proposed = start_folder(window.settings) / safe_file_name(programme.name, PROGRAMME_SUFFIX, "programme")
        chosen, _filter = QFileDialog.getSaveFileName(
            window, _("Export programme"), str(proposed), _("Verkstad programme files (*.verkstad)"))
        if not chosen:
            return
        path = Path(chosen)
        path = path if path.suffix else path.with_suffix(PROGRAMME_SUFFIX)
        try:
            check_target(path)
        except VerkstadError as exc:
            self._refuse(exc)
            return
        remember_folder(window.settings, path.absolute())
        from verkstad.ui.worker import run_in_worker

        dialog = self._start_progress(_("Reading the programme “{name}”…").format(name=programme.name),
                                      cancellable=False)
        self.job = run_in_worker(
            export_programme_file, window.services, programme, path, receiver=self,
            on_result=lambda count: self._exported(path, count), on_error=self._refuse,
            on_bug=self._bug,
            on_progress=lambda _done, _total, _partial: dialog.setLabelText(
                _("Writing “{file}”…").format(file=path.name)))

    def _exported(self, path: Path, count: int) -> None:
        self._end_progress()
        self.window.show_status(ngettext("Exported {count} record to {path}.", "Exported {count} records to {path}.",
                                         count).format(count=count, path=path))
        self.exported.emit(str(path))

    def import_programme(self) -> None:
        """Add the programme of a file the user picks, then open it."""
        window = self.window
        if self.job is not None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            window, _("Import programme"), str(start_folder(window.settings)),
            _("Verkstad programme files (*.verkstad *.json);;All files (*)"))
        if not chosen:
            return
        path = Path(chosen)
        remember_folder(window.settings, path.absolute())
        self.import_file(path)

    def merge_programme(self) -> None:
        """Bring another copy's work on a programme of this database in, from a file the user picks."""
        if self.job is not None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, _("Merge a programme file"), str(start_folder(self.window.settings)),
            _("Verkstad programme files and databases (*.verkstad *.json *.sqlite);;All files (*)"))
        if not chosen:
            return
        path = Path(chosen)
        remember_folder(self.window.settings, path.absolute())
        merge_dialog.merge_file(self, path)

    def offer_import(self, path: Path) -> bool:
        """A programme file opened from the desktop (`verkstad FILE`): ask before importing it
        into the open database. True if the user chose to import."""
        from PySide6.QtWidgets import QMessageBox

        database = self.window.services.db.path
        box = QMessageBox(QMessageBox.Icon.Question, _("Open programme file"), _(
            "Import the programme in “{file}” into this database ({database})?").format(
                file=path.name, database=database.name if database else "—"), parent=self.window)
        box.setObjectName("offerImport")
        do_import = box.addButton(_("&Import"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(do_import)
        box.exec()
        if box.clickedButton() is not do_import:
            return False
        self.import_file(path)
        return True

    def import_file(self, path: Path) -> None:
        """Add the programme of the file at `path` (checked first, in a worker), then open it."""
        window = self.window
        if self.job is not None:
            return
        window.services.warm_up()  # records are made from the file: the ORM must be ready first
        from verkstad.ui.worker import run_in_worker

        dialog = self._start_progress(_("Reading and checking “{file}”…").format(file=path.name), cancellable=True)
        dialog.canceled.connect(self._cancel)
        dialog.setProperty("cancels", True)
        self.job = run_in_worker(import_programme_file, window.services, path, receiver=self,
                                 on_result=self._imported, on_error=self._refuse, on_bug=self._bug,
                                 on_progress=lambda _done, _total, _partial: self._adding())

    def _adding(self) -> None:
        """The file is checked; its records go in in one transaction, which a cancel cannot stop."""
        if self.progress is not None:
            self._keep_going()
            self.progress.setCancelButton(None)  # no button: too late to cancel
            self.progress.setLabelText(_("Adding the programme to the database…"))

    def _imported(self, programme: Programme) -> None:
        self._end_progress()
        window = self.window
        log.info("imported the programme %s", programme.id)
        # Not undoable, as on the command line (the database was backed up first); the other
        # windows of this database hear of the new programme.
        window.bus.publish([Change("created", Programme, programme.id, record=programme)], self)
        window.open_programme(programme.id)
        window.show_status(_("Imported the programme “{name}”.").format(name=programme.name))
        self.imported.emit(programme.id)

    def _bug(self, exc: BaseException) -> None:
        """Not the user's doing: already logged with its traceback by the worker."""
        self._end_progress()
        from verkstad.ui.operations import report_bug

        report_bug(self.window, exc)
