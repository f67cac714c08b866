"""More about one activity of the plan than its table row holds: whether it is a pilot project,
with its goal and result; whether it is a good example worth a case story; and its tasks (those
captured in meetings that serve it), each marked done or linked and unlinked here. OK stores the
first three as one operation; each task's change is an operation of its own, at once. No signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from verkstad.domain.model import ACTIVITY_KIND_TITLES, Activity, ActivityKind, Entry
from verkstad.i18n import _, current
from verkstad.ui import mnemonics
from verkstad.ui.operations import Operations

TASK_ROLE = Qt.ItemDataRole.UserRole


def task_text(task: Entry) -> str:
    bits = [task.text]
    if task.owner_name:
        bits.append(task.owner_name)
    if task.due_date:
        bits.append(_("due {date}").format(date=current().date(task.due_date, "short")))
    return " · ".join(bits)


class ActivityDetailsDialog(QDialog):
    """Kind, goal, result and good-example mark of one activity, and its tasks."""

    def __init__(self, *, services, ops: Operations, activity: Activity, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("activityDetails")
        self.services, self.ops, self.activity = services, ops, activity
        self.setWindowTitle(_("More about “{activity}”").format(activity=activity.title))
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("activityKind")
        for key, title in ACTIVITY_KIND_TITLES.items():
            self.kind_box.addItem(_(title), key)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(activity.kind)))
        self.goal = QPlainTextEdit(activity.goal)
        self.goal.setObjectName("pilotGoal")
        self.result_text = QPlainTextEdit(activity.result)
        self.result_text.setObjectName("pilotResult")
        for edit in (self.goal, self.result_text):
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(80)
        self.good = QCheckBox(_("&A good example worth telling as a case story"))
        self.good.setObjectName("goodExample")
        self.good.setChecked(activity.good_example)
        form = QFormLayout()
        form.addRow(_("&Kind:"), self.kind_box)
        form.addRow(_("&Goal:"), self.goal)
        form.addRow(_("&Result, with figures:"), self.result_text)
        form.addRow("", self.good)

        self.tasks = QListWidget()
        self.tasks.setObjectName("activityTasks")
        self.tasks.itemChanged.connect(self._task_ticked)
        self.link_box = QComboBox()
        self.link_box.setObjectName("unlinkedTasks")
        self.link_button = QPushButton(_("&Link"))
        self.link_button.clicked.connect(self._link)
        self.unlink_button = QPushButton(_("&Unlink the selected task"))
        self.unlink_button.clicked.connect(self._unlink)
        row = QHBoxLayout()
        row.addWidget(self.link_box, 1)
        row.addWidget(self.link_button)
        group = QGroupBox(_("Tasks serving it (tick when done)"))
        group_layout = QVBoxLayout(group)
        group_layout.addWidget(self.tasks)
        group_layout.addLayout(row)
        group_layout.addWidget(self.unlink_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.store)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(group, 1)
        layout.addWidget(self.buttons)
        self.kind_box.currentIndexChanged.connect(self._enable)
        self.tasks.currentItemChanged.connect(lambda *_a: self._enable())
        self.fill_tasks()
        self.resize(640, 560)
        mnemonics.keep(self)

    def _enable(self) -> None:
        pilot = self.kind_box.currentData() == ActivityKind.PILOT
        self.goal.setPlaceholderText("" if pilot else _("for a pilot project"))
        self.unlink_button.setEnabled(self.tasks.currentItem() is not None)
        self.link_button.setEnabled(self.link_box.count() > 0)

    def fill_tasks(self) -> None:
        tasks_service = self.services.tasks
        own = self.ops.read(lambda: tasks_service.of_activity(self.activity.id), [])
        free = self.ops.read(lambda: tasks_service.unlinked(self.activity.organisation_id), [])
        self.tasks.blockSignals(True)
        self.tasks.clear()
        for task in own:
            item = QListWidgetItem(task_text(task))
            item.setData(TASK_ROLE, task.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if task.done else Qt.CheckState.Unchecked)
            self.tasks.addItem(item)
        if not own:
            empty = QListWidgetItem(_("No task serves it yet: link one captured in a meeting below."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tasks.addItem(empty)
        self.tasks.blockSignals(False)
        self.link_box.clear()
        for task in free:
            self.link_box.addItem(task_text(task), task.id)
        self._enable()

    def _task_ticked(self, item: QListWidgetItem) -> None:
        task_id = item.data(TASK_ROLE)
        if task_id is None:
            return
        done = item.checkState() == Qt.CheckState.Checked
        text = _("task done: {task}") if done else _("task open again: {task}")
        self.ops.run(text.format(task=item.text()), lambda: self.services.tasks.set_done(task_id, done))
        self.fill_tasks()

    def _link(self) -> None:
        task_id = self.link_box.currentData()
        if task_id is None:
            return
        self.ops.run(_("task linked to {activity}").format(activity=self.activity.title),
                     lambda: self.services.tasks.link(task_id, self.activity.id))
        self.fill_tasks()

    def _unlink(self) -> None:
        item = self.tasks.currentItem()
        task_id = item.data(TASK_ROLE) if item is not None else None
        if task_id is None:
            return
        self.ops.run(_("task unlinked from {activity}").format(activity=self.activity.title),
                     lambda: self.services.tasks.link(task_id, None))
        self.fill_tasks()

    def values(self) -> dict:
        return {"kind": self.kind_box.currentData(), "goal": self.goal.toPlainText().rstrip(),
                "result": self.result_text.toPlainText().rstrip(), "good_example": self.good.isChecked()}

    def store(self) -> None:
        a = self.activity
        changed = {k: v for k, v in self.values().items() if getattr(a, k) != v}
        if changed and self.ops.run(_("details of the activity: {activity}").format(activity=a.title),
                                    lambda: self.services.activities.update(a.id, **changed)) is None:
            return  # refused: the banner says why, the dialog stays with what was typed
        self.accept()
