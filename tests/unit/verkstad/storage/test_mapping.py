"""The tables the registry derives are the ones the Alembic migrations build."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from verkstad.storage.db import Database
from verkstad.storage.mapping import metadata


def test_the_mapping_equals_the_migrated_schema():
    db = Database(":memory:")
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, metadata)
    finally:
        db.close()
    # the full-text indexes are raw SQL (migrations 0001 and 0002), not part of the mapping
    diffs = [d for d in diffs
             if not (d[0] == "remove_table" and d[1].name.startswith(("entries_fts", "entries_search")))]
    assert diffs == [], diffs


def test_timestamps_are_stored_in_the_spelling_older_databases_hold_and_read_back_in_utc(tmp_path):
    """SQLite keeps a timestamp as text: Verkstad writes it as SQLAlchemy's DateTime always has
    (so ordering and comparison in SQL stay right across old and new rows), from any time zone,
    and reads both that and a stamp without microseconds back as the same moment in UTC."""
    import datetime as dt
    import sqlite3

    from verkstad.domain.model import Programme
    from verkstad.services.hub import Services

    path = tmp_path / "t.sqlite"
    services = Services.open(path)
    try:
        summer = dt.datetime(2027, 6, 1, 11, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
        programme = services.records.add(Programme(name="Tidspunkter", created_at=summer, updated_at=summer)).record
    finally:
        services.close()
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT created_at FROM programmes WHERE id = ?", (programme.id,)).fetchone()[0] == \
        "2027-06-01 09:03:04.000005"
    raw.execute("UPDATE programmes SET updated_at = '2027-06-01 09:03:04' WHERE id = ?", (programme.id,))
    raw.commit()
    raw.close()
    services = Services.open(path)
    try:
        got = services.records.get(Programme, programme.id)
    finally:
        services.close()
    assert got.created_at == summer and got.created_at.tzinfo is dt.UTC
    assert got.updated_at == dt.datetime(2027, 6, 1, 9, 3, 4, tzinfo=dt.UTC)
