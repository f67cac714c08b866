"""Merge: bring another copy's work on the same programme into this database, field by field.

Records are matched by id. A record only the file holds is added; one only this database
holds stays. For a record both hold, each field is compared by its stamps
(`storage/revisions.py`): a side's stamp is new to the other when the other's knowledge of the
stamp's device is below its counter. A field changed on one side only takes that change; a
field changed on both sides to different values is a conflict. A deletion (`deleted_at`) wins
over a record the other side left alone and conflicts with one it changed, or with records it
added or changed that refer to it; the records the same laptop deleted with it (those referring
to it, deleted within seconds on that laptop's clock) follow how that conflict is resolved.

`plan` reads both sides and decides everything it can, `apply` writes it with the conflicts'
resolutions in one transaction after a backup. Merging the same file twice changes nothing, and
two copies that merge each other's exports without conflicts hold the same programme (the same
fingerprint, `exporting.fingerprint`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verkstad.domain.model import ALL_RECORD_TYPES, Programme, Record
from verkstad.domain.registry import REGISTRY
from verkstad.domain.wording import field_title, show
from verkstad.gcpause import no_cyclic_gc
from verkstad.i18n import _, current, ngettext
from verkstad.services.exchange.codec import (
    ExchangeError,
    decoded,
    format_datetime,
    parse_stamp,
    records_of,
    to_json,
)
from verkstad.services.exchange.validation import read_document, type_title
from verkstad.storage import exchange_repo, revisions
from verkstad.storage.revisions import UNSTAMPED, Stamp

MINE, THEIRS = "mine", "theirs"
OWN: Stamp = ("", 0)  # a stamp the merge takes anew on this device (`merge_repo.write`)
FOLLOW_SECONDS = 5  # records deleted this soon after one they refer to went with it (the same laptop's clock)


@dataclass
class Conflict:
    """A field both sides changed to different values, or a deletion against a change."""

    cls: type[Record]
    id: str
    field: str  # "deleted_at" for a deletion against a change
    mine: Any  # the JSON values
    theirs: Any
    text: str = ""  # in the user's language, e.g. "Both changed the deadline of the activity …"

    @property
    def key(self) -> str:
        return f"{self.id}/{self.field}"


@dataclass
class MergePlan:
    """What merging a file would do; `apply` writes it."""

    path: Path
    programme_id: str
    programme_name: str
    added: list[tuple[type[Record], dict[str, Any]]] = field(default_factory=list)
    # id -> (type, {field: (value, stamp)}): what the merge takes from the file without asking
    changes: dict[str, tuple[type[Record], dict[str, tuple[Any, Stamp | None]]]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    theirs: dict[str, dict[str, Any]] = field(default_factory=dict)  # the file's records by id
    their_stamps: dict[str, dict[str, Stamp]] = field(default_factory=dict)
    mine: dict[str, dict[str, Any]] = field(default_factory=dict)
    types: dict[str, type[Record]] = field(default_factory=dict)
    knowledge: dict[str, int] = field(default_factory=dict)  # the file's
    followers: dict[str, list[str]] = field(default_factory=dict)  # conflict key -> deletions that follow it

    def counts(self, resolutions: dict[str, str] | None = None) -> tuple[int, int, int]:
        """(added, changed, deleted) records, conflicts resolved as given (unresolved: mine)."""
        added, changed, deleted = self.by_type(resolutions)
        return sum(added.values()), sum(changed.values()), sum(deleted.values())

    def by_type(self, resolutions: dict[str, str] | None = None) -> tuple[Counter, Counter, Counter]:
        """How many records of each type the merge adds, changes and deletes."""
        added: Counter = Counter(cls for cls, _data in self.added)
        changed: Counter = Counter()
        deleted: Counter = Counter()
        for rid, (cls, values) in self.final(resolutions or {}).items():
            differs = {k for k, (v, _s) in values.items() if v != self.mine[rid][k]}
            if "deleted_at" in differs and values["deleted_at"][0] is not None:
                deleted[cls] += 1
            elif differs:
                changed[cls] += 1
        return added, changed, deleted

    def final(self, resolutions: dict[str, str]) -> dict[str, tuple[type[Record], dict[str, tuple[Any, Stamp | None]]]]:
        """Every change to a record this database holds, conflicts resolved as given (unresolved:
        this copy's value)."""
        final = {rid: (cls, dict(values)) for rid, (cls, values) in self.changes.items()}

        def put(rid: str, name: str, value: Any) -> None:
            _cls, values = final.setdefault(rid, (self.types[rid], {}))
            values[name] = (value, self.their_stamps.get(rid, {}).get(name))

        def keep(rid: str, name: str) -> None:
            """This copy's value, stamped anew: the other copy takes it at its next merge, having
            seen its own change lose."""
            _cls, values = final.setdefault(rid, (self.types[rid], {}))
            values[name] = (self.mine[rid][name], OWN)

        for conflict in self.conflicts:
            theirs = resolutions.get(conflict.key) == THEIRS
            group = [conflict.id, *self.followers.get(conflict.key, [])]
            if conflict.field != "deleted_at":
                put(conflict.id, conflict.field, conflict.theirs) if theirs else keep(conflict.id, conflict.field)
            elif conflict.theirs is not None and not theirs:  # the file's deletion refused: all are kept
                for rid in group:
                    keep(rid, "deleted_at")
            elif conflict.theirs is None and theirs:  # this copy's deletion given up: all come back
                for rid in group:
                    put(rid, "deleted_at", None)
            elif not theirs:
                keep(conflict.id, "deleted_at")
        return {rid: item for rid, item in final.items() if item[1]}

    @property
    def unchanged(self) -> bool:
        return not self.added and not self.changes and not self.conflicts


def _new(stamp: Stamp | None, knowledge: dict[str, int]) -> bool:
    """Whether a stamp is news to a copy with this knowledge (no stamp: known to every copy)."""
    return stamp is not None and knowledge.get(stamp[0], 0) < stamp[1]


def _later(a: Stamp | None, b: Stamp | None) -> Stamp | None:
    """The later of two stamps by counter, then device: the same on both sides of a merge."""
    if a is None or b is None:
        return a or b
    return max(a, b, key=lambda s: (s[1], s[0]))


def _as_json(services, ids: dict[str, type[Record]]) -> dict[str, dict[str, Any]]:
    wanted: dict[type[Record], list[str]] = defaultdict(list)
    for rid, cls in ids.items():
        wanted[cls].append(rid)
    return {r.id: to_json(r) for r in exchange_repo.records_by_id(services.db, wanted)}


def _by_id(doc: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, type[Record]]]:
    rows: dict[str, dict[str, Any]] = {}
    types: dict[str, type[Record]] = {}
    for cls, _where, _i, data in records_of(doc):
        rows[data["id"]] = data
        types[data["id"]] = cls
    return rows, types


