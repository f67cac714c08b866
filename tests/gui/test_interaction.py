"""Interaction habits of the main window: context menus on the tree, the lists and the tables,
drag-and-drop reordering with one undo, Edit → Cut/Copy/Paste/Select all on the focused field
(and Copy of entries in capture), mnemonics unique in each view, buttons disabled where they
cannot apply, new names selected for typing over, people grouped by organisation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPushButton

from tests.gui.conftest import answer_next_dialog, nav_texts
from verkstad.domain.model import (
    Activity,
    AgendaItem,
    Attendance,
    ChecklistItem,
    Meeting,
    OrgKind,
    Person,
    Phase,
)
from verkstad.i18n import translator
from verkstad.ui import mnemonics, reorder

MOVE = Qt.DropAction.MoveAction


def action(menu: QMenu, text: str):
    """The menu's action of that text (its & letter aside)."""
    found = [a for a in menu.actions() if mnemonics.plain(a.text()) == text]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def texts(menu: QMenu) -> list[str]:
    return [mnemonics.plain(a.text()) for a in menu.actions() if not a.isSeparator()]


def meeting_view(window, services, demo):
    """The Nordby kick-off meeting (agenda, checklist, attendance), shown."""
    org = services.documents.find_organisation("NK")
    meeting = next(m for m in services.records.list(Meeting, organisation_id=org.id))
    window.select_key(("meeting", meeting.id))
    return window.views["meeting"], meeting


def agenda_ids(services, meeting) -> list[str]:
    return [a.id for a in services.records.list(AgendaItem, meeting_id=meeting.id)]


def select_row(table, row: int) -> None:
    table.setCurrentIndex(table.model().index(row, 1))


# -- context menus ------------------------------------------------------------------------


def test_navigation_menu_adds_a_meeting_to_a_phase_and_deletes_it_with_the_views_confirmation(
        demo_window, services, demo):
    window = demo_window
    phase = services.planning.phases(demo.id)[2]
    window.select_key(("phase", phase.id))
    menu = window.nav_menu.build()
    assert texts(menu) == ["Open", "Add meeting to this phase", "Delete"]
    before = len(services.planning.meetings(demo.id))
    action(menu, "Add meeting to this phase").trigger()
    assert len(services.planning.meetings(demo.id)) == before + 1
    assert window.nav.currentItem().data(0, Qt.ItemDataRole.UserRole)[0] == "meeting"  # the new one shown

    window.select_key(("phase", phase.id))
    answer_next_dialog("Delete")  # the phase has meetings: the same question as the view's
    action(window.nav_menu.build(), "Delete").trigger()
    assert services.records.get(Phase, phase.id, include_deleted=True).deleted_at is not None
    assert phase.title not in " ".join(nav_texts(window))
    window.undo_action.trigger()  # one undo brings the phase and its meetings back
    assert services.records.get(Phase, phase.id).deleted_at is None
    assert len(services.planning.meetings(demo.id)) == before + 1


def test_navigation_menu_adds_an_organisation_and_opens_an_entry(demo_window, services, demo):
    window = demo_window
    window.select_key(("organisations", None))
    menu = window.nav_menu.build()
    assert texts(menu) == ["Open", "Add organisation"]
    before = len(services.planning.organisations(demo.id))
    action(menu, "Add organisation").trigger()
    assert len(services.planning.organisations(demo.id)) == before + 1
    field = window.views["organisations"].form.editors["name"]
    assert QApplication.focusWidget() is field and field.selectedText() == field.text()  # typed over

    window.select_key(("people", None))
    action(window.nav_menu.build(), "Open").trigger()
    assert window.view_stack.currentWidget() is window.views["people"]
    assert window.views["people"].isAncestorOf(QApplication.focusWidget())

    meeting = services.planning.meetings(demo.id)[0]
    window.select_key(("meeting", meeting.id))
    action(window.nav_menu.build(), "Delete meeting").trigger()
    assert services.records.get(Meeting, meeting.id, include_deleted=True).deleted_at is not None
    assert "Edit → Undo" in window.statusBar().currentMessage()


def test_list_menu_moves_and_deletes_the_selected_record(demo_window, services, demo):
    window = demo_window
    window.select_key(("phases", None))
    view = window.views["phases"]
    ids = [p.id for p in services.planning.phases(demo.id)]
    view.select(ids[0])
    menu = view.list_menu.build()
    assert texts(menu) == ["Add phase", "Add meeting to this phase", "Meeting series…", "Delete", "Move up",
                          "Move down"]
    assert not action(menu, "Move up").isEnabled() and action(menu, "Move down").isEnabled()
    action(menu, "Move down").trigger()
    assert [p.id for p in services.planning.phases(demo.id)][:2] == [ids[1], ids[0]]
    window.undo_action.trigger()
    assert [p.id for p in services.planning.phases(demo.id)] == ids

    window.select_key(("organisations", None))
    orgs = window.views["organisations"]
    assert texts(orgs.list_menu.build()) == ["Add organisation", "Delete"]  # not ordered: no moves


