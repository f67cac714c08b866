"""Live capture of a meeting: the `Capture` service, made of one part per job, and its context read.

Entries typed as people speak and the draft line (`capture_entries`, read inline by
`capture_lines`), the meeting clock (`capture_clock`), attendance and the closing summary
(`capture_review`), promotion of ideas to the activity plan (`capture_promotion`) and
full-text search (`capture_search`); what they share is in `capture_common`. Every name
other modules take from capture is importable from here.

Every mutating call commits before it returns (the database runs `synchronous=FULL`), so
what the capture window shows as saved is on disk. Calls that the facilitator may undo
return `Change`s for the window's operation (`ui/operations.py`); the meeting clock and the
draft are not undo steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from verkstad.domain.model import AgendaItem, Entry, Meeting, Organisation, Person, Programme, Theme
from verkstad.services.capture_clock import CaptureClock
from verkstad.services.capture_common import meeting_language, stored
from verkstad.services.capture_entries import CURRENT_ITEM, IMPACT_CYCLE, CaptureEntries
from verkstad.services.capture_promotion import PROMOTABLE, TITLE_MAX, CaptureError, CapturePromotion
from verkstad.services.capture_review import AttendanceView, CaptureReview, CaptureSummary
from verkstad.services.capture_search import CaptureSearch, SearchHit, search_terms

__all__ = [
    "CURRENT_ITEM", "IMPACT_CYCLE", "PROMOTABLE", "TITLE_MAX",
    "AttendanceView", "Capture", "CaptureContext", "CaptureError", "CaptureSummary", "SearchHit", "search_terms",
]


@dataclass
class CaptureContext:
    """Everything the capture window needs to open a meeting, read in one go."""

    meeting: Meeting
    programme: Programme
    organisation: Organisation | None
    language: str  # the meeting's language: its organisation's, else the programme's
    agenda: list[AgendaItem]
    themes: list[Theme]
    people: dict[str, Person]
    organisations: dict[str, Organisation]
    entries: list[Entry]
    draft: str


class Capture(CaptureEntries, CaptureClock, CaptureReview, CapturePromotion, CaptureSearch):
    """The use cases of capture mode, over one database."""

    def meeting(self, meeting_id: str) -> Meeting:
        """The meeting, or NotFound (for `verkstad --capture ID` with a wrong id)."""
        return self.records.get(Meeting, meeting_id)

    def context(self, meeting_id: str) -> CaptureContext:
        meeting = self.records.get(Meeting, meeting_id)
        programme = self.records.get(Programme, meeting.programme_id, include_deleted=True)
        organisations = {o.id: o for o in self.records.list(Organisation, programme_id=programme.id)}
        organisation = organisations.get(meeting.organisation_id) if meeting.organisation_id else None
        return CaptureContext(
            meeting=meeting, programme=programme, organisation=organisation,
            language=organisation.language if organisation else programme.language,
            agenda=self.records.list(AgendaItem, meeting_id=meeting_id),
            themes=self.records.list(Theme, programme_id=programme.id),
            people={p.id: p for p in self.records.list(Person, programme_id=programme.id)},
            organisations=organisations,
            entries=self.entries(meeting_id),
            draft=self.load_draft(meeting_id),
        )

    def themes(self, programme_id: str) -> list[Theme]:
        return self.records.list(Theme, programme_id=programme_id)

    def language(self, meeting_id: str) -> str:
        with self.db.session() as s:
            return meeting_language(s, stored(s, Meeting, meeting_id))
