"""The invitation and agenda of a meeting as a PDF: time, venue, participants, the timed
agenda and the practical checklist with who is responsible."""

from __future__ import annotations

from reportlab.lib.units import mm

from verkstad.documents import blocks
from verkstad.documents.meeting import MeetingInput, party_label, render_meeting_pdf, time_range
from verkstad.documents.text import markup
from verkstad.domain.model import PARTY_TITLES
from verkstad.i18n import Translator, translator


def story(data: MeetingInput, tr: Translator, width: float) -> list:
    m = data.meeting
    timing = data.timing
    out = blocks.title_block(data.programme.name, tr.gettext("Invitation and agenda"), m.title)
    facts = [
        (tr.gettext("Date"), tr.date(m.date, "full")),
        (tr.gettext("Time"), time_range(tr, m.start_time, m.end_time)),
        (tr.gettext("Venue"), m.venue),
        (tr.gettext("Organisation"), party_label(data, tr)),
    ]
    if data.phase is not None:
        facts.append((tr.gettext("Phase"), data.phase.title))
    out += [blocks.facts(facts, width, 32 * mm), blocks.gap(6)]
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
            rows.append([when, what, data.person_name(item.responsible_id),
                         tr.ngettext("{n} min", "{n} min", item.duration_min).format(
                             n=tr.number(item.duration_min, 0))])
        total = ["", tr.gettext("Total"), "",
                 tr.ngettext("{n} min", "{n} min", timing.total_min).format(
                     n=tr.number(timing.total_min, 0))]
        header = [tr.gettext("Time"), tr.gettext("Item"), tr.gettext("Responsible"), tr.gettext("Duration")]
        widths = [28 * mm, width - 28 * mm - 42 * mm - 20 * mm, 42 * mm, 20 * mm]
        if not any(row[2] for row in rows):  # nobody named: no empty column
            for line in (header, widths, total, *rows):
                del line[2]
            widths[1] += 42 * mm
        out.append(blocks.data_table(header, rows, widths, right=(len(header) - 1,), total=total))

    if data.checklist:
        out.append(blocks.para(tr.gettext("Practical checklist"), "h1"))
        rows = []
        for check in sorted(data.checklist, key=lambda c: c.position):
            rows.append(["☑" if check.done else "☐", check.text,
                         tr.gettext(PARTY_TITLES.get(check.responsible, check.responsible))])
        out.append(blocks.data_table(
            ["", tr.gettext("Task"), tr.gettext("Responsible")], rows,
            [8 * mm, width - 8 * mm - 45 * mm, 45 * mm]))
    return out


def render(data: MeetingInput, language: str) -> bytes:
    """The invitation and agenda as PDF bytes, in `language`."""
    tr = translator(language)
    return render_meeting_pdf(data, tr, tr.gettext("Invitation and agenda"),
                              tr.gettext("Invitation and agenda of a meeting"), story)
