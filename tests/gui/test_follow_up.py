"""The follow-up as a facilitator uses it: a progress update recorded from the activity plan with
the keyboard (Ctrl+R), the status it gives the activity, where the activity stands told under
its description, one undo taking back both, a future date refused with the dialog left open,
and the programme's reminders, which open what they are about and are counted in the title."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import type_text
from verkstad.domain.model import Organisation


def _plan(window, services, short: str = "NK"):
    org = services.documents.find_organisation(short)
    window.select_key(("plan", org.id))
    view = window.views[f"plan:{org.id}"]
    return org, view


def test_a_progress_update_from_the_keyboard_gives_the_status_and_undo_takes_both_back(demo_window, services, qtbot):
    org, view = _plan(demo_window, services)
    activity = next(a for a in services.activities.list(org.id) if a.status != "done")
    view.select(activity.id)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.date.date() == dt.date.today() and dialog.status() == activity.status
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.date, timeout=2000)  # type over the date
    dialog.status_box.setCurrentIndex(dialog.status_box.findData("done"))
    dialog.share.setValue(100)
    dialog.reporter_box.setCurrentIndex(1)
    type_text(qtbot, dialog.text, "Alle udbud har nu grønne krav")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible()
    (update,) = services.follow_ups.updates(activity.id)
    assert (update.status, update.share_done, update.note) == ("done", 100, "Alle udbud har nu grønne krav")
    assert update.reported_by_id == dialog.reporter_box.itemData(1)
    assert services.activities.get(activity.id).status == "done"
    assert view.selected_id() == activity.id
    text = view.follow_label.text()
    assert text.startswith("Follow-up: Done") and "Alle udbud har nu grønne krav" in text and "100%" in text
    assert demo_window.ops.history.stack.undoText() == f"progress update: {activity.title}"
    demo_window.ops.undo()
    assert services.follow_ups.updates(activity.id) == []
    assert services.activities.get(activity.id).status == activity.status
    assert "no progress reported yet" in view.follow_label.text() or "Follow-up:" in view.follow_label.text()


def test_a_future_date_is_refused_and_the_dialog_stays_open_with_what_was_typed(demo_window, services, qtbot):
    org, view = _plan(demo_window, services)
    activity = services.activities.list(org.id)[0]
    view.select(activity.id)
    dialog = view.ask_progress()
    assert dialog is not None
    dialog.date.setDate(dt.date.today() + dt.timedelta(days=3))
    type_text(qtbot, dialog.text, "Næste uge")
    dialog.accept()
    assert dialog.isVisible() and "today's date or an earlier one" in dialog.refusal.text()
    assert dialog.text.toPlainText() == "Næste uge"
    assert services.follow_ups.updates(activity.id) == []
    dialog.reject()


def test_reminders_show_on_the_programme_view_open_the_activity_and_count_in_the_title(demo_window, services, qtbot):
    org = services.documents.find_organisation("NK")
    late = services.activities.add(org.id, "Forsinket indkøbsanalyse", status="ongoing",
                                   deadline=dt.date.today() - dt.timedelta(days=5)).record
    programme_id = services.records.get(Organisation, org.id).programme_id
    demo_window.select_key(("programme", programme_id))
    view = demo_window.views["programme"]
    view.refresh()
    panel = view.reminders
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any("Forsinket indkøbsanalyse (" in t and "is late" in t for t in texts), texts
    count = len(services.follow_ups.reminders(programme_id))
    assert panel.heading.text() == (f"Follow-up this week: {count} things need you" if count > 1
                                    else "Follow-up this week: 1 thing needs you")
    qtbot.waitUntil(lambda: f"({count} to follow up)" in demo_window.windowTitle(), timeout=3000)
    row = next(i for i, t in enumerate(texts) if "Forsinket indkøbsanalyse" in t)
    panel.list.setCurrentRow(row)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    plan = demo_window.views[f"plan:{org.id}"]
    assert demo_window.view_stack.currentWidget() is plan and plan.selected_id() == late.id


def test_the_progress_reports_open_from_the_plan_and_the_programme_view(demo_window, services, qtbot):
    from verkstad.ui.preview import PreviewDialog

    org, view = _plan(demo_window, services)
    view.report_pdf_button.click()
    (dialog,) = view.findChildren(PreviewDialog)
    qtbot.waitUntil(lambda: dialog.ready, timeout=20000)  # made and drawn in a worker
    assert dialog.windowTitle() == f"Preview: Progress report: {org.name}" and dialog.pages >= 1
    dialog.close()
    programme_id = services.records.get(Organisation, org.id).programme_id
    demo_window.select_key(("programme", programme_id))
    programme_view = demo_window.views["programme"]
    programme_view.reminders.report_button.click()
    (whole,) = programme_view.findChildren(PreviewDialog)
    qtbot.waitUntil(lambda: whole.ready, timeout=20000)
    assert whole.windowTitle().startswith("Preview: Progress report: ") and whole.pages >= 2
    whole.close()


def test_the_overview_opens_the_view_behind_each_cell(demo_window, services, qtbot):
    org = services.documents.find_organisation("NK")
    programme_id = services.records.get(Organisation, org.id).programme_id
    demo_window.select_key(("programme", programme_id))
    view = demo_window.views["programme"]
    assert view.tabs.currentIndex() == 0  # the overview is what the programme opens at
    table = view.overview
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Nordhavn Kommune" in names and "Standardhuset" not in names  # partners have no row
    row = names.index("Nordhavn Kommune")
    for column, kind in (("agreement", "agreement"), ("activities", "plan"), ("kickoff", "meeting")):
        table.setCurrentCell(row, table.COLUMNS.index(column))
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Return)
        assert demo_window.nav.key(demo_window.nav.currentItem())[0] == kind, column
        demo_window.select_key(("programme", programme_id))
    assert table.item(row, table.COLUMNS.index("agreement")).text().startswith("Version 2 approved on ")


def test_the_room_kit_menu_opens_each_sheet_of_the_meeting(demo_window, services, qtbot):
    from verkstad.domain.model import Meeting
    from verkstad.ui.preview import PreviewDialog

    org = services.documents.find_organisation("NK")
    meeting = services.records.list(Meeting, organisation_id=org.id)[0]
    demo_window.select_key(("meeting", meeting.id))
    view = demo_window.views["meeting"]
    menu = view.room_kit_button.menu()
    assert [a.text().replace("&", "") for a in menu.actions()] == [
        "Sign-in sheet (PDF)…", "Dot-voting sheet (PDF)…", "Agenda poster, A3 (PDF)…", "Evaluation sheets (PDF)…"]
    for action, title in zip(menu.actions(), ("Sign-in sheet", "Dot voting", "Agenda poster", "Evaluation sheets"),
                             strict=True):
        action.trigger()
        dialog = demo_window.findChildren(PreviewDialog)[-1]
        qtbot.waitUntil(lambda d=dialog: d.ready, timeout=20000)
        assert dialog.windowTitle().startswith(f"Preview: {title}: ") and dialog.pages == 1
        dialog.close()
        QApplication.processEvents()


def test_good_examples_are_written_in_their_view_and_print_as_a_case_story(demo_window, services, qtbot):
    from verkstad.domain.model import CaseStory
    from verkstad.ui.preview import PreviewDialog

    demo_window.select_key(("stories", None))
    view = demo_window.views["stories"]
    assert demo_window.view_stack.currentWidget() is view
    before = len(services.records.list(CaseStory))
    view.stories.add_button.click()
    stories = services.records.list(CaseStory)
    assert len(stories) == before + 1
    new = next(s for s in stories if s.title == "New case story")
    assert view.stories.selected().id == new.id and view.pdf_button.isEnabled()
    view.pdf_button.click()
    dialog = view.findChildren(PreviewDialog)[-1]
    qtbot.waitUntil(lambda: dialog.ready, timeout=20000)
    assert dialog.windowTitle() == "Preview: Case story: New case story" and dialog.pages == 1
    dialog.close()
    demo_window.ops.undo()
    assert len(services.records.list(CaseStory)) == before
    view.tabs.setCurrentIndex(1)
    count = view.communication.model.rowCount()
    view.communication.add_button.click()
    assert view.communication.model.rowCount() == count + 1


def test_a_meeting_series_is_planned_from_the_phases_view_and_undone_in_one_step(demo_window, services, qtbot):
    import datetime as dt

    from verkstad.domain.model import Meeting

    demo_window.select_key(("phases", None))
    view = demo_window.views["phases"]
    before = len(services.records.list(Meeting))
    dialog = view.ask_series()
    assert dialog is not None
    dialog.title.setText("Delgruppe cirkulær økonomi")
    dialog.first.setDate(dt.date(2027, 9, 1))
    dialog.repeat.setCurrentIndex(dialog.repeat.findData("weeks"))
    dialog.weeks.setValue(4)
    dialog.count.setValue(3)
    dialog.accept()
    assert not dialog.isVisible()
    made = sorted((m.date, m.title) for m in services.records.list(Meeting) if m.title.startswith("Delgruppe"))
    assert made == [(dt.date(2027, 9, 1), "Delgruppe cirkulær økonomi 1"), (dt.date(2027, 9, 29),
                    "Delgruppe cirkulær økonomi 2"), (dt.date(2027, 10, 27), "Delgruppe cirkulær økonomi 3")]
    assert demo_window.nav.key(demo_window.nav.currentItem())[0] == "meeting"  # the first one is shown
    demo_window.ops.undo()
    assert len(services.records.list(Meeting)) == before
    dialog = view.ask_series()
    dialog.count.setValue(2)
    dialog.title.setText("  ")
    dialog.accept()
    assert dialog.isVisible() and "needs a title" in dialog.refusal.text()
    dialog.reject()


def test_a_follow_up_meeting_is_planned_from_the_plan_and_shown(demo_window, services, qtbot):
    from verkstad.domain.model import AgendaItem, Meeting

    org, view = _plan(demo_window, services)
    before = {m.id for m in services.records.list(Meeting, organisation_id=org.id)}
    view.follow_meeting_button.click()
    (new,) = [m for m in services.records.list(Meeting, organisation_id=org.id) if m.id not in before]
    assert demo_window.nav.key(demo_window.nav.currentItem()) == ("meeting", new.id)
    assert len(services.records.list(AgendaItem, meeting_id=new.id)) >= 2
    demo_window.ops.undo()
    assert {m.id for m in services.records.list(Meeting, organisation_id=org.id)} == before


def test_a_task_captured_elsewhere_reaches_the_overview_once_the_burst_is_over(demo_window, services, qtbot):
    import datetime as dt

    from verkstad.domain.model import Entry, EntryKind, Meeting

    org = services.documents.find_organisation("NK")
    programme_id = services.records.get(Organisation, org.id).programme_id
    demo_window.select_key(("programme", programme_id))
    panel = demo_window.views["programme"].reminders
    meeting = services.records.list(Meeting, organisation_id=org.id)[0]
    task = Entry(meeting_id=meeting.id, kind=EntryKind.TASK, text="Ring til leverandøren", owner_name="Søren",
                 due_date=dt.date.today() + dt.timedelta(days=2))
    demo_window.ops.run("new entry", lambda: services.records.add(task))  # as capture stores one
    texts = lambda: [panel.list.item(i).text() for i in range(panel.list.count())]  # noqa: E731
    qtbot.waitUntil(lambda: any("Ring til leverandøren" in t for t in texts()), timeout=3000)
    qtbot.waitUntil(lambda: "to follow up" in demo_window.windowTitle(), timeout=3000)
