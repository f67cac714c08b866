"""Good examples and an activity's details as a facilitator uses them: a pilot project's goal and
result and the good-example mark set in the plan's dialog (Ctrl+D) as one undo step, a task
linked and ticked done there, the marked good examples listed in the Good examples view and a
case story written from one, and a story's photo chosen from a file."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt

from tests.gui.conftest import type_text
from verkstad.domain.model import Activity, CaseStory, Entry, EntryKind, Meeting


def _plan(window, services, short: str = "NK"):
    org = services.documents.find_organisation(short)
    window.select_key(("plan", org.id))
    return org, window.views[f"plan:{org.id}"]


def test_a_pilot_project_and_a_good_example_are_set_in_the_details_dialog_and_undone_at_once(
        demo_window, services, qtbot):
    org, view = _plan(demo_window, services)
    activity = services.activities.list(org.id)[0]
    view.select(activity.id)
    qtbot.keyClick(view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("pilot"))
    type_text(qtbot, dialog.goal, "Halvdelen genbrugt")
    type_text(qtbot, dialog.result_text, "40 % genbrugt")
    dialog.good.setChecked(True)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    got = services.records.get(Activity, activity.id)
    assert (got.kind, got.goal, got.result, got.good_example) == ("pilot", "Halvdelen genbrugt", "40 % genbrugt", True)
    assert "Pilot project." in view.sources_label.text() and "Marked as a good example." in view.sources_label.text()
    demo_window.ops.undo()
    got = services.records.get(Activity, activity.id)
    assert (got.kind, got.goal, got.good_example) == ("activity", "", False)


def test_a_task_is_linked_and_ticked_done_in_the_details_dialog(demo_window, services, qtbot):
    org, view = _plan(demo_window, services)
    activity = services.activities.list(org.id)[0]
    meeting = services.records.list(Meeting, organisation_id=org.id)[0]
    task = services.records.add(Entry(meeting_id=meeting.id, kind=EntryKind.TASK, text="Tjek lageret")).record
    view.select(activity.id)
    dialog = view.ask_details()
    dialog.link_box.setCurrentIndex(dialog.link_box.findData(task.id))
    dialog.link_button.click()
    assert services.records.get(Entry, task.id).activity_id == activity.id
    item = next(dialog.tasks.item(i) for i in range(dialog.tasks.count())
                if dialog.tasks.item(i).data(Qt.ItemDataRole.UserRole) == task.id)
    item.setCheckState(Qt.CheckState.Checked)
    assert services.records.get(Entry, task.id).done
    demo_window.ops.undo()
    assert not services.records.get(Entry, task.id).done
    dialog.reject()


def test_a_case_story_is_written_from_a_marked_good_example_and_gets_a_photo(demo_window, services, qtbot, tmp_path):
    org, _view = _plan(demo_window, services)
    activity = services.activities.list(org.id)[1]
    services.activities.update(activity.id, good_example=True)
    demo_window.select_key(("stories", None))
    view = demo_window.views["stories"]
    view.tabs.setCurrentIndex(2)
    texts = [view.marked.item(i).text() for i in range(view.marked.count())]
    row = next(i for i, t in enumerate(texts) if activity.title in t)
    view.marked.setCurrentRow(row)
    before = len(services.records.list(CaseStory))
    view.story_button.click()
    stories = services.records.list(CaseStory)
    assert len(stories) == before + 1 and view.tabs.currentIndex() == 0
    new = next(s for s in stories if s.activity_id == activity.id and s.title == activity.title)
    assert view.stories.selected().id == new.id
    photo = tmp_path / "foto.png"
    Image.new("RGB", (90, 60), (200, 120, 40)).save(photo, "PNG")
    assert view.photo_row.choose(photo)
    assert services.records.get(CaseStory, new.id).photo
    assert not view.photo_row.preview.pixmap().isNull()
    bad = tmp_path / "ikke.png"
    bad.write_bytes(b"not a picture")
    assert not view.photo_row.choose(bad)
    assert "PNG or JPEG" in demo_window.ops.last_error
