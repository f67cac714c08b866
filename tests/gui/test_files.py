"""The File menu's databases and programme files: new, open, recent, switching database,
export and import, the last view on start, and the language the Settings dialog shows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.gui.conftest import nav_texts
from verkstad.domain.model import Meeting, Programme
from verkstad.services.hub import Services
from verkstad.storage.db import Database
from verkstad.storage.errors import StorageError


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _demo_database(folder: Path, empty_database: Path, name: str) -> tuple[Path, Programme]:
    from verkstad.services.demo import create_demo

    path = folder / name
    shutil.copyfile(empty_database, path)
    services = Services.open(path)
    try:
        return path, create_demo(services, "da")
    finally:
        services.close()


@pytest.fixture
def demo_db(tmp_path, empty_database):
    return _demo_database(tmp_path, empty_database, "demo.sqlite")


@pytest.fixture
def databases(qtbot, demo_db, settings, switcher):
    """The application as app.run_gui builds it: the database switcher and its main window."""
    from verkstad.ui.databases import DatabaseSwitcher

    d = DatabaseSwitcher(services=Services.open(demo_db[0], defer_orm=True), settings=settings,
                         prepare_window=lambda w: w.language_requested.connect(switcher.apply))
    with qtbot.waitSignal(d.window.started):  # the start-up tasks after the first paint are done
        d.window.start()
        d.window.show()
    yield d
    for box in QApplication.topLevelWidgets() + d.window.findChildren(QMessageBox):
        if isinstance(box, QMessageBox):
            box.close()
    d.window.close_capture_windows()
    d.window.close()
    d.window.deleteLater()
    _flush_deletes()
    d.close()


def _answer_file_dialog(monkeypatch, method: str, path: Path | str) -> list[tuple]:
    """Make QFileDialog.<method> return `path`; returns the list of the calls' arguments."""
    calls: list[tuple] = []

    def answer(*args, **kwargs):
        calls.append(args)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, method, staticmethod(answer))
    return calls


def _refusals(window) -> list[str]:
    return [box.text() for box in window.findChildren(QMessageBox) if box.objectName() == "refusal"]


def _is_locked(path: Path) -> bool:
    """Whether another connection holds the database (a second open would be refused)."""
    try:
        Database(path).close()
    except StorageError as exc:
        return exc.kind == "locked"
    return False


# -- the menu ------------------------------------------------------------------------------------

def test_the_file_menu_has_its_groups_and_merging_in_its_own(databases):
    window = databases.window
    menu = window.file_menu
    actions = menu.actions()
    names = [a.objectName() or ("-" if a.isSeparator() else a.text()) for a in actions]
    fa = window.file_actions
    order = [actions.index(a) for a in (window.new_action, fa.new_database_action, fa.open_database_action,
                                        fa.recent_action, fa.import_action, fa.export_action,
                                        fa.merge_action, window.quit_action)]
    assert order == sorted(order), names
    # The team's group (merging, taking offline) sits between the programme files' separator and Quit's.
    assert actions[actions.index(fa.merge_action) - 1].isSeparator()
    assert actions.index(fa.offline_action) == actions.index(fa.merge_action) + 1
    assert actions[actions.index(fa.offline_action) + 1].isSeparator()
    assert actions.index(fa.offline_action) + 2 == actions.index(window.quit_action)
    assert actions.index(fa.connect_action) == actions.index(fa.open_database_action) + 1
    assert all(a.text() or a.isSeparator() for a in actions)


# -- switching database --------------------------------------------------------------------------

