"""Slow work off the GUI thread: run a pure function in a thread pool and deliver its result,
its error and its progress to callbacks on the GUI thread.

    job = run_in_worker(render_pages, pdf, receiver=self, on_result=self.show_pages,
                        on_progress=self.page_arrived, on_error=self.show_error)
    ...
    job.cancel()  # e.g. the window closed: the function sees progress.cancelled

The function is called as `fn(*args, progress=progress)`. `progress(done, total, partial=None)`
may be called from the worker as often as is useful to a person (once a page, not once a
byte): each call emits a queued signal, delivered in order on the GUI thread, where
`on_progress(done, total, partial)` receives it; `partial` carries a piece of the result
(a page drawn) if the function has one to hand over early. `progress.cancelled` is the
flag to poll, `progress.check()` raises `Cancelled` when it is set.

A worker never touches widgets: the function gets plain data (read from the database on
the GUI thread beforehand) and returns plain data or objects Qt lets other threads make
(QImage, not QPixmap). What it raises:

- `VerkstadError` or `StorageError`: the user's or the environment's doing; delivered to
  `on_error(exc)` (by default a message box over the receiver);
- `Cancelled` (or anything once the job was cancelled): nothing is delivered;
- anything else is a bug: logged with its traceback on "verkstad.worker" in the worker
  thread, then delivered to `on_bug(exc)`, by default `operations.report_bug(receiver, exc)`.

The GIL: a worker running Python holds it most of the time, and the GUI thread needs it for
every call into Python (slots, timers, event handlers overridden in Python). While any
job runs, the interpreter's switch interval is lowered from 5 ms to 1 ms, so the GUI thread
waits at most about that long each time (measured: the longest stall while a document is
made fell from 11-180 ms to 7-20 ms, the work took no longer). Work that allocates much
should pause the cyclic garbage collector: a full collection holds the GIL while it walks
the whole heap, in whichever thread (see `verkstad.gcpause`).

Lifetimes: the worker thread holds only the function, its arguments and the cancellation
flag, never a QObject (so pass a plain function and plain data, never a widget's bound
method, which would keep the widget referenced from another thread); results travel through
one dispatcher that lives on the GUI thread for the whole process, and each `Job` stays
referenced here until its outcome is delivered.
A job whose receiver (a QObject, typically the dialog) was deleted is cancelled, and
whatever it still produces is dropped. At exit, running jobs are cancelled and waited for.

Signals: Job.progressed(int done, int total, object partial), Job.succeeded(object result),
Job.failed(object exception), Job.finished() after every outcome, delivered or dropped.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThread, QThreadPool, Signal, Slot

from verkstad.errors import VerkstadError
from verkstad.storage.errors import StorageError

log = logging.getLogger("verkstad.worker")

SWITCH_INTERVAL = 0.001  # seconds; the interpreter's own default is 0.005

# Outcomes as they travel from the worker thread to the dispatcher.
_OK, _ERROR, _BUG, _CANCELLED = "ok", "error", "bug", "cancelled"


class Cancelled(Exception):
    """Raised by `Progress.check()` in a cancelled job: ends the function, delivers nothing."""


class Progress:
    """The `progress` argument of a function run in a worker: callable from its thread."""

    def __init__(self, key: int, cancel: threading.Event) -> None:
        self._key = key
        self._cancel = cancel

    def __call__(self, done: int, total: int, partial: Any = None) -> None:
        if not self._cancel.is_set():
            _dispatcher().progressed.emit(self._key, done, total, partial)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise `Cancelled` if the job was cancelled (a convenient place: between pages)."""
        if self._cancel.is_set():
            raise Cancelled


