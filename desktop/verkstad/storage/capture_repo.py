"""The queries of capture mode: entries stored with Core statements built once, the draft,
the lookups of inline syntax, and full-text search over the FTS5 index of entries.

Each function works inside the caller's transaction (`Database.session()`), so a use case
that reads and writes several things still commits once. Imported with the capture
service, after start-up: it imports SQLAlchemy and the mapping at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.orm import Session

from verkstad.domain.model import Activity, AgendaItem, Draft, Entry, Organisation, OrgKind, Person, Theme
from verkstad.storage.mapping import TABLES, col

__all__ = [
    "Session", "agenda_items", "clear_draft", "first_draft", "insert_entries", "live_activity_count",
    "live_entries", "live_people", "live_themes", "max_entry_position", "partner_ids", "search_entries",
]

# Built once: on the add-entry path the ORM's unit of work cost more than the commit.
_ENTRY_FIELDS = [f.name for f in dataclasses.fields(Entry)]
_MAX_POSITION = select(func.max(col(Entry, "position"))).where(col(Entry, "meeting_id") == bindparam("meeting_id"))
_INSERT_ENTRY = TABLES[Entry].insert()
_CLEAR_DRAFT = (update(TABLES[Draft])
                .where(TABLES[Draft].c.meeting_id == bindparam("m"), TABLES[Draft].c.text != "")
                .values(text="", updated_at=bindparam("now")))

# Newest first rather than by bm25 rank: ranking a one- or two-letter prefix over 100,000
# notes took up to 200 ms, in rowid order FTS5 stops after `limit` hits (under 20 ms).
_SEARCH = text(
    "SELECT e.id, e.meeting_id, e.kind, e.text, m.title, m.date, a.title "
    "FROM entries_fts JOIN entries e ON e.rowid = entries_fts.rowid "
    "JOIN meetings m ON m.id = e.meeting_id "
    "LEFT JOIN agenda_items a ON a.id = e.agenda_item_id "
    "WHERE entries_fts MATCH :q AND e.deleted_at IS NULL AND m.deleted_at IS NULL "
    "AND m.programme_id = :p ORDER BY entries_fts.rowid DESC LIMIT :n")


# -- entries ------------------------------------------------------------------------------


def max_entry_position(s: Session, meeting_id: str) -> int | None:
    """The highest position of the meeting's entries, deleted ones included; None when none."""
    return s.execute(_MAX_POSITION, {"meeting_id": meeting_id}).scalar()


def insert_entries(s: Session, entries: Iterable[Entry]) -> None:
    """Insert new entries in one statement, bypassing the unit of work (they stay detached)."""
    rows = [{name: getattr(entry, name) for name in _ENTRY_FIELDS} for entry in entries]
    if rows:
        s.execute(_INSERT_ENTRY, rows)


def live_entries(s: Session, meeting_id: str) -> list[Entry]:
    """The meeting's entries not marked deleted, in position order."""
    return list(s.scalars(
        select(Entry).where(col(Entry, "meeting_id") == meeting_id, col(Entry, "deleted_at").is_(None))
        .order_by(col(Entry, "position"), col(Entry, "created_at"))))


# -- the draft ------------------------------------------------------------------------------


def clear_draft(s: Session, meeting_id: str, now: dt.datetime) -> None:
    """Empty the meeting's draft (if it holds text) without loading it."""
    s.execute(_CLEAR_DRAFT, {"m": meeting_id, "now": now})


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


def search_entries(s: Session, fts_query: str, programme_id: str, limit: int) -> list[tuple]:
    """(entry id, meeting id, kind, text, meeting title, meeting date, agenda item title) of
    the programme's live entries matching an FTS5 query, newest first."""
    return list(s.execute(_SEARCH, {"q": fts_query, "p": programme_id, "n": limit}).all())
