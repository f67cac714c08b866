"""SQLite errors are classified by their result code, never by their text: each environment
code gives its StorageError kind, every other code (a bug) gives None."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from verkstad.errors import VerkstadError
from verkstad.storage.db import Database
from verkstad.storage.errors import KINDS, SqliteCode, StorageError, classify, primary_code


def _raised(call) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as info:
        call()
    return info.value


def _error(code: int, text: str = "", cls: type[sqlite3.Error] = sqlite3.OperationalError) -> sqlite3.Error:
    """An sqlite3 error as the driver raises it, for codes too costly to provoke here."""
    exc = cls(text)
    exc.sqlite_errorcode = code
    return exc


@pytest.fixture
def file_db(tmp_path) -> Path:
    path = tmp_path / "plain.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(10)])
    conn.commit()
    conn.close()
    return path


# -- provoked for real -------------------------------------------------------------------------


def test_busy_from_a_second_connection_is_locked(file_db):
    holder = sqlite3.connect(file_db, isolation_level=None)
    other = sqlite3.connect(file_db, timeout=0)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        exc = _raised(lambda: other.execute("SELECT * FROM t").fetchall())
    finally:
        holder.close()
        other.close()
    assert exc.sqlite_errorcode == SqliteCode.BUSY
    assert classify(exc) == "locked"


def test_a_table_locked_by_a_running_read_is_locked():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(10)])
    reading = conn.execute("SELECT * FROM t")
    reading.fetchone()
    exc = _raised(lambda: conn.execute("DROP TABLE t"))
    conn.close()
    assert exc.sqlite_errorcode == SqliteCode.LOCKED
    assert classify(exc) == "locked"


def test_writing_to_a_read_only_file_is_read_only(file_db):
    conn = sqlite3.connect(f"{file_db.as_uri()}?mode=ro", uri=True)  # read-only even for root
    try:
        exc = _raised(lambda: conn.execute("INSERT INTO t VALUES (1)"))
    finally:
        conn.close()
    assert exc.sqlite_errorcode == SqliteCode.READONLY
    assert classify(exc) == "read_only"


def test_a_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Mødenoter, ikke en database\n" * 100, encoding="utf-8")
    conn = sqlite3.connect(path)
    try:
        exc = _raised(lambda: conn.execute("SELECT * FROM sqlite_master").fetchall())
    finally:
        conn.close()
    assert exc.sqlite_errorcode == SqliteCode.NOTADB
    assert classify(exc) == "not_a_database"


def test_a_file_in_a_missing_folder_cannot_be_opened(tmp_path):
    exc = _raised(lambda: sqlite3.connect(tmp_path / "nowhere" / "v.sqlite"))
    assert exc.sqlite_errorcode == SqliteCode.CANTOPEN
    assert classify(exc) == "cannot_open"


def test_a_file_that_may_not_grow_is_disk_full():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}")  # as good as a full disk

    def fill():
        for _ in range(50):
            conn.execute("INSERT INTO t VALUES (?)", ("x" * 4000,))

    exc = _raised(fill)
    conn.close()
    assert exc.sqlite_errorcode == SqliteCode.FULL
    assert classify(exc) == "disk_full"


def test_a_damaged_table_page_is_corrupted(file_db):
    conn = sqlite3.connect(file_db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='t'").fetchone()[0]
    conn.close()
    data = bytearray(file_db.read_bytes())
    offset = (root - 1) * page_size
    data[offset:offset + 512] = b"\xa5" * 512
    file_db.write_bytes(bytes(data))
    conn = sqlite3.connect(file_db)
    try:
        exc = _raised(lambda: conn.execute("SELECT * FROM t").fetchall())
    finally:
        conn.close()
    assert exc.sqlite_errorcode & 0xFF == SqliteCode.CORRUPT
    assert classify(exc) == "corrupted"


# -- bugs: never disguised as the environment -----------------------------------------------------


def test_malformed_json_is_a_bug_not_a_corrupted_file():
    conn = sqlite3.connect(":memory:")
    exc = _raised(lambda: conn.execute("SELECT json('{')"))
    conn.close()
    assert "malformed" in str(exc)  # the text says "malformed", as a damaged file's does
    assert exc.sqlite_errorcode == SqliteCode.ERROR
    assert classify(exc) is None


@pytest.mark.parametrize("sql", [
    "SELEC 1",  # a syntax error
    "SELECT * FROM entries",  # no such table
])
def test_other_sqlite_errors_are_bugs(sql):
    conn = sqlite3.connect(":memory:")
    exc = _raised(lambda: conn.execute(sql))
    conn.close()
    assert classify(exc) is None


def test_a_constraint_is_a_bug():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE u (x UNIQUE)")
    conn.execute("INSERT INTO u VALUES (1)")
    exc = _raised(lambda: conn.execute("INSERT INTO u VALUES (1)"))
    conn.close()
    assert isinstance(exc, sqlite3.IntegrityError)
    assert exc.sqlite_errorcode & 0xFF == 19  # SQLITE_CONSTRAINT (extended: _UNIQUE)
    assert classify(exc) is None


def test_errors_without_a_code_are_bugs():
    # Raised by Python's sqlite3 module itself, or not by SQLite at all.
    assert classify(sqlite3.ProgrammingError("Cannot operate on a closed database.")) is None
    assert classify(sqlite3.OperationalError("database is locked")) is None  # the text alone says nothing
    assert classify(ValueError("database is locked")) is None
    assert primary_code(ValueError("x")) is None


# -- codes too costly to provoke here ----------------------------------------------------------


@pytest.mark.parametrize("code,kind", [
    (3, "read_only"),  # SQLITE_PERM
    (5, "locked"),  # SQLITE_BUSY
    (517, "locked"),  # SQLITE_BUSY_SNAPSHOT: extended codes keep the primary in the low byte
    (6, "locked"),  # SQLITE_LOCKED
    (8, "read_only"),  # SQLITE_READONLY
    (10, "io_error"),  # SQLITE_IOERR
    (522, "io_error"),  # SQLITE_IOERR_SHORT_READ
    (3850, "io_error"),  # SQLITE_IOERR_LOCK
    (11, "corrupted"),  # SQLITE_CORRUPT
    (13, "disk_full"),  # SQLITE_FULL
    (14, "cannot_open"),  # SQLITE_CANTOPEN
    (26, "not_a_database"),  # SQLITE_NOTADB
    (1, None),  # SQLITE_ERROR
    (19, None),  # SQLITE_CONSTRAINT
    (21, None),  # SQLITE_MISUSE
    (2, None),  # SQLITE_INTERNAL
])
def test_each_code_gives_its_kind(code, kind):
    assert classify(_error(code, "whatever the text says: database disk image is malformed")) == kind
    assert classify(_error(code, cls=sqlite3.DatabaseError)) == kind


def test_every_kind_has_a_message():
    for kind in set(KINDS.values()):
        message = str(StorageError(kind, "/data/forløb.sqlite", "detail"))
        assert "“/data/forløb.sqlite”" in message and "\n" not in message


def test_a_storage_error_is_a_verkstad_error():
    assert isinstance(StorageError("io_error", "x"), VerkstadError)


# -- through SQLAlchemy and the Database ---------------------------------------------------------


def test_sqlalchemy_wrapped_errors_are_classified_by_their_orig(file_db):
    from sqlalchemy import create_engine, text
    from sqlalchemy import exc as sa_exc

    holder = sqlite3.connect(file_db, isolation_level=None)
    engine = create_engine(f"sqlite:///{file_db}", connect_args={"timeout": 0})
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with engine.connect() as conn, pytest.raises(sa_exc.OperationalError) as locked:
            conn.execute(text("SELECT * FROM t")).fetchall()
        holder.execute("COMMIT")
        with engine.connect() as conn, pytest.raises(sa_exc.OperationalError) as bug:
            conn.execute(text("SELECT json('{')"))
    finally:
        holder.close()
        engine.dispose()
    assert classify(locked.value) == "locked"
    assert classify(bug.value) is None


def test_the_database_lets_a_malformed_json_bug_through(tmp_path):
    from sqlalchemy import exc as sa_exc
    from sqlalchemy import text

    with Database(tmp_path / "v.sqlite") as db:
        with pytest.raises(sqlite3.OperationalError):
            db.query("SELECT json('{')")
        with pytest.raises(sa_exc.OperationalError) as info, db.session() as s:
            s.execute(text("SELECT json('{')"))
        assert not isinstance(info.value, StorageError)
