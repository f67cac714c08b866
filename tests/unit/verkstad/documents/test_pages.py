"""Page furniture and the build: "Page X of Y" in the document's language on every page, header,
PDF metadata with the language, reproducible bytes, and the draft watermark."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from tests.pdf_tags import watermarked, watermarks

from verkstad.documents import blocks
from verkstad.documents.pages import Furniture, Metadata, build_pdf, page_label
from verkstad.i18n import translator

STAMP = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


def _build(lang="fi", watermark="", paragraphs=120, date=STAMP) -> bytes:
    tr = translator(lang)
    story = [blocks.para(f"Kappale {n}: hankinnat ja ympäristö " * 6) for n in range(paragraphs)]
    furniture = Furniture(programme="Kiertävä tiimi", organisation="Kuusijärven kaupunki",
                          document="Asiakirja", page_label=page_label(tr), version_line="Versio 2",
                          watermark=watermark)
    meta = Metadata(title="Otsikko & <b>", author="Kiertävä tiimi", subject="Aihe", language=lang, date=date)
    return build_pdf(story, furniture, meta)


def test_every_page_says_page_x_of_y_in_the_documents_language_with_header_and_version():
    reader = PdfReader(io.BytesIO(_build("fi")))
    pages = len(reader.pages)
    assert pages >= 3
    label = translator("fi").gettext("Page {page} of {pages}")
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert label.format(page=number, pages=pages) in text
        assert "Kiertävä tiimi" in text and "Kuusijärven kaupunki" in text
        assert "Versio 2" in text


def test_metadata_title_author_subject_language_and_the_datas_date():
    reader = PdfReader(io.BytesIO(_build("da")))
    info = reader.metadata
    assert info.title == "Otsikko & <b>"
    assert info.author == "Kiertävä tiimi"
    assert info.subject == "Aihe"
    assert info["/CreationDate"].startswith("D:20270301120000")
    assert reader.trailer["/Root"]["/Lang"] == "da"


def test_same_data_gives_the_same_bytes_and_another_date_other_bytes():
    assert _build() == _build()
    assert _build() != _build(date=STAMP + dt.timedelta(days=1))


def test_the_watermark_is_drawn_on_every_page_as_shapes_that_copy_out_as_nothing():
    """A draft's watermark is on every page, filled outlines (no text operator), so copying
    from the draft or a screen reader does not pick up its letters."""
    drawn = watermarks(_build(watermark="LUONNOS"))
    assert len(drawn) > 1
    assert all("f" in ops and "c" in ops and not {"Tj", "TJ", "BT"} & set(ops) for ops in drawn)
    assert watermarked(_build(watermark="LUONNOS")) == [True] * len(drawn)
    copied = PdfReader(io.BytesIO(_build(watermark="LUONNOS"))).pages
    assert all("LUONNOS" not in page.extract_text() for page in copied)
    assert watermarks(_build()) == [[] for _ in drawn]


def test_a_broken_translation_of_the_page_label_does_not_stop_the_print():
    furniture = Furniture(programme="P", organisation="O", document="D", page_label="Side {side} af {sider}")
    meta = Metadata(title="T", author="A", subject="S", language="da", date=STAMP)
    pdf = build_pdf([blocks.para("x")], furniture, meta)
    assert "1 / 1" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_outline_entries_point_at_their_pages_and_the_contents_gives_the_same_numbers():
    """PDF bookmarks for every flowable with an outline title, at the page it landed on (the pages
    are written at the end), and a contents list whose numbers are filled in then too."""
    import re

    from verkstad.documents.pages import Contents

    story: list = [Contents("Sisällys", [(f"Osa {n} & <b>", f"part{n}") for n in range(3)])]
    for n in range(3):
        heading = blocks.para(f"Osa {n} & <b>", "h1")
        heading.outline, heading.outline_key = f"Osa {n} & <b>", f"part{n}"
        story += [heading, *(blocks.para(f"Kappale {n}.{k}: hankinnat ja ympäristö " * 6) for k in range(40))]
    furniture = Furniture(programme="Ohjelma", organisation="Kaupunki", document="Asiakirja",
                          page_label=page_label(translator("fi")))
    pdf = build_pdf(story, furniture, Metadata(title="T", author="A", subject="S", language="fi", date=STAMP))
    reader = PdfReader(io.BytesIO(pdf))
    pages = {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline}
    assert list(pages) == ["Osa 0 & <b>", "Osa 1 & <b>", "Osa 2 & <b>"]
    assert pages["Osa 0 & <b>"] == 1 and pages["Osa 1 & <b>"] > 1 and pages["Osa 2 & <b>"] > pages["Osa 1 & <b>"]
    first = reader.pages[0].extract_text(extraction_mode="layout")  # by position: the numbers came last
    for title, page in pages.items():  # "Osa 1 & <b> ........ 3"
        assert re.search(re.escape(title) + r"[ .]*" + str(page) + r"\b", first), (title, page, first)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
