"""Content in each language: a programme's texts in every language it uses. Templates give
their texts in all five; a document prints the organisation's language and falls back to the
programme's, tagged as such; edits keep only what can be stored; a rename follows everywhere."""

from __future__ import annotations

import io
import json

import pikepdf
import pytest
from pypdf import PdfReader
from tests.pdf_tags import elements

from verkstad.domain.model import AgendaItem, Meeting, Organisation, Phase, Programme, Theme
from verkstad.domain.translatable import localised, text_in, with_text
from verkstad.errors import RuleError
from verkstad.i18n import LANGUAGES, translator
from verkstad.services.demo import DEMO_NAMES
from verkstad.services.templates import load, phase_template


def text_of(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def kk(services) -> Organisation:
    return next(o for o in services.records.list(Organisation) if o.short_name == "KK")


def test_a_template_gives_its_texts_in_all_five_languages(services):
    template = load("travelling_team")
    programme = services.planning.create_programme("", "da", "travelling_team")
    assert programme.name == translator("da").gettext(template["title"])
    assert set(programme.translations["name"]) == set(LANGUAGES) - {"da"}
    phases = services.records.list(Phase, programme_id=programme.id)
    for lang in LANGUAGES:
        titles = [translator(lang).gettext(p["title"]) for p in template["phases"]]
        assert [text_in(p, "title", lang) for p in phases] == titles
        assert lang == "da" or titles != [p.title for p in phases]  # really another language
    themes = services.records.list(Theme, programme_id=programme.id)
    assert text_in(themes[0], "name", "fi") == translator("fi").gettext("Green")
    assert text_in(themes[0], "name", "da") == themes[0].name == translator("da").gettext("Green")
    shared = [m for m in services.records.list(Meeting, programme_id=programme.id) if not m.organisation_id]
    items = services.records.list(AgendaItem, meeting_id=shared[0].id)
    assert text_in(shared[0], "title", "sv") == translator("sv").gettext("Kick-off workshop")
    assert text_in(items[0], "title", "nb") == translator("nb").gettext("Welcome and introductions")
    # a name the facilitator typed is theirs: no translation is invented for it
    typed = services.planning.create_programme("Vores eget forløb", "da", "travelling_team")
    assert "name" not in typed.translations and "description" in typed.translations


def test_the_finnish_citys_documents_are_finnish_throughout(services, demo):
    city = kk(services)
    fi = translator("fi")
    plan = text_of(services.documents.render("plan", organisation_id=city.id))
    assert DEMO_NAMES["fi"] in plan and DEMO_NAMES["da"] not in plan
    for theme in ("Green", "Circular", "Code of conduct"):  # the plan's groups
        assert translator("da").gettext(theme) not in plan
    agreement = text_of(services.documents.render("agreement", organisation_id=city.id))
    phases = services.records.list(Phase, programme_id=demo.id)
    assert all(text_in(p, "title", "fi") in agreement.replace("\n", " ") for p in phases)
    assert not any(p.title in agreement for p in phases)  # no Danish phase title
    assert DEMO_NAMES["fi"] in agreement.replace("\n", " ")
    workshop = next(m for m in services.records.list(Meeting, programme_id=demo.id) if not m.organisation_id)
    agenda = text_of(services.documents.render("agenda", meeting_id=workshop.id, language="fi"))
    assert fi.gettext("Kick-off workshop") in agenda and workshop.title not in agenda


def test_a_text_with_no_translation_prints_as_written_and_is_tagged_with_its_language(services, demo):
    city = kk(services)
    services.planning.update_programme(demo.id, translations={})  # the programme's name only in Danish
    pdf = services.documents.render("plan", organisation_id=city.id)
    assert DEMO_NAMES["da"] in text_of(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert str(doc.Root.Lang) == "fi"
        tagged = [e for e in elements(doc) if str(e.get("/Lang", "")) == "da"]
        assert tagged  # the Danish name, in a Finnish document, says it is Danish


def test_translations_are_stored_cleaned_and_refused_when_they_are_not_translations(services, demo):
    phase = services.records.list(Phase, programme_id=demo.id)[0]
    [change] = services.planning.update_phase(phase.id, translations={"title": {"fi": "  Aloitus  ", "sv": " "}})
    assert change.record.translations == {"title": {"fi": "Aloitus"}}
    with pytest.raises(RuleError):
        services.planning.update_phase(phase.id, translations={"venue": {"fi": "Sali"}})
    with pytest.raises(RuleError):
        services.planning.update_phase(phase.id, translations={"title": {"de": "Anfang"}})
    assert services.records.get(Phase, phase.id).translations == {"title": {"fi": "Aloitus"}}
    assert with_text({"title": {"fi": "A"}}, "title", "fi", "") == {}
    assert localised(services.records.get(Phase, phase.id), "fi").title == "Aloitus"
    assert localised(services.records.get(Phase, phase.id), "sv").title == phase.title


def test_renaming_an_organisation_renames_its_meetings_in_every_language(services, demo):
    city = kk(services)
    meeting = next(m for m in services.records.list(Meeting, organisation_id=city.id))
    assert meeting.title.endswith(": KK") and text_in(meeting, "title", "da").endswith(": KK")
    services.planning.update_organisation(city.id, short_name="KJK")
    meeting = services.records.get(Meeting, meeting.id)
    assert meeting.title.endswith(": KJK")
    assert all(t.endswith(": KJK") for t in meeting.translations["title"].values())


def test_the_programme_of_an_older_file_reads_as_written(services, demo):
    programme = services.records.get(Programme, demo.id)
    assert text_in(programme, "name", "fi") == DEMO_NAMES["fi"]
    services.planning.update_programme(demo.id, translations={})
    assert text_in(services.records.get(Programme, demo.id), "name", "fi") == DEMO_NAMES["da"]


def _picture(fmt: str = "PNG", size=(240, 80)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 91, 75)).save(buffer, fmt)
    return buffer.getvalue()


def test_the_teams_logo_is_printed_in_the_header_of_every_page_of_every_document(services, demo):
    [change] = services.planning.update_programme(demo.id, logo=_picture())
    assert change.record.logo and services.records.get(Programme, demo.id).logo == change.record.logo
    city = kk(services)
    meeting = next(m for m in services.records.list(Meeting, organisation_id=city.id))
    for pdf in (services.documents.render("plan", organisation_id=city.id),
                services.documents.render("agreement", organisation_id=city.id),
                services.documents.render("minutes", meeting_id=meeting.id)):
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            for page in doc.pages:
                images = [k for k, x in page.Resources.get("/XObject", {}).items() if x.Subtype == "/Image"]
                assert images, "a page without the logo"
                drawn, inside = [], False
                for operands, operator in pikepdf.parse_content_stream(page):
                    if str(operator) == "BDC" and str(operands[0]) == "/Artifact":
                        inside = operands[1].get("/Subtype") == "/Header"
                    elif str(operator) == "EMC":
                        inside = False
                    elif str(operator) == "Do" and str(operands[0]) in images:
                        drawn.append(inside)
                assert drawn == [True]  # once, in the header's artifact: a screen reader skips it
    services.planning.update_programme(demo.id, logo=_picture("JPEG"))  # a JPEG does as well
    services.planning.update_programme(demo.id, logo=b"")
    assert services.records.get(Programme, demo.id).logo == ""


@pytest.mark.parametrize("data", [b"not a picture", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, b"GIF89a" + b"\0" * 40])
def test_a_logo_that_is_no_png_or_jpeg_picture_is_refused_and_nothing_changes(services, demo, data):
    services.planning.update_programme(demo.id, logo=_picture())
    before = services.records.get(Programme, demo.id).logo
    with pytest.raises(RuleError, match="PNG or JPEG"):
        services.planning.update_programme(demo.id, logo=data)
    assert services.records.get(Programme, demo.id).logo == before


def test_a_logo_too_large_or_cut_short_is_refused(services, demo):
    import os

    from PIL import Image

    noise = io.BytesIO()  # 900 x 900 pixels of noise: within 4,000 pixels, over 1 MB as a PNG
    Image.frombytes("RGB", (900, 900), os.urandom(900 * 900 * 3)).save(noise, "PNG")
    assert len(noise.getvalue()) > 1024 * 1024
    for data in (noise.getvalue(), _picture(size=(4200, 10)), _picture("JPEG")[:400]):
        with pytest.raises(RuleError, match="1 MB"):
            services.planning.update_programme(demo.id, logo=data)
    assert services.records.get(Programme, demo.id).logo == ""


def test_a_programme_file_with_a_logo_no_document_could_print_is_refused(services, demo, tmp_path):
    from verkstad.services.exchange import ExchangeError, export_programme, import_programme
    from verkstad.services.hub import Services

    services.planning.update_programme(demo.id, logo=_picture("JPEG"))
    export_programme(services, demo.id, tmp_path / "p.json")
    doc = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    doc["programme"]["logo"] = doc["programme"]["logo"][:200]  # a JPEG cut short
    (tmp_path / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    other = Services.open(tmp_path / "other.sqlite")
    try:
        with pytest.raises(ExchangeError, match=r"programme\.logo"):
            import_programme(other, tmp_path / "bad.json")
        assert other.records.list(Programme) == []
        import_programme(other, tmp_path / "p.json")  # the whole picture imports
        assert other.records.list(Programme)[0].logo == services.records.get(Programme, demo.id).logo
    finally:
        other.close()


def test_an_organisation_whose_language_changes_gets_its_meetings_texts_in_that_language(services, demo):
    """Its kick-off meeting was written in Danish (with the template's Finnish beside it): once
    it reads Finnish, the title field holds the Finnish text, the Danish moves beside it, and an
    edit of the title is what its Finnish documents print. One undo takes it all back."""
    org = services.planning.add_organisation(demo.id, "Järvenpään kaupunki", short_name="JK")[0].record
    meeting = next(m for m in services.records.list(Meeting, organisation_id=org.id))
    danish = meeting.title
    assert meeting.translations["title"]["fi"].endswith(": JK")
    changes = services.planning.update_organisation(org.id, language="fi")
    meeting = services.records.get(Meeting, meeting.id)
    assert meeting.title == translator("fi").gettext("Kick-off meeting") + ": JK"
    assert meeting.translations["title"]["da"] == danish and "fi" not in meeting.translations["title"]
    assert services.planning.meeting_languages(meeting.id) == ["da"]
    items = services.records.list(AgendaItem, meeting_id=meeting.id)
    first = phase_template("travelling_team", "kickoff_meeting", "")["meeting"]["agenda"][0]["title"]
    assert items[0].title == translator("fi").gettext(first) != translator("da").gettext(first)
    assert items[0].translations["title"]["da"] == translator("da").gettext(first)
    assert any(c.type is AgendaItem for c in changes) and any(c.type is Meeting for c in changes)
    services.planning.update_meeting(meeting.id, title="Aloituskokous Järvenpäässä")
    agenda = text_of(services.documents.render("agenda", meeting_id=meeting.id))
    assert "Aloituskokous Järvenpäässä" in agenda


def test_a_programme_whose_language_changes_reads_its_template_texts_in_that_language(services):
    programme = services.planning.create_programme("", "da", "travelling_team")
    services.planning.update_programme(programme.id, language="sv")
    sv = translator("sv")
    phases = services.records.list(Phase, programme_id=programme.id)
    template = load("travelling_team")
    assert [p.title for p in phases] == [sv.gettext(p["title"]) for p in template["phases"]]
    assert phases[0].translations["title"]["da"] == translator("da").gettext(template["phases"][0]["title"])
    assert services.records.get(Programme, programme.id).name == sv.gettext(template["title"])
    assert services.records.list(Theme, programme_id=programme.id)[0].name == sv.gettext("Green")


def test_a_tag_in_the_meetings_language_names_the_theme_it_translates(services, demo):
    """In the Finnish city's meeting, #ympäristö is the theme the Danish programme calls "Grøn":
    no second theme is made; a tag of neither name still makes a new one."""
    city = kk(services)
    meeting = next(m for m in services.records.list(Meeting, organisation_id=city.id))
    green = next(t for t in services.records.list(Theme, programme_id=demo.id)
                 if text_in(t, "name", "fi") == translator("fi").gettext("Green"))
    before = len(services.records.list(Theme, programme_id=demo.id))
    changes = services.capture.add_entry(meeting.id, "Kierrätetyt kalusteet #" + text_in(green, "name", "fi").lower())
    entry = next(c.record for c in changes if c.record is not None and hasattr(c.record, "theme_ids"))
    assert entry.theme_ids == [green.id] and len(services.records.list(Theme, programme_id=demo.id)) == before
    services.capture.add_entry(meeting.id, "Uusi asia #" + green.name.lower())  # its name as written: the same
    services.capture.add_entry(meeting.id, "Jotain muuta #pilotointi")
    assert len(services.records.list(Theme, programme_id=demo.id)) == before + 1
