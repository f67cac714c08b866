"""Working with others: a form edit of a value someone changed meanwhile is refused and shows
theirs; on a shared server the window shows others' changes within seconds; File → Connect to a
server… and Take this programme offline."""

from __future__ import annotations

import pytest

from tests.gui.conftest import nav_texts
from verkstad.domain.model import Meeting
from verkstad.services.hub import Services


def _meeting(window, services):
    meeting = next(m for m in services.planning.meetings(window.programme_id) if m.organisation_id)
    window.select_key(("meeting", meeting.id))
    return window.views["meeting"], meeting


def test_an_edit_of_a_value_someone_changed_meanwhile_is_refused_and_shows_theirs(demo_window, services):
    window = demo_window
    view, meeting = _meeting(window, services)
    services.records.update(Meeting, meeting.id, venue="Rådhuset, lokale 2")  # a colleague, not published here
    venue = view.form.editors["venue"]
    venue.setText("Biblioteket")
    venue.editingFinished.emit()
    assert services.records.get(Meeting, meeting.id).venue == "Rådhuset, lokale 2"  # not written over
    assert window.banner.text().startswith("Someone else changed the venue meanwhile")
    assert "“Rådhuset, lokale 2”" in window.banner.text()
    assert venue.text() == "Rådhuset, lokale 2"  # the form shows what is stored now
    venue.setText("Biblioteket")  # and the next edit, made on what is stored, goes in
    venue.editingFinished.emit()
    assert services.records.get(Meeting, meeting.id).venue == "Biblioteket"


@pytest.mark.server_only
def test_others_changes_on_the_server_show_in_the_window(demo_window, services, database_url):
    window = demo_window
    assert window.server_watch.look() == 0  # the first look takes the state as it is
    other = Services.open(database_url)
    try:
        meeting = next(m for m in other.planning.meetings(window.programme_id) if m.organisation_id)
        phase_id = meeting.phase_id
        other.records.update(Meeting, meeting.id, title="Opstartsmøde flyttet")
        other.planning.add_meeting(phase_id, "Opfølgningsmøde hos kollegaen")
    finally:
        other.close()
    assert window.server_watch.look() == 1  # the renamed meeting (the new one has no stamp: its table grew)
    texts = nav_texts(window)
    assert "Opstartsmøde flyttet" in texts and "Opfølgningsmøde hos kollegaen" in texts
    assert window.server_watch.look() == 0  # nothing new since
    own = services.planning.meetings(window.programme_id)[0]
    services.records.update(Meeting, own.id, venue="Et andet sted")  # this window's own change
    assert window.server_watch.look() == 0


@pytest.mark.server_only
def test_take_this_programme_offline_and_merge_it_back(demo_window, services, tmp_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QFileDialog

    window = demo_window
    actions = window.file_actions
    actions.update_actions()
    assert actions.offline_action.isEnabled()
    copy = tmp_path / "offline.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    with qtbot.waitSignal(actions.offline, timeout=20_000):
        actions.offline_action.trigger()
    offline = Services.open(copy)
    try:
        meeting = next(m for m in offline.planning.meetings(window.programme_id) if m.organisation_id)
        offline.capture.add_entry(meeting.id, "Skrevet i toget uden net")
    finally:
        offline.close()
    from verkstad.ui.merge_dialog import MergeDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    monkeypatch.setattr(MergeDialog, "exec", lambda self: MergeDialog.DialogCode.Accepted)
    with qtbot.waitSignal(actions.merged, timeout=20_000):
        actions.merge_action.trigger()
    hits = services.capture.search(window.programme_id, "toget")
    assert [h.text for h in hits] == ["Skrevet i toget uden net"]


def test_connect_to_a_server_asks_for_its_address(window, monkeypatch, qtbot):
    from verkstad.ui.server_dialog import ConnectDialog

    dialog = ConnectDialog(window)
    assert not dialog.connect_button.isEnabled()  # no address yet
    dialog.address.setText("postgresql://karen@server.example/verkstad")
    dialog.password.setText("hemmeligt")
    assert dialog.connect_button.isEnabled()
    assert dialog.url() == "postgresql://karen:hemmeligt@server.example/verkstad"
    requested: list[str] = []
    window.file_actions.server_requested.connect(requested.append)
    monkeypatch.setattr(ConnectDialog, "exec", lambda self: ConnectDialog.DialogCode.Accepted)
    monkeypatch.setattr(ConnectDialog, "url", lambda self: "postgresql://karen@server.example/verkstad")
    window.file_actions.connect_action.trigger()
    assert requested == ["postgresql://karen@server.example/verkstad"]
    dialog.deleteLater()
