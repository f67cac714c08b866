"""The database file's error paths: each ends in a StorageError whose message a user can act
on, and leaves the file (and other programs' files) as it was."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

from verkstad.domain.model import Programme, Theme
from verkstad.paths import backups_dir
from verkstad.services.hub import Services
from verkstad.services.records import Records
from verkstad.storage import db as dbmod
from verkstad.storage import migrate
from verkstad.storage.db import KEEP_BACKUPS, Database
from verkstad.storage.errors import StorageError, classify


def _make(path: Path, *names: str) -> None:
    """A closed Verkstad database holding programmes with these names."""
    with Database(path) as db:
        for name in names:
            Records(db).add(Programme(name=name))


def _names(db: Database) -> list[str]:
    return sorted(p.name for p in Records(db).list(Programme, include_deleted=True))


def test_schema_head_is_the_newest_migration():
    assert dbmod.SCHEMA_HEAD == migrate.head()


# -- files that are not ours -------------------------------------------------------------------


def test_a_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Mødenoter\n" * 50, encoding="utf-8")
    with pytest.raises(StorageError) as info:
        Database(path)
    assert info.value.kind == "not_a_database"
    assert str(info.value) == f"“{path}” is not a Verkstad database (it is not an SQLite file)."
    assert path.read_text(encoding="utf-8") == "Mødenoter\n" * 50


def test_another_programs_sqlite_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Eksempel')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError) as info:
        Database(path)
    assert info.value.kind == "not_verkstad"
    assert "is an SQLite database of another program" in str(info.value)
    # Not switched to WAL, no journal files left beside it.
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_an_sqlite_file_with_another_application_id_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=1234")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError) as info:
        Database(path)
    assert info.value.kind == "not_verkstad"


# -- damaged files ----------------------------------------------------------------------------


def _table_page_offset(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
    finally:
        conn.close()
    return (root - 1) * page_size


def test_a_damaged_page_is_reported_as_corrupted(tmp_path):
    path = tmp_path / "v.sqlite"
    _make(path, "Forløb A", "Forløb B")
    data = bytearray(path.read_bytes())
    offset = _table_page_offset(path, "programmes")
    data[offset:offset + 512] = b"\xa5" * 512  # garbage in the middle of a real table page
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError) as info:
        Database(path)
    assert info.value.kind == "corrupted"
    assert str(info.value).startswith(f"The database “{path}” is damaged. Restore it from a backup")


def _damage(path: Path, table: str) -> None:
    data = bytearray(path.read_bytes())
    offset = _table_page_offset(path, table)
    data[offset:offset + 512] = b"\xa5" * 512
    path.write_bytes(bytes(data))


def test_a_deferred_check_refuses_a_damaged_page_once_the_engine_is_built(tmp_path):
    """The GUI's start: the file opens for its plain reads; the check that runs while the engine
    is built refuses it, and every use after that."""
    path = tmp_path / "v.sqlite"
    _make(path, "Forløb A", "Forløb B")
    _damage(path, "programmes")
    db = Database(path, defer_engine=True, defer_check=True)
    try:
        for _ in range(2):
            with pytest.raises(StorageError) as info:
                db.engine  # noqa: B018
            assert info.value.kind == "corrupted" and info.value.path == str(path)
        with pytest.raises(StorageError), db.session():
            pass
        assert not db.engine_built
    finally:
        db.close()


def test_a_deferred_check_of_a_sound_file_builds_the_engine(tmp_path):
    path = tmp_path / "v.sqlite"
    _make(path, "Forløb A")
    with Database(path, defer_engine=True, defer_check=True) as db:
        assert not db.engine_built
        assert _names(db) == ["Forløb A"]
        assert db.engine_built


def test_a_file_to_migrate_is_checked_before_it_is_written(tmp_path, monkeypatch):
    path = tmp_path / "v.sqlite"
    _make(path, "Forløb A")
    _damage(path, "programmes")
    monkeypatch.setattr(dbmod, "SCHEMA_HEAD", "9999")  # as if a newer Verkstad opened it
    with pytest.raises(StorageError) as info:
        Database(path, defer_engine=True, defer_check=True)
    assert info.value.kind == "corrupted"
    assert not backups_dir(path).exists()


def test_a_destroyed_header_is_not_a_database(tmp_path):
    path = tmp_path / "v.sqlite"
    _make(path, "Forløb A")
    data = bytearray(path.read_bytes())
    data[0:100] = b"\x00" * 100
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError) as info:
        Database(path)
    assert info.value.kind == "not_a_database"


# -- the environment: locked, read-only, full ------------------------------------------------------


def test_a_second_instance_is_told_the_database_is_locked_and_the_first_goes_on(tmp_path):
    path = tmp_path / "v.sqlite"
    first = Database(path)
    try:
        Records(first).add(Programme(name="Første"))
        with pytest.raises(StorageError) as info:
            Database(path)
        assert info.value.kind == "locked"
        assert "is open in another Verkstad window or program" in str(info.value)
        Records(first).add(Programme(name="Anden"))  # the first instance still writes
        assert _names(first) == ["Anden", "Første"]
    finally:
        first.close()
    with Database(path) as again:  # the failed attempt kept no lock
        assert _names(again) == ["Anden", "Første"]


def _open_elsewhere(path: Path) -> list[str]:
    """Open `path` in a child process as an unprivileged user: root ignores file
    permissions, so a root test run drops to `nobody` to meet them. Returns [kind, message]
    or ["opened"]."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no imports, no Qt, only the Database
        try:
            os.close(read)
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            try:
                Database(path).close()
                result = ["opened"]
            except StorageError as exc:
                result = [exc.kind, str(exc)]
            except BaseException as exc:  # noqa: BLE001  (reported to the parent)
                result = ["error", repr(exc)]
            os.write(write, json.dumps(result).encode())
        finally:
            os._exit(0)
    os.close(write)
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.close(read)
    os.waitpid(pid, 0)
    return json.loads(data)