def _stamps_of(doc: dict[str, Any]) -> dict[str, dict[str, Stamp]]:
    return {r: {f: parse_stamp(v) for f, v in by_field.items()} for r, by_field in doc["revisions"]["stamps"].items()}


def _references(cls: type[Record], data: dict[str, Any]) -> Iterable[str]:
    for name in REGISTRY[cls].references:
        value = data.get(name)
        if isinstance(value, list):
            yield from value
        elif value is not None:
            yield value


def plan(services, path: str | Path, programme_id: str | None = None) -> MergePlan:
    """Read and check the file, compare it with this database's copy of its programme. The file
    may also be a database (an offline copy, `offline.take_offline`): its programme `programme_id`,
    or its only one."""
    from verkstad.services.exchange.offline import document_of_database, is_database_file

    path = Path(path)
    if is_database_file(path):
        return plan_document(services, path, document_of_database(path, programme_id))
    return plan_document(services, path, read_document(path))


@no_cyclic_gc()
def plan_document(services, path: Path, doc: dict[str, Any]) -> MergePlan:
    """`plan` for a document `read_document(path)` returned (the GUI reads it in a worker)."""
    programme_id = doc["programme"]["id"]
    held = [p for p in services.records.list(Programme, include_deleted=True) if p.id == programme_id]
    if not held:
        raise ExchangeError(_("“{file}” holds the programme “{name}”, which this database does not have; "
                              "import it instead of merging.").format(file=path, name=doc["programme"]["name"]))
    programme = held[0]
    theirs, types = _by_id(doc)
    held_index = exchange_repo.index(services.db, programme)
    my_types = {rid: cls for rid, (cls, _updated) in held_index.items()}
    for rid, cls in types.items():
        if rid in my_types and my_types[rid] is not cls:
            raise ExchangeError(_("“{file}” cannot be merged: the id {id} is a {type} in the file and a {other} "
                                  "here; nothing was merged.").format(
                file=path, id=rid, type=type_title(cls), other=type_title(my_types[rid])))
    _held, elsewhere = exchange_repo.present(services.db, "", {Record: [r for r in theirs if r not in my_types]})
    if elsewhere:
        rid = sorted(elsewhere)[0]
        raise ExchangeError(_("“{file}” cannot be merged: its {type} {id} is a record of another programme in this "
                              "database; nothing was merged.").format(file=path, type=type_title(types[rid]), id=rid))
    their_stamps = _stamps_of(doc)
    with services.db.session() as s:
        my_stamps = revisions.stamps(s, set(my_types))
    # A record both hold that neither changed has the same time of change and the same stamps on
    # both sides: only the others are read in full.
    differ = {rid: cls for rid, cls in my_types.items() if rid in theirs and (
              format_datetime(held_index[rid][1]) != theirs[rid]["updated_at"]
              or my_stamps.get(rid) != their_stamps.get(rid))}
    mine = _as_json(services, differ)
    result = MergePlan(path, programme_id, programme.name, theirs=theirs, mine=mine,
                       types={**types, **my_types}, knowledge=doc["revisions"]["knowledge"])
    result.their_stamps = their_stamps
    with services.db.session() as s:
        own, counter = revisions.device(s)
        known_here = {**revisions.knowledge(s, programme_id), own: counter}
    known_there = result.knowledge
    deletions: list[Conflict] = []
    sides = _Sides()
    for rid, data in theirs.items():
        cls = types[rid]
        if rid not in my_types:
            result.added.append((cls, data))
            sides.added_there.add(rid)
            continue
        if rid not in mine:
            continue  # the same on both sides
        here, m_stamps, t_stamps = mine[rid], my_stamps.get(rid, {}), their_stamps.get(rid, {})
        take: dict[str, tuple[Any, Stamp | None]] = {}
        for name, value in data.items():
            if name in UNSTAMPED:
                continue
            ms, ts = m_stamps.get(name), t_stamps.get(name)
            if name != "deleted_at" and _new(ms, known_there):
                sides.changed_here.add(rid)
            if name != "deleted_at" and _new(ts, known_here):
                sides.changed_there.add(rid)
            if value == here[name]:
                later = _later(ms, ts)
                if later != ms:  # the same value: both keep the same stamp
                    take[name] = (value, later)
                continue
            conflict = Conflict(cls, rid, name, here[name], value)
            side = _decide(ms, ts, known_here, known_there)
            if name == "deleted_at":
                if value is not None and here[name] is not None:  # deleted on both: the earlier deletion
                    if value < here[name]:
                        take[name] = (value, _later(ms, ts))
                    continue
                deleting = THEIRS if value is not None else MINE
                if side == deleting:
                    deletions.append(conflict)  # stands unless the other side changed it meanwhile
                    continue
            if side == THEIRS:
                take[name] = (value, ts)
            elif side is None:
                result.conflicts.append(conflict)
        if take:
            result.changes[rid] = (cls, take)
    if deletions:  # what this copy added since matters only to a deletion in the file
        sides.added_here = {rid for rid in my_types if rid not in theirs}
        result.mine.update(_as_json(services, {rid: my_types[rid] for rid in sides.added_here}))
        _settle_deletions(result, deletions, sides)
    for conflict in result.conflicts:
        conflict.text = describe(result, conflict)
    return result


