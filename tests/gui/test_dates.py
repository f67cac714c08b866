"""The date, time and hours editors as a facilitator types in them (ui/dates.py): shown in the
interface language, read as typed, refused with a reason, the calendar on F4; and a deadline
typed into an empty cell of the activity plan."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QTableView

from tests.gui.conftest import type_text
from verkstad.datetext import EntryError, parse_date
from verkstad.i18n import set_language, translator
from verkstad.ui.dates import INVALID_BASE, DateEdit, HoursSpinBox, TimeEdit

JUNE_1 = dt.date(2027, 6, 1)
# The calendar is a popup: the offscreen platform can neither raise it nor let it grab the keyboard.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support raise", "does not support grabbing the keyboard")


@pytest.fixture
def date_edit(qtbot):
    field = DateEdit(default=lambda: dt.date(2027, 3, 10))
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    return field


def retype(qtbot, field: QLineEdit, text: str) -> None:
    """Select all in the field and type `text` over it, then leave it (editingFinished)."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def is_marked_invalid(field: QLineEdit) -> bool:
    return field.palette().color(QPalette.ColorRole.Base) == INVALID_BASE


@pytest.mark.parametrize("language, shown", [
    ("en", "01/06/2027"), ("da", "01.06.2027"), ("sv", "2027-06-01"), ("fi", "1.6.2027"), ("nb", "01.06.2027"),
])
def test_a_date_is_shown_in_the_interface_languages_short_format(date_edit, switcher, language, shown):
    switcher.apply(language)
    date_edit.setDate(JUNE_1)
    assert date_edit.text() == shown
    assert date_edit.date() == JUNE_1


def test_a_shown_date_follows_a_language_switch(date_edit, switcher):
    date_edit.setDate(JUNE_1)
    assert date_edit.text() == "01/06/2027"
    switcher.apply("da")  # sends LanguageChange to the top-level widget, the field itself here
    assert date_edit.text() == "01.06.2027"
    assert date_edit.date() == JUNE_1


@pytest.mark.parametrize("typed", ["1.6.27", "01.06.2027", "1/6", "1.6.", "01062027", "010627", "1. juni 2027"])
def test_typed_danish_text_is_read_as_the_date(date_edit, switcher, qtbot, typed):
    switcher.apply("da")
    retype(qtbot, date_edit, typed)
    assert date_edit.date() == JUNE_1
    assert date_edit.is_acceptable() and not is_marked_invalid(date_edit)
    assert date_edit.text() == "01.06.2027"  # once left, shown as every date is (not "1.6.27" as typed)


def test_a_date_without_its_year_is_read_around_the_fields_default(qtbot, switcher):
    switcher.apply("da")
    field = DateEdit(default=lambda: dt.date(2026, 11, 15))  # in November, 1.6. is next June
    qtbot.addWidget(field)
    retype(qtbot, field, "1.6.")
    assert field.date() == JUNE_1
    field = DateEdit(default=lambda: dt.date(2027, 7, 20))  # in July, this June
    qtbot.addWidget(field)
    retype(qtbot, field, "1.12.")
    assert field.date() == dt.date(2027, 12, 1)


def test_us_english_order_is_not_the_interface_order(date_edit, qtbot):
    retype(qtbot, date_edit, "6/1/27")  # English is written day first (en_GB)
    assert date_edit.date() == dt.date(2027, 1, 6)


def test_empty_text_is_no_date(date_edit, qtbot):
    date_edit.setDate(JUNE_1)
    retype(qtbot, date_edit, "")
    assert date_edit.text() == ""
    assert date_edit.date() is None
    assert not is_marked_invalid(date_edit)
    date_edit.setDate(None)
    assert date_edit.text() == "" and date_edit.date() is None


def test_text_that_is_not_a_date_marks_the_field_and_says_why(date_edit, switcher, qtbot):
    switcher.apply("da")
    retype(qtbot, date_edit, "32.13.")
    assert is_marked_invalid(date_edit)
    assert "32.13." in date_edit.toolTip() and "10.03.2027" in date_edit.toolTip()  # an example to type
    assert not date_edit.is_acceptable()
    with pytest.raises(EntryError) as refused:
        date_edit.date()
    assert str(refused.value) == date_edit.toolTip()
    # Typing a date again clears the mark as soon as the text is one.
    date_edit.selectAll()
    type_text(qtbot, date_edit, "1.6.27")
    assert not is_marked_invalid(date_edit)
    assert date_edit.date() == JUNE_1
    assert "32.13." not in date_edit.toolTip()


