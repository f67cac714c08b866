"""Capture mode: one meeting on screen, one always-focused line, everything said stored at Enter.

Every change goes through the window's own `Operations` (its own undo history): Ctrl+Z here
undoes only what was done here. Changes made elsewhere arrive on the shared `ChangeBus`, and
the window redraws the parts that show them; after its own undo or redo it redraws from the
changes the step published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QMetaMethod, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QScreen
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from verkstad.domain.capture_syntax import parse_line
from verkstad.domain.model import ENTRY_KIND_TITLES, Entry, EntryKind, utcnow
from verkstad.i18n import _, ngettext, translator
from verkstad.services.capture import CaptureContext
from verkstad.services.records import Change
from verkstad.storage.errors import StorageError
from verkstad.ui import mnemonics
from verkstad.ui.banner import DARK, OverlayBanner
from verkstad.ui.capture.actions import KINDS, build_actions, kind_action, retranslate_actions
from verkstad.ui.capture.attendance_panel import AttendancePanel
from verkstad.ui.capture.entry_actions import EntryActions
from verkstad.ui.capture.entry_model import EntryModel
from verkstad.ui.capture.entry_tree import EntryTree
from verkstad.ui.capture.header import MeetingHeader, example_date
from verkstad.ui.capture.input_bar import InputBar
from verkstad.ui.capture.promote_strip import PromoteStrip
from verkstad.ui.capture.redraw import Redraw
from verkstad.ui.capture.search_panel import SearchPanel
from verkstad.ui.capture.summary_view import SummaryView
from verkstad.ui.geometry import fit_to_screen, remember
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import ChangeBus, Operations, UndoStep

DRAFT_QUIET_MS = 500  # the draft is saved this long after the last keystroke...
DRAFT_MAX_MS = 1000  # ...and at the latest this long after the first unsaved one


class CaptureWindow(EntryActions, Redraw, Retranslatable, QMainWindow):
    """Capture mode for one meeting.

    Signals:
        entrySaved(entry_id: str): an entry was committed to disk and is shown in the list.
        meetingRequested(meeting_id: str, entry_id: str): a search result in another meeting was
            chosen; when nothing is connected, the window opens that meeting in a second capture window.
        minutesRequested(meeting_id: str): "On to the minutes" in the end-of-meeting summary.
        closed(meeting_id: str): the window closed (its draft is saved).
    """

    entrySaved = Signal(str)
    meetingRequested = Signal(str, str)
    minutesRequested = Signal(str)
    closed = Signal(str)

    def __init__(self, *, services, meeting_id: str, bus: ChangeBus | None = None,
                 settings: QSettings | None = None, screen: QScreen | None = None,
                 parent: QWidget | None = None) -> None:
        """`bus`: the change bus of the database's other windows (a new one when alone);
        the undo history is always the window's own. `settings`: the UI settings, where the
        window keeps its size, place and docks (none: it fits `screen`, the primary by default)."""
        super().__init__(parent)
        self.services = services
        self.capture = services.capture
        self.meeting_id = meeting_id
        self.ops = Operations(window=self, records=services.records, bus=bus, show_error=self.show_error,
                              show_status=self.show_status)
        self.bus, self.history = self.ops.bus, self.ops.history
        self.kind: str = EntryKind.IDEA
        self._draft_text = ""
        self._last_entry_id: str | None = None
        self._others: list[CaptureWindow] = []
        self.ctx: CaptureContext = self.capture.context(meeting_id)
        self.language = self.ctx.language
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.settings = settings
        fit_to_screen(self, 1280, 800, screen=screen)
        self._build()
        remember(self, settings, "capture")  # the size, place and docks it was closed with
        self.draft_timer = QTimer(self, singleShot=True, interval=DRAFT_QUIET_MS)
        self.draft_timer.timeout.connect(self.save_draft)
        self.draft_max_timer = QTimer(self, singleShot=True, interval=DRAFT_MAX_MS)
        self.draft_max_timer.timeout.connect(self.save_draft)
        self.clock_timer = QTimer(self, interval=1000)
        self.clock_timer.timeout.connect(self.update_clock)
        self.clock_timer.start()
        self.history.stack.indexChanged.connect(self._update_undo_actions)
        self.history.stepped.connect(self._stepped)
        self._follow_bus(True)

        self._load_model()
        self.refresh_attendance()
        self.line.setText(self.ctx.draft)
        self._draft_text = self.ctx.draft
        self.set_kind(EntryKind.IDEA)
        self.retranslate_ui()
        mnemonics.keep(self, letters=False)  # accessible names; its keys are the actions' shortcuts
        self.setFocusProxy(self.line)
        self.line.setFocus()

    # -- building ------------------------------------------------------------------

    def _build(self) -> None:
        self.header = MeetingHeader()
        self.item_label, self.clock_label = self.header.item_label, self.header.clock_label
        self.model = EntryModel(self)
        self.model.textEdited.connect(self._edited_in_place)
        self.tree = EntryTree(self.model)
        # Over the top of the list: the line being typed in never moves when it comes or goes.
        self.error_banner = OverlayBanner(self.tree, name="captureErrorBanner", colours=DARK)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.itemDelegate().closeEditor.connect(lambda *_: self.line.setFocus())
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._update_counts)
        self.promote_strip = PromoteStrip()
        self.promote_strip.chosen.connect(self.promote)
        self.input_bar = InputBar()
        self.input_bar.kindClicked.connect(self.set_kind)
        self.line = self.input_bar.line
        self.line.submitted.connect(self.submit)
        self.line.linesPasted.connect(self.paste_lines)
        self.line.navigate.connect(lambda step: self.tree.step_selection(step, self._last_entry_id))
        self.line.kindCycled.connect(self.cycle_kind)
        self.line.escaped.connect(self.escape)
        self.line.textEdited.connect(self._typed)
        self.summary_view = SummaryView()
        self.summary_view.back.connect(self.back_to_capture)
        self.summary_view.minutesRequested.connect(lambda: self.minutesRequested.emit(self.meeting_id))
        self.summary_view.entryActivated.connect(self._summary_entry)
        capture_page = QWidget()
        page = QVBoxLayout(capture_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        for widget, stretch in ((self.header, 0), (self.tree, 1), (self.promote_strip, 0), (self.input_bar, 0)):
            page.addWidget(widget, stretch)
        self.pages = QStackedWidget()
        self.pages.addWidget(capture_page)
        self.pages.addWidget(self.summary_view)
        self.setCentralWidget(self.pages)
        self._build_docks()
        self.menus, self.named_actions = build_actions(self)
        self.undo_action, self.redo_action = self.named_actions["undo"], self.named_actions["redo"]
        self.start_action = self.named_actions["start"]
        self.kind_actions = {kind: kind_action(self.named_actions, kind) for kind in KINDS}
        self.named_actions["attendance"].setChecked(True)
        self.attendance_dock.visibilityChanged.connect(
            lambda _visible: self.named_actions["attendance"].setChecked(not self.attendance_dock.isHidden()))
        self.header.use_actions(start=self.start_action, previous=self.named_actions["previous_item"],
                                following=self.named_actions["next_item"], end=self.named_actions["end"])
        self.tree.selectionModel().selectionChanged.connect(self._update_copy_action)
        self.line.selectionChanged.connect(self._update_copy_action)
        self._update_copy_action()
        self.saved_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def _build_docks(self) -> None:
        self.attendance_panel = AttendancePanel()
        self.attendance_panel.attendedChanged.connect(self._attended_changed)
        self.attendance_dock = QDockWidget()
        self.attendance_dock.setObjectName("attendanceDock")
        self.attendance_dock.setWidget(self.attendance_panel)
        self.attendance_dock.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.attendance_dock)
        programme_id = self.ctx.programme.id
        self.search_panel = SearchPanel(lambda text: self.capture.search(programme_id, text), self.language)
        self.search_panel.hitActivated.connect(self.open_hit)
        self.search_panel.closed.connect(self.close_search)
        self.search_dock = QDockWidget()
        self.search_dock.setObjectName("searchDock")
        self.search_dock.setWidget(self.search_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search_dock)
        self.tabifyDockWidget(self.attendance_dock, self.search_dock)
        self.search_dock.hide()
        self.attendance_dock.raise_()
        # A fifth of the window (200 to 270 px): at 1024 px the entries' text keeps the rest.
        self.resizeDocks([self.attendance_dock], [min(270, max(200, self.width() // 5))], Qt.Orientation.Horizontal)

    # -- language ----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.header.show_title(self.ctx.meeting, self.language)
        self.setWindowTitle(_("Capture – {meeting}").format(meeting=self.ctx.meeting.title))
        retranslate_actions(self.menus, self.named_actions)
        self._update_undo_actions()
        self.header.retranslate_ui()
        self.input_bar.retranslate(self.kind_actions, example_date(self.language, self.ctx.meeting))
        self.attendance_dock.setWindowTitle(_("Attendance"))
        self.search_dock.setWindowTitle(_("Search"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.model.retranslate()
        self.tree.viewport().update()
        self._update_counts()
        self.update_clock()

    def _update_undo_actions(self, *_args) -> None:
        """Edit → Undo and Redo name the step they would take in this window."""
        stack = self.history.stack
        self.undo_action.setText(_("Undo {action}").format(action=stack.undoText()) if stack.canUndo()
                                 else _("Undo"))
        self.redo_action.setText(_("Redo {action}").format(action=stack.redoText()) if stack.canRedo()
                                 else _("Redo"))

    # -- the list ------------------------------------------------------------------------

    def _load_model(self) -> None:
        themes, people = self._names()
        self.model.load(self.ctx.agenda, self.ctx.entries, themes=themes, people=people,
                        language=self.language, current_item_id=self.ctx.meeting.current_item_id)

    def _update_counts(self, *_args) -> None:
        n = self.model.entry_count()
        self.count_label.setText(ngettext("{n} entry", "{n} entries", n).format(n=n))

    def reload(self) -> None:
        """Read the whole meeting again (its agenda changed elsewhere) and keep the selection."""
        selected = self.selected_entry_id()
        context = self.ops.read(lambda: self.capture.context(self.meeting_id))
        if context is None:
            return
        self.ctx = context
        self._load_model()
        self.refresh_attendance()
        if selected:
            self.select_entry(selected)
        self.header.show_title(self.ctx.meeting, self.language)
        self.update_clock()

    def selected_entry_id(self) -> str | None:
        return self.tree.selected_entry_id()

    def select_entry(self, entry_id: str | None) -> bool:
        return self.tree.select_entry(entry_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.entry(index) is None:
            item_id = self.model.agenda_item_at(index.siblingAtColumn(0))
            if item_id:
                self.run(_("Go to agenda item"), lambda: self.capture.go_to_item(self.meeting_id, item_id),
                         undoable=False)
        self.line.setFocus()

    # -- typing and storing --------------------------------------------------------------

    def run(self, text: str, call: Callable[[], object], *, undoable: bool = True) -> list[Change] | None:
        """One user action through the window's operations; what it changed is shown here.
        Returns the changes, or None when it was refused (the banner or status bar says why)."""
        changes = self.ops.run(text, call, initiator=self, undoable=undoable)
        if changes:
            self.show_changes(changes)
        return changes

    def set_kind(self, kind: str) -> None:
        """The kind the next entry gets."""
        self.kind = EntryKind(kind)
        self.input_bar.show_kind(self.kind)
        self.kind_actions[self.kind].setChecked(True)

    def cycle_kind(self, step: int = 1) -> None:
        self.set_kind(KINDS[(KINDS.index(self.kind) + step) % len(KINDS)])

    def _typed(self, _text: str) -> None:
        self.draft_timer.start()
        if not self.draft_max_timer.isActive():
            self.draft_max_timer.start()

    def save_draft(self) -> None:
        """Store the line's text as the meeting's draft (debounced after typing); not an undo step."""
        self.draft_timer.stop()
        self.draft_max_timer.stop()
        text = self.line.text()
        if text == self._draft_text:
            return
        try:
            self.capture.save_draft(self.meeting_id, text)
        except StorageError as exc:
            self.show_error(str(exc))
            return
        self._draft_text = text

    def _parse_date(self, text: str) -> dt.date:
        return translator(self.language).parse_date(text)

    def submit(self, text: str) -> None:
        """Enter: store the line as a new entry, or apply a line of only tags to the selected entry."""
        if not text.strip():
            return
        selected = self.selected_entry_id()
        if selected:
            parsed = parse_line(text, self._parse_date, reference=self.ctx.meeting.date)
            if parsed.only_metadata:
                if self.run(_("Tag entry"), lambda: self.capture.apply_line(selected, text)) is not None:
                    self._clear_line()
                return
        kind, item_id, clear = self.kind, self.ctx.meeting.current_item_id, bool(self._draft_text)
        changes = self.ops.run(_("Add {kind}").format(kind=_(ENTRY_KIND_TITLES[kind]).lower()),
                               lambda: self.capture.add_entry(self.meeting_id, text, kind, item_id, clear_draft=clear),
                               initiator=self)
        if changes is None:
            return  # refused: the banner says why and the text stays in the line
        if not changes:
            self.show_status(_("Type some words as well as the tags, or select an entry with ↑ to tag it."))
            return
        self._clear_line()
        self._stored(changes)

    def paste_lines(self, text: str) -> None:
        """Several lines pasted: one entry each, of the current kind, in one undo step."""
        kind, item_id = self.kind, self.ctx.meeting.current_item_id
        lines = [line for line in text.splitlines() if line.strip()]
        changes = self.ops.run(ngettext("Paste {n} entry", "Paste {n} entries", len(lines)).format(n=len(lines)),
                               lambda: self.capture.paste_lines(self.meeting_id, text, kind, item_id),
                               initiator=self)
        if changes:
            self._clear_line()
            self._stored(changes)

    def paste_from_clipboard(self) -> None:
        from PySide6.QtGui import QGuiApplication

        self.line.paste_text(QGuiApplication.clipboard().text())

    def _clear_line(self) -> None:
        self.line.clear()
        self.draft_timer.stop()
        self.draft_max_timer.stop()
        self._draft_text = ""

    def _stored(self, changes: list[Change]) -> None:
        """New entries are on disk: show them, and only them (Enter stays fast)."""
        self.show_changes(changes)
        entries = [c for c in changes if c.type is Entry and c.action == "created"]
        if entries:
            self._last_entry_id = entries[-1].id
            self.select_entry(None)
            self.tree.scrollTo(self.model.index_of(entries[-1].id))
            self.saved_label.setText(_("Saved {time}").format(time=dt.datetime.now().strftime("%H:%M:%S")))
            for change in entries:
                self.entrySaved.emit(change.id)
        self.hide_error()

    def show_error(self, text: str) -> None:
        self.error_banner.show_text(text)

    def hide_error(self) -> None:
        if not self.error_banner.isHidden():
            self.error_banner.hide()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    # -- undo and redo: this window's own history -----------------------------------------------

    def undo(self) -> None:
        self.ops.undo()

    def redo(self) -> None:
        self.ops.redo()

    def _stepped(self, changes: list[Change], step: UndoStep) -> None:
        """After this window's undo or redo: redraw what the step changed, select its entry."""
        self.show_changes(changes)
        concerned = [c for c in changes if isinstance(c.record, Entry)
                     and c.record.meeting_id == self.meeting_id and c.record.deleted_at is None]
        if concerned:
            self.select_entry(concerned[-1].id)
        elif any(c.type is Entry for c in changes):
            self.select_entry(None)

    def _published(self, changes: list[Change], initiator: object) -> None:
        """Changes stored elsewhere (another window, or its undo): redraw what this window shows of them."""
        if initiator is self or (isinstance(initiator, UndoStep) and initiator.history is self.history):
            return  # already shown
        self.show_changes(changes, elsewhere=True)

    # -- the meeting -------------------------------------------------------------------------

    def start_meeting(self) -> None:
        self.run(_("Start meeting"), lambda: self.capture.start_meeting(self.meeting_id), undoable=False)

    def step_item(self, step: int) -> None:
        changes = self.run(_("Next item") if step > 0 else _("Previous item"),
                           lambda: self.capture.step_item(self.meeting_id, step), undoable=False)
        if changes == []:
            self.show_status(_("There is no agenda item that way."))

    def end_meeting(self) -> None:
        if not self.run(_("End meeting"), lambda: self.capture.end_meeting(self.meeting_id), undoable=False):
            return
        self.save_draft()
        summary = self.ops.read(lambda: self.capture.summary(self.meeting_id))
        if summary is None:
            return
        self.summary_view.show_summary(summary)
        self.summary_view.minutes_button.setVisible(
            self.isSignalConnected(QMetaMethod.fromSignal(self.minutesRequested)))
        self.pages.setCurrentIndex(1)
        self.summary_view.back_button.setFocus()

    def back_to_capture(self) -> None:
        self.pages.setCurrentIndex(0)
        self.line.setFocus()

    def _summary_entry(self, entry_id: str) -> None:
        self.back_to_capture()
        self.select_entry(entry_id)

    def update_clock(self) -> None:
        """The header's clocks, every second (touching only what changed)."""
        self.header.show_clock(self.ctx.meeting, self.capture.clock(self.ctx.meeting, self.ctx.agenda, utcnow()))

    # -- attendance ----------------------------------------------------------------------

    def refresh_attendance(self) -> None:
        view = self.ops.read(lambda: self.capture.attendance(self.meeting_id))
        if view is not None:
            self.attendance_panel.show_attendance(view)

    def _attended_changed(self, person_id: str, attended: bool) -> None:
        self.run(_("Tick attendance"), lambda: self.capture.set_attended(self.meeting_id, person_id, attended))
        self.line.setFocus()

    def toggle_attendance(self) -> None:
        if self.attendance_dock.isHidden():
            self.attendance_dock.show()
            self.attendance_dock.raise_()
        else:
            self.attendance_dock.hide()
        self.named_actions["attendance"].setChecked(not self.attendance_dock.isHidden())

    # -- search --------------------------------------------------------------------------------

    def open_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_field()

    def close_search(self) -> None:
        self.search_dock.hide()
        self.attendance_dock.raise_()
        self.line.setFocus()

    def open_hit(self, meeting_id: str, entry_id: str) -> None:
        """Show a search result: here when it is this meeting's, else in its own meeting."""
        if meeting_id == self.meeting_id:
            self.back_to_capture()
            self.select_entry(entry_id)
            self.line.setFocus()
            return
        if self.isSignalConnected(QMetaMethod.fromSignal(self.meetingRequested)):
            self.meetingRequested.emit(meeting_id, entry_id)
            return
        # The same bus (each window follows the other's changes), its own undo history.
        other = CaptureWindow(services=self.services, meeting_id=meeting_id, bus=self.bus, settings=self.settings,
                              screen=self.screen())
        other.select_entry(entry_id)
        other.show()
        self._others.append(other)
        other.closed.connect(lambda _m, w=other: self._others.remove(w) if w in self._others else None)

    # -- keys and window ------------------------------------------------------------------------

    def escape(self) -> None:
        if self.promote_strip.isVisible():
            self.promote_strip.dismiss()
        elif self.pages.currentIndex() == 1:
            self.back_to_capture()
        elif self.selected_entry_id():
            self.select_entry(None)
        elif self.search_dock.isVisible():
            self.close_search()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.pages.currentIndex() == 1:
            self.back_to_capture()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.tree.remeasure()  # the text column has its real width now
        if not self._following:  # shown again after a close: read what changed meanwhile
            self._follow_bus(True)
            self.clock_timer.start()
            self.reload()

    def _follow_bus(self, follow: bool) -> None:
        if follow:
            self.bus.published.connect(self._published)
        elif getattr(self, "_following", False):
            self.bus.published.disconnect(self._published)
        self._following = follow

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.named_actions["fullscreen"].setChecked(self.isFullScreen())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_draft()
        self.clock_timer.stop()
        self._follow_bus(False)  # a closed window no longer redraws (it may outlive its database)
        for other in list(self._others):
            other.close()
        self.closed.emit(self.meeting_id)
        super().closeEvent(event)
