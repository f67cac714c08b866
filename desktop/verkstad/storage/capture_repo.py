"""The queries of capture mode: entries stored with Core statements built once, the draft,
the lookups of inline syntax, and search over the trigram index of entries (`entries_search`).

Each function works inside the caller's transaction (`Database.session()`), so a use case
that reads and writes several things still commits once. Imported with the capture
service, after start-up: it imports SQLAlchemy and the mapping at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Row, TextClause, bindparam, func, select, text, update
from sqlalchemy.orm import Session

from verkstad.domain.model import Activity, AgendaItem, Draft, Entry, Organisation, OrgKind, Person, Theme
from verkstad.storage import revisions
from verkstad.storage.mapping import TABLES, col

__all__ = [
    "Session", "agenda_items", "clear_draft", "first_draft", "insert_entries", "insert_many_entries",
    "live_activity_count",
    "live_entries", "live_people", "live_themes", "max_entry_position", "partner_ids", "search_entries",
    "search_server", "search_tiers",
]

# Built once: on the add-entry path the ORM's unit of work cost more than the commit.
_ENTRY_FIELDS = [f.name for f in dataclasses.fields(Entry)]
_MAX_POSITION = select(func.max(col(Entry, "position"))).where(col(Entry, "meeting_id") == bindparam("meeting_id"))
_INSERT_ENTRY = TABLES[Entry].insert()
_CLEAR_DRAFT = (update(TABLES[Draft])
                .where(TABLES[Draft].c.meeting_id == bindparam("m"), TABLES[Draft].c.text != "")
                .values(text="", updated_at=bindparam("now"), version=TABLES[Draft].c.version + 1))

# Search over `entries_search` (migration 0002: a trigram index of each live entry's text,
# themes and owner, every word between double spaces). The hits of one tier of the query,
# best first, with whether each belongs to the programme searched and is live: the index
# holds every programme's entries, and filtering inside the full-text query doubled its time.
_SEARCH_COLUMNS = "hit.r, e.id, e.meeting_id, e.kind, e.text, m.title, m.date, a.title"
_SEARCH_JOINS = ("JOIN entries e ON e.rowid = hit.r JOIN meetings m ON m.id = e.meeting_id "
                 "LEFT JOIN agenda_items a ON a.id = e.agenda_item_id")
_SEARCH_OK = "e.deleted_at IS NULL AND m.deleted_at IS NULL AND m.programme_id = :p"
# Relevance: bm25 with the text weighing four times a theme name or the owner; ties newest
# first (the order entries reached this database).
_RANKED = ("SELECT rowid AS r, bm25(entries_search, 4.0, 1.0, 1.0) AS score FROM entries_search "
           "WHERE entries_search MATCH :q ORDER BY score, rowid DESC")
# One- and two-letter queries match most of the notes: ranking them all took 40 ms and more
# over 100,000 notes, in rowid order FTS5 stops after the first hits (well under 1 ms).
_NEWEST = "SELECT rowid AS r, 0 AS score FROM entries_search WHERE entries_search MATCH :q ORDER BY rowid DESC"


def _search_statements(hits: str) -> tuple[TextClause, TextClause]:
    """(the first `n` hits, each with whether it is the programme's and live;
    the first `n` hits that are), for one way of ordering the hits."""
    probe = text(f"SELECT {_SEARCH_COLUMNS}, ({_SEARCH_OK}) AS ok FROM ({hits} LIMIT :n) AS hit "
                 f"{_SEARCH_JOINS} ORDER BY hit.score, hit.r DESC")
    kept = text(f"SELECT {_SEARCH_COLUMNS}, 1 AS ok FROM ({hits}) AS hit {_SEARCH_JOINS} "
                f"WHERE {_SEARCH_OK} ORDER BY hit.score, hit.r DESC LIMIT :n")
    return probe, kept


_SEARCH = {True: _search_statements(_RANKED), False: _search_statements(_NEWEST)}


# -- entries ------------------------------------------------------------------------------


def max_entry_position(s: Session, meeting_id: str) -> int | None:
    """The highest position of the meeting's entries, deleted ones included; None when none."""
    return s.execute(_MAX_POSITION, {"meeting_id": meeting_id}).scalar()


def insert_entries(s: Session, entries: Iterable[Entry]) -> None:
    """Insert new entries in one statement, bypassing the unit of work (they stay detached)."""
    rows = [{name: getattr(entry, name) for name in _ENTRY_FIELDS} for entry in entries]
    if rows:
        s.execute(_INSERT_ENTRY, rows)


