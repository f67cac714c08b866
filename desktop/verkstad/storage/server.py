"""A shared PostgreSQL server as the database: the same tables, migrations and repositories.

`--db` takes `postgresql://user[:password]@host[:port]/dbname`, with libpq's `?host=/folder`
for a socket. The driver is psycopg 3. Unlike a file, a server is used by several facilitators
at once: nothing is locked at open, every commit is durable (PostgreSQL's default,
`synchronous_commit=on`), and errors the server or the network cause are told apart by their
SQLSTATE (`errors.classify_server`). The server database is one copy of its programmes for
merging: everyone connected shares its device id; "take offline" makes a file of its own.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from verkstad.storage import revisions
from verkstad.storage.db import transaction
from verkstad.storage.errors import StorageError, classify_server

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


def display_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    from urllib.parse import unquote

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:  # as typed: "?host=/tmp/x", not "?host=%2Ftmp%2Fx"
        return unquote(make_url(url).render_as_string(hide_password=True))
    except (ArgumentError, ValueError):  # an unparsable URL is shown only from its host on
        return url.split("@")[-1]


def with_password(url: str, password: str) -> str:
    """The address with `password` put in (none given: as it is)."""
    if not password:
        return url
    from sqlalchemy.engine import make_url

    return make_url(url).set(password=password).render_as_string(hide_password=False)


def has_password(url: str) -> bool:
    from sqlalchemy.engine import make_url

    return make_url(url).password is not None


class ServerDatabase:
    """One Verkstad database on a PostgreSQL server."""

    path: Path | None = None  # no file: no file-based backups, no recent-files entry

    def __init__(self, url: str, *, defer_engine: bool = False) -> None:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        self.label = display_url(url)
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise StorageError("bad_url", self.label) from None
        self.url = parsed.set(drivername="postgresql+psycopg")
        self._lock = threading.RLock()
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._closed = False
        self.own_counters: set[int] = set()  # the device counter values this process's changes took
        self._guard(self._open)

    def _guard(self, fn, *args):
        """Run fn; an error the server or the network causes becomes a StorageError."""
        try:
            return fn(*args)
        except StorageError:
            raise
        except Exception as exc:
            kind = classify_server(exc)
            if kind is None:
                raise
            raise StorageError(kind, self.label, " ".join(str(getattr(exc, "orig", exc)).split())) from exc

    def _open(self) -> None:
        from sqlalchemy import inspect, text

        from verkstad.storage.db import SCHEMA_HEAD

        engine = self.engine
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if tables and "alembic_version" not in tables:
            raise StorageError("not_verkstad", self.label)
        if revision != SCHEMA_HEAD:
            from verkstad.storage import migrate

            if revision is not None and not migrate.knows(revision):
                raise StorageError("newer_schema", self.label, revision)
            migrate.upgrade(engine)
        with engine.begin() as conn:  # the server's own copy: its id is made for it once
            conn.execute(text("UPDATE device SET origin = 'server' WHERE origin = ''"))

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from sqlalchemy import create_engine
            from sqlalchemy.orm import sessionmaker

            import verkstad.storage.mapping  # noqa: F401  (maps the domain classes)

            engine = create_engine(self.url, pool_pre_ping=True, pool_size=2, max_overflow=2)
            self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=False)
            revisions.install(self._sessions)
            self._engine = engine
        return self._engine

    @property
    def engine_built(self) -> bool:
        return self._engine is not None

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: commits when the block ends, rolls back on any error."""
        with self._lock:
            if self._closed:  # a widget that outlived its database: a bug, not a reconnection
                raise RuntimeError(f"the database {self.label} is closed")
            self.engine  # noqa: B018
            assert self._sessions is not None
            with transaction(self._sessions(), self._guard, self.label, classify_other=classify_server,
                             committed=self._committed) as session:
                yield session

    def _committed(self, session: Session) -> None:
        stamp = revisions.taken(session)
        if stamp is not None:  # a change of this process: the watch of others' changes skips it
            self.own_counters.add(stamp[1])

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        """Rows of one read-only statement (written with `?` for SQLite's sake)."""
        def run() -> list[tuple]:
            with self.engine.connect() as conn:
                cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
                cursor.execute(sql.replace("?", "%s"), params)
                rows = [tuple(row) for row in cursor.fetchall()]
                conn.rollback()
                return rows

        with self._lock:
            return self._guard(run)

    def backup(self, reason: str) -> Path | None:
        """A server keeps its own backups: none is made here (the merge exports the programme)."""
        return None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._engine is not None:
                self._engine.dispose()

    def __enter__(self) -> ServerDatabase:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def changes_since(db: ServerDatabase, counter: int | None) -> tuple[int, list[str], dict[str, int]]:
    """What others changed on the server since the device counter was `counter` (None: only the
    counter and the counts, a first look): the counter now,
    the ids of the records whose fields others changed since (this process's own left out), and
    how many rows each table holds (a new record has no stamp: a count that grew says so)."""
    from verkstad.domain.registry import record_types

    (now,), = db.query("SELECT counter FROM device")
    ids: list[str] = []
    if counter is not None and now > counter:
        rows = db.query("SELECT record_id, counter FROM revisions WHERE counter > ? AND counter <= ?", (counter, now))
        ids = sorted({rid for rid, c in rows if c not in db.own_counters})
    tables = [t.table for t in record_types()]
    counts = db.query(" UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables))
    return int(now), ids, {str(t): int(n) for t, n in counts}
