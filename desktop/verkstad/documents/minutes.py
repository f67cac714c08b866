"""The minutes of a meeting as a PDF: the day and times it was held, the note-taker; attendance
and whether each required role attended; per agenda item the decisions, tasks (owner and due
date, or "not agreed"), ideas and notes; every task; the next meeting; the distribution."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from verkstad.documents import blocks
from verkstad.documents.meeting import (
    MeetingInput,
    meeting_name,
    party_label,
    person_line,
    render_meeting_pdf,
    time_range,
)
from verkstad.documents.text import markup, unbroken
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


def attended_role_lines(data: MeetingInput, tr: Translator) -> list[str]:
    """The attendance statement's other half: each required role that did attend, once held."""
    if data.phase is None or not data.phase.required_roles:
        return []
    if not rules.is_held(data.meeting, data.attendance, dt.date.today()):
        return []
    missing = set(rules.missing_roles(data.phase.required_roles, data.attendance, data.people, attended_only=True))
    return [sentence("attended", role, tr.gettext) for role in data.phase.required_roles if role not in missing]


def _held(data: MeetingInput) -> tuple[dt.date | None, dt.time | None, dt.time | None]:
    """The day and times the meeting was held: those of its capture session (in local time), else
    the planned ones."""
    m = data.meeting
    started = m.started_at.astimezone() if m.started_at else None
    ended = m.ended_at.astimezone() if m.ended_at else None
    day = started.date() if started else m.date
    return day, started.time().replace(second=0, microsecond=0) if started else m.start_time, \
        ended.time().replace(second=0, microsecond=0) if ended else m.end_time


def _owner(data: MeetingInput, entry: Entry) -> str:
    return data.person_name(entry.owner_id) or entry.owner_name


def _entry_line(data: MeetingInput, tr: Translator, entry: Entry) -> str:
    """One bullet: the text, then owner and due date of a task, impact and votes of an idea."""
    extra = []
    if entry.kind == EntryKind.TASK:  # a task says who and by when, or that it was not agreed
        owner = _owner(data, entry)
        extra.append(tr.gettext("owner: {name}").format(name=owner) if owner else tr.gettext("owner not agreed"))
        extra.append(tr.gettext("due {date}").format(date=unbroken(tr.date(entry.due_date, "long"))) if entry.due_date
                     else tr.gettext("deadline not agreed"))
    if entry.kind == EntryKind.IDEA:
        if entry.impact in IMPACT_TITLES:
            extra.append(tr.gettext("impact: {impact}").format(
                impact=tr.gettext(IMPACT_TITLES[entry.impact]).lower()))
        if entry.votes:
            extra.append(unbroken(tr.ngettext("{n} vote", "{n} votes", entry.votes).format(n=entry.votes)))
    text = markup(entry.text)
    if extra:
        text += ' <font color="#5F6B67">(' + markup(", ".join(extra)) + ")</font>"
    return text


def story(data: MeetingInput, tr: Translator, width: float) -> list:
    m = data.meeting
    out = blocks.title_block(data.programme.name, tr.gettext("Minutes"), meeting_name(data, tr), data.foreign)
    day, start, end = _held(data)
    facts = [
        (tr.gettext("Date"), tr.date(day, "full")),
        (tr.gettext("Time"), time_range(tr, start, end)),
        (tr.gettext("Venue"), m.venue),
        (tr.gettext("Organisation"), party_label(data, tr)),
        (tr.gettext("Minutes taken by"), person_line(data, m.note_taker_id)),
    ]
    out += [blocks.facts(facts, width, 32 * mm, data.foreign), blocks.gap(4)]

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
    attended = attended_role_lines(data, tr)
    if missing or attended:
        out += [blocks.gap(3), *(blocks.para(line, "body") for line in attended),
                *(blocks.para(line, "alert") for line in missing)]

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
        unsettled = tr.gettext("not agreed")
        out.append(blocks.data_table(
            [tr.gettext("Task"), tr.gettext("Owner"), tr.gettext("Due"), tr.gettext("Item")],
            [[e.text, _owner(data, e) or blocks.para(unsettled, "cell_small"),
              tr.date(e.due_date, "short") or blocks.para(unsettled, "cell_small"),
              titles.get(e.agenda_item_id or "", "")] for e in tasks],
            [width - 45 * mm - 24 * mm - 14 * mm, 45 * mm, 24 * mm, 14 * mm]))

    following = data.next_meeting
    if following is not None:
        out.append(blocks.para(tr.gettext("Next meeting"), "h1"))
        when = ", ".join(x for x in (tr.date(following.date, "full"), time_range(tr, following.start_time,
                                                                                  following.end_time),
                                     following.venue) if x)
        out.append(blocks.rich(f"<b>{markup(following.title)}</b>: {markup(when)}", "body"))

    invited = sorted((data.people[a.person_id] for a in data.attendance
                      if a.person_id in data.people and (a.invited or a.attended)), key=lambda p: p.name.casefold())
    if invited:
        out.append(blocks.para(tr.gettext("Distribution"), "h1"))
        out.append(blocks.para(tr.gettext("These minutes go to everyone invited: {names}.").format(
            names=tr.list([p.name for p in invited]))))
    return out


def render(data: MeetingInput, language: str) -> bytes:
    """The minutes as PDF bytes, in `language`."""
    tr = translator(language)
    return render_meeting_pdf(data, tr, tr.gettext("Minutes"), tr.gettext("Minutes of a meeting"), story)
