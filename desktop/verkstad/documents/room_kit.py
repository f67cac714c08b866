"""The room kit of a workshop: what the facilitator prints and puts up in the room. A sign-in sheet
(everyone invited, by organisation, with room for a signature and lines for those who come
unannounced), a dot-voting sheet of the ideas the meeting captured, and the agenda as an A3 poster."""

from __future__ import annotations

from reportlab.lib.pagesizes import A3
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from verkstad.documents import blocks, styles
from verkstad.documents.meeting import MeetingInput, meeting_name, party_label, render_meeting_pdf, time_range
from verkstad.documents.pages import Furniture, Metadata, build_pdf, page_label
from verkstad.documents.text import markup
from verkstad.domain.model import EntryKind
from verkstad.i18n import Translator, translator

EXTRA_LINES = 6  # blank lines at the end of a sign-in sheet, for those who come unannounced
EMPTY_IDEAS = 12  # lines of a dot-voting sheet when the meeting has captured no ideas yet
DOTS = 3  # the dots each participant places


def _facts(data: MeetingInput, tr: Translator) -> list[tuple[str, str]]:
    m = data.meeting
    return [(tr.gettext("Date"), tr.date(m.date, "full")),
            (tr.gettext("Time"), time_range(tr, m.start_time, m.end_time)),
            (tr.gettext("Venue"), m.venue), (tr.gettext("Organisation"), party_label(data, tr))]


def sign_in_story(data: MeetingInput, tr: Translator, width: float) -> list:
    out = blocks.title_block(data.programme.name, tr.gettext("Sign-in sheet"), meeting_name(data, tr), data.foreign)
    out += [blocks.facts(_facts(data, tr), width, 32 * mm, data.foreign), blocks.gap(4),
            blocks.para(tr.gettext("Please sign beside your name, or add it on an empty line."), "muted"),
            blocks.gap(4)]
    invited = [data.people[a.person_id] for a in data.attendance if a.invited and a.person_id in data.people]
    own = data.organisation.name if data.organisation else None

    def where(person) -> str:
        return data.organisation_of(person) or tr.gettext("Advisory team")

    invited.sort(key=lambda p: (where(p) != own, where(p).casefold(), p.name.casefold()))
    rows = [[f"{n}.", p.name, where(p), p.title, ""] for n, p in enumerate(invited, start=1)]
    rows += [[f"{n}.", "", "", "", ""] for n in range(len(rows) + 1, len(rows) + 1 + EXTRA_LINES)]
    widths = [10 * mm, 48 * mm, 40 * mm, 34 * mm]
    widths.append(width - sum(widths))
    out.append(blocks.data_table(["#", tr.gettext("Name"), tr.gettext("Organisation"), tr.gettext("Job title"),
                                  tr.gettext("Signature")], rows, widths, row_height=11 * mm))
    return out


def dot_voting_story(data: MeetingInput, tr: Translator, width: float) -> list:
    out = blocks.title_block(data.programme.name, tr.gettext("Dot voting"), meeting_name(data, tr), data.foreign)
    out += [blocks.para(tr.ngettext(
        "Each participant places {n} dot beside the idea they most want the organisation to take up.",
        "Each participant places {n} dots beside the ideas they most want the organisation to take up.",
        DOTS).format(n=tr.number(DOTS, 0))), blocks.gap(6)]
    ideas = [e for e in sorted(data.entries, key=lambda e: e.position)
             if e.kind == EntryKind.IDEA and e.deleted_at is None]
    rows = [[f"{n}.", blocks.para(e.text, "cell"), ""] for n, e in enumerate(ideas, start=1)]
    if not rows:
        rows = [[f"{n}.", "", ""] for n in range(1, EMPTY_IDEAS + 1)]
    widths = [10 * mm, width - 10 * mm - 70 * mm, 70 * mm]
    out.append(blocks.data_table(["#", tr.gettext("Idea"), tr.gettext("Dots")], rows, widths, row_height=14 * mm))
    return out


def _poster_sheet() -> dict[str, ParagraphStyle]:
    """The document styles at poster size (the same names, so headings stay headings when tagged)."""
    base = styles.sheet()

    def big(name: str, size: float, parent: str = "", **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base[parent or name], fontSize=size, leading=size * 1.25, **kw)

    # "poster_…": not the prose styles, which keep to a reading measure: a poster uses its width
    return {"kicker": big("kicker", 18), "title": big("title", 54), "subtitle": big("poster_subtitle", 30, "subtitle"),
            "h1": big("h1", 30, spaceBefore=24, spaceAfter=12), "body": big("poster_body", 22, "cell")}


def poster_story(data: MeetingInput, tr: Translator, width: float) -> list:
    sheet = _poster_sheet()
    m = data.meeting
    when = ", ".join(x for x in (tr.date(m.date, "full"), time_range(tr, m.start_time, m.end_time)) if x)
    out = [blocks.Para(markup(data.programme.name), sheet["kicker"]),
           blocks.Para(markup(meeting_name(data, tr)), sheet["title"])]
    if when or m.venue:
        out.append(blocks.Para(markup(" · ".join(x for x in (when, m.venue) if x)), sheet["subtitle"]))
    out.append(blocks.Para(markup(tr.gettext("Agenda")), sheet["h1"]))
    timing = {t.item.id: t for t in data.timing.items}
    items = sorted(data.agenda, key=lambda i: i.position)
    if not items:
        out.append(blocks.Para(markup(tr.gettext("The agenda has no items yet.")), sheet["body"]))
    rows = []
    for item in items:
        timed = timing.get(item.id)
        rows.append([blocks.Para(markup(tr.time(timed.start) if timed else ""), sheet["body"]),
                     blocks.Para(markup(item.title), sheet["body"])])
    if rows:
        table = blocks.FlowTable(rows, colWidths=[45 * mm, width - 45 * mm], hAlign="LEFT")
        table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.5, styles.RULE),
                        ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])
        out.append(table)
    return out


def render_sign_in(data: MeetingInput, language: str) -> bytes:
    tr = translator(language)
    return render_meeting_pdf(data, tr, tr.gettext("Sign-in sheet"), tr.gettext("Sign-in sheet of a meeting"),
                              sign_in_story)


def render_dot_voting(data: MeetingInput, language: str) -> bytes:
    tr = translator(language)
    return render_meeting_pdf(data, tr, tr.gettext("Dot voting"), tr.gettext("Dot-voting sheet of a meeting"),
                              dot_voting_story)


def render_poster(data: MeetingInput, language: str) -> bytes:
    """The agenda as an A3 poster (portrait), in `language`."""
    tr = translator(language)
    styles.register_fonts()
    width = A3[0] - 2 * styles.MARGIN_X
    title = tr.gettext("Agenda poster")
    named = tr.gettext("{document} — {meeting}").format(document=title, meeting=meeting_name(data, tr))
    furniture = Furniture(programme=data.programme.name, organisation=party_label(data, tr), document=named,
                          page_label=page_label(tr), logo=data.programme.logo)
    meta = Metadata(title=named, author=data.programme.name, subject=tr.gettext("Agenda of a meeting as a poster"),
                    language=tr.language, date=data.data_date())
    return build_pdf(poster_story(data, tr, width), furniture, meta, size=A3)
