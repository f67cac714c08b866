"""The one path of every change: an operation runs a service use case, pushes one undo step
on its window's own history and publishes what changed on the change bus.

Anki's `CollectionOp` and `operation_did_execute(changes, initiator)` are the model, without
a global main window: every window owns an `Operations` (its history, its banner, its status
bar) and all windows of one database share one `ChangeBus`.

- A `VerkstadError` (anything the user can cause, storage errors of the environment
  included) goes to the window's banner; nothing was changed.
- Any other exception is a bug: logged with its traceback and shown as one; the write it
  interrupted was rolled back by the storage transaction.
- Undo and redo publish their inverse changes on the same bus, with an `UndoStep` as the
  initiator, so every view that shows the record follows.

Signals: ChangeBus.published(list[Change], object initiator);
History.stepped(list[Change], UndoStep) after an undo or redo of this window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from verkstad.errors import VerkstadError
from verkstad.i18n import _
from verkstad.services.records import Change, Records, redo_change, undo_change
from verkstad.storage.errors import StorageError

log = logging.getLogger("verkstad.operations")

def as_changes(result: Any) -> list[Change]:
    """A service's return value as a list of changes (a single Change, a list, or None)."""
    if result is None:
        return []
    if isinstance(result, Change):
        return [result]
    return [c for c in result if isinstance(c, Change)]


def touches(changes: Iterable[Change], *types: type) -> bool:
    """Whether any change is of one of `types`."""
    return any(c.type in types for c in changes)


@dataclass(frozen=True)
class UndoStep:
    """The initiator of changes published by an undo or redo: which, and the step's text."""

    kind: str  # "undo" | "redo"
    text: str
    history: History


class ChangeBus(QObject):
    """Every stored change of one database, published once. Signals: published(list, object)."""

    published = Signal(object, object)

    def publish(self, changes: list[Change], initiator: object = None) -> None:
        if changes:
            self.published.emit(list(changes), initiator)


class _Step(QUndoCommand):
    """Already-applied changes: undone in reverse order, redone in order, each publishing
    the changes it made."""

    def __init__(self, history: History, changes: list[Change], text: str) -> None:
        super().__init__(text)
        self.history = history
        self.changes = [c for c in changes if c.action != "updated" or c.after]
        self._applied = True  # QUndoStack.push() calls redo() once: the edit is already stored

    def redo(self) -> None:
        if self._applied:
            return
        self._apply("redo", lambda: [redo_change(self.history.records, c) for c in self.changes])
        self._applied = True

    def undo(self) -> None:
        self._apply("undo", lambda: [undo_change(self.history.records, c) for c in reversed(self.changes)])
        self._applied = False

    def _apply(self, kind: str, call: Callable[[], list[Change]]) -> None:
        """Qt calls undo() and redo() from C++, where PySide would print an exception and
        swallow it: keep it for `History` to raise once the stack has returned."""
        try:
            done = call()
        except Exception as exc:  # noqa: BLE001  (raised again by History._step, not swallowed)
            self.history.failure = exc
            return
        self.history.after_step(kind, done, self.text())


