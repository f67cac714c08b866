"""Dates, times and numbers as people type them, read in the order of a language's own pattern.

A facilitator types `1.6.27`, `01.06.2027`, `1/6`, `1.6.`, `01062027` or `1. juni 2027` (Danish),
`6/1/27` (US English), `2027-06-01` or `1/6` (Swedish); a time as `9`, `930`, `9.30`, `9:30`,
`09.30` or `kl. 9.30`; a number of hours as `1,5` (or `1.5`) in Danish. The order of day, month
and year comes from Babel's short date pattern of the locale (`dd.MM.y`, `M/d/yy`,
`y-MM-dd`), so the parser follows the same CLDR data as the formatting.

A missing year is the one that puts the date in the year around the reference date (the
meeting's date, or today) that a planner means: from three months before it to nine months
after it (in November, `1.6.` is next June; in July, `1.6.` is this June). A two-digit year is the one of its century
nearest the reference's year. Empty text is no value (None); anything else that is not a
date, time or number raises `EntryError`, whose text says what to type, in the interface
language.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from verkstad.errors import VerkstadError
from verkstad.i18n import _

_TOKEN = re.compile(r"\d+|[^\W\d_]+")
# The year around the reference in which a date typed without its year falls.
_BEFORE, _AFTER = dt.timedelta(days=92), dt.timedelta(days=273)
# Words people write before a time: "kl. 9.30" (da, sv, nb), "klo 9.30" (fi).
_TIME_WORDS = {"kl", "klo"}


class EntryError(VerkstadError):
    """Typed text that is not a date, a time or a number; `str()` says what to type instead."""


def date_order(locale: str) -> str:
    """"dmy", "mdy" or "ymd": the order of day, month and year in the locale's short pattern."""
    return _date_order(locale)


@cache
def _date_order(locale: str) -> str:
    from babel.dates import get_date_format

    pattern = get_date_format("short", locale=locale).pattern
    positions = {letter: pattern.find(c) for letter, c in (("d", "d"), ("m", "M"), ("y", "y"))}
    return "".join(sorted(positions, key=lambda letter: positions[letter]))


