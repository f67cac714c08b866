"""The cooperation agreement of one organisation: its clauses edited in place (or reset to the
translated template), versions sent for comment, comments recorded, approval, the differences
between two versions, and the PDF of the draft or of any version.

Signals: AgreementView.edited(object) with the Change list of each stored edit.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from verkstad.domain.model import VERSION_STATUS_TITLES, Organisation, VersionStatus
from verkstad.i18n import N_, _, current
from verkstad.services.agreements import TABLE_CLAUSES, AgreementError, DiffItem
from verkstad.ui import undo
from verkstad.ui.forms import pydate, qt_date_format
from verkstad.ui.language import Retranslatable

TABLE_NOTES = {
    "parties": N_("The document adds the organisation's name and address and the team's partner organisations."),
    "team_effort": N_("The document adds a table of the activities with the team's and the organisation's hours."),
    "timeline": N_("The document adds a table of the programme's phases and their dates."),
    "contacts": N_("The document adds a table of the contact persons."),
    "signatures": N_("The document adds lines to sign on for both parties."),
}


def diff_html(items: list[DiffItem]) -> str:
    """The differences as HTML: removed words struck through in red, added words green."""
    if not items:
        return "<p>" + html.escape(_("No differences.")) + "</p>"
    out, section = [], None
    for item in items:
        if item.section != section:
            section = item.section
            out.append(f"<h3>{html.escape(section)}</h3>")
        label = html.escape(item.label)
        added, removed = html.escape(_("added")), html.escape(_("removed"))  # outside f-strings: extracted
        if item.kind == "added":
            out.append(f'<p><span style="color:#1e6b3a">+ {label}</span> ({added})</p>')
        elif item.kind == "removed":
            out.append(f'<p><span style="color:#b3261e"><s>{label}</s></span> ({removed})</p>')
        else:
            words = item.words or [("-", item.before), ("+", item.after)]
            kept = sum(len(text) for op, text in words if op == "=")
            if kept < 0.5 * max(len(item.before), len(item.after), 1):  # mostly rewritten: old, then new
                words = [("-", item.before), ("+", item.after)]
            parts = []
            for op, text in words:
                text = html.escape(text).replace("\n", "<br>")
                if op == "=":
                    parts.append(text)
                elif op == "-":
                    parts.append(f'<span style="color:#b3261e;text-decoration:line-through">{text}</span>')
                else:
                    parts.append(f'<span style="color:#1e6b3a;text-decoration:underline">{text}</span>')
            joiner = " " if len(words) != 2 or words[0][0] == "=" else "<br>"
            body = joiner.join(p for p in parts if p)
            heading = "" if item.label == item.section else f"<b>{label}</b><br>"
            out.append(f"<p>{heading}{body}</p>")
    return "\n".join(out)


class _DateTextDialog(QDialog):
    """A date and a text (comments, or the name of who approved)."""

    def __init__(self, title: str, text_label: str, *, multiline: bool, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(qt_date_format())
        self.text = QPlainTextEdit() if multiline else QLineEdit()
        form = QFormLayout()
        form.addRow(_("Date:"), self.date)
        form.addRow(text_label, self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[dt.date, str]:
        text = self.text.toPlainText() if isinstance(self.text, QPlainTextEdit) else self.text.text()
        return pydate(self.date.date()) or dt.date.today(), text


class DiffDialog(QDialog):
    """Choose two versions (or a version and the current draft) and read what changed."""

    def __init__(self, view: AgreementView, old: int | None = None, new: int | None = None) -> None:
        super().__init__(view)
        self.view = view
        self.setWindowTitle(_("Compare versions"))
        self.resize(760, 560)
        self.old = QComboBox()
        self.new = QComboBox()
        numbers = [v.number for v in view.versions]
        for n in numbers:
            self.old.addItem(_("Version {number}").format(number=n), n)
            self.new.addItem(_("Version {number}").format(number=n), n)
        self.new.addItem(_("Current draft"), None)
        if numbers:
            self.old.setCurrentIndex(self.old.findData(old if old is not None else numbers[-1]))
            self.new.setCurrentIndex(self.new.findData(new) if new is not None else self.new.count() - 1)
        self.browser = QTextBrowser()
        self.browser.setObjectName("agreementDiff")
        top = QHBoxLayout()
        top.addWidget(QLabel(_("From:")))
        top.addWidget(self.old)
        top.addWidget(QLabel(_("To:")))
        top.addWidget(self.new)
        top.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.old.currentIndexChanged.connect(self.update_diff)
        self.new.currentIndexChanged.connect(self.update_diff)
        self.update_diff()

    def update_diff(self) -> None:
        old = self.old.currentData()
        if old is None:
            self.browser.setHtml("<p>" + html.escape(_("There are no versions yet.")) + "</p>")
            return
        items = self.view.services.agreements.diff(self.view.agreement.id, old, self.new.currentData())
        self.browser.setHtml(diff_html(items))


class AgreementView(Retranslatable, undo.RedrawOnUndo, QWidget):
    """The agreement of one organisation. Signals: edited(object) with a list of Changes."""

    edited = Signal(object)

    def __init__(self, *, services, organisation_id: str, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.organisation_id = organisation_id
        self.undo_stack = undo_stack
        self.agreement = None
        self.clauses: list = []
        self.versions: list = []
        self._key: str | None = None
        self._loading = False

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
        row = QHBoxLayout()
        row.addWidget(self.reset_button)
        row.addStretch(1)
        row.addWidget(self.preview_draft)
        e.addLayout(row)

        self.versions_label = QLabel()
        self.version_table = QTableWidget(0, 6)
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
        buttons = QHBoxLayout()
        for b in (self.send_button, self.comments_button, self.approve_button, self.compare_button,
                  self.preview_version):
            buttons.addWidget(b)
        buttons.addStretch(1)
        versions_box = QWidget()
        v = QVBoxLayout(versions_box)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.versions_label)
        v.addWidget(self.version_table, 1)
        v.addWidget(self.comments)
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
        self.watch_undo(undo_stack)
        self.retranslate_ui()

    # -- language -------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.reset_button.setText(_("Reset to template"))
        self.preview_draft.setText(_("Draft PDF…"))
        self.versions_label.setText(_("Versions"))
        self.version_table.setHorizontalHeaderLabels(
            [_("Version"), _("Status"), _("Sent"), _("Comments"), _("Approved"), _("Approved by")])
        self.send_button.setText(_("Send for comment…"))
        self.comments_button.setText(_("Record comments…"))
        self.approve_button.setText(_("Approve…"))
        self.compare_button.setText(_("Compare…"))
        self.preview_version.setText(_("Version PDF…"))
        self.comments.setPlaceholderText(_("Comments on the selected version"))
        self.refresh()

    # -- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the agreement (creating it from the template on first use) and redraw."""
        agreements = self.services.agreements
        try:
            self.agreement, _created = agreements.ensure(self.organisation_id)
        except (AgreementError, LookupError) as exc:
            self.agreement = None
            self.heading.setText(_("Cooperation agreement"))
            self.status.setText(str(exc))
            self.setEnabled(False)
            return
        self.setEnabled(True)
        org = self.services.records.get(Organisation, self.organisation_id)
        self.heading.setText(_("Cooperation agreement: {name}").format(name=org.name))
        self.clauses = agreements.clauses(self.agreement.id)
        self.versions = agreements.versions(self.agreement.id)
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

    def _fill_versions(self) -> None:
        keep = self.selected_number()
        tr = current()
        self.version_table.setRowCount(len(self.versions))
        for r, version in enumerate(reversed(self.versions)):
            cells = [str(version.number), _(VERSION_STATUS_TITLES.get(version.status, version.status)),
                     tr.date(version.sent_on), tr.date(version.comments_on), tr.date(version.approved_on),
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
        approved = self.services.agreements.approved(self.agreement.id)
        if self.versions:
            newest = self.versions[-1]
            parts.append(_("Newest version: {number}, {status}.").format(
                number=newest.number, status=_(VERSION_STATUS_TITLES[newest.status]).lower()))
        else:
            parts.append(_("Not sent for comment yet."))
        if approved is not None:
            parts.append(_("Version {number} was approved on {date} by {name}; its activities may start.").format(
                number=approved.number, date=current().date(approved.approved_on), name=approved.approved_by))
        self.status.setText(" ".join(parts))

    def current_clause(self):
        row = self.clause_list.currentRow()
        return self.clauses[row] if 0 <= row < len(self.clauses) else None

    def _show_clause(self) -> None:
        clause = self.current_clause()
        self._key = clause.key if clause else None
        self.clause_title.setText(clause.title if clause else "")
        text = clause.text if clause else ""
        if self.editor.toPlainText() != text:
            self.editor.setPlainText(text)
        self.reset_button.setEnabled(bool(clause and clause.custom))
        note = TABLE_NOTES.get(clause.key, "") if clause and clause.key in TABLE_CLAUSES else ""
        self.table_note.setText(_(note) if note else "")

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

    def _version_changed(self) -> None:
        version = self.selected_version()
        self.comments.setPlainText(version.comments if version else "")
        status = version.status if version else None
        newest = bool(version and self.versions and version.id == self.versions[-1].id)
        self.comments_button.setEnabled(status in (VersionStatus.SENT, VersionStatus.COMMENTED))
        self.approve_button.setEnabled(newest and status in (VersionStatus.SENT, VersionStatus.COMMENTED))
        self.compare_button.setEnabled(bool(self.versions))
        self.preview_version.setEnabled(version is not None)

    # -- writing ----------------------------------------------------------------------------

    def _push(self, changes, text: str) -> None:
        changes = [c for c in (changes if isinstance(changes, list) else [changes]) if c is not None]
        undo.push(self.undo_stack, self.services.records, changes, text)
        self.edited.emit(changes)

    def flush(self) -> None:
        """Store the clause being edited, if its text changed."""
        if self.agreement is None or self._key is None:
            return
        clause = next((c for c in self.clauses if c.key == self._key), None)
        text = self.editor.toPlainText()
        if clause is None or text == clause.text:
            return
        change = self.services.agreements.set_clause(self.agreement.id, self._key, text)
        self._push(change, _("Edit clause “{title}”").format(title=clause.title))
        self.refresh()

    def set_clause_text(self, key: str, text: str) -> None:
        """Select clause `key`, put `text` in the editor and store it (as typing then leaving would)."""
        for row in range(self.clause_list.count()):
            if self.clause_list.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.clause_list.setCurrentRow(row)
        self.editor.setPlainText(text)
        self.flush()

    def reset_clause(self) -> None:
        clause = self.current_clause()
        if clause is None or not clause.custom:
            return
        change = self.services.agreements.set_clause(self.agreement.id, clause.key, None)
        self._push(change, _("Reset clause “{title}”").format(title=clause.title))
        self.editor.setPlainText(clause.template_text)
        self.refresh()

    def send_for_comment(self, on: dt.date | None = None):
        self.flush()
        change = self.services.agreements.send_for_comment(self.agreement.id, on)
        self._push(change, _("Send version {number} for comment").format(number=change.record.number))
        self.refresh()
        return change.record

    def record_comments(self, number: int, comments: str, on: dt.date | None = None) -> bool:
        return self._version_step(number, lambda v: self.services.agreements.record_comments(v.id, comments, on),
                                  _("Record comments on version {number}"))

    def approve(self, number: int, by: str, on: dt.date | None = None) -> bool:
        return self._version_step(number, lambda v: self.services.agreements.approve(v.id, by, on),
                                  _("Approve version {number}"))

    def _version_step(self, number: int, step, undo_text: str) -> bool:
        """Move a version on; a refused step (AgreementError) is explained and changes nothing."""
        version = next(v for v in self.versions if v.number == number)
        try:
            change = step(version)
        except AgreementError as exc:
            QMessageBox.warning(self, _("Cooperation agreement"), str(exc))
            return False
        self._push(change, undo_text.format(number=number))
        self.refresh()
        return True

    # -- dialogs ------------------------------------------------------------------------------

    def ask_send(self) -> None:
        self.flush()
        number = (self.versions[-1].number + 1) if self.versions else 1
        answer = QMessageBox.question(self, _("Send for comment"), _(
            "Freeze the agreement and its activity plan as version {number}, sent today? "
            "The version cannot be edited afterwards; later edits go into the next version.").format(number=number))
        if answer == QMessageBox.StandardButton.Yes:
            self.send_for_comment()

    def ask_comments(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        dialog = _DateTextDialog(_("Comments on version {number}").format(number=version.number),
                                 _("Comments:"), multiline=True, parent=self)
        dialog.text.setPlainText(version.comments)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            on, text = dialog.values()
            self.record_comments(version.number, text, on)

    def ask_approve(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        dialog = _DateTextDialog(_("Approve version {number}").format(number=version.number),
                                 _("Approved by:"), multiline=False, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            on, name = dialog.values()
            self.approve(version.number, name, on)

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
