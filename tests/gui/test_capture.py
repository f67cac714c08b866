"""Capture mode as a facilitator uses it: typing, kinds, inline tags, owners and dates, paste,
selection and its keys, undo (its own, not another window's), changes made elsewhere, the agenda
clock, attendance and the required role, promotion, the summary and search."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from tests.gui.conftest import type_text
from verkstad.domain.model import (
    Activity,
    AgendaItem,
    Attendance,
    Entry,
    EntryKind,
    Meeting,
    Organisation,
    OrgKind,
    Person,
    Theme,
    utcnow,
)
from verkstad.domain.translatable import text_in
from verkstad.ui.capture import CaptureWindow
from verkstad.ui.capture.entry_model import EntryModel
from verkstad.ui.operations import ChangeBus, Operations

CTRL, ALT, SHIFT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                    Qt.KeyboardModifier.ShiftModifier)


@pytest.fixture
def programme(services):
    """A Danish programme with two Danish organisations, a Finnish one and a partner; people invited."""
    planning = services.planning
    programme = planning.create_programme("Testforløb", "da", "travelling_team", start=dt.date(2027, 2, 1))
    partner = planning.add_organisation(programme.id, "Partnerhuset", short_name="PH", kind=OrgKind.PARTNER)[0]
    orgs = [planning.add_organisation(programme.id, name, short_name=short, language=lang)[0].record
            for name, short, lang in [("Nordby Kommune", "NK", "da"), ("Region Sydby", "RS", "da"),
                                      ("Järvikylän kunta", "KK", "fi")]]
    meetings = services.records.list(Meeting, programme_id=programme.id)
    objs = []
    for name, role, org_id in [("Karen Eksempel", "purchasing_chief", orgs[0].id),
                               ("Søren Prøve", "procurement_officer", orgs[0].id),
                               ("Aino Esimerkki", "purchasing_chief", orgs[2].id),
                               ("Maja Fiktiv Holm", "facilitator", partner.id)]:
        person = Person(programme_id=programme.id, name=name, role=role, organisation_id=org_id)
        objs.append(person)
        objs += [Attendance(meeting_id=m.id, person_id=person.id, invited=True) for m in meetings
                 if m.organisation_id in (org_id, None) or org_id == partner.id]
    services.records.add_all(objs)
    return programme


def _org_meeting(services, programme, short_name: str) -> Meeting:
    org = next(o for o in services.records.list(Organisation, programme_id=programme.id) if o.short_name == short_name)
    return next(m for m in services.records.list(Meeting, organisation_id=org.id))


@pytest.fixture
def meeting(services, programme):
    """Nordby Kommune's kick-off meeting (Danish), with the template's six agenda items."""
    return _org_meeting(services, programme, "NK")


def _open(qtbot, services, meeting_id) -> CaptureWindow:
    window = CaptureWindow(services=services, meeting_id=meeting_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def cw(qtbot, services, meeting) -> CaptureWindow:
    return _open(qtbot, services, meeting.id)


def enter(qtbot, window: CaptureWindow, text: str) -> None:
    type_text(qtbot, window.line, text)
    qtbot.keyClick(window.line, Qt.Key.Key_Return)


def stored(services, meeting_id) -> list[Entry]:
    return services.capture.entries(meeting_id)


def shown(window: CaptureWindow) -> list[str]:
    return [window.model.entry(window.model.index_of(i)).text for i in window.model.entry_ids()]


# -- typing ------------------------------------------------------------------------------------


def test_type_entries_of_each_kind_in_danish(cw, services, meeting, qtbot):
    saved = []
    cw.entrySaved.connect(saved.append)
    assert QApplication.focusWidget() is cw.line
    enter(qtbot, cw, "Elbiler i hjemmeplejen – også til weekendvagter")
    qtbot.keyClick(cw.line, Qt.Key.Key_Tab)  # one keystroke: the next kind
    enter(qtbot, cw, "Vi stiller miljøkrav i alle udbud over 500.000 kr.")
    qtbot.keyClick(cw.line, Qt.Key.Key_3, CTRL)
    enter(qtbot, cw, "Send udbudsplanen til rejseholdet")
    qtbot.keyClick(cw.line, Qt.Key.Key_4, CTRL)
    enter(qtbot, cw, "Økonomiafdelingen deltager næste gang")
    entries = stored(services, meeting.id)
    assert [(e.kind, e.text) for e in entries] == [
        ("idea", "Elbiler i hjemmeplejen – også til weekendvagter"),
        ("decision", "Vi stiller miljøkrav i alle udbud over 500.000 kr."),
        ("task", "Send udbudsplanen til rejseholdet"),
        ("note", "Økonomiafdelingen deltager næste gang"),
    ]
    assert saved == [e.id for e in entries]  # each shown only after it was stored
    assert shown(cw) == [e.text for e in entries]
    assert cw.line.text() == "" and QApplication.focusWidget() is cw.line
    kind_column = [cw.model.index_of(e.id, EntryModel.KIND).data() for e in entries]
    assert kind_column == ["Idea", "Decision", "Task", "Note"]
    assert "4 entries" in cw.count_label.text()


def test_finnish_task_with_tag_owner_and_date(qtbot, services, programme):
    meeting = _org_meeting(services, programme, "KK")
    window = _open(qtbot, services, meeting.id)
    qtbot.keyClick(window.line, Qt.Key.Key_3, CTRL)
    enter(qtbot, window, "Lähetä toimenpidesuunnitelman luonnos #kiertotalous @aino 5.4.2027")
    entry = stored(services, meeting.id)[0]
    assert entry.text == "Lähetä toimenpidesuunnitelman luonnos" and entry.kind == "task"
    assert services.records.get(Person, entry.owner_id).name == "Aino Esimerkki"
    assert entry.due_date == dt.date(2027, 4, 5)
    theme = services.records.get(Theme, entry.theme_ids[0])  # the programme's "Circular", in Finnish
    assert text_in(theme, "name", "fi") == "Kiertotalous" and theme.programme_id == programme.id
    index = window.model.index_of(entry.id)
    row = [index.siblingAtColumn(c).data() for c in (EntryModel.THEMES, EntryModel.OWNER, EntryModel.DUE)]
    assert row == ["Kiertotalous", "Aino Esimerkki", "5.4.2027"]  # Finnish short date


def test_inline_theme_from_the_programme_and_danish_date(cw, services, programme, meeting, qtbot):
    transport = next(t for t in services.records.list(Theme, programme_id=programme.id) if t.position == 3)
    qtbot.keyClick(cw.line, Qt.Key.Key_3, CTRL)
    enter(qtbot, cw, f"Ring til kørselskontoret #{transport.name.lower()} @søren 12.03.27")
    entry = stored(services, meeting.id)[0]
    assert (entry.text, entry.theme_ids, entry.due_date) == ("Ring til kørselskontoret", [transport.id],
                                                             dt.date(2027, 3, 12))
    assert cw.model.index_of(entry.id, EntryModel.DUE).data() == "12.03.2027"


def test_paste_many_lines_and_undo_them_at_once(cw, services, meeting, qtbot):
    QGuiApplication.clipboard().setText("Møbelbank\n- Økologi i kantinen\n\nPraktikpladser\nGenbrug af it-udstyr\n")
    qtbot.keyClick(cw.line, Qt.Key.Key_V, CTRL)
    assert [e.text for e in stored(services, meeting.id)] == [
        "Møbelbank", "Økologi i kantinen", "Praktikpladser", "Genbrug af it-udstyr"]
    assert cw.model.entry_count() == 4 and cw.line.text() == ""
    qtbot.keyClick(cw.line, Qt.Key.Key_Z, CTRL)  # on the empty line, Ctrl+Z undoes the paste
    assert stored(services, meeting.id) == [] and cw.model.entry_count() == 0
    QGuiApplication.clipboard().setText("én linje")
    qtbot.keyClick(cw.line, Qt.Key.Key_V, CTRL)
    assert cw.line.text() == "én linje" and stored(services, meeting.id) == []


def test_ctrl_z_in_a_line_with_text_undoes_typing_only(cw, services, meeting, qtbot):
    enter(qtbot, cw, "Første idé")
    type_text(qtbot, cw.line, "abc")
    qtbot.keyClick(cw.line, Qt.Key.Key_Z, CTRL)
    assert len(stored(services, meeting.id)) == 1


# -- the selected entry -----------------------------------------------------------------------------


def test_delete_a_selected_entry_and_undo_brings_it_back(cw, services, meeting, qtbot):
    enter(qtbot, cw, "Behold mig")
    enter(qtbot, cw, "Slet mig")
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)  # selects the latest entry
    assert cw.model.entry(cw.model.index_of(cw.selected_entry_id())).text == "Slet mig"
    qtbot.keyClick(cw.line, Qt.Key.Key_Delete)
    assert [e.text for e in stored(services, meeting.id)] == ["Behold mig"]
    assert shown(cw) == ["Behold mig"]
    qtbot.keyClick(cw.line, Qt.Key.Key_Z, CTRL)
    assert [e.text for e in stored(services, meeting.id)] == ["Behold mig", "Slet mig"]
    assert shown(cw) == ["Behold mig", "Slet mig"]


def test_delete_on_a_line_with_text_edits_the_text(cw, services, meeting, qtbot):
    enter(qtbot, cw, "Bliv")
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)
    type_text(qtbot, cw.line, "ab")
    qtbot.keyClick(cw.line, Qt.Key.Key_Left)
    qtbot.keyClick(cw.line, Qt.Key.Key_Delete)
    assert cw.line.text() == "a" and len(stored(services, meeting.id)) == 1


def test_impact_votes_kind_and_order_of_a_selected_entry(cw, services, meeting, qtbot):
    for text in ("Første", "Anden", "Tredje"):
        enter(qtbot, cw, text)
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)
    third = cw.selected_entry_id()
    qtbot.keyClick(cw.line, Qt.Key.Key_I, CTRL)
    qtbot.keyClick(cw.line, Qt.Key.Key_I, CTRL)
    qtbot.keyClick(cw.line, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(cw.line, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(cw.line, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(cw.line, Qt.Key.Key_2, CTRL)  # with a selection: the entry's kind
    qtbot.keyClick(cw.line, Qt.Key.Key_Up, ALT)
    entry = services.records.get(Entry, third)
    assert (entry.impact, entry.votes, entry.kind) == ("medium", 1, "decision")
    assert cw.kind == "idea"  # the next entry's kind is unchanged
    assert shown(cw) == ["Første", "Tredje", "Anden"]
    assert [e.text for e in stored(services, meeting.id)] == ["Første", "Tredje", "Anden"]
    index = cw.model.index_of(third)
    assert [index.siblingAtColumn(c).data() for c in (EntryModel.IMPACT, EntryModel.VOTES)] == ["Medium", "1"]
    assert cw.selected_entry_id() == third
    qtbot.keyClick(cw.line, Qt.Key.Key_Down)
    qtbot.keyClick(cw.line, Qt.Key.Key_Down)  # past the last: back to typing
    assert cw.selected_entry_id() is None


def test_edit_in_place(cw, services, meeting, qtbot):
    enter(qtbot, cw, "Møbelbnak")
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)
    qtbot.keyClick(cw.line, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor is not cw.line and editor.text() == "Møbelbnak"
    editor.setText("Møbelbank for hele kommunen")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: stored(services, meeting.id)[0].text == "Møbelbank for hele kommunen")
    assert shown(cw) == ["Møbelbank for hele kommunen"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cw.line)


def test_a_line_of_tags_tags_the_selected_entry(cw, services, programme, meeting, qtbot):
    green = next(t for t in services.records.list(Theme, programme_id=programme.id) if t.position == 0)
    enter(qtbot, cw, "Økologi i kantinen")
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)
    enter(qtbot, cw, f"#{green.name}")
    entries = stored(services, meeting.id)
    assert len(entries) == 1 and entries[0].theme_ids == [green.id]
    assert cw.model.index_of(entries[0].id, EntryModel.THEMES).data() == green.name
    assert cw.line.text() == ""


# -- the meeting --------------------------------------------------------------------------------------


def test_agenda_navigation_puts_entries_under_the_current_item(cw, services, meeting, qtbot):
    agenda = services.records.list(AgendaItem, meeting_id=meeting.id)
    assert "Not started" in cw.item_label.text()
    qtbot.keyClick(cw.line, Qt.Key.Key_F5)
    assert cw.item_label.text() == f"Item 1 of 6: {agenda[0].title}"
    assert "15 min" in cw.clock_label.text() and "left" in cw.clock_label.text()
    qtbot.keyClick(cw.line, Qt.Key.Key_PageDown, CTRL)
    qtbot.keyClick(cw.line, Qt.Key.Key_PageDown, CTRL)
    assert cw.item_label.text() == f"Item 3 of 6: {agenda[2].title}"
    enter(qtbot, cw, "Indkøberne mangler tid til behovsafklaring")
    qtbot.keyClick(cw.line, Qt.Key.Key_PageUp, CTRL)
    enter(qtbot, cw, "Politikken er fra 2022")
    entries = {e.text: e for e in stored(services, meeting.id)}
    assert entries["Indkøberne mangler tid til behovsafklaring"].agenda_item_id == agenda[2].id
    assert entries["Politikken er fra 2022"].agenda_item_id == agenda[1].id
    group = cw.model.index(cw.model.group_row(agenda[1].id), 0)
    assert group.data().startswith("▶ ") and cw.model.rowCount(group) == 1
    assert services.records.get(Meeting, meeting.id).current_item_id == agenda[1].id


def test_an_overrunning_item_shows_it(cw, services, meeting, qtbot):
    qtbot.keyClick(cw.line, Qt.Key.Key_F5)
    services.records.update(Meeting, meeting.id, item_started_at=utcnow() - dt.timedelta(minutes=18))
    cw.ctx.meeting = services.records.get(Meeting, meeting.id)
    cw.update_clock()
    assert "over" in cw.clock_label.text() and "3:0" in cw.clock_label.text()
    assert "#c62828" in cw.clock_label.styleSheet()


def test_attendance_ticks_and_the_required_role_warning(cw, services, meeting, qtbot):
    qtbot.keyClick(cw.line, Qt.Key.Key_F5)  # once started, who came counts
    panel = cw.attendance_panel
    assert not panel.warning.isHidden() and "purchasing chief" in panel.warning.text()
    karen = next(p for p in services.records.list(Person) if p.name == "Karen Eksempel")
    item = panel.person_item(karen.id)
    item.setCheckState(Qt.CheckState.Checked)
    attendance = next(a for a in services.records.list(Attendance, meeting_id=meeting.id) if a.person_id == karen.id)
    assert attendance.attended
    assert panel.warning.isHidden()
    assert QApplication.focusWidget() is cw.line


def test_end_meeting_shows_the_summary(cw, services, meeting, qtbot):
    enter(qtbot, cw, "Møbelbank")
    qtbot.keyClick(cw.line, Qt.Key.Key_3, CTRL)
    enter(qtbot, cw, "Book lokale")
    enter(qtbot, cw, "Send referat @karen 1.4.27")
    qtbot.keyClick(cw.line, Qt.Key.Key_E, CTRL | SHIFT)
    assert cw.pages.currentWidget() is cw.summary_view
    view = cw.summary_view
    assert view.counts.text() == "1 idea · 0 decisions · 2 tasks · 0 notes"
    no_owner = view.lists["no_owner"][1]
    assert [no_owner.item(i).text() for i in range(no_owner.count())] == ["Book lokale"]
    ideas = view.lists["ideas"][1]
    assert [ideas.item(i).text() for i in range(ideas.count())] == ["Møbelbank"]
    assert services.records.get(Meeting, meeting.id).ended_at is not None
    qtbot.keyClick(view.back_button, Qt.Key.Key_Escape)
    assert cw.pages.currentIndex() == 0


# -- promotion -------------------------------------------------------------------------------------------


def test_promote_an_idea_into_the_organisations_plan(cw, services, meeting, qtbot):
    enter(qtbot, cw, "Økologi i kantinen")
    qtbot.keyClick(cw.line, Qt.Key.Key_3, CTRL)
    enter(qtbot, cw, "Send menuplanen")
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)  # the task: cannot be promoted
    qtbot.keyClick(cw.line, Qt.Key.Key_P, CTRL)
    assert "Only ideas and decisions" in cw.statusBar().currentMessage()
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)
    qtbot.keyClick(cw.line, Qt.Key.Key_P, CTRL)
    idea = stored(services, meeting.id)[0]
    activity = services.records.get(Activity, idea.activity_id)
    assert (activity.title, activity.organisation_id) == ("Økologi i kantinen", meeting.organisation_id)
    assert cw.model.index_of(idea.id, EntryModel.ACTIVITY).data() == "✓ Promoted"


def test_a_shared_meeting_asks_for_the_organisation_without_interrupting_typing(qtbot, services, programme):
    shared = next(m for m in services.records.list(Meeting, programme_id=programme.id) if m.organisation_id is None)
    window = _open(qtbot, services, shared.id)
    enter(qtbot, window, "Fælles møbelbank")
    qtbot.keyClick(window.line, Qt.Key.Key_Up)
    qtbot.keyClick(window.line, Qt.Key.Key_P, CTRL)
    assert window.promote_strip.isVisible() and QApplication.activeModalWidget() is None
    type_text(qtbot, window.line, "vi skriver videre")
    assert window.line.text() == "vi skriver videre" and QApplication.focusWidget() is window.line
    qtbot.keyClick(window.line, Qt.Key.Key_2, ALT)  # the second participant
    entry = stored(services, shared.id)[0]
    region = next(o for o in services.records.list(Organisation, programme_id=programme.id) if o.short_name == "RS")
    assert services.records.get(Activity, entry.activity_id).organisation_id == region.id
    assert not window.promote_strip.isVisible()


# -- search, draft, model --------------------------------------------------------------------------------


def test_search_as_you_type_and_open_the_entry(cw, services, programme, meeting, qtbot):
    other = _org_meeting(services, programme, "RS")
    services.capture.add_entry(other.id, "Møbelgenbrug i regionen")
    enter(qtbot, cw, "Møbelbank for hele kommunen")
    enter(qtbot, cw, "Elbiler")
    qtbot.keyClick(cw.line, Qt.Key.Key_F, CTRL)
    panel = cw.search_panel
    assert cw.search_dock.isVisible() and QApplication.focusWidget() is panel.field
    type_text(qtbot, panel.field, "møb")
    assert panel.model.rowCount() == 2 and panel.count.text() == "2 entries found"
    type_text(qtbot, panel.field, "elb")  # "møbelb": only the kommune's
    assert [h.text for h in panel.model.hits] == ["Møbelbank for hele kommunen"]
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert cw.model.entry(cw.model.index_of(cw.selected_entry_id())).text == "Møbelbank for hele kommunen"
    assert QApplication.focusWidget() is cw.line
    # a hit in another meeting goes to whoever shows meetings
    requested = []
    cw.meetingRequested.connect(lambda m, e: requested.append((m, e)))
    cw.open_search()
    panel.field.clear()
    type_text(qtbot, panel.field, "regionen")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert requested == [(other.id, stored(services, other.id)[0].id)]
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    assert not cw.search_dock.isVisible() and QApplication.focusWidget() is cw.line


def test_a_search_hit_in_another_meeting_opens_it_in_capture(cw, services, programme, qtbot):
    other = _org_meeting(services, programme, "RS")
    entry = next(c.record for c in services.capture.add_entry(other.id, "Rengøringsudbud") if c.type is Entry)
    cw.open_hit(other.id, entry.id)
    second = cw._others[0]
    qtbot.addWidget(second)
    assert second.meeting_id == other.id and second.selected_entry_id() == entry.id


def test_the_draft_is_saved_within_a_second_and_comes_back(cw, services, meeting, qtbot):
    type_text(qtbot, cw.line, "Halvt skrevet sætning om møbler")
    qtbot.waitUntil(lambda: services.capture.load_draft(meeting.id) == "Halvt skrevet sætning om møbler",
                    timeout=1000)
    cw.close()
    again = _open(qtbot, services, meeting.id)
    assert again.line.text() == "Halvt skrevet sætning om møbler"
    qtbot.keyClick(again.line, Qt.Key.Key_Return)
    assert services.capture.load_draft(meeting.id) == ""


def test_the_entry_model_is_a_correct_qt_model(cw, services, meeting, qtbot, qtmodeltester):
    qtbot.keyClick(cw.line, Qt.Key.Key_F5)
    for text in ("Første", "Anden"):
        enter(qtbot, cw, text)
    services.capture.add_entry(meeting.id, "Udenfor dagsordenen", agenda_item_id=None)
    cw.reload()
    qtmodeltester.check(cw.model)
    qtbot.keyClick(cw.line, Qt.Key.Key_PageDown, CTRL)
    enter(qtbot, cw, "Tredje")
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)
    qtbot.keyClick(cw.line, Qt.Key.Key_Delete)
    qtmodeltester.check(cw.model)
    assert not cw.tree.isRowHidden(0, cw.model.index(0, 0).parent())  # "outside the agenda" has an entry


def test_full_screen_toggles_with_f11(cw, qtbot):
    qtbot.keyClick(cw.line, Qt.Key.Key_F11)
    assert cw.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.keyClick(cw.line, Qt.Key.Key_F11)
    assert not cw.windowState() & Qt.WindowState.WindowFullScreen


# -- each window its own undo; changes made elsewhere follow (issue 7) ----------------------------------


def _other_window(qtbot, services, bus) -> Operations:
    """Another window of the same database: its own history, the capture window's bus."""
    holder = QWidget()
    qtbot.addWidget(holder)
    return Operations(window=holder, records=services.records, bus=bus)


