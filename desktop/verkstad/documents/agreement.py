"""The cooperation agreement as a PDF: parties, clauses, the team's effort from the activity
plan, timeline, contacts and signatures, with a draft watermark until the version is approved
and the version and its date on every page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether

from verkstad.documents import blocks, styles
from verkstad.documents.pages import Furniture, Metadata, build_pdf, page_label
from verkstad.documents.text import markup
from verkstad.domain.model import PARTY_TITLES, VersionStatus
from verkstad.i18n import Translator, translator


@dataclass
class ClauseText:
    key: str
    title: str  # translated
    text: str  # as printed; paragraphs split by blank lines, "- " lines are bullets


@dataclass
class AgreementInput:
    """An agreement as printed: a frozen version's snapshot, or the current draft."""

    programme: str
    organisation: str
    address: str
    partners: list[str]
    clauses: list[ClauseText]
    activities: list[dict]  # snapshot rows: title, responsible, team_hours, org_hours, start_date, deadline
    phases: list[dict]  # title, start, end (ISO dates)
    contacts: list[dict]  # name, title, organisation, email, phone, side
    number: int  # the version number (for the draft: the number it will get)
    status: str  # a VersionStatus; DRAFT for the unsent working copy
    date: dt.date  # sent on, or the draft's date
    stamp: dt.datetime  # the PDF's creation date
    approved_on: dt.date | None = None
    approved_by: str = ""
    comments_on: dt.date | None = None
    extra: dict = field(default_factory=dict)


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def version_line(data: AgreementInput, tr: Translator) -> str:
    """E.g. "Version 2, sent for comment 3 March 2027"; printed on every page."""
    if data.status == VersionStatus.APPROVED and data.approved_on:
        return tr.gettext("Version {number}, approved {date}").format(
            number=data.number, date=tr.date(data.approved_on, "long"))
    if data.status == VersionStatus.DRAFT:
        return tr.gettext("Draft of version {number}, {date}").format(
            number=data.number, date=tr.date(data.date, "long"))
    return tr.gettext("Version {number}, sent for comment {date}").format(
        number=data.number, date=tr.date(data.date, "long"))


def _clause_body(text: str) -> list:
    out: list = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = block.split("\n")
        plain: list[str] = []
        for line in lines:
            if line.lstrip().startswith(("- ", "• ")):
                if plain:
                    out.append(blocks.para("\n".join(plain)))
                    plain = []
                out.append(blocks.rich(markup(line.lstrip()[2:]), "item", "•"))
            elif line.strip() or plain:
                plain.append(line)
        if any(p.strip() for p in plain):
            out.append(blocks.para("\n".join(plain).strip("\n")))
    return out


def _hours(tr: Translator, value) -> str:
    from babel.numbers import format_decimal

    return format_decimal(float(value or 0), format="#,##0.0", locale=tr.locale)


def _table_after(key: str, data: AgreementInput, tr: Translator, width: float) -> list:
    if key == "parties":
        left = [blocks.para(tr.gettext("The organisation"), "label"), blocks.para(data.organisation, "cell_bold")]
        if data.address:
            left.append(blocks.para(data.address, "cell"))
        right = [blocks.para(tr.gettext("The advisory team"), "label")]
        right += [blocks.para(p, "cell") for p in data.partners] or [blocks.para("–", "cell")]
        table = blocks.FlowTable([[left, right]], colWidths=[width / 2, width / 2], hAlign="LEFT")
        table.setStyle(styles.facts_style())
        return [blocks.gap(2), table]
    if key == "team_effort":
        if not data.activities:
            return [blocks.para(tr.gettext("No activities have been planned yet."), "muted")]
        rows = []
        for n, a in enumerate(data.activities, start=1):
            dates = [x for x in (tr.date(_date(a.get("start_date")), "short"),
                                 tr.date(_date(a.get("deadline")), "short")) if x]
            period = " –\n".join(dates)
            responsible = a.get("responsible") or ""
            rows.append([f"{n}.", [blocks.para(a.get("title", ""), "cell_bold")]
                         + ([blocks.para(a["description"], "cell_small")] if a.get("description") else []),
                         tr.gettext(PARTY_TITLES.get(responsible, responsible)),
                         period, _hours(tr, a.get("team_hours")), _hours(tr, a.get("org_hours"))])
        team = sum(float(a.get("team_hours") or 0) for a in data.activities)
        own = sum(float(a.get("org_hours") or 0) for a in data.activities)
        fixed = [8 * mm, 30 * mm, 24 * mm, 20 * mm, 20 * mm]
        widths = [fixed[0], width - sum(fixed), *fixed[1:]]
        return [blocks.data_table(
            [
                # Translators: column header for the activity number ("Nr." in Danish).
                tr.gettext("#"), tr.gettext("Activity"), tr.gettext("Responsible"), tr.gettext("Period"),
             tr.gettext("Team hours"), tr.gettext("Org. hours")], rows, widths, right=(4, 5),
            total=["", tr.gettext("Total"), "", "", _hours(tr, team), _hours(tr, own)])]
    if key == "timeline":
        if not data.phases:
            return []
        rows = [[f"{n}.", p.get("title", ""), tr.date(_date(p.get("start")), "medium"),
                 tr.date(_date(p.get("end")), "medium")] for n, p in enumerate(data.phases, start=1)]
        return [blocks.data_table([
            # Translators: column header for the phase number.
            tr.gettext("#"), tr.gettext("Phase"), tr.gettext("From"), tr.gettext("To")], rows,
                                  [8 * mm, width - 8 * mm - 60 * mm, 30 * mm, 30 * mm])]
    if key == "contacts":
        if not data.contacts:
            return []
        rows = []
        for c in data.contacts:
            reach = "\n".join(x for x in (c.get("email", ""), c.get("phone", "")) if x)
            rows.append([[blocks.para(c.get("name", ""), "cell_bold"), blocks.para(c.get("title", ""), "cell_small")],
                         c.get("organisation", ""), reach])
        return [blocks.data_table([tr.gettext("Name"), tr.gettext("Organisation"), tr.gettext("Contact")], rows,
                                  [width * 0.34, width * 0.33, width * 0.33])]
    if key == "signatures":
        return _signatures(data, tr, width)
    return []


