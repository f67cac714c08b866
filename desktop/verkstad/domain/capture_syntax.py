"""The inline syntax of a captured line: `#theme`, `@owner` and a due date, read from plain text.

Metadata at the end of a line is taken out of the text ("Ring til leverandøren @karen
12.03.27" keeps "Ring til leverandøren"); a tag or a name inside a sentence keeps its
word and loses only its marker ("Krav om #transport i udbud" keeps "Krav om transport
i udbud"). Dates are parsed by a function the caller passes in (the meeting language's
short format through Babel), so this module stays free of locales; a day and month
without a year ("12.3.") fall on the next such day from the reference date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

# A tag starts with a letter: "#1" or "#" alone stay text.
_TAG = re.compile(r"^#([^\W\d_][\w\-]*)$")
_OWNER = re.compile(r"^@([^\W\d_][\w.\-']*)$")
_FULL_DATE = re.compile(r"^\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[./](\d{1,2})\.?$")
_TRAILING_PUNCT = ".,;:!?)"

DateParser = Callable[[str], dt.date]


@dataclass(frozen=True)
class ParsedLine:
    """What a captured line says: its text and the metadata written inline."""

    text: str
    tags: list[str] = field(default_factory=list)  # as typed, without '#', in order, no repeats
    owner: str | None = None  # as typed, without '@', '_' and '.' read as spaces
    due: dt.date | None = None

    @property
    def only_metadata(self) -> bool:
        """True when the line held nothing but tags, an owner or a date."""
        return not self.text and bool(self.tags or self.owner or self.due)


def tag_key(name: str) -> str:
    """How tags and theme names are compared: case and punctuation folded, letters kept.

    Nordic letters stay distinct (å is not a): only case, spaces and punctuation fold,
    so "#code-of-conduct" finds "Code of conduct" and "#Grøn" finds "grøn".
    """
    name = unicodedata.normalize("NFC", name).casefold()
    return "".join(ch for ch in name if ch.isalnum())


def _split_punct(token: str) -> tuple[str, str]:
    core = token.rstrip(_TRAILING_PUNCT)
    return core, token[len(core):]


def _date(core: str, parse_date: DateParser | None, reference: dt.date | None) -> dt.date | None:
    if parse_date is not None and _FULL_DATE.match(core):
        for candidate in (core, core.rstrip(".")):
            try:
                value = parse_date(candidate)
            except (ValueError, IndexError, TypeError):
                continue
            if 1900 <= value.year <= 2200:
                return value
        return None
    match = _DAY_MONTH.match(core)
    if match and reference is not None:
        day, month = int(match.group(1)), int(match.group(2))
        for year in (reference.year, reference.year + 1):
            try:
                value = dt.date(year, month, day)
            except ValueError:
                return None
            if value >= reference:
                return value
    return None


def parse_line(text: str, parse_date: DateParser | None = None, *,
               reference: dt.date | None = None, dates: bool = True) -> ParsedLine:
    """Read tags, an owner and a due date out of `text`.

    `parse_date` turns a full date ("12.03.27") into a date or raises ValueError;
    `reference` (the meeting's date) places a day and month without a year; with
    `dates=False` dates stay plain text (for ideas and notes, where a date is usually
    what was said, not a deadline).
    """
    tokens = text.split()
    tags: list[str] = []
    owner: str | None = None
    due: dt.date | None = None
    kinds: list[str | None] = []  # per token: "tag", "owner", "date" or None
    words: list[str] = []  # the token as it reads inside a sentence
    for token in tokens:
        core, punct = _split_punct(token)
        tag = _TAG.match(core)
        person = _OWNER.match(core)
        if tag:
            name = tag.group(1)
            if tag_key(name) not in {tag_key(t) for t in tags}:
                tags.append(name)
            kinds.append("tag")
            words.append(name + punct)
        elif person:
            name = re.sub(r"[._]+", " ", person.group(1)).strip()
            owner = owner or name
            kinds.append("owner")
            words.append(name + punct)
        elif dates and (value := _date(core, parse_date, reference)) is not None:
            due = due or value
            kinds.append("date")
            words.append(token)
        else:
            kinds.append(None)
            words.append(token)
    # Metadata trailing the sentence leaves the text; inside it, it stays as a word.
    end = len(tokens)
    while end > 0 and kinds[end - 1] is not None:
        end -= 1
    # A date inside the sentence is still the due date; the text keeps it as written.
    return ParsedLine(text=" ".join(words[:end]), tags=tags, owner=owner, due=due)


def match_names(typed: str, names: dict[str, str]) -> list[str]:
    """Ids whose person name fits what was typed after '@'.

    `names` maps id to full name. A full name, a first name, any one name, or the start
    of the first name fits ("@kar" finds "Karen Eksempel"); the best kind of fit wins.
    """
    want = tag_key(typed)
    if not want:
        return []
    tiers: list[list[str]] = [[], [], [], []]
    for id_, name in names.items():
        parts = [tag_key(p) for p in name.split()]
        if tag_key(name) == want:
            tiers[0].append(id_)
        elif parts and parts[0] == want:
            tiers[1].append(id_)
        elif want in parts:
            tiers[2].append(id_)
        elif parts and len(want) >= 2 and parts[0].startswith(want):
            tiers[3].append(id_)
    for tier in tiers:
        if tier:
            return tier
    return []


def match_theme(typed: str, themes: dict[str, str]) -> str | None:
    """The id of the theme a tag names (exact, else the only one it starts), or None."""
    want = tag_key(typed)
    exact = [id_ for id_, name in themes.items() if tag_key(name) == want]
    if exact:
        return exact[0]
    if len(want) >= 3:
        starts = [id_ for id_, name in themes.items() if tag_key(name).startswith(want)]
        if len(starts) == 1:
            return starts[0]
    return None
