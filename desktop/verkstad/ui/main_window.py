"""The main window: programme navigation on the left, the selected planning view on the right.

It owns the window's operations (its own undo history; capture windows have theirs), the
change bus every window of the database shares, the programme switcher and the menus. The
views edit through operations; the navigation listens to the bus for the records it shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verkstad import __version__, startup
from verkstad.domain import model
from verkstad.i18n import _, ngettext
from verkstad.services.follow_up import concerns_follow_up
from verkstad.services.hub import Services
from verkstad.storage.errors import StorageError
from verkstad.ui import geometry, last_view, mnemonics, nav_menu, undo_keys
from verkstad.ui import settings as prefs
from verkstad.ui.banner import OverlayBanner
from verkstad.ui.context_menu import ContextMenu
from verkstad.ui.edit_actions import TextEditActions
from verkstad.ui.file_menu import FileActions
from verkstad.ui.language import Retranslatable
from verkstad.ui.listform import ListFormView
from verkstad.ui.meeting_view import MeetingView
from verkstad.ui.navigation import NavigationTree
from verkstad.ui.operations import ChangeBus, Operations, UndoStep, touches
from verkstad.ui.planning_views import ProgrammeView, organisations_view, people_view, phases_view, themes_view
from verkstad.ui.welcome import WelcomePage

if TYPE_CHECKING:  # imported where first used
    from verkstad.ui.activities import ActivityPlanView
    from verkstad.ui.agreement import AgreementView
    from verkstad.ui.capture import CaptureWindow
    from verkstad.ui.evaluation import EvaluationView
    from verkstad.ui.stories import StoriesView

    # A view of the view stack: a planning view, an organisation's plan or agreement, the good
    # examples, the evaluation.
    View = ProgrammeView | ListFormView | MeetingView | ActivityPlanView | AgreementView | StoriesView | EvaluationView

NAVIGATION_TYPES = (model.Programme, model.Phase, model.Meeting, model.Organisation)



class MainWindow(Retranslatable, QMainWindow):
    """Signals: programme_opened(str) with the programme id; language_requested(str);
    started() once the start-up tasks are done (ORM ready, the first view built);
    start_failed(StorageError) if the database was found damaged meanwhile (`defer_check`)."""

    programme_opened = Signal(str)
    language_requested = Signal(str)
    started = Signal()
    start_failed = Signal(object)

    def __init__(self, *, services: Services, settings: QSettings, bus: ChangeBus | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.bus = bus if bus is not None else ChangeBus(self)
        self.ops = Operations(window=self, records=services.records, bus=self.bus)
        self.undo_stack = self.ops.history.stack
        self.programme_id: str | None = None
        self._programme_name = ""
        self._select_after_paint = False
        self._painted = False
        self.views: dict[str, View] = {}
        self._capture_windows: list[CaptureWindow] = []
        self._reminder_count = 0  # what needs the facilitator this week, counted in the title
        self._count_timer = QTimer(self)  # counted again once a burst of changes is over
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(250)
        self._count_timer.timeout.connect(self._count_reminders)

        self.setObjectName("mainWindow")
        self._build_actions()
        self._build_menus()
        self.file_actions = FileActions(self)  # databases and programme files, in the File menu

        self.programme_box = QComboBox()
        self.programme_box.setObjectName("programmeSwitcher")
        self.programme_box.setMinimumWidth(320)
        self.programme_box.activated.connect(lambda i: self.open_programme(self.programme_box.itemData(i)))
        self.programme_label = QLabel()
        self.programme_label.setBuddy(self.programme_box)
        toolbar = QToolBar()
        toolbar.setObjectName("programmeToolbar")
        toolbar.setMovable(False)
        self._switcher_actions = [toolbar.addWidget(self.programme_label), toolbar.addWidget(self.programme_box)]
        toolbar.addAction(self.new_action)
        self.addToolBar(toolbar)

        self.welcome = WelcomePage()
        self.welcome.new_requested.connect(self.new_programme)
        self.welcome.demo_requested.connect(self.open_demo)
        self.nav = NavigationTree()
        self.nav.currentItemChanged.connect(self._navigate)
        self.nav_menu = ContextMenu(self.nav, lambda: nav_menu.entries(self))
        self.view_stack = QStackedWidget()
        geometry.size_by_current(self.view_stack)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view_stack, 1)
        # Laid over the top of the view: showing or hiding it moves nothing under the mouse.
        self.banner_row = OverlayBanner(right, name="errorBannerRow", label_name="errorBanner")
        self.banner_row.close_button.clicked.connect(self.hide_banner)
        self.banner, self.banner_close = self.banner_row.label, self.banner_row.close_button
        self.workspace = QSplitter()
        self.workspace.setObjectName("workspace")
        self.workspace.addWidget(self.nav)
        self.workspace.addWidget(right)
        self.workspace.setCollapsible(0, False)
        self.workspace.setStretchFactor(0, 0)  # a wider window widens the view, not the navigation
        self.workspace.setStretchFactor(1, 1)
        self.workspace.splitterMoved.connect(self._navigation_sized)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.workspace)
        self.setCentralWidget(self.pages)
        # The size, place and navigation width it was closed with (once the navigation exists).
        geometry.remember(self, settings, "main", default=(1280, 820), splitters={"workspace": self.workspace})
        self._nav_sized = settings.contains("windows/main/splitter/workspace")  # else sized when first shown
        self.setStyleSheet("QLabel#viewHeading { font-size: 16pt; font-weight: 600; }")
        self.statusBar()
        self.ops.set_feedback(show_error=self.show_banner, show_status=self.show_status)
        self.bus.published.connect(self._published)
        self.ops.history.stepped.connect(self._stepped)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            undo_keys.install(app)  # Ctrl+Z undoes the last step also while a field has the focus
        self.retranslate_ui()
        mnemonics.keep(self, letters=False)  # accessible names; each view keeps its own letters

    # -- actions and menus ---------------------------------------------------------

    def _build_actions(self) -> None:
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_programme)
        self.demo_action = QAction(self)
        self.demo_action.triggered.connect(self.open_demo)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        # F6 moves the focus between the navigation and the view (GNOME's and Windows' pane key):
        # without it a keyboard user, once in a view, had no way back to the tree but Shift+Tab
        # through every field.
        self.pane_action = QAction(self)
        self.pane_action.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.pane_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.pane_action.triggered.connect(self.switch_pane)
        self.addAction(self.pane_action)
        self.undo_action = QAction(self)
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.ops.undo)
        self.redo_action = QAction(self)
        self.redo_action.setObjectName("redoAction")
        # All of the platform's Redo keys, and Ctrl+Y where it is not one of them: the same key
        # twice would make the shortcut ambiguous, and Qt would then trigger it for neither.
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        ctrl_y = QKeySequence("Ctrl+Y")
        self.redo_action.setShortcuts(redo_keys if ctrl_y in redo_keys else [*redo_keys, ctrl_y])
        self.redo_action.triggered.connect(self.ops.redo)
        self.undo_stack.undoTextChanged.connect(self._update_undo_actions)
        self.undo_stack.redoTextChanged.connect(self._update_undo_actions)
        self.undo_stack.canUndoChanged.connect(self._update_undo_actions)
        self.undo_stack.canRedoChanged.connect(self._update_undo_actions)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.show_settings)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.new_action, self.demo_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.text_actions = TextEditActions(self)  # Cut, Copy, Paste, Select all on the focused field
        self.text_actions.add_to(self.edit_menu)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.settings_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self._title())
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.help_menu.setTitle(_("&Help"))
        self.new_action.setText(_("&New programme from template…"))
        self.demo_action.setText(_("Open the &demo programme"))
        self.quit_action.setText(_("&Quit"))
        self._update_undo_actions()
        self.settings_action.setText(_("&Settings…"))
        self.about_action.setText(_("&About Verkstad"))
        self.programme_label.setText(_("Programme:") + " ")
        self.nav.setAccessibleName(_("Navigation"))  # no heading over it
        self.text_actions.retranslate()
        self.file_actions.retranslate_ui()
        if self.programme_id:
            self.rebuild_navigation()

    def _update_undo_actions(self, *_args) -> None:
        stack = self.undo_stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self.undo_action.setText(_("&Undo {action}").format(action=stack.undoText()).strip()
                                 if stack.canUndo() else _("&Undo"))
        self.redo_action.setText(_("&Redo {action}").format(action=stack.redoText()).strip()
                                 if stack.canRedo() else _("&Redo"))

    def _title(self) -> str:
        if not self.programme_id:
            return "Verkstad"
        if self._reminder_count:
            return ngettext("{programme} ({n} to follow up) — Verkstad", "{programme} ({n} to follow up) — Verkstad",
                            self._reminder_count).format(programme=self._programme_name, n=self._reminder_count)
        return f"{self._programme_name} — Verkstad"

    def _count_reminders(self) -> None:
        programme_id = self.programme_id
        if programme_id is None:
            return
        found = self.ops.read(lambda: self.services.follow_ups.reminders(programme_id))
        self._reminder_count = len(found or [])
        self.setWindowTitle(self._title())

    def open_reminder(self, reminder) -> None:
        """Show what a reminder is about: a task in its meeting, an activity selected in its plan."""
        if reminder.kind == "task":  # a task of a meeting
            self.select_key(("meeting", reminder.record.meeting_id))
            return
        self.select_key(("plan", reminder.organisation.id))
        from verkstad.ui.activities import ActivityPlanView

        view = self.views.get(f"plan:{reminder.organisation.id}")
        if isinstance(view, ActivityPlanView):
            view.select(reminder.record.id)
            view.table.setFocus()

    # -- programmes ----------------------------------------------------------------

    def start(self) -> None:
        """Open the last programme (or the only one), else show the welcome page. On a shared
        server, others' changes are looked for from now on (ui/server_watch.py)."""
        from verkstad.services.servers import on_server

        if on_server(self.services):
            from verkstad.ui.server_watch import ServerWatch

            self.server_watch = ServerWatch(self)
        programmes = self.services.planning.programme_list()
        last = self.settings.value(prefs.LAST_PROGRAMME, "")
        ids = [p.id for p in programmes]
        if prefs.get(self.settings, "start/open_last_programme") and last in ids:
            self.open_programme(last)
        elif len(programmes) == 1:
            self.open_programme(ids[0])
        else:
            self._fill_programme_box()
            self.pages.setCurrentWidget(self.welcome)

    def _fill_programme_box(self) -> None:
        self.programme_box.blockSignals(True)
        self.programme_box.clear()
        for p in self.services.planning.programme_list():
            self.programme_box.addItem(p.title, p.id)
        self.programme_box.setCurrentIndex(self.programme_box.findData(self.programme_id))
        self.programme_box.blockSignals(False)
        for action in self._switcher_actions:  # nothing to switch between on the welcome page
            action.setVisible(self.programme_box.count() > 0)

    def open_programme(self, programme_id: str | None) -> None:
        if programme_id is None:  # the switcher's itemData() of an empty box
            return
        if programme_id != self.programme_id:
            self.ops.history.clear()
            self._reminder_count = 0  # counted for the programme once it is shown
        self.programme_id = programme_id
        self.settings.setValue(prefs.LAST_PROGRAMME, programme_id)
        self._drop_views()
        self._fill_programme_box()
        self.nav.clear()
        self.rebuild_navigation()
        self.pages.setCurrentWidget(self.workspace)
        # The programme view is built after the next paint, so the window shows at once.
        self._select_after_paint = True
        self.update()
        self.programme_opened.emit(programme_id)

    def new_programme(self) -> None:
        from verkstad.ui.new_programme import NewProgrammeDialog

        dialog = NewProgrammeDialog(self)
        if dialog.exec() != NewProgrammeDialog.DialogCode.Accepted:
            return
        name, template, language, start = dialog.values()
        programme = self.ops.read(lambda: self.services.planning.create_programme(
            name, language, template, start=start))
        if programme is not None:
            self.open_programme(programme.id)

    def open_demo(self) -> None:
        from verkstad.services.demo import DEMO_NAMES, create_demo

        existing = [p for p in self.services.planning.programme_list() if p.title in DEMO_NAMES.values()]
        if existing:
            self.open_programme(existing[0].id)
            return
        from verkstad.i18n import current_language

        programme = create_demo(self.services, current_language())
        self.open_programme(programme.id)

    # -- views and navigation ---------------------------------------------------------

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._finish_start)
        elif self._select_after_paint:
            self._select_after_paint = False
            QTimer.singleShot(0, self._select_first)

    def _finish_start(self) -> None:
        """After the first paint: load the ORM (the services may have deferred it) before
        anything can create a record, build the view start() chose, then emit `started`."""
        startup.mark("first paint")
        try:
            self.services.warm_up()
        except StorageError as exc:  # its integrity check, run while the ORM was imported
            self.start_failed.emit(exc)
            return
        startup.mark("orm ready")
        if self._select_after_paint:
            self._select_after_paint = False
            self._select_first()
        startup.mark("view built")
        # The arrow keys walk the navigation from the start: Qt gives the focus to the first
        # widget of the chain, the programme switcher, where Down switched the programme.
        if self.pages.currentWidget() is self.workspace and self.focusWidget() in (None, self.programme_box):
            self.nav.setFocus(Qt.FocusReason.OtherFocusReason)
        self.started.emit()

    def _select_first(self) -> None:
        """Show the view the programme showed last, or its first (the programme view)."""
        last = last_view.recall(self.settings, self.programme_id) if self.programme_id else None
        first = (self.nav.item_of(last) if last else None) or self.nav.topLevelItem(0)  # None: empty
        if self.nav.currentItem() is None and first is not None:
            self.nav.setCurrentItem(first)
        self._count_timer.start()

    def _drop_views(self) -> None:
        for view in self.views.values():
            self.view_stack.removeWidget(view)
            view.deleteLater()
        self.views = {}

    def _view(self, kind: str) -> View:
        """The planning view of that kind for the open programme, built on first use."""
        if kind in self.views:
            return self.views[kind]
        s, pid, ops = self.services, self.programme_id, self.ops
        assert pid is not None  # the navigation that asks for views is built for an open programme
        view: View
        if kind == "programme":
            view = ProgrammeView(services=s, ops=ops)
            view.show_programme(pid)
            view.open_requested.connect(self.open_reminder)
            view.open_key.connect(self.select_key)
        elif kind == "phases":
            view = phases_view(s, pid, ops)
            view.meeting_added.connect(lambda mid: self.select_key(("meeting", mid)))
        elif kind == "organisations":
            view = organisations_view(s, pid, ops)
        elif kind == "people":
            view = people_view(s, pid, ops)
        elif kind == "themes":
            view = themes_view(s, pid, ops)
        elif kind == "stories":
            from verkstad.ui.stories import StoriesView

            view = StoriesView(services=s, programme_id=pid, ops=ops)
        elif kind == "evaluation":
            from verkstad.ui.evaluation import EvaluationView

            view = EvaluationView(services=s, programme_id=pid, ops=ops)
        else:
            view = MeetingView(planning=s.planning, ops=ops)
            view.capture_requested.connect(self.open_capture)
            view.document_requested.connect(self.show_meeting_document)
            view.deleted.connect(lambda _id: self.select_key(("phases", None)))
        self.view_stack.addWidget(view)
        self.views[kind] = view
        return view

    def rebuild_navigation(self) -> None:
        if self.programme_id is None:
            return
        selected = self.nav.key()
        nav = self.services.planning.navigation(self.programme_id)
        if nav.programme is None:
            return
        self._programme_name = nav.programme.title
        self.nav.fill(nav)
        self._size_navigation()
        self.select_key(selected)
        self.setWindowTitle(self._title())

    def switch_pane(self) -> None:
        """The focus to the view when it is in the navigation, else to the navigation."""
        if self.pages.currentWidget() is not self.workspace:
            return
        if self.nav.hasFocus():
            self.focus_view()
        else:
            self.nav.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_view(self) -> None:
        """The keyboard focus into the view shown: where it was last, else its first field."""
        view = self.view_stack.currentWidget()
        if view is None:
            return
        target = view.focusWidget() or next(
            (w for w in view.findChildren(QWidget) if w.isVisible() and w.isEnabled()
             and w.focusPolicy() & Qt.FocusPolicy.TabFocus), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def _size_navigation(self) -> None:
        """Once, when the window first shows a programme: the navigation as wide as it prefers
        (a meeting's title whole), up to 30 % of the window. A width restored from the last
        session or dragged stays."""
        if self._nav_sized or not self.isVisible() or self.nav.topLevelItemCount() == 0:
            return
        self._nav_sized = True
        if self.workspace.size() != self.pages.size():  # not laid out yet (the welcome page was shown)
            self.workspace.resize(self.pages.size())
        total = self.pages.width() - self.workspace.handleWidth()
        wanted = self.nav.preferred_width()
        width = max(min(wanted, int(total * 0.30)), min(200, wanted))
        self.workspace.setSizes([width, max(0, total - width)])

    def _navigation_sized(self, *_args) -> None:
        self._nav_sized = True  # the user's choice, kept (and stored when the window closes)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._size_navigation()

    def select_key(self, key: tuple | None) -> None:
        self.nav.select(key)

    def _navigate(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        key = self.nav.key(item) if item is not None else None
        if key is None:
            return
        kind, record_id = key
        if kind in ("programme", "people", "themes", "stories", "evaluation"):
            built_now = kind == "programme" and kind not in self.views  # show_programme() has read it
            view = self._view(kind)
            if not built_now:
                view.refresh()
        elif kind in ("phases", "phase", "organisations", "organisation"):
            view = self._view(kind.rstrip("s") + "s")
            assert isinstance(view, ListFormView)
            view.refresh()
            if record_id:
                view.select(record_id)
        elif kind == "meeting":
            view = self._view("meeting")
            assert isinstance(view, MeetingView)
            view.show_meeting(record_id)
        elif kind in ("plan", "agreement"):
            view = self._document_view(kind, record_id)
        else:
            return
        self.view_stack.setCurrentWidget(view)
        if self.programme_id is not None:
            last_view.remember(self.settings, self.programme_id, (kind, record_id))

    def _document_view(self, kind: str, organisation_id: str) -> View:
        key = f"{kind}:{organisation_id}"
        view: View
        if key not in self.views:
            if kind == "plan":
                from verkstad.ui.activities import ActivityPlanView

                view = ActivityPlanView(services=self.services, organisation_id=organisation_id, ops=self.ops)
                view.meeting_planned.connect(lambda meeting_id: self.select_key(("meeting", meeting_id)))
            else:
                from verkstad.ui.agreement import AgreementView

                view = AgreementView(services=self.services, organisation_id=organisation_id, ops=self.ops)
            self.views[key] = view
            self.view_stack.addWidget(view)
        view = self.views[key]
        view.refresh()
        return view

    # -- the change bus ----------------------------------------------------------------

    def _published(self, changes, _initiator) -> None:
        """The navigation follows the records it shows, wherever they were changed."""
        if self.programme_id is None:
            return
        if touches(changes, *NAVIGATION_TYPES):
            self.rebuild_navigation()
        if touches(changes, model.Programme):
            self._fill_programme_box()
        if concerns_follow_up(changes):
            self._count_timer.start()
        if any(c.action == "updated" or c.action == "created" for c in changes):
            self.hide_banner()

    def _stepped(self, changes, step: UndoStep) -> None:
        """After this window's undo or redo: show the record concerned."""
        key = self._key_of(changes)
        if key is not None:
            self.select_key(key)

    def _key_of(self, changes) -> tuple | None:
        for change in changes:
            record = change.record
            if record is None or getattr(record, "deleted_at", None) is not None:
                continue
            t = change.type
            if t is model.Meeting:
                return ("meeting", record.id)
            if t in (model.AgendaItem, model.ChecklistItem, model.Attendance):
                return ("meeting", record.meeting_id)
            if t is model.Phase:
                return ("phase", record.id)
            if t is model.Organisation:
                return ("organisation", record.id)
            if t is model.Person:
                return ("people", None)
            if t is model.Theme:
                return ("themes", None)
            if t in (model.CaseStory, model.Communication):
                return ("stories", None)
            if t in (model.EvaluationQuestion, model.EvaluationSheet):
                return ("evaluation", None)
            if t is model.Activity:
                return ("plan", record.organisation_id)
            if t is model.Programme:
                return ("programme", record.id)
        return None

    def show_banner(self, text: str) -> None:
        """A refusal or an error of the environment, in plain words, until the next change."""
        self.banner_row.show_text(text)
        self.statusBar().showMessage(text, 8000)

    def hide_banner(self) -> None:
        self.banner_row.hide()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    # -- capture and documents ----------------------------------------------------------

    def open_capture(self, meeting_id: str) -> None:
        from verkstad.ui.capture import CaptureWindow

        window = CaptureWindow(services=self.services, meeting_id=meeting_id, bus=self.bus, settings=self.settings,
                               screen=self.screen())
        window.minutesRequested.connect(lambda mid: self.show_meeting_document("minutes", mid))
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._capture_windows.append(window)
        window.destroyed.connect(lambda *_a, w=window: self._capture_windows.remove(w)
                                 if w in self._capture_windows else None)
        window.show()

    def close_capture_windows(self) -> None:
        """Close this database's capture windows (each stores its draft first)."""
        for window in list(self._capture_windows):
            window.close()

    def show_meeting_document(self, kind: str, meeting_id: str) -> None:
        from verkstad.ui.preview import show_document

        show_document(self, self.services, kind, meeting_id=meeting_id)

    # -- dialogs ---------------------------------------------------------------------

    def show_settings(self) -> None:
        dialog = prefs.SettingsDialog(self.settings, self)
        if dialog.exec() != prefs.SettingsDialog.DialogCode.Accepted:
            return
        dialog.store()
        self.language_requested.emit(dialog.values()["interface/language"])  # the one shown, maybe --lang's

    def show_about(self) -> None:
        QMessageBox.about(self, _("About Verkstad"), _(
            "Verkstad {version}\n\nPlan, run and document advisory programmes for sustainable "
            "public procurement.").format(version=__version__))
