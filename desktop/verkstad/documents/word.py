"""The agreement and the activity plan as Word documents (python-docx), for organisations
that comment in Word: Word's own styles (title, headings, bullets, tables with a repeated
header row), the document's title and language set, "DRAFT" in the header until approved,
and each clause wrapped in a bookmark naming the clause and the version, so that the
comments and edits that come back can be read clause by clause (`documents.word_read`).

The agreement prints what its PDF prints (`documents.agreement.AgreementInput`)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from verkstad.documents.agreement import (
    AgreementInput,
    _date,
    clause_parts,
    contact_columns,
    first_page_facts,
    other_contacts,
    party_columns,
    reach_text,
    request_text,
    signature_columns,
    version_line,
)
from verkstad.documents.plan import PlanInput, agreement_line, groups_of, hours, is_draft, summary_facts
from verkstad.domain.model import ACTIVITY_STATUS_TITLES, IMPACT_TITLES, PARTY_TITLES, VersionStatus
from verkstad.domain.rules import is_late
from verkstad.i18n import Translator, translator

# The language tags Word writes for the five languages.
WORD_LANGUAGES = {"da": "da-DK", "sv": "sv-SE", "fi": "fi-FI", "nb": "nb-NO", "en": "en-GB"}
# A clause's bookmark: "vk3_team_effort" is clause team_effort of version 3. Word allows
# letters, digits and "_" (40 at most), starting with a letter.
BOOKMARK = re.compile(r"^vk(\d{1,6})_([a-z_]{1,30})$")
IDENTIFIER = "verkstad-agreement"  # the core property `identifier`: verkstad-agreement:<id>:<org id>:<version>
PLAN_IDENTIFIER = "verkstad-plan"
SUB_CLAUSE = re.compile(r"^\d{1,3}\.\d{1,3}\t")  # "4.2" and a tab: a sub-clause's number, not its text
SUB_CLAUSE_STYLE = "Sub-clause"
SUB_CLAUSE_ITEM_STYLE = "List Sub-clause"

# What XML 1.0 cannot hold (python-docx refuses it): C0 controls but tab, line feed, carriage
# return; lone surrogates; U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text as Word can hold it: characters XML refuses are dropped."""
    return _NOT_XML.sub("", text or "")


def bookmark_name(version: int, key: str) -> str:
    return f"vk{version}_{key}"


def identifier(kind: str, *parts: object) -> str:
    return ":".join([kind, *(str(p) for p in parts)])


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _element(tag: str, **attrs: str):
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(_qn(f"w:{name}"), value)
    return el