def _decide(ms: Stamp | None, ts: Stamp | None, known_here: dict[str, int], known_there: dict[str, int]) -> str | None:
    """Whose value a field takes: MINE, THEIRS, or None when both changed it (a conflict)."""
    m_new, t_new = _new(ms, known_there), _new(ts, known_here)
    if t_new != m_new:
        return THEIRS if t_new else MINE
    if m_new or ms == ts:  # both changed it, or neither copy can tell (a file of format 3)
        return None
    return THEIRS if _later(ms, ts) == ts else MINE


@dataclass
class _Sides:
    """Which records each side added or changed since the other side's knowledge."""

    added_here: set[str] = field(default_factory=set)
    added_there: set[str] = field(default_factory=set)
    changed_here: set[str] = field(default_factory=set)
    changed_there: set[str] = field(default_factory=set)


def _settle_deletions(result: MergePlan, deletions: list[Conflict], sides: _Sides) -> None:
    """A deletion on one side stands unless the other side changed the record, or added a record
    that refers to it, or changed one inside it; then it is a conflict, and the records the same
    side deleted with it follow its resolution."""
    merged = {**result.mine, **result.theirs}
    referring: dict[str, list[str]] = defaultdict(list)
    inside: dict[str, list[str]] = defaultdict(list)
    for rid, data in merged.items():
        rt = REGISTRY[result.types[rid]]
        for target in _references(rt.cls, data):
            referring[target].append(rid)
        for name in (rt.belongs_to, rt.siblings_of):
            if name is not None and data.get(name):
                inside[data[name]].append(rid)
    order = {cls: i for i, cls in enumerate(ALL_RECORD_TYPES)}
    candidates = {c.id: c for c in sorted(deletions, key=lambda c: (order[c.cls], c.id))}
    decided: set[str] = set()
    for rid, conflict in candidates.items():
        if rid in decided:
            continue
        there = conflict.theirs is not None
        added, changed = (sides.added_here, sides.changed_here) if there else (sides.added_there, sides.changed_there)
        when = conflict.theirs if there else conflict.mine
        followers = [r for r in referring.get(rid, []) if r in candidates and r != rid and r not in decided
                     and (candidates[r].theirs is not None) == there and _soon_after(candidates[r], when, there)]
        group = [rid, *followers]
        touched = any(r in changed for r in group) or any(
            r in added for g in group for r in referring.get(g, [])) or any(
            r in changed for g in group for r in inside.get(g, []))
        decided.update(group)
        if touched:
            result.conflicts.append(conflict)
            result.followers[conflict.key] = followers
        if there:  # the file's deletions are taken now; `final` keeps the records if the conflict says so
            for r in group:
                _cls, values = result.changes.setdefault(r, (candidates[r].cls, {}))
                values["deleted_at"] = (candidates[r].theirs, result.their_stamps.get(r, {}).get("deleted_at"))


