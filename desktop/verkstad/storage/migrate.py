"""Run Alembic migrations on an open engine (imported only when the schema is behind)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from verkstad.storage.errors import StorageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    revision = ScriptDirectory.from_config(config()).get_current_head()
    assert revision is not None  # None only for an empty versions/ folder; ours has the initial schema
    return revision


def knows(revision: str) -> bool:
    """Whether `revision` is one of ours (a database written by a newer Verkstad has one we lack)."""
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(config()).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(engine) -> None:
    """Upgrade to the newest schema with foreign keys off (batch mode would otherwise
    delete cascading children), then check that every reference still resolves."""
    cfg = config()
    if engine.dialect.name != "sqlite":  # a server: one transaction, its constraints checked as it goes
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        return
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction
        try:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
            broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
    if broken:
        raise StorageError("corrupted", str(engine.url.database), f"foreign_key_check: {broken[:3]}")
