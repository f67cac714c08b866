"""`verkstad render` as a user runs it: the documents of the demo programme (the progress report
of an organisation and of the whole programme among them), the same bytes
from two separate runs, and refusals (unknown organisation, no such version, partner, no
meeting) as one line and exit status 2."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def verkstad(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "PYTHONIOENCODING": "utf-8"}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, "-m", "verkstad", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("render")
    assert verkstad("demo", "--db", "demo.sqlite", cwd=folder).returncode == 0
    return folder


@pytest.mark.parametrize("args", [
    ("plan", "--organisation", "Nordhavn Kommune"),
    ("agreement", "--organisation", "NK", "--version", "1"),
    ("minutes", "--organisation", "KK", "--lang", "fi"),
    ("agenda", "--organisation", "RS", "--lang", "nb"),
    ("progress", "--organisation", "NK"),
    ("progress", "--programme", "rejsehold for grønne indkøb (demo)", "--lang", "sv"),
    ("sign-in", "--organisation", "NK"),
    ("dot-voting", "--organisation", "KK"),
    ("poster", "--organisation", "RS", "--lang", "en"),
    ("case-story", "--story", "Miljømærket rengøring i Nordhavn"),
    ("evaluation-sheets", "--meeting", "Afsluttende workshop"),
    ("evaluation", "--meeting", "afsluttende workshop", "--lang", "fi"),
])
def test_render_writes_a_pdf_and_a_second_run_writes_the_same_bytes(folder, args):
    out1, out2 = folder / f"{args[0]}-1.pdf", folder / f"{args[0]}-2.pdf"
    first = verkstad("render", *args, "--db", "demo.sqlite", "--out", out1, cwd=folder)
    assert first.returncode == 0, first.stderr
    assert str(out1) in first.stdout
    second = verkstad("render", *args, "--db", "demo.sqlite", "--out", out2, cwd=folder)
    assert second.returncode == 0, second.stderr
    assert out1.read_bytes() == out2.read_bytes()
    assert len(PdfReader(io.BytesIO(out1.read_bytes())).pages) >= 1


@pytest.mark.parametrize("args, fragment", [
    (("plan", "--organisation", "Nowhere"), "No organisation is called “Nowhere”"),
    (("agreement", "--organisation", "NK", "--version", "9"), "no version 9"),
    (("agreement", "--organisation", "Standardhuset"), "partner"),
    (("agreement",), "--organisation"),
    (("minutes",), "--meeting"),
    (("agenda", "--meeting", "ffffffff-0000"), "No meeting"),
    (("progress",), "--programme"),
    (("progress", "--organisation", "NK", "--programme", "x"), "--organisation"),
    (("progress", "--programme", "Nowhere"), "No programme is called"),
    (("case-story",), "--story"),
    (("case-story", "--story", "Nowhere"), "No case story has the id or title"),
    (("evaluation",), "--meeting"),
    (("evaluation-sheets", "--meeting", "Nowhere"), "No meeting has the id or title"),
])
def test_render_refusals_are_one_line_and_exit_2(folder, args, fragment):
    result = verkstad("render", *args, "--db", "demo.sqlite", "--out", "x.pdf", cwd=folder)
    assert result.returncode == 2, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("verkstad: ") and fragment in lines[0], result.stderr
    assert not (folder / "x.pdf").exists()