class _Runnable(QRunnable):
    """Runs the function in a pool thread; holds no QObject, only plain Python values."""

    def __init__(self, key: int, fn: Callable[..., Any], args: tuple, cancel: threading.Event) -> None:
        super().__init__()
        self.key = key
        self.fn: Callable[..., Any] | None = fn
        self.args: tuple | None = args
        self.cancel = cancel

    def run(self) -> None:
        fn, args = self.fn, self.args or ()
        self.fn = self.args = None  # nothing of the caller's is kept once the function ends
        assert fn is not None, "a runnable runs once"
        progress = Progress(self.key, self.cancel)
        outcome: tuple[str, Any]
        try:
            outcome = (_OK, fn(*args, progress=progress))
        except Cancelled:
            outcome = (_CANCELLED, None)
        except (VerkstadError, StorageError) as exc:
            outcome = (_ERROR, exc)
        except Exception as exc:  # a bug: its traceback goes to the log from here
            if self.cancel.is_set():
                outcome = (_CANCELLED, None)
            else:
                log.exception("work in the background failed: %s", _name(fn))
                outcome = (_BUG, exc)
        if self.cancel.is_set():
            outcome = (_CANCELLED, None)
        del fn, args, progress
        _dispatcher().finished.emit(self.key, outcome)


class _Dispatcher(QObject):
    """Lives on the GUI thread for the whole process: the worker threads emit its signals,
    its slots (queued, so on the GUI thread) hand each outcome to its Job."""

    progressed = Signal(int, int, int, object)
    finished = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)

    @Slot(int, int, int, object)
    def _progressed(self, key: int, done: int, total: int, partial: object) -> None:
        job = _live.get(key)
        if job is not None:
            job._deliver_progress(done, total, partial)

    @Slot(int, object)
    def _finished(self, key: int, outcome: tuple[str, Any]) -> None:
        job = _live.pop(key, None)
        if not _live:
            _restore_switch_interval()
        if job is not None:
            kind, value = outcome
            job._deliver(kind, value)


class Job(QObject):
    """One function run in a worker, seen from the GUI thread.

    Signals: progressed(int, int, object), succeeded(object), failed(object), finished()."""

    progressed = Signal(int, int, object)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, key: int, fn: Callable[..., Any], receiver: QObject | None,
                 on_result: Callable[[Any], None] | None, on_error: Callable[[BaseException], None] | None,
                 on_bug: Callable[[BaseException], None] | None,
                 on_progress: Callable[[int, int, Any], None] | None) -> None:
        super().__init__()
        self.key = key
        self.name = _name(fn)
        self.cancel_event = threading.Event()
        self.state = "running"  # then: "done", "error", "bug", "cancelled" (nothing delivered)
        self.result: Any = None
        self.error: BaseException | None = None
        self._receiver = receiver
        self._on_result = on_result
        self._on_error = on_error
        self._on_bug = on_bug
        self._on_progress = on_progress
        self._runnable: QRunnable | None = None
        if receiver is not None:
            receiver.destroyed.connect(self.cancel)

    @Slot()
    def cancel(self) -> None:
        """Ask the function to stop; nothing more is delivered for this job."""
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    @property
    def running(self) -> bool:
        return self.state == "running"

    def _wanted(self) -> bool:
        """Whether anything should still be delivered: not cancelled, its receiver alive."""
        if self.cancel_event.is_set():
            return False
        if self._receiver is not None and not shiboken6.isValid(self._receiver):
            self.cancel_event.set()
            return False
        return True

    def _deliver_progress(self, done: int, total: int, partial: object) -> None:
        if not self._wanted():
            return
        if self._on_progress is not None:
            self._on_progress(done, total, partial)
        self.progressed.emit(done, total, partial)

    def _deliver(self, kind: str, value: Any) -> None:
        try:
            if kind == _CANCELLED or not self._wanted():
                self.state = "cancelled"
                return
            receiver, self._receiver = self._receiver, None
            if kind == _OK:
                self.state, self.result = "done", value
                if self._on_result is not None:
                    self._on_result(value)
                self.succeeded.emit(value)
            elif kind == _ERROR:
                self.state, self.error = "error", value
                (self._on_error or (lambda exc: _show_error(receiver, exc)))(value)
                self.failed.emit(value)
            else:
                self.state, self.error = "bug", value
                (self._on_bug or (lambda exc: _report_bug(receiver, exc)))(value)
                self.failed.emit(value)
        finally:
            self._receiver = None
            self._on_result = self._on_error = self._on_bug = self._on_progress = None
            self.finished.emit()