def test_agenda_checklist_and_attendance_menus_run_their_operations(demo_window, services, demo):
    view, meeting = meeting_view(demo_window, services, demo)
    ids = agenda_ids(services, meeting)
    select_row(view.agenda_table, 0)
    menu = view.agenda_menu.build()
    assert texts(menu) == ["Add agenda item", "Delete item", "Move up", "Move down"]
    assert not action(menu, "Move up").isEnabled()
    action(menu, "Add agenda item").trigger()  # below the selected item
    now = agenda_ids(services, meeting)
    assert len(now) == len(ids) + 1 and now[0] == ids[0] and now[2:] == ids[1:]
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.selectedText() == "New item"  # typed over
    view.agenda_table.setFocus()  # closes the editor unchanged
    select_row(view.agenda_table, 1)
    action(view.agenda_menu.build(), "Delete item").trigger()
    assert agenda_ids(services, meeting) == ids

    view.tabs.setCurrentIndex(1)
    items = [c.id for c in services.records.list(ChecklistItem, meeting_id=meeting.id)]
    select_row(view.checklist_table, 0)
    action(view.checklist_menu.build(), "Move down").trigger()
    assert [c.id for c in services.records.list(ChecklistItem, meeting_id=meeting.id)][:2] == [items[1], items[0]]
    demo_window.undo_action.trigger()
    assert [c.id for c in services.records.list(ChecklistItem, meeting_id=meeting.id)] == items
    select_row(view.checklist_table, 0)
    action(view.checklist_menu.build(), "Add checklist item").trigger()
    after = services.records.list(ChecklistItem, meeting_id=meeting.id)
    assert after[1].text == "New preparation" and [c.id for c in after[2:]] == items[1:]
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.selectedText() == "New preparation"

    view.tabs.setCurrentIndex(2)
    row = next(i for i, r in enumerate(view.attendance_model.rows) if r.attendance and r.attendance.invited)
    person = view.attendance_model.rows[row].person
    view.attendance_table.setCurrentIndex(view.attendance_model.index(row, 0))
    menu = view.attendance_menu.build()
    assert texts(menu) == ["Invited", "Attended"]
    assert action(menu, "Invited").isChecked() and not action(menu, "Attended").isChecked()
    action(menu, "Attended").trigger()
    attendance = next(a for a in services.records.list(Attendance, meeting_id=meeting.id) if a.person_id == person.id)
    assert attendance.attended


def test_activity_plan_menu_adds_below_deletes_and_moves(demo_window, services, demo):
    org = services.documents.find_organisation("NK")
    demo_window.select_key(("plan", org.id))
    view = demo_window.views[f"plan:{org.id}"]
    ids = [a.id for a in services.activities.list(org.id)]
    view.select(ids[0])
    menu = view.table_menu.build()
    assert texts(menu) == ["Add activity", "Delete", "Move up", "Move down", "Progress update…",
                          "Pilot, good example, tasks…", "Plan a follow-up meeting"]
    action(menu, "Progress update…").trigger()
    assert view.dialog is not None and view.dialog.isVisible()
    view.dialog.reject()
    action(menu, "Add activity").trigger()
    now = [a.id for a in services.activities.list(org.id)]
    assert len(now) == len(ids) + 1 and now[0] == ids[0] and now[2:] == ids[1:]
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.selectedText() == "New activity"  # typed over
    view.table.setFocus()
    view.select(now[1])
    action(view.table_menu.build(), "Delete").trigger()
    assert [a.id for a in services.activities.list(org.id)] == ids
    view.select(ids[0])
    action(view.table_menu.build(), "Move down").trigger()
    assert [a.id for a in services.activities.list(org.id)][:2] == [ids[1], ids[0]]


# -- drag and drop ----------------------------------------------------------------------------


