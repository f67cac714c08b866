"""`verkstad render … --format docx` and `verkstad receive-comments` as a user runs them: the
Word document of a version, the organisation's copy read back (a dry run stores nothing, the
real run stores it once), and refusals as one line with exit status 2."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests import word_edits
from tests.e2e.test_render_cli import verkstad

pytestmark = pytest.mark.slow


@pytest.fixture
def folder(tmp_path) -> Path:
    assert verkstad("demo", "--db", "demo.sqlite", cwd=tmp_path).returncode == 0
    return tmp_path


def test_a_version_goes_out_as_docx_and_its_comments_come_back(folder):
    made = verkstad("render", "agreement", "--db", "demo.sqlite", "--organisation", "RS", "--version", "1",
                    "--format", "docx", "--out", "aftale.docx", cwd=folder)
    assert made.returncode == 0, made.stderr
    assert docx.Document(folder / "aftale.docx").paragraphs[0].text == "Samarbejdsaftale"
    back = folder / "svar.docx"
    back.write_bytes(word_edits.edit((folder / "aftale.docx").read_bytes(), word_edits.organisation_edits))

    dry = verkstad("receive-comments", "--db", "demo.sqlite", "--organisation", "RS", "--dry-run", back, cwd=folder)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0] == "Version 1: 1 comment and 3 clauses changed."
    assert "Comment on “Background and purpose” by Maja Holm: Vi vil gerne nævne vores klimaplan her." in lines
    assert "Changed: “Communication” (edited without tracking)" in lines
    assert lines[-1] == "Nothing was stored (--dry-run)."

    stored = verkstad("receive-comments", "--db", "demo.sqlite", "--organisation", "RS", back, cwd=folder)
    assert stored.returncode == 0 and "Stored with version 1" in stored.stdout.splitlines()[-1]
    again = verkstad("receive-comments", "--db", "demo.sqlite", "--organisation", "RS", back, cwd=folder)
    assert again.returncode == 2 and again.stdout == ""
    assert again.stderr.startswith("verkstad: “svar.docx” was already read on ")
    assert len(again.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("args", "message"), [
    (("render", "minutes", "--db", "demo.sqlite", "--organisation", "NK", "--format", "docx", "--out", "x.docx"),
     "Only the agreement and the activity plan can be made as Word documents."),
    (("receive-comments", "--db", "demo.sqlite", "--organisation", "NK", "nothing.docx"),
     "There is no file “nothing.docx”."),
    (("receive-comments", "--db", "demo.sqlite", "--organisation", "NK", "demo.sqlite"),
     "“demo.sqlite” cannot be read as a Word document: it is not a .docx file."),
])
def test_refusals_are_one_line_and_exit_2(folder, args, message):
    result = verkstad(*args, cwd=folder)
    assert result.returncode == 2
    assert result.stderr.strip() == f"verkstad: {message}"


def test_the_plan_goes_out_as_docx_in_finnish(folder):
    made = verkstad("render", "plan", "--db", "demo.sqlite", "--organisation", "KK", "--format", "docx",
                    "--out", "plan.docx", cwd=folder)
    assert made.returncode == 0, made.stderr
    assert docx.Document(folder / "plan.docx").paragraphs[0].text == "Toimenpidesuunnitelma"
