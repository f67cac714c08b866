"""Tagged PDF at its edges: a long plan whose tables go on over many pages (their repeated header
rows are artifacts there, the rows go on in one table), its contents with tagged links, text in
scripts the family lacks, and the XMP metadata."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
from pypdf import PdfReader
from tests.pdf_tags import elements, problems, roles

from verkstad.documents import blocks, plan
from verkstad.documents.pages import Furniture, Metadata, build_pdf
from verkstad.documents.text import markup
from verkstad.domain.model import Activity, Organisation, Programme

STAMP = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
THEMES = {f"theme{i}": name for i, name in enumerate(("Grøn", "Cirkulær", "Social ansvarlighed", "Adfærdskodeks"))}


def plan_input(count: int) -> plan.PlanInput:
    keys = list(THEMES)
    activities = [Activity(position=i, title=f"Aktivitet {i + 1}: grønne krav til rengøring og IT-udstyr",
                           description="Kravspecifikationen gennemgås med indkøberen: miljømærkede midler.",
                           theme_id=keys[i * len(keys) // count], team_hours=12.5, org_hours=8,
                           deadline=dt.date(2027, 5, 1), updated_at=STAMP) for i in range(count)]
    return plan.PlanInput(Programme(name="Rejsehold", updated_at=STAMP), Organisation(name="Nordhavn Kommune"),
                          activities, today=dt.date(2027, 4, 1), themes=THEMES)


def test_a_long_grouped_plan_is_one_table_per_group_with_its_header_once_and_a_tagged_contents():
    data = plan_input(60)
    pdf = plan.render(data, "da")
    assert problems(pdf) == []
    found = roles(pdf)
    # each group's table however many pages it takes, and the total's
    assert found.count("Table") == len(THEMES) + 1
    assert found.count("TH") == len(THEMES) * 16  # two header rows of eight cells, once per group
    assert found.count("TR") == len(THEMES) * 2 + 60 + len(THEMES) + 1  # headers, activities, subtotals, total
    assert "TOC" in found and found.count("TOCI") == len(THEMES) == found.count("Link")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        links = [a for page in doc.pages for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert len(links) == len(THEMES) and all("/StructParent" in a and str(a.Contents) for a in links)
        assert len(doc.pages) > 5


def test_text_in_other_scripts_and_emoji_is_drawn_tagged_and_copies_out_as_typed():
    text = "Møde سلام שלום ☑ → 😀 漢"
    story = [blocks.para(text, "title"), blocks.rich(f"<i>{markup(text)}</i>", "body"),
             blocks.data_table(["A", "B"], [[text, "ŋ č đ"]], [200, 200])]
    furniture = Furniture(programme=text, organisation="Org", document="Dok", page_label="Side {page} af {pages}")
    pdf = build_pdf(story, furniture, Metadata(title="T", author="A", subject="S", language="da", date=STAMP))
    assert problems(pdf) == []
    copied = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "\ufffd" not in copied and "😀" in copied and "☑" in copied and "ŋ č đ" in copied
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        fonts = {str(f.BaseFont).split("+")[-1] for page in doc.pages for f in page.Resources.Font.values()}
    # the family, and each fallback for what it lacks, in the bold and italic around it where it has one
    assert {"NotoSans-Bold", "NotoSans-Italic", "NotoSansArabic-Bold", "NotoSansArabic-Regular",
            "NotoSansHebrew-Bold", "NotoSansSymbols2-Regular", "DejaVuSans-Bold"} <= fonts
    assert "Helvetica" not in fonts


def test_the_metadata_says_title_language_and_pdf_ua_in_xmp_too():
    pdf = build_pdf([blocks.para("x")], Furniture("P", "O", "D", "{page}/{pages}"),
                    Metadata(title="Aftale & <plan>", author="Team", subject="S", language="sv", date=STAMP))
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        meta = doc.open_metadata()
        assert meta["dc:title"] == "Aftale & <plan>" and meta["pdfuaid:part"] == "1"
        assert str(doc.Root.Lang) == "sv" and doc.pdf_version >= "1.7"
        assert doc.Root.ViewerPreferences.DisplayDocTitle


def test_the_plans_narrow_columns_hold_their_longest_word_unbroken_in_every_language():
    """Responsible, status and impact are single words in narrow columns: at the smallest size a
    document uses (8 pt) each fits its column in all five languages, so none is cut in two."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from verkstad.documents import styles
    from verkstad.domain.model import ACTIVITY_STATUS_TITLES, IMPACT_TITLES, PARTY_TITLES
    from verkstad.i18n import LANGUAGES, translator

    styles.register_fonts()
    columns = {1: PARTY_TITLES, 3: ACTIVITY_STATUS_TITLES, 4: IMPACT_TITLES}  # in plan.COLUMN_MM
    for lang in LANGUAGES:
        tr = translator(lang)
        for index, titles in columns.items():
            room = plan.COLUMN_MM[index] * mm - 8  # minus the cell's padding
            for title in titles.values():
                for word in tr.gettext(title).split():
                    assert stringWidth(word, styles.REGULAR, styles.SMALLEST) <= room, (lang, word)


def test_a_paragraph_or_list_item_split_over_two_pages_stays_one_element_in_its_language():
    """reportlab splits a long paragraph into two at a page break: a screen reader still gets
    one paragraph (one element with content on both pages), one list item, in its language."""
    long = " ".join(["Hankintayksikkö kokoaa kaikki sopimukset ja niiden vastuuhenkilöt."] * 60)
    story = [blocks.para("x", "title"), blocks.para(long, lang="fi"), blocks.rich(markup(long), "item", "•"),
             blocks.rich(markup("toinen kohta"), "item", "•")]
    pdf = build_pdf(story, Furniture("P", "O", "D", "{page}/{pages}"),
                    Metadata(title="T", author="A", subject="S", language="da", date=STAMP))
    assert problems(pdf) == []
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2
    found = roles(pdf)
    assert found.count("P") == 1 and found.count("LI") == 2 and found.count("L") == 1
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        [paragraph] = [e for e in elements(doc) if str(e.S) == "/P"]
        assert str(paragraph.Lang) == "fi"
        pages = {k.Pg.objgen if isinstance(k, pikepdf.Dictionary) else paragraph.Pg.objgen for k in paragraph.K}
        assert len(pages) == 2  # its content on both pages
