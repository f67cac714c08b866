"""Typed capture lines read against their meeting: tags to themes, `@owner` to a person, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from verkstad.domain import capture_syntax
from verkstad.domain.model import Entry, EntryKind, Meeting, Theme
from verkstad.domain.translatable import text_in
from verkstad.i18n import translator
from verkstad.services.capture_common import meeting_language, set_fields
from verkstad.services.records import Change, NotFound
from verkstad.storage import capture_repo
from verkstad.storage.capture_repo import Session


class LineLookup:
    """Reads what inline syntax refers to (themes, people, the meeting's language) once per call."""

    def __init__(self, s: Session, meeting_id: str) -> None:
        self.s = s
        self.meeting_id = meeting_id
        self._meeting: Meeting | None = None
        self._themes: list[Theme] | None = None

    @property
    def meeting(self) -> Meeting:
        if self._meeting is None:
            self._meeting = self.s.get(Meeting, self.meeting_id)
            if self._meeting is None:
                raise NotFound(f"Meeting {self.meeting_id}")
        return self._meeting

    def parse(self, line: str, kind: str, *, dates: bool | None = None) -> capture_syntax.ParsedLine:
        def parse_date(value: str) -> dt.date:
            return translator(meeting_language(self.s, self.meeting)).parse_date(value)

        dates = (kind == EntryKind.TASK) if dates is None else dates
        needs_reference = dates and any(ch.isdigit() for ch in line)  # spares a query per entry
        return capture_syntax.parse_line(
            line, parse_date, reference=self.meeting.date if needs_reference else None, dates=dates)

    def themes(self) -> list[Theme]:
        if self._themes is None:
            self._themes = capture_repo.live_themes(self.s, self.meeting.programme_id)
        return self._themes

    def theme_for(self, tag: str, changes: list[Change]) -> str:
        """The theme a tag names, by its name in the meeting's language or as written; an unknown
        tag becomes a new theme of the programme."""
        themes = self.themes()
        language = meeting_language(self.s, self.meeting)
        found = (capture_syntax.match_theme(tag, {t.id: text_in(t, "name", language) for t in themes})
                 or capture_syntax.match_theme(tag, {t.id: t.name for t in themes}))
        if found:
            return found
        theme = Theme(programme_id=self.meeting.programme_id,
                      position=max((t.position for t in themes), default=-1) + 1,
                      name=tag[:1].upper() + tag[1:])
        self.s.add(theme)
        self.s.flush()  # stored before the entry that names it: the search index reads its name then
        themes.append(theme)
        changes.append(Change("created", Theme, theme.id, record=theme))
        return theme.id

    def owner(self, typed: str) -> tuple[str | None, str]:
        """(person id, "") when one person fits; (None, name as typed) otherwise."""
        meeting = self.meeting
        people = capture_repo.live_people(self.s, meeting.programme_id)
        partners = capture_repo.partner_ids(self.s, meeting.programme_id)
        near = {p.id: p.name for p in people
                if meeting.organisation_id is None
                or p.organisation_id in (None, meeting.organisation_id) or p.organisation_id in partners}
        for names in (near, {p.id: p.name for p in people}):
            found = capture_syntax.match_names(typed, names)
            if len(found) == 1:
                return found[0], ""
            if found:
                break
        return None, typed

    def apply(self, entry: Entry, parsed: capture_syntax.ParsedLine, *, toggle: bool,
              new: bool = False) -> list[Change]:
        """Set the themes, owner and due date a parsed line names on `entry`."""
        changes: list[Change] = []
        values: dict[str, Any] = {}
        if parsed.tags:
            ids = list(entry.theme_ids)
            for tag in parsed.tags:
                theme_id = self.theme_for(tag, changes)
                if theme_id in ids:
                    if toggle:
                        ids.remove(theme_id)
                else:
                    ids.append(theme_id)
            values["theme_ids"] = ids
        if parsed.owner:
            values["owner_id"], values["owner_name"] = self.owner(parsed.owner)
        if parsed.due:
            values["due_date"] = parsed.due
        if not values:
            return changes
        if new:  # a new entry: its creation is the change
            for name, value in values.items():
                setattr(entry, name, value)
        else:
            changes.append(set_fields(entry, **values))
        return changes
