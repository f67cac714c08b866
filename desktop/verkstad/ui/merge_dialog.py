"""File → Merge a programme file… and Help → About this programme: the team's two windows.

Merging is `verkstad merge` (services/exchange/merging.py) with the same checks and messages:
the file is read, checked and compared in a worker; the dialog then says what the merge would
add, change and delete and lists the conflicts in the programme's own words, each resolved with
this laptop's value or the file's (or all at once); Merge writes it after a backup, in a worker.
A merge is not undoable, as on the command line: the database is backed up first, and the
status bar says where. About this programme shows the fingerprint of the programme's content,
the same as `verkstad export --fingerprint`, so two facilitators can compare their copies.

Signals: MergeDialog has none (it is a QDialog: accepted when Merge is pressed).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from verkstad.errors import VerkstadError
from verkstad.i18n import _, ngettext
from verkstad.services.records import Change

if TYPE_CHECKING:
    from verkstad.services.exchange.merging import MergePlan
    from verkstad.services.hub import Services
    from verkstad.ui.file_menu import FileActions
    from verkstad.ui.worker import Progress

log = logging.getLogger("verkstad.merge")


# -- the work done in a worker ----------------------------------------------------------------

def plan_merge(services: Services, path: Path, programme_id: str | None, *, progress: Progress) -> MergePlan:
    """Read and check the file (a programme file, or a database file: an offline copy), compare
    it with this database's copy of its programme."""
    from verkstad.services.exchange import ExchangeError, read_document
    from verkstad.services.exchange.merging import plan_document
    from verkstad.services.exchange.offline import document_of_database, is_database_file

    try:
        doc = document_of_database(path, programme_id) if is_database_file(path) else read_document(path)
    except OSError as exc:
        raise ExchangeError(_("“{file}” cannot be read: {reason}").format(
            file=path, reason=exc.strerror or exc)) from None
    progress.check()
    return plan_document(services, path, doc)


def apply_merge(services: Services, plan: MergePlan, resolutions: dict[str, str], *,
                progress: Progress) -> tuple[int, int, int]:
    from verkstad.services.exchange.merging import apply

    return apply(services, plan, resolutions)


def programme_facts(services: Services, programme_id: str, *, progress: Progress) -> tuple[str, str, int]:
    """(name, fingerprint, number of records) of a programme."""
    from verkstad.services.exchange import find_programme, fingerprint, programme_document

    doc = programme_document(services, find_programme(services, programme_id))
    return doc["programme"]["name"], fingerprint(doc), 1 + sum(len(v) for v in doc["records"].values())


# -- the dialog -------------------------------------------------------------------------------

