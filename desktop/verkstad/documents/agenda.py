"""The invitation and agenda of a meeting as a PDF, for the people invited: when, where (the
venue and the organisation's address), by when to reply and to whom, who is invited and the
timed agenda. The team's preparation checklist is a document of its own (`checklist_story`)."""

from __future__ import annotations

from reportlab.lib.units import mm

from verkstad.documents import blocks
from verkstad.documents.meeting import (
    MeetingInput,
    duration,
    meeting_name,
    party_label,
    person_line,
    render_meeting_pdf,
    time_range,
)
from verkstad.documents.text import markup
from verkstad.domain.model import PARTY_TITLES
from verkstad.i18n import Translator, translator


def _when_and_where(data: MeetingInput, tr: Translator) -> list[tuple[str, str]]:
    m = data.meeting
    timing = data.timing
    when = time_range(tr, m.start_time, m.end_time)
    if m.start_time and m.end_time:
        minutes = (m.end_time.hour * 60 + m.end_time.minute) - (m.start_time.hour * 60 + m.start_time.minute)
        when += f" ({duration(tr, minutes)})"
    elif timing.total_min:
        when += f" ({duration(tr, timing.total_min)})"
    where = "\n".join(x for x in (m.venue, data.organisation.address if data.organisation else "") if x)
    facts = [(tr.gettext("Date"), tr.date(m.date, "full")), (tr.gettext("Time"), when.strip()),
             (tr.gettext("Venue"), where), (tr.gettext("Organisation"), party_label(data, tr))]
    if data.phase is not None:
        facts.append((tr.gettext("Phase"), data.phase.title))
    return facts


def story(data: MeetingInput, tr: Translator, width: float) -> list:
    m = data.meeting
    timing = data.timing
    out = blocks.title_block(data.programme.name, tr.gettext("Invitation and agenda"), meeting_name(data, tr),
                             data.foreign)
    facts = _when_and_where(data, tr)
    contact = person_line(data, m.contact_id)
    if m.reply_by:
        facts.append((tr.gettext("Reply by"), tr.date(m.reply_by, "long")))
    if contact:
        facts.append((tr.gettext("Contact"), contact))
    out += [blocks.facts(facts, width, 32 * mm, data.foreign), blocks.gap(4)]
    if m.reply_by or contact:  # the request, in a sentence
        name = data.person_name(m.contact_id)
        if m.reply_by and name:
            ask = tr.gettext("Please reply by {date} to {name} whether you will attend.")
        elif m.reply_by:
            ask = tr.gettext("Please reply by {date} whether you will attend.")
        else:
            ask = tr.gettext("Please tell {name} whether you will attend.")
        out += [blocks.para(ask.format(date=tr.date(m.reply_by, "long"), name=name)), blocks.gap(2)]
    if data.phase is not None and data.phase.description:
        out += [blocks.para(tr.gettext("About the meeting"), "h1"),
                blocks.para(data.phase.description)]

    invited = [a for a in data.attendance if a.invited and a.person_id in data.people]
    if invited:
        # One line per organisation: "Organisation: Name (title), Name (title)".
        out.append(blocks.para(tr.pgettext("heading", "Invited"), "h1"))
        groups: dict[str, list[str]] = {}
        for person in sorted((data.people[a.person_id] for a in invited), key=lambda p: p.name.casefold()):
            where = data.organisation_of(person) or tr.gettext("Advisory team")
            groups.setdefault(where, []).append(f"{person.name} ({person.title})" if person.title else person.name)
        own = data.organisation.name if data.organisation else None
        for where in sorted(groups, key=lambda w: (w != own, w.casefold())):
            out.append(blocks.rich(f"<b>{markup(where)}:</b> {markup(tr.list(groups[where]))}", "body"))

    out.append(blocks.para(tr.gettext("Agenda"), "h1"))
    if not data.agenda:
        out.append(blocks.para(tr.gettext("The agenda has no items yet."), "muted"))
    else:
        by_id = {t.item.id: t for t in timing.items}
        rows = []
        for number, item in enumerate(sorted(data.agenda, key=lambda i: i.position), start=1):
            timed = by_id.get(item.id)
            when = time_range(tr, timed.start, timed.end) if timed else ""
            what = [blocks.para(f"{number}. {item.title}", "cell_bold")]
            if item.notes:
                what.append(blocks.para(item.notes, "cell_small"))
            rows.append([when, what, data.person_name(item.responsible_id), duration(tr, item.duration_min)])
        total = ["", tr.gettext("Total"), "", duration(tr, timing.total_min)]
        header = [tr.gettext("Time"), tr.gettext("Item"), tr.gettext("Responsible"), tr.gettext("Duration")]
        widths = [28 * mm, width - 28 * mm - 42 * mm - 26 * mm, 42 * mm, 26 * mm]
        if not any(row[2] for row in rows):  # nobody named: no empty column
            for line in (header, widths, total, *rows):
                del line[2]
            widths[1] += 42 * mm
        out.append(blocks.data_table(header, rows, widths, right=(len(header) - 1,), total=total))

    return out


def checklist_story(data: MeetingInput, tr: Translator, width: float) -> list:
    """The team's copy: the meeting's time and place and its preparation checklist, each task with
    who sees to it and whether it is done."""
    out = blocks.title_block(data.programme.name, tr.gettext("Preparation checklist"), meeting_name(data, tr),
                             data.foreign)
    out += [blocks.facts(_when_and_where(data, tr), width, 32 * mm, data.foreign), blocks.gap(6)]
    if not data.checklist:
        out.append(blocks.para(tr.gettext("The checklist has no tasks yet."), "muted"))
        return out
    rows = []
    for check in sorted(data.checklist, key=lambda c: c.position):
        rows.append(["☑" if check.done else "☐", check.text,
                     tr.gettext(PARTY_TITLES.get(check.responsible, check.responsible))])
    out.append(blocks.data_table(["", tr.gettext("Task"), tr.gettext("Responsible")], rows,
                                 [8 * mm, width - 8 * mm - 45 * mm, 45 * mm]))
    return out


def render(data: MeetingInput, language: str) -> bytes:
    """The invitation and agenda as PDF bytes, in `language`."""
    tr = translator(language)
    return render_meeting_pdf(data, tr, tr.gettext("Invitation and agenda"),
                              tr.gettext("Invitation and agenda of a meeting"), story)


def render_checklist(data: MeetingInput, language: str) -> bytes:
    """The preparation checklist (the team's copy) as PDF bytes, in `language`."""
    tr = translator(language)
    return render_meeting_pdf(data, tr, tr.gettext("Preparation checklist"),
                              tr.gettext("Preparation checklist of a meeting"), checklist_story)
