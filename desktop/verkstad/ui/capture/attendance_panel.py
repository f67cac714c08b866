"""The attendance side panel of capture mode: tick who came, and see which required role is missing
(nobody of it invited; once the meeting is held, nobody of it ticked as attended)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from verkstad.domain.role_sentences import role_title, sentence
from verkstad.i18n import _
from verkstad.services.capture import AttendanceView
from verkstad.ui.language import Retranslatable

_PERSON_ID = Qt.ItemDataRole.UserRole + 1


class AttendancePanel(Retranslatable, QWidget):
    """People who belong at the meeting, each with a tick box for "attended".

    Signals:
        attendedChanged(person_id: str, attended: bool): a box was ticked or cleared.
    """

    attendedChanged = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: AttendanceView | None = None
        self._filling = False
        self.heading = QLabel()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setObjectName("attendanceWarning")
        self.warning.setStyleSheet("QLabel#attendanceWarning { background: #fde2e1; color: #8a1c13;"
                                   " border: 1px solid #e8a29c; border-radius: 4px; padding: 6px; }")
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # ticking never takes the typing line's focus
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemChanged.connect(self._item_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.warning)
        layout.addWidget(self.list, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Tick the people who came."))
        if self._view is not None:
            self.show_attendance(self._view)

    def show_attendance(self, view: AttendanceView) -> None:
        self._view = view
        self._filling = True
        try:
            self.list.clear()
            for row in view.rows:
                org = row.organisation.short_name or row.organisation.name if row.organisation else _("Team")
                text = _("{name} – {role}, {organisation}").format(
                    name=row.person.name, role=role_title(row.person.role), organisation=org)
                item = QListWidgetItem(text)
                item.setToolTip(text)
                item.setData(_PERSON_ID, row.person.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                attended = row.attendance is not None and row.attendance.attended
                item.setCheckState(Qt.CheckState.Checked if attended else Qt.CheckState.Unchecked)
                self.list.addItem(item)
        finally:
            self._filling = False
        self._show_warning(view)

    def _show_warning(self, view: AttendanceView) -> None:
        """Both checks the service made, one line per role: not invited, then not ticked."""
        lines = [sentence("not_invited", r) for r in view.not_invited]
        lines += [sentence("not_ticked", r) for r in view.not_attended]
        if not lines:
            self.warning.hide()
            return
        self.warning.setText("\n".join("⚠ " + line for line in lines))
        self.warning.show()

    def person_item(self, person_id: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(_PERSON_ID) == person_id:
                return self.list.item(i)
        return None

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        self.attendedChanged.emit(item.data(_PERSON_ID), item.checkState() == Qt.CheckState.Checked)
