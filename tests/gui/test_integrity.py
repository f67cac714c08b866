"""The failures of data integrity a new user met in the planning views (issue 7), each guarded.

Every edit here goes through the widgets as a user makes it, and is checked in the database.
"""

from __future__ import annotations

import datetime as dt

from tests.gui.conftest import answer_next_dialog, nav_texts, type_text
from verkstad.domain.model import Activity, Agreement, Meeting, Organisation, Person, Programme


def _meeting_of(window, services, short_name):
    orgs = {o.short_name: o for o in services.records.list(Organisation, programme_id=window.programme_id)}
    meeting = next(m for m in services.planning.meetings(window.programme_id)
                   if m.organisation_id == orgs[short_name].id)
    window.select_key(("meeting", meeting.id))
    return window.views["meeting"], meeting


def _set_time(form, name, hour, minute):
    editor = form.editors[name]
    editor.setTime(dt.time(hour, minute))
    editor.editingFinished.emit()


def test_undo_names_the_step_and_shows_what_it_undid(window, services):
    """Edit → Undo says what it will undo; after it the meeting is shown and the status bar says it."""
    window.open_demo()
    view, meeting = _meeting_of(window, services, "NK")
    _set_time(view.form, "end_time", 15, 0)
    assert services.records.get(Meeting, meeting.id).end_time == dt.time(15, 0)
    assert window.undo_action.text().replace("&", "") == f"Undo change of planned end: {meeting.title}"
    window.select_key(("people", None))  # the user has moved on
    window.undo_action.trigger()
    assert services.records.get(Meeting, meeting.id).end_time == dt.time(12, 0)
    assert window.view_stack.currentWidget() is view and view.meeting_id == meeting.id
    assert view.form.editors["end_time"].time() == dt.time(12, 0)
    assert window.statusBar().currentMessage() == f"Undone: change of planned end: {meeting.title}"


def test_a_planned_end_before_the_start_is_refused_with_a_message(window, services):
    window.open_demo()
    view, meeting = _meeting_of(window, services, "NK")
    _set_time(view.form, "end_time", 8, 15)  # the meeting starts at 09:00
    assert services.records.get(Meeting, meeting.id).end_time == dt.time(12, 0)
    assert window.banner_row.isVisible() and "must be after the start" in window.banner.text()
    assert view.form.editors["end_time"].time() == dt.time(12, 0)  # the stored value is shown again
    assert not window.undo_stack.canUndo()


def test_a_meeting_dated_outside_its_phase_is_warned_of(window, services):
    window.open_demo()
    view, meeting = _meeting_of(window, services, "NK")
    phase = view.plan.phase
    editor = view.form.editors["date"]
    late = phase.end_date + dt.timedelta(days=30)
    editor.setDate(late)
    editor.editingFinished.emit()
    assert services.records.get(Meeting, meeting.id).date == late  # a warning, not a refusal
    assert view.plan.outside_phase and "outside its phase" in view.warning.text()
    assert view.warning.property("alarm")


def test_an_empty_organisation_name_is_refused_with_a_message(window, services):
    window.open_demo()
    window.select_key(("organisations", None))
    view = window.views["organisations"]
    org = view.model.items[0]
    view.select(org.id)
    name = view.form.editors["name"]
    name.setText("   ")
    name.editingFinished.emit()
    assert services.records.get(Organisation, org.id).name == org.name
    assert name.text() == org.name
    assert window.banner_row.isVisible() and "needs a name" in window.banner.text()


