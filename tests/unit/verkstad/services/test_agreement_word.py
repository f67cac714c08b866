"""The agreement through Word: a version saved as .docx, changed as an organisation changes it
(comments, tracked insertions and deletions, an untracked edit), read back clause by clause,
kept with the version (and in exports), and made into the next draft; every refusal changes
nothing."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from tests import word_edits

from verkstad.documents.word_read import WordFileError
from verkstad.domain.model import AgreementVersion, ReceivedDocument, VersionStatus
from verkstad.services.agreements import AgreementError

FIXTURES = Path(__file__).parents[3] / "fixtures" / "word"


@pytest.fixture
def region(services, demo):
    """Region Søndersted of the Danish demo: version 1 sent for comment, no comments yet."""
    org = services.documents.find_organisation("Region Søndersted")
    agreement = services.agreements.find(org.id)
    assert [v.status for v in services.agreements.versions(agreement.id)] == [VersionStatus.SENT]
    return org


def version_docx(services, org, number: int = 1, language: str | None = None) -> bytes:
    return services.agreement_word.prepare_agreement(org.id, language, number)()


def commented(services, org) -> bytes:
    return word_edits.edit(version_docx(services, org), word_edits.organisation_edits)


def stored(services) -> list[ReceivedDocument]:
    return services.records.list(ReceivedDocument)


def test_comments_tracked_changes_and_untracked_edits_are_read_clause_by_clause(services, region):
    reading = services.agreement_word.read(region.id, commented(services, region), "svar.docx")
    assert reading.warnings == []
    [c] = reading.record.comments
    assert (c["author"], c["clause"], c["text"]) == ("Maja Holm", "background",
                                                      "Vi vil gerne nævne vores klimaplan her.")
    assert c["quoted"].startswith("2.1 Region Søndersted deltager i")  # the sub-clause it points at
    clauses = {x["key"]: x for x in reading.record.clauses}
    assert set(clauses) == {"timeline", "communication", "evaluation"}
    timeline = clauses["timeline"]
    assert timeline["tracked"] == [{"kind": "deletion", "author": "Maja Holm", "date": "2027-03-10T09:05:00Z",
                                    "text": " nedenfor"}]
    assert not timeline["untracked"]
    assert " nedenfor" in timeline["sent"] and " nedenfor" not in timeline["received"]
    evaluation = clauses["evaluation"]
    assert evaluation["received"].endswith("Evalueringen sker skriftligt.")
    assert [t["kind"] for t in evaluation["tracked"]] == ["insertion"] and not evaluation["untracked"]
    communication = clauses["communication"]
    assert communication["untracked"] and communication["tracked"] == []
    assert "som cases," in communication["received"] and "case-historier" in communication["sent"]
    assert reading.record.outside == []
    assert stored(services) == []  # reading stores nothing


def test_receiving_keeps_the_document_with_its_version_which_now_has_comments(services, region):
    data = commented(services, region)
    changes = services.agreement_word.receive(region.id, data, "svar.docx", on=dt.date(2027, 3, 12))
    assert {c.type for c in changes} == {ReceivedDocument, AgreementVersion}
    [record] = stored(services)
    version = services.records.get(AgreementVersion, record.agreement_version_id)
    assert (version.number, version.status, version.comments_on) == (1, VersionStatus.COMMENTED, dt.date(2027, 3, 12))
    assert record.file_name == "svar.docx" and record.received_on == dt.date(2027, 3, 12)
    import hashlib

    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert record.language == "da"


def test_the_same_file_is_not_read_twice(services, region):
    data = commented(services, region)
    services.agreement_word.receive(region.id, data, "svar.docx")
    with pytest.raises(AgreementError, match="already read"):
        services.agreement_word.receive(region.id, data, "svar igen.docx")
    assert len(stored(services)) == 1


def test_the_next_draft_takes_the_kept_clauses_and_the_difference_shows_them(services, region):
    services.agreement_word.receive(region.id, commented(services, region), "svar.docx")
    [record] = stored(services)
    agreement = services.agreements.find(region.id)
    services.agreement_word.next_version(record.id, ["evaluation", "communication"])
    draft = {c.key: c for c in services.agreements.clauses(agreement.id)}
    assert draft["evaluation"].custom and draft["evaluation"].text.endswith("Evalueringen sker skriftligt.")
    assert "som cases," in draft["communication"].text
    assert not draft["timeline"].custom  # not kept: still the template
    changed = {d.label for d in services.agreements.diff(agreement.id, 1)}
    assert {"Evaluation", "Communication"} <= changed and "Timeline" not in changed
    record = services.records.get(ReceivedDocument, record.id)
    assert record.kept == ["communication", "evaluation"] and record.applied_on == dt.date.today()
    # the draft sent as version 2 carries the organisation's text
    services.agreements.send_for_comment(agreement.id)
    snapshot = services.agreements.version(agreement.id, 2).snapshot
    assert any(c["key"] == "evaluation" and c["text"].endswith("skriftligt.") for c in snapshot["clauses"])


def test_a_clause_edited_in_verkstad_since_sending_is_flagged(services, region):
    services.agreement_word.receive(region.id, commented(services, region), "svar.docx")
    [record] = stored(services)
    agreement = services.agreements.find(region.id)
    services.agreements.set_clause(agreement.id, "evaluation", "Vores egen nye tekst.")
    assert services.agreement_word.edited_since(record.id) == {"evaluation"}


def test_next_version_refuses_an_empty_choice_and_an_unchanged_clause(services, region):
    services.agreement_word.receive(region.id, commented(services, region), "svar.docx")
    [record] = stored(services)
    with pytest.raises(AgreementError, match="at least one"):
        services.agreement_word.next_version(record.id, [])
    with pytest.raises(AgreementError, match="no change"):
        services.agreement_word.next_version(record.id, ["parties"])


def test_received_documents_travel_in_export_and_import(services, region, tmp_path):
    from verkstad.services.exchange import export_programme, import_programme
    from verkstad.services.hub import Services

    services.agreement_word.receive(region.id, commented(services, region), "svar.docx")
    export_programme(services, None, tmp_path / "a.verkstad")
    other = Services.open(tmp_path / "other.sqlite")
    try:
        import_programme(other, tmp_path / "a.verkstad")
        [record] = other.records.list(ReceivedDocument)
        assert record.file_name == "svar.docx" and len(record.comments) == 1
        assert {c["key"] for c in record.clauses} == {"timeline", "communication", "evaluation"}
        export_programme(other, None, tmp_path / "b.verkstad")
    finally:
        other.close()
    assert (tmp_path / "a.verkstad").read_bytes() == (tmp_path / "b.verkstad").read_bytes()


def test_an_older_version_is_read_with_a_warning_and_kept_with_that_version(services, region):
    data = commented(services, region)
    agreement = services.agreements.find(region.id)
    services.agreements.set_clause(agreement.id, "background", "Ny baggrund.")
    services.agreements.send_for_comment(agreement.id)
    reading = services.agreement_word.read(region.id, data, "svar.docx")
    assert reading.version.number == 1
    assert any("version 2 has been sent since" in w for w in reading.warnings)


def test_a_version_saved_in_finnish_is_compared_with_the_finnish_text(services, region):
    data = word_edits.edit(version_docx(services, region, language="fi"),
                           lambda d: word_edits.comment(d, "Yhteistyö", "Hyvä."))
    reading = services.agreement_word.read(region.id, data, "fi.docx")
    assert reading.record.language == "fi" and reading.record.clauses == []
    assert [c["text"] for c in reading.record.comments] == ["Hyvä."]


# -- refusals: one clear message, nothing stored -------------------------------------------------


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return out.getvalue()


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts[name] = content
    return _zip(parts)


BOMB = b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>" + b" " * (30 << 20)
ENTITIES = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body><w:p><w:r>"
            b"<w:t>&b;</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize(("make", "message"), [
    (lambda good: b"not a word document at all", "not a .docx file"),
    (lambda good: b"%PDF-1.7\n...", "not a .docx file"),
    (lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old Word format"),
    (lambda good: _zip({"hello.txt": b"hi"}), "not a Word document"),
    (lambda good: good[: len(good) // 2], "damaged or incomplete"),
    (lambda good: _replace_part(good, "word/document.xml", BOMB), "zip bomb"),
    (lambda good: _replace_part(good, "word/document.xml", ENTITIES), "declares a DTD"),
    (lambda good: _replace_part(good, "word/document.xml", b"<w:document><unclosed>"), "not well-formed"),
])
def test_a_file_that_is_not_a_docx_is_refused_with_one_message(services, region, make, message):
    good = version_docx(services, region)
    with pytest.raises(WordFileError, match=message):
        services.agreement_word.receive(region.id, make(good), "x.docx")
    assert stored(services) == []
    agreement = services.agreements.find(region.id)
    assert services.agreements.versions(agreement.id)[0].status == VersionStatus.SENT


def test_a_word_document_not_made_by_verkstad_is_refused(services, region):
    document = docx.Document()
    document.add_paragraph("Referat fra mødet")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(WordFileError, match="not saved from a Verkstad agreement"):
        services.agreement_word.receive(region.id, out.getvalue(), "referat.docx")
    assert stored(services) == []


def test_another_organisations_agreement_is_refused_naming_it(services, region):
    nordhavn = services.documents.find_organisation("Nordhavn Kommune")
    data = services.agreement_word.prepare_agreement(nordhavn.id, None, 1)()
    with pytest.raises(WordFileError, match="is the agreement with “Nordhavn Kommune”, not with “Region Søndersted”"):
        services.agreement_word.receive(region.id, data, "nordhavn.docx")
    assert stored(services) == []


def test_the_unsent_draft_and_an_approved_version_are_refused(services, region):
    draft = services.agreement_word.prepare_agreement(region.id, None, None)  # the draft equals version 1
    assert draft.args[0].number == 1
    agreement = services.agreements.find(region.id)
    services.agreements.set_clause(agreement.id, "background", "Ny baggrund.")
    draft_data = services.agreement_word.prepare_agreement(region.id)()
    with pytest.raises(AgreementError, match="draft of version 2, which has not been sent"):
        services.agreement_word.receive(region.id, draft_data, "udkast.docx")
    nordhavn = services.documents.find_organisation("Nordhavn Kommune")
    approved = services.agreement_word.prepare_agreement(nordhavn.id, None, 2)()
    with pytest.raises(AgreementError, match="was approved on"):
        services.agreement_word.receive(nordhavn.id, approved, "godkendt.docx")
    assert stored(services) == []


def test_a_missing_or_unreadable_file_gets_a_plain_message(tmp_path):
    from verkstad.documents.word_read import load

    with pytest.raises(WordFileError, match="There is no file"):
        load(tmp_path / "gone.docx")
    with pytest.raises(WordFileError, match="is a folder"):
        load(tmp_path)


# -- a real file written by LibreOffice ----------------------------------------------------------


def test_a_document_saved_again_by_libreoffice_reads_the_same(tmp_path):
    """LibreOffice splits the clause bookmarks into several of one name and moves their ends;
    a clause therefore runs from its bookmark's start to the next clause's."""
    from verkstad.services.exchange import import_programme
    from verkstad.services.hub import Services

    services = Services.open(tmp_path / "db.sqlite")
    try:
        import_programme(services, FIXTURES / "programme.verkstad")
        org = services.documents.find_organisation("Region Søndersted")
        data = (FIXTURES / "region-v1-commented-libreoffice.docx").read_bytes()
        reading = services.agreement_word.read(org.id, data, "lo.docx")
    finally:
        services.close()
    assert reading.warnings == [] and reading.record.outside == []
    assert [(c["author"], c["clause"]) for c in reading.record.comments] == [("Maja Holm", "background")]
    clauses = {c["key"]: (bool(c["tracked"]), c["untracked"]) for c in reading.record.clauses}
    assert clauses == {"timeline": (True, False), "communication": (False, True), "evaluation": (True, False)}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed on this machine")
def test_libreoffice_converts_the_exported_documents_to_pdf(services, region, tmp_path):
    (tmp_path / "agreement.docx").write_bytes(version_docx(services, region))
    (tmp_path / "plan.docx").write_bytes(services.agreement_word.prepare_plan(region.id)())
    profile = tmp_path / "profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(tmp_path / "agreement.docx"), str(tmp_path / "plan.docx")],
        capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "agreement.pdf").pages)
    assert "Samarbejdsaftale" in text and "Region Søndersted" in text and "UDKAST" in text
    plan = "".join(page.extract_text() for page in PdfReader(tmp_path / "plan.pdf").pages)
    assert "Aktivitetsplan" in plan and "Sociale klausuler" in plan


def test_edits_to_tables_and_the_first_page_are_flagged_outside_the_clauses(services, region):
    def change(document):
        word_edits.untracked(document, "Samarbejdsaftale", "Samarbejdsaftale", "Aftale")  # the title
        table = next(t for t in document.tables if t.rows[0].cells[1].text == "Aktivitet")
        cell = table.rows[1].cells[4]
        cell.paragraphs[0].runs[0].text = "60,0"  # the team's hours of the first activity
        word_edits.comment(document, "Region Søndersted ·", "Hvem har skrevet dette?")

    reading = services.agreement_word.read(region.id, word_edits.edit(version_docx(services, region), change),
                                           "svar.docx")
    assert reading.record.clauses == []  # no clause text changed: nothing to take into the next version
    assert {x["where"] for x in reading.record.outside} == {"", "team_effort"}
    first_page = next(x for x in reading.record.outside if x["where"] == "")
    assert first_page["sent"].startswith("Samarbejdsaftale") and first_page["received"].startswith("Aftale")
    assert any("outside the clauses" in w for w in reading.warnings)
    assert [c["clause"] for c in reading.record.comments] == [""]


def test_a_second_reply_to_the_same_version_reads_clean_after_the_first_changed_its_state(services, region):
    """The first reading moves the version to "comments received"; the first page's facts then
    differ from a copy saved while it was "sent for comment", which is no edit of the reader's."""
    saved = version_docx(services, region)
    services.agreement_word.receive(region.id, word_edits.edit(saved, word_edits.organisation_edits), "a.docx")
    second = word_edits.edit(saved, lambda d: word_edits.comment(d, "Gode eksempler", "Fint.", author="Lise"))
    reading = services.agreement_word.read(region.id, second, "b.docx")
    assert reading.record.outside == [] and reading.record.clauses == [] and reading.warnings == []
    assert [c["author"] for c in reading.record.comments] == ["Lise"]
