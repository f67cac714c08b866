"""The `verkstad` command as a user runs it (`python -m verkstad` in a subprocess): help,
version, export/import round trip, and refusals that print one line and change nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from verkstad.services.exchange.codec import VERSION

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def verkstad(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "PYTHONIOENCODING": "utf-8"}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, "-m", "verkstad", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def assert_refused(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("verkstad: "), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    """A database with the demo programme, and its export, made through the command."""
    folder = tmp_path_factory.mktemp("cli")
    result = verkstad("demo", "--db", "demo.sqlite", cwd=folder)
    assert result.returncode == 0, result.stderr
    result = verkstad("export", "--db", "demo.sqlite", "--out", "demo.json", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Exported ") and "records to demo.json" in result.stdout
    return folder / "demo.sqlite", folder / "demo.json"


def test_help_lists_the_commands(tmp_path):
    result = verkstad("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("demo", "export", "import"):
        assert command in result.stdout
    result = verkstad("import", "--help", cwd=tmp_path)
    assert result.returncode == 0 and "--db" in result.stdout


def test_version(tmp_path):
    from verkstad import __version__

    result = verkstad("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, f"verkstad {__version__}")


def test_export_import_export_gives_the_same_bytes(exported, tmp_path):
    _db, first = exported
    result = verkstad("import", "--db", "copy.sqlite", first, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Imported the programme “Rejsehold for grønne indkøb (demo)”."
    result = verkstad("export", "--db", "copy.sqlite", "--programme", "rejsehold for grønne indkøb (demo)",
                      "--out", "again.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "again.json").read_bytes() == first.read_bytes()


@pytest.fixture
def target(exported, tmp_path) -> Path:
    """A copy of the demo database (closed) to import into, opened once by Verkstad as a copy on a
    second laptop would be: that first open gives the copy a device id of its own."""
    from verkstad.storage.db import Database

    db, _ = exported
    path = tmp_path / "target.sqlite"
    src = sqlite3.connect(db)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    Database(path).close()
    return path


def test_importing_a_programme_that_is_already_there_is_refused(exported, target, tmp_path):
    _db, doc = exported
    before = dump(target)
    assert_refused(verkstad("import", "--db", target, doc, cwd=tmp_path),
                   "is already in this database; nothing was imported")
    assert dump(target) == before


def _variant(doc: Path, tmp_path: Path, change) -> Path:
    data = json.loads(doc.read_text(encoding="utf-8"))
    data["programme"]["id"] = "00000000-0000-4000-8000-000000000001"  # a programme the database lacks
    for rows in data["records"].values():
        for row in rows:
            if "programme_id" in row:
                row["programme_id"] = data["programme"]["id"]
    text = change(data)
    path = tmp_path / "variant.json"
    path.write_text(text if isinstance(text, str) else json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_a_malformed_file_is_refused_with_line_and_column(exported, target, tmp_path):
    _db, doc = exported
    bad = tmp_path / "bad.json"
    bad.write_text(doc.read_text(encoding="utf-8").replace('"position": 0,', '"position": 0', 1),
                   encoding="utf-8")
    before = dump(target)
    assert_refused(verkstad("import", "--db", target, bad, cwd=tmp_path), "is not valid JSON: line ")
    assert dump(target) == before


def test_a_truncated_file_is_refused(exported, target, tmp_path):
    _db, doc = exported
    bad = tmp_path / "cut.json"
    bad.write_bytes(doc.read_bytes()[:5000])
    before = dump(target)
    assert_refused(verkstad("import", "--db", target, bad, cwd=tmp_path), "ends too early")
    assert dump(target) == before


def test_a_schema_violation_is_refused_with_its_path(exported, target, tmp_path):
    _db, doc = exported
    bad = _variant(doc, tmp_path, lambda d: d["records"]["phases"][2].__setitem__("start_date", "2027-13-01"))
    before = dump(target)
    assert_refused(verkstad("import", "--db", target, bad, cwd=tmp_path),
                   'does not follow the Verkstad format at records.phases[2].start_date: "2027-13-01" is not a date')
    assert dump(target) == before


def test_a_dangling_reference_is_refused(exported, target, tmp_path):
    _db, doc = exported
    bad = _variant(doc, tmp_path, lambda d: d["records"]["meetings"][1].__setitem__(
        "phase_id", "00000000-0000-4000-8000-000000000002"))
    before = dump(target)
    assert_refused(verkstad("import", "--db", target, bad, cwd=tmp_path),
                   "at records.meetings[1].phase_id: the file holds no phase with the id "
                   "00000000-0000-4000-8000-000000000002")
    assert dump(target) == before


def test_a_newer_format_version_is_refused(exported, target, tmp_path):
    _db, doc = exported
    bad = _variant(doc, tmp_path, lambda d: d.__setitem__("version", 7))
    assert_refused(verkstad("import", "--db", target, bad, cwd=tmp_path), "version 7", "Update Verkstad")


def test_a_missing_file_is_one_line(target, tmp_path):
    assert_refused(verkstad("import", "--db", target, "nowhere.json", cwd=tmp_path), "nowhere.json")


def test_exporting_an_unknown_programme_is_refused(exported, tmp_path):
    db, _doc = exported
    assert_refused(verkstad("export", "--db", db, "--programme", "Ukendt", "--out", "x.json", cwd=tmp_path),
                   "No programme is called or has the id “Ukendt”")
    assert not (tmp_path / "x.json").exists()


def test_a_text_file_given_as_database_is_one_line(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("ikke en database\n", encoding="utf-8")
    assert_refused(verkstad("export", "--db", notes, "--out", "x.json", cwd=tmp_path),
                   f"“{notes}” is not a Verkstad database")
    assert notes.read_text(encoding="utf-8") == "ikke en database\n"


def test_a_refused_import_into_a_new_database_leaves_no_file_behind(exported, target, tmp_path):
    _db, doc = exported
    bad = tmp_path / "bad.json"
    text = doc.read_text(encoding="utf-8")
    assert f'"version": {VERSION}' in text
    bad.write_text(text.replace(f'"version": {VERSION}', '"version": 99'), encoding="utf-8")
    assert_refused(verkstad("import", "--db", "new.sqlite", bad, cwd=tmp_path), "version 99")
    assert not list(tmp_path.glob("new.sqlite*"))
    before = dump(target)  # an existing database is kept as it was, of course
    assert_refused(verkstad("import", "--db", target, bad, cwd=tmp_path), "version 99")
    assert target.exists() and dump(target) == before


def test_names_with_control_characters_do_not_act_on_the_terminal(exported, tmp_path):
    """A programme file may name its programme with an escape sequence ("\\x1b[2J" clears the
    screen): what the command line prints of it is inert."""
    _db, doc = exported
    data = json.loads(doc.read_text(encoding="utf-8"))
    data["programme"]["name"] = "Forløb \x1b[2J\x07slut"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = verkstad("import", "--db", "h.sqlite", hostile, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "slut" in result.stdout
    result = verkstad("import", "--db", "h.sqlite", hostile, cwd=tmp_path)  # refused: already there
    assert result.returncode == 2 and "\x1b" not in result.stderr and "slut" in result.stderr


def test_a_damaged_database_found_while_the_window_starts_is_refused(exported, tmp_path):
    """The GUI checks the file's integrity while it imports the ORM (after the first paint):
    a damaged file is refused then as at open, with exit status 2 and one line."""
    from verkstad.storage.db import Database

    path = tmp_path / "damaged.sqlite"
    path.write_bytes(exported[0].read_bytes())
    Database(path).close()  # the copy takes its own device id now: opening it again writes nothing
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='entries'").fetchone()[0]
    conn.close()
    with path.open("r+b") as f:  # a page no start-up read touches
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * 512)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "PYTHONIOENCODING": "utf-8",
           "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "VERKSTAD_LOG_DIR": str(tmp_path / "logs")}
    result = subprocess.run([sys.executable, "-m", "verkstad", "--db", str(path), "--quit-when-ready"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert f"verkstad: The database “{path}” is damaged." in result.stderr.splitlines()[-1], result.stderr
    assert "Traceback" not in result.stderr
    log = (tmp_path / "logs" / "verkstad.log").read_text(encoding="utf-8")
    assert "database opened" in log  # refused by the check beside the ORM's import, not at open
