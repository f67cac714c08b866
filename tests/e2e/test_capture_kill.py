"""Nothing is lost: a real Verkstad process in capture mode is killed (SIGKILL) right after Enter,
in the middle of typing, and in the middle of a whole kick-off meeting; started again on the
same database, everything is there, the half-typed sentence included."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verkstad.domain.model import Activity, Attendance, Entry, Meeting, Organisation

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("capture_driver.py")
HALF = "Halvt skrevet sætning om fælles kørsel til"

pytestmark = pytest.mark.slow


def _env(tmp_path: Path, platform: str = "offscreen") -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONPATH=str(ROOT / "desktop"),
               PYTHONIOENCODING="utf-8", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    return env


@pytest.fixture
def kickoff(db_path) -> str:
    """The demo's kick-off meeting at Nordhavn Kommune, emptied so it can be run again."""
    from verkstad.services.demo import create_demo
    from verkstad.services.hub import Services

    services = Services.open(db_path)
    try:
        programme = create_demo(services, "da")
        nk = next(o for o in services.records.list(Organisation, programme_id=programme.id) if o.short_name == "NK")
        meeting = next(m for m in services.records.list(Meeting, organisation_id=nk.id))
        for entry in services.records.list(Entry, meeting_id=meeting.id):
            services.records.delete(Entry, entry.id)
        for row in services.records.list(Attendance, meeting_id=meeting.id):
            services.records.update(Attendance, row.id, attended=False)
        services.records.update(Meeting, meeting.id, started_at=None, ended_at=None, current_item_id=None,
                                item_started_at=None)
        return meeting.id
    finally:
        services.close()


class Driven:
    """A capture_driver.py process and its stdout, read line by line with a deadline."""

    def __init__(self, mode: str, db: Path, meeting_id: str, tmp_path: Path, platform: str = "offscreen",
                 out: Path | None = None) -> None:
        args = [sys.executable, str(DRIVER), mode, str(db), meeting_id] + ([str(out)] if out else [])
        self.proc = subprocess.Popen(args, env=_env(tmp_path, platform), stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.lines: dict[str, str] = {}

    def wait_for(self, word: str, timeout: float = 60) -> str:
        selector = selectors.DefaultSelector()
        selector.register(self.proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while word not in self.lines:
            if time.monotonic() > deadline or not selector.select(timeout=max(0, deadline - time.monotonic())):
                self.kill()
                raise AssertionError(f"no {word} from the driver; stderr:\n{self.proc.stderr.read()}")
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError(f"driver ended before {word}; stderr:\n{self.proc.stderr.read()}")
            first, _, rest = line.rstrip("\n").partition(" ")
            self.lines[first] = rest
        return self.lines[word]

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.proc.stderr.close()


def meeting_org(services, meeting_id: str) -> str:
    return services.records.get(Meeting, meeting_id).organisation_id


def _reopen(db_path: Path):
    from verkstad.services.hub import Services

    return Services.open(db_path)  # the lock of the killed process is gone with it


def _restart_report(db_path: Path, meeting_id: str, tmp_path: Path) -> dict[str, str]:
    driven = Driven("report", db_path, meeting_id, tmp_path)
    driven.wait_for("ENTRIES")
    driven.proc.wait(timeout=30)
    driven.proc.stdout.close()
    driven.proc.stderr.close()
    return driven.lines


def test_an_entry_survives_a_kill_right_after_enter(db_path, kickoff, tmp_path):
    driven = Driven("enter", db_path, kickoff, tmp_path)
    entry_id = driven.wait_for("ENTERED")
    driven.kill()
    assert driven.proc.returncode == -signal.SIGKILL
    services = _reopen(db_path)
    try:
        entry = services.records.get(Entry, entry_id)
        assert (entry.text, entry.meeting_id) == ("Elbiler i hjemmeplejen", kickoff)
        assert entry.theme_ids
    finally:
        services.close()


def test_half_typed_text_survives_a_kill_and_comes_back_in_the_line(db_path, kickoff, tmp_path):
    driven = Driven("typing", db_path, kickoff, tmp_path)
    driven.wait_for("TYPED")
    time.sleep(1.0)  # "within a second of the last keystroke"
    driven.kill()
    services = _reopen(db_path)
    try:
        assert services.capture.load_draft(kickoff) == HALF
    finally:
        services.close()
    report = _restart_report(db_path, kickoff, tmp_path)
    assert report["LINE"] == HALF


@pytest.mark.realwindow
def test_a_whole_kickoff_meeting_in_a_real_window_survives_a_kill(db_path, kickoff, tmp_path):
    assert os.environ.get("DISPLAY"), "no X display: pytest-xvfb starts one when Xvfb is installed"
    driven = Driven("meeting", db_path, kickoff, tmp_path, platform="xcb", out=tmp_path)
    driven.wait_for("READY", timeout=120)
    time.sleep(1.0)
    driven.kill()
    enter_ms = [float(x) for x in driven.lines["ENTER_MS"].split()]
    assert len(enter_ms) == 30
    assert int(driven.lines["SEARCH"]) == 3  # møbelbank, Møbelbanken, møbelbanken: prefix and case
    # Enter opens the best hit: the shortest entry with the word beginning (bm25), not a theme.
    assert driven.lines["OPENED"] == driven.lines["FIRST"] == "Møbelbanken afprøves på rådhuset først"
    services = _reopen(db_path)
    try:
        entries = services.capture.entries(kickoff)
        assert len(entries) == 30
        kinds = {k: sum(e.kind == k for e in entries) for k in ("idea", "decision", "task", "note")}
        assert kinds == {"idea": 12, "decision": 4, "task": 6, "note": 8}
        task = next(e for e in entries if e.text.startswith("Send politikken"))
        assert task.owner_id and task.due_date.isoformat() == "2027-03-20"
        assert sum(bool(e.theme_ids) for e in entries) >= 10
        promoted = [e for e in entries if e.activity_id]
        assert sorted(e.text[:20] for e in promoted) == ["Elbiler og ladestand", "Møbelbanken afprøves"]
        for entry in promoted:
            activity = services.records.get(Activity, entry.activity_id)
            assert activity.title == entry.text and activity.organisation_id == meeting_org(services, kickoff)
        meeting = services.records.get(Meeting, kickoff)
        assert meeting.started_at is not None and meeting.ended_at is None
        assert len({e.agenda_item_id for e in entries}) == 6
        assert services.capture.load_draft(kickoff) == HALF
        assert [r.person.name for r in services.capture.attendance(kickoff).rows
                if r.attendance and r.attendance.attended] == ["Karen Eksempel", "Maja Fiktiv Holm", "Søren Prøve"]
    finally:
        services.close()
    report = _restart_report(db_path, kickoff, tmp_path)
    assert report["LINE"] == HALF and report["ENTRIES"] == "30"
    from PySide6.QtGui import QImage

    shot = QImage(str(tmp_path / "capture.png"))
    assert shot.width() >= 1000 and shot.height() >= 600


def test_an_unknown_meeting_id_is_one_clear_line_and_exit_2(db_path, kickoff, tmp_path):
    result = subprocess.run([sys.executable, "-m", "verkstad", "--db", str(db_path), "--capture", "no-such-meeting"],
                            env=_env(tmp_path), capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == ["verkstad: There is no meeting with the id “no-such-meeting”."]