def _open_on(qtbot, services, meeting_id, bus) -> CaptureWindow:
    window = CaptureWindow(services=services, meeting_id=meeting_id, bus=bus)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_ctrl_z_in_a_fresh_capture_window_leaves_another_windows_edit(qtbot, services, meeting):
    bus = ChangeBus()
    main = _other_window(qtbot, services, bus)
    main.run("Edit meeting", lambda: services.records.update(Meeting, meeting.id, end_time=dt.time(15, 0)))
    cw = _open_on(qtbot, services, meeting.id, bus)
    assert cw.undo_action.text() == "Undo"
    qtbot.keyClick(cw.line, Qt.Key.Key_Z, CTRL)  # nothing was done here
    assert services.records.get(Meeting, meeting.id).end_time == dt.time(15, 0)
    assert cw.statusBar().currentMessage() == "Nothing to undo in this window."
    assert main.history.stack.canUndo()  # still the other window's to undo
    main.undo()
    assert services.records.get(Meeting, meeting.id).end_time == dt.time(12, 0)
    assert cw.ctx.meeting.end_time == dt.time(12, 0)  # capture followed the other window's undo


def test_ctrl_z_in_capture_opened_from_the_main_window_leaves_the_main_windows_edit(window, services, qtbot):
    window.open_demo()
    orgs = {o.short_name: o for o in services.records.list(Organisation, programme_id=window.programme_id)}
    meeting = next(m for m in services.planning.meetings(window.programme_id) if m.organisation_id == orgs["NK"].id)
    window.select_key(("meeting", meeting.id))
    view = window.views["meeting"]
    item = view.agenda_model.rows[2]
    view.agenda_model.setData(view.agenda_model.index(2, 3), 100)  # an edit in the main window
    assert services.records.get(AgendaItem, item.id).duration_min == 100
    window.open_capture(meeting.id)
    capture = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CaptureWindow) and w.isVisible())
    capture.activateWindow()
    qtbot.waitUntil(capture.isActiveWindow)
    qtbot.keyClick(capture.line, Qt.Key.Key_Z, CTRL)
    assert services.records.get(AgendaItem, item.id).duration_min == 100  # the main window's edit stays
    capture.close()
    window.activateWindow()
    window.undo_action.trigger()  # the main window still undoes it
    assert services.records.get(AgendaItem, item.id).duration_min != 100


