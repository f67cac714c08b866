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
    disk_full, cannot_open, io_error, newer_schema; for a server: bad_url, server_unreachable,
    server_refused, no_such_database, server_gone, server_full, server_busy, server_denied; and
    changed_meanwhile (a row another transaction updated between this one's read and write).
    `str(error)` is the translated message.
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
            "bad_url": _("“{path}” is not a server address Verkstad understands. Write it as "
                         "postgresql://user@host/database (with ?host=/folder for a socket)."),
            "server_unreachable": _("The server “{path}” cannot be reached: {detail} Check the address and the "
                                    "network; nothing was changed."),
            "server_refused": _("The server “{path}” refused the user name or password: {detail}"),
            "no_such_database": _("The server “{path}” has no such database. Ask its administrator to create "
                                  "it (Verkstad makes its tables itself)."),
            "server_gone": _("The connection to the server “{path}” was lost; the last change was not stored. "
                             "Try again when the server is back."),
            "server_full": _("The server “{path}” is out of disk space or memory; nothing was changed. "
                             "Tell its administrator."),
            "server_busy": _("Another facilitator's change on the server “{path}” got in the way; nothing was "
                             "changed. Try again."),
            "server_denied": _("The server “{path}” does not let this user change the database: {detail}"),
            "changed_meanwhile": _("Someone else changed this at the same moment (another facilitator or "
                                   "window); nothing was stored. Look at what it holds now and try again."),
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


# A PostgreSQL server's errors that are the environment's doing, by SQLSTATE
# (https://www.postgresql.org/docs/current/errcodes-appendix.html): a whole class by its first two
# characters, or one code. Every other SQLSTATE (a syntax error, a violated constraint) is a bug.
SERVER_KINDS: dict[str, str] = {
    "08": "server_unreachable",  # connection exception
    "28": "server_refused",  # invalid authorization
    "3D000": "no_such_database",
    "53": "server_full",  # insufficient resources
    "57P01": "server_gone", "57P02": "server_gone", "57P03": "server_unreachable",  # shut down, starting up
    "40001": "server_busy", "40P01": "server_busy",  # serialization failure, deadlock
    "55P03": "server_busy",  # lock not available
    "42501": "server_denied",  # insufficient privilege
    "25006": "server_denied",  # read-only transaction (a standby)
}


def classify_server(exc: BaseException) -> str | None:
    """The StorageError kind for a psycopg (or SQLAlchemy-wrapped) error, or None when it is a bug.

    A connection that fails before the server answers has no SQLSTATE: psycopg raises an
    OperationalError for it (no route, refused, a socket that is not there)."""
    orig = getattr(exc, "orig", exc)
    try:
        import psycopg
    except ImportError:
        return None
    if not isinstance(orig, psycopg.Error):
        return None
    state = getattr(orig, "sqlstate", None)
    if state:
        return SERVER_KINDS.get(state) or SERVER_KINDS.get(state[:2])
    if isinstance(orig, psycopg.OperationalError):
        return "server_gone" if getattr(exc, "connection_invalidated", False) else "server_unreachable"
    return None


def overtaken(exc: BaseException) -> bool:
    """Whether an error says an update found its row at another version than it read."""
    from sqlalchemy.orm.exc import StaleDataError

    return isinstance(exc, StaleDataError)
