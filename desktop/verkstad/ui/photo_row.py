"""A case story's photo: a small preview, "Choose photo…" and "Remove photo". Setting or removing
it is one operation; the case-story PDF prints it with its caption. Signals: none."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from verkstad.domain.model import CaseStory
from verkstad.i18n import _
from verkstad.services.hub import Services
from verkstad.ui.file_dialogs import remember_folder, settings_of, start_folder
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import Operations

PREVIEW_HEIGHT = 28


class PhotoRow(Retranslatable, QWidget):
    def __init__(self, *, services: Services, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.ops = services, ops
        self.story: CaseStory | None = None
        self.preview = QLabel()
        self.preview.setObjectName("photoPreview")
        self.preview.setMinimumHeight(PREVIEW_HEIGHT)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("choosePhoto")
        self.choose_button.clicked.connect(lambda: self.choose())
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.remove_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.choose_button.setText(_("P&hoto…"))
        self.choose_button.setToolTip(_("A photo for the case story (a PNG or JPEG picture), printed beside its text"))
        self.remove_button.setText(_("Remove photo"))
        self.preview.setAccessibleName(_("Photo"))
        self.load(self.story)

    def load(self, story: CaseStory | None) -> None:
        self.story = story
        photo = story.photo if story is not None else ""
        self.setEnabled(story is not None)
        self.remove_button.setEnabled(bool(photo))
        pixmap = QPixmap()
        if photo:
            try:
                pixmap.loadFromData(base64.b64decode(photo, validate=True))
            except (binascii.Error, ValueError):
                pixmap = QPixmap()
        if pixmap.isNull():
            self.preview.clear()
        else:
            self.preview.setPixmap(pixmap.scaledToHeight(PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation))

    def choose(self, path: Path | None = None) -> bool:
        """Ask for a picture (or take `path`) and make it the story's photo; False when nothing changed."""
        if self.story is None:
            return False
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Choose the case story's photo"), str(start_folder(settings_of(self))),
                _("Pictures (*.png *.jpg *.jpeg);;All files (*)"))
            if not chosen:
                return False
            path = Path(chosen)
            remember_folder(settings_of(self), path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.ops.error(_("“{file}” cannot be read: {reason}").format(file=path.name, reason=exc.strerror or exc))
            return False
        story_id, title = self.story.id, self.story.title
        changes = self.ops.run(_("photo of {story}").format(story=title),
                               lambda: self.services.stories.update_story(story_id, photo=data))
        if changes:
            self.load(self.services.records.get(CaseStory, story_id))
        return bool(changes)

    def remove(self) -> bool:
        if self.story is None or not self.story.photo:
            return False
        story_id, title = self.story.id, self.story.title
        changes = self.ops.run(_("removal of the photo of {story}").format(story=title),
                               lambda: self.services.stories.update_story(story_id, photo=b""))
        if changes:
            self.load(self.services.records.get(CaseStory, story_id))
        return bool(changes)