def test_undo_in_capture_undoes_only_its_own_entry(qtbot, services, programme, meeting):
    bus = ChangeBus()
    main = _other_window(qtbot, services, bus)
    other = _open_on(qtbot, services, _org_meeting(services, programme, "RS").id, bus)
    enter(qtbot, other, "Regionens idé")
    cw = _open_on(qtbot, services, meeting.id, bus)
    enter(qtbot, cw, "Møbelbank")
    main.run("Edit meeting", lambda: services.records.update(Meeting, meeting.id, end_time=dt.time(15, 0)))
    assert cw.undo_action.text() == "Undo Add idea"
    qtbot.keyClick(cw.line, Qt.Key.Key_Z, CTRL)
    assert stored(services, meeting.id) == [] and shown(cw) == []
    assert cw.statusBar().currentMessage() == "Undone: Add idea"
    assert services.records.get(Meeting, meeting.id).end_time == dt.time(15, 0)  # the other window's edit
    assert [e.text for e in stored(services, other.meeting_id)] == ["Regionens idé"]  # the other capture's
    qtbot.keyClick(cw.line, Qt.Key.Key_Z, CTRL)
    assert cw.statusBar().currentMessage() == "Nothing to undo in this window."
    assert services.records.get(Meeting, meeting.id).end_time == dt.time(15, 0)
    assert cw.redo_action.text() == "Redo Add idea"
    cw.redo_action.trigger()
    entry = stored(services, meeting.id)[0]
    assert shown(cw) == ["Møbelbank"] and cw.selected_entry_id() == entry.id  # redrawn, and selected
    assert cw.statusBar().currentMessage() == "Redone: Add idea"


