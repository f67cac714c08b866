"""The foot of the capture window: the kind of the next entry (one button each), the typing line
and the line of hints below it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from verkstad.domain.model import ENTRY_KIND_TITLES, EntryKind
from verkstad.i18n import _
from verkstad.ui.capture.actions import KINDS, with_shortcut
from verkstad.ui.capture.capture_line import CaptureLine
from verkstad.ui.capture.entry_model import KIND_COLOURS


class InputBar(QFrame):
    """Signals:
        kindClicked(kind: str): a kind button was clicked.
    """

    kindClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inputBar")
        self.setStyleSheet("QFrame#inputBar { background: #f3f5f8; border-top: 1px solid #d5d9e0; }")
        self.kind_buttons = QButtonGroup(self)
        self.kind_buttons.setExclusive(True)
        kinds_row = QHBoxLayout()
        kinds_row.setSpacing(4)
        for kind in KINDS:
            button = QToolButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("kind", kind.value)
            button.setStyleSheet(
                "QToolButton { padding: 4px 10px; border: 1px solid #c5cad3; border-radius: 4px; background: white; }"
                f"QToolButton:checked {{ background: {KIND_COLOURS[kind]}; color: white;"
                f" border-color: {KIND_COLOURS[kind]}; font-weight: bold; }}")
            button.clicked.connect(lambda _checked=False, k=kind: self.kindClicked.emit(k.value))
            self.kind_buttons.addButton(button)
            kinds_row.addWidget(button)
        self.line = CaptureLine()
        line_font = self.line.font()
        line_font.setPointSizeF(line_font.pointSizeF() * 1.3)
        self.line.setFont(line_font)
        self.line.setMinimumHeight(38)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #5b6270;")
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addLayout(kinds_row)
        row.addWidget(self.line, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 8, 14, 6)
        column.addLayout(row)
        column.addWidget(self.hint)

    def show_kind(self, kind: str) -> None:
        """The next entry's kind: its button pressed, the line framed in its colour."""
        for button in self.kind_buttons.buttons():
            button.setChecked(button.property("kind") == kind)
        colour = KIND_COLOURS[EntryKind(kind)]
        self.line.setStyleSheet(f"QLineEdit {{ border: 2px solid {colour}; border-radius: 4px; padding: 4px 8px; }}")

    def retranslate(self, kind_actions: dict[str, QAction], example_date: str) -> None:
        for button in self.kind_buttons.buttons():
            kind = EntryKind(button.property("kind"))
            button.setText(_(ENTRY_KIND_TITLES[kind]))
            button.setToolTip(with_shortcut(_("The next entry is a {kind}; Tab switches type").format(
                kind=_(ENTRY_KIND_TITLES[kind]).lower()), kind_actions[kind]))
        self.line.setPlaceholderText(_("Type what is said and press Enter"))
        self.hint.setText(_("Enter saves · Tab switches type · #theme · @owner · due date like {date} · "
                            "↑ ↓ select an entry · F2 edit · Delete · Ctrl+P promote · Ctrl+F search")
                          .format(date=example_date))