# The trigger that indexes each inserted entry (`entries_search`, migration 0002): a programme
# file's tens of thousands of entries are indexed instead in one statement, which took a quarter
# of the time the trigger took row by row.
_INDEX_TRIGGER = "entries_search_ai"
# FTS5's merge options while an import fills the index, and their defaults set back after it.
_BULK_MERGING = {"automerge": (0, 4), "crisismerge": (64, 16)}
# What the trigger of 0002 indexes, in Python: each separator made a space (SQL's replace()),
# the spaces at both ends trimmed (trim() removes only spaces), then every space doubled and two
# at both ends; "" for nothing left. Used only while the trigger is the one 0002 made
# (`_trigger_of_0002`); the SQL took half of the fill (`test_exchange` compares the two).
# (Chained replace() is some seven times faster than str.translate on text that is not ASCII.)


def _padded(value: str | None) -> str:
    stripped = ((value or "").replace("\n", " ").replace("\t", " ").replace("-", " ").replace("/", " ")
                .replace("(", " ").replace(")", " ").replace('"', " ").replace(",", " ").replace(".", " ")
                .replace(":", " ").replace("!", " ").replace("?", " ").strip(" "))
    return f"  {stripped.replace(' ', '  ')}  " if stripped else ""


def _trigger_of_0002() -> str:
    """The CREATE TRIGGER statement of `_INDEX_TRIGGER` as migration 0002 wrote it."""
    import importlib

    made = importlib.import_module("verkstad.storage.migrations.versions.0002_search_inside_words")
    return f"CREATE TRIGGER {_INDEX_TRIGGER} {made._TRIGGERS[_INDEX_TRIGGER]}"


def _index_rows(s: Session, rows: list[dict], before: int) -> list[tuple]:
    """The rows of `entries_search` for the live ones of `rows`, just inserted after rowid `before`:
    what the trigger of 0002 would have inserted for each."""
    rowids = {entry_id: rowid for rowid, entry_id in s.execute(
        text("SELECT rowid, id FROM entries WHERE rowid > :before"), {"before": before})}
    themes: dict[str, str] = dict(s.execute(text("SELECT id, name FROM themes WHERE deleted_at IS NULL")).all())
    people: dict[str, str] = dict(s.execute(text("SELECT id, name FROM people WHERE deleted_at IS NULL")).all())
    found = []
    for row in rows:
        if row["deleted_at"] is not None:
            continue
        names = [themes[theme] for theme in row["theme_ids"] or () if theme in themes]
        owner = None if row["owner_name"] is None else f"{people.get(row['owner_id'], '')} {row['owner_name']}"
        found.append((rowids[row["id"]], _padded(row["text"]), _padded(" ".join(names)), _padded(owner)))
    return found


