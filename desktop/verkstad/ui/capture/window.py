"""Capture mode: one meeting on screen, one always-focused line, everything said stored at Enter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QMetaMethod, QModelIndex, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPalette, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from verkstad.domain.capture_syntax import parse_line
from verkstad.domain.meeting_clock import mmss
from verkstad.domain.model import ENTRY_KIND_TITLES, EntryKind, utcnow
from verkstad.i18n import _, ngettext, translator
from verkstad.services.capture import CaptureContext, CaptureError
from verkstad.services.records import Change
from verkstad.storage.errors import StorageError
from verkstad.ui import undo
from verkstad.ui.capture.attendance_panel import AttendancePanel
from verkstad.ui.capture.capture_line import CaptureLine
from verkstad.ui.capture.entry_model import KIND_COLOURS, EntryModel
from verkstad.ui.capture.search_panel import SearchPanel
from verkstad.ui.capture.summary_view import SummaryView
from verkstad.ui.language import Retranslatable

KINDS = (EntryKind.IDEA, EntryKind.DECISION, EntryKind.TASK, EntryKind.NOTE)
DRAFT_QUIET_MS = 500  # the draft is saved this long after the last keystroke...
DRAFT_MAX_MS = 1000  # ...and at the latest this long after the first unsaved one


def _native(sequence: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


def _text(widget, text: str) -> None:
    if widget.text() != text:
        widget.setText(text)


def _style(widget, sheet: str) -> None:
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def _show(widget, visible: bool) -> None:
    if widget.isHidden() == visible:
        widget.setVisible(visible)


def with_shortcut(text: str, action_or_sequence) -> str:
    """A tooltip naming its shortcut: "Next agenda item (Ctrl+PgDown)"."""
    sequence = action_or_sequence.shortcut() if isinstance(action_or_sequence, QAction) else action_or_sequence
    shown = _native(sequence)
    return f"{text} ({shown})" if shown else text


class CaptureWindow(Retranslatable, QMainWindow):
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

    def __init__(self, *, services, meeting_id: str, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.capture = services.capture
        self.meeting_id = meeting_id
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.kind: str = EntryKind.IDEA
        self._pushing = False
        self._draft_text = ""
        self._last_entry_id: str | None = None
        self._promote_entry_id: str | None = None
        self._others: list[CaptureWindow] = []
        self.ctx: CaptureContext = self.capture.context(meeting_id)
        self.language = self.ctx.language
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.resize(1280, 800)

        self._build_header()
        self._build_list()
        self._build_input()
        self.summary_view = SummaryView()
        self.summary_view.back.connect(self.back_to_capture)
        self.summary_view.minutesRequested.connect(lambda: self.minutesRequested.emit(self.meeting_id))
        self.summary_view.entryActivated.connect(self._summary_entry)
        capture_page = QWidget()
        page = QVBoxLayout(capture_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(self.header)
        page.addWidget(self.error_banner)
        page.addWidget(self.tree, 1)
        page.addWidget(self.promote_strip)
        page.addWidget(self.input_bar)
        self.pages = QStackedWidget()
        self.pages.addWidget(capture_page)
        self.pages.addWidget(self.summary_view)
        self.setCentralWidget(self.pages)
        self._build_docks()
        self._build_actions()
        self._build_status()

        self.draft_timer = QTimer(self, singleShot=True, interval=DRAFT_QUIET_MS)
        self.draft_timer.timeout.connect(self.save_draft)
        self.draft_max_timer = QTimer(self, singleShot=True, interval=DRAFT_MAX_MS)
        self.draft_max_timer.timeout.connect(self.save_draft)
        self.clock_timer = QTimer(self, interval=1000)
        self.clock_timer.timeout.connect(self.update_clock)
        self.clock_timer.start()
        self.undo_stack.indexChanged.connect(self._undo_index_changed)

        self._load_model()
        self.refresh_attendance()
        self.line.setText(self.ctx.draft)
        self._draft_text = self.ctx.draft
        self.set_kind(EntryKind.IDEA)
        self.retranslate_ui()
        self.update_clock()
        self.setFocusProxy(self.line)
        self.line.setFocus()

    # -- building ------------------------------------------------------------------

    def _build_header(self) -> None:
        self.header = QFrame()
        self.header.setObjectName("captureHeader")
        self.header.setStyleSheet("QFrame#captureHeader { background: #f3f5f8; border-bottom: 1px solid #d5d9e0; }")
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.item_label = QLabel()
        item_font = self.item_label.font()
        item_font.setPointSizeF(item_font.pointSizeF() * 1.2)
        self.item_label.setFont(item_font)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("itemClock")
        clock_font = self.clock_label.font()
        clock_font.setPointSizeF(clock_font.pointSizeF() * 1.2)
        clock_font.setBold(True)
        self.clock_label.setFont(clock_font)
        self.meeting_clock_label = QLabel()
        self.prev_button = QToolButton()
        self.next_button = QToolButton()
        self.start_button = QPushButton()
        self.end_button = QPushButton()
        for button in (self.prev_button, self.next_button, self.start_button, self.end_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        left = QVBoxLayout()
        left.setSpacing(2)
        left.addWidget(self.title_label)
        left.addWidget(self.item_label)
        clocks = QVBoxLayout()
        clocks.setSpacing(2)
        clocks.addWidget(self.clock_label, 0, Qt.AlignmentFlag.AlignRight)
        clocks.addWidget(self.meeting_clock_label, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout(self.header)
        row.setContentsMargins(14, 8, 14, 8)
        row.addLayout(left, 1)
        row.addLayout(clocks)
        row.addSpacing(12)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addWidget(self.start_button)
        row.addWidget(self.end_button)
        self.error_banner = QLabel()
        self.error_banner.setWordWrap(True)
        self.error_banner.setStyleSheet("background: #8a1c13; color: white; padding: 6px 14px;")
        self.error_banner.hide()

    def _build_list(self) -> None:
        self.model = EntryModel(self)
        self.model.textEdited.connect(self._edited_in_place)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the typing line keeps the focus
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.tree.setWordWrap(True)  # what was said is read in full, never elided
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setAlternatingRowColors(True)
        self.tree.setIndentation(14)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.itemDelegate().closeEditor.connect(lambda *_: self.line.setFocus())
        palette = self.tree.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role))
        self.tree.setPalette(palette)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(EntryModel.TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((EntryModel.KIND, 80), (EntryModel.THEMES, 120), (EntryModel.OWNER, 125),
                              (EntryModel.DUE, 85), (EntryModel.IMPACT, 70), (EntryModel.VOTES, 66),
                              (EntryModel.ACTIVITY, 95)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # Long entries wrap: the model holds each entry's height at the text column's width,
        # measured again (once resizing pauses) when that width changes.
        self.model.measure = self._measure
        self.remeasure_timer = QTimer(self, singleShot=True, interval=60)
        self.remeasure_timer.timeout.connect(self._remeasure)
        header.sectionResized.connect(
            lambda column, _old, _new: self.remeasure_timer.start() if column == EntryModel.TEXT else None)
        self.model.rowsInserted.connect(self._rows_changed)
        self.model.rowsRemoved.connect(self._rows_changed)
        self.model.modelReset.connect(self._after_reset)

    def _build_input(self) -> None:
        self.promote_strip = QFrame()
        self.promote_strip.setObjectName("promoteStrip")
        self.promote_strip.setStyleSheet("QFrame#promoteStrip { background: #e8f4ea; border-top: 1px solid #b9dcc0; }")
        self.promote_label = QLabel()
        self.promote_buttons_row = QHBoxLayout()
        self.promote_cancel = QToolButton()
        self.promote_cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.promote_cancel.clicked.connect(self.hide_promote_chooser)
        strip = QHBoxLayout(self.promote_strip)
        strip.setContentsMargins(14, 6, 14, 6)
        strip.addWidget(self.promote_label)
        strip.addLayout(self.promote_buttons_row)
        strip.addStretch(1)
        strip.addWidget(self.promote_cancel)
        self.promote_strip.hide()
        self.promote_shortcuts: list[QShortcut] = []
        self._promote_targets: list = []

        self.input_bar = QFrame()
        self.input_bar.setObjectName("inputBar")
        self.input_bar.setStyleSheet("QFrame#inputBar { background: #f3f5f8; border-top: 1px solid #d5d9e0; }")
        self.kind_buttons = QButtonGroup(self)
        self.kind_buttons.setExclusive(True)
        kinds_row = QHBoxLayout()
        kinds_row.setSpacing(4)
        for kind in KINDS:
            button = QToolButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("kind", kind.value)
            button.setStyleSheet(
                f"QToolButton {{ padding: 4px 10px; border: 1px solid #c5cad3; border-radius: 4px; background: white; }}"
                f"QToolButton:checked {{ background: {KIND_COLOURS[kind]}; color: white;"
                f" border-color: {KIND_COLOURS[kind]}; font-weight: bold; }}")
            button.clicked.connect(lambda _checked=False, k=kind: self.set_kind(k))
            self.kind_buttons.addButton(button)
            kinds_row.addWidget(button)
        self.line = CaptureLine()
        line_font = self.line.font()
        line_font.setPointSizeF(line_font.pointSizeF() * 1.3)
        self.line.setFont(line_font)
        self.line.setMinimumHeight(38)
        self.line.submitted.connect(self.submit)
        self.line.linesPasted.connect(self.paste_lines)
        self.line.navigate.connect(self.navigate)
        self.line.kindCycled.connect(self.cycle_kind)
        self.line.escaped.connect(self.escape)
        self.line.textEdited.connect(self._typed)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #5b6270;")
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addLayout(kinds_row)
        row.addWidget(self.line, 1)
        column = QVBoxLayout(self.input_bar)
        column.setContentsMargins(14, 8, 14, 6)
        column.addLayout(row)
        column.addWidget(self.hint)

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
        self.resizeDocks([self.attendance_dock], [270], Qt.Orientation.Horizontal)

    def _action(self, menu: QMenu, slot: Callable, *shortcuts) -> QAction:
        action = QAction(self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self.capture_menu = bar.addMenu("")
        self.kind_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for i, kind in enumerate(KINDS, start=1):
            action = self._action(self.capture_menu, lambda k=kind: self.kind_key(k), f"Ctrl+{i}")
            action.setCheckable(True)
            group.addAction(action)
            self.kind_actions[kind] = action
        self.capture_menu.addSeparator()
        self.next_kind_action = self._action(self.capture_menu, lambda: self.cycle_kind(1))
        self.paste_action = self._action(self.capture_menu,
                                         lambda: self.line.paste_text(self._clipboard_text()))
        self.capture_menu.addSeparator()
        self.close_action = self._action(self.capture_menu, self.close, QKeySequence.StandardKey.Close)

        self.edit_menu = bar.addMenu("")
        self.undo_action = self._action(self.edit_menu, self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(self.edit_menu, self.redo, QKeySequence.StandardKey.Redo)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())

        self.entry_menu = bar.addMenu("")
        self.edit_action = self._action(self.entry_menu, self.edit_selected, "F2")
        self.themes_action = self._action(self.entry_menu, self.theme_menu, "Ctrl+T")
        self.impact_action = self._action(self.entry_menu, self.cycle_impact, "Ctrl+I")
        self.vote_up_action = self._action(self.entry_menu, lambda: self.vote(1), "Ctrl++", "Ctrl+=")
        self.vote_down_action = self._action(self.entry_menu, lambda: self.vote(-1), "Ctrl+-")
        self.move_up_action = self._action(self.entry_menu, lambda: self.move_selected(-1), "Alt+Up")
        self.move_down_action = self._action(self.entry_menu, lambda: self.move_selected(1), "Alt+Down")
        self.promote_action = self._action(self.entry_menu, self.promote_selected, "Ctrl+P")
        self.entry_menu.addSeparator()
        self.delete_action = self._action(self.entry_menu, self.delete_selected, QKeySequence.StandardKey.Delete)

        self.meeting_menu = bar.addMenu("")
        self.start_action = self._action(self.meeting_menu, self.start_meeting, "F5")
        self.prev_action = self._action(self.meeting_menu, lambda: self.step_item(-1), "Ctrl+PgUp")
        self.next_action = self._action(self.meeting_menu, lambda: self.step_item(1), "Ctrl+PgDown")
        self.end_action = self._action(self.meeting_menu, self.end_meeting, "Ctrl+Shift+E")
        self.prev_button.setDefaultAction(self.prev_action)
        self.next_button.setDefaultAction(self.next_action)
        self.start_button.clicked.connect(self.start_meeting)
        self.end_button.clicked.connect(self.end_meeting)

        self.view_menu = bar.addMenu("")
        self.search_action = self._action(self.view_menu, self.open_search, QKeySequence.StandardKey.Find)
        self.attendance_action = self.attendance_dock.toggleViewAction()
        self.attendance_action.setShortcut(QKeySequence("F9"))
        self.view_menu.addAction(self.attendance_action)
        self.fullscreen_action = self._action(self.view_menu, self.toggle_full_screen, "F11")
        self.fullscreen_action.setCheckable(True)

    def _build_status(self) -> None:
        self.saved_label = QLabel()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().addPermanentWidget(self.count_label)

    # -- language ----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        meeting = self.ctx.meeting
        title = meeting.title
        if meeting.date:
            title = _("{title}, {date}").format(title=title, date=translator(self.language).date(meeting.date))
        self.title_label.setText(title)
        self.setWindowTitle(_("Capture – {meeting}").format(meeting=meeting.title))
        self.capture_menu.setTitle(_("&Capture"))
        self.edit_menu.setTitle(_("&Edit"))
        self.entry_menu.setTitle(_("E&ntry"))
        self.meeting_menu.setTitle(_("&Meeting"))
        self.view_menu.setTitle(_("&View"))
        for kind, action in self.kind_actions.items():
            action.setText(_(ENTRY_KIND_TITLES[kind]))
            action.setToolTip(with_shortcut(
                _("Next entry is a {kind} (or change the selected entry)").format(
                    kind=_(ENTRY_KIND_TITLES[kind]).lower()), action))
        for button in self.kind_buttons.buttons():
            kind = EntryKind(button.property("kind"))
            button.setText(_(ENTRY_KIND_TITLES[kind]))
            button.setToolTip(with_shortcut(_("The next entry is a {kind}; Tab switches kind").format(
                kind=_(ENTRY_KIND_TITLES[kind]).lower()), self.kind_actions[kind]))
        texts = {
            self.next_kind_action: (_("Next kind"), _("Switch the kind of the next entry (Tab)")),
            self.paste_action: (_("Paste lines as entries"), _("Each pasted line becomes an entry")),
            self.close_action: (_("Close capture"), ""),
            self.undo_action: (_("Undo"), _("Undo the last change to the entries (Ctrl+Z on an empty line)")),
            self.redo_action: (_("Redo"), ""),
            self.edit_action: (_("Edit entry"), _("Edit the selected entry in place")),
            self.themes_action: (_("Themes…"), _("Tag the selected entry with themes")),
            self.impact_action: (_("Impact"), _("Set the impact of the selected entry: small, medium, large, none")),
            self.vote_up_action: (_("Add a vote"), ""),
            self.vote_down_action: (_("Remove a vote"), ""),
            self.move_up_action: (_("Move up"), ""),
            self.move_down_action: (_("Move down"), ""),
            self.promote_action: (_("Promote to activity"),
                                  _("Make the selected idea or decision an activity in the activity plan")),
            self.delete_action: (_("Delete entry"), _("Delete the selected entry (Delete on an empty line)")),
            self.start_action: (_("Start meeting"), _("Start the meeting clock at the first agenda item")),
            self.prev_action: (_("Previous item"), _("Go back to the previous agenda item")),
            self.next_action: (_("Next item"), _("Take up the next agenda item")),
            self.end_action: (_("End meeting"), _("End the meeting and see what was captured")),
            self.search_action: (_("Search…"), _("Find anything said in the programme's meetings")),
            self.fullscreen_action: (_("Full screen"), ""),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(with_shortcut(tip or text, action))
        self.attendance_action.setText(_("Attendance"))
        self.attendance_dock.setWindowTitle(_("Attendance"))
        self.search_dock.setWindowTitle(_("Search"))
        self.prev_button.setText("◀")
        self.next_button.setText("▶")
        self.start_button.setToolTip(with_shortcut(_("Start the meeting clock at the first agenda item"),
                                                   self.start_action))
        self.end_button.setText(_("End meeting"))
        self.end_button.setToolTip(self.end_action.toolTip())
        self.promote_cancel.setText(_("Cancel"))
        self.promote_cancel.setToolTip(with_shortcut(_("Do not promote"), "Esc"))
        self.line.setPlaceholderText(_("Type what is said and press Enter"))
        example = translator(self.language).date(self.ctx.meeting.date or dt.date.today(), "short")
        self.hint.setText(_("Enter saves · Tab switches kind · #theme · @owner · due date like {date} · "
                            "↑ ↓ select an entry · F2 edit · Delete · Ctrl+P promote · Ctrl+F search")
                          .format(date=example))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.model.retranslate()
        self.tree.viewport().update()
        self._update_counts()
        self.update_clock()

    # -- the list ------------------------------------------------------------------------

    def _names(self) -> tuple[dict[str, str], dict[str, str]]:
        return ({t.id: t.name for t in self.ctx.themes}, {p.id: p.name for p in self.ctx.people.values()})

    def _load_model(self) -> None:
        themes, people = self._names()
        self.model.load(self.ctx.agenda, self.ctx.entries, themes=themes, people=people,
                        language=self.language, current_item_id=self.ctx.meeting.current_item_id)

    def _after_reset(self) -> None:
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        self._rows_changed()

    def _rows_changed(self, *args) -> None:
        # Each of these calls lays the whole tree out again: only when something changes.
        hide = self.model.rowCount(self.model.index(0, 0)) == 0
        if self.tree.isRowHidden(0, QModelIndex()) != hide:
            self.tree.setRowHidden(0, QModelIndex(), hide)
        if args and args[0].isValid() and not self.tree.isExpanded(args[0]):
            self.tree.expand(args[0])
        self._update_counts()

    def _update_counts(self) -> None:
        n = self.model.entry_count()
        self.count_label.setText(ngettext("{n} entry", "{n} entries", n).format(n=n))

    def reload(self) -> None:
        """Read the meeting again (after undo or redo) and keep the selection."""
        selected = self.selected_entry_id()
        self.ctx = self.capture.context(self.meeting_id)
        self._load_model()
        self.refresh_attendance()
        if selected:
            self.select_entry(selected)
        self.update_clock()

    def selected_entry_id(self) -> str | None:
        indexes = self.tree.selectionModel().selectedRows()
        if not indexes:
            return None
        entry = self.model.entry(indexes[0])
        return entry.id if entry else None

    def select_entry(self, entry_id: str | None) -> bool:
        index = self.model.index_of(entry_id) if entry_id else QModelIndex()
        selection = self.tree.selectionModel()
        if not index.isValid():
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.Clear)
            return False
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
        self.tree.scrollTo(index)
        return True

    def navigate(self, step: int) -> None:
        """Up and Down in the line move the selection through the entries; past the last, back to typing."""
        ids = self.model.entry_ids()
        if not ids:
            return
        current = self.selected_entry_id()
        if current is None:
            if step < 0:
                start = self._last_entry_id if self._last_entry_id in ids else ids[-1]
                self.select_entry(start)
            return
        at = ids.index(current) + step
        if at >= len(ids):
            self.select_entry(None)
        else:
            self.select_entry(ids[max(0, at)])

    def _measure(self, text: str) -> int:
        """The height of an entry's row with its text wrapped at the text column's width."""
        metrics = self.tree.fontMetrics()
        if not self.tree.isVisible():  # no width yet: one line until shown (showEvent measures)
            return max(metrics.height(), 16) + 6
        width = self.tree.columnWidth(EntryModel.TEXT) - self.tree.indentation() * 2 - 14 - 12
        bounds = metrics.boundingRect(QRect(0, 0, max(40, width), 100_000), int(Qt.TextFlag.TextWordWrap), text)
        return max(metrics.height(), 16) + 6 + max(0, bounds.height() - metrics.height())

    def _remeasure(self) -> None:
        self.model.remeasure()
        self.tree.doItemsLayout()

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.entry(index) is None:
            item_id = self.model.agenda_item_at(index.siblingAtColumn(0))
            if item_id:
                self._guard(lambda: self._meeting_changed(self.capture.go_to_item(self.meeting_id, item_id)))
        self.line.setFocus()

    # -- typing and storing --------------------------------------------------------------

    def set_kind(self, kind: str) -> None:
        """The kind the next entry gets."""
        self.kind = EntryKind(kind)
        for button in self.kind_buttons.buttons():
            button.setChecked(button.property("kind") == self.kind.value)
        self.kind_actions[self.kind].setChecked(True)
        colour = KIND_COLOURS[self.kind]
        self.line.setStyleSheet(f"QLineEdit {{ border: 2px solid {colour}; border-radius: 4px; padding: 4px 8px; }}")

    def cycle_kind(self, step: int = 1) -> None:
        self.set_kind(KINDS[(KINDS.index(self.kind) + step) % len(KINDS)])

    def kind_key(self, kind: str) -> None:
        """Ctrl+1..4: the kind of the selected entry, or of the next one when none is selected."""
        selected = self.selected_entry_id()
        if selected:
            self._apply(lambda: self.capture.set_kind(selected, kind), _("Change kind"))
            self.kind_actions[self.kind].setChecked(True)
        else:
            self.set_kind(kind)

    def _typed(self, _text: str) -> None:
        self.draft_timer.start()
        if not self.draft_max_timer.isActive():
            self.draft_max_timer.start()

    def save_draft(self) -> None:
        """Store the line's text as the meeting's draft (debounced after typing)."""
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
                if self._apply(lambda: self.capture.apply_line(selected, text), _("Tag entry")) is not None:
                    self._clear_line()
                return
        try:
            changes = self.capture.add_entry(self.meeting_id, text, self.kind, self.ctx.meeting.current_item_id,
                                             clear_draft=bool(self._draft_text))
        except StorageError as exc:
            self.show_error(str(exc))  # the text stays in the line
            return
        if not changes:
            self.statusBar().showMessage(_("Type some words besides the tags; or select an entry with ↑ to tag it."),
                                         5000)
            return
        self._clear_line()
        self._stored(changes, _("Add {kind}").format(kind=_(ENTRY_KIND_TITLES[self.kind]).lower()))

    def paste_lines(self, text: str) -> None:
        """Several lines pasted: one entry each, of the current kind, in one undo step."""
        try:
            changes = self.capture.paste_lines(self.meeting_id, text, self.kind, self.ctx.meeting.current_item_id)
        except StorageError as exc:
            self.show_error(str(exc))
            return
        n = sum(1 for c in changes if c.action == "created" and c.type.__name__ == "Entry")
        if n:
            self._clear_line()
            self._stored(changes, ngettext("Paste {n} entry", "Paste {n} entries", n).format(n=n))

    def _clear_line(self) -> None:
        self.line.clear()
        self.draft_timer.stop()
        self.draft_max_timer.stop()
        self._draft_text = ""

    def _stored(self, changes: list[Change], undo_text: str) -> None:
        self.show_changes(changes)
        self._push(changes, undo_text)
        entries = [c for c in changes if c.type.__name__ == "Entry" and c.action == "created"]
        if entries:
            self._last_entry_id = entries[-1].id
            self.select_entry(None)
            self.tree.scrollTo(self.model.index_of(entries[-1].id))
            self.saved_label.setText(_("Saved {time}").format(
                time=dt.datetime.now().strftime("%H:%M:%S")))
            for change in entries:
                self.entrySaved.emit(change.id)
        self.hide_error()

    def show_changes(self, changes: list[Change]) -> None:
        """Redraw exactly what the service calls changed."""
        for change in changes:
            name = change.type.__name__
            if name == "Theme" and change.action == "created":
                self.ctx.themes.append(change.record)
                self.model.set_themes(self._names()[0])
            elif name == "Entry":
                if change.action == "created":
                    self.model.insert_entry(change.record)
                else:
                    self.model.update_entry(change.record)

    def _push(self, changes: list[Change], text: str) -> None:
        self._pushing = True
        try:
            undo.push(self.undo_stack, self.services.records, changes, text)
        finally:
            self._pushing = False

    def _apply(self, call: Callable[[], Change | list[Change] | None], undo_text: str):
        """Run a service call on entries, redraw and record it for undo; errors go to the banner."""
        try:
            result = call()
        except StorageError as exc:
            self.show_error(str(exc))
            return None
        except CaptureError as exc:
            self.statusBar().showMessage(str(exc), 6000)
            return None
        changes = [result] if isinstance(result, Change) else list(result or [])
        self.show_changes(changes)
        self._push(changes, undo_text)
        return changes

    def _guard(self, call: Callable[[], object]):
        try:
            return call()
        except StorageError as exc:
            self.show_error(str(exc))
            return None

    def show_error(self, text: str) -> None:
        self.error_banner.setText(text)
        self.error_banner.show()

    def hide_error(self) -> None:
        self.error_banner.hide()

    def _clipboard_text(self) -> str:
        from PySide6.QtGui import QGuiApplication

        return QGuiApplication.clipboard().text()

    # -- the selected entry ---------------------------------------------------------------

    def _selected_or_hint(self) -> str | None:
        selected = self.selected_entry_id()
        if selected is None:
            self.statusBar().showMessage(_("Select an entry first: ↑ and ↓ move through the entries."), 5000)
        return selected

    def edit_selected(self) -> None:
        selected = self._selected_or_hint()
        if selected:
            self.tree.edit(self.model.index_of(selected, EntryModel.TEXT))

    def _edited_in_place(self, entry_id: str, text: str) -> None:
        self._apply(lambda: self.capture.edit(entry_id, text), _("Edit entry"))
        self.line.setFocus()

    def cycle_impact(self) -> None:
        selected = self._selected_or_hint()
        if selected:
            self._apply(lambda: self.capture.cycle_impact(selected), _("Set impact"))

    def vote(self, delta: int) -> None:
        selected = self._selected_or_hint()
        if selected:
            self._apply(lambda: self.capture.vote(selected, delta), _("Vote"))

    def move_selected(self, step: int) -> None:
        selected = self._selected_or_hint()
        if selected:
            self._apply(lambda: self.capture.move(selected, step), _("Move entry"))
            self.select_entry(selected)

    def delete_selected(self) -> None:
        selected = self._selected_or_hint()
        if not selected:
            return
        ids = self.model.entry_ids()
        at = ids.index(selected)
        changes = self._apply(lambda: self.capture.delete(selected), _("Delete entry"))
        if changes:
            self.model.remove_entry(selected)
            rest = [i for i in ids if i != selected]
            self.select_entry(rest[min(at, len(rest) - 1)] if rest else None)
            self.statusBar().showMessage(with_shortcut(_("Entry deleted; undo brings it back"),
                                                       self.undo_action), 5000)

    def theme_menu(self) -> None:
        """A menu of the programme's themes, ticked as the selected entry has them."""
        selected = self._selected_or_hint()
        if not selected:
            return
        entry = self.model.entry(self.model.index_of(selected))
        menu = QMenu(self)
        for theme in self.ctx.themes:
            action = menu.addAction(theme.name)
            action.setCheckable(True)
            action.setChecked(theme.id in entry.theme_ids)
            action.setData(theme.id)
        rect = self.tree.visualRect(self.model.index_of(selected, EntryModel.THEMES))
        chosen = menu.exec(self.tree.viewport().mapToGlobal(rect.bottomLeft() if rect.isValid() else QPoint()))
        if chosen is not None:
            self._apply(lambda: self.capture.toggle_theme(selected, chosen.data()), _("Tag entry"))
        self.line.setFocus()

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def _undo_index_changed(self, _index: int) -> None:
        if not self._pushing:
            self.reload()

    # -- promotion ----------------------------------------------------------------------

    def promote_selected(self) -> None:
        selected = self._selected_or_hint()
        if not selected:
            return
        entry = self.model.entry(self.model.index_of(selected))
        if entry.kind not in (EntryKind.IDEA, EntryKind.DECISION):
            self.statusBar().showMessage(str(CaptureError("not_promotable")), 6000)
            return
        if self.ctx.meeting.organisation_id:
            self.promote(selected, self.ctx.meeting.organisation_id)
            return
        targets = self._guard(lambda: self.capture.promotion_targets(self.meeting_id)) or []
        if len(targets) == 1:
            self.promote(selected, targets[0].id)
        elif targets:
            self.show_promote_chooser(selected, targets)

    def promote(self, entry_id: str, organisation_id: str) -> None:
        self.hide_promote_chooser()
        changes = self._apply(lambda: self.capture.promote(entry_id, organisation_id), _("Promote to activity"))
        if changes:
            org = self.ctx.organisations.get(organisation_id)
            self.statusBar().showMessage(_("Added to the activity plan of {organisation}.").format(
                organisation=org.name if org else ""), 6000)

    def show_promote_chooser(self, entry_id: str, targets: list) -> None:
        """A strip above the line asks which organisation; typing goes on meanwhile."""
        self.hide_promote_chooser()
        self._promote_entry_id = entry_id
        self._promote_targets = targets
        self.promote_label.setText(_("Promote to the activity plan of:"))
        for i, org in enumerate(targets[:9], start=1):
            button = QPushButton(f"{i}  {org.short_name or org.name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(with_shortcut(org.name, f"Alt+{i}"))
            button.clicked.connect(lambda _c=False, o=org.id: self.promote(entry_id, o))
            self.promote_buttons_row.addWidget(button)
            shortcut = QShortcut(QKeySequence(f"Alt+{i}"), self)
            shortcut.activated.connect(lambda o=org.id: self.promote(entry_id, o))
            self.promote_shortcuts.append(shortcut)
        self.promote_strip.show()

    def hide_promote_chooser(self) -> None:
        while self.promote_buttons_row.count():
            widget = self.promote_buttons_row.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for shortcut in self.promote_shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.promote_shortcuts = []
        self._promote_entry_id = None
        self.promote_strip.hide()

    # -- the meeting -------------------------------------------------------------------------

    def start_meeting(self) -> None:
        change = self._guard(lambda: self.capture.start_meeting(self.meeting_id))
        if change is not None:
            self._meeting_changed(change)

    def step_item(self, step: int) -> None:
        change = self._guard(lambda: self.capture.step_item(self.meeting_id, step))
        if change is not None:
            self._meeting_changed(change)
        else:
            self.statusBar().showMessage(_("There is no agenda item that way."), 3000)

    def end_meeting(self) -> None:
        change = self._guard(lambda: self.capture.end_meeting(self.meeting_id))
        if change is None:
            return
        self._meeting_changed(change)
        self.save_draft()
        self.summary_view.show_summary(self.capture.summary(self.meeting_id))
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

    def _meeting_changed(self, change: Change) -> None:
        self.ctx.meeting = change.record
        self.model.set_current_item(self.ctx.meeting.current_item_id)
        item_row = self.model.group_row(self.ctx.meeting.current_item_id)
        if self.ctx.meeting.current_item_id:
            self.tree.scrollTo(self.model.index(item_row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        self.refresh_attendance()
        self.update_clock()

    def update_clock(self) -> None:
        """The header: current item, its elapsed and remaining time, overrun in red.

        Runs every second, so it touches only what changed: besides being cheaper, every
        call of a Qt method that returns nothing costs PySide6 6.12 on Python 3.11 one
        reference to None (None is not immortal before 3.12), and a three-hour meeting is
        10,800 ticks.
        """
        meeting = self.ctx.meeting
        clock = self.capture.clock(meeting, self.ctx.agenda, utcnow())
        started = meeting.started_at is not None
        _show(self.start_button, not started or meeting.ended_at is not None)
        _text(self.start_button, _("Resume meeting") if meeting.ended_at else _("Start meeting"))
        _show(self.end_button, started and meeting.ended_at is None)
        if clock is None:
            _text(self.item_label, with_shortcut(_("Not started yet: start the meeting to follow the agenda"),
                                                 self.start_action))
            _text(self.clock_label, "")
            _text(self.meeting_clock_label, "")
            _style(self.clock_label, "")
            return
        if clock.item is None or meeting.ended_at is not None:
            _text(self.item_label, clock.item.title if clock.item else _("No agenda item"))
            _text(self.clock_label, "")
            _style(self.clock_label, "")
        else:
            _text(self.item_label, _("Item {number} of {count}: {title}").format(
                number=clock.index + 1, count=clock.count, title=clock.item.title))
            if clock.overrun:
                _text(self.clock_label, _("{elapsed} of {minutes} min · {over} over").format(
                    elapsed=mmss(clock.elapsed_s), minutes=clock.item.duration_min, over=mmss(clock.remaining_s)))
                _style(self.clock_label, "QLabel#itemClock { color: white; background: #c62828;"
                                         " border-radius: 4px; padding: 2px 8px; }")
            else:
                _text(self.clock_label, _("{elapsed} of {minutes} min · {left} left").format(
                    elapsed=mmss(clock.elapsed_s), minutes=clock.item.duration_min, left=mmss(clock.remaining_s)))
                _style(self.clock_label, "QLabel#itemClock { color: #1b5e20; padding: 2px 8px; }")
        text = _("Meeting {elapsed}").format(elapsed=mmss(clock.meeting_elapsed_s))
        if meeting.ended_at is not None:
            text = _("Ended after {elapsed}").format(elapsed=mmss(clock.meeting_elapsed_s))
        elif clock.meeting_remaining_s is not None and clock.meeting_remaining_s < 0:
            text += " · " + _("{over} past the planned agenda").format(over=mmss(clock.meeting_remaining_s))
        _text(self.meeting_clock_label, text)

    # -- attendance ----------------------------------------------------------------------

    def refresh_attendance(self) -> None:
        view = self._guard(lambda: self.capture.attendance(self.meeting_id))
        if view is not None:
            self.attendance_panel.show_attendance(view)

    def _attended_changed(self, person_id: str, attended: bool) -> None:
        self._apply(lambda: self.capture.set_attended(self.meeting_id, person_id, attended),
                    _("Tick attendance"))
        self.refresh_attendance()
        self.line.setFocus()

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
        other = CaptureWindow(services=self.services, meeting_id=meeting_id, undo_stack=self.undo_stack)
        other.select_entry(entry_id)
        other.show()
        self._others.append(other)
        other.closed.connect(lambda _m, w=other: self._others.remove(w) if w in self._others else None)

    # -- keys and window ------------------------------------------------------------------------

    def escape(self) -> None:
        if self.promote_strip.isVisible():
            self.hide_promote_chooser()
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
        self._remeasure()  # the text column has its real width now

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.fullscreen_action.setChecked(self.isFullScreen())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_draft()
        self.clock_timer.stop()
        for other in list(self._others):
            other.close()
        self.closed.emit(self.meeting_id)
        super().closeEvent(event)

