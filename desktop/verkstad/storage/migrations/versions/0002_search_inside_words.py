"""Search inside compound words, themes and owners: a trigram index of live entries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 09:30:00

`entries_search` is an FTS5 table with the `trigram` tokenizer (SQLite 3.34+), so a part of
a word is found ("møbler" in "kontormøbler"). The tokenizer folds case but not diacritics
(å, ä, ö, ø stay apart from a and o); SQLite 3.40 refuses `remove_diacritics` for trigram
("error in tokenizer constructor"), which suits the Nordic languages.

Each live entry (not marked deleted) has one row, rowid for rowid of `entries`, with three
columns: its text, the names of its live themes, and its owner (the person's name, or the
name as typed). The table stores its own copy of what it indexed (it is not an external-
content table): the theme and owner columns come from other tables, and a delete never
needs the old values. Every column is stored with each separator (space, line break,
hyphen, slash, brackets, straight quotes, punctuation) made a double space and two spaces at both
ends, so a word beginning is a phrase starting with two spaces ("  møb") and a whole word
one ending with two spaces as well: the search ranks whole words, then word beginnings,
then parts of words, and a one-letter word beginning is still three characters (a trigram).

Triggers keep it in step with every write, whatever path it takes (capture's Core inserts,
the ORM, imports, undo): an entry's text, themes, owner or deletion; a theme's or a
person's rename or deletion. The index is keyed on the implicit rowid of `entries` (as
`entries_fts` was, until 0011 dropped it): never `VACUUM`, and never rebuild `entries` in a batch migration, without
recreating these triggers and filling the table again (`_FILL`).
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# Characters that end a word for the index; the query side splits what is typed at every
# character that is not a letter or a digit, so its terms never contain these. One nested
# replace() each: SQLite's parser overflows its stack at 18 of them in the triggers below,
# so only the common ones (others only move a hit from one tier of the ranking to the next).
_SEPARATORS = ("char(10)", "char(9)", "'-'", "'/'", "'('", "')'", "'\"'", "','", "'.'", "':'", "'!'", "'?'")


def _padded(expr: str) -> str:
    """SQL for `expr` with every separator made two spaces and two spaces at both ends;
    NULL for an empty or NULL `expr`."""
    for sep in _SEPARATORS:
        expr = f"replace({expr}, {sep}, ' ')"
    return f"('  ' || replace(nullif(trim({expr}), ''), ' ', '  ') || '  ')"


def _text(e: str) -> str:
    return f"coalesce({_padded(f'{e}.text')}, '')"


def _themes(e: str) -> str:
    names = (f"(SELECT group_concat(t.name, ' ') FROM json_each(CASE WHEN json_valid({e}.theme_ids) "
             f"THEN {e}.theme_ids ELSE '[]' END) AS j JOIN themes t ON t.id = j.value "
             "WHERE t.deleted_at IS NULL)")
    return f"coalesce({_padded(names)}, '')"


def _owner(e: str) -> str:
    name = (f"coalesce((SELECT p.name FROM people p WHERE p.id = {e}.owner_id AND p.deleted_at IS NULL), '')"
            f" || ' ' || {e}.owner_name")
    return f"coalesce({_padded(name)}, '')"


_COLUMNS = "entries_search(rowid, text, themes, owner)"
_FILL = (f"INSERT INTO {_COLUMNS} SELECT e.rowid, {_text('e')}, {_themes('e')}, {_owner('e')} "
         "FROM entries e WHERE e.deleted_at IS NULL")
_TRIGGERS = {
    "entries_search_ai":
        "AFTER INSERT ON entries WHEN new.deleted_at IS NULL BEGIN "
        f"INSERT INTO {_COLUMNS} VALUES (new.rowid, {_text('new')}, {_themes('new')}, {_owner('new')}); END",
    "entries_search_ad":
        "AFTER DELETE ON entries BEGIN DELETE FROM entries_search WHERE rowid = old.rowid; END",
    "entries_search_au":
        "AFTER UPDATE OF text, theme_ids, owner_id, owner_name, deleted_at ON entries BEGIN "
        "DELETE FROM entries_search WHERE rowid = old.rowid; "
        f"INSERT INTO {_COLUMNS} SELECT new.rowid, {_text('new')}, {_themes('new')}, {_owner('new')} "
        "WHERE new.deleted_at IS NULL; END",
    # A theme's name is indexed with every live entry that carries it (theme ids are UUIDs:
    # instr over the JSON list finds them without parsing every list).
    "entries_search_theme":
        "AFTER UPDATE OF name, deleted_at ON themes "
        "WHEN old.name IS NOT new.name OR old.deleted_at IS NOT new.deleted_at BEGIN "
        f"UPDATE entries_search SET themes = (SELECT {_themes('e')} FROM entries e "
        "WHERE e.rowid = entries_search.rowid) "
        "WHERE rowid IN (SELECT rowid FROM entries WHERE instr(theme_ids, new.id) > 0 "
        "AND deleted_at IS NULL); END",
    "entries_search_person":
        "AFTER UPDATE OF name, deleted_at ON people "
        "WHEN old.name IS NOT new.name OR old.deleted_at IS NOT new.deleted_at BEGIN "
        f"UPDATE entries_search SET owner = (SELECT {_owner('e')} FROM entries e "
        "WHERE e.rowid = entries_search.rowid) "
        "WHERE rowid IN (SELECT rowid FROM entries WHERE owner_id = new.id AND deleted_at IS NULL); END",
}


def _upgrade_server() -> None:
    """PostgreSQL: a trigram index (pg_trgm, a trusted extension the database's owner may add) on
    the entries' text, which `ILIKE` and word-boundary patterns use (`capture_repo.search_server`).
    Without the extension the search still works, by reading every entry."""
    from sqlalchemy.exc import DBAPIError

    bind = op.get_bind()
    try:
        with bind.begin_nested():
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError:  # not allowed here (not the owner, no contrib package): the search reads the table
        return
    op.execute("CREATE INDEX ix_entries_text_trgm ON entries USING gin (text gin_trgm_ops)")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _upgrade_server()
        return
    op.execute("CREATE VIRTUAL TABLE entries_search USING fts5(text, themes, owner, tokenize='trigram')")
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(_FILL)  # the entries of an existing database


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_entries_text_trgm")
        return
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE entries_search")
