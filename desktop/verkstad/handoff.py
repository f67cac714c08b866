"""Handing a programme file to the Verkstad that already has the database open.

A double-click on a `*.verkstad` file starts `verkstad FILE`; when another Verkstad already
holds the database, the new process cannot open it. It leaves a request beside the database
instead (a hidden file `.NAME.open-<id>` holding the file's absolute path, written whole or
not at all) and waits a moment: the running Verkstad watches the database's folder
(`ui/handoff.py`), takes the request (deletes it), raises its window and offers the import.
A request nobody takes in time is withdrawn, and the usual "open in another window" message
is shown. No network and no extra process: only files in a folder both can write.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from pathlib import Path

WAIT_SECONDS = 5.0


def _prefix(database: Path) -> str:
    return f".{database.name}.open-"


def send(database: Path, file: Path) -> Path:
    """Leave a request to open `file` for the Verkstad that holds `database`; returns it."""
    request = database.with_name(f"{_prefix(database)}{uuid.uuid4().hex}")
    partial = request.with_name(request.name + ".part")
    partial.write_text(str(Path(file).absolute()), encoding="utf-8")
    os.replace(partial, request)  # the watcher never reads half a path
    return request


def wait_until_taken(request: Path, seconds: float = WAIT_SECONDS) -> bool:
    """Whether the running Verkstad took the request within `seconds`; withdraws it if not."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        time.sleep(0.05)
    with contextlib.suppress(FileNotFoundError):
        request.unlink()
        return False
    return True  # taken at the last moment


def take(database: Path) -> list[Path]:
    """The files asked for beside `database`, oldest first; each request is deleted as read."""
    requests = sorted(database.parent.glob(_prefix(database) + "*"), key=_age)
    files = []
    for request in requests:
        if request.name.endswith(".part"):
            continue
        try:
            text = request.read_text(encoding="utf-8")
            request.unlink()
        except (FileNotFoundError, UnicodeDecodeError):
            continue  # withdrawn meanwhile, or not ours
        if text.strip():
            files.append(Path(text.strip()))
    return files


def _age(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0
