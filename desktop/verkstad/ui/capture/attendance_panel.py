"""The attendance side panel of capture mode: tick who came, and see which required role is missing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from verkstad.domain.model import ROLE_TITLES, Role
from verkstad.i18n import _
from verkstad.services.capture import AttendanceView
from verkstad.ui.language import Retranslatable

_PERSON_ID = Qt.ItemDataRole.UserRole + 1


def role_title(role: str) -> str:
    try:
        return _(ROLE_TITLES[Role(role)])
    except ValueError:
        return role


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
        if not view.missing_roles:
            self.warning.hide()
            return
        roles = ", ".join(role_title(r) for r in view.missing_roles)
        if view.by_attendance:
            text = _("Required at this meeting, but not here: {roles}.").format(roles=roles)
        else:
            text = _("Required at this meeting, but nobody invited: {roles}.").format(roles=roles)
        self.warning.setText("⚠ " + text)
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
