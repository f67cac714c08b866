"""Pictures a user gives from a file (the team's logo, a case story's photo): asking for the file,
reading it with a plain message when it cannot be, and a small preview of what is stored. The
services check that the bytes are a PNG or JPEG picture. No signals."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from verkstad.i18n import _
from verkstad.ui.file_dialogs import remember_folder, settings_of, start_folder
from verkstad.ui.operations import Operations


def picture_bytes(owner: QWidget, ops: Operations, title: str, path: Path | None = None) -> bytes | None:
    """The bytes of a picture file the user chooses (or of `path`); None when none was chosen or
    it cannot be read (the window's banner says why)."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(owner, title, str(start_folder(settings_of(owner))),
                                                      _("Pictures (*.png *.jpg *.jpeg);;All files (*)"))
        if not chosen:
            return None
        path = Path(chosen)
        remember_folder(settings_of(owner), path)
    try:
        return path.read_bytes()
    except OSError as exc:
        ops.error(_("“{file}” cannot be read: {reason}").format(file=path.name, reason=exc.strerror or exc))
        return None


def show_preview(label: QLabel, encoded: str, height: int, empty: str = "") -> None:
    """A stored picture (base64) in `label`, `height` pixels high; `empty` when there is none or it
    is no picture."""
    pixmap = QPixmap()
    if encoded:
        try:
            pixmap.loadFromData(base64.b64decode(encoded, validate=True))
        except (binascii.Error, ValueError):  # not a picture (the services check what they store)
            pixmap = QPixmap()
    if pixmap.isNull():
        label.clear()
        label.setText(empty)
    else:
        label.setPixmap(pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation))
