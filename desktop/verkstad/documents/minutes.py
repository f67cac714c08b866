"""The minutes of a meeting as a PDF: attendance (and a required role that did not attend), then
per agenda item the decisions, ideas, tasks (owner, due date) and notes, and a closing list of every task."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from verkstad.documents import blocks
from verkstad.documents.meeting import MeetingInput, party_label, render_meeting_pdf, time_range
from verkstad.documents.text import markup
from verkstad.domain import rules
from verkstad.domain.model import IMPACT_TITLES, Entry, EntryKind
from verkstad.domain.role_sentences import sentence
from verkstad.i18n import N_, Translator, translator

# The order kinds appear in under each agenda item, with their headings.
SECTIONS = (
    (EntryKind.DECISION, N_("Decisions")),
    (EntryKind.TASK, N_("Tasks")),
    (EntryKind.IDEA, N_("Ideas")),
    (EntryKind.NOTE, N_("Notes")),
)

def missing_role_lines(data: MeetingInput, tr: Translator) -> list[str]:
    """A sentence for each role the phase requires that nobody attended, once the meeting is
    held (`rules.is_held`: started in capture, someone ticked as attended, or its date passed)."""
    if data.phase is None or not data.phase.required_roles:
        return []
    if not rules.is_held(data.meeting, data.attendance, dt.date.today()):
        return []
    return [sentence("did_not_attend", role, tr.gettext) for role in
            rules.missing_roles(data.phase.required_roles, data.attendance, data.people, attended_only=True)]


def _owner(data: MeetingInput, entry: Entry) -> str:
    return data.person_name(entry.owner_id) or entry.owner_name


def _entry_line(data: MeetingInput, tr: Translator, entry: Entry) -> str:
    """One bullet: the text, then owner and due date of a task, impact and votes of an idea."""
    extra = []
    if entry.kind == EntryKind.TASK:
        owner = _owner(data, entry)
        if owner:
            extra.append(tr.gettext("owner: {name}").format(name=owner))
        if entry.due_date:
            extra.append(tr.gettext("due {date}").format(date=tr.date(entry.due_date, "medium")))
    if entry.kind == EntryKind.IDEA:
        if entry.impact in IMPACT_TITLES:
            extra.append(tr.gettext("impact: {impact}").format(
                impact=tr.gettext(IMPACT_TITLES[entry.impact]).lower()))
        if entry.votes:
            extra.append(tr.ngettext("{n} vote", "{n} votes", entry.votes).format(n=entry.votes))
    text = markup(entry.text)
    if extra:
        text += ' <font color="#5F6B67">(' + markup(", ".join(extra)) + ")</font>"
    return text


def story(data: MeetingInput, tr: Translator, width: float) -> list:
    m = data.meeting
    out = blocks.title_block(data.programme.name, tr.gettext("Minutes"), m.title)
    start = m.started_at.time() if m.started_at else m.start_time
    end = m.ended_at.time() if m.ended_at else m.end_time
    facts = [
        (tr.gettext("Date"), tr.date(m.date, "full")),
        (tr.gettext("Time"), time_range(tr, start, end)),
        (tr.gettext("Venue"), m.venue),
        (tr.gettext("Organisation"), party_label(data, tr)),
    ]
    out += [blocks.facts(facts, width, 32 * mm), blocks.gap(4)]

    # Attendance: who was there, and who was invited but absent.
    out.append(blocks.para(tr.gettext("Attendance"), "h1"))
    rows = [a for a in data.attendance if a.person_id in data.people and (a.invited or a.attended)]
    if not rows:
        out.append(blocks.para(tr.gettext("No attendance was recorded."), "muted"))
    else:
        rows.sort(key=lambda a: (not a.attended, data.organisation_of(data.people[a.person_id]).casefold(),
                                 data.people[a.person_id].name.casefold()))
        table = []
        for a in rows:
            p = data.people[a.person_id]
            table.append([p.name, p.title, data.organisation_of(p) or tr.gettext("Advisory team"),
                          tr.gettext("Present") if a.attended else tr.gettext("Absent")])
        out.append(blocks.data_table(
            [tr.gettext("Name"), tr.pgettext("person", "Title"), tr.gettext("Organisation"), tr.gettext("Attendance")],
            table, [width * 0.3, width * 0.24, width * 0.3, width * 0.16]))
    missing = missing_role_lines(data, tr)
    if missing:
        out += [blocks.gap(3), *(blocks.para(line, "alert") for line in missing)]

    # Per agenda item: decisions, tasks, ideas, notes.
    entries = sorted(data.entries, key=lambda e: (e.position, e.created_at))
    items = sorted(data.agenda, key=lambda i: i.position)
    known = {i.id for i in items}
    groups = [(f"{n}. {item.title}", [e for e in entries if e.agenda_item_id == item.id])
              for n, item in enumerate(items, start=1)]
    other = [e for e in entries if e.agenda_item_id not in known]
    if other:
        groups.append((tr.gettext("Any other business"), other))
    out.append(blocks.para(tr.gettext("Proceedings"), "h1"))
    for heading, group in groups:
        title = blocks.para(heading, "h2")
        if not group:
            out.append(KeepTogether([title, blocks.para(tr.gettext("Nothing was recorded under this item."),
                                                        "muted")]))
            continue
        first = True
        for kind, label in SECTIONS:
            of_kind = [e for e in group if e.kind == kind]
            if not of_kind:
                continue
            lines = [blocks.rich(_entry_line(data, tr, e), "item", "•") for e in of_kind]
            # The item's heading travels with its first list; a list stays with its label.
            out.append(KeepTogether([*([title] if first else []), blocks.para(tr.gettext(label), "label"),
                                     *lines]))
            first = False

    tasks = [e for e in entries if e.kind == EntryKind.TASK]
    if tasks:
        out.append(blocks.para(tr.gettext("Task list"), "h1"))
        titles = {item.id: f"{n}." for n, item in enumerate(items, start=1)}
        out.append(blocks.data_table(
            [tr.gettext("Task"), tr.gettext("Owner"), tr.gettext("Due"), tr.gettext("Item")],
            [[e.text, _owner(data, e), tr.date(e.due_date, "short"), titles.get(e.agenda_item_id or "", "")]
             for e in tasks],
            [width - 45 * mm - 24 * mm - 14 * mm, 45 * mm, 24 * mm, 14 * mm]))
    return out


def render(data: MeetingInput, language: str) -> bytes:
    """The minutes as PDF bytes, in `language`."""
    tr = translator(language)
    return render_meeting_pdf(data, tr, tr.gettext("Minutes"), tr.gettext("Minutes of a meeting"), story)