class MergeDialog(QDialog):
    """What merging a file would do, and a choice per conflict."""

    def __init__(self, plan: MergePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.plan = plan
        self.choices: dict[str, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        self.summary = QLabel()
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.conflict_heading = QLabel()
        self.conflict_heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.conflict_heading)
        rows = QWidget()
        rows.setObjectName("mergeConflicts")
        self.rows_layout = QVBoxLayout(rows)
        self.rows: list[tuple[QLabel, QRadioButton, QRadioButton]] = []
        for conflict in plan.conflicts:
            self._add_row(conflict)
        self.rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        scroll.setVisible(bool(plan.conflicts))
        layout.addWidget(scroll, 1)
        bulk = QHBoxLayout()
        self.all_mine = QPushButton()
        self.all_mine.setObjectName("allMine")
        self.all_mine.clicked.connect(lambda: self.choose_all("mine"))
        self.all_theirs = QPushButton()
        self.all_theirs.setObjectName("allTheirs")
        self.all_theirs.clicked.connect(lambda: self.choose_all("theirs"))
        bulk.addWidget(self.all_mine)
        bulk.addWidget(self.all_theirs)
        bulk.addStretch(1)
        self.all_mine.setVisible(bool(plan.conflicts))
        self.all_theirs.setVisible(bool(plan.conflicts))
        layout.addLayout(bulk)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.update_state()
        self.resize(760, 460 if plan.conflicts else 220)

    def _add_row(self, conflict) -> None:
        row = QWidget()
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 4, 0, 8)
        text = QLabel(conflict.text)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)  # names from the file are shown, never interpreted
        box.addWidget(text)
        options = QHBoxLayout()
        options.setContentsMargins(16, 0, 0, 0)
        mine, theirs = QRadioButton(), QRadioButton()
        group = QButtonGroup(row)
        group.addButton(mine)
        group.addButton(theirs)
        group.buttonToggled.connect(lambda *_args: self.update_state())
        options.addWidget(mine)
        options.addWidget(theirs)
        options.addStretch(1)
        box.addLayout(options)
        self.rows_layout.addWidget(row)
        self.choices[conflict.key] = group
        self.rows.append((text, mine, theirs))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Merge a programme file"))
        self.heading.setText(_("Merging “{file}” into the programme “{name}”.").format(
            file=self.plan.path.name, name=self.plan.programme_name))
        self.conflict_heading.setText(_("Both copies changed these; choose which to keep:")
                                      if self.plan.conflicts else _("No conflicts: nothing to decide."))
        for _text, mine, theirs in self.rows:
            mine.setText(_("Keep this laptop's version"))
            theirs.setText(_("Use the file's version"))
        self.all_mine.setText(_("This laptop's version for all"))
        self.all_theirs.setText(_("The file's version for all"))
        self.merge_button.setText(_("&Merge"))
        self.update_state()

    def choose_all(self, side: str) -> None:
        for _text, mine, theirs in self.rows:
            (mine if side == "mine" else theirs).setChecked(True)

    def resolutions(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for (key, _group), (_text, mine, theirs) in zip(self.choices.items(), self.rows, strict=True):
            if mine.isChecked():
                found[key] = "mine"
            elif theirs.isChecked():
                found[key] = "theirs"
        return found

    def update_state(self) -> None:
        from verkstad.services.exchange.merging import details, summary

        chosen = self.resolutions()
        open_count = len(self.plan.conflicts) - len(chosen)
        text = _("From the file: {summary}").format(summary=summary(self.plan, chosen))
        text = "\n".join([text, *details(self.plan, chosen)])
        if open_count:
            text += "\n"
            left = ngettext("Choose for each conflict before merging ({n} left).",
                            "Choose for each conflict before merging ({n} left).", open_count)
            text += left.format(n=open_count)
        self.summary.setText(text)
        self.merge_button.setEnabled(open_count == 0 and not self.plan.unchanged)


# -- the actions ------------------------------------------------------------------------------

def merge_file(actions: FileActions, path: Path) -> None:
    """Read, check and compare the file in a worker, then show what merging would do."""
    window = actions.window
    if actions.job is not None:
        return
    window.services.warm_up()
    from verkstad.ui.worker import run_in_worker

    dialog = actions._start_progress(_("Reading and comparing “{file}”…").format(file=path.name), cancellable=True)
    dialog.canceled.connect(actions._cancel)
    dialog.setProperty("cancels", True)
    actions.job = run_in_worker(plan_merge, window.services, path, window.programme_id, receiver=actions,
                                on_result=lambda plan: _review(actions, plan), on_error=actions._refuse,
                                on_bug=actions._bug)


def _review(actions: FileActions, plan: MergePlan) -> None:
    actions._end_progress()
    window = actions.window
    if plan.unchanged:  # nothing to ask; what the file has seen is still taken in (a quick write)
        from verkstad.services.exchange.merging import apply, summary

        try:
            apply(window.services, plan, {})
        except VerkstadError as exc:
            actions._refuse(exc)
            return
        window.show_status(summary(plan))
        return
    dialog = MergeDialog(plan, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        window.show_status(_("Nothing was merged."))
        return
    resolutions = dialog.resolutions()
    from verkstad.ui.worker import run_in_worker

    actions._start_progress(_("Merging “{file}”…").format(file=plan.path.name), cancellable=False)
    actions.job = run_in_worker(apply_merge, window.services, plan, resolutions, receiver=actions,
                                on_result=lambda counts: _merged(actions, plan, resolutions, counts),
                                on_error=actions._refuse, on_bug=actions._bug)


def _merged(actions: FileActions, plan: MergePlan, resolutions: dict[str, str], counts: Any) -> None:
    from verkstad.services.exchange.merging import summary

    actions._end_progress()
    window = actions.window
    log.info("merged %s into the programme %s: %s", plan.path, plan.programme_id, counts)
    # Every view showing a type the merge touched redraws; not undoable (the database was backed up).
    touched = {cls for cls, _data in plan.added} | {cls for cls, _values in plan.final(resolutions).values()}
    window.bus.publish([Change("updated", cls, plan.programme_id) for cls in touched], actions)
    if window.programme_id != plan.programme_id:
        window.open_programme(plan.programme_id)
    window.show_status(_("Merged: {summary} The database was backed up first.").format(
        summary=summary(plan, resolutions)))
    actions.merged.emit(plan.programme_id)


def take_offline(actions: FileActions) -> None:
    """File → Take this programme offline…: a database file of its own with the open programme,
    to work on without the network; merging it into the server later brings the work back."""
    from PySide6.QtWidgets import QFileDialog

    from verkstad.filenames import safe_file_name
    from verkstad.ui.file_dialogs import remember_folder, start_folder

    window = actions.window
    if window.programme_id is None or actions.job is not None:
        return
    from verkstad.services.exchange import find_programme

    name = find_programme(window.services, window.programme_id).name
    proposed = start_folder(window.settings) / safe_file_name(_("{name} (offline)").format(name=name), ".sqlite",
                                                              "offline")
    chosen, _filter = QFileDialog.getSaveFileName(window, _("Take this programme offline"), str(proposed),
                                                  _("Verkstad databases (*.sqlite)"))
    if not chosen:
        return
    path = Path(chosen) if Path(chosen).suffix else Path(chosen).with_suffix(".sqlite")
    remember_folder(window.settings, path.absolute())
    window.services.warm_up()
    from verkstad.ui.worker import run_in_worker

    actions._start_progress(_("Copying the programme to “{file}”…").format(file=path.name), cancellable=False)
    actions.job = run_in_worker(offline_copy, window.services, window.programme_id, path, receiver=actions,
                                on_result=lambda done: _taken_offline(actions, done), on_error=actions._refuse,
                                on_bug=actions._bug)


def offline_copy(services: Services, programme_id: str, path: Path, *, progress: Progress) -> Path:
    from verkstad.services.exchange.offline import take_offline as copy

    return copy(services, programme_id, path)


def _taken_offline(actions: FileActions, path: Path) -> None:
    actions._end_progress()
    window = actions.window
    window.show_status(_("The programme is in “{file}”. Open that file to work offline; back on the network, "
                         "merge it here (File → Merge a programme file…).").format(file=path))
    actions.offline.emit(str(path))


def show_programme_facts(actions: FileActions) -> None:
    """Help → About this programme: its name, fingerprint and size (read in a worker)."""
    window = actions.window
    if window.programme_id is None or actions.job is not None:
        return
    window.services.warm_up()
    from verkstad.ui.worker import run_in_worker

    actions._start_progress(_("Reading the programme…"), cancellable=False)
    actions.job = run_in_worker(programme_facts, window.services, window.programme_id, receiver=actions,
                                on_result=lambda facts: _show_facts(actions, *facts),
                                on_error=actions._refuse, on_bug=actions._bug)


def _show_facts(actions: FileActions, name: str, code: str, count: int) -> None:
    actions._end_progress()
    box = QMessageBox(QMessageBox.Icon.Information, _("About this programme"), "", parent=actions.window)
    box.setObjectName("programmeFacts")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(_("“{name}”\n\nFingerprint: {code}\nRecords: {count}\n\nTwo copies with the same fingerprint "
                  "hold the same programme: compare it with the other laptop's (Help → About this "
                  "programme, or verkstad export --fingerprint).").format(name=name, code=code, count=count))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
