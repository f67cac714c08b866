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
from verkstad.documents.text import markup, unbroken
from verkstad.domain.model import PARTY_TITLES, REGISTER_NUMBER_TITLES, VersionStatus
from verkstad.i18n import N_, Translator, translator


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
    register_number: str = ""  # the organisation's, in the register of `country`
    country: str | None = None
    lead_partner: dict | None = None  # name, address, register_number, country
    people: dict = field(default_factory=dict)  # contact, signatory, team_contact, team_signatory: person or None
    comments_by: dt.date | None = None  # the request of a version sent for comment
    reply_to: dict | None = None  # name, title, email, phone, organisation
    logo: str = ""  # the team's logo as the programme has it now (page furniture, not part of the contract)
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


# -- the parts the PDF and the Word document share, as plain text -----------------------------


def register_text(tr: Translator, number: str, country: str | None) -> str:
    """E.g. "CVR number 29189846": the number with what its country's register calls it."""
    if not number:
        return ""
    label = REGISTER_NUMBER_TITLES.get(country or "", N_("Registration number"))
    return tr.gettext("{label} {number}").format(label=tr.gettext(label), number=unbroken(number))


def reach_text(person: dict) -> str:
    """E-mail and phone of a person, as one line."""
    return " · ".join(x for x in (person.get("email", ""), unbroken(person.get("phone", ""))) if x)


def section(data: AgreementInput, key: str) -> int | None:
    """The number a clause prints with."""
    keys = [c.key for c in data.clauses]
    return keys.index(key) + 1 if key in keys else None


def request_text(data: AgreementInput, tr: Translator) -> list[str]:
    """What page 1 of a version out for comment asks of its reader: by when, to whom, and how
    to approve; empty for a draft, an approved version, and a version sent before Verkstad
    asked for a date and a person (it went out without a request and prints as it went)."""
    if data.status not in (VersionStatus.SENT, VersionStatus.COMMENTED):
        return []
    if data.comments_by is None and data.reply_to is None:
        return []
    person = data.reply_to  # "nobody named": the advisory team, as the sender chose
    values = {"organisation": data.organisation, "number": data.number,
              "date": unbroken(tr.date(data.comments_by, "long")) if data.comments_by else "",
              "name": person.get("name", "") if person else ""}
    if data.comments_by and person:
        ask = tr.gettext("{organisation} is asked to send its comments on this version by {date} to {name}.")
    elif data.comments_by:
        ask = tr.gettext("{organisation} is asked to send its comments on this version to the advisory team "
                         "by {date}.")
    elif person:
        ask = tr.gettext("{organisation} is asked to send its comments on this version to {name}.")
    else:
        ask = tr.gettext("{organisation} is asked to send its comments on this version to the advisory team.")
    out = [ask.format(**values)]
    if person:
        who = ", ".join(x for x in (person.get("name", ""), person.get("title", ""), person.get("organisation", ""))
                        if x)
        out.append(" · ".join(x for x in (who, reach_text(person)) if x))
    signatures = section(data, "signatures")
    if signatures is not None and person:
        approve = tr.gettext("To approve the agreement, {organisation} signs it under section {section} and returns "
                             "it to {name}, or confirms by e-mail that it approves version {number}.")
    elif signatures is not None:
        approve = tr.gettext("To approve the agreement, {organisation} signs it under section {section} and returns "
                             "it to the advisory team, or confirms by e-mail that it approves version {number}.")
    else:
        approve = tr.gettext("To approve the agreement, {organisation} confirms by e-mail that it approves "
                             "version {number}.")
    out.append(approve.format(**values, section=signatures))
    return out


