"""What every part of the capture service shares: its records, and reads and writes in an open session."""

from __future__ import annotations

from typing import Any, TypeVar

from verkstad.domain.model import Entry, Meeting, Organisation, Programme, Record, utcnow
from verkstad.services.planning import Planning
from verkstad.services.records import Change, NotFound, Records
from verkstad.storage.capture_repo import Session

R = TypeVar("R", bound=Record)


class CaptureBase:
    """The records a capture service works over; each part of `Capture` builds on it."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self.db = records.db
        self.planning = Planning(records)

    def entries(self, meeting_id: str) -> list[Entry]:
        return self.records.list(Entry, meeting_id=meeting_id)


def _snapshot(value: Any) -> Any:
    return type(value)(value) if isinstance(value, list | dict) else value


def stored(s: Session, cls: type[R], record_id: str) -> R:
    """A record inside an open session, deleted-marked or not; NotFound when there is none."""
    obj = s.get(cls, record_id)
    if obj is None:
        raise NotFound(f"{cls.__name__} {record_id}")
    return obj


def set_fields(obj: Record, **values: Any) -> Change:
    """Change fields of an object inside an open session, as Records.update does."""
    before, after = {}, {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            before[name], after[name] = _snapshot(old), _snapshot(value)
            setattr(obj, name, _snapshot(value))
    if after:
        obj.updated_at = utcnow()
    return Change("updated", type(obj), obj.id, before, after, record=obj)


def live_entry(s: Session, entry_id: str) -> Entry:
    """An entry inside an open session; NotFound when there is none or it is deleted."""
    entry = s.get(Entry, entry_id)
    if entry is None or entry.deleted_at is not None:
        raise NotFound(f"Entry {entry_id}")
    return entry


def meeting_language(s: Session, meeting: Meeting) -> str:
    """The meeting's language: its organisation's, else its programme's."""
    if meeting.organisation_id:
        org = s.get(Organisation, meeting.organisation_id)
        if org is not None:
            return org.language
    return stored(s, Programme, meeting.programme_id).language