def test_changes_made_elsewhere_show_in_capture(qtbot, services, meeting):
    bus = ChangeBus()
    main = _other_window(qtbot, services, bus)
    cw = _open_on(qtbot, services, meeting.id, bus)
    enter(qtbot, cw, "Elbiler @søren")
    agenda = services.records.list(AgendaItem, meeting_id=meeting.id)
    soren = next(p for p in services.records.list(Person) if p.name == "Søren Prøve")
    karen = next(p for p in services.records.list(Person) if p.name == "Karen Eksempel")
    main.run("Rename", lambda: services.records.update(AgendaItem, agenda[1].id, title="Indkøbspolitik og mål"))
    main.run("Rename", lambda: services.records.update(Person, soren.id, name="Søren Andersen"))
    main.run("Tick", lambda: services.planning.set_attendance(meeting.id, karen.id, attended=True))
    assert "Indkøbspolitik og mål" in cw.model.index(cw.model.group_row(agenda[1].id), 0).data()
    entry = stored(services, meeting.id)[0]
    assert cw.model.index_of(entry.id, EntryModel.OWNER).data() == "Søren Andersen"
    assert cw.attendance_panel.person_item(karen.id).checkState() == Qt.CheckState.Checked
    assert cw.history.stack.count() == 1  # only its own entry to undo