def _signatures(data: AgreementInput, tr: Translator, width: float):
    """Two columns, the organisation's and the team's, each with lines to sign on."""
    from reportlab.platypus import TableStyle

    col, gutter, blank = (width - 14 * mm) / 2, 14 * mm, 30
    captions = [tr.gettext("Place and date"), tr.gettext("Signature"), tr.gettext("Name in block capitals")]
    rows = [[blocks.para(tr.gettext("For {name}").format(name=data.organisation), "label"), "",
             blocks.para(tr.gettext("For the advisory team"), "label")]]
    heights: list[float | None] = [None]
    cmds: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
    for caption in captions:
        rows += [["", "", ""], [blocks.para(caption, "cell_small"), "", blocks.para(caption, "cell_small")]]
        heights += [blank, None]
        r = len(rows) - 1
        cmds += [("LINEABOVE", (0, r), (0, r), 0.6, styles.TEXT), ("LINEABOVE", (2, r), (2, r), 0.6, styles.TEXT)]
    table = blocks.FlowTable(rows, colWidths=[col, gutter, col], rowHeights=heights, hAlign="LEFT")
    table.setStyle(TableStyle(cmds))
    out = [blocks.gap(8), table]
    if data.status == VersionStatus.APPROVED and data.approved_on:
        out.insert(0, blocks.para(tr.gettext("Approved on {date} by {name}.").format(
            date=tr.date(data.approved_on, "long"), name=data.approved_by), "body"))
    return out


def story(data: AgreementInput, tr: Translator, width: float) -> list:
    out = blocks.title_block(data.programme, tr.gettext("Cooperation agreement"), data.organisation)
    titles: dict[str, str] = {
        VersionStatus.DRAFT: tr.gettext("Draft, not yet sent"),
        VersionStatus.SENT: tr.gettext("Sent for comment"),
        VersionStatus.COMMENTED: tr.gettext("Comments received"),
        VersionStatus.APPROVED: tr.gettext("Approved"),
    }
    status = titles.get(data.status, data.status)
    facts = [(tr.gettext("Version"), tr.number(data.number, 0)), (tr.gettext("Status"), status),
             (tr.gettext("Date"), tr.date(data.date, "long"))]
    if data.status == VersionStatus.APPROVED and data.approved_on:
        facts.append((tr.gettext("Approved"), tr.gettext("{date} by {name}").format(
            date=tr.date(data.approved_on, "long"), name=data.approved_by)))
    out += [blocks.facts(facts, width, 32 * mm), blocks.gap(4)]
    for number, clause in enumerate(data.clauses, start=1):
        heading = blocks.para(f"{number}. {clause.title}", "h1")
        body = _clause_body(clause.text)
        extra = _table_after(clause.key, data, tr, width)
        if extra:  # a clause introducing a table starts on a new page unless its start fits
            out.append(CondPageBreak(45 * mm))
        if clause.key == "signatures":  # the approval text and the lines to sign on stay together
            out.append(KeepTogether([heading, *body, *extra]))
        else:
            out += [heading, *body, *extra]
    return out


def render(data: AgreementInput, language: str) -> bytes:
    """The agreement as PDF bytes, in `language`."""
    tr = translator(language)
    styles.register_fonts()
    from reportlab.lib.pagesizes import A4

    width = A4[0] - 2 * styles.MARGIN_X
    title = tr.gettext("Cooperation agreement")
    furniture = Furniture(
        programme=data.programme, organisation=data.organisation, document=title,
        page_label=page_label(tr), version_line=version_line(data, tr),
        watermark="" if data.status == VersionStatus.APPROVED else tr.pgettext("watermark", "DRAFT"),
    )
    meta = Metadata(title=f"{title}: {data.organisation}", author=data.programme,
                    subject=version_line(data, tr), language=language, date=data.stamp)
    return build_pdf(story(data, tr, width), furniture, meta)
