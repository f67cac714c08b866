"""A case story's photo: a small preview, "Choose photo…" and "Remove photo". Setting or removing
it is one operation; the case-story PDF prints it with its caption. Signals: none."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from verkstad.domain.model import CaseStory
from verkstad.i18n import _
from verkstad.services.hub import Services
from verkstad.ui.language import Retranslatable
from verkstad.ui.operations import Operations
from verkstad.ui.pictures import picture_bytes, show_preview

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
        show_preview(self.preview, photo, PREVIEW_HEIGHT)

    def choose(self, path: Path | None = None) -> bool:
        """Ask for a picture (or take `path`) and make it the story's photo; False when nothing changed."""
        if self.story is None:
            return False
        data = picture_bytes(self, self.ops, _("Choose the case story's photo"), path)
        if data is None:
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
