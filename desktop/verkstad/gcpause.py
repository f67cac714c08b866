"""Python's cyclic garbage collector paused while a whole document or programme is made, read,
checked, written or merged: those make and drop hundreds of thousands of objects without a
reference cycle, which die by reference counting once the work is done. Collecting meanwhile is
wasted work: a full collection walks the whole heap (100-300 ms with a large programme held)
holding the GIL, which stalls the GUI thread whichever thread runs it, and an import walked the
growing heap over and over (two fifths of turning 100,000 rows into JSON).

`no_cyclic_gc()` is a context manager and a decorator; nested and concurrent uses (the GUI
thread and a worker) are counted, and the last one out turns the collector back on if it was.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()
_pauses = {"count": 0, "was_enabled": False}


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    with _LOCK:
        if _pauses["count"] == 0:
            _pauses["was_enabled"] = gc.isenabled()
            gc.disable()
        _pauses["count"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _pauses["count"] -= 1
            if _pauses["count"] == 0 and _pauses["was_enabled"]:
                gc.enable()