def test_dragging_an_agenda_item_reorders_it_and_one_undo_puts_it_back(demo_window, services, demo):
    view, meeting = meeting_view(demo_window, services, demo)
    model = view.agenda_model
    ids = agenda_ids(services, meeting)
    assert model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    assert not model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsDropEnabled  # between rows, not onto one
    mime = model.mimeData([model.index(0, c) for c in range(model.columnCount())])
    assert model.canDropMimeData(mime, MOVE, 3, 0, QModelIndex())
    steps = demo_window.undo_stack.count()
    assert model.dropMimeData(mime, MOVE, 3, 0, QModelIndex())  # dropped before the fourth row
    assert agenda_ids(services, meeting) == [ids[1], ids[2], ids[0], *ids[3:]]
    assert [r.id for r in model.rows] == agenda_ids(services, meeting)
    assert view.agenda_table.currentIndex().row() == 2  # the moved item stays selected
    assert demo_window.undo_stack.count() == steps + 1  # one operation
    demo_window.undo_action.trigger()
    assert agenda_ids(services, meeting) == ids
    assert [r.id for r in model.rows] == ids

    mime = model.mimeData([model.index(1, 0)])
    assert model.dropMimeData(mime, MOVE, -1, -1, QModelIndex())  # below the last row: at the end
    assert agenda_ids(services, meeting)[-1] == ids[1]


def test_a_drop_from_another_meeting_or_of_another_kind_is_refused(demo_window, services, demo):
    view, meeting = meeting_view(demo_window, services, demo)
    model = view.agenda_model
    ids = agenda_ids(services, meeting)
    other = next(m for m in services.planning.meetings(demo.id)
                 if m.id != meeting.id and services.records.list(AgendaItem, meeting_id=m.id))
    theirs = services.records.list(AgendaItem, meeting_id=other.id)[0]
    foreign = reorder.encode(reorder.Dragged("agenda_items", theirs.id, other.id))
    assert not model.canDropMimeData(foreign, MOVE, 0, 0, QModelIndex())
    assert not model.dropMimeData(foreign, MOVE, 0, 0, QModelIndex())
    checklist = services.records.list(ChecklistItem, meeting_id=meeting.id)[0]
    wrong_kind = reorder.encode(reorder.Dragged("checklist_items", checklist.id, meeting.id))
    assert not model.dropMimeData(wrong_kind, MOVE, 0, 0, QModelIndex())
    dropped_on_a_row = model.mimeData([model.index(0, 0)])
    assert not model.dropMimeData(dropped_on_a_row, MOVE, -1, -1, model.index(2, 0))
    text = model.mimeData([model.index(0, 0)])
    text.removeFormat(reorder.MIME_TYPE)
    text.setText("Kaffe")
    assert not model.dropMimeData(text, MOVE, 0, 0, QModelIndex())
    assert agenda_ids(services, meeting) == ids
    assert services.records.list(AgendaItem, meeting_id=other.id)[0].id == theirs.id


def test_dragging_checklist_items_activities_and_phases(demo_window, services, demo):
    view, meeting = meeting_view(demo_window, services, demo)
    model = view.checklist_model
    items = [c.id for c in services.records.list(ChecklistItem, meeting_id=meeting.id)]
    assert model.dropMimeData(model.mimeData([model.index(2, 0)]), MOVE, 0, 0, QModelIndex())
    assert [c.id for c in services.records.list(ChecklistItem, meeting_id=meeting.id)][:3] == [
        items[2], items[0], items[1]]
    demo_window.undo_action.trigger()
    assert [c.id for c in services.records.list(ChecklistItem, meeting_id=meeting.id)] == items

    org = services.documents.find_organisation("NK")
    demo_window.select_key(("plan", org.id))
    plan = demo_window.views[f"plan:{org.id}"]
    ids = [a.id for a in services.activities.list(org.id)]
    proxy = plan.proxy  # the table's own model: the drag goes through the sorting proxy
    assert proxy.dropMimeData(proxy.mimeData([proxy.index(0, 1)]), MOVE, 2, 0, QModelIndex())
    assert [a.id for a in services.activities.list(org.id)][:2] == [ids[1], ids[0]]
    demo_window.undo_action.trigger()
    assert [a.id for a in services.activities.list(org.id)] == ids
    plan.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # sorted by title: no order to drag into
    assert not proxy.flags(proxy.index(0, 1)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not proxy.canDropMimeData(plan.model.mimeData([plan.model.index(0, 1)]), MOVE, 2, 0, QModelIndex())
    assert services.records.get(Activity, ids[0]).position == 0

    demo_window.select_key(("phases", None))
    phases = demo_window.views["phases"].model
    phase_ids = [p.id for p in services.planning.phases(demo.id)]
    assert phases.dropMimeData(phases.mimeData([phases.index(3)]), MOVE, 0, 0, QModelIndex())
    assert [p.id for p in services.planning.phases(demo.id)] == [phase_ids[3], *phase_ids[:3]]
    assert nav_texts(demo_window).count("1. " + services.records.get(Phase, phase_ids[3]).title) == 1


# -- Edit → Cut, Copy, Paste, Select all ---------------------------------------------------------


def test_edit_copy_and_paste_in_a_form_field(demo_window, services, demo, qtbot):
    window = demo_window
    window.select_key(("phases", None))
    view = window.views["phases"]
    title, venue = view.form.editors["title"], view.form.editors["venue"]
    actions = window.text_actions
    window.nav.setFocus()
    assert not any(a.isEnabled() for a in actions.actions())  # no text field has the focus
    title.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title)
    title.deselect()
    assert not actions.copy_action.isEnabled() and not actions.cut_action.isEnabled()
    assert actions.select_all_action.isEnabled()
    actions.select_all_action.trigger()
    assert title.selectedText() == title.text()
    assert actions.copy_action.isEnabled() and actions.cut_action.isEnabled()
    QGuiApplication.clipboard().clear()
    assert not actions.paste_action.isEnabled()  # nothing to paste
    actions.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == title.text()
    assert actions.paste_action.isEnabled()
    venue.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is venue)
    venue.clear()
    assert not actions.select_all_action.isEnabled()  # an empty field
    actions.paste_action.trigger()
    assert venue.text() == title.text()
    venue.editingFinished.emit()
    phase = view.selected()
    assert services.records.get(Phase, phase.id).venue == title.text()  # stored like typing
    actions.select_all_action.trigger()
    actions.cut_action.trigger()
    assert venue.text() == "" and QGuiApplication.clipboard().text() == title.text()
    titles = [mnemonics.plain(a.text()) for a in window.edit_menu.actions()]
    assert {"Cut", "Copy", "Paste", "Select all"} <= set(titles)


