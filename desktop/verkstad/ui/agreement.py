"""The cooperation agreement of one organisation: its clauses edited in place (or reset to the
translated template), versions sent for comment, comments recorded, approval, the differences
between two versions, and the PDF of the draft or of any version.

Every edit is one operation (`ui.operations`): one undo step in the window's history, one
publication on the change bus; the view redraws from the bus. The steps of a version (send
for comment, record comments, approve) and the differences are asked for and shown in the
dialogs of `ui.agreement_dialogs`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verkstad.domain.model import (
    VERSION_STATUS_TITLES,
    Agreement,
    AgreementVersion,
    Organisation,
    Person,
    Programme,
    VersionStatus,
)
from verkstad.i18n import N_, _, current
from verkstad.services.agreements import CLAUSE_KEYS, TABLE_CLAUSES
from verkstad.services.records import NotFound
from verkstad.ui import mnemonics
from verkstad.ui.agreement_dialogs import DiffDialog, SendDialog, VersionStepDialog
from verkstad.ui.agreement_people import AgreementPeople
from verkstad.ui.agreement_word import WordActions
from verkstad.ui.dialogs import open_dialog
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import FollowsBus, Operations, touches

TABLE_NOTES = {
    "parties": N_("The document adds both parties with their register numbers and addresses (set on each "
                  "organisation) and the team's lead partner (set on the programme)."),
    "team_effort": N_("The document adds a table of the activities with the team's and the organisation's hours."),
    "timeline": N_("The document adds a table of the programme's phases and their dates."),
    "contacts": N_("The document names the contact person of each side chosen below, then lists the other "
                   "people taking part."),
    "signatures": N_("The document adds lines to sign on above the names chosen below; a version once "
                     "approved shows its approval instead."),
}


class AgreementView(Retranslatable, FollowsBus, QWidget):
    """The agreement of one organisation. Signals: none (edits are published on `ops.bus`).

    `dialog` is the version step dialog opened last (send, comments, approve)."""

    def __init__(self, *, services, organisation_id: str, ops: Operations, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.organisation_id = organisation_id
        self.ops = ops
        self.agreement: Agreement | None = None
        self.clauses: list = []
        self.versions: list = []
        self.approved = None
        self.dialog: VersionStepDialog | None = None
        self._key: str | None = None  # the clause in the editor
        self._loaded: tuple[str | None, str] = (None, "")  # (clause, stored text) put in the editor
        self._loading = False
        self._refreshing = False
        self.organisation_name = ""

        self.heading = QLabel()
        self.heading.setObjectName("viewHeading")
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.clause_list = QListWidget()
        self.clause_list.setObjectName("clauseList")
        self.clause_list.currentRowChanged.connect(self._clause_changed)
        self.clause_title = QLabel()
        self.clause_title.setObjectName("clauseTitle")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("clauseEditor")
        self.editor.installEventFilter(self)
        self.table_note = QLabel()
        self.table_note.setWordWrap(True)
        self.people = AgreementPeople(self)  # contact persons and signatories, under their clauses
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset_clause)
        self.preview_draft = QPushButton()
        self.preview_draft.clicked.connect(lambda: self.preview(None))
        editor_box = QWidget()
        e = QVBoxLayout(editor_box)
        e.setContentsMargins(0, 0, 0, 0)
        e.addWidget(self.clause_title)
        e.addWidget(self.editor, 1)
        e.addWidget(self.table_note)
        for form in self.people.forms.values():
            e.addWidget(form)
        row = QHBoxLayout()
        row.addWidget(self.reset_button)
        row.addStretch(1)
        row.addWidget(self.preview_draft)
        e.addLayout(row)

        self.versions_label = QLabel()
        self.version_table = QTableWidget(0, 7)
        self.versions_label.setBuddy(self.version_table)
        self.version_table.setObjectName("versionTable")
        self.version_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.version_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.version_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.version_table.verticalHeader().hide()
        self.version_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.version_table.horizontalHeader().setStretchLastSection(True)
        self.version_table.itemSelectionChanged.connect(self._version_changed)
        self.comments = QPlainTextEdit()
        self.comments.setReadOnly(True)
        self.comments.setMaximumHeight(90)
        self.send_button = QPushButton()
        self.comments_button = QPushButton()
        self.approve_button = QPushButton()
        self.compare_button = QPushButton()
        self.preview_version = QPushButton()
        self.send_button.clicked.connect(self.ask_send)
        self.comments_button.clicked.connect(self.ask_comments)
        self.approve_button.clicked.connect(self.ask_approve)
        self.compare_button.clicked.connect(self.compare)
        self.preview_version.clicked.connect(lambda: self.preview(self.selected_number()))
        self.word = WordActions(self)  # its menu: save as .docx, read comments back, review them
        buttons = QHBoxLayout()
        for b in (self.send_button, self.comments_button, self.approve_button, self.compare_button,
                  self.preview_version, self.word.button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        versions_box = QWidget()
        v = QVBoxLayout(versions_box)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.versions_label)
        v.addWidget(self.version_table, 1)
        v.addWidget(self.comments)
        v.addWidget(self.word.received_label)
        v.addLayout(buttons)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.clause_list)
        top.addWidget(editor_box)
        top.setStretchFactor(1, 3)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(top)
        outer.addWidget(versions_box)
        outer.setStretchFactor(0, 3)
        outer.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(outer, 1)
        self.follow(ops.bus)
        self.retranslate_ui()
        mnemonics.keep(self)

    # -- language -------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.reset_button.setText(_("Reset to template"))
        self.preview_draft.setText(_("Draft PDF…"))
        self.versions_label.setText(_("Versions"))
        self.version_table.setHorizontalHeaderLabels(
            [_("Version"), _("Status"), _("Sent"), _("Comments by"), _("Comments"), _("Approved"), _("Approved by")])
        self.send_button.setText(_("Send for comment…"))
        self.comments_button.setText(_("Record comments…"))
        self.approve_button.setText(_("Approve…"))
        self.compare_button.setText(_("Compare…"))
        self.preview_version.setText(_("Version PDF…"))
        self.comments.setPlaceholderText(_("Comments on the selected version"))
        self.word.retranslate_ui()
        self.refresh()

    # -- following the change bus ----------------------------------------------------------

    def concerns(self, changes) -> bool:
        """Whether published changes alter what this view shows: this organisation's agreement
        and its versions, and the names its clauses print (organisations, the programme).
        Not what its own redraw published (opening creates the agreement)."""
        if self._refreshing:
            return False
        for c in changes:
            if c.type is Agreement:
                if c.record is None or c.record.organisation_id == self.organisation_id:
                    return True
            elif self.word.concerns(c) or (c.type is AgreementVersion and (
                    self.agreement is None or c.record is None or c.record.agreement_id == self.agreement.id)):
                return True
        return touches(changes, Organisation, Programme, Person)

    def undo_target(self, changes) -> tuple[str, str] | None:
        """What an undo or redo changed, to select it: ("version", id) or ("clause", key)."""
        for c in changes:
            if c.type is AgreementVersion:
                return ("version", c.id)
            if c.type is Agreement and ("clauses" in c.before or "clauses" in c.after):
                before, after = c.before.get("clauses") or {}, c.after.get("clauses") or {}
                key = next((k for k in CLAUSE_KEYS if before.get(k) != after.get(k)), None)
                if key:
                    return ("clause", key)
            if c.type is Agreement and (key := AgreementPeople.clause_of(c)):
                return ("clause", key)
        return None

    def select_target(self, target) -> None:
        kind, value = target
        if kind == "clause":
            self.select_clause(value)
        else:
            version = next((v for v in self.versions if v.id == value), None)
            if version is not None:
                self.select_version(version.number)

    # -- reading ----------------------------------------------------------------------------

    def _read(self):
        try:
            return self.services.agreements.state(self.organisation_id)
        except NotFound:  # the organisation is gone (deleted, perhaps in another window)
            return None

    def refresh(self) -> None:
        """Read the agreement (creating it from the template on first use) and redraw."""
        self._refreshing = True
        try:
            self._redraw()
        finally:
            self._refreshing = False

    def _redraw(self) -> None:
        state = self.ops.read(self._read)
        if state is not None and state.agreement is None:  # first use: made from the template
            made = self.ops.run(
                _("creation of the cooperation agreement: {organisation}").format(organisation=state.organisation.name),
                lambda: self.services.agreements.ensure(self.organisation_id)[1], undoable=False)
            if made is None:  # refused (a partner of the team has no agreement): the banner says why
                self._blank(self.ops.last_error or "")
                return
            state = self.ops.read(self._read)
        if state is None or state.agreement is None:
            self._blank("")
            return
        self.setEnabled(True)
        self.agreement, self.clauses, self.versions, self.approved = (
            state.agreement, state.clauses, state.versions, state.approved)
        self.organisation_name = state.organisation.name
        self.heading.setText(_("Cooperation agreement: {name}").format(name=state.organisation.name))
        self._loading = True
        try:
            keep = self.clause_list.currentRow()
            self.clause_list.clear()
            for n, clause in enumerate(self.clauses, start=1):
                text = f"{n}. {clause.title}" + (" ✎" if clause.custom else "")
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, clause.key)
                if clause.custom:
                    item.setToolTip(_("Edited for this agreement"))
                self.clause_list.addItem(item)
            self.clause_list.setCurrentRow(max(0, keep))
            self._show_clause()
            self._fill_versions()
        finally:
            self._loading = False
        self._update_status()

    def _blank(self, reason: str) -> None:
        self.agreement, self.clauses, self.versions, self.approved = None, [], [], None
        self._loading = True
        try:
            self.clause_list.clear()
            self.version_table.setRowCount(0)
            self._show_clause()
        finally:
            self._loading = False
        self.heading.setText(_("Cooperation agreement"))
        self.status.setText(reason)
        self.setEnabled(False)

    def _fill_versions(self) -> None:
        keep = self.selected_number()
        tr = current()
        self.version_table.setRowCount(len(self.versions))
        for r, version in enumerate(reversed(self.versions)):
            cells = [str(version.number), _(VERSION_STATUS_TITLES.get(version.status, version.status)),
                     tr.date(version.sent_on), tr.date(version.comments_by), tr.date(version.comments_on),
                     tr.date(version.approved_on),
                     version.approved_by]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, version.number)
                self.version_table.setItem(r, c, item)
        numbers = [v.number for v in reversed(self.versions)]
        if numbers:
            self.version_table.selectRow(numbers.index(keep) if keep in numbers else 0)
        self._version_changed()

    def _update_status(self) -> None:
        custom = sum(1 for c in self.clauses if c.custom)
        parts = [_("{n} of {total} clauses edited for this agreement.").format(n=custom, total=len(self.clauses))]
        if self.versions:
            newest = self.versions[-1]
            parts.append(_("Newest version: {number}, {status}.").format(
                number=newest.number, status=_(VERSION_STATUS_TITLES[newest.status]).lower()))
        else:
            parts.append(_("Not sent for comment yet."))
        approved = self.approved
        if approved is not None:
            parts.append(_("Version {number} was approved on {date} by {name}; its activities may start.").format(
                number=approved.number, date=current().date(approved.approved_on), name=approved.approved_by))
        self.status.setText(" ".join(parts))

    def current_clause(self):
        row = self.clause_list.currentRow()
        return self.clauses[row] if 0 <= row < len(self.clauses) else None

    def select_clause(self, key: str) -> None:
        for row in range(self.clause_list.count()):
            if self.clause_list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.clause_list.setCurrentRow(row)
                return

    def _show_clause(self) -> None:
        """Show the current clause. Text being typed for the same clause stays unless its stored
        text changed (undo, reset, another window)."""
        clause = self.current_clause()
        key = clause.key if clause else None
        stored = clause.text if clause else ""
        if (key, stored) != self._loaded:
            if self.editor.toPlainText() != stored:
                self.editor.setPlainText(stored)
            self._loaded = (key, stored)
        self._key = key
        self.clause_title.setText(clause.title if clause else "")
        self.editor.setAccessibleName(clause.title if clause else "")
        self.reset_button.setEnabled(bool(clause and clause.custom))
        note = TABLE_NOTES.get(clause.key, "") if clause and clause.key in TABLE_CLAUSES else ""
        self.table_note.setText(_(note) if note else "")
        self.people.show_clause(key, self.agreement)

    def _clause_changed(self, _row: int) -> None:
        if self._loading:
            return
        self.flush()
        self._show_clause()

    def selected_number(self) -> int | None:
        items = self.version_table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def selected_version(self):
        number = self.selected_number()
        return next((v for v in self.versions if v.number == number), None)

    def select_version(self, number: int) -> None:
        numbers = [v.number for v in reversed(self.versions)]
        if number in numbers:
            self.version_table.selectRow(numbers.index(number))

    def next_number(self) -> int:
        return (self.versions[-1].number + 1) if self.versions else 1

    def _version_changed(self) -> None:
        version = self.selected_version()
        self.comments.setPlainText(version.comments if version else "")
        status = version.status if version else None
        newest = bool(version and self.versions and version.id == self.versions[-1].id)
        self.comments_button.setEnabled(status in (VersionStatus.SENT, VersionStatus.COMMENTED))
        self.approve_button.setEnabled(newest and status in (VersionStatus.SENT, VersionStatus.COMMENTED))
        self.compare_button.setEnabled(bool(self.versions))
        self.preview_version.setEnabled(version is not None)
        self.word.update()

    # -- writing ----------------------------------------------------------------------------

    def flush(self) -> None:
        """Store the clause being edited, if its text changed."""
        if self.agreement is None or self._key is None:
            return
        clause = next((c for c in self.clauses if c.key == self._key), None)
        text = self.editor.toPlainText()
        if clause is None or text == clause.text:
            return
        agreement_id, key = self.agreement.id, clause.key
        self.ops.run(_("change of clause: {clause}").format(clause=clause.title),
                     lambda: self.services.agreements.set_clause(agreement_id, key, text))

    def set_clause_text(self, key: str, text: str) -> None:
        """Select clause `key`, put `text` in the editor and store it (as typing then leaving would)."""
        self.select_clause(key)
        self.editor.setPlainText(text)
        self.flush()

    def reset_clause(self) -> None:
        clause = self.current_clause()
        if clause is None or not clause.custom or self.agreement is None:  # clauses are shown with their agreement
            return
        agreement_id, key = self.agreement.id, clause.key
        self.ops.run(_("reset of clause: {clause}").format(clause=clause.title),
                     lambda: self.services.agreements.set_clause(agreement_id, key, None))

    def send_for_comment(self, on: dt.date | None = None, comments_by: dt.date | None = None,
                         reply_to_id: str | None = None) -> AgreementVersion | None:
        """Freeze the agreement as the next version, asking for comments by `comments_by` to
        `reply_to_id`; returns it, or None when refused."""
        self.flush()
        if self.agreement is None:
            return None
        agreement_id = self.agreement.id
        changes = self.ops.run(_("sending of version {number} for comment").format(number=self.next_number()),
                               lambda: self.services.agreements.send_for_comment(
                                   agreement_id, on, comments_by=comments_by, reply_to_id=reply_to_id))
        if not changes:
            return None
        version = changes[0].record
        assert isinstance(version, AgreementVersion)  # the change that added it
        self.select_version(version.number)
        return version

    def record_comments(self, number: int, comments: str, on: dt.date | None = None) -> bool:
        return self._version_step(number, lambda v: self.services.agreements.record_comments(v.id, comments, on),
                                  _("comments on version {number}"))

    def approve(self, number: int, by: str, on: dt.date | None = None) -> bool:
        return self._version_step(number, lambda v: self.services.agreements.approve(v.id, by, on),
                                  _("approval of version {number}"))

    def _version_step(self, number: int, step, undo_text: str) -> bool:
        """Move a version on as one operation; a refused step changes nothing (the banner
        says why) and returns False."""
        version = next((v for v in self.versions if v.number == number), None)
        if version is None:
            return False
        if self.ops.run(undo_text.format(number=number), lambda: step(version)) is None:
            return False
        self.select_version(number)
        return True

    # -- dialogs ------------------------------------------------------------------------------

    def _submitter(self, step):
        """A dialog's submit: run `step(date, text)`; None when stored, else why it was refused."""
        def submit(on: dt.date, text: str) -> str | None:
            if step(on, text):
                return None
            return self.ops.last_error or _("Nothing was stored.")
        return submit

    def _open(self, dialog: VersionStepDialog) -> VersionStepDialog:
        return open_dialog(self, dialog)

    def ask_send(self) -> VersionStepDialog | None:
        self.flush()
        if self.agreement is None:
            return None
        agreements = self.services.agreements
        agreement_id, programme_id = self.agreement.id, self.agreement.programme_id
        defaults = self.ops.read(lambda: (agreements.request_defaults(agreement_id),
                                          agreements.team_people(programme_id)))
        if defaults is None:
            return None
        (by, person), team = defaults
        dialog = SendDialog(note=_(
            "The agreement and its activity plan are frozen as version {number}. The version cannot "
            "be edited afterwards; later edits go into the next version. Its first page asks for comments "
            "by the date below, to the person below.").format(number=self.next_number()),
            team=[(f"{p.name} · {p.title}" if p.title else p.name, p.id) for p in team], comments_by=by,
            reply_to=person.id if person else None, parent=self)
        dialog.submit = self._submitter(lambda on, _text: self.send_for_comment(on, *dialog.request()) is not None)
        return self._open(dialog)

    def ask_comments(self) -> VersionStepDialog | None:
        version = self.selected_version()
        if version is None:
            return None
        number = version.number
        dialog = VersionStepDialog(_("Comments on version {number}").format(number=number),
                                   date_label=_("Date:"), text_label=_("Comments:"), multiline=True, parent=self)
        assert isinstance(dialog.text, QPlainTextEdit)  # made multiline above
        dialog.text.setPlainText(version.comments)
        dialog.submit = self._submitter(lambda on, text: self.record_comments(number, text, on))
        return self._open(dialog)

    def ask_approve(self) -> VersionStepDialog | None:
        version = self.selected_version()
        if version is None:
            return None
        number = version.number
        dialog = VersionStepDialog(_("Approve version {number}").format(number=number),
                                   date_label=_("Date:"), text_label=_("Approved by:"), ok_text=_("Approve"),
                                   parent=self)
        dialog.submit = self._submitter(lambda on, name: self.approve(number, name, on))
        return self._open(dialog)

    def compare(self) -> DiffDialog | None:
        if not self.versions:
            return None
        self.flush()
        selected = self.selected_number()
        numbers = [v.number for v in self.versions]
        if selected in numbers and numbers.index(selected) > 0:  # the selected version against the one before
            dialog = DiffDialog(self, old=numbers[numbers.index(selected) - 1], new=selected)
        else:  # the newest version against the current draft
            dialog = DiffDialog(self, old=selected if selected is not None else numbers[-1])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def preview(self, number: int | None):
        self.flush()
        from verkstad.ui.preview import show_document

        return show_document(self, self.services, "agreement", organisation_id=self.organisation_id,
                             version=number)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.editor and event.type() == QEvent.Type.FocusOut and not self._loading:
            self.flush()
        return super().eventFilter(obj, event)
