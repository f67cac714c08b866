"""The agreement and the plan as Word documents: Word's own styles, a header row that repeats,
the title and language set, "DRAFT" in the header until approved, a bookmark per clause that
names the clause and the version, and hostile text kept as text."""

from __future__ import annotations

import dataclasses
import io

import docx
import pytest
from docx.oxml.ns import qn

from verkstad.documents import word, word_read
from verkstad.i18n import translator
from verkstad.services.agreements import CLAUSE_KEYS


@pytest.fixture
def region(services, demo):
    return services.documents.find_organisation("Region Søndersted")


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def test_the_agreement_uses_words_styles_and_numbers_its_clauses(services, region):
    document = _open(services.agreement_word.prepare_agreement(region.id, None, 1)())
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styles[0] == ("Title", "Samarbejdsaftale")
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings[:3] == ["1. Parter", "2. Baggrund og formål", "3. Organisationens rolle og opgaver"]
    assert len(headings) == len(CLAUSE_KEYS)
    # numbered sub-clauses, so that a comment can point at one: 2.1 and 2.2 are paragraphs,
    # clause 3's list items are 3.1 to 3.4 (its introduction "Region Søndersted:" has no number)
    numbered = [text.split("\t")[0] for style, text in styles if style in ("Sub-clause", "List Sub-clause")]
    assert numbered[:6] == ["2.1", "2.2", "3.1", "3.2", "3.3", "3.4"]
    items = [text for style, text in styles if style == "List Sub-clause"]
    assert items[0].startswith("3.1\tudpeger en kontaktperson")
    assert ("Normal", "Region Søndersted:") in styles
    props = document.core_properties
    assert props.title == "Samarbejdsaftale: Region Søndersted" and props.language == "da-DK"
    assert word_read.parse_identifier(props.identifier)[1:] == (region.id, 1)
    normal = document.styles["Normal"].element
    assert normal.find(f".//{qn('w:lang')}").get(qn("w:val")) == "da-DK"


def test_the_activity_table_repeats_its_header_row_and_has_a_caption(services, region):
    document = _open(services.agreement_word.prepare_agreement(region.id, None, 1)())
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Nr."]
    activities = next(t for t in tables if t.rows[0].cells[1].text == "Aktivitet")
    row = activities.rows[0]._tr
    assert row.trPr.find(qn("w:tblHeader")) is not None
    assert activities._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Aktivitetsplan"
    assert activities.rows[-1].cells[1].text == "I alt"
    assert len(activities.rows) == 2 + 6  # header, the six activities, total


def test_each_clause_sits_in_a_bookmark_of_its_key_and_version(services, region):
    data = services.agreement_word.prepare_agreement(region.id, None, 1)()
    document = _open(data)
    names = [el.get(qn("w:name")) for el in document.element.body.iter(qn("w:bookmarkStart"))]
    assert names == [word.bookmark_name(1, key) for key in CLAUSE_KEYS]
    read = word_read.read(data)
    agreement_input = services.documents.agreement_input(region.id, None, 1)
    for clause in agreement_input.clauses:
        region_read = read.clause(clause.key)
        assert region_read is not None and region_read.version == 1
        assert word_read.normalised(region_read.text(False)) == word_read.normalised(clause.text)
    assert read.comments == []


def test_draft_in_the_header_until_the_version_is_approved(services, region):
    sent = _open(services.agreement_word.prepare_agreement(region.id, None, 1)())
    assert sent.sections[0].header.paragraphs[0].text == "UDKAST"
    nordhavn = services.documents.find_organisation("Nordhavn Kommune")
    approved = _open(services.agreement_word.prepare_agreement(nordhavn.id, None, 2)())
    assert approved.sections[0].header.paragraphs[0].text == ""
    # the approval stands in the signature block, where the lines to sign on would be
    signatures = approved.tables[-1].rows[0].cells[0].text
    assert "Godkendt den" in signatures and "______" not in signatures


@pytest.mark.parametrize("language", ["da", "sv", "fi", "nb", "en"])
def test_the_agreement_speaks_the_language_asked_for(services, region, language):
    document = _open(services.agreement_word.prepare_agreement(region.id, language, 1)())
    titles = {"da": "Samarbejdsaftale", "sv": "Samarbetsavtal", "fi": "Yhteistyösopimus",
              "nb": "Samarbeidsavtale", "en": "Cooperation agreement"}
    assert document.paragraphs[0].text == titles[language]
    assert document.core_properties.language == word.WORD_LANGUAGES[language]


def test_hostile_text_is_kept_as_text_and_control_characters_are_dropped(services, region):
    data = services.documents.agreement_input(region.id, None, 1)
    nasty = "R&D <b>fed</b> \x00\x07\x1b[31m ŋ č đ عربي 🌱 \ufffe"
    data = dataclasses.replace(data, organisation=nasty, clauses=[
        dataclasses.replace(c, text=nasty + "\n- punkt <i>") for c in data.clauses])
    out = word.agreement_docx(data, "da", agreement_id="a", organisation_id="o")
    document = _open(out)
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "R&D <b>fed</b> [31m ŋ č đ عربي 🌱 " in texts and "\x00" not in texts and "\x1b" not in texts
    assert "punkt <i>" in texts


def test_the_plan_is_landscape_with_a_repeated_header_row(services, region):
    document = _open(services.agreement_word.prepare_plan(region.id, "fi")())
    section = document.sections[0]
    assert section.page_width > section.page_height
    assert document.paragraphs[0].text == "Toimenpidesuunnitelma"
    # one table per theme (as in the PDF), each with its header row repeated and its subtotal,
    # under a Heading 2 with the theme's name (in Finnish: the template gives it in all five), then the total
    groups = [t for t in document.tables if len(t.columns) == 8 and t.rows[0].cells[1].text == "Toimenpide"]
    assert all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in groups)
    assert sum(len(t.rows) - 2 for t in groups) == 6  # every activity once, between header and subtotal
    fi = translator("fi")
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"][:len(groups)] == [
        fi.gettext(t) for t in ("Green", "Transport", "Employment", "Code of conduct")][:len(groups)]
    assert document.tables[-1].rows[0].cells[1].text == "Yhteensä"