def _secondary_indexes(s: Session) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of each index on `entries` made by a statement (not the
    primary key's)."""
    return [(name, sql) for name, sql in s.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries' AND sql IS NOT NULL"))]


def insert_many_entries(s: Session, entries: Iterable[Entry] | list[dict]) -> None:
    """Insert many new entries (an import) and index them set-wise: inside the transaction the
    row trigger is dropped, the entries inserted, the index filled with what the trigger would
    have put there, and the trigger made again. SQLite's DDL is transactional: on any error all
    of it rolls back.

    - Into an empty table, its indexes are dropped first and made again after: building an
      index from the whole table at once took half the time of keeping it up row by row.
    - FTS5's merging of its segments is put off while the index is filled (it merged the same
      rows over and over: half of the fill) and set back to its defaults after, so the next
      writes merge the segments again; search over 100,000 imported entries stays as fast
      (`bench/capture.py`).
    - The index rows are computed in Python while the trigger is the one migration 0002 made;
      for any other, its own expressions are run over the new rows, so the two cannot drift
      apart."""
    rows = [e if isinstance(e, dict) else {name: getattr(e, name) for name in _ENTRY_FIELDS} for e in entries]
    if not rows:
        return
    from verkstad.storage.records import executemany_rows

    if s.get_bind().dialect.name != "sqlite":  # a server indexes as it inserts
        executemany_rows(s, TABLES[Entry], rows)
        return
    sql = s.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
                    {"name": _INDEX_TRIGGER}).scalar()
    if sql is None:  # not the schema this knows: let the triggers do it
        executemany_rows(s, TABLES[Entry], rows)
        return
    before = s.execute(text("SELECT coalesce(max(rowid), 0) FROM entries")).scalar_one()
    indexes = _secondary_indexes(s) if before == 0 else []
    for name, _ in indexes:
        s.execute(text(f'DROP INDEX "{name}"'))
    s.execute(text(f"DROP TRIGGER {_INDEX_TRIGGER}"))
    executemany_rows(s, TABLES[Entry], rows)
    for _, index in indexes:
        s.execute(text(index))
    target = sql[sql.index("INSERT INTO") + len("INSERT INTO"):sql.index("VALUES")].strip()
    table = target.split("(")[0].strip()
    for option, value in _BULK_MERGING.items():
        s.execute(text(f"INSERT INTO {table}({table}, rank) VALUES ('{option}', {value[0]})"))
    if sql == _trigger_of_0002():
        s.connection().exec_driver_sql(f"INSERT INTO {target} VALUES (?, ?, ?, ?)", _index_rows(s, rows, before))
    else:
        values = sql[sql.index("VALUES") + len("VALUES"):sql.rindex("END")].strip().rstrip(";").strip()[1:-1]
        when = " AND e.deleted_at IS NULL" if "WHEN new.deleted_at IS NULL" in sql else ""
        s.execute(text(f"INSERT INTO {target} SELECT {values.replace('new.', 'e.')} FROM entries e "
                       f"WHERE e.rowid > :before{when}"), {"before": before})
    for option, value in _BULK_MERGING.items():
        s.execute(text(f"INSERT INTO {table}({table}, rank) VALUES ('{option}', {value[1]})"))
    s.execute(text(sql))


def live_entries(s: Session, meeting_id: str) -> list[Entry]:
    """The meeting's entries not marked deleted, in position order."""
    return list(s.scalars(
        select(Entry).where(col(Entry, "meeting_id") == meeting_id, col(Entry, "deleted_at").is_(None))
        .order_by(col(Entry, "position"), col(Entry, "created_at"))))


# -- the draft ------------------------------------------------------------------------------


def clear_draft(s: Session, meeting_id: str, now: dt.datetime) -> None:
    """Empty the meeting's draft (if it holds text) without loading it."""
    if s.execute(_CLEAR_DRAFT, {"m": meeting_id, "now": now}).rowcount:  # type: ignore[attr-defined]
        ids = s.scalars(select(col(Draft, "id")).where(col(Draft, "meeting_id") == meeting_id))
        revisions.stamp(s, [(draft_id, "text") for draft_id in ids])  # a merge sees it emptied here


def first_draft(s: Session, meeting_id: str, *, include_deleted: bool = False) -> Draft | None:
    """The meeting's draft (the oldest, should a merge have left two)."""
    query = select(Draft).where(col(Draft, "meeting_id") == meeting_id)
    if not include_deleted:
        query = query.where(col(Draft, "deleted_at").is_(None))
    return s.scalars(query.order_by(col(Draft, "created_at"))).first()


# -- the meeting and its programme -------------------------------------------------------------


def agenda_items(s: Session, meeting_id: str) -> list[AgendaItem]:
    """Every agenda item of the meeting, deleted ones included, in no particular order."""
    return list(s.scalars(select(AgendaItem).where(col(AgendaItem, "meeting_id") == meeting_id)))


def live_activity_count(s: Session, organisation_id: str) -> int:
    """How many activities not marked deleted the organisation's plan has."""
    return s.execute(select(func.count()).select_from(Activity).where(
        col(Activity, "organisation_id") == organisation_id, col(Activity, "deleted_at").is_(None))).scalar_one()


def live_themes(s: Session, programme_id: str) -> list[Theme]:
    return list(s.scalars(
        select(Theme).where(col(Theme, "programme_id") == programme_id, col(Theme, "deleted_at").is_(None))
        .order_by(col(Theme, "position"))))


def live_people(s: Session, programme_id: str) -> list[Person]:
    return list(s.scalars(select(Person).where(col(Person, "programme_id") == programme_id,
                                               col(Person, "deleted_at").is_(None))))


def partner_ids(s: Session, programme_id: str) -> set[str]:
    """The ids of the programme's partner organisations (the advisory team's partners)."""
    return set(s.scalars(select(col(Organisation, "id")).where(
        col(Organisation, "programme_id") == programme_id, col(Organisation, "kind") == OrgKind.PARTNER)))


# -- search ---------------------------------------------------------------------------------


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def search_tiers(terms: list[str]) -> tuple[list[str], bool]:
    """The FTS5 queries of `entries_search` for the words typed, best tier first: every word
    whole, every word beginning, every word anywhere (inside compounds); and whether the
    hits are ranked by relevance (some word has three letters or more) or newest first.

    A word of one or two letters is always a word beginning: a trigram index cannot find
    fewer than three characters, but a word beginning starts with two spaces in the index.
    Each word is one quoted phrase, so FTS5 syntax typed (`"`, `*`, `NEAR`, `OR`, brackets)
    is only text.
    """
    whole = " ".join(_phrase(f"  {t}  ") for t in terms)
    start = " ".join(_phrase(f"  {t}") for t in terms)
    part = " ".join(_phrase(t if len(t) >= 3 else f"  {t}") for t in terms)
    return [whole, start] + ([part] if part != start else []), any(len(t) >= 3 for t in terms)


def search_entries(s: Session, tiers: list[str], ranked: bool, programme_id: str, limit: int) -> list[tuple]:
    """(entry id, meeting id, kind, text, meeting title, meeting date, agenda item title) of at
    most `limit` live entries of the programme matching the queries of `search_tiers`: the
    first tier's hits, then the next tier's not yet found, each by relevance then newest first
    (or newest first when not `ranked`)."""
    probe, kept = _SEARCH[ranked]
    found: list[Row] = []
    seen: set[int] = set()
    for query in tiers:
        need = limit - len(found)
        if need <= 0:
            break
        n = need + len(seen)  # enough even when every hit found before is among them
        rows = s.execute(probe, {"q": query, "p": programme_id, "n": n}).all()
        hits = [r for r in rows if r.ok and r.r not in seen]
        if len(hits) < need and len(rows) == n:  # others' entries took places: filter all hits
            hits = [r for r in s.execute(kept, {"q": query, "p": programme_id, "n": n}) if r.r not in seen]
        found += hits[:need]
        seen.update(r.r for r in hits[:need])
    return [tuple(r)[1:8] for r in found]


# PostgreSQL: every word typed found in the entry's text, its live themes' names or its owner's
# name (ILIKE, which the trigram index of migration 0002 serves), ranked as on SQLite: every word
# whole, then every word a word beginning, then parts of words (`\m` and `\M` are PostgreSQL's
# word boundaries), ties newest first. A word of one or two letters is a word beginning.
_HAYSTACK = ("(e.text || ' ' || coalesce((SELECT string_agg(t.name, ' ') FROM themes t WHERE t.deleted_at IS NULL "
             "AND e.theme_ids::jsonb ? t.id), '') || ' ' || coalesce((SELECT p.name FROM people p "
             "WHERE p.id = e.owner_id AND p.deleted_at IS NULL), '') || ' ' || e.owner_name)")


def search_server(s: Session, terms: list[str], programme_id: str, limit: int) -> list[tuple]:
    """`search_entries` for a PostgreSQL server: the same rows, in the same order of tiers."""
    params: dict[str, object] = {"p": programme_id, "n": limit}
    found, whole, start, in_text, whole_count = [], [], [], [], []
    for i, term in enumerate(terms):  # letters and digits only (`search_terms`): nothing to escape
        params[f"like{i}"] = f"%{term}%"
        params[f"whole{i}"] = rf"\m{term}\M"
        params[f"start{i}"] = rf"\m{term}"
        found.append(f"h.hay ILIKE :like{i}" + (f" AND h.hay ~* :start{i}" if len(term) < 3 else ""))
        whole.append(f"h.hay ~* :whole{i}")
        start.append(f"h.hay ~* :start{i}")
        in_text.append(f"(e.text ILIKE :like{i})::int")
        whole_count.append(f"(h.hay ~* :whole{i})::int")
    tier = f"CASE WHEN {' AND '.join(whole)} THEN 0 WHEN {' AND '.join(start)} THEN 1 ELSE 2 END"
    # within a tier, as bm25 weighs them on SQLite: words in the text itself, then whole words
    tier += f", {' + '.join(in_text)} DESC, {' + '.join(whole_count)} DESC"
    query = text(
        f"SELECT e.id, e.meeting_id, e.kind, e.text, m.title, m.date, a.title FROM entries e "
        f"CROSS JOIN LATERAL (SELECT {_HAYSTACK} AS hay) h JOIN meetings m ON m.id = e.meeting_id "
        "LEFT JOIN agenda_items a ON a.id = e.agenda_item_id "
        f"WHERE e.deleted_at IS NULL AND m.deleted_at IS NULL AND m.programme_id = :p AND {' AND '.join(found)} "
        f"ORDER BY {tier}, e.created_at DESC, e.id LIMIT :n")
    return [tuple(r) for r in s.execute(query, params)]
