"""Search over the entries of a programme's meetings as the facilitator types: parts of words, themes, owners."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from verkstad.services.capture_common import CaptureBase
from verkstad.storage import capture_repo


@dataclass
class SearchHit:
    entry_id: str
    meeting_id: str
    kind: str
    text: str
    meeting_title: str
    meeting_date: dt.date | None
    agenda_item_title: str = ""


def search_terms(typed: str) -> list[str]:
    """The words typed, cut at anything not a letter or a digit (as the index cuts its words),
    in Unicode's composed form (as typed text is stored)."""
    typed = unicodedata.normalize("NFC", typed)
    return [w for w in re.split(r"[^\w]|_", typed) if w]


class CaptureSearch(CaptureBase):
    """Search as you type in the capture window."""

    def search(self, programme_id: str, typed: str, limit: int = 50) -> list[SearchHit]:
        """Entries of all the programme's meetings in which every word typed is found, in their
        text, their themes' names or their owner's name, also inside a compound ("møbler" finds
        "kontormøbler"); å, ä, ö and ø are not a or o.

        Entries with every word whole come first, then those with every word as a word
        beginning, then parts of words; within each, by relevance (bm25, the text above themes
        and owner), ties newest first. A query of only one- or two-letter words finds word
        beginnings, newest first (see `capture_repo.search_tiers`).
        """
        terms = search_terms(typed)
        if not terms:
            return []
        with self.db.session() as s:
            if s.get_bind().dialect.name != "sqlite":  # a server's own index
                rows = capture_repo.search_server(s, terms, programme_id, limit)
            else:
                tiers, ranked = capture_repo.search_tiers(terms)
                rows = capture_repo.search_entries(s, tiers, ranked, programme_id, limit)
        return [SearchHit(r[0], r[1], r[2], r[3], r[4],
                          dt.date.fromisoformat(r[5]) if isinstance(r[5], str) else r[5], r[6] or "")
                for r in rows]