@cache
def _month_names(locale: str) -> dict[str, int]:
    """Every name and abbreviation of a month in the locale, case-folded, without its dot."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=locale).items():
                names[name.casefold().rstrip(".")] = number
    return names


def _not_a_date(text: str, locale: str, reference: dt.date) -> EntryError:
    from babel.dates import format_date

    return EntryError(_("“{text}” is not a date. Type one such as {example}, or clear the field for no date.")
                      .format(text=text, example=format_date(reference, "short", locale=locale)))


def _full_year(digits: str, reference: dt.date) -> int:
    year = int(digits)
    if len(digits) > 2:
        return year
    century = reference.year - reference.year % 100
    return min((century - 100 + year, century + year, century + 100 + year),
               key=lambda y: abs(y - reference.year))


def _nearest(month: int, day: int, reference: dt.date) -> dt.date:
    """The date of that day and month from three months before the reference to nine after."""
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 29 February of a year that has none: try the next
            continue
        # Both ends included: across a 29 February the year has 366 days (the earlier year wins a tie).
        if -_BEFORE <= candidate - reference <= _AFTER:
            return candidate
    return dt.date(reference.year, month, day)  # raises for a day the month never has


def parse_date(text: str, locale: str, reference: dt.date | None = None) -> dt.date | None:
    """The date typed as `text` in `locale` (a Babel locale such as "da_DK"); None when empty.

    Raises `EntryError` for anything that is not a date."""
    text = text.strip()
    if not text:
        return None
    reference = reference or dt.date.today()
    order = date_order(locale)
    tokens = _TOKEN.findall(text)
    separators = set(_TOKEN.sub(" ", text).split())
    day = month = None
    year: str | None = None
    try:
        words = [t for t in tokens if not t.isdigit()]
        numbers = [t for t in tokens if t.isdigit()]
        if words:
            if len(words) > 1 or words[0].casefold() not in _month_names(locale) or not 1 <= len(numbers) <= 2:
                raise ValueError(text)
            month = str(_month_names(locale)[words[0].casefold()])
            if len(numbers) == 1:
                day = numbers[0]
            elif len(numbers[0]) == 4 or (order == "ymd" and len(numbers[1]) != 4):
                year, day = numbers
            else:
                day, year = numbers
        elif len(tokens) == 1:
            day, month, year = _split_digits(tokens[0], order, reference)
        elif len(tokens) in (2, 3):
            if len(tokens[0]) == 4 and len(tokens) == 3:
                order = "ymd"
            elif order == "ymd" and "-" not in separators:
                order = "dmy"  # Swedish "1/6" and "1.6.2027" put the day first
            parts = dict(zip(order.replace("y", "") if len(tokens) == 2 else order, tokens, strict=True))
            day, month, year = parts["d"], parts["m"], parts.get("y")
        else:
            raise ValueError(text)
        if year is not None and len(year) not in (1, 2, 4):
            raise ValueError(text)
        if year is None:
            return _nearest(int(month), int(day), reference)
        return dt.date(_full_year(year, reference), int(month), int(day))
    except (ValueError, KeyError, OverflowError):
        raise _not_a_date(text, locale, reference) from None


def _split_digits(digits: str, order: str, reference: dt.date) -> tuple[str, str, str | None]:
    """Day, month and year of a date typed without separators: 01062027, 010627, 0106, 15."""
    if len(digits) <= 2:  # a day of the reference's month
        return digits, str(reference.month), str(reference.year)
    widths = {8: {"d": 2, "m": 2, "y": 4}, 6: {"d": 2, "m": 2, "y": 2}, 4: {"d": 2, "m": 2}}.get(len(digits))
    if widths is None:
        raise ValueError(digits)
    parts, start = {}, 0
    for letter in order:
        if letter in widths:
            parts[letter] = digits[start:start + widths[letter]]
            start += widths[letter]
    return parts["d"], parts["m"], parts.get("y")


def parse_time(text: str, locale: str) -> dt.time | None:
    """The time typed as `text` (9, 930, 0930, 9.30, 9:30, kl. 9.30, 9:30 pm); None when empty.

    Raises `EntryError` for anything that is not a time of day."""
    stripped = text.strip()
    if not stripped:
        return None
    tokens = _TOKEN.findall(stripped.casefold())
    try:
        if tokens and tokens[0] in _TIME_WORDS:
            tokens = tokens[1:]
        half = None
        if tokens and tokens[-1] in ("am", "a", "pm", "p"):
            half = tokens.pop()[0]
        if not tokens or not all(t.isdigit() for t in tokens) or len(tokens) > 2:
            raise ValueError(text)
        if len(tokens) == 2:
            hour, minute = tokens
        elif len(tokens[0]) <= 2:
            hour, minute = tokens[0], "0"
        elif len(tokens[0]) in (3, 4):
            hour, minute = tokens[0][:-2], tokens[0][-2:]
        else:
            raise ValueError(text)
        h, m = int(hour), int(minute)
        if half is not None:
            if not 1 <= h <= 12:
                raise ValueError(text)
            h = h % 12 + (12 if half == "p" else 0)
        return dt.time(h, m)
    except ValueError:
        from babel.dates import format_time

        raise EntryError(_("“{text}” is not a time. Type one such as {example}.").format(
            text=stripped, example=format_time(dt.time(9, 30), "short", locale=locale))) from None


def parse_decimal(text: str, locale: str) -> float | None:
    """A number typed in `locale` ("1,5" and "1.5" in Danish; "1.500" is fifteen hundred);
    None when empty. Raises `EntryError` for anything else."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    stripped = text.strip()
    if not stripped:
        return None
    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    value = re.sub(r"[\s\u00a0\u202f]", "", stripped)
    if group.strip():
        other = "." if decimal == "," else ","
        if value.count(group) == 1 and decimal not in value and not re.search(re.escape(group) + r"\d{3}$", value):
            value = value.replace(group, decimal)  # "1.5" in Danish: one separator, not a thousand
        elif other != group:
            value = value.replace(other, decimal)
        value = value.replace(group, "")
    else:
        value = value.replace("." if decimal == "," else ",", decimal)
    value = value.replace(decimal, ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value):
        from babel.numbers import format_decimal

        raise EntryError(_("“{text}” is not a number. Type one such as {example}.").format(
            text=stripped, example=format_decimal(1.5, locale=locale)))
    return float(value)
