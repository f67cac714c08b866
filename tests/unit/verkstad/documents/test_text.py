"""User text in documents: escaped, stripped of control characters, glyphs the font lacks
replaced visibly, and hostile text (hypothesis) renders or fails with DocumentError only."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from verkstad.documents import agenda, agreement, minutes, plan
from verkstad.documents.agreement import AgreementInput, ClauseText
from verkstad.documents.meeting import MeetingInput
from verkstad.documents.text import REPLACEMENT, DocumentError, clean, markup
from verkstad.domain.model import (
    Activity,
    AgendaItem,
    Attendance,
    ChecklistItem,
    Entry,
    Meeting,
    Organisation,
    Person,
    Phase,
    Programme,
)

HOSTILE = "R&D <b>x</b> 5 < 6"
STAMP = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_markup_escapes_every_markup_character():
    assert markup(HOSTILE) == "R&amp;D &lt;b&gt;x&lt;/b&gt; 5 &lt; 6"
    assert markup("a\nb") == "a<br/>b"


def test_clean_strips_control_characters_and_keeps_line_breaks():
    assert clean("a\x00b\x07c\x1bd\r\ne\x85f\u200bg") == "abcd\nefg"
    assert clean("tab\there") == "tab here"


def test_characters_the_font_cannot_draw_become_a_visible_marker():
    assert clean("漢字 ok") == f"{REPLACEMENT}{REPLACEMENT} ok"
    assert clean("\ud800x") == f"{REPLACEMENT}x"  # a lone surrogate
    # Nordic and Sámi letters, Hebrew and this emoji are in DejaVu Sans and stay.
    assert clean("æøå äö ŋ č đ שלום 😀") == "æøå äö ŋ č đ שלום 😀"


def _plan(text: str) -> plan.PlanInput:
    programme = Programme(name=f"Programme {text}", updated_at=STAMP)
    org = Organisation(name=f"Org {text}", updated_at=STAMP)
    activities = [Activity(position=0, title=f"Title {text}", description=f"Desc {text}", team_hours=1.5,
                           deadline=dt.date(2027, 1, 1), updated_at=STAMP)]
    return plan.PlanInput(programme, org, activities, today=dt.date(2027, 6, 1),
                          sources={activities[0].id: [f"Idea {text}"]})


def _meeting(text: str) -> MeetingInput:
    programme = Programme(name=f"Programme {text}")
    org = Organisation(name=f"Org {text}")
    person = Person(name=f"Person {text}", title=text, organisation_id=org.id)
    meeting = Meeting(title=f"Meeting {text}", venue=text, date=dt.date(2027, 3, 1),
                      start_time=dt.time(9), end_time=dt.time(12), updated_at=STAMP)
    item = AgendaItem(meeting_id=meeting.id, title=f"Item {text}", notes=text, duration_min=30,
                      responsible_id=person.id, updated_at=STAMP)
    return MeetingInput(
        programme=programme, meeting=meeting, phase=Phase(title=text, description=text), organisation=org,
        agenda=[item], checklist=[ChecklistItem(meeting_id=meeting.id, text=text, updated_at=STAMP)],
        attendance=[Attendance(meeting_id=meeting.id, person_id=person.id, attended=True, updated_at=STAMP)],
        people={person.id: person}, organisations={org.id: org},
        entries=[Entry(meeting_id=meeting.id, agenda_item_id=item.id, kind=k, text=f"{k} {text}",
                       owner_name=text, due_date=dt.date(2027, 4, 1), updated_at=STAMP)
                 for k in ("idea", "decision", "task", "note")],
    )


def _agreement(text: str) -> AgreementInput:
    return AgreementInput(
        programme=f"Programme {text}", organisation=f"Org {text}", address=text, partners=[text],
        clauses=[ClauseText("background", text, f"Body {text}\n\n- bullet {text}"),
                 ClauseText("team_effort", "Effort", text), ClauseText("contacts", "Contacts", text),
                 ClauseText("signatures", "Approval", text)],
        activities=[{"title": text, "description": text, "responsible": "both", "team_hours": 2,
                     "org_hours": 1, "start_date": "2027-03-01", "deadline": "bad date"}],
        phases=[{"title": text, "start": "2027-03-01", "end": None}],
        contacts=[{"name": text, "title": text, "organisation": text, "email": text, "phone": text}],
        number=1, status="draft", date=dt.date(2027, 3, 1), stamp=STAMP,
    )


RENDERERS = {
    "plan": lambda text, lang: plan.render(_plan(text), lang),
    "agenda": lambda text, lang: agenda.render(_meeting(text), lang),
    "minutes": lambda text, lang: minutes.render(_meeting(text), lang),
    "agreement": lambda text, lang: agreement.render(_agreement(text), lang),
}


@pytest.mark.parametrize("kind", RENDERERS)
def test_markup_characters_print_literally(kind):
    text = squash(pdf_text(RENDERERS[kind](HOSTILE, "en")))
    assert squash(HOSTILE) in text


@pytest.mark.slow
@pytest.mark.parametrize("kind", RENDERERS)
def test_a_5000_character_word_wraps_instead_of_overflowing(kind):
    word = "ø" * 5000
    pdf = RENDERERS[kind](word, "da")
    reader = PdfReader(io.BytesIO(pdf))
    text = squash(pdf_text(pdf))
    assert word in text  # every character printed, in order, on as many pages as it takes
    for page in reader.pages:
        assert float(page.mediabox.width) in (595.2756, 841.8898)  # A4 (landscape for the plan)


def test_unknown_glyphs_print_as_the_marker_not_as_nothing():
    text = pdf_text(RENDERERS["plan"]("漢 ok", "en"))
    assert f"Title {REPLACEMENT} ok" in text


hostile_parts = st.one_of(
    st.text(max_size=40),
    st.sampled_from([HOSTILE, "<para>", "</b>", "&amp;", "&#0;", "<br/>", "{page}", "{0}", "%s",
                     "שלום עולם", "مرحبا بالعالم", "\u202e", "😀👨‍👩‍👧🏳️‍🌈", "\x00\x01\x1f\x7f\x85",
                     "\ud83d", "\r\n\r", "\t", "\u2028", "漢字", "ŋčđ", "x" * 5000]),
)
hostile = st.lists(hostile_parts, max_size=4).map("".join)


@pytest.mark.slow
@pytest.mark.parametrize("kind", RENDERERS)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile, lang=st.sampled_from(["en", "da", "sv", "fi", "nb"]))
def test_hostile_text_renders_or_fails_with_a_document_error(kind, text, lang):
    try:
        pdf = RENDERERS[kind](text, lang)
    except DocumentError as exc:
        assert str(exc)  # noqa: PT017  (refusing is one of the two allowed outcomes, but only with a reason)
        return
    assert pdf.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