@pytest.fixture
def shared_folder():
    """A folder the unprivileged child can reach (pytest's tmp_path lies in a private one)."""
    folder = Path(tempfile.mkdtemp(prefix="verkstad-ro-"))
    folder.chmod(0o777)
    yield folder
    folder.chmod(0o700)
    shutil.rmtree(folder)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="uses fork to meet file permissions")
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_is_reported_as_read_only(shared_folder, what):
    path = shared_folder / "v.sqlite"
    _make(path, "Forløb")
    path.chmod(0o666)
    assert _open_elsewhere(path) == ["opened"]  # the child can use it while it is writable
    if what == "file":
        path.chmod(0o444)
    else:
        shared_folder.chmod(0o555)  # WAL needs to write beside the file
    kind, message = _open_elsewhere(path)
    assert kind == "read_only"
    assert message == (f"The database “{path}” is read-only. Copy it to a folder you can write to, "
                       "or change its permissions.")


def test_a_full_disk_is_reported_and_nothing_is_changed(tmp_path):
    services = Services.open(tmp_path / "v.sqlite")
    try:
        programme = services.planning.create_programme("Forløb", "da", "blank")
        raw = services.db.raw_connection()
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
        raw.execute(f"PRAGMA max_page_count={pages}")  # the file may not grow: as good as a full disk
        before = [t.name for t in services.records.list(Theme, programme_id=programme.id)]

        def fill_the_disk() -> None:
            for _ in range(50):
                services.records.add(Theme(programme_id=programme.id, name="x" * 4000))
                before.append("x" * 4000)

        with pytest.raises(StorageError) as info:
            fill_the_disk()
        assert info.value.kind == "disk_full"
        assert str(info.value) == (f"The disk holding “{tmp_path / 'v.sqlite'}” is full. "
                                   "Free some space; nothing was changed.")
        assert [t.name for t in services.records.list(Theme, programme_id=programme.id)] == before
        raw.execute("PRAGMA max_page_count=1073741823")  # space freed: work goes on
        services.records.add(Theme(programme_id=programme.id, name="Efter"))
    finally:
        services.close()


# classify() itself, by result code: tests/unit/verkstad/storage/test_errors.py


