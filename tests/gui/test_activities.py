"""The activity plan editor as a facilitator uses it: edit in place, totals, late marked,
reorder, add and delete, sort by a column, undo through the window's operations, the person
picker, redraws from the change bus, and the plan PDF preview."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from tests.gui.conftest import dispose
from verkstad.domain.model import Activity, Person
from verkstad.ui.activities import COLUMN, ActivityPlanView
from verkstad.ui.operations import ChangeBus, Operations


@pytest.fixture
def bus():
    return ChangeBus()


def make_ops(qtbot, services, bus) -> Operations:
    host = QWidget()
    qtbot.addWidget(host)
    return Operations(window=host, records=services.records, bus=bus)


@pytest.fixture
def ops(qtbot, services, bus):
    return make_ops(qtbot, services, bus)


@pytest.fixture
def view(qtbot, services, demo, ops):
    org = services.documents.find_organisation("NK")
    v = ActivityPlanView(services=services, organisation_id=org.id, ops=ops)
    qtbot.addWidget(v)
    v.show()
    yield v
    dispose(v)  # before the database closes: leaving the description editor stores it


def cell(view, row: int, key: str):
    return view.proxy.index(row, COLUMN[key])


def ids_of(services, view) -> list[str]:
    return [a.id for a in services.activities.list(view.organisation_id)]


def test_shows_the_plan_with_totals(view, services):
    activities = services.activities.list(view.organisation_id)
    assert view.proxy.rowCount() == len(activities)
    assert cell(view, 0, "title").data() == activities[0].title
    team, own = services.activities.totals(view.organisation_id)
    assert f"{team:g}" in view.totals.text() and f"{own:g}" in view.totals.text()


def test_editing_hours_stores_them_updates_totals_and_undo_restores(view, services, ops):
    first = services.activities.list(view.organisation_id)[0]
    team_before, _own = services.activities.totals(view.organisation_id)
    assert view.proxy.setData(cell(view, 0, "team_hours"), first.team_hours + 10.5)
    assert services.activities.get(first.id).team_hours == first.team_hours + 10.5
    assert f"{team_before + 10.5:g}" in view.totals.text()
    assert ops.history.stack.undoText() == f"change of team hours: {first.title}"
    assert ops.undo()
    assert services.activities.get(first.id).team_hours == first.team_hours
    assert f"{team_before:g}" in view.totals.text()
    assert ops.last_status == f"Undone: change of team hours: {first.title}"
    assert ops.redo()
    assert services.activities.get(first.id).team_hours == first.team_hours + 10.5
    assert f"{team_before + 10.5:g}" in view.totals.text()


def test_an_empty_title_is_refused_by_the_service_and_the_banner_says_why(view, services, ops):
    first = services.activities.list(view.organisation_id)[0]
    assert not view.proxy.setData(cell(view, 0, "title"), "   ")
    assert services.activities.get(first.id).title == first.title
    assert "title" in ops.last_error
    assert not ops.history.stack.canUndo()


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


def test_move_add_delete_and_undo(view, services, ops):
    ids = ids_of(services, view)
    view.select(ids[0])
    view.move_selected(1)
    assert ids_of(services, view)[:2] == [ids[1], ids[0]]
    assert view.row_ids()[:2] == [ids[1], ids[0]]
    assert view.selected_id() == ids[0]  # the moved activity stays selected
    ops.undo()
    assert ids_of(services, view) == ids
    assert view.row_ids() == ids
    view.add_activity()
    assert len(ids_of(services, view)) == len(ids) + 1
    assert view.proxy.rowCount() == len(ids) + 1
    view.table.setFocus()
    view.select(ids[-1])
    view.delete_selected()
    assert ids[-1] not in ids_of(services, view)
    assert ids[-1] not in view.row_ids()
    ops.undo()
    assert ids[-1] in ids_of(services, view) and ids[-1] in view.row_ids()
    assert view.selected_id() == ids[-1]  # undo selects the activity it brought back


def test_adding_an_activity_while_another_is_selected_gives_it_no_description(view, services):
    """Bug: the new row took the selected activity's description, and stored it."""
    described = next(a for a in services.activities.list(view.organisation_id) if a.description)
    view.select(described.id)
    assert view.description.toPlainText() == described.description
    view.add_activity()
    new = services.activities.list(view.organisation_id)[-1]
    assert new.id != described.id and view.selected_id() == new.id
    assert new.description == ""
    assert view.description.toPlainText() == ""
    assert services.activities.get(described.id).description == described.description


