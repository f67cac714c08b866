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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from verkstad.paths import backups_dir
from verkstad.storage.errors import StorageError, classify, overtaken

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

APPLICATION_ID = 0x56524B53  # "VRKS" in the SQLite header
SCHEMA_HEAD = "0011"  # the newest Alembic revision; a test keeps it honest
KEEP_BACKUPS = 10
_SQLITE_MAGIC = b"SQLite format 3\x00"


@contextlib.contextmanager
def transaction(session: Session, guard, label: str, *, classify_other=None, committed=None) -> Iterator[Session]:
    """One session's transaction, as both kinds of database run it: commit (through `guard`, which
    makes the environment's errors StorageErrors) when the block ends, `committed(session)` then;
    on any error roll back. An update overtaken by another's is told as `changed_meanwhile`; other
    errors `classify_other` knows (a server's) become StorageErrors; the rest is raised as it is."""
    try:
        yield session
        guard(session.commit)
        if committed is not None:
            committed(session)
    except StorageError:
        session.rollback()
        raise
    except BaseException as exc:
        session.rollback()
        if overtaken(exc):  # another window's or facilitator's update of the row came first
            raise StorageError("changed_meanwhile", label) from exc
        kind = classify_other(exc) if classify_other is not None and isinstance(exc, Exception) else None
        if kind is None:
            raise
        raise StorageError(kind, label, " ".join(str(getattr(exc, "orig", exc)).split())) from exc
    finally:
        session.close()


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
    if app_id == 0 and _foreign_tables(path):
        # Another program's database: refuse it before the connection switches it to WAL.
        raise StorageError("not_verkstad", str(path))
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        # SQLite would report a bare "disk I/O error"; WAL also needs to write beside the file.
        raise StorageError("read_only", str(path))


