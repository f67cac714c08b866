"""The meeting view: details, the timed agenda, the preparation checklist and attendance; the
operations on their rows are in `ui/meeting_items.py`.

Signals: MeetingView.changed() after any stored change; capture_requested(str) with the
meeting id when the facilitator opens capture mode; document_requested(str, str) with
the document kind ("agenda" or "minutes") and the meeting id.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verkstad.domain.model import (
    PARTY_TITLES,
    ROLE_TITLES,
    AgendaItem,
    Attendance,
    ChecklistItem,
    Meeting,
    Organisation,
    Party,
    Person,
    Phase,
)
from verkstad.domain.rules import TimedItem
from verkstad.i18n import N_, _, current
from verkstad.services.planning import MeetingPlan, Planning
from verkstad.services.records import NotFound
from verkstad.ui import mnemonics
from verkstad.ui.context_menu import ContextMenu
from verkstad.ui.forms import FieldSpec, RecordForm, translation_specs
from verkstad.ui.language import Retranslatable
from verkstad.ui.meeting_items import MeetingItems
from verkstad.ui.operations import FollowsBus, Operations, touches
from verkstad.ui.reorder import Reordering, enable_drag
from verkstad.ui.tables import Column, ColumnDelegate, RecordTableModel

MEETING_FIELDS = [
    FieldSpec("title", N_("Title")),
    FieldSpec("organisation_id", N_("Held at"), "choice"),
    FieldSpec("date", N_("Date"), "date"),
    FieldSpec("start_time", N_("Start"), "time"),
    FieldSpec("end_time", N_("Planned end"), "time"),
    FieldSpec("venue", N_("Venue")),
    FieldSpec("reply_by", N_("Reply by"), "date"),
    FieldSpec("contact_id", N_("Contact person"), "choice"),
    FieldSpec("note_taker_id", N_("Note-taker"), "choice"),
    *translation_specs("title", N_("Title")),  # beside the invitation's fields: the title in other languages
]


def duration_text(minutes: int) -> str:
    hours, mins = divmod(max(0, minutes), 60)
    if hours and mins:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=mins)
    if hours:
        return _("{hours} h").format(hours=hours)
    return _("{minutes} min").format(minutes=mins)


def role_text(role: str) -> str:
    return _(ROLE_TITLES.get(role, ROLE_TITLES["other"]))


class MeetingView(MeetingItems, Retranslatable, FollowsBus, QWidget):
    """Signals: changed(), capture_requested(str), document_requested(str, str)."""

    changed = Signal()
    capture_requested = Signal(str)
    document_requested = Signal(str, str)
    deleted = Signal(str)

    def __init__(self, *, planning: Planning, ops: Operations, parent=None) -> None:
        super().__init__(parent)
        import dataclasses

        fields = [dataclasses.replace(f, choices=self._organisation_choices) if f.name == "organisation_id"
                  else dataclasses.replace(f, choices=self._people_choices) if f.name in ("contact_id", "note_taker_id")
                  else f for f in MEETING_FIELDS]
        # An undated meeting's calendar opens at the start of its phase (else today).
        fields = [dataclasses.replace(f, extra={"default": self._phase_start}) if f.name == "date" else f
                  for f in fields]
        self.planning = planning
        self.ops = ops
        self.meeting_id: str | None = None
        self.plan: MeetingPlan | None = None
        self._people: dict[str, Person] = {}

        self.heading = QLabel()
        self.heading.setObjectName("viewHeading")
        self.subheading = QLabel()
        self.warning = QLabel()
        self.warning.setObjectName("roleWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel#roleWarning { background: #fdecea; color: #8c1d18; border: 1px solid #e8a9a4;"
            " border-radius: 4px; padding: 6px; }")
        # What the invitation and the minutes ask for sits beside the meeting's own fields, so
        # the agenda keeps its height on a small screen.
        invitation = ("reply_by", "contact_id", "note_taker_id")
        beside = [f for f in fields if f.name in invitation or "@" in f.name]
        self.form = RecordForm(Meeting, [f for f in fields if f not in beside], ops=ops,
                               store=planning.update_meeting, describe=lambda m: m.title)
        self.form.edited.connect(self._stored)
        self.invitation_form = RecordForm(Meeting, beside, ops=ops, store=planning.update_meeting,
                                          describe=lambda m: m.title,
                                          languages=lambda m: planning.meeting_languages(m.id))
        self.invitation_form.setObjectName("invitationForm")
        self.invitation_form.edited.connect(self._stored)
        self.follow(ops.bus)

        self.capture_button = QPushButton()
        self.capture_button.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.capture_button.clicked.connect(lambda: self.capture_requested.emit(self.meeting_id))
        self.agenda_pdf_button = QPushButton()
        self.agenda_pdf_button.clicked.connect(lambda: self.document_requested.emit("agenda", self.meeting_id))
        self.minutes_pdf_button = QPushButton()
        self.minutes_pdf_button.clicked.connect(lambda: self.document_requested.emit("minutes", self.meeting_id))
        self.checklist_pdf_button = QPushButton()  # the team's copy: not in the participants' invitation
        self.checklist_pdf_button.clicked.connect(lambda: self.document_requested.emit("checklist", self.meeting_id))
        # What the facilitator prints for the room: one button, its sheets in a menu (the row has
        # no room for three more buttons at 1024 px)
        self.room_kit_button = QPushButton()
        self.room_kit_button.setObjectName("roomKit")
        self.room_kit_menu = QMenu(self.room_kit_button)
        self.room_kit_actions = {kind: self.room_kit_menu.addAction("")
                                 for kind in ("sign-in", "dot-voting", "poster", "evaluation-sheets")}
        for kind, action in self.room_kit_actions.items():
            action.triggered.connect(lambda _checked=False, k=kind: self.document_requested.emit(k, self.meeting_id))
        self.room_kit_button.setMenu(self.room_kit_menu)
        self.delete_meeting_button = QPushButton()
        self.delete_meeting_button.clicked.connect(self.delete_meeting)
        actions = QHBoxLayout()
        for b in (self.capture_button, self.agenda_pdf_button, self.checklist_pdf_button, self.minutes_pdf_button,
                  self.room_kit_button):
            actions.addWidget(b)
        actions.addStretch()
        actions.addWidget(self.delete_meeting_button)

        # Agenda
        self.agenda_model = RecordTableModel(self._agenda_columns(), self)
        self.agenda_model.stored.connect(self._stored)
        self.agenda_table = self._table(self.agenda_model)
        self.agenda_table.setObjectName("agendaTable")
        self.total_label = QLabel()
        self.total_label.setObjectName("agendaTotal")
        self.add_item_button = QPushButton()
        self.add_item_button.clicked.connect(self.add_agenda_item)
        self.delete_item_button = QPushButton()
        self.delete_item_button.clicked.connect(lambda: self._delete_selected(self.agenda_table, AgendaItem))
        self.up_button = QPushButton()
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.up_button.clicked.connect(lambda: self.move_agenda_item(-1))
        self.down_button = QPushButton()
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.down_button.clicked.connect(lambda: self.move_agenda_item(+1))
        agenda_tab = self._tab(self.agenda_table,
                               [self.add_item_button, self.delete_item_button, self.up_button, self.down_button],
                               self.total_label)

        # Checklist
        self.checklist_model = RecordTableModel(self._checklist_columns(), self)
        self.checklist_model.stored.connect(self._stored)
        self.checklist_table = self._table(self.checklist_model)
        self.add_check_button = QPushButton()
        self.add_check_button.clicked.connect(self.add_checklist_item)
        self.delete_check_button = QPushButton()
        self.delete_check_button.clicked.connect(lambda: self._delete_selected(self.checklist_table, ChecklistItem))
        checklist_tab = self._tab(self.checklist_table, [self.add_check_button, self.delete_check_button])

        # Attendance
        self.attendance_model = RecordTableModel(self._attendance_columns(), self)
        self.attendance_model.stored.connect(self._stored)
        self.attendance_table = self._table(self.attendance_model)
        self.attendance_summary = QLabel()
        attendance_tab = self._tab(self.attendance_table, [], self.attendance_summary)

        # Agenda and checklist items are dragged to another place; each table has a context menu
        # of its operations; the buttons for a selected item apply only with one selected.
        self.agenda_model.reordering = Reordering(AgendaItem, lambda: self.agenda_model.rows,
                                                  lambda: self.meeting_id, self._move_to)
        self.checklist_model.reordering = Reordering(ChecklistItem, lambda: self.checklist_model.rows,
                                                     lambda: self.meeting_id, self._move_to)
        for table in (self.agenda_table, self.checklist_table):
            enable_drag(table)
            table.selectionModel().currentRowChanged.connect(self._update_item_buttons)
        self.agenda_menu = ContextMenu(self.agenda_table, self._agenda_menu)
        self.checklist_menu = ContextMenu(self.checklist_table, self._checklist_menu)
        self.attendance_menu = ContextMenu(self.attendance_table, self._attendance_menu)

        self.tabs = QTabWidget()
        self.tabs.addTab(agenda_tab, "")
        self.tabs.addTab(checklist_tab, "")
        self.tabs.addTab(attendance_tab, "")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.warning)
        top = QHBoxLayout()
        top.addWidget(self.form, 3, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.invitation_form, 2, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()
        mnemonics.keep(self)

    # -- building ------------------------------------------------------------------

    def _table(self, model: RecordTableModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setItemDelegate(ColumnDelegate(model, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        return table

    @staticmethod
    def _tab(table, buttons, footer=None) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(table)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch()
        if footer is not None:
            row.addWidget(footer)
        layout.addLayout(row)
        return tab

    def _phase_start(self, _meeting: Meeting):
        return self.plan.phase.start_date if self.plan is not None else None

    def _organisation_choices(self):
        from verkstad.domain.model import OrgKind

        if self.plan is None:
            return [(_("All organisations (shared)"), None)]
        orgs = self.planning.organisations(self.plan.meeting.programme_id)
        return [(_("All organisations (shared)"), None)] + [
            (o.name, o.id) for o in orgs if o.kind == OrgKind.PARTICIPANT]

    def _people_choices(self):
        return [("—", None)] + [(p.name, p.id) for p in sorted(self._people.values(), key=lambda p: p.name)]

    def _timed(self, item: AgendaItem) -> TimedItem | None:
        if self.plan is None:
            return None
        return next((t for t in self.plan.timing.items if t.item.id == item.id), None)

    def _agenda_columns(self) -> list[Column]:
        tr = current
        return [
            Column(N_("Start"), lambda i: tr().time(t.start) if (t := self._timed(i)) else ""),
            Column(N_("End"), lambda i: tr().time(t.end) if (t := self._timed(i)) else "",
                   alert=lambda i: self._past_planned_end(i)),
            Column(N_("Item"), lambda i: i.title, "text",
                   store=lambda i, v: self._update(AgendaItem, i, N_("title"), title=v)),
            Column(N_("Duration"), lambda i: duration_text(i.duration_min), "int",
                   value=lambda i: i.duration_min,
                   store=lambda i, v: self._update(AgendaItem, i, N_("duration"), duration_min=int(v))),
            Column(N_("Responsible"), lambda i: self._people[i.responsible_id].name
                   if i.responsible_id in self._people else "", "choice",
                   choices=self._people_choices, value=lambda i: i.responsible_id,
                   store=lambda i, v: self._update(AgendaItem, i, N_("responsible"), responsible_id=v)),
            Column(N_("Method and notes"), lambda i: i.notes, "text",
                   store=lambda i, v: self._update(AgendaItem, i, N_("method and notes"), notes=v)),
        ]

    def _past_planned_end(self, item: AgendaItem) -> bool:
        t = self._timed(item)
        plan = self.plan
        if t is None or plan is None:
            return False
        # An item is timed only when the meeting has a start time (rules.agenda_timing).
        end, start = plan.timing.planned_end, plan.meeting.start_time
        return bool(end and start and t.end > end and t.start >= start)

    def _checklist_columns(self) -> list[Column]:
        party_choices = lambda: [(_(PARTY_TITLES[p]), p.value) for p in (Party.ORGANISATION, Party.TEAM)]  # noqa: E731
        return [
            Column(N_("Done"), lambda c: c.done, "bool",
                   store=lambda c, v: self._update(ChecklistItem, c, N_("status"), done=v)),
            Column(N_("Preparation"), lambda c: c.text, "text",
                   store=lambda c, v: self._update(ChecklistItem, c, N_("preparation"), text=v)),
            Column(N_("Responsible"), lambda c: _(PARTY_TITLES.get(c.responsible, PARTY_TITLES[Party.ORGANISATION])),
                   "choice", choices=party_choices, value=lambda c: c.responsible,
                   store=lambda c, v: self._update(ChecklistItem, c, N_("responsible"), responsible=v)),
        ]

    def _attendance_columns(self) -> list[Column]:
        def org_name(row):
            return row.organisation.name if row.organisation else _("Advisory team")

        def store(row, field, value):
            meeting_id = self.meeting_id
            if meeting_id is None:  # no meeting shown (the view is disabled): nothing to store
                return None
            label = _("invitation") if field == "invited" else _("attendance")
            return self.ops.run(_("change of {field}: {record}").format(field=label, record=row.person.name),
                                lambda: self.planning.set_attendance(meeting_id, row.person.id, **{field: value}))

        return [
            Column(N_("Person"), lambda r: r.person.name),
            Column(N_("Organisation"), org_name),
            Column(N_("Role"), lambda r: role_text(r.person.role)),
            Column(N_("Invited"), lambda r: bool(r.attendance and r.attendance.invited), "bool",
                   store=lambda r, v: store(r, "invited", v)),
            Column(N_("Attended"), lambda r: bool(r.attendance and r.attendance.attended), "bool",
                   store=lambda r, v: store(r, "attended", v)),
        ]

    def retranslate_ui(self) -> None:
        self.capture_button.setText(_("Capture mode"))
        self.capture_button.setToolTip(_("Run this meeting: capture ideas, decisions and tasks (Ctrl+Shift+M)"))
        self.agenda_pdf_button.setText(_("Agenda and invitation (PDF)…"))
        self.minutes_pdf_button.setText(_("Minutes (PDF)…"))
        self.checklist_pdf_button.setText(_("Checklist (PDF)…"))
        self.checklist_pdf_button.setToolTip(_("The team's preparation checklist; the invitation leaves it out"))
        self.room_kit_button.setText(_("Room kit"))
        self.room_kit_button.setToolTip(_("Sheets to print for the room: sign-in, dot voting, the agenda as a poster"))
        self.room_kit_actions["sign-in"].setText(_("&Sign-in sheet (PDF)…"))
        self.room_kit_actions["dot-voting"].setText(_("&Dot-voting sheet (PDF)…"))
        self.room_kit_actions["poster"].setText(_("Agenda &poster, A3 (PDF)…"))
        self.room_kit_actions["evaluation-sheets"].setText(_("&Evaluation sheets (PDF)…"))
        self.add_item_button.setText(_("Add agenda item"))
        self.delete_item_button.setText(_("Delete item"))
        self.up_button.setText(_("Move up"))
        self.up_button.setToolTip(_("Move the selected item earlier ({shortcut})").format(
            shortcut=QKeySequence("Alt+Up").toString(QKeySequence.SequenceFormat.NativeText)))
        self.down_button.setText(_("Move down"))
        self.down_button.setToolTip(_("Move the selected item later ({shortcut})").format(
            shortcut=QKeySequence("Alt+Down").toString(QKeySequence.SequenceFormat.NativeText)))
        self.delete_meeting_button.setText(_("Delete meeting"))
        self.delete_meeting_button.setToolTip(_("Edit → Undo brings it back"))
        self.add_check_button.setText(_("Add checklist item"))
        self.delete_check_button.setText(_("Delete item"))
        self.tabs.setTabText(0, _("Agenda"))
        self.tabs.setTabText(1, _("Preparation checklist"))
        self.tabs.setTabText(2, _("Attendance"))
        self.refresh()

    # -- loading -------------------------------------------------------------------

    def show_meeting(self, meeting_id: str) -> None:
        self.meeting_id = meeting_id
        self.refresh()

    def refresh(self) -> None:
        if self.meeting_id is None:
            return
        try:
            plan = self.planning.meeting_plan(self.meeting_id)
        except NotFound:
            self.meeting_id = None
            self.plan = None
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self.plan = plan
        self._people = {r.person.id: r.person for r in plan.rows}
        self.heading.setText(plan.meeting.title)
        where = plan.organisation.name if plan.organisation else _("Shared meeting")
        self.subheading.setText(f"{plan.phase.title} · {where}")
        self.form.load(plan.meeting)
        self.invitation_form.load(plan.meeting)
        self._reload(self.agenda_table, self.agenda_model, plan.agenda)
        self._reload(self.checklist_table, self.checklist_model, plan.checklist)
        self._reload(self.attendance_table, self.attendance_model, plan.rows)
        self._show_totals()
        self._show_warning()
        self._update_item_buttons()

    @staticmethod
    def _reload(table: QTableView, model: RecordTableModel, rows) -> None:
        current = table.currentIndex()
        selected_id = (getattr(model.rows[current.row()], "id", None)
                       if current.isValid() and current.row() < len(model.rows) else None)
        model.set_rows(rows)
        table.resizeColumnsToContents()
        if selected_id is not None:
            row = next((i for i, r in enumerate(rows) if getattr(r, "id", None) == selected_id), -1)
            if row >= 0:
                table.selectionModel().setCurrentIndex(
                    model.index(row, max(0, current.column())),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _show_totals(self) -> None:
        assert self.plan is not None  # called by refresh() once the plan is loaded
        timing = self.plan.timing
        tr = current()
        text = _("Total {duration}").format(duration=duration_text(timing.total_min))
        if timing.end is not None:
            text += " · " + _("ends {time}").format(time=tr.time(timing.end))
        if timing.planned_end is not None:
            text += " · " + _("planned end {time}").format(time=tr.time(timing.planned_end))
        if timing.overrun_min:
            text += " · " + _("{duration} over").format(duration=duration_text(timing.overrun_min))
            self.total_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        else:
            self.total_label.setStyleSheet("")
        self.total_label.setText(text)

    def _show_warning(self) -> None:
        """The required roles, checked twice: invited (planning) and attended (once held).
        The line keeps its place while roles are ticked, so the form does not jump."""
        plan = self.plan
        assert plan is not None  # called by refresh() once the plan is loaded
        lines, alarm = [], False
        if plan.missing_roles:
            roles = current().list([role_text(r).lower() for r in plan.missing_roles])
            lines.append(_("Required at this meeting: {roles} (phase “{phase}”). No one invited holds that role: "
                           "add the person under People, then tick Invited under Attendance.").format(
                roles=roles, phase=plan.phase.title))
            alarm = True
        elif plan.missing_attended:
            roles = current().list([role_text(r).lower() for r in plan.missing_attended])
            lines.append(_("Required at this meeting: {roles}. Nobody in that role is ticked as attended: "
                           "tick Attended under Attendance, or the minutes will say that they did not attend.").format(
                roles=roles))
            alarm = True
        elif plan.required_roles:
            roles = current().list([role_text(r).lower() for r in plan.required_roles])
            lines.append(_("Required at this meeting: {roles} (attended).").format(roles=roles) if plan.held
                         else _("Required at this meeting: {roles} (invited).").format(roles=roles))
        if plan.outside_phase:
            tr = current()
            lines.append(_("The meeting's date lies outside its phase ({start} – {end}).").format(
                start=tr.date(plan.phase.start_date) if plan.phase.start_date else "…",
                end=tr.date(plan.phase.end_date) if plan.phase.end_date else "…"))
            alarm = True
        self.warning.setProperty("alarm", alarm)
        self.warning.setStyleSheet(
            "QLabel#roleWarning { background: #fdecea; color: #8c1d18; border: 1px solid #e8a9a4;"
            " border-radius: 4px; padding: 6px; }" if alarm else
            "QLabel#roleWarning { background: #eaf4ea; color: #1e4620; border: 1px solid #b7d7b8;"
            " border-radius: 4px; padding: 6px; }")
        self.warning.setText("\n".join(lines))
        self.warning.setVisible(bool(lines))

    # -- editing -------------------------------------------------------------------

    def _stored(self, _changes) -> None:
        self.changed.emit()

    def concerns(self, changes) -> bool:
        """Anything this view shows, changed here or in another window."""
        return self.meeting_id is not None and touches(changes, Meeting, AgendaItem, ChecklistItem,
                                                       Attendance, Person, Phase, Organisation)

    def delete_meeting(self) -> None:
        if self.meeting_id is None or self.plan is None:
            return
        meeting_id, title = self.meeting_id, self.plan.meeting.title
        if self.ops.run(_("deletion of {name}").format(name=title),
                        lambda: self.planning.delete_meeting(meeting_id)) is None:
            return
        self.ops.status(_("Deleted {name}. Edit → Undo brings it back.").format(name=title))
        self.changed.emit()
        self.deleted.emit(meeting_id)