# -- the required role: invited, and once held, ticked as attended --------------------------------------


def test_the_required_role_checks_in_the_panel_the_summary_and_the_minutes(cw, services, meeting, qtbot):
    from io import BytesIO

    from pypdf import PdfReader

    from verkstad.i18n import translator

    panel = cw.attendance_panel
    karen = next(p for p in services.records.list(Person) if p.name == "Karen Eksempel")
    assert panel.warning.isHidden()  # the chief is invited; the meeting is not held yet
    main = _other_window(qtbot, services, cw.bus)
    main.run("Uninvite", lambda: services.planning.set_attendance(meeting.id, karen.id, invited=False))
    assert not panel.warning.isHidden() and panel.warning.text() == "⚠ No purchasing chief has been invited."
    main.undo()
    assert panel.warning.isHidden()
    qtbot.keyClick(cw.line, Qt.Key.Key_F5)  # held now: who came counts
    assert panel.warning.text() == "⚠ The purchasing chief has not been ticked as attended."
    view = services.capture.attendance(meeting.id)
    assert (view.not_invited, view.not_attended) == ([], ["purchasing_chief"])
    enter(qtbot, cw, "Møbelbank")
    qtbot.keyClick(cw.line, Qt.Key.Key_E, CTRL | SHIFT)
    note = cw.summary_view.attendance_note
    assert not note.isHidden() and note.text() == "⚠ The purchasing chief did not attend."
    assert services.capture.summary(meeting.id).missing_roles == ["purchasing_chief"]

    def pdf_text(language):
        pdf = services.documents.render("minutes", meeting_id=meeting.id, language=language)
        return " ".join((page.extract_text() or "") for page in PdfReader(BytesIO(pdf)).pages)

    assert "The purchasing chief did not attend." in pdf_text("en")
    danish = translator("da").gettext("The purchasing chief did not attend.")
    assert danish in pdf_text(None)  # the meeting's language (Danish)
    # ticked as attended: every check is quiet
    qtbot.keyClick(cw.summary_view.back_button, Qt.Key.Key_Escape)
    panel.person_item(karen.id).setCheckState(Qt.CheckState.Checked)
    assert panel.warning.isHidden()
    assert services.capture.summary(meeting.id).missing_roles == []
    assert "did not attend" not in pdf_text("en")


