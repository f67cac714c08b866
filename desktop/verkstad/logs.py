"""The log: a rotating file in the user's log folder, faulthandler beside it, and hooks that
log every uncaught exception with its traceback.

`setup()` is called once by the GUI's composition root (cli.main, app.run_gui); calling it
again is harmless. Modules log through `logging.getLogger("verkstad.<module>")`. The folder
is platformdirs' user log folder, or `$VERKSTAD_LOG_DIR` (tests set it).

This module imports no layer of Verkstad (and no Qt): the Qt version is read only when Qt
is already imported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import logging
import logging.handlers
import os
import platform
import sys
import tempfile
import threading
import traceback
from pathlib import Path
from typing import IO, Any

from verkstad import __version__

LOGGER = "verkstad"
LOG_FILE = "verkstad.log"
FAULT_FILE = "faulthandler.log"  # what faulthandler writes when the interpreter itself dies
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
ENV_DIR = "VERKSTAD_LOG_DIR"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"

log = logging.getLogger(LOGGER)


class _State:
    """What `setup` installed, so that a second call is a no-op and `shutdown` undoes it."""

    requested: Path | None = None  # the folder asked for (folder differs when it was unwritable)
    folder: Path | None = None
    log_file: Path | None = None
    handler: logging.Handler | None = None
    fault_file: IO[str] | None = None
    faulthandler_was_enabled = False
    previous_excepthook: Any = None
    previous_threading_excepthook: Any = None


_state = _State()


def default_dir() -> Path:
    """`$VERKSTAD_LOG_DIR`, or platformdirs' user log folder."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_log_dir("Verkstad", "Verkstad"))


def log_file() -> Path | None:
    """The file the log is written to, or None before `setup`."""
    return _state.log_file


def fault_file() -> Path | None:
    """The file faulthandler writes to, or None before `setup`."""
    return _state.folder / FAULT_FILE if _state.folder is not None else None


def environment() -> str:
    """Verkstad's, Python's, Qt's (when imported) versions and the platform, on one line."""
    parts = [f"Verkstad {__version__}",
             f"Python {platform.python_version()} ({platform.python_implementation()})"]
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        pyside = sys.modules.get("PySide6")
        parts.append(f"Qt {qtcore.qVersion()} (PySide6 {getattr(pyside, '__version__', '?')})")
    parts.append(_platform())
    return ", ".join(parts)


def _platform() -> str:
    """The operating system, like platform.platform() but without its `uname -p` subprocess."""
    system = platform.system()
    if system == "Darwin":
        text = f"macOS {platform.mac_ver()[0]}"
    elif system == "Windows":
        text = f"Windows {platform.release()} ({platform.version()})"
    else:
        text = f"{system} {platform.release()}"
        if system == "Linux":
            with contextlib.suppress(OSError):
                text += f" ({platform.freedesktop_os_release().get('PRETTY_NAME', '?')})"
    return f"{text} {platform.machine()}".strip()


def setup(log_dir: Path | None = None) -> Path:
    """Log to a rotating file (about 1 MB x 5) in `log_dir` (default: `default_dir()`), let
    faulthandler write beside it, install the hooks; returns the log file's path."""
    folder = Path(log_dir) if log_dir is not None else default_dir()
    if _state.log_file is not None:
        if folder == _state.requested:
            _log_startup(again=True)  # e.g. run_gui after cli.main: now with Qt's version
            return _state.log_file
        shutdown()
    requested, unwritable = folder, None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = _handler(folder)
    except OSError as exc:
        # A log folder we may not write to must not keep the application from starting.
        unwritable = (folder, exc)
        folder = Path(tempfile.mkdtemp(prefix="verkstad-log-"))
        handler = _handler(folder)
    _state.requested = requested
    _state.folder = folder
    _state.log_file = folder / LOG_FILE
    _state.handler = handler
    log.addHandler(handler)
    if log.level == logging.NOTSET or log.level > logging.INFO:
        log.setLevel(logging.INFO)
    if unwritable is not None:
        log.warning("cannot write the log in %s (%s); writing it here instead", *unwritable)

    _state.faulthandler_was_enabled = faulthandler.is_enabled()
    path = folder / FAULT_FILE
    mode = "w" if path.exists() and path.stat().st_size > MAX_BYTES else "a"
    _state.fault_file = path.open(mode, encoding="utf-8")  # kept open: faulthandler writes to its fd
    _state.fault_file.write(f"--- {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} "
                            f"pid {os.getpid()}: {environment()}\n")
    _state.fault_file.flush()
    faulthandler.enable(_state.fault_file, all_threads=True)

    _state.previous_excepthook = sys.excepthook
    _state.previous_threading_excepthook = threading.excepthook
    sys.excepthook = excepthook
    threading.excepthook = threading_excepthook
    _log_startup()
    return _state.log_file


def _handler(folder: Path) -> logging.Handler:
    handler = logging.handlers.RotatingFileHandler(folder / LOG_FILE, maxBytes=MAX_BYTES,
                                                   backupCount=BACKUP_COUNT, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


_started: set[str] = set()


def _log_startup(again: bool = False) -> None:
    line = environment()
    if line in _started:
        return
    if again:
        log.info("running on %s", line)
    else:
        log.info("Verkstad starting (pid %d): %s", os.getpid(), line)
    _started.add(line)


def shutdown() -> None:
    """Undo `setup`: detach the file handler, stop faulthandler writing to its file, put the
    previous hooks back (tests use it; the application just exits)."""
    if _state.handler is not None:
        log.removeHandler(_state.handler)
        _state.handler.close()
    if _state.fault_file is not None:
        faulthandler.disable()
        _state.fault_file.close()
        if _state.faulthandler_was_enabled and sys.__stderr__ is not None:
            faulthandler.enable(sys.__stderr__, all_threads=True)
    if sys.excepthook is excepthook and _state.previous_excepthook is not None:
        sys.excepthook = _state.previous_excepthook
    if threading.excepthook is threading_excepthook and _state.previous_threading_excepthook is not None:
        threading.excepthook = _state.previous_threading_excepthook
    vars(_state).clear()  # back to the class defaults
    _started.clear()


def log_uncaught(kind: type[BaseException], value: BaseException | None, tb, where: str = "") -> None:
    """Write an uncaught exception with its traceback to the log.

    `value` is None only when threading.excepthook is called without an exception instance;
    then there is no traceback to write."""
    log.critical("uncaught exception%s: %s", f" in {where}" if where else "",
                 "".join(traceback.format_exception_only(kind, value)).strip(),
                 exc_info=(kind, value, tb) if value is not None else None)


def excepthook(kind: type[BaseException], value: BaseException, tb) -> None:
    """sys.excepthook: log the exception, then let the previous hook print it."""
    if not issubclass(kind, KeyboardInterrupt):
        log_uncaught(kind, value, tb)
    previous = _state.previous_excepthook or sys.__excepthook__
    previous(kind, value, tb)


def threading_excepthook(args: threading.ExceptHookArgs) -> None:
    """threading.excepthook: log an exception that ended a thread, then the previous hook."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    log_uncaught(args.exc_type, args.exc_value, args.exc_traceback, where=f"thread {name}")
    previous = _state.previous_threading_excepthook or threading.__excepthook__
    previous(args)