def party_columns(data: AgreementInput, tr: Translator) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The two parties as lines of (text, style): the organisation, its register number and
    address; the advisory team's lead partner likewise, then the other partners."""
    left = [(data.organisation, "bold"), (register_text(tr, data.register_number, data.country), "plain"),
            (data.address, "plain")]
    right: list[tuple[str, str]] = []
    lead = data.lead_partner
    others = list(data.partners)
    if lead:
        right += [(lead.get("name", ""), "bold"), (tr.gettext("Lead partner"), "small"),
                  (register_text(tr, lead.get("register_number", ""), lead.get("country")), "plain"),
                  (lead.get("address", ""), "plain")]
        others = [p for p in others if p != lead.get("name")]
        if others:
            right.append((tr.gettext("with {partners}").format(partners=tr.list(others)), "plain"))
    else:
        right += [(p, "plain") for p in others] or [("–", "plain")]
    return [x for x in left if x[0]], [x for x in right if x[0]]


def contact_columns(data: AgreementInput, tr: Translator) -> list[tuple[str, dict]]:
    """The named contact person of each side, with the caption above them."""
    out = []
    for key, caption in (("contact", tr.gettext("Contact person of {name}").format(name=data.organisation)),
                         ("team_contact", tr.gettext("Contact person of the advisory team"))):
        person = data.people.get(key)
        if person:
            out.append((caption, person))
    return out


def other_contacts(data: AgreementInput) -> list[dict]:
    """The contacts table's rows: everyone but the named contact persons."""
    named = {(p.get("name"), p.get("email")) for p in (data.people.get("contact"), data.people.get("team_contact"))
             if p}
    return [c for c in data.contacts if (c.get("name"), c.get("email")) not in named]


@dataclass
class SignatureColumn:
    label: str  # "For Nordhavn Kommune"
    name: str  # the signatory's printed name, or ""
    title: str
    approved: str  # on an approved version: "Approved on 1 April 2027 by …"; else ""


def signature_columns(data: AgreementInput, tr: Translator) -> list[SignatureColumn]:
    """The organisation's column and the team's: who signs, and on an approved version when
    and by whom it was approved instead of lines to sign on."""
    approved = data.status == VersionStatus.APPROVED and data.approved_on is not None
    org_signatory = data.people.get("signatory") or {}
    team_signatory = data.people.get("team_signatory") or {}
    lead = (data.lead_partner or {}).get("name", "")
    team_label = (tr.gettext("For the advisory team, {lead}").format(lead=lead) if lead
                  else tr.gettext("For the advisory team"))
    when = tr.date(data.approved_on, "long") if approved else ""
    org_name, org_title = org_signatory.get("name", ""), org_signatory.get("title", "")
    if approved and data.approved_by and data.approved_by != org_name:  # who approved, not who was to sign
        org_name, org_title = data.approved_by, ""
    return [
        SignatureColumn(tr.gettext("For {name}").format(name=data.organisation), org_name, org_title,
                        tr.gettext("Approved on {date}.").format(date=when) if approved else ""),
        SignatureColumn(team_label, team_signatory.get("name", ""), team_signatory.get("title", ""),
                        tr.gettext("Approved on {date}.").format(date=when) if approved else ""),
    ]


@dataclass
class Part:
    """One paragraph or bullet of a clause, with its sub-clause number ("4.2") or "" for none."""

    label: str
    text: str
    bullet: bool


def clause_parts(number: int, text: str) -> list[Part]:
    """A clause's text as it prints: paragraphs split by blank lines, "- " lines as bullets, and
    numbered sub-clauses (4.1, 4.2, ...) so that comments can point at one. A clause of a single
    paragraph has no sub-clauses; a paragraph ending in ":" introduces the list after it and
    takes no number of its own."""
    parts: list[Part] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        plain: list[str] = []
        for line in block.split("\n"):
            if line.lstrip().startswith(("- ", "• ")):
                if plain:
                    parts.append(Part("", "\n".join(plain), False))
                    plain = []
                parts.append(Part("", line.lstrip()[2:], True))
            elif line.strip() or plain:
                plain.append(line)
        if any(p.strip() for p in plain):
            parts.append(Part("", "\n".join(plain).strip("\n"), False))
    if len(parts) < 2:
        return parts
    n = 0
    for i, part in enumerate(parts):
        introduces = (not part.bullet and part.text.rstrip().endswith(":") and i + 1 < len(parts)
                      and parts[i + 1].bullet)
        if not introduces:
            n += 1
            part.label = f"{number}.{n}"
    return parts