def test_new_database_closes_the_old_one_and_its_capture_windows(databases, demo_db, tmp_path, monkeypatch,
                                                                  qtbot, settings):
    from verkstad.ui.capture import CaptureWindow
    from verkstad.ui.databases import LAST, recent_databases

    old_window, old_services = databases.window, databases.services
    old_services.warm_up()
    meeting = old_services.records.list(Meeting, programme_id=demo_db[1].id)[0]
    old_window.open_capture(meeting.id)
    capture = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CaptureWindow) and w.isVisible())
    old_undo = old_window.undo_stack
    target = tmp_path / "new" / "fresh"
    target.parent.mkdir()
    _answer_file_dialog(monkeypatch, "getSaveFileName", target)

    with qtbot.waitSignal(databases.switched):
        old_window.file_actions.new_database_action.trigger()

    new_window = databases.window
    assert new_window is not old_window and new_window.isVisible()
    assert not capture.isVisible()
    assert databases.services.db.path == target.with_suffix(".sqlite")
    assert new_window.services is databases.services
    assert new_window.bus is not old_window.bus and new_window.undo_stack is not old_undo
    assert new_window.pages.currentWidget() is new_window.welcome  # a new database holds nothing
    _flush_deletes()
    assert not _is_locked(demo_db[0])  # the old database is closed, its lock released
    assert _is_locked(target.with_suffix(".sqlite"))
    assert settings.value(LAST) == str(target.with_suffix(".sqlite"))
    assert recent_databases(settings)[:2] == [target.with_suffix(".sqlite"), demo_db[0]]


def test_new_database_refuses_an_existing_file(databases, demo_db, tmp_path, empty_database, monkeypatch):
    other, _programme = _demo_database(tmp_path, empty_database, "other.sqlite")
    before = other.read_bytes()
    _answer_file_dialog(monkeypatch, "getSaveFileName", other)
    window = databases.window
    window.file_actions.new_database_action.trigger()
    assert databases.window is window
    assert any("already exists" in text for text in _refusals(window))
    assert other.read_bytes() == before


def test_open_a_database_then_return_through_the_recent_list(databases, demo_db, tmp_path, empty_database,
                                                             monkeypatch, qtbot):
    other, other_programme = _demo_database(tmp_path, empty_database, "other.sqlite")
    _answer_file_dialog(monkeypatch, "getOpenFileName", other)
    with qtbot.waitSignal(databases.switched):
        databases.window.file_actions.open_database_action.trigger()
    window = databases.window
    assert window.services.db.path == other
    assert window.programme_id == other_programme.id  # its only programme opens

    fa = window.file_actions
    window.file_menu.aboutToShow.emit()
    entries = [a for a in fa.recent_menu.actions() if a.statusTip()]
    assert [a.statusTip() for a in entries] == [str(demo_db[0])]  # the open one is not offered
    assert entries[0].isEnabled() and entries[0].text().startswith("&1 demo.sqlite")
    with qtbot.waitSignal(databases.switched):
        entries[0].trigger()
    assert databases.window.services.db.path == demo_db[0]


def test_a_recent_database_that_is_gone_is_shown_disabled_and_refused(databases, demo_db, tmp_path,
                                                                      empty_database, settings):
    from verkstad.ui.databases import recent_databases, remember

    gone, _programme = _demo_database(tmp_path, empty_database, "gone.sqlite")
    remember(settings, gone)
    remember(settings, demo_db[0])
    gone.unlink()
    window = databases.window
    window.file_menu.aboutToShow.emit()
    entry = next(a for a in window.file_actions.recent_menu.actions() if a.statusTip() == str(gone))
    assert not entry.isEnabled() and "(not found)" in entry.text()

    assert databases.switch(str(gone)) is False  # e.g. removed while the menu was open
    assert databases.window is window
    assert any("no longer exists" in text for text in _refusals(window))
    assert gone not in recent_databases(settings)
    assert gone.exists() is False  # not created by trying to open it