def test_up_and_down_keys_move_the_date_by_a_day(date_edit, qtbot):
    date_edit.setDate(JUNE_1)
    qtbot.keyClick(date_edit, Qt.Key.Key_Up)
    assert date_edit.date() == dt.date(2027, 6, 2) and date_edit.text() == "02/06/2027"
    qtbot.keyClick(date_edit, Qt.Key.Key_Down)
    qtbot.keyClick(date_edit, Qt.Key.Key_Down)
    assert date_edit.date() == dt.date(2027, 5, 31)


# -- the calendar -----------------------------------------------------------------------------


def open_calendar(qtbot, field: DateEdit):
    qtbot.keyClick(field, Qt.Key.Key_F4)
    calendar = field.calendar()
    assert calendar is not None
    qtbot.waitUntil(calendar.isVisible)
    return calendar


def close_calendar(qtbot, calendar) -> None:
    qtbot.keyClick(calendar.window(), Qt.Key.Key_Escape)
    assert not calendar.isVisible()


@POPUP
def test_f4_opens_the_calendar_at_the_fields_date_in_the_interface_language(date_edit, switcher, qtbot):
    switcher.apply("da")
    date_edit.setDate(JUNE_1)
    calendar = open_calendar(qtbot, date_edit)
    assert calendar.selectedDate() == QDate(2027, 6, 1)
    assert (calendar.yearShown(), calendar.monthShown()) == (2027, 6)
    assert calendar.locale().name().startswith("da")
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    close_calendar(qtbot, calendar)


@POPUP
def test_f4_on_an_empty_field_opens_the_calendar_at_its_default(date_edit, qtbot):
    assert date_edit.date() is None
    calendar = open_calendar(qtbot, date_edit)
    assert calendar.selectedDate() == QDate(2027, 3, 10)
    assert calendar.locale().name().startswith("en")
    close_calendar(qtbot, calendar)


@POPUP
def test_f4_on_text_that_is_not_a_date_opens_at_the_default(date_edit, qtbot):
    retype(qtbot, date_edit, "someday")
    calendar = open_calendar(qtbot, date_edit)
    assert calendar.selectedDate() == QDate(2027, 3, 10)
    close_calendar(qtbot, calendar)


@POPUP
def test_the_calendar_follows_a_language_switch(date_edit, switcher, qtbot):
    close_calendar(qtbot, open_calendar(qtbot, date_edit))
    switcher.apply("fi")
    calendar = open_calendar(qtbot, date_edit)
    assert calendar.locale().name().startswith("fi")
    close_calendar(qtbot, calendar)


@POPUP
def test_picking_a_day_in_the_calendar_sets_the_field_and_says_so(date_edit, switcher, qtbot):
    switcher.apply("da")
    date_edit.setDate(JUNE_1)
    calendar = open_calendar(qtbot, date_edit)
    grid = calendar.findChild(QTableView)
    assert grid is not None
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # the next day, as a user moves in the grid
    assert calendar.selectedDate() == QDate(2027, 6, 2)
    with qtbot.waitSignal(date_edit.date_chosen), qtbot.waitSignal(date_edit.editingFinished):
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert date_edit.date() == dt.date(2027, 6, 2)
    assert date_edit.text() == "02.06.2027"


@POPUP
def test_a_day_clicked_in_the_calendar_sets_the_field(date_edit, qtbot):
    calendar = open_calendar(qtbot, date_edit)
    with qtbot.waitSignal(date_edit.date_chosen):
        calendar.clicked.emit(QDate(2027, 3, 24))  # what a mouse click on that day sends
    assert date_edit.date() == dt.date(2027, 3, 24)
    assert date_edit.text() == "24/03/2027"


# -- times ------------------------------------------------------------------------------------


@pytest.fixture
def time_edit(qtbot):
    field = TimeEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    return field


@pytest.mark.parametrize("typed", ["930", "9.30", "9:30", "0930", "kl. 9.30"])
def test_a_typed_time_is_read(time_edit, switcher, qtbot, typed):
    switcher.apply("da")
    retype(qtbot, time_edit, typed)
    assert time_edit.time() == dt.time(9, 30)
    assert not is_marked_invalid(time_edit)


@pytest.mark.parametrize("language, shown", [("en", "09:30"), ("da", "09.30"), ("fi", "9.30"), ("sv", "09:30")])
def test_a_time_is_shown_in_the_languages_short_style(time_edit, switcher, language, shown):
    switcher.apply(language)
    time_edit.setTime(dt.time(9, 30, 15))
    assert time_edit.text() == shown
    assert time_edit.time() == dt.time(9, 30)


