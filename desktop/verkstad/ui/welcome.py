"""The page shown when no programme is open: start from a template or open the demo.

Signals: new_requested(), demo_requested().
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from verkstad.i18n import _
from verkstad.ui.language import Retranslatable


class WelcomePage(Retranslatable, QWidget):
    """Signals: new_requested(), demo_requested()."""

    new_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("welcomeTitle")
        self.title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newProgrammeButton")
        self.new_button.setMinimumHeight(44)
        self.new_button.clicked.connect(self.new_requested)
        self.demo_button = QPushButton()
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setMinimumHeight(44)
        self.demo_button.clicked.connect(self.demo_requested)
        # One column of fixed width, centred: a wrapped label then gets its full height.
        column = QWidget()
        column.setFixedWidth(560)
        inner = QVBoxLayout(column)
        for w in (self.title, self.text, self.new_button, self.demo_button):
            inner.addWidget(w)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(column)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addLayout(row)
        layout.addStretch()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Welcome to Verkstad"))
        self.text.setText(_("Plan an advisory programme, run its meetings on site and print the activity "
                            "plan and the cooperation agreement in each organisation's own language."))
        self.new_button.setText(_("New programme from template…"))
        self.demo_button.setText(_("Open the demo programme"))

