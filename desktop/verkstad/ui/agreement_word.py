"""The agreement view's Word menu: save a version, the draft or the activity plan as .docx, read
the organisation's comments and edits back from one, and review them clause by clause in
`ReceivedDialog`, whose "Make the next version from these changes" puts the kept clauses into
the draft as one operation (one undo step)."""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from verkstad.domain.model import ReceivedDocument
from verkstad.errors import VerkstadError
from verkstad.i18n import _, current, ngettext
from verkstad.services.agreements import CLAUSES, word_diff
from verkstad.ui import mnemonics
from verkstad.ui.agreement_dialogs import word_spans
from verkstad.ui.file_dialogs import get_save_path, remember_folder, settings_of, start_folder
from verkstad.ui.worker import run_in_worker


class WriteError(VerkstadError):
    """A file could not be written (full disk, no permission); the text says which and why."""


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it: a failed write leaves any
    earlier file as it was. Ordinary permissions (the user's umask), not mkstemp's 0600."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class WordActions(QObject):
    """The Word menu of one agreement view. Signals: none (stored readings go through `view.ops`).

    `dialog` is the review dialog opened last."""

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        self.dialog: ReceivedDialog | None = None
        self.menu = QMenu(view)
        self.save_version = QAction(self.menu)
        self.save_draft = QAction(self.menu)
        self.save_plan = QAction(self.menu)
        self.read_action = QAction(self.menu)
        self.review_action = QAction(self.menu)
        self.save_version.triggered.connect(lambda: self.save(self.view.selected_number()))
        self.save_draft.triggered.connect(lambda: self.save(None))
        self.save_plan.triggered.connect(self.save_activity_plan)
        self.read_action.triggered.connect(lambda: self.read_comments())
        self.review_action.triggered.connect(lambda: self.review())
        self.menu.addAction(self.save_version)
        self.menu.addAction(self.save_draft)
        self.menu.addAction(self.save_plan)
        self.menu.addSeparator()
        self.menu.addAction(self.read_action)
        self.menu.addAction(self.review_action)
        self.button = QPushButton(view)
        self.button.setObjectName("wordButton")
        self.button.setMenu(self.menu)
        self.received_label = QLabel(view)
        self.received_label.setObjectName("receivedLabel")
        self.received_label.setWordWrap(True)
        self.received_label.setTextFormat(Qt.TextFormat.RichText)
        self.received_label.linkActivated.connect(lambda _link: self.review())
        self.retranslate_ui()

    @property
    def services(self):
        return self.view.services

    @property
    def ops(self):
        return self.view.ops

    def retranslate_ui(self) -> None:
        self.button.setText(_("Word"))
        self.button.setToolTip(_("Save the agreement as a Word document and read back the organisation's comments"))
        self.save_draft.setText(_("Save the &draft as a Word document…"))
        self.save_plan.setText(_("Save the activity &plan as a Word document…"))
        self.read_action.setText(_("&Read comments from a Word document…"))
        self.review_action.setText(_("Re&view the comments received…"))
        self.update()

    def concerns(self, change) -> bool:
        """Whether a change is a document received on one of the view's versions."""
        return change.type is ReceivedDocument and (change.record is None or any(
            v.id == change.record.agreement_version_id for v in self.view.versions))

    # -- what the selected version has --------------------------------------------------------

    def received(self) -> list[ReceivedDocument]:
        version = self.view.selected_version()
        if version is None:
            return []
        return self.ops.read(lambda: self.services.agreement_word.received(version.id), [])

    def update(self) -> None:
        """Follow the selected version: the actions it allows, what was received on it."""
        version = self.view.selected_version()
        number = version.number if version is not None else None
        # Translators: the same menu item as "&Save a version as a Word document…": the same access key.
        self.save_version.setText(_("&Save version {number} as a Word document…").format(number=number)
                                  if number is not None else _("&Save a version as a Word document…"))
        self.save_version.setEnabled(number is not None)
        self.read_action.setEnabled(bool(self.view.versions))
        found = self.received()
        self.review_action.setEnabled(bool(found))
        if not found:
            self.received_label.setText("")
            self.received_label.setVisible(False)
            return
        from verkstad.services.agreement_word import summary

        last = found[-1]
        text = _("From Word: “{file}”, read on {date}: {summary}.").format(
            file=last.file_name, date=current().date(last.received_on), summary=summary(last))
        if last.applied_on:
            text += " " + _("Taken into the draft on {date}.").format(date=current().date(last.applied_on))
        link = html.escape(_("Review…"))  # outside the f-string: extracted
        self.received_label.setText(f'{html.escape(text)} <a href="review">{link}</a>')
        self.received_label.setVisible(True)

    # -- saving ---------------------------------------------------------------------------------

    def save(self, number: int | None, path: Path | None = None) -> bool:
        """Save version `number` (None: the current draft) as .docx; asks where unless told."""
        self.view.flush()
        org_id = self.view.organisation_id
        word = self.services.agreement_word
        make = self.ops.read(lambda: word.prepare_agreement(org_id, version=number))
        if make is None:
            return False
        name = self.services.documents.filename("agreement", organisation_id=org_id, version=number,
                                                suffix=".docx")
        return self._save(make, name, path)

    def save_activity_plan(self, path: Path | None = None) -> bool:
        org_id = self.view.organisation_id
        make = self.ops.read(lambda: self.services.agreement_word.prepare_plan(org_id))
        if make is None:
            return False
        return self._save(make, self.services.documents.filename("plan", organisation_id=org_id, suffix=".docx"),
                          path)

    def _save(self, make, name: str, path: Path | None) -> bool:
        if path is None:
            path = get_save_path(self.view, _("Save as Word document"), name, _("Word documents (*.docx)"), ".docx")
            if path is None:
                return False
        target = path

        def written(_result) -> None:
            self.ops.status(_("Saved “{path}”.").format(path=target))

        def failed(exc: BaseException) -> None:
            self.ops.error(str(exc))

        def work(progress):
            data = make()
            try:
                write_atomically(target, data)
            except OSError as exc:  # the environment's: told in plain words
                raise WriteError(_("“{path}” could not be written: {reason}").format(
                    path=target, reason=exc.strerror or exc)) from exc

        run_in_worker(work, receiver=self, on_result=written, on_error=failed)
        return True

    # -- reading back -------------------------------------------------------------------------

    def read_comments(self, path: Path | None = None) -> ReceivedDialog | None:
        """Read a .docx the organisation sent back, keep it with its version and open the review."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self.view, _("Read comments from a Word document"), str(start_folder(settings_of(self.view))),
                _("Word documents (*.docx);;All files (*)"))
            if not chosen:
                return None
            path = Path(chosen)
            remember_folder(settings_of(self.view), path)
        from verkstad.documents.word_read import load

        word = self.services.agreement_word
        org_id = self.view.organisation_id
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            reading = self.ops.read(lambda: word.read(org_id, load(path), path.name))
        finally:
            QApplication.restoreOverrideCursor()
        if reading is None:  # refused: the banner says why; nothing was stored
            return None
        changes = self.ops.run(_("comments from “{file}” on version {number}").format(
            file=path.name, number=reading.version.number), lambda: word.store(reading))
        if not changes:
            return None
        self.view.select_version(reading.version.number)
        self.ops.status(_("Read “{file}”: {summary}.").format(file=path.name, summary=reading.summary))
        return self.review(reading.record.id, reading.warnings)

    def review(self, received_id: str | None = None, warnings: list[str] | None = None) -> ReceivedDialog | None:
        found = self.received()
        if received_id is None:
            if not found:
                return None
            received_id = found[-1].id
        record = self.ops.read(lambda: self.services.records.get(ReceivedDocument, received_id))
        if record is None:
            return None
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = ReceivedDialog(self, record, warnings or [])
        self.dialog.open()
        return self.dialog


def _quoted(text: str) -> str:
    # Translators: text quoted from the organisation's document, in your language's quotation marks.
    return _("“{text}”").format(text=text)


def _words_html(before: str, after: str) -> str:
    return " ".join(p for p in word_spans(word_diff(before, after)) if p)


class ReceivedDialog(QDialog):
    """The comments and changes of one received document; choose the clauses whose changes go
    into the next version. Signals: none."""

    def __init__(self, actions: WordActions, record: ReceivedDocument, warnings: list[str]) -> None:
        super().__init__(actions.view)
        self.owner = actions
        self.record = record
        self.setObjectName("receivedDialog")
        self.setWindowTitle(_("Comments received: {file}").format(file=record.file_name))
        screen = actions.view.screen().availableGeometry() if actions.view.screen() else None
        width, height = 820, 600
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)
        titles = {c.key: _(c.title) for c in CLAUSES}
        self.titles = titles
        self.edited_since: set[str] = actions.ops.read(
            lambda: actions.services.agreement_word.edited_since(record.id), set())

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("receivedWarnings")
        self.notes.setText("\n".join(warnings))
        self.notes.setVisible(bool(warnings))
        self.comments = QTextBrowser()
        self.comments.setObjectName("receivedComments")
        self.comments.setHtml(self._comments_html())
        self.clause_label = QLabel(_("&Changed clauses (ticked: taken into the next version):"))
        self.clause_list = QListWidget()
        self.clause_list.setObjectName("receivedClauses")
        self.clause_label.setBuddy(self.clause_list)
        for c in record.clauses:
            item = QListWidgetItem(titles.get(c["key"], c["key"]))
            item.setData(Qt.ItemDataRole.UserRole, c["key"])
            changed = c["received"] != c["sent"]
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if changed:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            if changed:
                kept = c["key"] not in self.edited_since and c["key"] not in record.kept
                item.setCheckState(Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked)
            self.clause_list.addItem(item)
        self.clause_list.currentRowChanged.connect(self._show_clause)
        self.difference = QTextBrowser()
        self.difference.setObjectName("receivedDifference")
        self.outside = QLabel()
        self.outside.setWordWrap(True)
        self.outside.setObjectName("receivedOutside")
        self.outside.setText(self._outside_text())
        self.outside.setVisible(bool(record.outside))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton(_("&Make the next version from these changes"),
                                                   QDialogButtonBox.ButtonRole.ApplyRole)
        self.apply_button.setObjectName("makeNextVersion")
        self.apply_button.clicked.connect(self.make_next_version)
        self.apply_button.setEnabled(any(c["received"] != c["sent"] for c in record.clauses))
        self.buttons.rejected.connect(self.reject)

        clause_box = QWidget()
        box = QVBoxLayout(clause_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.clause_label)
        box.addWidget(self.clause_list)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(clause_box)
        split.addWidget(self.difference)
        split.setStretchFactor(1, 3)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(self.comments)
        outer.addWidget(split)
        outer.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes)
        layout.addWidget(outer, 1)
        layout.addWidget(self.outside)
        layout.addWidget(self.buttons)
        if self.clause_list.count():
            self.clause_list.setCurrentRow(0)
        else:
            self.difference.setHtml("<p>" + html.escape(_("No clause was changed.")) + "</p>")
        mnemonics.keep(self, letters=False)

    def _comments_html(self) -> str:
        comments = self.record.comments
        if not comments:
            return "<p>" + html.escape(_("The document holds no comments.")) + "</p>"
        from verkstad.documents.word_read import comment_date

        out = ["<h3>" + html.escape(_("Comments")) + "</h3>"]
        for c in comments:
            where = self.titles.get(c["clause"], _("outside the clauses"))
            when = current().date(comment_date(c["date"]))
            head = " · ".join(x for x in (c["author"] or _("unknown"), when, where) if x)
            quote = c.get("quoted", "")
            quote = quote if len(quote) <= 200 else quote[:200].rsplit(" ", 1)[0] + " …"
            quoted = f'<br><span style="color:#555">{html.escape(_quoted(quote))}</span>' if quote else ""
            out.append(f"<p><b>{html.escape(head)}</b>{quoted}<br>"
                       f"{html.escape(c['text']).replace(chr(10), '<br>')}</p>")
        return "".join(out)

    def _outside_text(self) -> str:
        if not self.record.outside:
            return ""
        places = [self.titles.get(x["where"], x["where"]) if x["where"] else _("the first page")
                  for x in self.record.outside]
        return _("Edited outside the clauses' text, not taken into the next version (change these in Verkstad "
                 "itself): {places}").format(places=current().list(places))

    def clause(self, key: str) -> dict | None:
        return next((c for c in self.record.clauses if c["key"] == key), None)

    def _show_clause(self, row: int) -> None:
        item = self.clause_list.item(row)
        clause = self.clause(item.data(Qt.ItemDataRole.UserRole)) if item else None
        if clause is None:
            self.difference.setHtml("")
            return
        parts = [f"<h3>{html.escape(self.titles.get(clause['key'], clause['key']))}</h3>"]
        notes = []
        if clause["untracked"]:
            notes.append(_("Edited without tracking changes."))
        if clause["key"] in self.edited_since:
            notes.append(_("This clause has been edited in Verkstad since the version was sent: keeping the "
                           "organisation's text replaces that edit."))
        if clause["key"] in self.record.kept:
            notes.append(_("Already taken into the draft."))
        for note in notes:
            parts.append(f'<p style="color:#8a4b00">{html.escape(note)}</p>')
        parts.append(f"<p>{_words_html(clause['sent'], clause['received'])}</p>")
        for t in clause["tracked"]:
            kind = _("inserted") if t["kind"] == "insertion" else _("deleted")
            from verkstad.documents.word_read import comment_date

            when = current().date(comment_date(t["date"]))
            head = " · ".join(x for x in (t["author"] or _("unknown"), when, kind) if x)
            parts.append(f'<p style="color:#555">{html.escape(head)}: {html.escape(_quoted(t["text"].strip()))}</p>')
        legend = _("Struck through: removed by the organisation. Underlined: added by the organisation.")
        parts.append("<p><i>" + html.escape(legend) + "</i></p>")
        self.difference.setHtml("".join(parts))

    def kept(self) -> list[str]:
        out = []
        for row in range(self.clause_list.count()):
            item = self.clause_list.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def make_next_version(self) -> bool:
        keep = self.kept()
        view = self.owner.view
        record_id = self.record.id
        word = self.owner.services.agreement_word
        changes = view.ops.run(_("next version from “{file}”").format(file=self.record.file_name),
                               lambda: word.next_version(record_id, keep))
        if changes is None:
            return False
        view.ops.status(ngettext(
            "The draft has the organisation's text in {count} clause; send it for comment as version {number}.",
            "The draft has the organisation's text in {count} clauses; send it for comment as version {number}.",
            len(keep)).format(count=len(keep), number=view.next_number()))
        self.accept()
        return True
