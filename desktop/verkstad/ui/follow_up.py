"""The follow-up: the dialog that records a progress update, the text that tells where an
activity stands (under its description in the activity plan), and the programme's reminders.

The dialog is window-modal and opened with `open()`; an update that cannot be stored leaves it
open with the reason. No signals: the update is stored as one operation by its submit.
`RemindersPanel` signals opened(Reminder).
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verkstad.datetext import EntryError
from verkstad.domain.model import ACTIVITY_STATUS_TITLES, ProgressUpdate
from verkstad.domain.progress import PROGRESS_TITLES, FollowUp, Progress, states_text
from verkstad.gcpause import no_cyclic_gc
from verkstad.i18n import _, current, ngettext
from verkstad.services.follow_up import OverviewRow, Reminder
from verkstad.ui import accessible, mnemonics
from verkstad.ui.agreement_dialogs import VersionStepDialog

SHOWN_UPDATES = 3  # the newest updates told under the description

class ProgressDialog(VersionStepDialog):
    """A progress update on one activity: the day reported (today), the activity's status then
    (its status now), how much is done (none), who reported (nobody named) and a note. OK runs
    `submit(date, note)`; `status()`, `share_done()` and `reporter()` hold the rest."""

    def __init__(self, *, activity_title: str, status: str, people: list[tuple[str, str]], parent=None) -> None:
        super().__init__(_("Progress on “{activity}”").format(activity=activity_title), date_label=_("Reported on:"),
                         text_label=_("Note:"), multiline=True, ok_text=_("Add update"), parent=parent)
        self.setObjectName("progressDialog")
        self.setMinimumWidth(min(self.minimumWidth(), 640))  # a long activity title is elided, not a wider dialog
        self.status_box = QComboBox()
        self.status_box.setObjectName("progressStatus")
        for key, title in ACTIVITY_STATUS_TITLES.items():
            self.status_box.addItem(_(title), key)
        self.status_box.setCurrentIndex(max(0, self.status_box.findData(status)))
        self.share = QSpinBox()
        self.share.setObjectName("shareDone")
        self.share.setRange(-1, 100)  # -1: not said
        self.share.setSingleStep(10)
        self.share.setSpecialValueText(_("Not said"))
        self.share.setSuffix(current().percent(0).replace("0", "", 1))  # "%" or " %", as the language writes it
        self.share.setValue(-1)
        self.reporter_box = QComboBox()
        self.reporter_box.setObjectName("reportedBy")
        self.reporter_box.addItem(_("Nobody named"), None)
        for label, person_id in people:
            self.reporter_box.addItem(label, person_id)
        self.form.insertRow(1, _("Status:"), self.status_box)
        self.form.insertRow(2, _("Share done:"), self.share)
        self.share.lineEdit().setAccessibleName(accessible.bare(_("Share done:")))  # the editor inside it
        self.form.insertRow(3, _("Reported by:"), self.reporter_box)
        self.good = QCheckBox(_("A good example worth telling as a case story"))
        self.good.setObjectName("updateGoodExample")
        self.form.insertRow(4, "", self.good)
        assert isinstance(self.text, QPlainTextEdit)  # made multiline above
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(90)
        chain = [self.date, self.status_box, self.share, self.reporter_box, self.good, self.text,
                 *self.buttons.buttons()]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)
        self.date.setFocus()
        mnemonics.keep(self)

    def values(self) -> tuple[dt.date, str]:
        date, note = super().values()
        if date > dt.date.today():
            self.refused_field = self.date
            raise EntryError(_("A progress update tells what has happened: give today's date or an earlier one."))
        return date, note

    def status(self) -> str:
        return str(self.status_box.currentData())

    def share_done(self) -> int | None:
        return None if self.share.value() < 0 else self.share.value()

    def reporter(self) -> str | None:
        return self.reporter_box.currentData()

    def good_example(self) -> bool:
        return self.good.isChecked()


def standing(state: FollowUp | None, people: dict[str, str]) -> str:
    """Where an activity stands and its newest updates, as lines for under its description:
    "Follow-up: late (the deadline 1 June 2027 has passed) · no one has reported for 45 days",
    then "6 Apr 2027 · Karen Holm · ongoing · 40 %: The first tender is out" per update."""
    if state is None:
        return ""
    tr = current()
    head = _(PROGRESS_TITLES[state.progress])
    if state.reason and state.progress == Progress.LATE:
        head = _("{state} ({reason})").format(state=head, reason=state.reason)
    parts = [head]
    if state.stale_days is not None:
        parts.append(_("no one has reported for {days} days").format(days=tr.number(state.stale_days)))
    elif not state.updates:
        parts.append(_("no progress reported yet"))
    lines = [_("Follow-up: {state}").format(state=" · ".join(parts))]
    for update in state.updates[:SHOWN_UPDATES]:
        lines.append("• " + _update_line(update, people))
    if len(state.updates) > SHOWN_UPDATES:
        more = len(state.updates) - SHOWN_UPDATES
        lines.append(_("and {n} earlier").format(n=tr.number(more)))
    return "\n".join(lines)


def _update_line(update: ProgressUpdate, people: dict[str, str]) -> str:
    tr = current()
    bits = [tr.date(update.reported_on, "medium") if update.reported_on else _("no date")]
    if update.reported_by_id and update.reported_by_id in people:
        bits.append(people[update.reported_by_id])
    bits.append(_(ACTIVITY_STATUS_TITLES[update.status]).lower())
    if update.share_done is not None:
        bits.append(tr.percent(update.share_done / 100))
    text = " · ".join(bits)
    return f"{text}: {update.note}" if update.note else text


class RemindersPanel(QWidget):
    """What needs the facilitator this week (`FollowUps.reminders`), one line each, most pressing
    first. Enter or a double-click opens what a line is about; a button asks for the programme's
    progress report. Signals: opened(Reminder), report_requested()."""

    opened = Signal(object)
    report_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.reminders: list[Reminder] = []
        self.heading = QLabel()
        self.heading.setObjectName("remindersHeading")
        self.list = QListWidget()
        self.list.setObjectName("reminders")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.itemActivated.connect(lambda item: self.opened.emit(self.reminders[self.list.row(item)]))
        self.heading.setBuddy(self.list)
        self.report_button = QPushButton()
        self.report_button.setObjectName("programmeProgressReport")
        self.report_button.clicked.connect(self.report_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.show_reminders([])

    @no_cyclic_gc()
    def show_reminders(self, reminders: list[Reminder]) -> None:
        self.reminders = list(reminders)
        self.list.clear()
        marks = {"late": "⚠", "due": "•", "task": "•", "stale": "⚠"}  # in every desktop font
        for reminder in self.reminders:
            item = QListWidgetItem(f"{marks[reminder.kind]}  {reminder.text}")
            item.setToolTip(_("Enter opens it"))
            self.list.addItem(item)
        if mnemonics.plain(self.report_button.text()) != _("Progress report PDF…"):  # keep the letter it was given
            self.report_button.setText(_("Progress report PDF…"))
        count = len(self.reminders)
        self.heading.setText(_("Follow-up this week: nothing needs you") if not count else
                             ngettext("Follow-up this week: {n} thing needs you",
                                      "Follow-up this week: {n} things need you", count).format(n=count))
        self.list.setVisible(bool(count))
        # nothing to list: the heading's line only, and the overview below takes the room
        self.setMaximumHeight(16_777_215 if count else self.minimumSizeHint().height())


class OverviewTable(QTableWidget):
    """The programme overview: one row per participating organisation (`FollowUps.overview`).
    Enter or a double-click on a cell opens its view: the organisation, its kick-off meeting, its
    agreement, its activity plan. Signals: opened(key), a navigation key such as ("plan", id)."""

    opened = Signal(object)
    COLUMNS = ("organisation", "phase", "kickoff", "agreement", "activities", "tasks", "updated")
    WRAPPED = ("organisation", "phase", "kickoff", "agreement", "activities")  # share the width, wrap

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(self.COLUMNS), parent)
        self.setObjectName("programmeOverview")
        self.rows: list[OverviewRow] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for c, key in enumerate(self.COLUMNS):  # 1024 px wide: the texts wrap rather than scroll
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if key in self.WRAPPED
                                        else QHeaderView.ResizeMode.ResizeToContents)
        # the rows grow with their text once the columns have their widths (after the first show,
        # and whenever the window is resized)
        header.sectionResized.connect(lambda *_a: self.resizeRowsToContents())
        self.itemActivated.connect(self._activated)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        titles = {"organisation": _("Organisation"), "phase": _("Phase"), "kickoff": _("Kick-off meeting"),
                  "agreement": _("Agreement"), "activities": _("Activities"), "tasks": _("Open tasks"),
                  "updated": _("Updated")}
        self.setHorizontalHeaderLabels([titles[c] for c in self.COLUMNS])
        self.show_rows(self.rows)

    @no_cyclic_gc()
    def show_rows(self, rows: list[OverviewRow]) -> None:
        tr = current()
        self.rows = list(rows)
        self.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            if row.kickoff is None:
                kickoff = _("No meeting planned")
            elif not row.kickoff_held:
                kickoff = _("Not held yet")
            elif row.chief_attended is None:
                kickoff = _("Held")
            elif row.chief_attended:
                kickoff = _("Held, purchasing chief present")
            else:
                kickoff = _("Held, purchasing chief absent")
            tasks = tr.number(row.open_tasks, 0)
            if row.overdue_tasks:
                tasks = _("{open} ({overdue} overdue)").format(open=tasks, overdue=tr.number(row.overdue_tasks, 0))
            values = {
                "organisation": row.organisation.name, "phase": row.phase.title if row.phase else "—",
                "kickoff": kickoff, "agreement": row.agreement,
                "activities": states_text(row.states) or _("None planned yet"),
                "tasks": tasks, "updated": tr.date(row.updated, "short") if row.updated else "—",
            }
            for c, key in enumerate(self.COLUMNS):
                item = QTableWidgetItem(values[key])
                if key == "tasks":
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                alert = ((key == "activities" and row.states.get("late")) or (key == "tasks" and row.overdue_tasks)
                         or (key == "agreement" and row.agreement_waiting)
                         or (key == "kickoff" and row.chief_attended is False))
                if alert:
                    item.setForeground(QColor("#b3261e"))
                # a word too long for its column at 1024 px ends in "…": the tooltip says it whole
                item.setToolTip(f"{values[key]}\n{_('Enter opens it')}")
                self.setItem(r, c, item)
        self.resizeRowsToContents()

    def _activated(self, item: QTableWidgetItem) -> None:
        row = self.rows[item.row()]
        key = self.COLUMNS[item.column()]
        org_id = row.organisation.id
        if key in ("kickoff", "tasks") and row.kickoff is not None:
            self.opened.emit(("meeting", row.kickoff.id))
        elif key == "agreement":
            self.opened.emit(("agreement", org_id))
        elif key in ("activities", "updated"):
            self.opened.emit(("plan", org_id))
        else:
            self.opened.emit(("organisation", org_id))
