"""One search index: drop `entries_fts`, which nothing reads since `entries_search` (0002).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 17:00:00

Issue 10 (import speed). 0001 made `entries_fts`, an external-content FTS5 index of the
entries' text (unicode61 tokenizer), kept by three triggers. Search has used only the trigram
index `entries_search` since 0002, so `entries_fts` cost every captured entry a second index
write and an import of 100,000 entries about a fifth of a second, for nothing. SQLite only: a
server never had it. The downgrade makes it again and fills it from `entries` ('rebuild').
"""
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_TRIGGERS = ("entries_fts_ai", "entries_fts_ad", "entries_fts_au")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS entries_fts")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE entries_fts USING fts5(text, content='entries', "
               "content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')")
    op.execute("CREATE TRIGGER entries_fts_ai AFTER INSERT ON entries BEGIN "
               "INSERT INTO entries_fts(rowid, text) VALUES (new.rowid, new.text); END")
    op.execute("CREATE TRIGGER entries_fts_ad AFTER DELETE ON entries BEGIN "
               "INSERT INTO entries_fts(entries_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END")
    op.execute("CREATE TRIGGER entries_fts_au AFTER UPDATE OF text ON entries BEGIN "
               "INSERT INTO entries_fts(entries_fts, rowid, text) VALUES ('delete', old.rowid, old.text); "
               "INSERT INTO entries_fts(rowid, text) VALUES (new.rowid, new.text); END")
    op.execute("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")