def _soon_after(conflict: Conflict, when: str, there: bool) -> bool:
    other = conflict.theirs if there else conflict.mine
    a, b = (dt.datetime.fromisoformat(v[:-1]) for v in (when, other))
    return abs((a - b).total_seconds()) <= FOLLOW_SECONDS


# -- words ------------------------------------------------------------------------------------

def _record_name(result: MergePlan, rid: str) -> str:
    data = result.mine.get(rid) or result.theirs.get(rid) or {}
    for key in ("name", "title", "text", "file_name"):
        if data.get(key):
            text = " ".join(str(data[key]).split())
            return text if len(text) <= 60 else text[:59] + "…"
    for key in ("person_id", "organisation_id", "agreement_id"):
        if data.get(key):
            return _record_name(result, data[key])
    if "number" in data:
        return str(data["number"])
    return rid[:8]


def show_value(result: MergePlan, name: str, value: Any) -> str:
    """A field's JSON value in the user's words: names for references, dates in their language."""
    quoted = _("“{text}”")
    if isinstance(value, str) and (value in result.theirs or value in result.mine):
        return quoted.format(text=_record_name(result, value))
    if value and isinstance(value, list) and all(
            isinstance(v, str) and (v in result.theirs or v in result.mine) for v in value):
        return current().list([quoted.format(text=_record_name(result, v)) for v in value])
    if isinstance(value, str):  # the format's dates and times, as the stored values they are
        try:
            if len(value) == 10:
                return show(dt.date.fromisoformat(value))
            if len(value) in (8, 15):
                return show(dt.time.fromisoformat(value))
        except ValueError:
            pass
    return show(value)


def describe(result: MergePlan, conflict: Conflict) -> str:
    """The conflict in the programme's own words."""
    what = _(REGISTRY[conflict.cls].title)
    name = _record_name(result, conflict.id)
    if conflict.field == "deleted_at":
        if conflict.theirs is not None:
            return _("The file deleted the {type} “{name}”, which has since been changed, or had something added "
                     "to it, on this laptop.").format(type=what, name=name)
        return _("This laptop deleted the {type} “{name}”, which has since been changed, or had something added to "
                 "it, in the file.").format(type=what, name=name)
    return _("Both copies changed the {field} of the {type} “{name}”: {mine} on this laptop, {theirs} in the "
             "file.").format(
        field=field_title(conflict.cls, conflict.field), type=what, name=name,
        mine=show_value(result, conflict.field, conflict.mine),
        theirs=show_value(result, conflict.field, conflict.theirs))


def summary(result: MergePlan, resolutions: dict[str, str] | None = None) -> str:
    """What the merge adds, changes and deletes, and its conflicts (resolved once all are)."""
    added, changed, deleted = result.counts(resolutions)
    if result.unchanged:
        return _("This database already holds everything in “{file}”.").format(file=result.path.name)
    n = len(result.conflicts)
    resolved = bool(n) and all(c.key in (resolutions or {}) for c in result.conflicts)
    conflicts = (ngettext("{n} conflict resolved", "{n} conflicts resolved", n) if resolved
                 else ngettext("{n} conflict", "{n} conflicts", n))
    return _("{added}, {changed}, {deleted}; {conflicts}.").format(
        added=ngettext("{n} new record", "{n} new records", added).format(n=added),
        changed=ngettext("{n} changed", "{n} changed", changed).format(n=changed),
        deleted=ngettext("{n} deleted", "{n} deleted", deleted).format(n=deleted),
        conflicts=conflicts.format(n=n))


