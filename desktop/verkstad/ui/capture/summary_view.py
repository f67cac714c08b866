"""The end-of-meeting summary: what was captured, which required role did not attend, and what still
needs an owner, a date or a place in the plan."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verkstad.domain.meeting_clock import mmss
from verkstad.domain.model import Entry
from verkstad.domain.role_sentences import sentence
from verkstad.i18n import _, ngettext
from verkstad.services.capture import CaptureSummary
from verkstad.ui.capture.entry_model import kind_icon
from verkstad.ui.language import Retranslatable

_ENTRY_ID = Qt.ItemDataRole.UserRole + 1


def counts_text(summary: CaptureSummary) -> str:
    """"12 ideas, 4 decisions, 7 tasks, 3 notes" in the interface language."""
    c = summary.counts
    parts = [
        ngettext("{n} idea", "{n} ideas", c.get("idea", 0)).format(n=c.get("idea", 0)),
        ngettext("{n} decision", "{n} decisions", c.get("decision", 0)).format(n=c.get("decision", 0)),
        ngettext("{n} task", "{n} tasks", c.get("task", 0)).format(n=c.get("task", 0)),
        ngettext("{n} note", "{n} notes", c.get("note", 0)).format(n=c.get("note", 0)),
    ]
    return " · ".join(parts)


class SummaryView(Retranslatable, QWidget):
    """Shown when the meeting ends.

    Signals:
        back(): return to capture (the meeting can go on).
        minutesRequested(): go on to write the minutes.
        entryActivated(entry_id: str): an entry in one of the lists was chosen.
    """

    back = Signal()
    minutesRequested = Signal()
    entryActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary: CaptureSummary | None = None
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.counts = QLabel()
        counts_font = self.counts.font()
        counts_font.setPointSizeF(counts_font.pointSizeF() * 1.25)
        self.counts.setFont(counts_font)
        self.details = QLabel()
        self.attendance_note = QLabel()  # a required role nobody of which attended
        self.attendance_note.setObjectName("summaryAttendance")
        self.attendance_note.setWordWrap(True)
        self.attendance_note.setStyleSheet("QLabel#summaryAttendance { background: #fde2e1; color: #8a1c13;"
                                           " border: 1px solid #e8a29c; border-radius: 4px; padding: 6px; }")
        self.attendance_note.hide()
        self.lists: dict[str, tuple[QLabel, QListWidget]] = {}
        grid = QGridLayout()
        for i, key in enumerate(("no_owner", "no_due", "ideas", "decisions")):
            label, widget = QLabel(), QListWidget()
            label.setStyleSheet("font-weight: bold")
            widget.itemActivated.connect(lambda item: self.entryActivated.emit(item.data(_ENTRY_ID)))
            grid.addWidget(label, (i // 2) * 2, i % 2)
            grid.addWidget(widget, (i // 2) * 2 + 1, i % 2)
            self.lists[key] = (label, widget)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back)
        self.minutes_button = QPushButton()
        self.minutes_button.clicked.connect(self.minutesRequested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.minutes_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addWidget(self.details)
        layout.addWidget(self.attendance_note)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("The meeting has ended"))
        self.back_button.setText(_("Back to capture"))
        self.back_button.setToolTip(_("Continue capturing in this meeting (Esc)"))
        self.minutes_button.setText(_("On to the minutes"))
        titles = {
            "no_owner": _("Tasks without an owner"),
            "no_due": _("Tasks without a due date"),
            "ideas": _("Ideas not yet in the activity plan"),
            "decisions": _("Decisions not yet in the activity plan"),
        }
        for key, (label, _widget) in self.lists.items():
            label.setText(titles[key])
        if self._summary is not None:
            self.show_summary(self._summary)

    def show_summary(self, summary: CaptureSummary) -> None:
        self._summary = summary
        self.counts.setText(counts_text(summary))
        details = [ngettext("{n} entry promoted to the activity plan", "{n} entries promoted to the activity plan",
                            len(summary.promoted)).format(n=len(summary.promoted))]
        if summary.duration_s is not None:
            details.append(_("Duration {time}").format(time=mmss(summary.duration_s)))
        self.details.setText(" · ".join(details))
        missing = [sentence("did_not_attend", role) for role in summary.missing_roles]
        self.attendance_note.setText("\n".join("⚠ " + line for line in missing))
        self.attendance_note.setVisible(bool(missing))
        for key, entries in (("no_owner", summary.tasks_without_owner), ("no_due", summary.tasks_without_due),
                             ("ideas", summary.ideas_not_promoted),
                             ("decisions", summary.decisions_not_promoted)):
            self._fill(self.lists[key][1], entries)

    @staticmethod
    def _fill(widget: QListWidget, entries: list[Entry]) -> None:
        widget.clear()
        if not entries:
            item = QListWidgetItem(_("None – well done."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)
            return
        for entry in entries:
            item = QListWidgetItem(kind_icon(entry.kind), entry.text)
            item.setData(_ENTRY_ID, entry.id)
            widget.addItem(item)
