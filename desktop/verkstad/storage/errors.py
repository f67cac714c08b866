"""Storage errors caused by the environment, each with a message a user can act on.

SQLite errors are told apart by their result code (`sqlite3.Error.sqlite_errorcode`, wrapped
by SQLAlchemy in `.orig`), never by their text: "malformed JSON" is a bug in a query, not a
damaged file, although both say "malformed". The table follows qutebrowser's `misc/sql.py`.
"""

from __future__ import annotations

import enum
import sqlite3

from verkstad.errors import VerkstadError
from verkstad.i18n import _


class StorageError(VerkstadError):
    """The database cannot be used as asked because of its file or its surroundings.

    `kind` is one of: not_a_database, not_verkstad, corrupted, read_only, locked,
    disk_full, cannot_open, io_error, newer_schema. `str(error)` is the translated message.
    """

    def __init__(self, kind: str, path: str = "", detail: str = "") -> None:
        self.kind = kind
        self.path = path
        self.detail = detail
        super().__init__(kind)

    def __str__(self) -> str:
        messages = {
            "not_a_database": _("“{path}” is not a Verkstad database (it is not an SQLite file)."),
            "not_verkstad": _("“{path}” is an SQLite database of another program, not of Verkstad."),
            "corrupted": _("The database “{path}” is damaged. Restore it from a backup in the folder beside it."),
            "read_only": _("The database “{path}” is read-only. Copy it to a folder you can write to, "
                           "or change its permissions."),
            "locked": _("The database “{path}” is open in another Verkstad window or program. Close it there first."),
            "disk_full": _("The disk holding “{path}” is full. Free some space; nothing was changed."),
            "cannot_open": _("The database “{path}” cannot be opened: {detail}"),
            "io_error": _("The disk holding “{path}” could not be read or written. Check that the drive "
                          "or network folder is still there; the last change was not stored."),
            "newer_schema": _("The database “{path}” was written by a newer version of Verkstad. "
                              "Update Verkstad to open it."),
        }
        return messages[self.kind].format(path=self.path, detail=self.detail)


class SqliteCode(enum.IntEnum):
    """SQLite's primary result codes (https://sqlite.org/rescode.html) that this module names."""

    ERROR = 1
    PERM = 3
    BUSY = 5
    LOCKED = 6
    READONLY = 8
    IOERR = 10
    CORRUPT = 11
    FULL = 13
    CANTOPEN = 14
    NOTADB = 26


# The environment's doing, by primary code. Every other code (SQLITE_ERROR for a syntax error,
# a missing table or malformed JSON, SQLITE_CONSTRAINT, SQLITE_MISUSE, ...) is a bug.
KINDS: dict[int, str] = {
    SqliteCode.PERM: "read_only",
    SqliteCode.BUSY: "locked",
    SqliteCode.LOCKED: "locked",
    SqliteCode.READONLY: "read_only",
    SqliteCode.IOERR: "io_error",
    SqliteCode.CORRUPT: "corrupted",
    SqliteCode.FULL: "disk_full",
    SqliteCode.CANTOPEN: "cannot_open",
    SqliteCode.NOTADB: "not_a_database",
}


def primary_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an sqlite3 (or SQLAlchemy-wrapped) error, if it has one.

    Extended codes (SQLITE_IOERR_SHORT_READ = 522, SQLITE_BUSY_SNAPSHOT = 517, ...) carry
    their primary code in the low byte."""
    orig = getattr(exc, "orig", exc)  # SQLAlchemy wraps the driver's error
    if not isinstance(orig, sqlite3.Error):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def classify(exc: BaseException) -> str | None:
    """The StorageError kind for an sqlite3/SQLAlchemy error, or None when it is a bug.

    An error without a result code (one raised by Python's sqlite3 module itself, such as
    "Cannot operate on a closed database") is a bug too."""
    code = primary_code(exc)
    return None if code is None else KINDS.get(code)