def test_new_organisations_get_distinct_names_and_their_meeting_follows_a_rename(window, services, qtbot):
    window.open_demo()
    window.select_key(("organisations", None))
    view = window.views["organisations"]
    view.add_button.click()
    first = view.selected()
    name = view.form.editors["name"]
    assert name.hasSelectedText() and name.selectedText() == first.name  # typing replaces it
    view.add_button.click()
    second = view.selected()
    assert first.name != second.name
    titles = [m.title for m in services.planning.meetings(window.programme_id)]
    assert len(titles) == len(set(titles))
    view.select(first.id)
    name.setFocus()
    name.selectAll()
    type_text(qtbot, name, "Østerå Kommune")
    name.editingFinished.emit()
    kickoff = next(m for m in services.planning.meetings(window.programme_id) if m.organisation_id == first.id)
    assert kickoff.title.endswith(": Østerå Kommune")
    assert kickoff.title in nav_texts(window)
    # a meeting the user renamed keeps its name
    services.planning.update_meeting(kickoff.id, title="Opstart i rådhuset")
    services.planning.update_organisation(first.id, name="Østerå Kommune og Forsyning")
    assert services.records.get(Meeting, kickoff.id).title == "Opstart i rådhuset"


def test_deleting_an_organisation_asks_takes_its_records_and_one_undo_brings_all_back(window, services):
    window.open_demo()
    pid = window.programme_id
    org = next(o for o in services.records.list(Organisation, programme_id=pid) if o.short_name == "NK")
    owned = {cls: {r.id for r in services.records.list(cls, organisation_id=org.id)}
             for cls in (Meeting, Person, Activity, Agreement)}
    assert all(owned.values())  # the demo gives it all four
    window.select_key(("organisation", org.id))
    view = window.views["organisations"]
    answer_next_dialog("Cancel")
    view.delete_button.click()
    assert services.records.get(Organisation, org.id)  # cancelled: nothing changed
    answer_next_dialog("Delete")
    view.delete_button.click()
    for cls, ids in owned.items():
        assert not {r.id for r in services.records.list(cls, programme_id=pid)} & ids, cls
    assert not any(m.organisation_id is None and m.id in owned[Meeting]
                   for m in services.planning.meetings(pid))  # no orphaned "shared" meeting
    assert "Deleted" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    for cls, ids in owned.items():
        assert {r.id for r in services.records.list(cls, organisation_id=org.id)} == ids, cls
    assert services.records.get(Organisation, org.id).name == org.name


def test_the_programme_switcher_follows_a_rename(window, services):
    window.open_demo()
    window.select_key(("programme", window.programme_id))
    view = window.views["programme"]
    name = view.form.editors["name"]
    name.setText("Rejsehold efterår 2027")
    name.editingFinished.emit()
    assert services.records.get(Programme, window.programme_id).name == "Rejsehold efterår 2027"
    box = window.programme_box
    assert box.itemText(box.findData(window.programme_id)) == "Rejsehold efterår 2027"
    assert window.windowTitle().startswith("Rejsehold efterår 2027")
    window.undo_action.trigger()
    assert box.itemText(box.findData(window.programme_id)) != "Rejsehold efterår 2027"


def test_undo_keeps_a_later_edit_made_elsewhere(window, services):
    """An undo sets a field back only when it still holds what the step stored: an edit made
    since, in another window, is not silently undone."""
    window.open_demo()
    view, meeting = _meeting_of(window, services, "NK")
    _set_time(view.form, "end_time", 15, 0)
    services.planning.update_meeting(meeting.id, end_time=dt.time(16, 0))  # e.g. capture's window
    window.undo_action.trigger()
    assert services.records.get(Meeting, meeting.id).end_time == dt.time(16, 0)


def test_ctrl_z_in_a_field_with_nothing_typed_undoes_the_last_step(window, services, qtbot):
    """After an edit is stored and the focus moved to another field, Ctrl+Z is Edit → Undo
    (the field's own typing history is empty); a field with typing of its own keeps Ctrl+Z."""
    from PySide6.QtCore import Qt

    window.open_demo()
    view, meeting = _meeting_of(window, services, "NK")
    _set_time(view.form, "end_time", 15, 0)
    venue = view.form.editors["venue"]
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    qtbot.keyClick(venue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.records.get(Meeting, meeting.id).end_time == dt.time(12, 0)
    before = venue.text()
    qtbot.keyClicks(venue, "x")
    qtbot.keyClick(venue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert venue.text() == before  # the field undid its own typing, nothing else
    assert window.undo_stack.canRedo() and not window.undo_stack.canUndo()
