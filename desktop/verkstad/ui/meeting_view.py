"""The meeting view: details, the timed agenda, the preparation checklist and attendance.

Signals: MeetingView.changed() after any stored change; capture_requested(str) with the
meeting id when the facilitator opens capture mode; document_requested(str, str) with
the document kind ("agenda" or "minutes") and the meeting id.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
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
    ChecklistItem,
    Meeting,
    Party,
)
from verkstad.i18n import N_, _, current
from verkstad.services.planning import Planning
from verkstad.services.records import Records
from verkstad.ui import undo
from verkstad.ui.forms import FieldSpec, RecordForm
from verkstad.ui.tables import Column, ColumnDelegate, RecordTableModel
from verkstad.ui.language import Retranslatable

MEETING_FIELDS = [
    FieldSpec("title", N_("Title"), extra={"required": True}),
    FieldSpec("organisation_id", N_("Held at"), "choice"),
    FieldSpec("date", N_("Date"), "date"),
    FieldSpec("start_time", N_("Start"), "time"),
    FieldSpec("end_time", N_("Planned end"), "time"),
    FieldSpec("venue", N_("Venue")),
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


class MeetingView(Retranslatable, QWidget):
    """Signals: changed(), capture_requested(str), document_requested(str, str)."""

    changed = Signal()
    capture_requested = Signal(str)
    document_requested = Signal(str, str)
    deleted = Signal(str)

    def __init__(self, *, records: Records, planning: Planning, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        import dataclasses

        fields = [dataclasses.replace(f, choices=self._organisation_choices) if f.name == "organisation_id"
                  else f for f in MEETING_FIELDS]
        self.records = records
        self.planning = planning
        self.undo_stack = undo_stack
        self.meeting_id: str | None = None
        self.plan = None
        self._people: dict = {}

        self.heading = QLabel()
        self.heading.setObjectName("viewHeading")
        self.subheading = QLabel()
        self.warning = QLabel()
        self.warning.setObjectName("roleWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel#roleWarning { background: #fdecea; color: #8c1d18; border: 1px solid #e8a9a4;"
            " border-radius: 4px; padding: 6px; }")
        self.form = RecordForm(Meeting, fields, records=records, undo_stack=undo_stack)
        self.form.edited.connect(self._stored)

        self.capture_button = QPushButton()
        self.capture_button.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.capture_button.clicked.connect(lambda: self.capture_requested.emit(self.meeting_id))
        self.agenda_pdf_button = QPushButton()
        self.agenda_pdf_button.clicked.connect(lambda: self.document_requested.emit("agenda", self.meeting_id))
        self.minutes_pdf_button = QPushButton()
        self.minutes_pdf_button.clicked.connect(lambda: self.document_requested.emit("minutes", self.meeting_id))
        self.delete_meeting_button = QPushButton()
        self.delete_meeting_button.clicked.connect(self.delete_meeting)
        actions = QHBoxLayout()
        for b in (self.capture_button, self.agenda_pdf_button, self.minutes_pdf_button):
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

        self.tabs = QTabWidget()
        self.tabs.addTab(agenda_tab, "")
        self.tabs.addTab(checklist_tab, "")
        self.tabs.addTab(attendance_tab, "")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.warning)
        top = QHBoxLayout()
        top.addWidget(self.form, 2)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()

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

    def _organisation_choices(self):
        from verkstad.domain.model import Organisation, OrgKind

        if self.plan is None:
            return [(_("All organisations (shared)"), None)]
        orgs = self.records.list(Organisation, programme_id=self.plan.meeting.programme_id)
        return [(_("All organisations (shared)"), None)] + [
            (o.name, o.id) for o in orgs if o.kind == OrgKind.PARTICIPANT]

    def _people_choices(self):
        return [("—", None)] + [(p.name, p.id) for p in sorted(self._people.values(), key=lambda p: p.name)]

    def _timed(self, item):
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
                   store=lambda i, v: self._update(AgendaItem, i.id, title=v)),
            Column(N_("Duration"), lambda i: duration_text(i.duration_min), "int",
                   value=lambda i: i.duration_min,
                   store=lambda i, v: self._update(AgendaItem, i.id, duration_min=int(v))),
            Column(N_("Responsible"), lambda i: self._people[i.responsible_id].name
                   if i.responsible_id in self._people else "", "choice",
                   choices=self._people_choices, value=lambda i: i.responsible_id,
                   store=lambda i, v: self._update(AgendaItem, i.id, responsible_id=v)),
            Column(N_("Method and notes"), lambda i: i.notes, "text",
                   store=lambda i, v: self._update(AgendaItem, i.id, notes=v)),
        ]

    def _past_planned_end(self, item) -> bool:
        t = self._timed(item)
        end = self.plan.timing.planned_end if self.plan else None
        return bool(t and end and t.end > end and t.start >= self.plan.meeting.start_time)

    def _checklist_columns(self) -> list[Column]:
        party_choices = lambda: [(_(PARTY_TITLES[p]), p.value) for p in (Party.ORGANISATION, Party.TEAM)]  # noqa: E731
        return [
            Column(N_("Done"), lambda c: c.done, "bool", store=lambda c, v: self._update(ChecklistItem, c.id, done=v)),
            Column(N_("Preparation"), lambda c: c.text, "text",
                   store=lambda c, v: self._update(ChecklistItem, c.id, text=v)),
            Column(N_("Responsible"), lambda c: _(PARTY_TITLES.get(c.responsible, PARTY_TITLES[Party.ORGANISATION])),
                   "choice", choices=party_choices, value=lambda c: c.responsible,
                   store=lambda c, v: self._update(ChecklistItem, c.id, responsible=v)),
        ]

    def _attendance_columns(self) -> list[Column]:
        def org_name(row):
            return row.organisation.name if row.organisation else _("Advisory team")

        def store(row, field, value):
            return self.planning.set_attendance(self.meeting_id, row.person.id, **{field: value})

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
        self.add_item_button.setText(_("Add agenda item"))
        self.delete_item_button.setText(_("Delete item"))
        self.up_button.setText(_("Move up"))
        self.up_button.setToolTip(_("Move the selected item earlier (Alt+Up)"))
        self.down_button.setText(_("Move down"))
        self.down_button.setToolTip(_("Move the selected item later (Alt+Down)"))
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
        except LookupError:
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
        self._reload(self.agenda_table, self.agenda_model, plan.agenda)
        self._reload(self.checklist_table, self.checklist_model, plan.checklist)
        self._reload(self.attendance_table, self.attendance_model, plan.rows)
        self._show_totals()
        self._show_warning()

    @staticmethod
    def _reload(table: QTableView, model: RecordTableModel, rows) -> None:
        current = table.currentIndex()
        selected_id = getattr(model.rows[current.row()], "id", None) if current.isValid() and current.row() < len(model.rows) else None
        model.set_rows(rows)
        table.resizeColumnsToContents()
        if selected_id is not None:
            row = next((i for i, r in enumerate(rows) if getattr(r, "id", None) == selected_id), -1)
            if row >= 0:
                table.selectionModel().setCurrentIndex(
                    model.index(row, max(0, current.column())),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _show_totals(self) -> None:
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
        missing = self.plan.missing_roles
        if missing:
            roles = current().list([role_text(r).lower() for r in missing])
            self.warning.setText(
                _("Required at this meeting: {roles} (phase “{phase}”). No one invited holds that role: "
                  "add the person under People, then tick Invited under Attendance.").format(
                    roles=roles, phase=self.plan.phase.title))
        self.warning.setVisible(bool(missing))

    # -- editing -------------------------------------------------------------------

    def _update(self, cls, id, **values):
        return self.records.update(cls, id, **values)

    def _stored(self, changes) -> None:
        undo.push(self.undo_stack, self.records, changes, _("Edit meeting"))
        self.refresh()
        self.changed.emit()

    def add_agenda_item(self) -> None:
        row = self.agenda_table.currentIndex().row()
        position = row + 1 if row >= 0 else None
        change = self.planning.add_agenda_item(self.meeting_id, _("New item"), 15, position=position)
        undo.push(self.undo_stack, self.records, change, _("Add agenda item"))
        self.refresh()
        new_row = next(i for i, r in enumerate(self.agenda_model.rows) if r.id == change.id)
        index = self.agenda_model.index(new_row, 2)
        self.agenda_table.setCurrentIndex(index)
        self.agenda_table.edit(index)
        self.changed.emit()

    def add_checklist_item(self) -> None:
        change = self.planning.add_checklist_item(self.meeting_id, _("New preparation"))
        undo.push(self.undo_stack, self.records, change, _("Add checklist item"))
        self.refresh()
        index = self.checklist_model.index(len(self.checklist_model.rows) - 1, 1)
        self.checklist_table.setCurrentIndex(index)
        self.checklist_table.edit(index)
        self.changed.emit()

    def _delete_selected(self, table: QTableView, cls) -> None:
        index = table.currentIndex()
        if not index.isValid():
            return
        record = table.model().rows[index.row()]
        change = self.records.delete(cls, record.id)
        undo.push(self.undo_stack, self.records, change, _("Delete item"))
        self.refresh()
        self.changed.emit()

    def delete_meeting(self) -> None:
        if self.meeting_id is None:
            return
        meeting_id = self.meeting_id
        change = self.records.delete(Meeting, meeting_id)
        undo.push(self.undo_stack, self.records, change, _("Delete meeting"))
        self.changed.emit()
        self.deleted.emit(meeting_id)

    def move_agenda_item(self, step: int) -> None:
        index = self.agenda_table.currentIndex()
        if not index.isValid():
            return
        item = self.agenda_model.rows[index.row()]
        target = index.row() + step
        if not 0 <= target < len(self.agenda_model.rows):
            return
        change = self.records.move(AgendaItem, item.id, target)
        undo.push(self.undo_stack, self.records, change, _("Move agenda item"))
        self.refresh()
        self.agenda_table.selectionModel().setCurrentIndex(
            self.agenda_model.index(target, index.column()),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.changed.emit()
