"""The main window in a real X window (Xvfb, started by pytest-xvfb): it paints, and a
planning edit made through its widgets is stored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _xcb_env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT / "desktop"))
    assert env.get("DISPLAY"), "no X display: install Xvfb (scripts/setup.sh does) so pytest-xvfb can start one"
    return env


@pytest.mark.realwindow
def test_plan_a_kickoff_meeting_in_a_real_window(tmp_path, db_path):
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("real_window_driver.py")),
                             str(db_path), str(tmp_path)], env=_xcb_env(), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert lines["WINDOW"].startswith("True")
    order = lines["ORDER"].split("|")
    from verkstad.i18n import translator

    da = translator("da").gettext
    assert order[:2] == [da("Review of the purchasing policy"), da("Welcome and purpose of the meeting")]
    from PySide6.QtGui import QImage

    shot = QImage(str(tmp_path / "meeting.png"))
    assert shot.width() >= 1000 and shot.height() >= 700
    # a painted window has many colours; a blank or black one has one or two
    colours = {shot.pixel(x, y) for x in range(0, shot.width(), 37) for y in range(0, shot.height(), 37)}
    assert len(colours) > 20


@pytest.mark.realwindow
def test_quit_when_ready_prints_the_start_up_time(db_path):
    subprocess.run([sys.executable, "-m", "verkstad", "demo", "--db", str(db_path)], env=_xcb_env(),
                   check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-m", "verkstad", "--db", str(db_path), "--quit-when-ready"],
                            env=_xcb_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert 0 < float(result.stdout.strip()) < 60_000
