"""The generic repository of records: read, add, update, mark deleted, restore, move.

Each mutating call returns a `Change` naming the record and the values before and
after, so the GUI can redraw only that and build an undo step from it. Services use it
through `verkstad.services.records`, which re-exports these names with undo and redo.

SQLAlchemy is imported inside the calls: the GUI builds this before its first paint.
"""

from __future__ import annotations

import builtins
import contextlib
import functools
import operator
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from verkstad.domain.model import ALL_RECORD_TYPES, Record, utcnow
from verkstad.errors import VerkstadError
from verkstad.storage.errors import StorageError
from verkstad.storage.store import Store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

R = TypeVar("R", bound=Record)
F = TypeVar("F", bound=Callable[..., Any])
_ATTEMPTS = 4


def _again_if_overtaken(method: F) -> F:
    """Run a change again when another connection's commit to one of its rows came between its
    read and its write (on a shared server; the row's version counter tells). Each of these calls
    is a command on the record as it is (set these fields, mark it deleted, put it at this
    position), so running it on what the other left keeps both; a field the user's view showed
    and the other changed is still refused, by `expecting`, on the fresh read."""
    @functools.wraps(method)
    def run(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                return method(*args, **kwargs)
            except StorageError as exc:
                if exc.kind != "changed_meanwhile" or attempt == _ATTEMPTS:
                    raise
        raise AssertionError("unreachable")
    return run  # type: ignore[return-value]


@dataclass
class Change:
    """What one call changed. `before`/`after` hold only the fields that changed."""

    action: str  # created | updated | deleted | restored | moved
    type: type[Record]
    id: str
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    record: Record | None = None  # the record as it is now


class NotFound(VerkstadError, LookupError):
    """A record with that id does not exist (or is deleted)."""


class ChangedMeanwhile(VerkstadError):
    """A field the user edited was changed by someone else (another facilitator on the server,
    another window) since the user's view showed it: nothing was stored. `record` is the record
    as it is now, for the view to show."""

    def __init__(self, record: Record, name: str) -> None:
        import dataclasses

        from verkstad.domain.wording import field_title, show
        from verkstad.i18n import _

        # a copy: the transaction this is raised in rolls back, which expires the record itself
        self.record = type(record)(**{f.name: getattr(record, f.name) for f in dataclasses.fields(record)})
        self.name = name
        super().__init__(_("Someone else changed the {field} meanwhile (another facilitator or window): it now "
                           "holds {current}. Your change was not stored; the form shows what is stored "
                           "now.").format(field=field_title(type(record), name), current=show(getattr(record, name))))


# What the view that asks for an update showed of the record: {(type, id): {field: value}}
# (`expecting`). An update of such a field that finds another value stores nothing.
_SEEN: ContextVar[dict[tuple[type, str], dict[str, Any]] | None] = ContextVar("verkstad_seen", default=None)


@contextlib.contextmanager
def expecting(cls: type[Record], id: str, seen: dict[str, Any]) -> Iterator[None]:
    """Within the block, an update of `cls` `id` stores a field only while it still holds what
    `seen` says (what the form showed); otherwise it raises ChangedMeanwhile."""
    token = _SEEN.set({**(_SEEN.get() or {}), (cls, id): seen})
    try:
        yield
    finally:
        _SEEN.reset(token)


# Memoised by hand: mypy takes no class for the Hashable that functools.cache asks (mypy#11470).
_PARENT_FIELDS: dict[type[Record], str | None] = {}


def _parent_field(cls: type[Record]) -> str | None:
    """The field whose siblings share a position sequence (e.g. meeting_id for agenda items)."""
    try:
        return _PARENT_FIELDS[cls]
    except KeyError:
        from verkstad.domain.registry import record_type  # off the start-up path

        parent = _PARENT_FIELDS[cls] = record_type(cls).siblings_of
        return parent


def _copy(value: Any) -> Any:
    if isinstance(value, list | dict):
        return type(value)(value)
    return value


class Records:
    """Record-level operations on one database."""

    def __init__(self, db: Store) -> None:
        self.db = db

    # -- reading ------------------------------------------------------------------

    def get(self, cls: type[R], id: str, *, include_deleted: bool = False) -> R:
        with self.db.session() as s:  # the first session imports SQLAlchemy (kept off start-up)
            obj = s.get(cls, id)
            if obj is None or (obj.deleted_at is not None and not include_deleted):
                raise NotFound(f"{cls.__name__} {id}")
            return obj

    def list(self, cls: type[R], *, include_deleted: bool = False, **where: Any) -> list[R]:
        """Records matching `where`, in position order where the type has one."""
        from sqlalchemy import select

        from verkstad.storage.mapping import col

        with self.db.session() as s:
            query = select(cls)
            for name, value in where.items():
                column = getattr(cls, name)
                query = query.where(column.is_(None) if value is None else column == value)
            if not include_deleted:
                query = query.where(col(cls, "deleted_at").is_(None))
            if hasattr(cls, "position"):
                query = query.order_by(col(cls, "position"), col(cls, "created_at"))
            else:
                query = query.order_by(col(cls, "created_at"))
            return list(s.scalars(query))

    def rows(self, cls: type[Record], name: str | None = None, values: Iterable[Any] = (), *,
             fields: tuple[str, ...] | None = None, within: tuple[type[Record], str, Any] | None = None,
             **where: Any) -> builtins.list[Any]:
        """The live records matching `where` (and, given `name`, whose field `name` holds one of
        `values`, or the id of a live record of `within` = (type, field, value)) as read-only rows:
        each field (of `fields`, default all) an attribute holding its Python value, as on the
        record, but no record object made. For summaries over thousands of records (the programme
        overview read 12,000 record objects in a quarter of a second)."""
        from sqlalchemy import select

        from verkstad.storage.mapping import TABLES

        table = TABLES[cls]
        columns = [table.c[f] for f in fields] if fields else [c for c in table.columns if c.name != "version"]
        query = select(*columns).where(table.c.deleted_at.is_(None))
        for field_name, value in where.items():
            query = query.where(table.c[field_name].is_(None) if value is None else table.c[field_name] == value)
        if name is not None and within is not None:  # one statement, not thousands of ids bound
            outer_cls, field, value = within
            outer = TABLES[outer_cls]
            query = query.where(table.c[name].in_(
                select(outer.c.id).where(outer.c[field] == value, outer.c.deleted_at.is_(None))))
        elif name is not None:
            wanted = sorted(set(values))
            if not wanted:
                return []
            query = query.where(table.c[name].in_(wanted))
        with self.db.session() as s:
            return list(s.execute(query).all())

    def newest_updates(self, programme_id: str, fields: tuple[str, ...]) -> builtins.list[Any]:
        """Each live activity's newest live progress update, of the programme's activities, as a
        row of `fields`: newest by the day reported (the day stored when none was given), then by
        when stored (domain.progress.newest_first). What the overview needs of 10,000 updates is
        2,000 of them, picked by the database."""
        from sqlalchemy import Date, cast, func, select

        from verkstad.domain.model import Activity, ProgressUpdate
        from verkstad.storage.mapping import TABLES

        u, a = TABLES[ProgressUpdate], TABLES[Activity]
        with self.db.session() as s:
            sqlite = s.get_bind().dialect.name == "sqlite"
            stored_day = func.date(u.c.created_at) if sqlite else cast(u.c.created_at, Date)  # SQLite keeps text
            rank = func.row_number().over(partition_by=u.c.activity_id, order_by=(
                func.coalesce(u.c.reported_on, stored_day).desc(), u.c.created_at.desc())).label("rank")
            ranked = select(*(u.c[f] for f in fields), rank).where(
                u.c.deleted_at.is_(None),
                u.c.activity_id.in_(select(a.c.id).where(a.c.programme_id == programme_id, a.c.deleted_at.is_(None)))
            ).subquery()
            return list(s.execute(select(*(ranked.c[f] for f in fields)).where(ranked.c.rank == 1)).all())

    def list_in(self, cls: type[R], name: str, values: Iterable[Any], *,
                include_deleted: bool = False) -> builtins.list[R]:
        """Records whose field `name` holds one of `values`, in position order where the type has one."""
        from sqlalchemy import select

        from verkstad.storage.mapping import col

        values = sorted(set(values))
        if not values:
            return []
        with self.db.session() as s:
            query = select(cls).where(getattr(cls, name).in_(values))
            if not include_deleted:
                query = query.where(col(cls, "deleted_at").is_(None))
            if hasattr(cls, "position"):
                query = query.order_by(col(cls, "position"), col(cls, "created_at"))
            else:
                query = query.order_by(col(cls, "created_at"))
            return list(s.scalars(query))

    # -- writing -------------------------------------------------------------------

    @_again_if_overtaken
    def add(self, obj: R, *, position: int | None = None) -> Change:
        """Store a new record; with a position sequence it goes last unless told where."""
        parent = _parent_field(type(obj))
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        with self.db.session() as s:
            if parent is not None:
                siblings = self._siblings(s, type(obj), parent, getattr(obj, parent))
                at = len(siblings) if position is None else max(0, min(position, len(siblings)))
                old = {x.id: x.position for x in siblings}
                siblings.insert(at, obj)
                for i, sibling in enumerate(siblings):
                    sibling.position = i
                # The siblings renumbered to make room: undo puts them back exactly.
                moved = {x.id: x.position for x in siblings if x.id in old and old[x.id] != x.position}
                if moved:
                    before["positions"] = {k: old[k] for k in moved}
                    after["positions"] = moved
            s.add(obj)
        return Change("created", type(obj), obj.id, before, after, record=obj)

    @_again_if_overtaken
    def update(self, cls: type[R], id: str, **values: Any) -> Change:
        with self.db.session() as s:
            obj = s.get(cls, id)
            if obj is None:
                raise NotFound(f"{cls.__name__} {id}")
            before, after = {}, {}
            seen = (_SEEN.get() or {}).get((cls, id), {})
            for name, value in values.items():
                if not hasattr(obj, name) or name in ("id", "created_at"):
                    raise AttributeError(f"{cls.__name__} has no editable field {name!r}")
                old = getattr(obj, name)
                if name in seen and old != seen[name] and old != value:
                    raise ChangedMeanwhile(obj, name)
                if old != value:
                    before[name], after[name] = _copy(old), _copy(value)
                    setattr(obj, name, _copy(value))
            if after:
                obj.updated_at = utcnow()
        return Change("updated", cls, id, before, after, record=obj)

    @_again_if_overtaken
    def delete(self, cls: type[R], id: str) -> Change:
        """Mark a record deleted; `restore` brings it back."""
        now = utcnow()
        with self.db.session() as s:
            obj = s.get(cls, id)
            if obj is None:
                raise NotFound(f"{cls.__name__} {id}")
            obj.deleted_at = now
            obj.updated_at = now
        return Change("deleted", cls, id, {"deleted_at": None}, {"deleted_at": now}, record=obj)

    @_again_if_overtaken
    def restore(self, cls: type[R], id: str) -> Change:
        with self.db.session() as s:
            obj = s.get(cls, id)
            if obj is None:
                raise NotFound(f"{cls.__name__} {id}")
            before = obj.deleted_at
            obj.deleted_at = None
            obj.updated_at = utcnow()
        return Change("restored", cls, id, {"deleted_at": before}, {"deleted_at": None}, record=obj)

    @_again_if_overtaken
    def move(self, cls: type[R], id: str, position: int) -> Change:
        """Move a record to `position` among its live siblings, renumbering them."""
        parent = _parent_field(cls)
        if parent is None:
            raise TypeError(f"{cls.__name__} has no order")
        with self.db.session() as s:
            obj: Any = s.get(cls, id)  # a record of a type with a position (it has a parent field)
            if obj is None:
                raise NotFound(f"{cls.__name__} {id}")
            siblings = [x for x in self._siblings(s, cls, parent, getattr(obj, parent)) if x.id != id]
            old = obj.position
            at = max(0, min(position, len(siblings)))
            siblings.insert(at, obj)
            now = utcnow()
            was: dict[str, int] = {}
            for i, sibling in enumerate(siblings):
                if sibling.position != i:
                    was[sibling.id] = sibling.position
                    sibling.position = i
                    sibling.updated_at = now
            now_at = {k: next(x.position for x in siblings if x.id == k) for k in was}
        return Change("moved", cls, id, {"position": old, "positions": was},
                      {"position": at, "positions": now_at}, record=obj)

    @_again_if_overtaken
    def set_positions(self, cls: type[R], positions: dict[str, int]) -> None:
        """Put records back at exactly these positions (undo and redo of a move or an insert)."""
        if not positions:
            return
        with self.db.session() as s:
            now = utcnow()
            for record_id, position in positions.items():
                obj: Any = s.get(cls, record_id)  # a record of a type with a position
                if obj is not None and obj.position != position:
                    obj.position = position
                    obj.updated_at = now

    @staticmethod
    def _siblings(s: Session, cls: type[Record], parent: str, parent_value: Any) -> builtins.list[Any]:
        """The live records sharing the parent's position order (records of a type with a position)."""
        from sqlalchemy import select

        from verkstad.storage.mapping import col

        query = (
            select(cls)
            .where(col(cls, parent) == parent_value, col(cls, "deleted_at").is_(None))
            .order_by(col(cls, "position"), col(cls, "created_at"))
        )
        return list(s.scalars(query))

    def insert_rows(self, rows: dict[type[Record], builtins.list[dict[str, Any]]], *,
                    then: Callable[[Session], None] | None = None) -> None:
        """Store many new records given as rows of their fields ({type: [{field: value}]}) through
        Core, one executemany per type, parents first, without making record objects: an imported
        programme's tens of thousands of records (the ORM's unit of work took a third of an import,
        making the objects a tenth). The search index follows. `then` runs in the same transaction
        (an import's revisions)."""
        with self.db.session() as s:
            insert_rows(s, rows)
            if then is not None:
                then(s)

    def add_all(self, objs: Iterable[Record]) -> None:
        """Store many new records in one transaction, positions as given, parents first."""
        objs = list(objs)
        with self.db.session() as s:
            # The unit of work knows no relationships, so insert one type at a time.
            for cls in ALL_RECORD_TYPES:
                batch = [o for o in objs if type(o) is cls]
                if batch:
                    s.add_all(batch)
                    s.flush()


def insert_rows(s: Session, rows: dict[type[Record], list[dict[str, Any]]]) -> None:
    """Insert new records given as rows ({column: value}) through Core, one executemany per type,
    parents first; entries with their search index filled set-wise."""
    from verkstad.domain.model import Entry
    from verkstad.storage.capture_repo import insert_many_entries
    from verkstad.storage.mapping import TABLES

    for cls in ALL_RECORD_TYPES:  # parents first
        batch = rows.get(cls)
        if batch and cls is Entry:
            insert_many_entries(s, batch)
        elif batch:
            executemany_rows(s, TABLES[cls], batch)


def _empty_list_at_once(column_type, process):
    """The bind processor, with a JSON column's empty list written as its JSON text at once:
    most entries have no themes, and json.dumps([]) was a twentieth of an import's writing."""
    from sqlalchemy import JSON

    if process is None or not isinstance(column_type, JSON):
        return process
    return lambda value: "[]" if value == [] else process(value)


def executemany_rows(s: Session, table, rows: list[dict[str, Any]]) -> None:
    """INSERT the rows (all with the keys of the first) with the driver's own executemany, each
    value made what the column stores by the column type's own bind processor, as SQLAlchemy
    does: for tens of thousands of rows its per-row parameter handling took longer than SQLite."""
    connection = s.connection()
    dialect = connection.dialect
    columns = [table.c[name] for name in rows[0]]
    processors = [_empty_list_at_once(c.type, c.type.dialect_impl(dialect).bind_processor(dialect))
                  for c in columns]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {table.name} ({', '.join(c.name for c in columns)}) "
           f"VALUES ({', '.join([mark] * len(columns))})")
    names = [c.name for c in columns]
    values = operator.itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    processed = [(i, fn) for i, fn in enumerate(processors) if fn is not None]
    params: list[Any] = []
    for row in rows:  # the values in C, then only the columns that need it processed
        found = list(values(row))
        for i, fn in processed:
            if found[i] is not None:
                found[i] = fn(found[i])
        params.append(tuple(found))
    connection.exec_driver_sql(sql, params)
