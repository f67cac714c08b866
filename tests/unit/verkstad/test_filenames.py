"""File names made from document titles that Windows, macOS and Linux all accept (verkstad.filenames)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verkstad.filenames import MAX_BYTES, safe_file_name

REFUSED = set(':/\\*?"<>|') | {chr(c) for c in range(0x20)} | {chr(c) for c in range(0x7F, 0xA0)}
RESERVED = ["CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9"]


@pytest.mark.parametrize("title, expected", [
    ("Aktivitetsplan: Nordhavn Kommune", "Aktivitetsplan - Nordhavn Kommune.pdf"),
    ("Plan 2027/2028", "Plan 2027 - 2028.pdf"),
    ("A\\B", "A - B.pdf"),
    ("Ja | Nej", "Ja - Nej.pdf"),
    ('Hvad er "grønt" indkøb?', "Hvad er grønt indkøb.pdf"),
    ("<Udkast> *fortroligt*", "Udkast fortroligt.pdf"),
    ("Linje\nskift\tog tab", "Linje skift og tab.pdf"),
])
def test_characters_file_systems_refuse_are_replaced_readably(title, expected):
    assert safe_file_name(title) == expected


@pytest.mark.parametrize("title", ["Ærø – Østerbro å", "Åbo stad: Förvaltning", "Sámi: ŋ č đ", "Jyväskylä"])
def test_letters_of_every_language_are_kept(title):
    name = safe_file_name(title)
    for letter in "ÆæØøÅåÄäÖöŋčđ":
        assert (letter in name) == (letter in title)


def test_decomposed_letters_are_composed():
    assert safe_file_name("Ko\u0308ln") == "K\u00f6ln.pdf"


@pytest.mark.parametrize("title", ["  .skjult.  ", "...Plan...", " - Plan - "])
def test_no_leading_or_trailing_dots_spaces_or_dashes(title):
    name = safe_file_name(title, suffix="")
    assert name == name.strip(" .-")
    assert "Plan" in name or "skjult" in name


@pytest.mark.parametrize("title", ["", "   ", "///", "...", ":", "**??", "\x00\x01"])
def test_a_title_with_nothing_left_gets_the_fallback(title):
    assert safe_file_name(title) == "document.pdf"
    assert safe_file_name(title, fallback="plan") == "plan.pdf"


@pytest.mark.parametrize("title", ["Plan.pdf", "Plan.PDF", "Plan"])
def test_the_suffix_is_added_once(title):
    assert safe_file_name(title) == "Plan.pdf"


def test_another_suffix_is_kept_and_the_title_keeps_its_own_dots():
    assert safe_file_name("Referat v1.2", suffix=".docx") == "Referat v1.2.docx"
    assert safe_file_name("Referat.pdf", suffix=".docx") == "Referat.pdf.docx"
    assert safe_file_name("Referat", suffix="") == "Referat"


@pytest.mark.parametrize("reserved", RESERVED)
def test_names_windows_reserves_are_never_the_name(reserved):
    for title in (reserved, reserved.lower(), f"{reserved}.txt", f"{reserved.title()}.pdf"):
        name = safe_file_name(title)
        assert name.split(".")[0].upper() not in RESERVED, name
        assert reserved.casefold() in name.casefold()  # still recognisable


@pytest.mark.parametrize("title", ["CONSOLE", "COM10", "Nulpunkt", "AUX - plan", "Concept"])
def test_names_that_only_start_like_a_reserved_one_are_left_alone(title):
    assert safe_file_name(title) == f"{title}.pdf"


@pytest.mark.parametrize("letter", ["x", "æ", "€", "😀"])
def test_a_long_title_is_cut_to_the_byte_limit_keeping_the_suffix(letter):
    name = safe_file_name(letter * 400)
    assert name.endswith(".pdf")
    assert len(name.encode("utf-8")) <= MAX_BYTES
    assert len(name.encode("utf-8")) > MAX_BYTES - 4  # cut at the limit, not far before it
    assert set(name[:-4]) == {letter}  # no letter cut in half


def test_a_cut_does_not_leave_a_trailing_space_or_dot():
    name = safe_file_name("a" * (MAX_BYTES - 5) + " . b" * 10)
    assert not name[:-4].endswith((" ", ".", "-"))
    assert len(name.encode("utf-8")) <= MAX_BYTES


@given(st.text(max_size=300), st.sampled_from([".pdf", ".docx", ""]))
def test_any_title_gives_a_name_every_file_system_takes(title, suffix):
    name = safe_file_name(title, suffix=suffix)
    assert name.endswith(suffix)
    stem = name[: len(name) - len(suffix)]
    assert stem, name
    assert not set(stem) & REFUSED
    assert stem == stem.strip(" .")
    assert stem.split(".")[0].upper() not in RESERVED
    assert len(name.encode("utf-8")) <= MAX_BYTES
