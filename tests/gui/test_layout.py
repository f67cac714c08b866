"""The main window's layout at a laptop's size and its keyboard focus: the navigation keeps its
width beside every view, and F6 moves the focus between the navigation and the view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import dispose


def test_a_wide_view_built_earlier_does_not_widen_the_others(demo_window, services, qtbot):
    window = demo_window
    window.select_key(("phases", None))
    phases = window.view_stack.currentWidget()
    window.select_key(("programme", window.programme_id))
    programme = window.view_stack.currentWidget()
    assert programme.minimumSizeHint().width() < phases.minimumSizeHint().width()
    # The stack asks for what the shown view needs, not for the widest view built so far.
    assert window.view_stack.minimumSizeHint().width() <= programme.minimumSizeHint().width()


def test_f6_moves_the_focus_between_the_navigation_and_the_view(demo_window, qtbot):
    window = demo_window
    window.select_key(("organisations", None))
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus)
    qtbot.keyClick(window.nav, Qt.Key.Key_F6)
    focused = QApplication.focusWidget()
    assert focused is not None and focused is not window.nav
    assert window.view_stack.currentWidget().isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_F6)
    assert window.nav.hasFocus()


def test_the_navigation_has_the_focus_once_started(qtbot, services, settings, demo):
    from verkstad.ui.main_window import MainWindow

    window = MainWindow(services=services, settings=settings)
    try:
        with qtbot.waitSignal(window.started):
            window.start()
            window.show()
            window.activateWindow()
        assert window.focusWidget() is window.nav  # the arrow keys walk the tree without a click first
    finally:
        dispose(window)
