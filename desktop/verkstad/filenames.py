"""File names that every file system accepts, made from a document's title."""

from __future__ import annotations

import re
import unicodedata

# What Windows (NTFS, FAT) refuses, and macOS's Finder shows as "/": the strictest of the three
# decides, since a PDF saved on Linux is sent on to a municipality's Windows machines.
_SEPARATOR = re.compile(r"\s*[:/\\|]+\s*")  # "Aktivitetsplan: Fjordby" -> "Aktivitetsplan - Fjordby"
_REFUSED = re.compile(r'[*?"<>\x00-\x1f\x7f-\x9f]')
_SPACES = re.compile(r"\s+")
# Names Windows reserves whatever their extension ("CON.pdf" cannot be created there).
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
# Most file systems allow 255 bytes a name; leave room for " (2)" that a browser or mailer adds.
MAX_BYTES = 200


def safe_file_name(title: str, suffix: str = ".pdf", fallback: str = "document") -> str:
    """`title` as a file name ending in `suffix`: without the characters file systems refuse
    (``: / \\ * ? " < > |``, control characters), without leading or trailing dots and spaces,
    at most MAX_BYTES bytes in UTF-8; letters of every language (æ ø å ä ö) are kept."""
    name = unicodedata.normalize("NFC", title)
    if suffix and name.casefold().endswith(suffix.casefold()):
        name = name[: -len(suffix)]
    name = _SEPARATOR.sub(" - ", name)
    name = _REFUSED.sub(" ", name)
    name = _SPACES.sub(" ", name).strip(" .-")
    limit = MAX_BYTES - len(suffix.encode("utf-8"))
    while len(name.encode("utf-8")) > limit:
        name = name[:-1]
    name = name.rstrip(" .-")
    if not name:
        name = fallback
    if name.split(".")[0].upper() in _RESERVED:
        name = "_" + name
    return name + suffix
