"""The programme's logo: a small preview, "Choose logo…" and "Remove logo". The logo is the
team's: every document prints it in its header. Setting or removing it is one operation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from verkstad.domain.model import Programme
from verkstad.i18n import _
from verkstad.services.hub import Services
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import Operations
from verkstad.ui.pictures import picture_bytes, show_preview

PREVIEW_HEIGHT = 32


class LogoRow(Retranslatable, QWidget):
    """Signals: none; the change bus tells the views."""

    def __init__(self, *, services: Services, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.ops = services, ops
        self.programme: Programme | None = None
        self._shown: str | None = None  # the logo the preview shows: decoded again only when it changes
        self.caption = QLabel()
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setMinimumHeight(PREVIEW_HEIGHT)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(lambda: self.choose())
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        layout = QHBoxLayout(self)
        # in line with the form's labels above it
        layout.setContentsMargins(self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin), 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.preview)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.remove_button)
        layout.addStretch()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.caption.setText(_("Logo:"))
        self.choose_button.setText(_("Choose &logo…"))
        self.choose_button.setToolTip(_("The advisory team's logo, printed in the header of every document "
                                        "(a PNG or JPEG picture)"))
        self.remove_button.setText(_("Remove logo"))
        self.preview.setAccessibleName(_("Logo"))
        self.load(self.programme)

    def load(self, programme: Programme | None) -> None:
        self.programme = programme
        logo = programme.logo if programme is not None else ""
        self.setEnabled(programme is not None)
        self.remove_button.setEnabled(bool(logo))
        if logo == self._shown and logo:  # the view refreshes on every planning change
            return
        self._shown = logo
        show_preview(self.preview, logo, PREVIEW_HEIGHT, _("No logo") if programme is not None else "")

    def choose(self, path: Path | None = None) -> bool:
        """Ask for a picture (or take `path`) and make it the logo; False when nothing changed."""
        if self.programme is None:
            return False
        data = picture_bytes(self, self.ops, _("Choose the team's logo"), path)
        if data is None:
            return False
        programme_id = self.programme.id
        changes = self.ops.run(_("logo of {programme}").format(programme=self.programme.name),
                               lambda: self.services.planning.update_programme(programme_id, logo=data))
        return bool(changes)

    def remove(self) -> bool:
        if self.programme is None or not self.programme.logo:
            return False
        programme_id = self.programme.id
        changes = self.ops.run(_("removal of the logo of {programme}").format(programme=self.programme.name),
                               lambda: self.services.planning.update_programme(programme_id, logo=b""))
        return bool(changes)
