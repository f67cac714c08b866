"""The activity plan editor as a facilitator uses it: edit in place, totals, late marked,
reorder, add and delete, sort by a column, undo, and the plan PDF preview."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QUndoStack

from verkstad.domain.model import Activity
from verkstad.ui.activities import COLUMN, ActivityPlanView


@pytest.fixture
def view(qtbot, services, demo):
    org = services.documents.find_organisation("NK")
    stack = QUndoStack()
    v = ActivityPlanView(services=services, organisation_id=org.id, undo_stack=stack)
    qtbot.addWidget(v)
    v.show()
    v.stack = stack
    yield v
    v.close()  # before the database closes: leaving the description editor stores it


def cell(view, row: int, key: str):
    return view.proxy.index(row, COLUMN[key])


def test_shows_the_plan_with_totals(view, services):
    activities = services.activities.list(view.organisation_id)
    assert view.proxy.rowCount() == len(activities)
    assert cell(view, 0, "title").data() == activities[0].title
    team, own = services.activities.totals(view.organisation_id)
    assert f"{team:g}" in view.totals.text() and f"{own:g}" in view.totals.text()


def test_editing_hours_stores_them_updates_totals_and_undo_restores(view, services):
    first = services.activities.list(view.organisation_id)[0]
    team_before, _own = services.activities.totals(view.organisation_id)
    assert view.proxy.setData(cell(view, 0, "team_hours"), first.team_hours + 10.5)
    assert services.activities.get(first.id).team_hours == first.team_hours + 10.5
    assert f"{team_before + 10.5:g}" in view.totals.text()
    view.stack.undo()
    assert services.activities.get(first.id).team_hours == first.team_hours
    assert f"{team_before:g}" in view.totals.text()
    view.stack.redo()
    assert services.activities.get(first.id).team_hours == first.team_hours + 10.5


def test_an_empty_title_is_refused(view, services):
    first = services.activities.list(view.organisation_id)[0]
    assert not view.proxy.setData(cell(view, 0, "title"), "   ")
    assert services.activities.get(first.id).title == first.title


def test_a_past_deadline_marks_the_activity_late(view, services):
    first = services.activities.list(view.organisation_id)[0]
    view.proxy.setData(cell(view, 0, "status"), "ongoing")
    view.proxy.setData(cell(view, 0, "deadline"), dt.date.today() - dt.timedelta(days=1))
    assert "late" in cell(view, 0, "status").data()
    assert cell(view, 0, "status").data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "late" in view.totals.text()
    view.proxy.setData(cell(view, 0, "status"), "done")
    assert "late" not in cell(view, 0, "status").data()
    assert services.activities.get(first.id).status == "done"


def test_move_add_delete_and_undo(view, services):
    ids = [a.id for a in services.activities.list(view.organisation_id)]
    view.select(ids[0])
    view.move_selected(1)
    assert [a.id for a in services.activities.list(view.organisation_id)][:2] == [ids[1], ids[0]]
    assert view.row_ids()[:2] == [ids[1], ids[0]]
    view.stack.undo()
    assert [a.id for a in services.activities.list(view.organisation_id)] == ids
    view.add_activity()
    assert len(services.activities.list(view.organisation_id)) == len(ids) + 1
    assert view.proxy.rowCount() == len(ids) + 1
    view.table.setFocus()
    view.select(ids[-1])
    view.delete_selected()
    assert ids[-1] not in [a.id for a in services.activities.list(view.organisation_id)]
    view.stack.undo()
    assert ids[-1] in [a.id for a in services.activities.list(view.organisation_id)]


def test_sorting_by_a_column_and_back_to_the_plans_order(view, services):
    view.table.sortByColumn(COLUMN["team_hours"], Qt.SortOrder.DescendingOrder)
    hours = [services.activities.get(i).team_hours for i in view.row_ids()]
    assert hours == sorted(hours, reverse=True)
    view.table.sortByColumn(COLUMN["position"], Qt.SortOrder.AscendingOrder)
    assert view.row_ids() == [a.id for a in services.activities.list(view.organisation_id)]


def test_delete_key_on_a_date_clears_it(view, services, qtbot):
    first = services.activities.list(view.organisation_id)[0]
    assert first.deadline is not None
    view.table.setCurrentIndex(cell(view, 0, "deadline"))
    view.clear_or_delete()
    assert services.activities.get(first.id).deadline is None
    assert services.records.get(Activity, first.id).deleted_at is None  # cleared, not deleted


def test_description_is_saved_when_the_editor_loses_focus(view, services, qtbot):
    first = services.activities.list(view.organisation_id)[0]
    view.select(first.id)
    view.description.setFocus()
    view.description.setPlainText("Ny beskrivelse – med æøå")
    view.table.setFocus()  # leaving the editor stores the text
    view.eventFilter(view.description, QEvent(QEvent.Type.FocusOut))
    assert services.activities.get(first.id).description == "Ny beskrivelse – med æøå"


def test_preview_opens_the_plan_pdf(view, qtbot):
    from verkstad.ui.preview import PreviewDialog

    view.preview()
    dialogs = [w for w in view.findChildren(PreviewDialog)]
    assert dialogs and dialogs[0].pages >= 1
    dialogs[0].close()


def test_switching_the_interface_language_retranslates_the_view(view, qapp):
    from PySide6.QtCore import QCoreApplication, QEvent

    from verkstad.i18n import set_language, translator

    set_language("da")
    QCoreApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.add_button.text() == translator("da").gettext("Add activity")
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == translator("da").gettext("Activity")
