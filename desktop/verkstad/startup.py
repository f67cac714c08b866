"""The GUI's start-up timeline: named moments with the process's age, for `--quit-when-ready`.

`mark()` is cheap (a list append, safe from any thread) and always on; `--quit-when-ready`
logs the timeline in one line and, with `VERKSTAD_STARTUP_TRACE=1`, prints it to stderr
for `bench/startup.py`. Imports nothing of Verkstad's layers and no Qt.
"""

from __future__ import annotations

import gc
import os
import sys

from verkstad.clock import process_age_ms

TRACE_VARIABLE = "VERKSTAD_STARTUP_TRACE"

_marks: list[tuple[str, float]] = []


def mark(label: str) -> None:
    """Note that `label` happened now (milliseconds since the process started)."""
    _marks.append((label, process_age_ms()))


def timeline() -> list[tuple[str, float]]:
    """The marks so far, in the order they were made."""
    return list(_marks)


def describe() -> str:
    """The timeline in one line: `label=ms; label=ms; ...` (labels may hold spaces)."""
    return "; ".join(f"{label}={ms:.0f}" for label, ms in timeline())


def trace_requested() -> bool:
    return os.environ.get(TRACE_VARIABLE, "") not in ("", "0")


def hold_garbage_collection() -> None:
    """Start-up allocates hundreds of thousands of objects that live as long as the process
    (modules, classes, Qt wrappers); collecting while they are made only walks them again
    and again (about a fifth of importing SQLAlchemy here). Called before the imports."""
    gc.disable()


def release_garbage_collection() -> None:
    """Once started: keep what start-up made out of every later collection, collect again."""
    gc.freeze()
    gc.enable()


def skip_pyside_source_scan() -> None:
    """Make PySide6's import hook cheap; called once the PySide6 package is imported, before the
    GUI's imports. PySide6 hooks every import made after it to learn whether the module may use
    one of its `__feature__`s (snake_case, true_property): it reads the module's whole source
    file (`inspect.getsource`) and looks for the word "PySide6" in it. At start-up that is
    SQLAlchemy's and Verkstad's 300 modules, about 50 ms of the time to ready here; later,
    reportlab's at the first document. Verkstad selects no feature (a test keeps it so), so the
    answer changes nothing: every module is then "ignored" (-1), as PySide6 has it already for a
    module whose source it cannot read, and sees Qt's names as they are. A PySide6 without this
    hook is left alone."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        vars(feature)["_mod_uses_pyside"] = _selects_no_feature


def _selects_no_feature(_module) -> bool:
    return False