def test_a_locked_database_is_refused_and_the_current_one_stays_open(databases, demo_db, tmp_path,
                                                                     empty_database, monkeypatch):
    other, _programme = _demo_database(tmp_path, empty_database, "other.sqlite")
    holder = Database(other)  # as another Verkstad would hold it
    try:
        _answer_file_dialog(monkeypatch, "getOpenFileName", other)
        window = databases.window
        window.file_actions.open_database_action.trigger()
        assert databases.window is window and databases.services.db.path == demo_db[0]
        assert _refusals(window) == [str(StorageError("locked", str(other)))]
        assert window.services.planning.programme_list()  # still open and usable
    finally:
        holder.close()


def test_a_file_of_another_kind_is_refused_with_the_storage_message(databases, demo_db, tmp_path, monkeypatch):
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("not a database", encoding="utf-8")
    _answer_file_dialog(monkeypatch, "getOpenFileName", text_file)
    window = databases.window
    window.file_actions.open_database_action.trigger()
    assert databases.window is window
    assert _refusals(window) == [str(StorageError("not_a_database", str(text_file)))]
    assert text_file.read_text(encoding="utf-8") == "not a database"


def test_the_last_database_opens_on_the_next_start_unless_one_is_given(databases, demo_db, tmp_path, settings):
    from verkstad.ui.databases import start_database

    default = tmp_path / "default.sqlite"
    assert start_database(settings, None, default) == demo_db[0]
    assert start_database(settings, tmp_path / "given.sqlite", default) == tmp_path / "given.sqlite"


# -- export and import ---------------------------------------------------------------------------

def test_export_then_import_round_trip(databases, demo_db, tmp_path, monkeypatch, qtbot):
    from verkstad.services.exchange import export_programme

    window = databases.window
    out = tmp_path / "out" / "programme.json"
    out.parent.mkdir()
    calls = _answer_file_dialog(monkeypatch, "getSaveFileName", out)
    with qtbot.waitSignal(window.file_actions.exported, timeout=20_000):
        window.file_actions.export_action.trigger()
    assert Path(calls[0][2]).name == "Rejsehold for grønne indkøb (demo).verkstad"  # the programme's name
    assert "Exported" in window.statusBar().currentMessage()
    cli = tmp_path / "cli.json"
    export_programme(window.services, demo_db[1].id, cli)
    assert out.read_bytes() == cli.read_bytes()  # what `verkstad export` writes

    new = tmp_path / "empty.sqlite"
    _answer_file_dialog(monkeypatch, "getSaveFileName", new)
    with qtbot.waitSignal(databases.switched):
        window.file_actions.new_database_action.trigger()
    window = databases.window
    _answer_file_dialog(monkeypatch, "getOpenFileName", out)
    with qtbot.waitSignal(window.file_actions.imported, timeout=20_000) as imported:
        window.file_actions.import_action.trigger()
    assert imported.args == [demo_db[1].id]
    assert window.programme_id == demo_db[1].id  # the imported programme is open
    assert window.pages.currentWidget() is window.workspace
    assert demo_db[1].name in nav_texts(window)
    assert window.file_actions.progress is None  # the progress dialog is gone
    again = tmp_path / "again.json"
    export_programme(window.services, None, again)
    assert again.read_bytes() == out.read_bytes()


def test_importing_a_programme_twice_is_refused_and_changes_nothing(databases, demo_db, tmp_path, monkeypatch,
                                                                    qtbot):
    from verkstad.services.exchange import export_programme

    window = databases.window
    window.services.warm_up()
    out = tmp_path / "programme.json"
    export_programme(window.services, None, out)
    _answer_file_dialog(monkeypatch, "getOpenFileName", out)
    with qtbot.waitSignal(window.file_actions.refused, timeout=20_000) as refused:
        window.file_actions.import_action.trigger()
    assert "is already in this database; nothing was imported" in refused.args[0]
    assert _refusals(window) == [refused.args[0]]
    assert len(window.services.records.list(Programme, include_deleted=True)) == 1


