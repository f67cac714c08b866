"""The one base of every error a user can cause: its text is a message in the user's language.

Anything that is not a `VerkstadError` (or a `StorageError`, which the environment causes)
is a bug: it is logged with its traceback and shown as one.
"""

from __future__ import annotations


class VerkstadError(Exception):
    """Something the user asked for cannot be done; `str(error)` says why, translated."""


class RuleError(VerkstadError):
    """A value breaks a rule of the programme (a required name, an end before its start)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
