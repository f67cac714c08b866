"""File → Merge a programme file…: what the merge would do, a conflict resolved in the dialog,
the views following; Help → About this programme shows the fingerprint the command line prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from verkstad.domain.model import Activity
from verkstad.services.exchange import (
    export_programme,
    find_programme,
    fingerprint,
    import_programme,
    programme_document,
)
from verkstad.services.hub import Services
from verkstad.ui.merge_dialog import MergeDialog


@pytest.fixture
def other_laptop(demo, window, tmp_path):
    """A second copy of the window's programme, made from its export, with a deadline changed."""
    window.services.warm_up()
    base = tmp_path / "base.json"
    export_programme(window.services, None, base)
    other = Services.open(tmp_path / "other.sqlite")
    import_programme(other, base)
    yield other
    other.close()


def _pick(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _when_shown(cls, act) -> list:
    """Run `act(dialog)` on the first modal dialog of `cls` once it is shown; returns what it saw."""
    seen: list = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, cls):
            seen.append(act(dialog))
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return seen


def test_a_conflict_is_shown_in_the_programmes_words_and_resolved_in_the_dialog(window, other_laptop, tmp_path,
                                                                               monkeypatch, qtbot):
    services = window.services
    activity = next(a for a in services.records.list(Activity) if len(a.title) < 60)
    services.records.update(Activity, activity.id, deadline=dt.date(2027, 6, 1))
    other_laptop.records.update(Activity, activity.id, deadline=dt.date(2027, 6, 15), status="ongoing")
    theirs = tmp_path / "other.verkstad"
    export_programme(other_laptop, None, theirs)

    def decide(dialog: MergeDialog):
        texts = [row[0].text() for row in dialog.rows]
        before = (dialog.merge_button.isEnabled(), dialog.summary.text())
        dialog.all_theirs.click()
        after = (dialog.merge_button.isEnabled(), dialog.summary.text())
        dialog.merge_button.click()
        return texts, before, after

    seen = _when_shown(MergeDialog, decide)
    _pick(monkeypatch, theirs)
    with qtbot.waitSignal(window.file_actions.merged, timeout=20_000):
        window.file_actions.merge_action.trigger()
    (texts, before, after), = seen
    assert texts == [(f"Both copies changed the deadline of the activity “{activity.title}”: "
                      "1 Jun 2027 on this laptop, 15 Jun 2027 in the file.")]
    assert before == (False, ("From the file: 0 new records, 1 changed, 0 deleted; 1 conflict.\n"
                              "Changed: activity (1).\nChoose for each conflict before merging (1 left)."))
    assert after == (True, ("From the file: 0 new records, 1 changed, 0 deleted; 1 conflict resolved.\n"
                            "Changed: activity (1)."))
    got = services.records.get(Activity, activity.id)
    assert (got.deadline, got.status) == (dt.date(2027, 6, 15), "ongoing")
    assert window.statusBar().currentMessage().startswith("Merged: ")


def test_cancelling_the_dialog_merges_nothing(window, other_laptop, tmp_path, monkeypatch, qtbot):
    services = window.services
    activity = services.records.list(Activity)[0]
    other_laptop.records.update(Activity, activity.id, title="Fra den anden bærbare")
    theirs = tmp_path / "other.verkstad"
    export_programme(other_laptop, None, theirs)
    seen = _when_shown(MergeDialog, lambda d: (d.merge_button.isEnabled(), d.reject()))
    _pick(monkeypatch, theirs)
    window.file_actions.merge_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen[0][0] is True  # nothing to decide: Merge is ready
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Nothing was merged.")
    assert services.records.get(Activity, activity.id).title == activity.title


def test_about_this_programme_shows_the_fingerprint_of_the_command_line(demo, window, qtbot):
    window.services.warm_up()
    programme = find_programme(window.services, None)
    code = fingerprint(programme_document(window.services, programme))
    seen = _when_shown(QMessageBox, lambda box: (box.text(), box.accept()))
    window.file_actions.facts_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert f"Fingerprint: {code}" in seen[0][0]
    assert programme.name in seen[0][0]