def _foreign_tables(path: Path) -> bool:
    """Whether an SQLite file whose header carries no application id holds tables of another
    program, read without writing to it. A Verkstad database killed before its first
    checkpoint has its id only in the write-ahead log beside it: read through the log, it is
    ours. False when the file cannot be read that way: opening then checks again."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
                return False
            return bool(conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return False


class Database:
    """One open Verkstad database file (or `:memory:` for tests).

    The sqlite3 connection is opened, checked and locked here without SQLAlchemy. The
    SQLAlchemy engine, which also maps the domain classes, is built around that same
    connection at once, or with `defer_engine` on first use: the GUI reads its navigation
    with plain SQL and builds the engine right after its first paint. Until the engine
    is built, no domain object may be created for storing (its class is not mapped yet).

    With `defer_check` as well (the GUI's start), the file's integrity check (`PRAGMA
    quick_check`, a tenth of a second on 100,000 notes) runs on a thread of its own while
    the engine is built, which holds the GIL the check leaves free; the engine is only handed
    out, and nothing is written, once the check has passed. Opened otherwise, a damaged file
    is refused here.
    """

    def __init__(self, path: str | Path, *, defer_engine: bool = False, defer_check: bool = False) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        self.label = str(path)
        if self.path is not None:
            _inspect_file(self.path)
            if not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None  # built with the engine
        self._unchecked = defer_engine and defer_check  # the integrity check runs beside the engine's build
        self._damaged: StorageError | None = None  # what that check found
        try:
            self._conn = sqlite3.connect(str(self.path) if self.path else ":memory:",
                                         check_same_thread=False, timeout=0.2, isolation_level=None)
        except sqlite3.Error as exc:
            raise StorageError(classify(exc) or "cannot_open", self.label, str(exc)) from exc
        try:
            self._guard(self._configure)
            self._guard(self._open)
            if not defer_engine:
                self.engine  # noqa: B018
        except BaseException:
            self._conn.close()  # release the file (and its lock) when it cannot be used
            raise

    # -- opening --------------------------------------------------------------

    def _configure(self) -> None:
        cur = self._conn.cursor()
        cur.execute("PRAGMA locking_mode=EXCLUSIVE")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    def _guard(self, fn, *args):
        """Run fn; an sqlite3 error caused by the environment becomes a StorageError."""
        try:
            return fn(*args)
        except Exception as exc:
            orig = getattr(exc, "orig", exc)  # SQLAlchemy wraps the driver's error
            kind = classify(orig) if isinstance(orig, sqlite3.Error) else None
            if kind is None:
                raise
            raise StorageError(kind, self.label, str(orig)) from exc

    def _open(self) -> None:
        raw = self._conn
        # Take the write lock now and keep it (EXCLUSIVE locking mode).
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("COMMIT")
        if not self._unchecked:
            self._check()
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        app_id = raw.execute("PRAGMA application_id").fetchone()[0]
        if tables and app_id != APPLICATION_ID:
            raise StorageError("not_verkstad", self.label)
        revision = None
        if "alembic_version" in tables:
            revision = raw.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = revision[0] if revision else None
        if revision != SCHEMA_HEAD:
            self._check_now()  # before a backup and a migration write
            self._migrate(fresh=not tables, revision=revision)
        self._own_device()

    def _check(self) -> None:
        """SQLite's check of the file's structure: a damaged file is told now, not at some later read."""
        check = self._conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise StorageError("corrupted", self.label, check)

    def _check_now(self) -> None:
        """The deferred integrity check, here and now (before anything is written)."""
        if self._unchecked:
            self._unchecked = False
            self._check()

    def _own_device(self) -> None:
        """Give a copy of the file a device id of its own. Two copies of one file (copied to a second
        laptop, or a backup restored beside it) would otherwise stamp their changes alike, and a
        merge would take one's changes for the other's. The id belongs to the file it was made for
        (its host, device and inode); elsewhere the copy takes a new id and keeps knowing every
        change made under the old one."""
        import platform
        import uuid

        origin = "memory"
        if self.path is not None:
            info = self.path.stat()
            origin = f"{platform.node()}:{info.st_dev}:{info.st_ino}"
        raw = self._conn
        old, counter, was = raw.execute("SELECT id, counter, origin FROM device").fetchone()
        if was == origin:
            return
        self._check_now()
        raw.execute("BEGIN IMMEDIATE")
        try:
            if was:  # a copy: what the old id changed is known here
                raw.execute("INSERT INTO knowledge (programme_id, device, counter) SELECT id, ?, ? FROM programmes "
                            "WHERE true ON CONFLICT (programme_id, device) DO UPDATE SET counter = max(counter, "
                            "excluded.counter)", (old, counter))
                raw.execute("UPDATE device SET id = ?, origin = ?", (str(uuid.uuid4()), origin))
            else:  # made here
                raw.execute("UPDATE device SET origin = ?", (origin,))
            raw.execute("COMMIT")
        except BaseException:
            raw.execute("ROLLBACK")
            raise

    def _migrate(self, fresh: bool, revision: str | None = None) -> None:
        from verkstad.storage import migrate

        if revision is not None and not migrate.knows(revision):
            raise StorageError("newer_schema", self.label, revision)
        if not fresh:
            self.backup("before-migration")
        migrate.upgrade(self.engine)
        self._conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        # Write the new schema and the id into the file itself now, not only into the log.
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine over this database's one connection (built on first use)."""
        if self._damaged is not None:
            raise StorageError(self._damaged.kind, self.label, self._damaged.detail)
        if self._engine is None:
            with self._lock:  # no other thread uses the connection while the check may run on it
                self._engine = self._check_beside(self._build_engine) if self._unchecked else self._build_engine()
        return self._engine

    def _check_beside(self, build: Callable[[], Engine]) -> Engine:
        """`build()` while the deferred integrity check runs on a thread of its own (sqlite3 lets
        go of the GIL while SQLite checks); a damaged file is refused from then on."""
        self._unchecked = False
        failed: list[BaseException] = []

        def check() -> None:
            try:
                self._guard(self._check)
            except BaseException as exc:  # noqa: BLE001  (raised again by the thread that waits for it)
                failed.append(exc)

        thread = threading.Thread(target=check, name="verkstad-integrity-check")
        thread.start()
        try:
            engine = build()
        finally:
            thread.join()
        if failed and isinstance(failed[0], StorageError):
            self._damaged = failed[0]
            self._sessions = None
        if failed:
            raise failed[0]
        return engine

    def _build_engine(self) -> Engine:
        from sqlalchemy import create_engine, event
        from sqlalchemy.orm import sessionmaker
        from sqlalchemy.pool import StaticPool

        import verkstad.storage.mapping  # noqa: F401  (maps the domain classes)
        from verkstad.storage import revisions

        engine = create_engine("sqlite://", creator=lambda: self._conn, poolclass=StaticPool)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=False)
        revisions.install(self._sessions)  # every changed field gets its stamp, for merging
        return engine

    @property
    def engine_built(self) -> bool:
        """Whether the ORM is ready: the engine is built and the domain classes are mapped."""
        return self._engine is not None

    # -- use --------------------------------------------------------------------

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: commits when the block ends, rolls back on any error."""
        with self._lock:
            self.engine  # noqa: B018  (builds the session factory on first use)
            assert self._sessions is not None
            with transaction(self._sessions(), self._guard, self.label) as session:
                yield session

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        """Rows of one read-only statement, straight from sqlite3 (for fast overview reads)."""
        with self._lock:
            return self._guard(lambda: self._conn.execute(sql, params).fetchall())

    def raw_connection(self) -> sqlite3.Connection:
        return self._conn

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
                self._guard(self._conn.backup, dest)
            finally:
                dest.close()
        for old in sorted(folder.glob("*.sqlite"))[:-KEEP_BACKUPS]:
            old.unlink(missing_ok=True)
        return target

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
            self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