def test_edit_copy_in_a_table_cells_editor(demo_window, services, demo, qtbot):
    view, _meeting = meeting_view(demo_window, services, demo)
    index = view.agenda_model.index(0, 2)
    view.agenda_table.setCurrentIndex(index)
    view.agenda_table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.selectedText() == view.agenda_model.rows[0].title
    demo_window.text_actions.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == view.agenda_model.rows[0].title


def test_capture_copies_the_selected_entry(qtbot, services, demo):
    from verkstad.ui.capture import CaptureWindow

    org = services.documents.find_organisation("NK")
    meeting = next(m for m in services.records.list(Meeting, organisation_id=org.id))
    window = CaptureWindow(services=services, meeting_id=meeting.id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    copy = window.named_actions["copy"]
    assert not copy.isEnabled()  # nothing selected, nothing typed
    entry_id = window.model.entry_ids()[0]
    window.select_entry(entry_id)
    assert copy.isEnabled()
    copy.trigger()
    assert QGuiApplication.clipboard().text() == window.model.entry(window.model.index_of(entry_id)).text
    window.select_entry(None)
    window.line.setText("et udkast")
    window.line.selectAll()
    assert copy.isEnabled()
    copy.trigger()
    assert QGuiApplication.clipboard().text() == "et udkast"
    window.close()


# -- disabled states and mnemonics --------------------------------------------------------------


def test_item_buttons_are_disabled_with_nothing_selected(demo_window, services, demo):
    view, _meeting = meeting_view(demo_window, services, demo)
    for table in (view.agenda_table, view.checklist_table):
        table.setCurrentIndex(QModelIndex())
    assert not view.delete_item_button.isEnabled() and not view.delete_check_button.isEnabled()
    assert not view.up_button.isEnabled() and not view.down_button.isEnabled()
    menu = view.agenda_menu.build()
    assert action(menu, "Add agenda item").isEnabled() and not action(menu, "Delete item").isEnabled()
    select_row(view.agenda_table, 0)
    assert view.delete_item_button.isEnabled() and view.down_button.isEnabled()
    assert not view.up_button.isEnabled()  # the first item cannot go up
    select_row(view.agenda_table, view.agenda_model.rowCount() - 1)
    assert view.up_button.isEnabled() and not view.down_button.isEnabled()
    select_row(view.checklist_table, 0)
    assert view.delete_check_button.isEnabled()

    org = services.documents.find_organisation("NK")
    demo_window.select_key(("plan", org.id))
    plan = demo_window.views[f"plan:{org.id}"]
    plan.table.setCurrentIndex(QModelIndex())
    assert not plan.delete_button.isEnabled()
    assert not action(plan.table_menu.build(), "Delete").isEnabled()


def _views(window, services, demo):
    org = services.documents.find_organisation("NK")
    meeting = next(m for m in services.records.list(Meeting, organisation_id=org.id))
    for key in [("programme", demo.id), ("phases", None), ("organisations", None), ("people", None),
                ("meeting", meeting.id), ("plan", org.id), ("agreement", org.id)]:
        window.select_key(key)
        yield key, window.view_stack.currentWidget()


@pytest.mark.parametrize("language", ["en", "da"])
def test_every_push_button_has_a_mnemonic_unique_in_its_view(demo_window, services, demo, switcher, language):
    switcher.apply(language)
    QApplication.sendPostedEvents(None, 0)  # the letters are given again after the new texts
    QApplication.processEvents()
    menu_letters = {mnemonics.letter(a.text()) for a in demo_window.menuBar().actions()}
    checked = 0
    for key, view in _views(demo_window, services, demo):
        buttons = [b for b in view.findChildren(QPushButton)
                   if not (b.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
                           and b.testAttribute(Qt.WidgetAttribute.WA_WState_Hidden))]
        letters = [mnemonics.letter(b.text()) for b in buttons]
        assert None not in letters, (key, [b.text() for b in buttons])
        assert len(set(letters)) == len(letters), (key, [b.text() for b in buttons])
        assert not set(letters) & menu_letters, (key, [b.text() for b in buttons])
        checked += len(buttons)
    assert checked > 20
    if language == "da":  # the translator's letter is kept where it is free
        phases = demo_window.views["phases"]
        assert phases.add_button.text() == translator("da").gettext("&Add phase")


def test_mnemonic_letters_prefer_word_starts_and_skip_taken_ones():
    assert mnemonics.with_letter("Delete item", {"d"}) == "Delete &item"
    assert mnemonics.with_letter("&Add agenda item", {"a", "i"}) == "A&dd agenda item"  # then any free letter
    taken = {"m"}
    assert mnemonics.with_letter("Move up", taken) == "Move &up" and taken == {"m", "u"}
    assert mnemonics.letter("R&&D &plan") == "p" and mnemonics.plain("R&&D &plan") == "R&&D plan"
    assert mnemonics.with_letter("æ", {"æ"}) == "æ"  # nothing free: no letter


# -- people grouped ---------------------------------------------------------------------------


def test_people_are_grouped_by_organisation_and_the_advisory_team(demo_window, services, demo):
    window = demo_window
    window.select_key(("people", None))
    view = window.views["people"]
    orgs = services.planning.organisations(demo.id)
    people = services.planning.people(demo.id)
    participants = [o for o in orgs if o.kind == OrgKind.PARTICIPANT and any(p.organisation_id == o.id
                                                                               for p in people)]
    headers = view.model.headers()
    assert headers[:len(participants)] == [o.name for o in participants]
    assert any("advisory team" in h.casefold() for h in headers[len(participants):])
    assert len(view.model.items) == len(people)
    header_row = 0
    assert view.model.data(view.model.index(header_row)) == headers[0]
    assert not view.model.flags(view.model.index(header_row)) & Qt.ItemFlag.ItemIsSelectable
    assert view.selected() is not None and view.list.currentIndex().row() == 1  # the first person, not a header

    second = participants[1]
    person = next(p for p in view.model.items if p.organisation_id == second.id)
    view.select(person.id)
    assert view.form.editors["name"].text() == person.name
    row = view.model.row_of(person.id)
    heading = max(r for r in range(row) if view.model.data(view.model.index(r), Qt.ItemDataRole.UserRole) is None)
    assert view.model.data(view.model.index(heading)) == second.name

    # Moved to the first organisation, the person is shown under its header.
    combo = view.form.editors["organisation_id"]
    combo.setCurrentIndex(combo.findData(participants[0].id))
    combo.activated.emit(combo.currentIndex())
    assert services.records.get(Person, person.id).organisation_id == participants[0].id
    row = view.model.row_of(person.id)
    heading = max(r for r in range(row) if view.model.data(view.model.index(r), Qt.ItemDataRole.UserRole) is None)
    assert view.model.data(view.model.index(heading)) == participants[0].name
    assert view.selected().id == person.id

    # Undo puts the person back under the old header, selected, the form still working.
    window.undo_action.trigger()
    assert services.records.get(Person, person.id).organisation_id == second.id
    row = view.model.row_of(person.id)
    heading = max(r for r in range(row) if view.model.data(view.model.index(r), Qt.ItemDataRole.UserRole) is None)
    assert view.model.data(view.model.index(heading)) == second.name
    assert view.selected().id == person.id and view.form.isEnabled()

    # A renamed organisation renames its header.
    window.ops.run("rename", lambda: services.planning.update_organisation(second.id, name="Fjordby Kommune"))
    assert "Fjordby Kommune" in view.model.headers() and second.name not in view.model.headers()