def test_up_adds_five_minutes_and_shows_the_time_in_the_short_style(time_edit, switcher, qtbot):
    switcher.apply("da")
    retype(qtbot, time_edit, "930")
    qtbot.keyClick(time_edit, Qt.Key.Key_Up)
    assert time_edit.time() == dt.time(9, 35)
    assert time_edit.text() == "09.35"
    qtbot.keyClick(time_edit, Qt.Key.Key_Down)
    qtbot.keyClick(time_edit, Qt.Key.Key_Down)
    assert time_edit.time() == dt.time(9, 25)


def test_up_at_the_end_of_the_day_wraps_to_its_start(time_edit, qtbot):
    time_edit.setTime(dt.time(23, 58))
    qtbot.keyClick(time_edit, Qt.Key.Key_Up)
    assert time_edit.time() == dt.time(0, 3)


def test_text_that_is_not_a_time_marks_the_field(time_edit, qtbot):
    retype(qtbot, time_edit, "25.00")
    assert is_marked_invalid(time_edit)
    assert "25.00" in time_edit.toolTip()
    with pytest.raises(EntryError):
        time_edit.time()
    retype(qtbot, time_edit, "")
    assert time_edit.time() is None and not is_marked_invalid(time_edit)


# -- hours ------------------------------------------------------------------------------------


@pytest.fixture
def hours(qtbot):
    spin = HoursSpinBox()
    qtbot.addWidget(spin)
    spin.show()
    qtbot.waitExposed(spin)
    return spin


def test_hours_are_shown_with_the_danish_decimal_comma(hours, switcher):
    switcher.apply("da")
    hours.setValue(1.5)
    assert hours.text() == "1,5"
    hours.setValue(2)
    assert hours.text() == "2"
    hours.setValue(1500)
    assert hours.text() == "1.500"


@pytest.mark.parametrize("typed", ["1,5", "1.5"])
def test_danish_hours_take_a_comma_or_a_dot(hours, switcher, qtbot, typed):
    switcher.apply("da")
    hours.setValue(0)
    retype(qtbot, hours.lineEdit(), typed)
    assert hours.value() == 1.5
    assert hours.text() == "1,5"


def test_letters_are_not_taken_as_hours(hours, switcher, qtbot):
    switcher.apply("da")
    hours.setValue(3)
    hours.lineEdit().selectAll()
    qtbot.keyClicks(hours.lineEdit(), "abc")  # refused key by key by the validator
    assert hours.text() == "3"
    hours.interpretText()
    assert hours.value() == 3


def test_english_hours_are_shown_with_a_decimal_point(hours):
    hours.setValue(1.5)
    assert hours.text() == "1.5"


# -- through the activity plan ----------------------------------------------------------------


@pytest.fixture
def plan(window, services, demo, switcher):
    """The activity plan of Nordhavn Kommune in the demo programme, in a Danish interface,
    with the first activity's deadline cleared (as Delete on the cell does)."""
    from verkstad.ui.activity_table import COLUMN

    switcher.apply("da")
    window.open_demo()
    org = services.documents.find_organisation("NK")
    window.select_key(("plan", org.id))
    view = window.views[f"plan:{org.id}"]
    index = view.proxy.index(0, COLUMN["deadline"])
    view.table.setCurrentIndex(index)
    view.clear_or_delete()
    activity = services.activities.get(view.selected_row().activity.id)
    assert activity.deadline is None and index.data() in ("", None)
    return view, index, activity


