"""Capture's entries and draft line: typed and pasted lines stored, entries edited, tagged, voted and moved."""

from __future__ import annotations

import re

from verkstad.domain.model import Draft, Entry, EntryKind, Impact, utcnow
from verkstad.services.capture_common import CaptureBase, live_entry, set_fields
from verkstad.services.capture_lines import LineLookup
from verkstad.services.records import Change
from verkstad.storage import capture_repo

CURRENT_ITEM = "current"  # add_entry's default: the meeting's current agenda item
IMPACT_CYCLE = (None, Impact.SMALL, Impact.MEDIUM, Impact.LARGE)
_BULLET = re.compile(r"^\s*(?:[-*•·–—]|\d{1,2}[.)]|\[[ xX]?\])\s+")


class CaptureEntries(CaptureBase):
    """The entries of a meeting and the line being typed."""

    # -- entries --------------------------------------------------------------------

    def add_entry(self, meeting_id: str, text: str, kind: str = EntryKind.IDEA,
                  agenda_item_id: str | None = CURRENT_ITEM, *, clear_draft: bool = True) -> list[Change]:
        """Store one entry from a typed line (tags, owner and a task's due date read inline).

        The entry is committed before this returns, together with clearing the meeting's
        draft (`clear_draft=False` when the caller knows none was saved); a line with no
        text besides metadata stores nothing and returns [].
        """
        return self._add_lines(meeting_id, [text], kind, agenda_item_id, clear_draft)

    def paste_lines(self, meeting_id: str, text: str, kind: str = EntryKind.IDEA,
                    agenda_item_id: str | None = CURRENT_ITEM) -> list[Change]:
        """One entry for each non-empty line of pasted text (list bullets dropped), in one commit."""
        lines = [_BULLET.sub("", line).strip() for line in text.splitlines()]
        return self._add_lines(meeting_id, [line for line in lines if line], kind, agenda_item_id)

    def _add_lines(self, meeting_id: str, lines: list[str], kind: str,
                   agenda_item_id: str | None, clear_draft: bool = True) -> list[Change]:
        kind = EntryKind(kind)
        changes: list[Change] = []
        with self.db.session() as s:
            lookup = LineLookup(s, meeting_id)
            if agenda_item_id == CURRENT_ITEM:
                agenda_item_id = lookup.meeting.current_item_id
            position = capture_repo.max_entry_position(s, meeting_id)
            position = -1 if position is None else position
            new_entries = []
            for line in lines:
                parsed = lookup.parse(line, kind)
                if not parsed.text:
                    continue
                position += 1
                entry = Entry(meeting_id=meeting_id, agenda_item_id=agenda_item_id, position=position,
                              kind=kind, text=parsed.text)
                changes += lookup.apply(entry, parsed, toggle=False, new=True)
                new_entries.append(entry)
                changes.append(Change("created", Entry, entry.id, record=entry))
            if new_entries:
                # Core statements built once: the ORM's unit of work cost more than the commit.
                capture_repo.insert_entries(s, new_entries)
                if clear_draft:
                    capture_repo.clear_draft(s, meeting_id, utcnow())
        # Themes made inline first, so that undo (in reverse) removes the entry before them.
        return sorted(changes, key=lambda c: c.type is Entry)

    def edit(self, entry_id: str, text: str) -> list[Change]:
        """New text for an entry edited in place; tags, owner and a task's date typed there apply too."""
        with self.db.session() as s:
            entry = live_entry(s, entry_id)
            lookup = LineLookup(s, entry.meeting_id)
            parsed = lookup.parse(text, entry.kind)
            if not parsed.text:
                return []
            changes = lookup.apply(entry, parsed, toggle=False)
            changes.append(set_fields(entry, text=parsed.text))
        return changes

    def apply_line(self, entry_id: str, line: str) -> list[Change]:
        """Apply a line of only `#tags`, `@owner` and a date to an entry; a tag it has is taken off."""
        with self.db.session() as s:
            entry = live_entry(s, entry_id)
            lookup = LineLookup(s, entry.meeting_id)
            parsed = lookup.parse(line, entry.kind, dates=True)
            return lookup.apply(entry, parsed, toggle=True)

    def set_kind(self, entry_id: str, kind: str) -> Change:
        return self.records.update(Entry, entry_id, kind=EntryKind(kind))

    def set_impact(self, entry_id: str, impact: str | None) -> Change:
        return self.records.update(Entry, entry_id, impact=Impact(impact) if impact else None)

    def cycle_impact(self, entry_id: str) -> Change:
        """None, small, medium, large, and round again."""
        entry = self.records.get(Entry, entry_id)
        at = IMPACT_CYCLE.index(entry.impact) if entry.impact in IMPACT_CYCLE else 0
        return self.set_impact(entry_id, IMPACT_CYCLE[(at + 1) % len(IMPACT_CYCLE)])

    def toggle_good_example(self, entry_id: str) -> Change:
        """Mark the entry as a good example worth a case story, or unmark it."""
        entry = self.records.get(Entry, entry_id)
        return self.records.update(Entry, entry_id, good_example=not entry.good_example)

    def vote(self, entry_id: str, delta: int = 1) -> Change:
        entry = self.records.get(Entry, entry_id)
        return self.records.update(Entry, entry_id, votes=max(0, entry.votes + delta))

    def toggle_theme(self, entry_id: str, theme_id: str) -> Change:
        entry = self.records.get(Entry, entry_id)
        ids = [t for t in entry.theme_ids if t != theme_id]
        if len(ids) == len(entry.theme_ids):
            ids.append(theme_id)
        return self.records.update(Entry, entry_id, theme_ids=ids)

    def delete(self, entry_id: str) -> Change:
        return self.records.delete(Entry, entry_id)

    def move(self, entry_id: str, step: int) -> list[Change]:
        """Swap an entry with its neighbour under the same agenda item (step -1 up, +1 down)."""
        with self.db.session() as s:
            entry = live_entry(s, entry_id)
            siblings = capture_repo.live_entries(s, entry.meeting_id)
            group = [e for e in siblings if e.agenda_item_id == entry.agenda_item_id]
            at = next(i for i, e in enumerate(group) if e.id == entry_id)
            if not 0 <= at + step < len(group):
                return []
            other = group[at + step]
            mine, theirs = entry.position, other.position
            if mine == theirs:  # equal positions (merged copies): make room first
                theirs = mine + (1 if step > 0 else -1)
            return [set_fields(entry, position=theirs), set_fields(other, position=mine)]

    # -- the draft line -----------------------------------------------------------------

    def save_draft(self, meeting_id: str, text: str) -> None:
        """Keep what is typed but not entered (one draft per meeting), committed at once."""
        with self.db.session() as s:
            draft = capture_repo.first_draft(s, meeting_id, include_deleted=True)
            if draft is None:
                if text:
                    s.add(Draft(meeting_id=meeting_id, text=text))
            elif draft.text != text or draft.deleted_at is not None:
                draft.text, draft.deleted_at, draft.updated_at = text, None, utcnow()

    def load_draft(self, meeting_id: str) -> str:
        with self.db.session() as s:
            draft = capture_repo.first_draft(s, meeting_id)
            return draft.text if draft else ""