class History(QObject):
    """One window's undo history. Signals: stepped(list[Change], UndoStep)."""

    stepped = Signal(object, object)

    def __init__(self, records: Records, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records = records
        self.bus = bus
        self.stack = QUndoStack(self)

    def push(self, changes: list[Change], text: str) -> None:
        step = _Step(self, changes, text)
        if step.changes:
            self.stack.push(step)

    def undo(self) -> None:
        self._step(self.stack.undo)

    def redo(self) -> None:
        self._step(self.stack.redo)

    def _step(self, call: Callable[[], None]) -> None:
        """Undo or redo one step; an error it met is raised here. The stack has moved past the
        step all the same, and every change is applied only where it still fits, so redoing
        (or undoing) it again after the cause is fixed finishes the job."""
        self.failure: Exception | None = None
        call()
        if self.failure is not None:
            failure, self.failure = self.failure, None
            raise failure

    def after_step(self, kind: str, changes: list[Change], text: str) -> None:
        step = UndoStep(kind, text, self)
        changes = [c for c in changes if c is not None]
        self.bus.publish(changes, step)
        self.stepped.emit(changes, step)

    def clear(self) -> None:
        self.stack.clear()


class Operations:
    """How one window runs user actions: `run(text, call)` is the whole path."""

    def __init__(self, *, window: QWidget, records: Records, bus: ChangeBus | None = None,
                 show_error: Callable[[str], None] | None = None,
                 show_status: Callable[[str], None] | None = None,
                 history: History | None = None) -> None:
        self.window = window
        self.records = records
        self.bus = bus if bus is not None else ChangeBus(window)
        self.history = history if history is not None else History(records, self.bus, window)
        self._show_error = show_error or self._remember_error
        self._show_status = show_status or self._remember_status
        self.last_error: str | None = None
        self.last_status: str | None = None

    def set_feedback(self, *, show_error: Callable[[str], None],
                     show_status: Callable[[str], None]) -> None:
        """Where this window shows refusals (its banner) and what was done (its status bar)."""
        self._show_error = show_error
        self._show_status = show_status

    def status(self, text: str) -> None:
        """Say in the window's status bar what was done."""
        self._show_status(text)

    def error(self, text: str) -> None:
        """Show a refusal in the window's banner (one that no use case made: typed text that
        is not a date, say)."""
        self.last_error = text
        self._show_error(text)

    def _remember_error(self, text: str) -> None:
        self.last_error = text

    def _remember_status(self, text: str) -> None:
        self.last_status = text

    def run(self, text: str, call: Callable[[], Any], *, initiator: object = None,
            undoable: bool = True) -> list[Change] | None:
        """Run one user action: the service call, one undo step, one publication.

        Returns the changes, or None when the action was refused (the banner says why) or
        failed as a bug (the bug dialog says so)."""
        try:
            result = call()
        except (VerkstadError, StorageError) as exc:
            self.last_error = str(exc)
            log.info("operation refused: %s: %s", text, exc)
            self._show_error(str(exc))
            return None
        except Exception as exc:  # a bug: logged with its traceback, shown as a bug
            self.last_error = str(exc)
            log.exception("operation failed: %s", text)
            report_bug(self.window, exc)
            return None
        self.last_error = None
        changes = as_changes(result)
        if undoable:
            self.history.push(changes, text)
        self.bus.publish(changes, initiator)
        return changes

    def read(self, call: Callable[[], Any], default: Any = None) -> Any:
        """Run a read for a view; an environment error goes to the banner, a bug is reported."""
        try:
            return call()
        except (VerkstadError, StorageError) as exc:
            self._show_error(str(exc))
            return default
        except Exception as exc:
            log.exception("read failed")
            report_bug(self.window, exc)
            return default

    def undo(self) -> bool:
        stack = self.history.stack
        if not stack.canUndo():
            self._show_status(_("Nothing to undo in this window."))
            return False
        return self._step(self.history.undo, _("Undone: {action}"), stack.undoText())

    def redo(self) -> bool:
        stack = self.history.stack
        if not stack.canRedo():
            self._show_status(_("Nothing to redo in this window."))
            return False
        return self._step(self.history.redo, _("Redone: {action}"), stack.redoText())

    def _step(self, step: Callable[[], None], message: str, label: str) -> bool:
        try:
            step()
        except (VerkstadError, StorageError) as exc:
            self._show_error(str(exc))
            return False
        except Exception as exc:
            log.exception("undo/redo failed: %s", label)
            report_bug(self.window, exc)
            return False
        self._show_status(message.format(action=label))
        return True


class FollowsBus:
    """Mix into a view (before QWidget in its bases) that shows records: it redraws when the
    bus publishes a change it `concerns()` itself with, wherever the change was made; a hidden
    view only marks itself stale and redraws when shown again, so it never reads a database
    that closed meanwhile. After an undo or redo it selects what `undo_target()` names.

    A view provides `refresh()`, `concerns(changes)` and, to select after undo,
    `undo_target(changes)` and `select_target(target)`; it calls `follow(bus)` once."""

    _stale = False
    _select_on_show: object = None

    def follow(self, bus: ChangeBus) -> None:
        bus.published.connect(self._follow)

    def concerns(self, changes: list[Change]) -> bool:
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError

    def undo_target(self, changes: list[Change]) -> object:
        """What to select after an undo or redo that published `changes` (None: nothing)."""
        return None

    def select_target(self, target: object) -> None:
        """Select what `undo_target` named."""

    def redraw(self, changes: list[Change], initiator: object) -> None:
        """Show `changes`; by default everything is read again."""
        self.refresh()

    def _follow(self, changes: list[Change], initiator: object) -> None:
        if not self.concerns(changes):
            return
        target = self.undo_target(changes) if isinstance(initiator, UndoStep) else None
        if not self.isVisible():  # type: ignore[attr-defined]
            self._stale = True
            self._select_on_show = target or self._select_on_show
            return
        self.redraw(changes, initiator)
        if target is not None:
            self.select_target(target)

    def showEvent(self, event: Any) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        if self._select_on_show is not None:
            self.select_target(self._select_on_show)
            self._select_on_show = None
        super().showEvent(event)  # type: ignore[misc]


def report_bug(parent: QWidget | None, exc: BaseException) -> None:
    """Show a bug (not the user's doing) in the bug dialog; it is already in the log."""
    from verkstad.ui.bug_dialog import show_bug

    show_bug(parent, exc)