def _clause_body(number: int, text: str) -> list:
    out: list = []
    for part in clause_parts(number, text):
        if part.bullet:
            out.append(blocks.rich(markup(part.text), "numbered_item", part.label) if part.label
                       else blocks.rich(markup(part.text), "item", "•"))
        elif part.label:
            out.append(blocks.rich(markup(part.text), "numbered", part.label))
        else:
            out.append(blocks.para(part.text))
    return out


def _hours(tr: Translator, value) -> str:
    from verkstad.documents.plan import hours

    return hours(tr, float(value or 0))


def _table_after(key: str, data: AgreementInput, tr: Translator, width: float) -> list:
    if key == "parties":
        styled = {"bold": "cell_bold", "plain": "cell", "small": "cell_small"}
        left_lines, right_lines = party_columns(data, tr)
        left = [blocks.para(tr.gettext("The organisation"), "label")]
        left += [blocks.para(text, styled[style]) for text, style in left_lines]
        right = [blocks.para(tr.gettext("The advisory team"), "label")]
        right += [blocks.para(text, styled[style]) for text, style in right_lines]
        table = blocks.FlowTable([[left, right]], colWidths=[width / 2, width / 2], hAlign="LEFT", layout=True)
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
        rows = [[f"{n}.", p.get("title", ""), tr.date(_date(p.get("start")), "short"),
                 tr.date(_date(p.get("end")), "short")] for n, p in enumerate(data.phases, start=1)]
        return [blocks.data_table([
            # Translators: column header for the phase number.
            tr.gettext("#"), tr.gettext("Phase"), tr.gettext("From"), tr.gettext("To")], rows,
                                  [8 * mm, width - 8 * mm - 60 * mm, 30 * mm, 30 * mm])]
    if key == "contacts":
        out: list = []
        named = contact_columns(data, tr)
        if named:
            cells = []
            for caption, person in named:
                cell = [blocks.para(caption, "label"), blocks.para(person.get("name", ""), "cell_bold")]
                cell += [blocks.para(x, "cell") for x in (person.get("title", ""), person.get("organisation", ""),
                                                          reach_text(person)) if x]
                cells.append(cell)
            cells += [[]] * (2 - len(cells))
            table = blocks.FlowTable([cells], colWidths=[width / 2, width / 2], hAlign="LEFT", layout=True)
            table.setStyle(styles.facts_style())
            out += [blocks.gap(2), table, blocks.gap(6)]
        others = other_contacts(data)
        if not others:
            return out
        if named:
            out.append(blocks.para(tr.gettext("Other contacts"), "h2"))
        rows = []
        for c in others:
            reach = "\n".join(x for x in (c.get("email", ""), c.get("phone", "")) if x)
            rows.append([[blocks.para(c.get("name", ""), "cell_bold"), blocks.para(c.get("title", ""), "cell_small")],
                         c.get("organisation", ""), reach])
        return [*out, blocks.data_table([tr.gettext("Name"), tr.gettext("Organisation"), tr.gettext("Contact")],
                                        rows, [width * 0.34, width * 0.33, width * 0.33])]
    if key == "signatures":
        return _signatures(data, tr, width)
    return []


