"""GUI fixtures: the main window on a fresh database, with its own settings file."""

from __future__ import annotations

import pytest


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def switcher(qapp):
    from verkstad.app import LanguageSwitcher
    from verkstad.i18n import set_language

    s = LanguageSwitcher(qapp)
    yield s
    # Reset without LanguageChange events: the test's widgets may outlive its database.
    set_language("en")
    qapp.removeTranslator(s.qt)


@pytest.fixture
def window(qtbot, services, settings, switcher):
    from verkstad.ui.main_window import MainWindow

    w = MainWindow(services=services, settings=settings)
    w.language_requested.connect(switcher.apply)
    w.start()
    w.show()
    qtbot.waitExposed(w)
    yield w
    dispose(w)  # gone before the database closes and before the language is reset


def dispose(widget) -> None:
    """Close and delete a widget now, before the test's database closes: one left for qtbot's own
    clean-up (after the database) would still hear a later test's language switch and read."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def demo_window(window, demo):
    """The main window showing the demo programme, active."""
    window.open_demo()
    window.activateWindow()
    return window


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user, Nordic letters included (qtbot.keyClicks aborts on them)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                 Qt.KeyboardModifier.NoModifier, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_unknown,
                                                 Qt.KeyboardModifier.NoModifier, ch))


def answer_next_dialog(button_text: str) -> None:
    """Click the button of that text in the next modal dialog (a confirmation), once it is open."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication

    tries = iter(range(300))  # about 3 s: a dialog that never opens must not be answered in a later test

    def click():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if next(tries, None) is not None:
                QTimer.singleShot(10, click)
            return
        button = next(b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == button_text)
        button.click()

    QTimer.singleShot(0, click)


def nav_texts(window) -> list[str]:
    """Every text in the main window's navigation tree."""
    out, stack = [], [window.nav.topLevelItem(i) for i in range(window.nav.topLevelItemCount())]
    while stack:
        item = stack.pop()
        out.append(item.text(0))
        stack.extend(item.child(i) for i in range(item.childCount()))
    return out
