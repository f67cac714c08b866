"""Every message is translated into every language, and formatting follows the language."""

import datetime as dt

import pytest
from babel.messages.pofile import read_po

from verkstad.i18n import LANGUAGES, translator
from verkstad.paths import i18n_dir


def _catalog(lang):
    with open(i18n_dir() / lang / "LC_MESSAGES" / "verkstad.po", "rb") as f:
        return read_po(f)


def _template_ids():
    with open(i18n_dir() / "messages.pot", "rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_catalog_translates_every_message(lang):
    catalog = _catalog(lang)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id)
    assert not missing, f"{lang}: {len(missing)} untranslated, e.g. {missing[:5]}"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_catalog_holds_every_extracted_message(lang):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(lang) if m.id}
    assert _template_ids() - ids == set(), "run scripts/i18n.sh to merge new messages"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_compiled_catalog_is_up_to_date(lang):
    from babel.messages.mofile import read_mo

    def key(m):
        context = m.context.decode() if isinstance(m.context, bytes) else m.context  # read_mo gives bytes
        return (context, tuple(m.id) if isinstance(m.id, list | tuple) else m.id)

    def value(m):
        return tuple(m.string) if isinstance(m.string, list | tuple) else m.string

    with open(i18n_dir() / lang / "LC_MESSAGES" / "verkstad.mo", "rb") as f:
        compiled = {key(m): value(m) for m in read_mo(f) if m.id}
    source = {key(m): value(m) for m in _catalog(lang)
              if m.id and not m.fuzzy and all(value(m) if isinstance(value(m), tuple) else (value(m),))}
    stale = {k: v for k, v in source.items() if compiled.get(k) != v}
    assert not stale, f"run scripts/i18n.sh compile: {list(stale)[:3]}"


def _fields(text: str) -> set[str]:
    """The replacement fields of a str.format text, exactly as format() would look them up."""
    import string

    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def test_format_placeholders_survive_translation():
    """A translation names only the fields its message fills (a Danish "{min.utes}" made the
    agenda's duration raise KeyError and every meeting view a bug report)."""
    wrong = []
    for lang in LANGUAGES:
        for message in _catalog(lang):
            if not message.id or not message.string or "python-brace-format" not in message.flags:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = set().union(*(_fields(i) for i in ids))
            for s in strings:
                try:
                    fields = _fields(s)
                except ValueError:  # an unmatched brace
                    fields = {"<unbalanced braces>"}
                if not fields <= wanted or (len(ids) == 1 and fields != wanted):
                    wrong.append((lang, ids[0], s))
    assert not wrong, wrong[:5]


def test_dates_and_numbers_follow_the_language():
    d = dt.date(2027, 3, 1)
    assert translator("da").date(d, "long") == "1. marts 2027"
    assert translator("fi").date(d, "long") == "1. maaliskuuta 2027"
    assert translator("sv").number(12345.5) == "12\xa0345,5"
    assert translator("nb").number(12345.5) == "12\xa0345,5"
    assert translator("en").number(12345.5) == "12,345.5"
    assert translator("da").parse_date("01.03.2027") == d
