"""Windows that fit the screen and come back as they were closed (ui/geometry.py)."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QSplitter

from verkstad.ui import geometry
from verkstad.ui.geometry import FRAME_GUESS, fitted, remember

LAPTOP = QRect(0, 0, 1024, 600)


def with_frame(rect: QRect, frame: QSize = FRAME_GUESS) -> QRect:
    """The window's outside: its inside `rect` with the frame as `fitted` places it around it."""
    return QRect(rect.left() - frame.width() // 2, rect.top() - (frame.height() - frame.width() // 2),
                 rect.width() + frame.width(), rect.height() + frame.height())


# -- fitted -----------------------------------------------------------------------------------


def test_a_window_larger_than_the_screen_is_shrunk_and_moved_onto_it():
    rect = fitted(QRect(100, 100, 1600, 1000), LAPTOP)  # the size it had on a docked monitor
    assert rect.size() == QSize(1024 - FRAME_GUESS.width(), 600 - FRAME_GUESS.height())
    assert with_frame(rect) == LAPTOP  # frame and all, exactly the screen
    assert rect.top() >= FRAME_GUESS.height() - FRAME_GUESS.width() // 2  # its title bar stays on screen


def test_a_window_reaching_past_an_edge_is_moved_back_keeping_its_size():
    rect = fitted(QRect(900, 400, 400, 300), LAPTOP)
    assert rect.size() == QSize(400, 300)
    assert LAPTOP.contains(with_frame(rect))
    assert with_frame(rect).right() == LAPTOP.right() and with_frame(rect).bottom() == LAPTOP.bottom()


def test_a_window_left_of_and_above_the_screen_is_moved_onto_it():
    rect = fitted(QRect(-300, -200, 400, 300), LAPTOP)
    assert rect.size() == QSize(400, 300)
    assert with_frame(rect).topLeft() == LAPTOP.topLeft()


def test_a_window_that_fits_stays_where_it_is():
    rect = QRect(200, 150, 500, 300)
    assert fitted(rect, LAPTOP) == rect


def test_a_second_screen_beside_the_first_is_a_place_of_its_own():
    second = QRect(1920, 0, 1280, 1024)
    rect = fitted(QRect(100, 100, 1600, 1200), second)  # left on the first screen, too big for the second
    assert second.contains(with_frame(rect))
    assert rect.width() == 1280 - FRAME_GUESS.width() and rect.height() == 1024 - FRAME_GUESS.height()


def test_a_measured_frame_is_used_instead_of_the_guess():
    frame = QSize(2, 2)
    rect = fitted(QRect(0, 0, 2000, 2000), LAPTOP, frame)
    assert rect.size() == QSize(1022, 598)
    assert with_frame(rect, frame) == LAPTOP


@given(st.integers(-3000, 3000), st.integers(-3000, 3000), st.integers(100, 4000), st.integers(100, 3000),
       st.integers(-2000, 2000), st.integers(-2000, 2000), st.integers(400, 3000), st.integers(300, 2000))
def test_a_fitted_window_always_lies_on_the_screen_and_never_grows(x, y, w, h, ax, ay, aw, ah):
    available = QRect(ax, ay, aw, ah)
    rect = fitted(QRect(x, y, w, h), available)
    assert available.contains(with_frame(rect))
    assert rect.width() <= w and rect.height() <= h
    if w + FRAME_GUESS.width() <= aw and h + FRAME_GUESS.height() <= ah:
        assert rect.size() == QSize(w, h)  # only moved


# -- remember ---------------------------------------------------------------------------------


def main_window(qtbot) -> QMainWindow:
    window = QMainWindow()
    splitter = QSplitter()
    splitter.addWidget(QLabel("navigation"))
    splitter.addWidget(QLabel("view"))
    window.setCentralWidget(splitter)
    qtbot.addWidget(window)
    return window


def show(qtbot, window) -> None:
    window.show()
    qtbot.waitExposed(window)


def test_a_window_comes_back_with_the_size_it_was_closed_with(qtbot, settings):
    first = main_window(qtbot)
    assert not remember(first, settings, "probe", default=(500, 400))  # nothing stored yet
    show(qtbot, first)
    first.resize(640, 420)
    first.move(60, 70)
    closed_at = first.geometry()
    first.close()

    again = main_window(qtbot)
    assert remember(again, settings, "probe", default=(500, 400))
    assert again.size() == QSize(640, 420)
    assert again.geometry() == closed_at  # where it was, too
    show(qtbot, again)
    assert again.size() == QSize(640, 420)


