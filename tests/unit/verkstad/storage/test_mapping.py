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