def _signatures(data: AgreementInput, tr: Translator, width: float):
    """Two columns, the organisation's and the team's: lines to sign on above each
    signatory's printed name and title, or on an approved version the approval itself."""
    from reportlab.platypus import TableStyle

    col, gutter, blank = (width - 14 * mm) / 2, 14 * mm, 30
    columns = signature_columns(data, tr)
    rows: list[list] = [[blocks.para(columns[0].label, "label"), "", blocks.para(columns[1].label, "label")]]
    heights: list[float | None] = [None]
    cmds: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]

    def person(c: SignatureColumn) -> list:
        return [blocks.para(c.name, "cell_bold")] + ([blocks.para(c.title, "cell")] if c.title else [])

    if columns[0].approved:  # approved: say so, with who signed, and leave no empty lines
        rows.append([[blocks.para(columns[0].approved, "body"), *person(columns[0])], "",
                     [blocks.para(columns[1].approved, "body"), *(person(columns[1]) if columns[1].name else [])]])
        heights.append(None)
    else:
        for caption in (tr.gettext("Place and date"), tr.gettext("Signature")):
            rows += [["", "", ""], [blocks.para(caption, "cell_small"), "", blocks.para(caption, "cell_small")]]
            heights += [blank, None]
            r = len(rows) - 1
            cmds += [("LINEABOVE", (0, r), (0, r), 0.6, styles.TEXT), ("LINEABOVE", (2, r), (2, r), 0.6, styles.TEXT)]
        names = [person(c) if c.name else [blocks.para(tr.gettext("Name in block capitals"), "cell_small")]
                 for c in columns]
        unnamed = [i * 2 for i, c in enumerate(columns) if not c.name]
        rows += [["", "", ""], [names[0], "", names[1]]]
        heights += [blank if unnamed else 8, None]
        r = len(rows) - 1
        cmds += [("LINEABOVE", (c, r), (c, r), 0.6, styles.TEXT) for c in unnamed]
    table = blocks.FlowTable(rows, colWidths=[col, gutter, col], rowHeights=heights, hAlign="LEFT", layout=True)
    table.setStyle(TableStyle(cmds))
    return [blocks.gap(8), table]


def status_text(tr: Translator, status: str) -> str:
    """The state a version prints on its first page (the unsent draft is just a draft: it is
    the page about to be sent)."""
    titles: dict[str, str] = {
        VersionStatus.DRAFT: tr.gettext("Draft"),
        VersionStatus.SENT: tr.gettext("Sent for comment"),
        VersionStatus.COMMENTED: tr.gettext("Comments received"),
        VersionStatus.APPROVED: tr.gettext("Approved"),
    }
    return titles.get(status, status)


def first_page_facts(data: AgreementInput, tr: Translator) -> list[tuple[str, str]]:
    """Version, state and date (and the approval) under the title: the PDF and Word print the same."""
    facts = [(tr.gettext("Version"), tr.number(data.number, 0)), (tr.gettext("Status"), status_text(tr, data.status)),
             (tr.gettext("Date"), tr.date(data.date, "long"))]
    if data.status in (VersionStatus.SENT, VersionStatus.COMMENTED) and data.comments_by:
        facts.append((tr.gettext("Comments by"), tr.date(data.comments_by, "long")))
    if data.status == VersionStatus.APPROVED and data.approved_on:
        facts.append((tr.gettext("Approved"), tr.gettext("{date} by {name}").format(
            date=tr.date(data.approved_on, "long"), name=data.approved_by)))
    return facts


def _request_box(data: AgreementInput, tr: Translator, width: float) -> list:
    from reportlab.platypus import TableStyle

    lines = request_text(data, tr)
    if not lines:
        return []
    cell = [blocks.para(tr.gettext("Request for comments"), "h2"), *(blocks.para(line, "body") for line in lines)]
    box = blocks.FlowTable([[cell]], colWidths=[width], hAlign="LEFT", layout=True)
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), styles.ACCENT_LIGHT),
                             ("LINEBEFORE", (0, 0), (0, -1), 2, styles.ACCENT),
                             ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                             ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return [blocks.gap(4), box, blocks.gap(4)]


def story(data: AgreementInput, tr: Translator, width: float) -> list:
    out = blocks.title_block(data.programme, tr.gettext("Cooperation agreement"), data.organisation)
    out += [blocks.facts(first_page_facts(data, tr), width, 44 * mm), blocks.gap(4), *_request_box(data, tr, width)]
    for number, clause in enumerate(data.clauses, start=1):
        heading = blocks.para(f"{number}. {clause.title}", "h1")
        heading.outline = f"{number}. {clause.title}"  # a PDF bookmark
        body = _clause_body(number, clause.text)
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
        logo=data.logo,
    )
    meta = Metadata(title=f"{title}: {data.organisation}", author=data.programme,
                    subject=version_line(data, tr), language=language, date=data.stamp)
    return build_pdf(story(data, tr, width), furniture, meta)
