"""The strip above the typing line that asks, for a shared meeting, whose activity plan gets an
idea: one button per participating organisation (Alt+1…9), while typing goes on meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from verkstad.domain.model import Organisation
from verkstad.i18n import _
from verkstad.ui.capture.actions import with_shortcut
from verkstad.ui.language import Retranslatable


class PromoteStrip(Retranslatable, QFrame):
    """Signals:
        chosen(entry_id: str, organisation_id: str): an organisation was picked for the entry.
    """

    chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promoteStrip")
        self.setStyleSheet("QFrame#promoteStrip { background: #e8f4ea; border-top: 1px solid #b9dcc0; }")
        self.label = QLabel()
        self.buttons_row = QHBoxLayout()
        self.cancel = QToolButton()
        self.cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel.clicked.connect(self.dismiss)
        strip = QHBoxLayout(self)
        strip.setContentsMargins(14, 6, 14, 6)
        strip.addWidget(self.label)
        strip.addLayout(self.buttons_row)
        strip.addStretch(1)
        strip.addWidget(self.cancel)
        self.shortcuts: list[QShortcut] = []
        self.entry_id: str | None = None
        self.targets: list[Organisation] = []
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(_("Promote to the activity plan of:"))
        self.cancel.setText(_("Cancel"))
        self.cancel.setToolTip(with_shortcut(_("Do not promote"), "Esc"))

    def ask(self, entry_id: str, targets: list[Organisation]) -> None:
        """Show the organisations to choose from for `entry_id`."""
        self.dismiss()
        self.entry_id, self.targets = entry_id, list(targets)
        for i, org in enumerate(self.targets[:9], start=1):
            button = QPushButton(f"{i}  {org.short_name or org.name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(with_shortcut(org.name, f"Alt+{i}"))
            button.clicked.connect(lambda _c=False, o=org.id: self.chosen.emit(entry_id, o))
            self.buttons_row.addWidget(button)
            shortcut = QShortcut(QKeySequence(f"Alt+{i}"), self)
            shortcut.activated.connect(lambda o=org.id: self.chosen.emit(entry_id, o))
            self.shortcuts.append(shortcut)
        self.show()

    def dismiss(self) -> None:
        """Hide the strip and forget its buttons and shortcuts."""
        while self.buttons_row.count():
            item = self.buttons_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for shortcut in self.shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.shortcuts = []
        self.entry_id = None
        self.hide()