def test_the_size_is_kept_in_the_settings_file_for_the_next_start(qtbot, settings):
    first = main_window(qtbot)
    remember(first, settings, "probe")
    show(qtbot, first)
    first.resize(610, 390)
    first.close()
    settings.sync()

    next_start = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert next_start.contains("windows/probe/geometry") and next_start.contains("windows/probe/state")
    again = main_window(qtbot)
    assert remember(again, next_start, "probe")
    assert again.size() == QSize(610, 390)


def test_splitters_come_back_as_they_were_left(qtbot, settings):
    first = main_window(qtbot)
    remember(first, settings, "probe", splitters={"main": first.centralWidget()})
    show(qtbot, first)
    first.resize(700, 400)
    first.centralWidget().setSizes([150, 500])
    sizes = first.centralWidget().sizes()
    first.close()

    again = main_window(qtbot)
    remember(again, settings, "probe", splitters={"main": again.centralWidget()})
    show(qtbot, again)
    assert again.centralWidget().sizes() == sizes
    assert sizes[0] < sizes[1]


def test_a_window_never_shown_stores_nothing(qtbot, settings):
    window = main_window(qtbot)
    remember(window, settings, "probe")
    window.resize(300, 200)
    window.close()
    assert not settings.contains("windows/probe/geometry")


def test_a_dialog_is_remembered_when_it_is_accepted(qtbot, settings):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    remember(dialog, settings, "dialog")
    show(qtbot, dialog)
    dialog.resize(450, 320)
    dialog.accept()  # hides the dialog without a close event

    again = QDialog()
    qtbot.addWidget(again)
    assert remember(again, settings, "dialog")
    assert again.size() == QSize(450, 320)


def test_a_stored_geometry_larger_than_the_screen_is_clamped(qtbot, settings):
    big = QMainWindow()
    qtbot.addWidget(big)
    big.setGeometry(10, 40, 3000, 2000)  # closed on a large monitor, opened on a laptop
    geometry.save(big, settings, "big")

    window = QMainWindow()
    qtbot.addWidget(window)
    assert remember(window, settings, "big")
    available = window.screen().availableGeometry()
    assert window.width() < 3000 and window.height() < 2000
    assert available.contains(with_frame(window.geometry()))
    assert window.width() == available.width() - FRAME_GUESS.width()
    assert window.height() == available.height() - FRAME_GUESS.height()
    show(qtbot, window)
    assert available.intersects(window.frameGeometry())


def test_a_stored_geometry_on_a_screen_that_is_gone_comes_onto_this_one(qtbot, settings):
    gone = QMainWindow()
    qtbot.addWidget(gone)
    gone.setGeometry(6000, 4000, 400, 300)  # where a second monitor used to be
    geometry.save(gone, settings, "gone")

    window = QMainWindow()
    qtbot.addWidget(window)
    assert remember(window, settings, "gone")
    assert window.size() == QSize(400, 300)
    assert window.screen().availableGeometry().contains(with_frame(window.geometry()))


def test_without_a_stored_geometry_the_default_size_is_fitted_to_the_screen(qtbot, settings):
    window = main_window(qtbot)
    assert not remember(window, settings, "new", default=(500, 400))
    assert window.size() == QSize(500, 400)
    assert not window.isMaximized()
    available = window.screen().availableGeometry()
    assert available.contains(window.geometry())

    too_big = main_window(qtbot)
    assert not remember(too_big, settings, "new", default=(available.width() + 200, available.height()))
    assert too_big.isMaximized()  # a small screen: the whole of it, not a window past its edges
    assert too_big.width() <= available.width() and too_big.height() <= available.height()


@pytest.mark.parametrize("stored", [b"", b"not a geometry", "text"])
def test_a_missing_or_damaged_stored_geometry_falls_back_to_the_default(qtbot, settings, stored):
    settings.setValue("windows/probe/geometry", stored)
    window = main_window(qtbot)
    assert not remember(window, settings, "probe", default=(520, 380))
    assert window.size() == QSize(520, 380)


def test_a_remembered_window_that_python_deletes_raises_nothing(qtbot, settings):
    """Bug: the window's destruction still sent events to its keeper, whose attributes Python had
    cleared already: "AttributeError: '_Keeper' object has no attribute 'window'" on every
    remembered window or dialog deleted by Python (pytest-qt fails the test on it)."""
    for name in ("main", "dialog"):
        window = QMainWindow() if name == "main" else QDialog()
        remember(window, settings, name)
        del window
        gc.collect()
    assert not settings.contains("windows/main/geometry")  # never shown: nothing stored
