"""Words for fields and values in messages: "the deadline of the activity …", "15 Jun 2027".

Used where a message names a field of a record (a merge's conflicts, a change someone else made
meanwhile) rather than a form's label. Field names are lower case, to go inside a sentence.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from verkstad.domain.model import Person, Record
from verkstad.i18n import NP_, _, current

FIELD_TITLES = {
    "name": NP_("field", "name"), "title": NP_("field", "title"), "text": NP_("field", "text"),
    "description": NP_("field", "description"), "language": NP_("field", "language"),
    "start_date": NP_("field", "start date"), "end_date": NP_("field", "end date"),
    "deadline": NP_("field", "deadline"), "due_date": NP_("field", "deadline"), "date": NP_("field", "date"),
    "start_time": NP_("field", "start time"), "end_time": NP_("field", "end time"),
    "venue": NP_("field", "venue"), "status": NP_("field", "status"), "impact": NP_("field", "impact"),
    "position": NP_("field", "place in the order"), "team_hours": NP_("field", "team hours"),
    "org_hours": NP_("field", "organisation's hours"), "responsible": NP_("field", "responsible"),
    "responsible_person_id": NP_("field", "responsible person"), "responsible_id": NP_("field", "responsible person"),
    "theme_id": NP_("field", "theme"), "theme_ids": NP_("field", "themes"), "owner_id": NP_("field", "owner"),
    "owner_name": NP_("field", "owner"), "kind": NP_("field", "kind"), "email": NP_("field", "email"),
    "phone": NP_("field", "phone"), "address": NP_("field", "address"), "role": NP_("field", "role"),
    "short_name": NP_("field", "short name"), "duration_min": NP_("field", "duration"),
    "notes": NP_("field", "notes"), "done": NP_("field", "done"), "invited": NP_("field", "invitation"),
    "attended": NP_("field", "attendance"), "clauses": NP_("field", "clauses"),
    "comments": NP_("field", "comments"), "translations": NP_("field", "translations"),
    "votes": NP_("field", "votes"), "organisation_id": NP_("field", "organisation"),
    "person_id": NP_("field", "person"), "phase_id": NP_("field", "phase"),
    "contact_id": NP_("field", "contact person"), "status_id": NP_("field", "status"),
    "reported_on": NP_("field", "date reported"), "note": NP_("field", "note"),
    "reported_by_id": NP_("field", "reported by"), "share_done": NP_("field", "share done"),
}


def field_title(cls: type[Record], name: str) -> str:
    """A field of a record type in words, lower case ("deadline", a person's "job title")."""
    if cls is Person and name == "title":
        return _(NP_("field", "job title"))
    return _(FIELD_TITLES[name]) if name in FIELD_TITLES else _(NP_("field", "details"))


def show(value: Any) -> str:
    """A stored value in the user's words: dates and numbers in their language, text quoted."""
    tr = current()
    if value is None or value == "" or value == [] or value == {}:
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return tr.number(value)
    if isinstance(value, dt.datetime):
        return tr.date(value.date())
    if isinstance(value, dt.date):
        return tr.date(value)
    if isinstance(value, dt.time):
        return tr.time(value)
    if isinstance(value, str):
        text = " ".join(value.split())
        return _("“{text}”").format(text=text if len(text) <= 80 else text[:79] + "…")
    return _("another value")
