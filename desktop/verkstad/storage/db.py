"""The SQLite database: opening, pragmas, transactions, migrations and backups.

A database is opened by one Verkstad process at a time: the connection takes SQLite's
exclusive lock at open (WAL in EXCLUSIVE locking mode) and keeps it, so a second
instance is told plainly instead of writing over the first. Every commit is durable
(`synchronous=FULL`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from verkstad.paths import backups_dir
from verkstad.storage import mapping  # noqa: F401  (maps the domain classes; an existing file skips migrations)
from verkstad.storage.errors import StorageError, classify

APPLICATION_ID = 0x56524B53  # "VRKS" in the SQLite header
SCHEMA_HEAD = "0001"  # the newest Alembic revision; a test keeps it honest
KEEP_BACKUPS = 10
_SQLITE_MAGIC = b"SQLite format 3\x00"


def _inspect_file(path: Path) -> None:
    """Refuse files that are not SQLite, or SQLite files of another program."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except PermissionError as exc:
        raise StorageError("cannot_open", str(path), str(exc)) from exc
    if not header.startswith(_SQLITE_MAGIC):
        raise StorageError("not_a_database", str(path))
    app_id = int.from_bytes(header[68:72], "big") if len(header) == 100 else 0
    if app_id not in (0, APPLICATION_ID):
        raise StorageError("not_verkstad", str(path))
    if app_id == 0 and _has_tables(path):
        # Another program's database: refuse it before the connection switches it to WAL.
        raise StorageError("not_verkstad", str(path))
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        # SQLite would report a bare "disk I/O error"; WAL also needs to write beside the file.
        raise StorageError("read_only", str(path))


def _has_tables(path: Path) -> bool:
    """Whether an SQLite file holds any table, read without writing to it. False when it
    cannot be read that way (e.g. a WAL left by a crash): opening then checks again."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            return conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0
        finally:
            conn.close()
    except sqlite3.Error:
        return False


class Database:
    """One open Verkstad database file (or `:memory:` for tests)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        self.label = str(path)
        if self.path is not None:
            _inspect_file(self.path)
            if not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        url = f"sqlite:///{self.path}" if self.path else "sqlite://"
        self.engine = create_engine(
            url,
            poolclass=StaticPool,
            connect_args={"check_same_thread": False, "timeout": 0.2},
        )
        event.listen(self.engine, "connect", self._on_connect)
        event.listen(self.engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        try:
            self._guard(self._open)
        except BaseException:
            self.engine.dispose()  # release the file (and its lock) when it cannot be used
            raise

    # -- opening --------------------------------------------------------------

    @staticmethod
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA locking_mode=EXCLUSIVE")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    def _guard(self, fn, *args):
        try:
            return fn(*args)
        except DBAPIError as exc:
            kind = classify(exc)
            if kind is None:
                raise
            raise StorageError(kind, self.label, str(exc.orig)) from exc
        except sqlite3.Error as exc:
            kind = classify(exc)
            if kind is None:
                raise
            raise StorageError(kind, self.label, str(exc)) from exc

    def _open(self) -> None:
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            # Take the write lock now and keep it (EXCLUSIVE locking mode).
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("COMMIT")
            check = raw.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise StorageError("corrupted", self.label, check)
            tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            app_id = raw.execute("PRAGMA application_id").fetchone()[0]
            if tables and app_id != APPLICATION_ID:
                raise StorageError("not_verkstad", self.label)
            revision = None
            if "alembic_version" in tables:
                revision = raw.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = revision[0] if revision else None
        if revision != SCHEMA_HEAD:
            self._migrate(fresh=not tables, revision=revision)

    def _migrate(self, fresh: bool, revision: str | None = None) -> None:
        from verkstad.storage import migrate

        if revision is not None and not migrate.knows(revision):
            raise StorageError("newer_schema", self.label, revision)
        if not fresh:
            self.backup("before-migration")
        migrate.upgrade(self.engine)
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            raw.execute(f"PRAGMA application_id={APPLICATION_ID}")

    # -- use --------------------------------------------------------------------

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: commits when the block ends, rolls back on any error."""
        with self._lock:
            session = self._sessions()
            try:
                yield session
                self._guard(session.commit)
            except BaseException:
                session.rollback()
                raise
            finally:
                session.close()

    def raw_connection(self) -> sqlite3.Connection:
        return self.engine.raw_connection().dbapi_connection

    def backup(self, reason: str) -> Path | None:
        """Copy the database with SQLite's backup API; keep the newest few."""
        if self.path is None:
            return None
        folder = backups_dir(self.path)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{stamp}-{reason}.sqlite"
        with self._lock:
            dest = sqlite3.connect(target)
            try:
                self._guard(self.raw_connection().backup, dest)
            finally:
                dest.close()
        for old in sorted(folder.glob("*.sqlite"))[:-KEEP_BACKUPS]:
            old.unlink(missing_ok=True)
        return target

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
