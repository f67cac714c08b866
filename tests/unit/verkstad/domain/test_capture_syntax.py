"""The inline syntax of captured lines: tags, owners and due dates come out, the sentence stays readable."""

from __future__ import annotations

import datetime as dt

import pytest

from verkstad.domain.capture_syntax import match_names, match_theme, parse_line, tag_key
from verkstad.i18n import translator

DA = translator("da").parse_date
FI = translator("fi").parse_date


def test_trailing_metadata_leaves_the_text():
    parsed = parse_line("Ring til leverandøren #transport @karen 12.03.27", DA)
    assert parsed.text == "Ring til leverandøren"
    assert parsed.tags == ["transport"]
    assert parsed.owner == "karen"
    assert parsed.due == dt.date(2027, 3, 12)


def test_tags_inside_a_sentence_keep_their_word():
    parsed = parse_line("Krav om #transport i alle #grønne udbud", DA)
    assert parsed.text == "Krav om transport i alle grønne udbud"
    assert parsed.tags == ["transport", "grønne"]


def test_a_repeated_tag_counts_once_and_punctuation_stays():
    parsed = parse_line("Elbiler, #Transport, og mere #transport.", DA)
    assert parsed.tags == ["Transport"]
    assert parsed.text == "Elbiler, Transport, og mere"


@pytest.mark.parametrize("text", ["Pris #1 er vigtigst", "mail: karen@nordhavn.example", "C# og @ alene"])
def test_things_that_only_look_like_metadata_stay_text(text):
    parsed = parse_line(text, DA)
    assert parsed.text == text
    assert parsed.tags == [] and parsed.owner is None


def test_owner_with_a_dot_or_underscore_reads_as_two_names():
    assert parse_line("Opgave @karen.eksempel", DA).owner == "karen eksempel"
    assert parse_line("Opgave @Søren_Prøve", DA).owner == "Søren Prøve"


@pytest.mark.parametrize("typed, parser, expected", [
    ("12.03.27", DA, dt.date(2027, 3, 12)),
    ("12.3.2027", FI, dt.date(2027, 3, 12)),
    ("1.2.3", DA, None),  # year 3 is no due date
    ("31.02.27", DA, None),
])
def test_full_dates_in_the_meeting_language(typed, parser, expected):
    parsed = parse_line(f"Send planen {typed}", parser)
    assert parsed.due == expected
    assert parsed.text == ("Send planen" if expected else f"Send planen {typed}")


def test_day_and_month_without_a_year_fall_on_the_next_such_day():
    meeting_day = dt.date(2027, 11, 20)
    assert parse_line("Svar 12.3.", DA, reference=meeting_day).due == dt.date(2028, 3, 12)
    assert parse_line("Svar 24.11", DA, reference=meeting_day).due == dt.date(2027, 11, 24)


def test_dates_can_be_left_as_text():
    parsed = parse_line("Mødet 12.03.27 var godt", DA, dates=False)
    assert parsed.due is None and parsed.text == "Mødet 12.03.27 var godt"


def test_a_date_inside_the_sentence_is_the_due_date_and_stays_in_the_text():
    parsed = parse_line("Senest 12.03.27 skal udbuddet ud", DA)
    assert parsed.due == dt.date(2027, 3, 12)
    assert parsed.text == "Senest 12.03.27 skal udbuddet ud"


def test_only_metadata():
    assert parse_line("#transport @karen", DA).only_metadata
    assert not parse_line("Elbiler #transport", DA).only_metadata
    assert not parse_line("", DA).only_metadata


def test_tag_keys_fold_case_and_punctuation_but_keep_nordic_letters():
    assert tag_key("Code of conduct") == tag_key("code-of-conduct") == "codeofconduct"
    assert tag_key("Grøn") == tag_key("GRØN")
    assert tag_key("Grøn") != tag_key("Gron")
    assert tag_key("Työllisyys") != tag_key("Tyollisyys")


def test_theme_matching():
    themes = {"g": "Grøn", "c": "Cirkulær", "k": "Code of conduct", "s": "Social", "so": "Sociale klausuler"}
    assert match_theme("grøn", themes) == "g"
    assert match_theme("cirk", themes) == "c"  # the only one it starts
    assert match_theme("code_of_conduct", themes) == "k"
    assert match_theme("soc", themes) is None  # two start with it
    assert match_theme("gr", themes) is None  # too short to guess
    assert match_theme("gron", themes) is None  # ø is not o


def test_name_matching_prefers_the_closest_fit():
    people = {"k": "Karen Eksempel", "ka": "Kasper Fiktiv", "s": "Søren Prøve", "l": "Lise Karen Holm"}
    assert match_names("karen", people) == ["k"]  # first name beats a middle name
    assert match_names("Karen Eksempel", people) == ["k"]
    assert match_names("prøve", people) == ["s"]
    assert match_names("ka", people) == ["k", "ka"]  # ambiguous: both start with it
    assert match_names("sø", people) == ["s"]
    assert match_names("so", people) == []  # ø is not o