# -- promotion carries what was said about the idea ---------------------------------------------------


def test_promotion_carries_owner_impact_theme_and_due_date(cw, services, programme, meeting, qtbot):
    enter(qtbot, cw, "Elbiler i hjemmeplejen #transport @karen")
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)
    enter(qtbot, cw, "1.4.27")  # a line of only a date: the selected idea's due date
    qtbot.keyClick(cw.line, Qt.Key.Key_I, CTRL)
    qtbot.keyClick(cw.line, Qt.Key.Key_I, CTRL)  # medium
    qtbot.keyClick(cw.line, Qt.Key.Key_P, CTRL)
    entry = stored(services, meeting.id)[0]
    karen = next(p for p in services.records.list(Person) if p.name == "Karen Eksempel")
    activity = services.records.get(Activity, entry.activity_id)
    assert entry.owner_id == karen.id and activity.responsible_person_id == karen.id
    assert (activity.impact, activity.theme_id, activity.deadline) == ("medium", entry.theme_ids[0],
                                                                       dt.date(2027, 4, 1))
    assert activity.description == ""
    # an owner typed without a match stays as a line of the description, in the plan's language
    enter(qtbot, cw, "Møbelbank @mette")
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)
    qtbot.keyClick(cw.line, Qt.Key.Key_P, CTRL)
    from verkstad.i18n import translator

    mette = next(e for e in stored(services, meeting.id) if e.text == "Møbelbank")
    activity = services.records.get(Activity, mette.activity_id)
    assert activity.responsible_person_id is None
    assert activity.description == translator("da").gettext("Owner named in the meeting: {name}").format(
        name="mette")