def test_a_foreign_json_file_is_refused_with_the_command_lines_message(databases, demo_db, tmp_path,
                                                                       monkeypatch, qtbot, capsys):
    from verkstad import cli

    window = databases.window
    window.services.warm_up()
    foreign = tmp_path / "settings.json"
    foreign.write_text(json.dumps({"format": "another-program", "records": {}}), encoding="utf-8")
    before = {t: len(window.services.records.list(t, include_deleted=True)) for t in (Programme, Meeting)}
    _answer_file_dialog(monkeypatch, "getOpenFileName", foreign)
    with qtbot.waitSignal(window.file_actions.refused, timeout=20_000) as refused:
        window.file_actions.import_action.trigger()
    assert _refusals(window) == [refused.args[0]]
    after = {t: len(window.services.records.list(t, include_deleted=True)) for t in (Programme, Meeting)}
    assert after == before
    assert window.file_actions.progress is None

    scratch = tmp_path / "scratch.sqlite"
    assert cli.main(["import", "--db", str(scratch), str(foreign)]) == 2
    assert capsys.readouterr().err.strip() == "verkstad: " + refused.args[0]


def test_a_programme_file_opened_from_the_desktop_is_imported_once_the_user_agrees(
        databases, demo_db, tmp_path, qtbot):
    """`verkstad FILE` (the desktop's Open with Verkstad) offers to import the file; Cancel
    leaves the database as it was, Import adds the programme and opens it."""
    from tests.gui.conftest import answer_next_dialog
    from verkstad.services.exchange import export_programme

    window = databases.window
    window.services.warm_up()
    out = tmp_path / "Fjordby.verkstad"
    export_programme(window.services, None, out)
    new = tmp_path / "empty.sqlite"
    with qtbot.waitSignal(databases.switched):
        window.file_actions.database_requested.emit(str(new), True)
    window = databases.window
    window.services.warm_up()

    answer_next_dialog("Cancel")
    assert window.file_actions.offer_import(out) is False
    assert window.services.records.list(Programme, include_deleted=True) == []

    answer_next_dialog("Import")
    with qtbot.waitSignal(window.file_actions.imported, timeout=20_000) as imported:
        assert window.file_actions.offer_import(out) is True
    assert imported.args == [demo_db[1].id]
    assert window.programme_id == demo_db[1].id


def test_export_into_a_folder_that_does_not_exist_is_refused(databases, tmp_path, monkeypatch):
    window = databases.window
    missing = tmp_path / "nowhere" / "programme.json"
    _answer_file_dialog(monkeypatch, "getSaveFileName", missing)
    window.file_actions.export_action.trigger()
    assert _refusals(window) == [f"The folder “{missing.parent}” does not exist."]
    assert not missing.parent.exists()


def test_export_needs_an_open_programme(window):
    window.file_menu.aboutToShow.emit()
    assert window.pages.currentWidget() is window.welcome
    assert not window.file_actions.export_action.isEnabled()


# -- the last view -------------------------------------------------------------------------------

def _current_key(window):
    item = window.nav.currentItem()
    return item.data(0, 0x0100) if item is not None else None  # Qt.UserRole


def _restart(services, settings, qtbot):
    from verkstad.ui.main_window import MainWindow

    window = MainWindow(services=services, settings=settings)
    window.start()
    window.show()
    qtbot.waitUntil(lambda: window.nav.currentItem() is not None)
    return window


def test_the_last_view_is_restored_after_a_restart(demo_db, settings, qtbot):
    services = Services.open(demo_db[0], defer_orm=True)
    window = _restart(services, settings, qtbot)
    assert _current_key(window) == ("programme", demo_db[1].id)
    services.warm_up()
    meeting = services.records.list(Meeting, programme_id=demo_db[1].id)[1]
    window.select_key(("meeting", meeting.id))
    window.close()
    window.deleteLater()
    _flush_deletes()
    services.close()

    services = Services.open(demo_db[0], defer_orm=True)
    try:
        window = _restart(services, settings, qtbot)
        assert _current_key(window) == ("meeting", meeting.id)
        assert window.view_stack.currentWidget() is window.views["meeting"]
        window.close()
        window.deleteLater()
        _flush_deletes()
        services.warm_up()
        services.planning.delete_meeting(meeting.id)  # the record is gone: the programme view
        window = _restart(services, settings, qtbot)
        assert _current_key(window) == ("programme", demo_db[1].id)
        window.close()
        window.deleteLater()
        _flush_deletes()
    finally:
        services.close()


