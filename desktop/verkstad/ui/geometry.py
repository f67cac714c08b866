"""Window sizes that fit the facilitator's screen, and windows that remember them.

A laptop at 1024×600 gets a window that fits (maximised), not one that reaches past the
screen's edges. A window given a name and the UI settings (`remember`) comes back with the
size, position, docks and splitters it was closed with: only onto a screen that still exists,
and shrunk and moved to fit it when that screen is now smaller (a laptop that was docked to a
large monitor).

Settings keys, under `windows/<name>/`: `geometry` (QWidget.saveGeometry), `state`
(QMainWindow.saveState: docks and toolbars), `splitter/<key>` (QSplitter.saveState).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QDialog, QMainWindow, QSizePolicy, QSplitter, QStackedWidget, QWidget

# What a window manager adds around a window before it is shown (title bar and borders),
# used to fit a window that has no frame yet; a shown window's own frame is measured.
FRAME_GUESS = QSize(8, 32)


def fit_to_screen(window: QWidget, width: int, height: int, *, margin: int = 40,
                  screen: QScreen | None = None) -> None:
    """Resize `window` to width×height centred on `screen` (the window's own by default),
    or maximise it when the screen is smaller than that."""
    screen = screen or window.screen()
    if screen is None:
        window.resize(width, height)
        return
    available = screen.availableGeometry()
    if available.width() < width + margin or available.height() < height + margin:
        window.resize(min(width, available.width()), min(height, available.height()))
        window.move(available.topLeft())
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.resize(width, height)
        frame = FRAME_GUESS
        window.move(available.center() - QPoint((width + frame.width()) // 2, (height + frame.height()) // 2))


def screen_of(rect: QRect, screens: list[QScreen] | None = None) -> QScreen | None:
    """The screen that shows most of `rect`, or None when no screen shows any of it."""
    best, area = None, 0
    for screen in screens if screens is not None else QGuiApplication.screens():
        part = screen.availableGeometry().intersected(rect)
        if part.width() * part.height() > area:
            best, area = screen, part.width() * part.height()
    return best


def fitted(rect: QRect, available: QRect, frame: QSize = FRAME_GUESS) -> QRect:
    """`rect` (a window's inside) shrunk to fit `available` with its frame around it, and
    moved into it when it reaches past an edge."""
    width = min(rect.width(), available.width() - frame.width())
    height = min(rect.height(), available.height() - frame.height())
    left = min(max(rect.left(), available.left() + frame.width() // 2),
               available.right() - frame.width() // 2 - width + 1)
    top = min(max(rect.top(), available.top() + frame.height() - frame.width() // 2),
              available.bottom() - frame.width() // 2 - height + 1)
    return QRect(left, top, width, height)


def clamp_to_screen(window: QWidget) -> None:
    """Move and shrink a restored window so that it lies on one screen that exists; a
    window that no screen shows any more goes onto its own (the primary) screen."""
    if window.isMaximized() or window.isFullScreen():
        return
    rect = window.geometry()
    screen = screen_of(rect) or window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    frame = window.frameGeometry().size() - rect.size() if window.isVisible() else FRAME_GUESS
    target = fitted(rect, screen.availableGeometry(), frame.expandedTo(QSize(0, 0)))
    if target != rect:
        window.setGeometry(target)


class _Keeper(QObject):
    """Saves a window's geometry, state and splitters when it is closed (a dialog: when it
    finishes), once it has been shown: a window never shown holds nothing the user chose. Not
    on Hide: a window being destroyed hides, and is no longer a whole window by then."""

    def __init__(self, window: QWidget, settings: QSettings, name: str, splitters: Mapping[str, QSplitter]) -> None:
        super().__init__(window)
        self.window, self.settings, self.name, self.splitters = window, settings, name, dict(splitters)
        self.shown = False
        window.installEventFilter(self)
        if isinstance(window, QDialog):  # accept() and reject() hide a dialog without closing it
            window.finished.connect(self.save)

    def save(self, *_args) -> None:
        if self.shown:
            save(self.window, self.settings, self.name, self.splitters)

    def eventFilter(self, obj, event) -> bool:
        # A window that Python deletes clears this object's attributes first and then still sends
        # it the events of its destruction (ChildRemoved): read them without an AttributeError.
        if obj is self.__dict__.get("window"):
            if event.type() == QEvent.Type.Show:
                self.shown = True
            elif event.type() == QEvent.Type.Close:
                self.save()
        return False


def save(window: QWidget, settings: QSettings, name: str, splitters: Mapping[str, QSplitter] | None = None) -> None:
    """Store the window's geometry (and state, for a main window) and its splitters."""
    settings.setValue(f"windows/{name}/geometry", window.saveGeometry())
    if isinstance(window, QMainWindow):
        settings.setValue(f"windows/{name}/state", window.saveState())
    for key, splitter in (splitters or {}).items():
        settings.setValue(f"windows/{name}/splitter/{key}", splitter.saveState())


def _bytes(value) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None


def restore_splitter(settings: QSettings, name: str, key: str, splitter: QSplitter) -> bool:
    """Give `splitter` the sizes it was left with; False when none were stored."""
    state = _bytes(settings.value(f"windows/{name}/splitter/{key}"))
    return state is not None and splitter.restoreState(state)


def remember(window: QWidget, settings: QSettings | None, name: str, *, default: tuple[int, int] | None = None,
             splitters: Mapping[str, QSplitter] | None = None, screen: QScreen | None = None) -> bool:
    """Restore what `window` was closed with last time and store it whenever it is hidden or
    closed. Without a stored geometry (or without settings), it gets `default` fitted to
    `screen` (the window's own by default). Returns whether a stored geometry was restored."""
    restored = False
    if settings is not None:
        geometry = _bytes(settings.value(f"windows/{name}/geometry"))
        if geometry is not None and window.restoreGeometry(geometry):
            clamp_to_screen(window)
            restored = True
        state = _bytes(settings.value(f"windows/{name}/state"))
        if state is not None and isinstance(window, QMainWindow):
            window.restoreState(state)
        for key, splitter in (splitters or {}).items():
            restore_splitter(settings, name, key, splitter)
        _Keeper(window, settings, name, splitters or {})
    if not restored and default is not None:
        fit_to_screen(window, *default, screen=screen)
    return restored


def settings_of(widget: QWidget | None) -> QSettings | None:
    """The UI settings of the window that `widget` belongs to (a window holding `settings`),
    or of the window it was opened from; None when there are none."""
    while widget is not None:
        settings = getattr(widget.window(), "settings", None)
        if isinstance(settings, QSettings):
            return settings
        widget = widget.window().parentWidget()
    return None


def size_by_current(stack: QStackedWidget) -> None:
    """Make `stack` as small as its shown page allows, not as its widest page built so far:
    a stack's minimum is that of all its pages, so one wide view (the phases' list) squeezed
    the navigation beside every other view to 128 px at 1024×600. Pages not shown ignore
    their size (QSizePolicy.Ignored), whenever the shown page changes."""

    def follow(_index: int = -1) -> None:
        current = stack.currentWidget()
        for index in range(stack.count()):
            page = stack.widget(index)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)

    stack.currentChanged.connect(follow)
    follow()
