"""User text made safe for Platypus: control characters stripped, characters the family lacks
set in the fallback that has them (and the few no shipped font has as a visible marker), markup
characters escaped."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from verkstad.errors import VerkstadError

REPLACEMENT = "\u25a1"  # what no shipped font draws becomes a visible white square, never U+FFFD
# Invisible formatting characters that carry no glyph: dropped rather than marked.
_INVISIBLE = {"Cf", "Cc", "Zl", "Zp"}
_KEEP = {"\n"}
_SPACES = {"\t", "\u2028", "\u2029", "\u00a0"}  # become plain spaces (or a line break)


class DocumentError(VerkstadError):
    """A document cannot be made from the data as it is; the text says why, in plain words."""


@lru_cache(maxsize=8192)
def _char(ch: str) -> str:
    """What a single character becomes in a document."""
    from verkstad.documents.styles import register_fonts

    if ch in _KEEP:
        return ch
    if ch in ("\u2028", "\u2029"):
        return "\n"
    if ch in _SPACES:
        return " " if ch != "\u00a0" else ch
    category = unicodedata.category(ch)
    if category == "Cs":  # a lone surrogate: not a character at all
        return REPLACEMENT
    if category in _INVISIBLE:
        return ""
    if category == "Mn" and 0xFE00 <= ord(ch) <= 0xFE0F:  # emoji/text variation selectors
        return ""
    if register_fonts().drawable(ch):
        return ch
    return REPLACEMENT


def clean(text: object) -> str:
    """The text as the document prints it: no control characters, only drawable glyphs."""
    if text is None:
        return ""
    text = str(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isprintable() and (text.isascii() or _family().issuperset(text)):
        return text
    return "".join(_char(ch) for ch in text)


def _family() -> frozenset[str]:
    from verkstad.documents.styles import register_fonts

    return register_fonts().family


def markup(text: object) -> str:
    """Paragraph markup that prints `text` literally: `R&D <b>x</b> 5 < 6` stays as typed; a
    character the family lacks is set in the fallback font that has it."""
    value = clean(text)
    from verkstad.documents.styles import REGULAR, register_fonts, runs

    if value.isascii() or register_fonts().family.issuperset(value):  # all in the family: no fallback
        return escape(value).replace("\n", "<br/>")

    return "".join(escape(chunk) if font == REGULAR else f'<font name="{font}">{escape(chunk)}</font>'
                   for font, chunk in runs(value, REGULAR)).replace("\n", "<br/>")


def plain(text: object) -> str:
    """Text for canvas drawing and PDF metadata (no markup interpretation there)."""
    return clean(text).replace("\n", " ")


def unbroken(text: str) -> str:
    """Text a line must not break inside (a date, a count, a phone or register number): its
    spaces made non-breaking, which reportlab and Word both keep together."""
    return text.replace(" ", "\u00a0")
