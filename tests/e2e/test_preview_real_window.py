"""The document preview in a real X window (Xvfb): opened from the activity plan view of the
main window, drawn, and printed through the print dialog to a file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.realwindow
@pytest.mark.slow
def test_preview_and_print_the_activity_plan_in_a_real_window(tmp_path, db_path):
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT / "desktop"))
    assert env.get("DISPLAY"), "no X display: install Xvfb so pytest-xvfb can start one"
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("preview_driver.py")), str(db_path),
                             str(tmp_path)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    pages = int(lines["PAGES"])
    assert pages >= 1 and int(lines["PRINTED"]) == pages
    assert "Nordhavn Kommune" in lines["TITLE"]
    assert len(PdfReader(io.BytesIO((tmp_path / "printed.pdf").read_bytes())).pages) == pages
    from PySide6.QtGui import QImage

    shot = QImage(str(tmp_path / "preview.png"))
    assert shot.width() >= 900
    colours = {shot.pixel(x, y) for x in range(0, shot.width(), 23) for y in range(0, shot.height(), 23)}
    assert len(colours) > 20  # pages drawn, not a blank window
