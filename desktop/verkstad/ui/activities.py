"""The activity plan editor of one organisation: a sortable table of activities edited in place,
reordering, effort totals, late activities marked, the entries each came from, and the follow-up:
progress updates recorded (`ui.follow_up`) and where each activity stands.

Every edit is one operation (`ui.operations`): one undo step in the window's history, one
publication on the change bus. The view redraws from the bus, for its own edits, for undo and
redo and for edits made in other windows alike. The table's columns, model and editors are in
`ui.activity_table`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verkstad.domain.model import (
    Activity,
    ActivityKind,
    AgreementVersion,
    Entry,
    Organisation,
    Person,
    ProgressUpdate,
    Theme,
)
from verkstad.i18n import _, ngettext
from verkstad.services.activities import Plan, PlanRow
from verkstad.services.records import ChangedMeanwhile, NotFound, expecting
from verkstad.ui import mnemonics
from verkstad.ui.activity_table import (
    COLUMN,
    COLUMNS,
    ActivityDelegate,
    ActivitySortProxy,
    ActivityTableModel,
    hours_text,
)
from verkstad.ui.context_menu import ContextMenu, MenuEntry, ordered_entries
from verkstad.ui.dialogs import open_dialog
from verkstad.ui.follow_up import ProgressDialog, standing
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import FollowsBus, Operations, touches
from verkstad.ui.plan_columns import PlanColumns
from verkstad.ui.reorder import Reordering, enable_drag


class ActivityPlanView(Retranslatable, FollowsBus, QWidget):
    """The activity plan of one organisation. Signals: meeting_planned(str) with the id of a
    follow-up meeting planned from it (edits are published on `ops.bus`)."""

    meeting_planned = Signal(str)

    def __init__(self, *, services, organisation_id: str, ops: Operations, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.organisation_id = organisation_id
        self.ops = ops
        self.themes: list = []
        self.people: list = []  # who may be responsible: the organisation's people and the team
        self.plan: Plan | None = None
        self._current_id: str | None = None  # the activity whose description the editor shows
        self._loaded_description = ""  # its description as stored when the editor was filled
        self._redrawing = False
        self.dialog: ProgressDialog | None = None

        self.heading = QLabel()
        self.heading.setObjectName("viewHeading")
        self.add_button = QPushButton()
        self.delete_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        self.report_button = QPushButton()
        self.report_button.setObjectName("reportProgress")
        self.preview_button = QPushButton()
        self.report_pdf_button = QPushButton()
        self.report_pdf_button.setObjectName("progressReport")
        self.follow_meeting_button = QPushButton()
        self.follow_meeting_button.setObjectName("followUpMeeting")
        self.details_button = QPushButton()
        self.details_button.setObjectName("activityDetailsButton")
        self.details_button.clicked.connect(self.ask_details)
        self.add_button.clicked.connect(self.add_activity)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.preview_button.clicked.connect(self.preview)
        self.report_pdf_button.clicked.connect(self.preview_progress)
        self.follow_meeting_button.clicked.connect(self.plan_follow_up_meeting)
        self.report_button.clicked.connect(self.ask_progress)
        bar = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            bar.addWidget(b)
        bar.addSpacing(12)
        bar.addWidget(self.report_button)
        bar.addStretch(1)
        bar.addWidget(self.preview_button)

        self.model = ActivityTableModel(self)
        self.proxy = ActivitySortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("activityTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(ActivityDelegate(self.model, self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # The title stretches and wraps, the other columns fit their content; on a small screen
        # the least needed are hidden and their values shown under the description.
        self.columns = PlanColumns(self.table)
        self.columns.hidden_changed.connect(self._show_details)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.clear_or_delete)
        QShortcut(QKeySequence("Ctrl+Up"), self.table, lambda: self.move_selected(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self.table, lambda: self.move_selected(1))
        QShortcut(QKeySequence("Ctrl+R"), self, self.ask_progress)
        QShortcut(QKeySequence("Ctrl+D"), self, self.ask_details)
        # Rows are dragged to another place while the table shows the plan's order.
        self.model.reordering = Reordering(
            Activity, lambda: [r.activity for r in self.model.rows], lambda: self.organisation_id, self._move_to,
            enabled=lambda: (self.proxy.sortColumn() == COLUMN["position"]
                             and self.proxy.sortOrder() == Qt.SortOrder.AscendingOrder))
        enable_drag(self.table)
        self.table_menu = ContextMenu(self.table, self.menu_entries)

        self.totals = QLabel()
        self.totals.setObjectName("activityTotals")
        self.description_label = QLabel()
        self.description = QPlainTextEdit()
        self.description_label.setBuddy(self.description)
        self.description.setTabChangesFocus(True)
        self.description.installEventFilter(self)
        self.sources_label = QLabel()
        self.sources_label.setWordWrap(True)
        self.sources_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hidden_values = QLabel()  # the values of the columns hidden for want of room
        self.hidden_values.setObjectName("hiddenColumnValues")
        self.hidden_values.setWordWrap(True)
        self.hidden_values.setTextFormat(Qt.TextFormat.PlainText)
        self.follow_label = QLabel()  # where the selected activity stands, its newest updates
        self.follow_label.setObjectName("followUp")
        self.follow_label.setWordWrap(True)
        self.follow_label.setTextFormat(Qt.TextFormat.PlainText)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.description_label)
        details_layout.addWidget(self.description, 1)
        details_layout.addWidget(self.hidden_values)
        follow_row = QHBoxLayout()  # the follow-up and its report (the bar above has no room at 1024 px)
        follow_row.addWidget(self.follow_label, 1)
        follow_row.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        follow_row.addWidget(self.follow_meeting_button, 0, Qt.AlignmentFlag.AlignTop)
        follow_row.addWidget(self.report_pdf_button, 0, Qt.AlignmentFlag.AlignTop)
        details_layout.addLayout(follow_row)
        details_layout.addWidget(self.sources_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.totals)
        self.follow(ops.bus)
        self.retranslate_ui()
        mnemonics.keep(self)

    # -- language ------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add activity"))
        self.delete_button.setText(_("Delete"))
        self.up_button.setText(_("Move up"))
        self.down_button.setText(_("Move down"))
        self.report_button.setText(_("Progress update…"))
        self.preview_button.setText(_("Activity plan PDF…"))
        self.report_pdf_button.setText(_("Progress report PDF…"))
        self.follow_meeting_button.setText(_("Plan a follow-up meeting"))
        self.details_button.setText(_("Pilot, tasks…"))
        self.follow_meeting_button.setToolTip(
            _("A meeting at the organisation whose agenda holds its late activities and its open tasks"))
        self.description_label.setText(_("Description of the selected activity:"))
        native = QKeySequence.SequenceFormat.NativeText
        self.up_button.setToolTip(QKeySequence("Ctrl+Up").toString(native))
        self.down_button.setToolTip(QKeySequence("Ctrl+Down").toString(native))
        self.report_button.setToolTip(
            _("Record what the organisation reported on the selected activity ({key})").format(
                key=QKeySequence("Ctrl+R").toString(native)))
        self.details_button.setToolTip(
            _("A pilot project's goal and result, a good example, the tasks serving the activity ({key})").format(
                key=QKeySequence("Ctrl+D").toString(native)))
        self.refresh()

    # -- following the change bus ----------------------------------------------------------

    def concerns(self, changes) -> bool:
        """Whether published changes alter what this view shows: this organisation's activities,
        the themes and people they name, the organisation, the approved versions (readiness),
        meeting entries promoted to (or taken back from) an activity, and progress updates."""
        for c in changes:
            if c.type is Activity:
                if c.record is None or c.record.organisation_id == self.organisation_id:
                    return True
            elif c.type is Entry and ("activity_id" in c.before or "activity_id" in c.after
                                      or getattr(c.record, "activity_id", None)):
                return True
        return touches(changes, Theme, Person, Organisation, AgreementVersion, ProgressUpdate)

    def undo_target(self, changes) -> str | None:
        """The activity an undo or redo changed (or reported on), to select it."""
        for c in changes:
            if c.type is Activity:
                return c.id
            if c.type is ProgressUpdate and c.record is not None:
                return c.record.activity_id
        return None

    def select_target(self, target) -> None:
        self.select(target)

    # -- reading -------------------------------------------------------------------------

    def _read(self):
        activities = self.services.activities
        try:
            plan = activities.plan(self.organisation_id)
            return (plan, activities.themes(plan.organisation.programme_id),
                    activities.responsible_people(self.organisation_id))
        except NotFound:  # the organisation is gone (deleted, perhaps in another window)
            return None

    def refresh(self) -> None:
        """Read the plan again and redraw, keeping the selected activity selected."""
        keep = self.selected_id()
        read = self.ops.read(self._read)
        self._redrawing = True
        try:
            if read is None:
                self.plan, self.themes, self.people = None, [], []
                self.model.set_rows([])
                self.heading.setText(_("Activity plan"))
                self.totals.setText("")
            else:
                self.plan, self.themes, self.people = read
                self.model.set_rows(self.plan.rows)
                if keep and keep != self.selected_id():
                    self.select(keep)
                self._draw_totals()
        finally:
            self._redrawing = False
        self._show_details()

    def _draw_totals(self) -> None:
        assert self.plan is not None  # called by refresh() once the plan is read
        self.heading.setText(_("Activity plan: {name}").format(name=self.plan.organisation.name))
        late = self.plan.late_count
        text = _("Total: advisory team {team} h, organisation {org} h").format(
            team=hours_text(self.plan.team_hours), org=hours_text(self.plan.org_hours))
        if late:
            text += " · " + ngettext("{n} activity is late", "{n} activities are late", late).format(n=late)
        if any(r.ready for r in self.plan.rows):
            text += " · " + _("bold: in an approved agreement, ready to start")
        self.totals.setText(text)

    def row_ids(self) -> list[str]:
        """The activity ids in the order the table shows them."""
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()].activity.id
                for r in range(self.proxy.rowCount())]

    def _row_of(self, activity_id: str | None) -> PlanRow | None:
        return next((r for r in self.model.rows if r.activity.id == activity_id), None)

    def select(self, activity_id: str) -> None:
        for r, row in enumerate(self.model.rows):
            if row.activity.id == activity_id:
                index = self.proxy.mapFromSource(self.model.index(r, COLUMN["title"]))
                self.table.setCurrentIndex(index)
                return

    def selected_row(self) -> PlanRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[self.proxy.mapToSource(index).row()]

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row.activity.id if row else None

    def _row_changed(self, _current, _previous) -> None:
        if not self._redrawing:  # a redraw keeps what is being typed in the editor
            self._save_description()
        self._show_details()

    def _show_details(self) -> None:
        """Show the selected activity's description and sources. Text being typed for the same
        activity stays unless its stored description changed (undo, another window)."""
        if self._redrawing:
            return
        row = self.selected_row()
        activity_id = row.activity.id if row else None
        stored = row.activity.description if row else ""
        if activity_id != self._current_id or stored != self._loaded_description:
            if self.description.toPlainText() != stored:
                self.description.setPlainText(stored)
            self._loaded_description = stored
        self._current_id = activity_id
        self.description.setEnabled(row is not None)
        self.hidden_values.setText(self._hidden_values_text())
        lines = []
        if row and row.sources:
            lines += [_("From the meeting:"), *(f"• {e.text}" for e in row.sources)]
        if row:
            lines += details_lines(row)
        self.sources_label.setText("\n".join(lines))
        self.follow_label.setText(standing(row.follow, {p.id: p.name for p in self.people}) if row else "")
        self.delete_button.setEnabled(row is not None)
        self.report_button.setEnabled(row is not None)
        self.details_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row.activity.position > 0)
        self.down_button.setEnabled(row is not None and row.activity.position < len(self.model.rows) - 1)

    def _hidden_values_text(self) -> str:
        """"Theme: Green · Impact: Large" for the selected activity's columns that the table
        hides for want of room (none on a wide screen)."""
        index = self.table.currentIndex()
        if not index.isValid():
            return ""
        parts = []
        for key in self.columns.hidden_keys():
            text = str(index.siblingAtColumn(COLUMN[key]).data() or "—")
            parts.append(_("{field}: {value}").format(field=_(COLUMNS[COLUMN[key]].header), value=text))
        return " · ".join(parts)

    # -- writing -------------------------------------------------------------------------

    def store(self, activity_id: str, field: str, value) -> bool:
        """Store one edited value as one operation; False when it was refused (the banner
        says why)."""
        row = self._row_of(activity_id)
        label = next((_(c.header) for c in COLUMNS if c.key == field), _("Description"))
        text = _("change of {field}: {record}").format(field=label.lower(),
                                                        record=row.activity.title if row else "")
        overtaken: list[ChangedMeanwhile] = []

        def store() -> object:
            # what the cell showed: a value someone else stored since is not written over
            seen = {field: getattr(row.activity, field)} if row else {}
            try:
                with expecting(Activity, activity_id, seen):
                    return self.services.activities.update(activity_id, **{field: value})
            except ChangedMeanwhile as exc:
                overtaken.append(exc)
                raise

        changes = self.ops.run(text, store)
        if overtaken:  # the banner says what it holds now; the plan shows it
            self.refresh()
        return changes is not None

    def add_activity(self, position: int | None = None) -> None:
        """Add an empty activity at the end of the plan (or at `position`), select it and start
        editing its title, selected for typing over."""
        self._save_description()
        title = _("New activity")
        changes = self.ops.run(_("new activity"),
                               lambda: self.services.activities.add(self.organisation_id, title, position=position))
        if not changes:
            return
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.select(changes[0].id)
        index = self.table.currentIndex()
        if index.isValid():
            self.table.edit(index)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        activity = row.activity
        self.ops.run(_("delete activity: {activity}").format(activity=activity.title),
                     lambda: self.services.activities.delete(activity.id))

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        if row is None:
            return
        self._save_description()
        self._move_to(row.activity, row.activity.position + step)

    def _move_to(self, activity: Activity, position: int) -> bool:
        """Move an activity to `position` (a button, a key, a drop): one operation."""
        if not 0 <= position < len(self.model.rows):
            return False
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # show the order about to be made
        if not self.ops.run(_("move activity: {activity}").format(activity=activity.title),
                            lambda: self.services.activities.move(activity.id, position)):
            return False
        self.select(activity.id)
        return True

    def menu_entries(self) -> list[MenuEntry]:
        """The table's context menu: add below the selected activity, delete, move, report progress."""
        row = self.selected_row()
        below = row.activity.position + 1 if row is not None else None
        entries = ordered_entries(MenuEntry(_("Add activity"), lambda: self.add_activity(below)),
                                  MenuEntry(_("Delete"), self.delete_selected, self.delete_button.isEnabled()),
                                  self.move_selected, self.up_button.isEnabled(), self.down_button.isEnabled())
        return [*entries, MenuEntry(_("Progress update…"), self.ask_progress, row is not None, separator_before=True),
                MenuEntry(_("Pilot, good example, tasks…"), self.ask_details, row is not None),
                MenuEntry(_("Plan a follow-up meeting"), self.plan_follow_up_meeting)]

    def ask_details(self):
        """The selected activity's kind, goal, result, good-example mark and tasks (window-modal)."""
        row = self.selected_row()
        if row is None:
            return None
        self._save_description()
        from verkstad.ui.activity_details import ActivityDetailsDialog

        dialog = ActivityDetailsDialog(services=self.services, ops=self.ops, activity=row.activity, parent=self)
        activity_id = row.activity.id
        dialog.finished.connect(lambda _result: self.select(activity_id))
        return open_dialog(self, dialog)

    # -- the follow-up -------------------------------------------------------------------

    def ask_progress(self) -> ProgressDialog | None:
        """Ask for a progress update on the selected activity (window-modal); OK stores it and
        the status it gives the activity as one operation."""
        row = self.selected_row()
        if row is None:
            return None
        self._save_description()
        activity = row.activity
        people = [(p.name, p.id) for p in self.people]
        dialog = ProgressDialog(activity_title=activity.title, status=activity.status, people=people, parent=self)

        def submit(on, note: str) -> str | None:
            changes = self.ops.run(
                _("progress update: {activity}").format(activity=activity.title),
                lambda: self.services.follow_ups.report(
                    activity.id, reported_on=on, status=dialog.status(), note=note,
                    reported_by_id=dialog.reporter(), share_done=dialog.share_done(),
                    good_example=dialog.good_example()))
            if changes is None:
                return self.ops.last_error or _("Nothing was stored.")
            self.select(activity.id)
            return None

        dialog.submit = submit
        return open_dialog(self, dialog)

    def clear_or_delete(self) -> None:
        """Delete on a date, theme, person or impact cell empties it."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        col = COLUMNS[index.column()]
        row = self.selected_row()
        if col.nullable and row is not None and getattr(row.activity, col.key) is not None:
            self.store(row.activity.id, col.key, None)

    def _save_description(self) -> None:
        """Store the description being edited, for the activity it was typed for."""
        row = self._row_of(self._current_id)
        if row is None:
            return
        text = self.description.toPlainText()
        if text != row.activity.description:
            self.store(row.activity.id, "description", text)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.description and event.type() == QEvent.Type.FocusOut:
            self._save_description()
        return super().eventFilter(obj, event)

    def preview(self) -> None:
        self._save_description()
        from verkstad.ui.preview import show_document

        show_document(self, self.services, "plan", organisation_id=self.organisation_id)

    def plan_follow_up_meeting(self) -> None:
        """Plan today's follow-up meeting at the organisation (one operation) and show it."""
        self._save_description()
        changes = self.ops.run(_("follow-up meeting"),
                               lambda: self.services.follow_ups.plan_follow_up_meeting(self.organisation_id))
        if changes:
            self.meeting_planned.emit(changes[0].id)

    def preview_progress(self) -> None:
        """The organisation's progress report, in its language."""
        self._save_description()
        from verkstad.ui.preview import show_document

        show_document(self, self.services, "progress", organisation_id=self.organisation_id)


def details_lines(row) -> list[str]:
    """A pilot project's goal and result, a good-example mark and the tasks, under the description."""
    a = row.activity
    out = []
    if a.kind == ActivityKind.PILOT:
        out.append(_("Pilot project."))
        if a.goal:
            out.append(_("Goal: {text}").format(text=a.goal))
        if a.result:
            out.append(_("Result: {text}").format(text=a.result))
    if a.good_example:
        out.append(_("Marked as a good example."))
    if row.tasks:
        done = sum(1 for t in row.tasks if t.done)
        out.append(ngettext("{count} task serves it, {done} done.", "{count} tasks serve it, {done} done.",
                            len(row.tasks)).format(count=len(row.tasks), done=done))
    return out
