"""A message banner laid over the top edge of a view: it appears and disappears without moving
anything under it, so a click aimed at a row while the banner comes or goes still lands on it.

It follows its host's width (a wrapped message grows downwards, over the view) and stays on
top of the host's other children. Signals: none (its × hides it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from verkstad.i18n import _
from verkstad.ui.language import Retranslatable

STYLE = ("QFrame#{name} {{ background: {back}; border: 1px solid {edge}; border-radius: 4px; }}"
         " QFrame#{name} QLabel {{ color: {text}; background: transparent; border: none; }}"
         " QFrame#{name} QToolButton {{ color: {text}; background: transparent; border: none; font-size: 14pt; }}")
LIGHT = {"back": "#fdecea", "edge": "#e8a9a4", "text": "#8c1d18"}  # the planning windows' refusals
DARK = {"back": "#8a1c13", "edge": "#5e120c", "text": "white"}  # capture: seen while typing fast


class OverlayBanner(Retranslatable, QFrame):
    """A message over the top of `host`, `margin` pixels from its edges, `top` from its top."""

    def __init__(self, host: QWidget, *, name: str, label_name: str = "", colours: dict[str, str] = LIGHT,
                 margin: int = 6, top: int = 0) -> None:
        super().__init__(host)
        self.host = host
        self.margin, self.top = margin, top
        self.setObjectName(name)
        self.setStyleSheet(STYLE.format(name=name, **colours))
        self.setAutoFillBackground(True)
        self.label = QLabel()
        if label_name:
            self.label.setObjectName(label_name)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the focus stays where the user types
        self.close_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 4, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        host.installEventFilter(self)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(_("Close this message"))
        self.close_button.setAccessibleName(_("Close this message"))

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        """Lie over the host's top edge, as wide as the host, as tall as the wrapped text."""
        width = max(0, self.host.width() - 2 * self.margin)
        layout = self.layout()
        height = (layout.totalHeightForWidth(width) if layout is not None and layout.hasHeightForWidth()
                  else self.sizeHint().height())
        self.setGeometry(self.margin, self.top + self.margin, width, max(height, self.minimumSizeHint().height()))

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()  # first: a host being destroyed still sends events (ui/mnemonics)
        if kind not in (QEvent.Type.Resize, QEvent.Type.ChildAdded) or obj is not self.__dict__.get("host"):
            pass
        elif kind == QEvent.Type.Resize and not self.isHidden():
            self.place()
        elif kind == QEvent.Type.ChildAdded and not self.isHidden():
            self.raise_()  # a view added to the host later would otherwise lie over the banner
        return super().eventFilter(obj, event)