def test_selecting_another_row_stores_the_description_and_keeps_the_new_row_selected(view, services):
    """Bug: storing the description typed for one row selected that row again, while the
    editor showed the row clicked."""
    first, second = services.activities.list(view.organisation_id)[:2]
    view.select(first.id)
    view.description.setPlainText("Ændret beskrivelse – æøå")
    view.select(second.id)
    assert services.activities.get(first.id).description == "Ændret beskrivelse – æøå"
    assert services.activities.get(second.id).description == second.description
    assert view.selected_id() == second.id
    assert view.description.toPlainText() == second.description


def test_undo_selects_the_activity_it_changed(view, services, ops):
    ids = ids_of(services, view)
    view.proxy.setData(cell(view, 2, "org_hours"), 99.0)
    view.select(ids[0])
    ops.undo()
    assert view.selected_id() == ids[2]
    view.select(ids[0])
    ops.redo()
    assert view.selected_id() == ids[2]
    assert services.activities.get(ids[2]).org_hours == 99.0


def test_the_person_picker_lists_the_organisations_people_and_the_advisory_team(view, services):
    """Bug: one organisation's activity offered the people of every organisation."""
    index = cell(view, 0, "responsible_person_id")
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    combo = view.table.viewport().findChild(QComboBox)
    assert combo is not None
    names = {combo.itemText(i) for i in range(combo.count())}
    assert {"Karen Eksempel", "Søren Prøve", "Mette Demo"} <= names  # Nordhavn Kommune's people
    assert {"Maja Fiktiv Holm", "Jonas Opdigtet Berg", "Ida Påhitt Lund"} <= names  # the team (partners)
    assert not names & {"Anders Test", "Lise Fiktion", "Aino Esimerkki", "Veikko Kuvitteellinen"}
    view.table.closePersistentEditor(index)


def test_a_person_of_another_organisation_is_refused_with_the_reason_in_the_banner(view, services, ops):
    first = services.activities.list(view.organisation_id)[0]
    other = next(p for p in services.records.list(Person, programme_id=first.programme_id)
                 if p.name == "Anders Test")
    assert not view.proxy.setData(cell(view, 0, "responsible_person_id"), other.id)
    assert services.activities.get(first.id).responsible_person_id == first.responsible_person_id
    assert "Anders Test" in ops.last_error


def test_an_edit_in_another_window_redraws_the_view(view, services, qtbot, bus):
    other_window = make_ops(qtbot, services, bus)  # the same database, the same bus
    first = services.activities.list(view.organisation_id)[0]
    other_window.run("rename", lambda: services.activities.update(first.id, title="Omdøbt i et andet vindue"))
    assert cell(view, 0, "title").data() == "Omdøbt i et andet vindue"
    assert not view.ops.history.stack.canUndo()  # the step belongs to the other window
    other_window.undo()
    assert cell(view, 0, "title").data() == first.title


def test_a_hidden_view_redraws_when_shown_again(view, services, ops):
    first = services.activities.list(view.organisation_id)[0]
    view.hide()
    ops.run("rename", lambda: services.activities.update(first.id, title="Mens den var skjult"))
    assert cell(view, 0, "title").data() == first.title  # not read while hidden
    view.show()
    assert cell(view, 0, "title").data() == "Mens den var skjult"


def test_changes_to_another_organisations_plan_do_not_redraw_it(view, services, ops, monkeypatch):
    other = services.documents.find_organisation("RS")
    redraws = []
    monkeypatch.setattr(view, "refresh", lambda: redraws.append(1))
    activity = services.activities.list(other.id)[0]
    ops.run("other plan", lambda: services.activities.update(activity.id, team_hours=77))
    assert redraws == []
    own = services.activities.list(view.organisation_id)[0]
    ops.run("own plan", lambda: services.activities.update(own.id, team_hours=77))
    assert redraws == [1]


def test_sorting_by_a_column_and_back_to_the_plans_order(view, services):
    view.table.sortByColumn(COLUMN["team_hours"], Qt.SortOrder.DescendingOrder)
    hours = [services.activities.get(i).team_hours for i in view.row_ids()]
    assert hours == sorted(hours, reverse=True)
    view.table.sortByColumn(COLUMN["position"], Qt.SortOrder.AscendingOrder)
    assert view.row_ids() == ids_of(services, view)


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
    dialogs = list(view.findChildren(PreviewDialog))
    assert dialogs
    qtbot.waitUntil(lambda: dialogs[0].ready, timeout=20000)  # made and drawn in a worker
    assert dialogs[0].pages >= 1
    dialogs[0].close()


def test_switching_the_interface_language_retranslates_the_view(view, qapp):
    from PySide6.QtCore import QCoreApplication, QEvent

    from verkstad.i18n import set_language, translator

    set_language("da")
    QCoreApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.add_button.text() == translator("da").gettext("Add activity")
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == translator("da").gettext("Activity")
