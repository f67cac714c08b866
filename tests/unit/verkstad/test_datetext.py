"""Dates, times and hours read as facilitators type them in the five languages (verkstad.datetext)."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date

from verkstad.datetext import EntryError, date_order, parse_date, parse_decimal, parse_time
from verkstad.i18n import set_language

JUNE_1 = dt.date(2027, 6, 1)
# A reference in spring: "1.6." without a year is this coming June.
SPRING = dt.date(2027, 3, 10)
NORDIC = ["da_DK", "sv_SE", "fi_FI", "nb_NO"]


@pytest.mark.parametrize("locale, order", [
    ("da_DK", "dmy"), ("nb_NO", "dmy"), ("fi_FI", "dmy"), ("en_GB", "dmy"), ("sv_SE", "ymd"), ("en_US", "mdy"),
])
def test_the_order_of_day_month_and_year_comes_from_the_locales_short_pattern(locale, order):
    assert date_order(locale) == order


@pytest.mark.parametrize("locale", [*NORDIC, "en_GB"])
@pytest.mark.parametrize("text", ["1.6.27", "01.06.2027", "1.6.2027", "1/6", "1.6.", "1.6", "2027-06-01"])
def test_dates_with_separators_put_the_day_first_in_nordic_and_british_locales(locale, text):
    assert parse_date(text, locale, SPRING) == JUNE_1


@pytest.mark.parametrize("locale", ["da_DK", "fi_FI", "nb_NO", "en_GB"])
@pytest.mark.parametrize("text", ["01062027", "010627", "0106"])
def test_dates_typed_without_separators_in_day_month_year_order(locale, text):
    assert parse_date(text, locale, SPRING) == JUNE_1


def test_swedish_dates_without_separators_follow_the_iso_order():
    assert parse_date("20270601", "sv_SE", SPRING) == JUNE_1
    assert parse_date("270601", "sv_SE", SPRING) == JUNE_1
    assert parse_date("27-06-01", "sv_SE", SPRING) == JUNE_1


@pytest.mark.parametrize("locale", [*NORDIC, "en_GB", "en_US"])
def test_a_day_alone_is_that_day_of_the_references_month(locale):
    assert parse_date("15", locale, SPRING) == dt.date(2027, 3, 15)
    assert parse_date("5", locale, SPRING) == dt.date(2027, 3, 5)


@pytest.mark.parametrize("text, locale", [
    ("1. juni 2027", "da_DK"),
    ("1 juni 2027", "da_DK"),
    ("1. jun. 2027", "da_DK"),
    ("1. JUNI 2027", "da_DK"),
    ("1. juni", "da_DK"),
    ("1. juni 2027", "nb_NO"),
    ("1 juni 2027", "sv_SE"),
    ("2027 juni 1", "sv_SE"),
    ("1. kesäkuuta 2027", "fi_FI"),
    ("1 June 2027", "en_GB"),
    ("June 1, 2027", "en_US"),
])
def test_dates_with_the_month_written_as_a_word(text, locale):
    assert parse_date(text, locale, SPRING) == JUNE_1


@pytest.mark.parametrize("text", ["6/1/27", "06/01/2027", "6/1", "06012027", "060127", "0601", "2027-06-01"])
def test_us_english_puts_the_month_first(text):
    assert parse_date(text, "en_US", SPRING) == JUNE_1


def test_the_same_text_is_another_date_in_us_english():
    assert parse_date("6/1/27", "en_GB", SPRING) == dt.date(2027, 1, 6)
    assert parse_date("6/1/27", "en_US", SPRING) == JUNE_1


@pytest.mark.parametrize("reference, expected", [
    (dt.date(2026, 11, 15), dt.date(2027, 6, 1)),  # in November, 1.6. is next June
    (dt.date(2027, 7, 1), dt.date(2027, 6, 1)),  # in July, it is this June (a month ago)
    (dt.date(2027, 3, 10), dt.date(2027, 6, 1)),
    (dt.date(2027, 9, 1), dt.date(2027, 6, 1)),  # 1 June is 92 days before: still this year's
    (dt.date(2027, 9, 2), dt.date(2028, 6, 1)),  # 93 days before: next year's
])
def test_a_missing_year_puts_the_date_from_three_months_before_to_nine_after_the_reference(reference, expected):
    assert parse_date("1.6.", "da_DK", reference) == expected
    assert parse_date("0106", "da_DK", reference) == expected


@pytest.mark.parametrize("text, expected", [
    ("8.12.", dt.date(2026, 12, 8)),  # 92 days before 10 March 2027: the first day of the window
    ("7.12.", dt.date(2027, 12, 7)),  # one day earlier: next December, 272 days after
    ("10.3.", dt.date(2027, 3, 10)),  # the reference itself
    ("1.1.", dt.date(2027, 1, 1)),
    ("28.2.", dt.date(2027, 2, 28)),
])
def test_the_window_of_a_missing_year_is_one_year_long(text, expected):
    assert parse_date(text, "da_DK", SPRING) == expected


def test_every_day_and_month_without_a_year_lands_in_the_window_around_any_reference():
    """Bug: across a 29 February the window of 365 days missed one day and month, which fell
    back to the reference's own year, 93 days before it (1.6. typed on 2 September 2027 was
    June 2027, on 2 September 2026 June 2027)."""
    days = [dt.date(2028, 1, 1) + dt.timedelta(days=n) for n in range(366)]  # every day, 29 February too
    reference = dt.date(2026, 1, 3)
    while reference < dt.date(2030, 1, 1):
        for day in days:
            if day.month == 2 and day.day == 29:
                continue
            typed = parse_date(f"{day.day}.{day.month}.", "da_DK", reference)
            assert (typed.month, typed.day) == (day.month, day.day)
            assert -92 <= (typed - reference).days <= 273, (reference, typed)
        reference += dt.timedelta(days=5)
    assert parse_date("1.6.", "da_DK", dt.date(2027, 9, 2)) == dt.date(2028, 6, 1)
    assert parse_date("1.6.", "da_DK", dt.date(2026, 9, 2)) == dt.date(2027, 6, 1)


def test_the_29th_of_february_without_a_year_takes_the_leap_year_in_the_window():
    assert parse_date("29.2.", "da_DK", dt.date(2027, 12, 15)) == dt.date(2028, 2, 29)
    with pytest.raises(EntryError):  # no 29 February from December 2026 to December 2027
        parse_date("29.2.", "da_DK", SPRING)


@pytest.mark.parametrize("text, reference, expected", [
    ("1.6.27", dt.date(2027, 3, 10), dt.date(2027, 6, 1)),
    ("1.6.99", dt.date(2027, 3, 10), dt.date(1999, 6, 1)),  # nearer than 2099
    ("1.6.70", dt.date(2027, 3, 10), dt.date(2070, 6, 1)),  # nearer than 1970
    ("1.6.05", dt.date(2095, 3, 10), dt.date(2105, 6, 1)),  # the next century is nearer
    ("1.6.95", dt.date(2003, 3, 10), dt.date(1995, 6, 1)),  # the last century is nearer
])
def test_a_two_digit_year_is_the_one_of_its_century_nearest_the_reference(text, reference, expected):
    assert parse_date(text, "da_DK", reference) == expected


def test_a_four_digit_year_is_taken_as_written():
    assert parse_date("1.6.1999", "da_DK", SPRING) == dt.date(1999, 6, 1)
    assert parse_date("1.6.2099", "da_DK", SPRING) == dt.date(2099, 6, 1)


@pytest.mark.parametrize("locale", [*NORDIC, "en_GB", "en_US"])
@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_empty_text_is_no_date(locale, text):
    assert parse_date(text, locale, SPRING) is None


@pytest.mark.parametrize("text", [
    "abc", "31.2.27", "1.13.27", "0.6.27", "32.1.", "1.6.027", "1.6.2027.5", "12345", "1234567",
    "1. juni maj", "1. blah 2027", "1 2 3 4", "juni",
])
def test_text_that_is_not_a_date_is_refused_with_an_example(text):
    with pytest.raises(EntryError) as refused:
        parse_date(text, "da_DK", SPRING)
    message = str(refused.value)
    assert text in message
    assert "10.03.2027" in message  # the reference in the language's short format, to type instead


@pytest.mark.parametrize("locale", [*NORDIC, "en_GB", "en_US"])
def test_the_example_is_in_the_locales_own_short_format(locale):
    with pytest.raises(EntryError) as refused:
        parse_date("not a date", locale, SPRING)
    assert format_date(SPRING, "short", locale=locale) in str(refused.value)


def test_the_refusal_is_in_the_interface_language():
    messages = {}
    for language in ("en", "da"):
        set_language(language)
        with pytest.raises(EntryError) as refused:
            parse_date("abc", "da_DK", SPRING)
        messages[language] = str(refused.value)
    assert messages["da"] != messages["en"]  # the Danish catalog's words, not the English ones
    assert all("abc" in m and "10.03.2027" in m for m in messages.values())


def test_without_a_reference_a_missing_year_is_read_around_today():
    today = dt.date.today()
    typed = parse_date(f"{today.day}.{today.month}.", "da_DK")
    assert typed == today


# -- times ------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", [*NORDIC, "en_GB", "en_US"])
@pytest.mark.parametrize("text, expected", [
    ("9", dt.time(9, 0)),
    ("09", dt.time(9, 0)),
    ("930", dt.time(9, 30)),
    ("0930", dt.time(9, 30)),
    ("1745", dt.time(17, 45)),
    ("9.30", dt.time(9, 30)),
    ("9:30", dt.time(9, 30)),
    ("09.30", dt.time(9, 30)),
    ("kl. 9.30", dt.time(9, 30)),
    ("kl 9", dt.time(9, 0)),
    ("klo 9.30", dt.time(9, 30)),
    ("9:30 pm", dt.time(21, 30)),
    ("9:30 PM", dt.time(21, 30)),
    ("9:30 am", dt.time(9, 30)),
    ("12 am", dt.time(0, 0)),
    ("12 pm", dt.time(12, 0)),
    ("0:00", dt.time(0, 0)),
    ("23.59", dt.time(23, 59)),
])
def test_times_as_people_type_them(locale, text, expected):
    assert parse_time(text, locale) == expected


@pytest.mark.parametrize("text", ["", "  "])
def test_empty_text_is_no_time(text):
    assert parse_time(text, "da_DK") is None


@pytest.mark.parametrize("text", ["25.00", "24:00", "9.60", "abc", "13 pm", "0 am", "12345", "9.30.15", "klo", "9 o"])
def test_text_that_is_not_a_time_is_refused_with_an_example(text):
    with pytest.raises(EntryError) as refused:
        parse_time(text, "da_DK")
    assert text in str(refused.value)
    assert "09.30" in str(refused.value)  # Danish short time


@pytest.mark.parametrize("locale, example", [("en_US", "9:30\u202fAM"), ("en_GB", "09:30"), ("fi_FI", "9.30")])
def test_the_example_time_is_in_the_locales_short_style(locale, example):
    from babel.dates import format_time

    assert format_time(dt.time(9, 30), "short", locale=locale) == example  # the premise
    with pytest.raises(EntryError) as refused:
        parse_time("abc", locale)
    assert example in str(refused.value)


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("1,5", 1.5),
    ("1.5", 1.5),  # one dot not followed by three digits: a decimal point typed the English way
    ("1.500", 1500.0),  # a thousands separator
    ("1.500,5", 1500.5),
    ("1.234.567", 1234567.0),
    ("12,50", 12.5),
    ("0,25", 0.25),
    (",5", 0.5),
    ("-2,5", -2.5),
    ("7", 7.0),
    ("  3,5  ", 3.5),
])
def test_danish_numbers(text, expected):
    assert parse_decimal(text, "da_DK") == expected


@pytest.mark.parametrize("locale", ["en_GB", "en_US"])
@pytest.mark.parametrize("text, expected", [
    ("1.5", 1.5),
    ("1,500", 1500.0),
    ("1,500.5", 1500.5),
    ("1,5", 1.5),  # one comma not followed by three digits: a decimal comma
    ("12", 12.0),
])
def test_english_numbers(locale, text, expected):
    assert parse_decimal(text, locale) == expected


@pytest.mark.parametrize("locale", ["sv_SE", "fi_FI", "nb_NO"])
@pytest.mark.parametrize("text, expected", [
    ("1,5", 1.5),
    ("1.5", 1.5),
    ("1\xa0500", 1500.0),  # Babel's group separator: a non-breaking space
    ("1\xa0500,5", 1500.5),
    ("1 500", 1500.0),
    ("1\u202f500", 1500.0),  # a narrow no-break space
])
def test_numbers_grouped_with_spaces(locale, text, expected):
    assert parse_decimal(text, locale) == expected


@pytest.mark.parametrize("locale", ["sv_SE", "fi_FI", "nb_NO"])
def test_a_number_as_babel_writes_it_reads_back(locale):
    from babel.numbers import format_decimal

    written = format_decimal(12345.5, format="#,##0.#", locale=locale)
    assert "\xa0" in written  # the premise: Babel groups with U+00A0 here
    assert parse_decimal(written, locale) == 12345.5


@pytest.mark.parametrize("locale", ["da_DK", "en_GB", "sv_SE"])
def test_empty_text_is_no_number(locale):
    assert parse_decimal("", locale) is None
    assert parse_decimal("   ", locale) is None


@pytest.mark.parametrize("locale, text, example", [
    ("da_DK", "abc", "1,5"),
    ("da_DK", "1,5,5", "1,5"),
    ("da_DK", "1e3", "1,5"),
    ("en_GB", "abc", "1.5"),
    ("en_GB", "1.5.5", "1.5"),
    ("sv_SE", "1,5 timer", "1,5"),
    ("sv_SE", "2.000,00", "1,5"),
])
def test_text_that_is_not_a_number_is_refused_with_an_example(locale, text, example):
    with pytest.raises(EntryError) as refused:
        parse_decimal(text, locale)
    assert text in str(refused.value)
    assert example in str(refused.value)
