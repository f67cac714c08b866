"""`verkstad --self-test`: what CI runs from the installed package, here from source."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from verkstad import selftest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_self_test_passes_and_touches_nothing_of_the_users(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
           "XDG_CACHE_HOME": str(home / "cache"), "PYTHONPATH": str(ROOT / "desktop")}
    env.pop("VERKSTAD_LOG_DIR", None)
    env.pop("QT_QPA_PLATFORM", None)  # it chooses the offscreen platform itself
    done = subprocess.run([sys.executable, "-m", "verkstad", "--self-test"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [f"ok  {name}" for name, _check in selftest.CHECKS]
    assert "25 documents rendered and read back" in done.stdout  # 5 kinds × 5 languages
    assert lines[-1] == "Verkstad works: every check passed."
    leftovers = list(home.rglob("*"))
    assert leftovers == []  # no database, settings or log of the user's was made


def test_a_failing_check_is_named_with_its_reason_and_the_exit_status_is_1(monkeypatch):
    def broken(_ctx):
        raise RuntimeError("pdfium could not be loaded")

    folders = []

    def remember(ctx):
        folders.append(ctx.folder)
        return "noted"

    monkeypatch.setattr(selftest, "CHECKS", [("folder", remember), ("documents", broken),
                                             ("never", lambda _ctx: pytest.fail("ran after a failure"))])
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run(out, err) == 1
    assert out.getvalue().splitlines()[-1] == "FAILED documents: RuntimeError: pdfium could not be loaded"
    assert "Traceback" in err.getvalue() and "pdfium could not be loaded" in err.getvalue()
    assert not folders[0].exists()  # the temporary database and settings are gone


def test_the_command_line_runs_the_self_test(monkeypatch):
    from verkstad import cli

    monkeypatch.setattr(selftest, "run", lambda: 1)
    assert cli.main(["--self-test"]) == 1


def test_the_self_test_leaves_the_environment_as_it_found_it(monkeypatch):
    monkeypatch.setenv("VERKSTAD_LOG_DIR", "/somewhere/logs")
    monkeypatch.setattr(selftest, "CHECKS", [("nothing", lambda _ctx: "done")])
    assert selftest.run(io.StringIO(), io.StringIO()) == 0
    assert os.environ["VERKSTAD_LOG_DIR"] == "/somewhere/logs"
