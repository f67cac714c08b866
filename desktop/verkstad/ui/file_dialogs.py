"""Verkstad's file dialogs: Qt's own on Linux (so they speak the interface language), opening
in the folder last used or the user's documents folder, with a name every file system accepts.

On Linux a "native" file dialog is GTK's or the desktop portal's, which speak the desktop's
language, not Verkstad's: a Danish interface would show a Norwegian or English dialog. Qt's
own dialog is translated by ui/qt_translations.py in all five languages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from verkstad.filenames import safe_file_name

LAST_FOLDER = "state/last_folder"
# Windows and macOS dialogs follow the system's language, as every program there does; the
# dialogs of Linux desktops cannot be told the application's language.
QT_DIALOGS = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def use_qt_dialogs() -> None:
    """Make every standard dialog of the process Qt's own where the native ones cannot be
    translated (the print dialog's "…" file chooser included); called before any is opened."""
    if QT_DIALOGS:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def documents_folder() -> Path:
    """The user's documents folder (platformdirs), or the home folder if it does not exist."""
    folder = Path(platformdirs.user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def start_folder(settings: QSettings | None) -> Path:
    """Where a file dialog opens: the folder last used, while it exists, else the documents folder."""
    if settings is not None:
        last = settings.value(LAST_FOLDER, "")
        if isinstance(last, str) and last and Path(last).is_dir():
            return Path(last)
    return documents_folder()


def remember_folder(settings: QSettings | None, path: str | Path) -> None:
    """Remember the folder of `path` (a file written or chosen) for the next dialog."""
    if settings is not None:
        settings.setValue(LAST_FOLDER, str(Path(path).parent))


def default_path(settings: QSettings | None, title: str, suffix: str = ".pdf") -> Path:
    """The file a dialog proposes for `title`: its safe name in the start folder."""
    return start_folder(settings) / safe_file_name(title, suffix)


def settings_of(widget: QWidget | None) -> QSettings | None:
    """The settings of the window that `widget` is in, if that window keeps them."""
    window = widget.window() if widget is not None else None
    settings = getattr(window, "settings", None)
    return settings if isinstance(settings, QSettings) else None


def save_dialog(parent: QWidget | None, caption: str, name: str, filter_text: str,
                suffix: str = ".pdf") -> QFileDialog:
    """A save dialog (not yet shown) proposing `name` in the start folder of `parent`'s window."""
    dialog = QFileDialog(parent, caption)
    dialog.setObjectName("saveFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(filter_text)
    dialog.setDefaultSuffix(suffix.lstrip("."))
    if QT_DIALOGS:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    path = default_path(settings_of(parent), name, suffix)
    dialog.setDirectory(str(path.parent))
    dialog.selectFile(path.name)
    return dialog


def get_save_path(parent: QWidget | None, caption: str, name: str, filter_text: str,
                  suffix: str = ".pdf") -> Path | None:
    """Ask where to save (modal); None when cancelled. The chosen folder is remembered."""
    dialog = save_dialog(parent, caption, name, filter_text, suffix)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    if suffix and path.suffix.casefold() != suffix.casefold():
        path = path.with_name(path.name + suffix)
    remember_folder(settings_of(parent), path)
    return path