def run_in_worker(fn: Callable[..., Any], *args: Any, receiver: QObject | None = None,
                  on_result: Callable[[Any], None] | None = None,
                  on_error: Callable[[BaseException], None] | None = None,
                  on_bug: Callable[[BaseException], None] | None = None,
                  on_progress: Callable[[int, int, Any], None] | None = None) -> Job:
    """Run `fn(*args, progress=progress)` in a worker thread; deliver what comes of it to the
    callbacks on the GUI thread (see the module's docstring). Call from the GUI thread.

    `receiver` is the QObject the callbacks belong to: once it is deleted the job is
    cancelled and nothing more is delivered. User errors without `on_error` are shown in a
    message box over the receiver; bugs without `on_bug` go to the bug dialog."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        raise RuntimeError("run_in_worker must be called on the GUI thread of a running application")
    key = next(_keys)
    job = Job(key, fn, receiver, on_result, on_error, on_bug, on_progress)
    _dispatcher()
    if not _live:
        _lower_switch_interval()
    _live[key] = job
    runnable = _Runnable(key, fn, args, job.cancel_event)
    job._runnable = runnable  # referenced until delivered (the pool owns the C++ side)
    _pool().start(runnable)
    return job


def running_jobs() -> list[Job]:
    """The jobs whose outcome is not delivered yet."""
    return list(_live.values())


def wait_for_workers(msecs: int = -1) -> bool:
    """Block until every worker thread is idle (outcomes are delivered by the event loop later)."""
    return _pool().waitForDone(msecs)


# -- the process-wide pieces --------------------------------------------------------------

_keys = itertools.count(1)
_live: dict[int, Job] = {}
_state: dict[str, Any] = {}


def _dispatcher() -> _Dispatcher:
    dispatcher = _state.get("dispatcher")
    if dispatcher is None:  # made by run_in_worker, on the GUI thread, before any worker runs
        dispatcher = _state["dispatcher"] = _Dispatcher()
    return dispatcher


def _pool() -> QThreadPool:
    pool = _state.get("pool")
    if pool is None:
        pool = _state["pool"] = QThreadPool()
        pool.setObjectName("verkstad-workers")
    return pool


@atexit.register
def _shutdown() -> None:
    """Cancel what still runs and wait for it: no Python runs in a pool thread at finalisation."""
    for job in list(_live.values()):
        job.cancel_event.set()
    pool = _state.get("pool")
    if pool is not None:
        pool.waitForDone(30_000)


def _lower_switch_interval() -> None:
    """While jobs run: hand the GIL over to the GUI thread within a millisecond."""
    if "switch_interval" not in _state:
        _state["switch_interval"] = sys.getswitchinterval()
        sys.setswitchinterval(min(SWITCH_INTERVAL, _state["switch_interval"]))


def _restore_switch_interval() -> None:
    if "switch_interval" in _state:
        sys.setswitchinterval(_state.pop("switch_interval"))


def _name(fn: Callable[..., Any]) -> str:
    inner = getattr(fn, "func", fn)  # functools.partial
    return getattr(inner, "__qualname__", None) or repr(inner)


def _show_error(receiver: QObject | None, exc: BaseException) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from verkstad.i18n import _

    parent = receiver if isinstance(receiver, QWidget) else None
    QMessageBox.warning(parent, _("Verkstad"), str(exc))


def _report_bug(receiver: QObject | None, exc: BaseException) -> None:
    from PySide6.QtWidgets import QWidget

    from verkstad.ui.operations import report_bug

    report_bug(receiver if isinstance(receiver, QWidget) else None, exc)
