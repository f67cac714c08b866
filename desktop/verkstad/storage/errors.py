"""Storage errors caused by the environment, each with a message a user can act on."""

from __future__ import annotations

import sqlite3

from verkstad.i18n import _


class StorageError(Exception):
    """The database cannot be used as asked because of its file or its surroundings.

    `kind` is one of: not_a_database, not_verkstad, corrupted, read_only, locked,
    disk_full, cannot_open, newer_schema. `str(error)` is the translated message.
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
            "read_only": _("The database “{path}” is read-only. Copy it to a folder where you may write, or change its permissions."),
            "locked": _("The database “{path}” is open in another Verkstad window or program. Close it there first."),
            "disk_full": _("The disk holding “{path}” is full. Free some space; nothing was changed."),
            "cannot_open": _("The database “{path}” cannot be opened: {detail}"),
            "newer_schema": _("The database “{path}” was written by a newer Verkstad. Update Verkstad to open it."),
        }
        return messages[self.kind].format(path=self.path, detail=self.detail)


def classify(exc: BaseException) -> str | None:
    """The StorageError kind for an sqlite3/SQLAlchemy error, or None when it is a bug."""
    text = str(getattr(exc, "orig", exc)).lower()
    if not isinstance(getattr(exc, "orig", exc), sqlite3.OperationalError | sqlite3.DatabaseError):
        return None
    if "locked" in text or "busy" in text:
        return "locked"
    if "readonly" in text or "read-only" in text:
        return "read_only"
    if "disk is full" in text or "database or disk is full" in text:
        return "disk_full"
    if "file is not a database" in text:
        return "not_a_database"
    if "malformed" in text or "corrupt" in text:
        return "corrupted"
    if "unable to open" in text or "disk i/o error" in text:
        return "cannot_open"
    return None