def test_programming_errors_are_not_classified():
    assert classify(sqlite3.ProgrammingError("Cannot operate on a closed database.")) is None
    assert classify(ValueError("database is locked")) is None


@pytest.mark.parametrize("kind", ["not_a_database", "not_verkstad", "corrupted", "read_only", "locked",
                                  "disk_full", "cannot_open", "newer_schema"])
def test_every_kind_names_the_file(kind):
    message = str(StorageError(kind, "/data/forløb.sqlite", "detail"))
    assert "“/data/forløb.sqlite”" in message and "\n" not in message


# -- transactions, schema versions, backups --------------------------------------------------------


def test_a_failed_transaction_changes_nothing(tmp_path):
    with Database(tmp_path / "v.sqlite") as db:

        def write_half() -> None:
            with db.session() as s:
                s.add(Programme(name="Halvt"))
                s.flush()
                raise RuntimeError("a bug in the middle of a write")

        with pytest.raises(RuntimeError):
            write_half()
        assert _names(db) == []


def test_a_database_of_a_newer_verkstad_is_refused(tmp_path):
    path = tmp_path / "v.sqlite"
    _make(path, "Forløb")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num='9999'")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError) as info:
        Database(path)
    assert info.value.kind == "newer_schema"
    assert "was written by a newer version of Verkstad" in str(info.value)
    assert not backups_dir(path).exists()


def test_migrating_an_older_schema_backs_up_first(tmp_path, monkeypatch):
    """A file whose revision is behind the code's head is copied before the upgrade (here
    the code's head is moved on, as a release with a new migration would)."""
    path = tmp_path / "v.sqlite"
    _make(path, "Forløb A", "Forløb B")
    with monkeypatch.context() as m:
        m.setattr(dbmod, "SCHEMA_HEAD", "next")
        with Database(path) as db:
            assert _names(db) == ["Forløb A", "Forløb B"]
    backups = list(backups_dir(path).glob("*-before-migration.sqlite"))
    assert len(backups) == 1
    with Database(backups[0]) as copy:
        assert _names(copy) == ["Forløb A", "Forløb B"]


def test_a_new_database_needs_no_backup(tmp_path):
    _make(tmp_path / "v.sqlite", "Forløb")
    assert not backups_dir(tmp_path / "v.sqlite").exists()


def test_backups_are_complete_and_only_the_newest_are_kept(tmp_path):
    path = tmp_path / "v.sqlite"
    with Database(path) as db:
        Records(db).add(Programme(name="Forløb"))
        made = []
        for i in range(KEEP_BACKUPS + 2):
            Records(db).add(Programme(name=f"Efter {i:02d}"))
            made.append(db.backup(f"test{i:02d}"))
    kept = sorted(backups_dir(path).glob("*.sqlite"))
    assert kept == made[-KEEP_BACKUPS:]
    with Database(kept[-1]) as newest:  # a backup is a working Verkstad database
        assert _names(newest) == sorted(["Forløb"] + [f"Efter {i:02d}" for i in range(KEEP_BACKUPS + 2)])
        assert newest.raw_connection().execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_database_killed_before_its_first_checkpoint_opens_again(tmp_path):
    """The application id of a new database lived only in the write-ahead log until the first
    checkpoint; a Verkstad killed before then left a file refused as "another program's"."""
    import subprocess
    import sys

    from verkstad.storage.db import APPLICATION_ID, _inspect_file

    path = tmp_path / "killed.sqlite"
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        f"c.execute('PRAGMA application_id={APPLICATION_ID}')\n"
        "c.execute('CREATE TABLE programmes (id TEXT)')\n"
        "os._exit(0)\n"  # killed: no checkpoint, no close
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    assert int.from_bytes(path.read_bytes()[68:72], "big") != APPLICATION_ID  # only in the log
    _inspect_file(path)  # ours: not refused


def test_a_new_database_carries_its_id_in_the_file_itself(tmp_path):
    from verkstad.storage.db import APPLICATION_ID, Database

    path = tmp_path / "new.sqlite"
    db = Database(path)
    try:
        assert int.from_bytes(path.read_bytes()[68:72], "big") == APPLICATION_ID
    finally:
        db.close()