def details(result: MergePlan, resolutions: dict[str, str] | None = None) -> list[str]:
    """Per kind of record what the merge adds, changes and deletes: "New: entry (20), meeting (1)."."""
    tr = current()
    lines = []
    for heading, counts in zip((_("New: {types}."), _("Changed: {types}."), _("Deleted: {types}.")),
                               result.by_type(resolutions), strict=True):
        if counts:
            kinds = [_("{type} ({n})").format(type=_(REGISTRY[cls].title), n=k)
                     for cls, k in sorted(counts.items(), key=lambda item: (-item[1], item[0].__name__))]
            lines.append(heading.format(types=tr.list(kinds)))
    return lines


# -- writing ----------------------------------------------------------------------------------


def _keep_server_copy(services, result: MergePlan) -> Path:
    """A server's database has no file to copy: the programme as it is now goes to a programme
    file in the user's data folder, which `verkstad import` (or a merge) can bring back."""
    import datetime as dt

    from verkstad.filenames import safe_file_name
    from verkstad.paths import server_backups_dir
    from verkstad.services.exchange.exporting import find_programme, programme_document, write_document

    folder = server_backups_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / safe_file_name(f"{stamp}-before-merge-{result.programme_name}", ".verkstad", stamp)
    write_document(programme_document(services, find_programme(services, result.programme_id)), target)
    from verkstad.storage.db import KEEP_BACKUPS

    for old in sorted(folder.glob("*-before-merge-*.verkstad"))[:-KEEP_BACKUPS]:  # the newest few, as for files
        old.unlink(missing_ok=True)
    return target


@no_cyclic_gc()
def apply(services, result: MergePlan, resolutions: dict[str, str]) -> tuple[int, int, int]:
    """Write the merge, conflicts resolved as told ({conflict key: "mine" | "theirs"}), after a
    backup, in one transaction; returns (added, changed, deleted)."""
    from verkstad.storage import merge_repo

    unresolved = [c for c in result.conflicts if resolutions.get(c.key) not in (MINE, THEIRS)]
    if unresolved:
        raise ExchangeError(ngettext("{n} conflict is not resolved; nothing was merged.",
                                     "{n} conflicts are not resolved; nothing was merged.",
                                     len(unresolved)).format(n=len(unresolved)))
    counts = result.counts(resolutions)
    if result.unchanged:  # nothing to write but what the file has seen: so will this copy have
        merge_repo.write(services.db, result.programme_id, {}, [], {}, result.knowledge)
        return counts
    final = result.final(resolutions)
    added: dict[type[Record], list[dict[str, Any]]] = defaultdict(list)
    for cls, data in result.added:
        added[cls].append(decoded(cls, data))
    updates: list[tuple[type[Record], str, dict[str, Any]]] = []
    stamps: dict[str, dict[str, Stamp | None]] = {}
    for rid, (cls, values) in final.items():
        merged = decoded(cls, {**result.mine[rid], **{k: v for k, (v, _s) in values.items()}})
        row = {k: merged[k] for k in values}
        mine_updated, theirs_updated = result.mine[rid]["updated_at"], result.theirs[rid]["updated_at"]
        if theirs_updated > mine_updated:  # the later of the two, on either side of the merge
            row["updated_at"] = decoded(cls, {**result.mine[rid], "updated_at": theirs_updated})["updated_at"]
        updates.append((cls, rid, row))
        stamps[rid] = {k: s for k, (_v, s) in values.items()}
    for _cls, data in result.added:
        if data["id"] in result.their_stamps:
            stamps[data["id"]] = dict(result.their_stamps[data["id"]])
    groups: dict[type[Record], set[str]] = defaultdict(set)  # where siblings may now share a position
    for cls, data in result.added:
        parent = REGISTRY[cls].siblings_of
        if parent is not None and data[parent] is not None:
            groups[cls].add(data[parent])
    for cls, rid, row in updates:
        parent = REGISTRY[cls].siblings_of
        if parent is not None and {"position", "deleted_at", parent} & set(row):
            groups[cls].update(v for v in (result.mine[rid][parent], result.theirs[rid][parent]) if v is not None)
    if services.db.backup("before-merge") is None and services.db.path is None:
        _keep_server_copy(services, result)
    merge_repo.write(services.db, result.programme_id, added, updates, stamps, result.knowledge, groups)
    return counts