class _Writer:
    """One Word document being written; bookmarks numbered as they are opened."""

    def __init__(self, language: str, title: str, *, landscape: bool = False) -> None:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm, Pt

        self.tr = translator(language)
        self.doc = Document()
        self._bookmarks = 0
        props = self.doc.core_properties
        props.title = clean(title)
        props.language = WORD_LANGUAGES.get(language, language)
        props.author = ""
        props.last_modified_by = ""
        props.comments = ""
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(10.5)
        rpr = normal.element.get_or_add_rPr()
        lang = _element("w:lang", val=WORD_LANGUAGES.get(language, language))
        rpr.append(lang)
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2.0 if landscape else 2.5))
        from docx.enum.style import WD_STYLE_TYPE

        # Numbered sub-clauses ("4.2", a tab, the text) hang their number; a list item among
        # them keeps a "List" style, which is how `word_read` knows it for a bullet.
        for name, after in ((SUB_CLAUSE_STYLE, 6), (SUB_CLAUSE_ITEM_STYLE, 2)):
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            fmt = style.paragraph_format
            fmt.left_indent, fmt.first_line_indent = Cm(1.27), Cm(-1.27)
            fmt.space_after = Pt(after)
            fmt.tab_stops.add_tab_stop(Cm(1.27))

    # -- page furniture -----------------------------------------------------------------

    def furniture(self, header: str, footer: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        section = self.doc.sections[0]
        head = section.header.paragraphs[0]
        head.text = clean(header)
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if header:
            for run in head.runs:
                run.bold = True
        foot = section.footer.paragraphs[0]
        foot.text = clean(footer) + " · "
        page = _element("w:fldSimple", instr="PAGE")
        run = _element("w:r")
        text = _element("w:t")
        text.text = "1"
        run.append(text)
        page.append(run)
        foot._p.append(page)

    # -- content ------------------------------------------------------------------------

    def heading(self, text: str, level: int):
        return self.doc.add_heading(clean(text), level)

    def para(self, text: str, style: str | None = None, *, bold: bool = False, italic: bool = False):
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(clean(text))
            run.bold = bold or None
            run.italic = italic or None
        return paragraph

    def body(self, number: int, text: str) -> list:
        """A clause's text as the PDF prints it (`agreement.clause_parts`): paragraphs, bullets,
        and the sub-clause numbers as a first run followed by a tab (`word_read` takes them off)."""
        out = []
        for part in clause_parts(number, text):
            if part.label:
                paragraph = self.para("", SUB_CLAUSE_ITEM_STYLE if part.bullet else SUB_CLAUSE_STYLE)
                paragraph.add_run(part.label + "\t")
                paragraph.add_run(clean(part.text))
            else:
                paragraph = self.para(part.text, "List Bullet" if part.bullet else None)
            out.append(paragraph)
        return out

    def table(self, header: list[str] | None, rows: Iterable[list], *, widths: list[float] | None = None,
              caption: str = "", right: tuple[int, ...] = (), total: list[str] | None = None):
        """A table in Word's grid style; the header row repeats on every page."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        rows = list(rows)
        columns = len(header) if header else len(rows[0])
        table = self.doc.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        lines = ([header] if header else []) + rows + ([total] if total else [])
        for n, values in enumerate(lines):
            cells = table.add_row().cells
            for i, value in enumerate(values):
                cell = cells[i]
                parts = value if isinstance(value, list) else [value]
                first = True
                for part in parts:
                    text, bold = (part if isinstance(part, tuple) else (part, False))
                    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
                    first = False
                    run = paragraph.add_run(clean(str(text)))
                    run.font.size = Pt(9)
                    if bold or (header and n == 0) or (total and n == len(lines) - 1):
                        run.bold = True
                    if i in right:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for row in table.rows:  # a row is never split over two pages
            row._tr.get_or_add_trPr().append(_element("w:cantSplit", val="true"))
        if header:
            table.rows[0]._tr.get_or_add_trPr().append(_element("w:tblHeader", val="true"))
        if widths:  # Word reads the cells' widths, LibreOffice the grid's
            table.autofit = False
            for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=False):
                col.w = Cm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=False):
                    cell.width = Cm(width)
        if caption:
            table._tbl.tblPr.append(_element("w:tblCaption", val=clean(caption)))
        return table

    def mark(self, name: str, first, last) -> None:
        """Wrap everything from paragraph `first` to paragraph `last` in a bookmark."""
        self._bookmarks += 1
        number = str(self._bookmarks)
        start = _element("w:bookmarkStart", id=number, name=name)
        p = first._p
        p.insert(1 if p.pPr is not None else 0, start)
        last._p.append(_element("w:bookmarkEnd", id=number))

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _agreement_table(w: _Writer, key: str, data: AgreementInput) -> object | None:
    """The table a clause introduces, as in the PDF; None for the clauses without one."""
    tr = w.tr
    if key == "parties":
        left_lines, right_lines = party_columns(data, tr)
        left: list = [(text, style == "bold") for text, style in left_lines]
        right: list = [(text, style == "bold") for text, style in right_lines]
        return w.table([tr.gettext("The organisation"), tr.gettext("The advisory team")], [[left, right]],
                       widths=[8.0, 8.0], caption=tr.gettext("Parties"))
    if key == "team_effort":
        if not data.activities:
            return w.para(tr.gettext("No activities have been planned yet."), italic=True)
        rows = []
        for n, a in enumerate(data.activities, start=1):
            dates = [x for x in (tr.date(_date(a.get("start_date")), "short"),
                                 tr.date(_date(a.get("deadline")), "short")) if x]
            cell: list = [(a.get("title", ""), True)] + ([a["description"]] if a.get("description") else [])
            responsible = a.get("responsible") or ""
            rows.append([f"{n}.", cell, tr.gettext(PARTY_TITLES.get(responsible, responsible)), " – ".join(dates),
                         _hours(tr, a.get("team_hours")), _hours(tr, a.get("org_hours"))])
        team = sum(float(a.get("team_hours") or 0) for a in data.activities)
        own = sum(float(a.get("org_hours") or 0) for a in data.activities)
        return w.table([tr.gettext("#"), tr.gettext("Activity"), tr.gettext("Responsible"), tr.gettext("Period"),
                        tr.gettext("Team hours"), tr.gettext("Org. hours")], rows,
                       widths=[1.1, 6.2, 2.8, 2.5, 1.7, 1.7], right=(4, 5),
                       caption=tr.gettext("Activity plan"),
                       total=["", tr.gettext("Total"), "", "", _hours(tr, team), _hours(tr, own)])
    if key == "timeline":
        if not data.phases:
            return None
        rows = [[f"{n}.", p.get("title", ""), tr.date(_date(p.get("start")), "medium"),
                 tr.date(_date(p.get("end")), "medium")] for n, p in enumerate(data.phases, start=1)]
        return w.table([tr.gettext("#"), tr.gettext("Phase"), tr.gettext("From"), tr.gettext("To")], rows,
                       widths=[1.1, 8.9, 3.0, 3.0], caption=tr.gettext("Timeline"))
    if key == "contacts":
        named = contact_columns(data, tr)
        if named:
            cells = [[(caption, True), (person.get("name", ""), True),
                      *(x for x in (person.get("title", ""), person.get("organisation", ""), reach_text(person)) if x)]
                     for caption, person in named]
            table = w.table(None, [cells + [[""]] * (2 - len(cells))], widths=[8.0, 8.0])
        others = other_contacts(data)
        if not others:
            return table if named else None
        if named:
            w.para("")  # two tables in a row are one table to Word
        rows = []
        for c in others:
            who: list = [(c.get("name", ""), True)] + ([c["title"]] if c.get("title") else [])
            reach = [x for x in (c.get("email", ""), c.get("phone", "")) if x] or [""]
            rows.append([who, c.get("organisation", ""), reach])
        return w.table([tr.gettext("Name"), tr.gettext("Organisation"), tr.gettext("Contact")], rows,
                       widths=[5.4, 5.3, 5.3],
                       caption=tr.gettext("Other contacts") if named else tr.gettext("Contact persons"))
    if key == "signatures":
        cols = []
        for column in signature_columns(data, tr):
            lines: list = [(column.label, True)]
            if column.approved:
                lines += [column.approved, *(([(column.name, True)] + ([column.title] if column.title else []))
                                            if column.name else [])]
            else:
                for caption in (tr.gettext("Place and date"), tr.gettext("Signature")):
                    lines += ["", "", "______________________________", caption]
                if column.name:
                    lines += ["", (column.name, True)] + ([column.title] if column.title else [])
                else:
                    lines += ["", "", "______________________________", tr.gettext("Name in block capitals")]
            cols.append(lines)
        return w.table(None, [cols], widths=[8.0, 8.0], caption=tr.gettext("Approval"))
    return None


def _hours(tr: Translator, value) -> str:
    return hours(tr, float(value or 0))


def agreement_docx(data: AgreementInput, language: str, *, agreement_id: str, organisation_id: str) -> bytes:
    """The agreement as .docx bytes, in `language`; its clauses carry bookmarks of this version."""
    tr = translator(language)
    title = tr.gettext("Cooperation agreement")
    w = _Writer(language, f"{title}: {data.organisation}")
    props = w.doc.core_properties
    props.subject = clean(version_line(data, tr))
    props.identifier = identifier(IDENTIFIER, agreement_id, organisation_id, data.number)
    props.version = str(data.number)
    props.category = clean(data.programme)
    draft = data.status != VersionStatus.APPROVED
    w.furniture(tr.pgettext("watermark", "DRAFT") if draft else "", version_line(data, tr))
    w.heading(title, 0)
    w.para(f"{data.organisation} · {data.programme}", "Subtitle")
    facts = first_page_facts(data, tr)
    w.table(None, [[(label, True), value] for label, value in facts], widths=[4.0, 12.0])
    request = request_text(data, tr)
    if request:
        w.heading(tr.gettext("Request for comments"), 2)
        for line in request:
            w.para(line)
    w.para("")  # LibreOffice drops a bookmark that starts right after a table
    for number, clause in enumerate(data.clauses, start=1):
        heading = w.heading(f"{number}. {clause.title}", 1)
        last = heading
        body = w.body(number, clause.text)
        if body:
            last = body[-1]
        table = _agreement_table(w, clause.key, data)
        if table is not None and not hasattr(table, "runs"):  # a table: the bookmark ends after it
            last = w.para("")
        elif table is not None:
            last = table
        w.mark(bookmark_name(data.number, clause.key), heading, last)
    return w.bytes()


def plan_docx(data: PlanInput, language: str) -> bytes:
    """The activity plan as .docx bytes, on landscape pages, as its PDF."""
    tr = translator(language)
    org, programme = data.organisation, data.programme
    title = tr.gettext("Activity plan")
    w = _Writer(language, f"{title}: {org.name}", landscape=True)
    w.doc.core_properties.identifier = identifier(PLAN_IDENTIFIER, org.id)
    w.doc.core_properties.category = clean(programme.name)
    w.furniture(tr.pgettext("watermark", "DRAFT") if is_draft(data) else "", agreement_line(data, tr))
    activities = sorted(data.activities, key=lambda a: a.position)
    team = sum(a.team_hours or 0 for a in activities)
    own = sum(a.org_hours or 0 for a in activities)
    w.heading(title, 0)
    w.para(f"{org.name} · {programme.name}", "Subtitle")
    facts = summary_facts(data, tr)
    w.table(None, [[(label, True), value] for label, value in facts], widths=[4.0, 20.0])
    w.para(tr.gettext("Hours are estimates agreed at the kick-off meeting. An activity is late when its "
                      "deadline has passed and it is not done."), italic=True)
    if not activities:
        w.para(tr.gettext("No activities have been planned yet."), italic=True)
        return w.bytes()
    numbers = {a.id: n for n, a in enumerate(activities, start=1)}  # as the agreement numbers them
    groups = groups_of(data, activities, tr)
    header = [tr.gettext("#"), tr.gettext("Activity"), tr.gettext("Responsible"), tr.gettext("Period"),
              tr.gettext("Status"), tr.gettext("Impact"), tr.gettext("Team hours"), tr.gettext("Org. hours")]
    for group, members in groups:
        if group is not None:
            w.heading(group, 2)
        rows = []
        for a in members:
            cell: list = [(a.title, True)] + ([a.description] if a.description else [])
            responsible: list = [tr.gettext(PARTY_TITLES.get(a.responsible, a.responsible))]
            if a.responsible_person_id and a.responsible_person_id in data.people:
                responsible.append(data.people[a.responsible_person_id])
            status: list = [tr.gettext(ACTIVITY_STATUS_TITLES.get(a.status, a.status))]
            if is_late(a.status, a.deadline, data.today):
                status.append((tr.gettext("Late"), True))
            dates = [x for x in (tr.date(a.start_date, "short"), tr.date(a.deadline, "short")) if x]
            rows.append([f"{numbers[a.id]}.", cell, responsible, " – ".join(dates), status,
                         tr.gettext(IMPACT_TITLES[a.impact]) if a.impact in IMPACT_TITLES else "",
                         hours(tr, a.team_hours), hours(tr, a.org_hours)])
        subtotal = None
        if len(groups) > 1:
            subtotal = ["", tr.gettext("Subtotal"), "", "", "", "", hours(tr, sum(a.team_hours or 0 for a in members)),
                        hours(tr, sum(a.org_hours or 0 for a in members))]
        w.table(header, rows, widths=[1.1, 9.2, 3.3, 2.8, 2.6, 2.0, 2.4, 2.4], right=(6, 7),
                caption=f"{title}: {group}" if group else title, total=subtotal)
        w.para("")  # two tables in a row are one table to Word
    w.table(None, [["", (tr.gettext("Total"), True), "", "", "", "", (hours(tr, team), True),
                    (hours(tr, own), True)]], widths=[1.1, 9.2, 3.3, 2.8, 2.6, 2.0, 2.4, 2.4], right=(6, 7))
    return w.bytes()
