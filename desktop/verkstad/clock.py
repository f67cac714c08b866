"""How long this process has been running, for start-up measurements (imports nothing heavy)."""

from __future__ import annotations

import os
import time

_IMPORTED = time.perf_counter()


def _age_at_import_ms() -> float:
    """The process's age when this module was imported (Linux: from /proc, to a clock tick,
    usually 10 ms; elsewhere 0)."""
    try:
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return max(0.0, (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000)
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


_AGE_AT_IMPORT = _age_at_import_ms()


def process_age_ms() -> float:
    """Milliseconds since the process started: its age at this import (to a clock tick) plus
    the time since, to the microsecond, so that differences between two calls are exact."""
    return _AGE_AT_IMPORT + (time.perf_counter() - _IMPORTED) * 1000
