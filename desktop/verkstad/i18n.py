"""Message catalogs and locale-aware formatting for the five languages Verkstad speaks.

`_`, `ngettext`, `pgettext` and `N_` are imported explicitly where needed; `_` looks the
catalog up on every call, so switching the language takes effect without a restart.
Documents ask for a `Translator` of the organisation's language instead of using the
interface language.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from decimal import Decimal
from functools import cache

from verkstad.paths import i18n_dir

DOMAIN = "verkstad"
LANGUAGES: dict[str, str] = {
    "en": "English",
    "da": "Dansk",
    "sv": "Svenska",
    "fi": "Suomi",
    "nb": "Norsk bokmål",
}
# Babel locales: English is written the European way (day before month).
LOCALES = {"en": "en_GB", "da": "da_DK", "sv": "sv_SE", "fi": "fi_FI", "nb": "nb_NO"}
DEFAULT_LANGUAGE = "en"


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with `_`."""
    return message


class ContextualMessage(str):
    """A message marked with `NP_`: `_` and `Translator.gettext` look it up in its context."""

    context: str

    def __new__(cls, context: str, message: str) -> ContextualMessage:
        self = super().__new__(cls, message)
        self.context = context
        return self


def NP_(context: str, message: str) -> str:
    """Mark a string with a context (msgctxt) for extraction; translate it later with `_`."""
    return ContextualMessage(context, message)


class Translator:
    """Translations and Babel formatting bound to one language."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language: {language!r}")
        self.language = language
        self.locale = LOCALES[language]
        self._catalog = _catalog(language)

    def gettext(self, message: str) -> str:
        if isinstance(message, ContextualMessage):
            return self._catalog.pgettext(message.context, str(message))
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)

    def date(self, value: dt.date | None, format: str = "medium") -> str:
        if value is None:
            return ""
        return _format_date(value, format, str(self.locale))

    def time(self, value: dt.time | None, format: str = "short") -> str:
        if value is None:
            return ""
        from babel.dates import format_time

        return format_time(value, format=format, locale=self.locale)

    def number(self, value: float | int | Decimal, digits: int = 1) -> str:
        return _format_number(value, digits, str(self.locale))

    def percent(self, share: float) -> str:
        """A share (0.4) as this language writes a percentage ("40 %" in Danish, "40%" in English)."""
        return _format_percent(share, str(self.locale))

    def list(self, items: list[str]) -> str:
        from babel.lists import format_list

        return format_list(items, locale=self.locale) if items else ""

    def parse_date(self, text: str) -> dt.date:
        """Parse a date in this language's short format (raises ValueError)."""
        from babel.dates import parse_date

        return parse_date(text.strip(), locale=self.locale, format="short")


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    if language == "en":
        # English source strings are the messages themselves; the catalog exists
        # only to keep the five languages symmetrical.
        return gettext.translation(DOMAIN, i18n_dir(), [language], fallback=True)
    return gettext.translation(DOMAIN, i18n_dir(), [language])


@cache
def translator(language: str) -> Translator:
    return Translator(language)


_current = DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    global _current
    translator(language)  # fail early on an unknown or missing catalog
    _current = language


def current_language() -> str:
    return _current


def current() -> Translator:
    return translator(_current)


def _(message: str) -> str:
    return translator(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translator(_current).pgettext(context, message)


@functools.lru_cache(maxsize=4096)
def _format_date(value: dt.date, format: str, locale: str) -> str:
    """Babel's date in a language, remembered: a summary or a long plan prints the same deadlines
    again and again, and Babel takes some twenty microseconds a date."""
    from babel.dates import format_date

    return format_date(value, format=format, locale=locale)


@functools.lru_cache(maxsize=4096)
def _format_percent(share: float, locale: str) -> str:
    """Babel's percentage in a language, remembered (a report says the same shares done again)."""
    from babel.numbers import format_percent

    return format_percent(share, locale=locale)


@functools.lru_cache(maxsize=4096)
def _format_number(value: float | int | Decimal, digits: int, locale: str) -> str:
    """Babel's number in a language, remembered (the same counts and hours recur)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale)
