"""Qt's own dialogs speak the interface language, Bokmål included (Qt ships no qtbase_nb)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

ENGLISH = {"&Look in:", "Look in:", "File &name:", "Files of &type:", "Files of type:"}


@pytest.mark.parametrize("language", ["da", "sv", "fi", "nb"])
def test_the_file_dialog_is_translated(qtbot, switcher, language):
    switcher.apply(language)
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # as ui/file_dialogs does on Linux
    qtbot.addWidget(dialog)
    labels = {name: dialog.findChild(QLabel, name).text() for name in ("lookInLabel", "fileNameLabel", "fileTypeLabel")}
    assert not set(labels.values()) & ENGLISH, labels
    assert all(labels.values()), labels
    tree = dialog.findChild(QTreeView, "treeView")
    model = tree.model()
    headers = [model.headerData(i, tree.header().orientation()) for i in range(model.columnCount())]
    assert "Name" not in headers and "Size" not in headers, headers


def test_bokmaal_buttons_and_file_list(qtbot, switcher):
    switcher.apply("nb")
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "lookInLabel").text() == "&Se i:"
    assert dialog.findChild(QLabel, "fileTypeLabel").text() == "Fil&type:"
    tree = dialog.findChild(QTreeView, "treeView")
    assert tree.model().headerData(0, tree.header().orientation()) == "Navn"