def press_enter(qtbot, view, editor) -> None:
    """Enter in a cell's editor: the delegate commits and closes it once the event loop runs."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.table.state() != QAbstractItemView.State.EditingState)


def edit_cell(qtbot, view, index) -> DateEdit:
    view.table.setFocus()
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, DateEdit)
    return editor


@pytest.mark.parametrize("typed, stored", [
    ("1.6.27", JUNE_1),
    ("1.12.", dt.date(2027, 12, 1)),  # no year: the one around the activity's start (29 March 2027)
])
def test_a_date_typed_into_an_empty_deadline_is_stored(plan, services, qtbot, window, typed, stored):
    view, index, activity = plan
    assert activity.start_date == dt.date(2027, 3, 29)  # the demo's, which the second case relies on
    editor = edit_cell(qtbot, view, index)
    assert editor.text() == ""
    type_text(qtbot, editor, typed)
    press_enter(qtbot, view, editor)
    assert services.activities.get(activity.id).deadline == stored
    assert index.data() == translator("da").date(stored, "short")
    assert not window.banner_row.isVisible()


@POPUP
def test_an_empty_deadlines_calendar_opens_at_the_activitys_start_and_stores_the_day_picked(plan, services, qtbot):
    view, index, activity = plan
    editor = edit_cell(qtbot, view, index)
    calendar = open_calendar(qtbot, editor)
    start = activity.start_date
    assert calendar.selectedDate() == QDate(start.year, start.month, start.day)
    assert calendar.locale().name().startswith("da")
    with qtbot.waitSignal(editor.date_chosen):
        calendar.clicked.emit(QDate(2027, 6, 1))  # picking a day stores it and leaves the cell
    assert services.activities.get(activity.id).deadline == JUNE_1


def test_text_that_is_not_a_date_stores_nothing_and_the_banner_says_what_to_type(plan, services, qtbot, window):
    view, index, activity = plan
    steps = window.undo_stack.count()
    editor = edit_cell(qtbot, view, index)
    type_text(qtbot, editor, "i morgen")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # refused: the cell opens again with what was typed (waiting for the editor to close raced with that)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), DateEdit)
                    and QApplication.focusWidget() is not editor)
    assert services.activities.get(activity.id).deadline is None
    assert window.undo_stack.count() == steps  # no step: nothing was done
    assert window.banner_row.isVisible()
    with pytest.raises(EntryError) as refused:  # what the field says, read around the activity's start
        parse_date("i morgen", "da_DK", activity.start_date)
    assert window.banner.text() == str(refused.value)
    assert "i morgen" in window.banner.text()
    assert translator("da").date(activity.start_date, "short") in window.banner.text()  # an example to type
    set_language("en")
    with pytest.raises(EntryError) as in_english:
        parse_date("i morgen", "da_DK", activity.start_date)
    assert window.banner.text() != str(in_english.value)  # said in the interface language, Danish


def test_a_form_date_that_is_not_a_date_stays_typed_for_correcting_and_stores_nothing(
        window, services, demo, switcher, qtbot):
    """The meeting's date field: the refused text is kept (marked) so a typo is corrected, not
    retyped; the stored date and the undo history do not change."""
    from verkstad.domain.model import Meeting

    switcher.apply("da")
    window.open_demo()
    meeting = next(m for m in services.planning.meetings(demo.id) if m.organisation_id)
    window.select_key(("meeting", meeting.id))
    field = window.views["meeting"].form.editors["date"]
    steps = window.undo_stack.count()
    retype(qtbot, field, "32.13.")
    assert services.records.get(Meeting, meeting.id).date == meeting.date
    assert window.undo_stack.count() == steps
    assert field.text() == "32.13." and is_marked_invalid(field)
    assert window.banner_row.isVisible() and "32.13." in window.banner.text()
    retype(qtbot, field, "2.3.27")  # corrected: stored, the mark gone
    assert services.records.get(Meeting, meeting.id).date == dt.date(2027, 3, 2)
    assert not is_marked_invalid(field)


def test_a_refused_cell_opens_again_with_what_was_typed(plan, services, qtbot, window):
    view, index, activity = plan
    editor = edit_cell(qtbot, view, index)
    type_text(qtbot, editor, "1.13.27")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), DateEdit)
                    and QApplication.focusWidget() is not editor)
    again = QApplication.focusWidget()
    assert again.text() == "1.13.27" and is_marked_invalid(again)  # corrected, not typed again
    assert view.table.currentIndex().row() == index.row()
    again.setCursorPosition(4)  # "1.13|.27": the month's 3 becomes a 2
    qtbot.keyClick(again, Qt.Key.Key_Backspace)
    type_text(qtbot, again, "2")
    press_enter(qtbot, view, again)
    assert services.activities.get(activity.id).deadline == dt.date(2027, 12, 1)


def test_a_plan_cell_edit_of_a_value_someone_changed_meanwhile_is_refused_and_shows_theirs(plan, services, window):
    """The activity plan's cells are checked like a form's fields: what the cell showed is what
    may be written over (the plan fixture has a Danish interface)."""
    view, _index, activity = plan
    services.activities.update(activity.id, team_hours=99.0)  # a colleague's, not published here
    assert view.store(activity.id, "team_hours", 5.0) is False
    assert services.activities.get(activity.id).team_hours == 99.0
    assert window.banner.text().startswith("En anden har imens ændret")
    assert view.selected_row().activity.team_hours == 99.0  # the plan shows what is stored now
    assert view.store(activity.id, "team_hours", 5.0) is True  # and an edit made on it goes in
    assert services.activities.get(activity.id).team_hours == 5.0