def test_a_shared_meetings_owner_from_another_organisation_is_not_made_responsible(qtbot, services, programme):
    shared = next(m for m in services.records.list(Meeting, programme_id=programme.id) if m.organisation_id is None)
    window = _open(qtbot, services, shared.id)
    enter(qtbot, window, "Fælles indkøb af elbiler @aino")
    enter(qtbot, window, "Fælles møbelbank @maja")
    aino, maja = stored(services, shared.id)
    region = next(o for o in services.records.list(Organisation, programme_id=programme.id) if o.short_name == "RS")
    for entry in (aino, maja):
        window.select_entry(entry.id)
        qtbot.keyClick(window.line, Qt.Key.Key_P, CTRL)
        qtbot.keyClick(window.line, Qt.Key.Key_2, ALT)  # Region Sydby
    first = services.records.get(Activity, services.records.get(Entry, aino.id).activity_id)
    second = services.records.get(Activity, services.records.get(Entry, maja.id).activity_id)
    assert first.organisation_id == region.id and first.responsible_person_id is None  # Aino is Finnish
    assert "Aino Esimerkki" in first.description
    assert second.responsible_person_id == maja.owner_id  # the partner's: the advisory team


def test_ctrl_g_marks_the_selected_entry_as_a_good_example_and_back(cw, services, meeting, qtbot):
    enter(qtbot, cw, "Kantinen halverede madspildet")
    qtbot.keyClick(cw.line, Qt.Key.Key_Up)
    selected = cw.selected_entry_id()
    qtbot.keyClick(cw.line, Qt.Key.Key_G, CTRL)
    assert services.records.get(Entry, selected).good_example
    assert "good example" in cw.statusBar().currentMessage()
    assert "★" in cw.model.data(cw.model.index_of(selected, EntryModel.ACTIVITY))
    qtbot.keyClick(cw.line, Qt.Key.Key_G, CTRL)
    assert not services.records.get(Entry, selected).good_example


def test_ctrl_u_records_an_entry_under_a_follow_up_item_as_progress_on_its_activity(qtbot, services, programme):
    org = next(o for o in services.records.list(Organisation, programme_id=programme.id) if o.short_name == "NK")
    late = services.activities.add(org.id, "Sent udbud", status="ongoing", deadline=dt.date(2020, 1, 5)).record
    meeting_id = services.follow_ups.plan_follow_up_meeting(org.id)[0].id
    window = _open(qtbot, services, meeting_id)
    items = services.records.list(AgendaItem, meeting_id=meeting_id)
    item = next(i for i in items if i.activity_id == late.id)
    entry = services.capture.add_entry(meeting_id, "Halvdelen er klar, 50 %", EntryKind.NOTE,
                                       agenda_item_id=item.id)[0].record  # typed on another laptop, merged
    window.reload()
    assert window.select_entry(entry.id)
    qtbot.keyClick(window.line, Qt.Key.Key_U, CTRL)
    (update,) = services.follow_ups.updates(late.id)
    assert update.share_done == 50 and update.note == "Halvdelen er klar, 50 %"
    assert "progress update" in window.statusBar().currentMessage()
