"""Texts a programme gives in several languages: the programme's name, its phases' titles,
meeting and agenda titles, themes (Decidim's translatable fields are the model).

A record's own field holds the text in the language it was written in (the programme's, or
for an organisation's meeting the organisation's); `translations` holds the others, by field
and language. A document asks for a field in its language and gets the record's own text
where no translation is given.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from verkstad.domain.registry import record_type
from verkstad.i18n import LANGUAGES


def text_in(record: Any, name: str, language: str) -> str:
    """The field `name` of `record` in `language`, or as written when it has no such translation."""
    given = (getattr(record, "translations", None) or {}).get(name, {}).get(language, "")
    return given or getattr(record, name)


def translated(record: Any, name: str, language: str) -> bool:
    """Does `record` give field `name` in `language`?"""
    return bool((getattr(record, "translations", None) or {}).get(name, {}).get(language))


def localised(record: Any, language: str) -> Any:
    """A copy of `record` whose translatable fields read in `language` where it gives them (the
    record itself when it gives none); for documents, never stored."""
    translations = getattr(record, "translations", None)
    if not translations:
        return record
    values = {name: texts[language] for name, texts in translations.items() if texts.get(language)}
    return dataclasses.replace(record, **values) if values else record


def cleaned(cls: type, value: object) -> dict[str, dict[str, str]]:
    """`translations` as stored: only the type's translatable fields and known languages, texts
    stripped, empty ones left out. Raises ValueError for a shape that is no translations."""
    fields = record_type(cls).translatable
    if not isinstance(value, dict):
        raise ValueError("translations are a mapping of field to language to text")
    out: dict[str, dict[str, str]] = {}
    for name, texts in value.items():
        if name not in fields or not isinstance(texts, dict):
            raise ValueError(f"{cls.__name__} has no translatable field {name!r}")
        kept = {}
        for lang, text in texts.items():
            if lang not in LANGUAGES or not isinstance(text, str):
                raise ValueError(f"no language {lang!r} or no text for it")
            if text.strip():
                kept[lang] = text.strip() if name not in ("description", "notes") else text.rstrip()
        if kept:
            out[name] = dict(sorted(kept.items()))
    return dict(sorted(out.items()))


def with_text(translations: dict[str, dict[str, str]], name: str, language: str,
              text: str) -> dict[str, dict[str, str]]:
    """A copy of `translations` with field `name` in `language` set to `text` (removed when empty)."""
    out = {field: dict(texts) for field, texts in translations.items()}
    texts = out.setdefault(name, {})
    if text.strip():
        texts[language] = text
    else:
        texts.pop(language, None)
    if not texts:
        del out[name]
    return out


def all_languages(text_of, base: str) -> dict[str, str]:
    """`text_of(language)` for every language but `base`: a template's text in all five."""
    return {lang: text_of(lang) for lang in LANGUAGES if lang != base}


def rewritten(record: Any, written_in: str, now_in: str) -> dict[str, Any]:
    """The values that make `record`, written in `written_in`, read as written in `now_in`
    (its organisation's or programme's language changed): each translatable field takes its
    `now_in` text where one is given, and the text it had moves to `written_in`. {} when no
    field has a text in `now_in`."""
    if written_in == now_in:
        return {}
    translations = {name: dict(texts) for name, texts in (getattr(record, "translations", None) or {}).items()}
    values: dict[str, Any] = {}
    for name in record_type(type(record)).translatable:
        texts = translations.get(name, {})
        given = texts.pop(now_in, "")
        if not given:
            continue
        if getattr(record, name):
            texts[written_in] = getattr(record, name)
        translations[name] = dict(sorted(texts.items()))
        values[name] = given
    if values:
        values["translations"] = {name: texts for name, texts in sorted(translations.items()) if texts}
    return values