# -- the language in the Settings dialog ---------------------------------------------------------

def test_settings_show_the_language_in_use_and_ok_keeps_it(window, switcher, settings):
    from verkstad.i18n import current_language
    from verkstad.ui.settings import SettingsDialog

    switcher.apply("da")  # as `--lang da` does, storing nothing
    dialog = SettingsDialog(settings, window)
    assert dialog.editors["interface/language"].currentData() == "da"
    assert dialog.editors["interface/language"].currentText() == "Dansk"
    dialog.deleteLater()

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().accept())
    window.show_settings()
    assert current_language() == "da"
    assert settings.value("interface/language") is None  # OK stored nothing the user did not change
    assert window.file_menu.title() == "&Filer"


def test_settings_store_a_language_the_user_chose(window, switcher, settings):
    from verkstad.i18n import current_language

    switcher.apply("da")

    def choose_swedish():
        dialog = QApplication.activeModalWidget()
        combo = dialog.editors["interface/language"]
        combo.setCurrentIndex(combo.findData("sv"))
        dialog.accept()

    QTimer.singleShot(0, choose_swedish)
    window.show_settings()
    assert current_language() == "sv"
    assert settings.value("interface/language") == "sv"


def test_a_file_the_finder_opens_is_offered_for_import_like_a_file_named_on_the_command_line(
        databases, tmp_path, qtbot, monkeypatch):
    """macOS: the FileOpen event that a double-click in the Finder sends reaches offer_import."""
    from PySide6.QtGui import QFileOpenEvent

    from verkstad.app import FileOpener

    offered = []
    monkeypatch.setattr(databases.window.file_actions, "offer_import", offered.append)
    app = QApplication.instance()
    opener = FileOpener(app, lambda: databases.window)
    try:
        path = tmp_path / "Fjordby.verkstad"
        assert QCoreApplication.sendEvent(app, QFileOpenEvent(str(path))) is True
        qtbot.waitUntil(lambda: offered == [path])
    finally:
        app.removeEventFilter(opener)
        opener.deleteLater()


def test_a_file_another_start_hands_over_is_offered_in_this_window(databases, tmp_path, qtbot, monkeypatch):
    """Double-clicking a programme file while Verkstad runs: the new start finds the database
    held, leaves a request, and this window offers the import (and follows a database switch)."""
    from verkstad import handoff
    from verkstad.ui.handoff import HandoffWatcher

    offered: list[Path] = []
    watcher = HandoffWatcher(lambda: databases.window, lambda: databases.path)
    try:
        monkeypatch.setattr(databases.window.file_actions, "offer_import", offered.append)
        request = handoff.send(databases.path, tmp_path / "Fjordby.verkstad")
        qtbot.waitUntil(lambda: offered == [tmp_path / "Fjordby.verkstad"], timeout=5000)
        assert not request.exists()

        other = tmp_path / "other" / "team.sqlite"
        other.parent.mkdir()
        with qtbot.waitSignal(databases.switched):
            databases.window.file_actions.database_requested.emit(str(other), True)
        watcher.follow()
        monkeypatch.setattr(databases.window.file_actions, "offer_import", offered.append)
        handoff.send(other, tmp_path / "Second.verkstad")
        qtbot.waitUntil(lambda: offered[-1:] == [tmp_path / "Second.verkstad"], timeout=5000)
    finally:
        watcher.deleteLater()
