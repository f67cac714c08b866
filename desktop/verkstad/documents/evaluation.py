"""The evaluation of a workshop on paper: the sheets (one per participating organisation, each in
its organisation's language with its sheet code, to fill in by hand) and the report of the
results, per question and per organisation, with charts drawn by reportlab.graphics (the same
drawings the GUI shows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak

from verkstad.documents import blocks, styles
from verkstad.documents.charts import bar_chart
from verkstad.documents.pages import Furniture, Metadata, build_pdf, page_label
from verkstad.documents.text import markup
from verkstad.domain.evaluation import SCALE_TITLES, QuestionResult, Results, SheetQuestion
from verkstad.domain.model import SCALE, Meeting, Organisation, Programme, QuestionKind
from verkstad.i18n import N_, Translator, translator

TEXT_LINES = 4  # ruled lines under a free-text question
SCALE_COLOURS = [colors.HexColor(c) for c in ("#C65D4A", "#D9A05B", "#B8B8A8", "#8FB5A6", "#2E6B57")]
OPTION_COLOUR = styles.ACCENT


@dataclass
class Sheet:
    """One organisation's sheet: its questions in its language."""

    organisation: Organisation | None
    code: str
    language: str
    questions: list[SheetQuestion]


@dataclass
class SheetsInput:
    """What the evaluation sheets print; services fill it from the database."""

    programme: Programme
    meeting: Meeting
    sheets: list[Sheet]
    titles: dict[str, str] = field(default_factory=dict)  # language -> the programme's name in it
    meeting_titles: dict[str, str] = field(default_factory=dict)  # language -> the workshop's title in it


def _box(text: str, width: float) -> blocks.FlowTable:
    """The sheet's code, large in a box at the top right: what is typed first when it is entered."""
    style = ParagraphStyle("sheet_code", parent=styles.sheet()["title"], spaceAfter=0)  # a P, not a heading
    table = blocks.FlowTable([[blocks.Para(markup(text), style)]], colWidths=[width], rowHeights=[13 * mm])
    table.setStyle([("BOX", (0, 0), (-1, -1), 0.6, styles.RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    return table


def _scale_row(tr: Translator, width: float, lang: str) -> blocks.FlowTable:
    """Five boxes to tick, each with its point and its word."""
    cell = width / len(SCALE)
    row = [[blocks.para(f"☐ {tr.number(p, 0)}", "cell_bold", lang), blocks.para(tr.gettext(SCALE_TITLES[p]),
                                                                                  "cell_small", lang)]
           for p in SCALE]
    table = blocks.FlowTable([row], colWidths=[cell] * len(SCALE), hAlign="LEFT")
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2)])
    return table


def _question(tr: Translator, sq: SheetQuestion, width: float, lang: str) -> list:
    out: list = [blocks.para(f"{tr.number(sq.number, 0)}. {sq.text}", "h2", lang)]
    if sq.kind == QuestionKind.SCALE:
        out.append(_scale_row(tr, width, lang))
    elif sq.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        mark = "○" if sq.kind == QuestionKind.SINGLE else "☐"
        out.append(blocks.para(tr.gettext("Tick one.") if sq.kind == QuestionKind.SINGLE
                               else tr.gettext("Tick as many as apply."), "cell_small", lang))
        out += [blocks.para(f"{mark} {tr.number(n, 0)}  {option}", "cell", lang)
                for n, option in enumerate(sq.options, start=1)]
    else:
        lines = blocks.FlowTable([[""] for _ in range(TEXT_LINES)], colWidths=[width], rowHeights=[8 * mm] * TEXT_LINES)
        lines.setStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, styles.RULE)])
        out.append(lines)
    return [KeepTogether(out)]


def sheets_story(data: SheetsInput, tr: Translator, width: float) -> list:
    out: list = []
    for n, sheet in enumerate(data.sheets):
        t = translator(sheet.language)
        lang = sheet.language if sheet.language != tr.language else ""
        if n:
            out.append(PageBreak())
        programme = data.titles.get(sheet.language, data.programme.name)
        workshop = data.meeting_titles.get(sheet.language, data.meeting.title)
        name = sheet.organisation.name if sheet.organisation is not None else t.gettext("No organisation")
        out += [blocks.para(programme, "kicker", lang), blocks.para(t.gettext("Evaluation sheet"), "title", lang),
                blocks.para(name, "subtitle", lang)]
        facts = [(t.gettext("Workshop"), workshop),
                 (t.gettext("Date"), t.date(data.meeting.date, "long") if data.meeting.date else ""),
                 (t.gettext("Sheet code"), sheet.code)]
        table = blocks.facts(facts, width - 60 * mm, 32 * mm)
        box = _box(sheet.code, 36 * mm)
        head = blocks.FlowTable([[table, box]], colWidths=[width - 40 * mm, 40 * mm], hAlign="LEFT")
        head.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        out += [head, blocks.gap(4), blocks.para(t.gettext(
            "Please answer each question by ticking a box or writing in your own words. On a scale, 1 means not "
            "at all and 5 very much. The sheet is anonymous; the code tells us only your organisation."),
            "muted", lang)]
        if not sheet.questions:
            out.append(blocks.para(t.gettext("The questionnaire has no questions yet."), "muted", lang))
        for sq in sheet.questions:
            out += _question(t, sq, width, lang)
        out += [blocks.gap(10), blocks.para(t.gettext("Thank you for your answers."), "muted", lang)]
    return out


def _render(programme: Programme, meeting: Meeting, language: str, document: str, subject: str,
            make_story, stamp: dt.datetime) -> bytes:
    """A workshop's evaluation document on A4: its furniture and metadata in `language`, the
    story `make_story(tr, width)` gives. `document` and `subject` are msgids."""
    tr = translator(language)
    styles.register_fonts()
    from reportlab.lib.pagesizes import A4

    width = A4[0] - 2 * styles.MARGIN_X
    named = tr.gettext(document)
    furniture = Furniture(programme=programme.name, organisation=meeting.title, document=named,
                          page_label=page_label(tr), logo=programme.logo)
    meta = Metadata(title=f"{named}: {meeting.title}", author=programme.name, subject=tr.gettext(subject),
                    language=language, date=stamp)
    return build_pdf(make_story(tr, width), furniture, meta)


def render_sheets(data: SheetsInput, language: str) -> bytes:
    """The sheets as one PDF; its own texts (furniture, metadata) in `language`, each sheet in its own."""
    return _render(data.programme, data.meeting, language, N_("Evaluation sheets"),
                   N_("Evaluation sheets of a workshop"), lambda tr, width: sheets_story(data, tr, width),
                   data.meeting.updated_at)


# -- the results ---------------------------------------------------------------------------------


def mean_text(tr: Translator, value: float | None) -> str:
    return tr.number(value, 1) if value is not None else "—"


def question_chart(result: QuestionResult, tr: Translator, width: float, number: int) -> blocks.Figure:
    """A question's answers as bars: how many sheets gave each point of the scale, or chose each option."""
    title = f"{tr.number(number, 0)}. {result.text}"
    if result.question.kind == QuestionKind.SCALE:
        labels = [f"{tr.number(p, 0)} {label}" for p, label in zip(SCALE, result.options, strict=True)]
        fills = SCALE_COLOURS
    else:
        labels, fills = list(result.options), [OPTION_COLOUR] * len(result.options)
    drawing = bar_chart(title, labels, [[float(c) for c in result.counts]], fills, width, tr,
                        label_width=min(190.0, width * 0.4))
    said = tr.list([f"{label}: {tr.number(c, 0)}" for label, c in zip(labels, result.counts, strict=True)])
    return blocks.Figure(drawing, f"{title} {said}")


def benefit_chart(data: Results, tr: Translator, width: float) -> blocks.Figure:
    """The mean of every scale answer per organisation, on an axis from 0 to 5."""
    labels = [name for name, _m, _n in data.benefit]
    drawing = bar_chart(tr.gettext("Benefit by organisation (mean of 1 to 5)"), labels,
                        [[m for _name, m, _n in data.benefit]], [styles.ACCENT] * len(labels), width, tr,
                        label_width=min(150.0, width * 0.35), value_max=5, decimals=0)
    said = tr.list([f"{name}: {mean_text(tr, m)}" for name, m, _n in data.benefit])
    title = tr.gettext("Benefit by organisation (mean of 1 to 5)")
    return blocks.Figure(drawing, f"{title}: {said}")


def _scale_facts(result: QuestionResult, tr: Translator, width: float) -> list:
    out = [blocks.para(tr.ngettext("Mean {mean} of 5, from {count} answer.", "Mean {mean} of 5, from {count} answers.",
                                   result.answered).format(mean=mean_text(tr, result.mean),
                                                           count=tr.number(result.answered, 0)), "cell")]
    if len(result.by_organisation) > 1:
        rows = [[name, mean_text(tr, m), tr.number(n, 0)] for name, m, n in result.by_organisation]
        out.append(blocks.data_table([tr.gettext("Organisation"), tr.gettext("Mean"), tr.gettext("Answers")], rows,
                                     [width - 50 * mm, 25 * mm, 25 * mm]))
    return out


def results_story(data: Results, tr: Translator, width: float) -> list:
    out = blocks.title_block(data.programme.name, tr.gettext("Evaluation"), data.meeting.title)
    overall = [m for _name, m, n in data.benefit for _ in range(n)]
    facts: list = [
        (tr.gettext("Workshop"), data.meeting.title),
        (tr.gettext("Date"), tr.date(data.meeting.date, "long") if data.meeting.date else ""),
        (tr.gettext("Sheets"), tr.number(data.sheets, 0)),
        (tr.gettext("Organisations"), tr.list([f"{name} ({tr.number(n, 0)})" for name, n in data.organisations])
         or "—"),
        (tr.gettext("Mean benefit"), mean_text(tr, sum(overall) / len(overall) if overall else None)),
    ]
    out += [blocks.facts(facts, width, 40 * mm), blocks.gap(6)]
    if not data.sheets:
        out.append(blocks.para(tr.gettext("No sheets have been entered yet."), "muted"))
        return out
    if data.benefit:
        out += [benefit_chart(data, tr, width), blocks.gap(8)]
    for number, result in enumerate(data.questions, start=1):
        part: list = []
        if result.question.kind == QuestionKind.TEXT:
            part.append(blocks.para(f"{tr.number(number, 0)}. {result.text}", "h2"))
            if not result.texts:
                part.append(blocks.para(tr.gettext("No one wrote an answer."), "muted"))
            for org, text in result.texts:
                part += [blocks.para(org, "cell_small"), blocks.para(text, "item")]
            out += part
            continue
        part.append(question_chart(result, tr, width, number))
        if result.question.kind == QuestionKind.SCALE:
            part += _scale_facts(result, tr, width)
        else:
            part.append(blocks.para(tr.ngettext("{count} sheet answered.", "{count} sheets answered.",
                                                result.answered).format(count=tr.number(result.answered, 0)),
                                    "cell_small"))
        out += [KeepTogether(part), blocks.gap(8)]
    if data.activities:
        out.append(blocks.para(tr.gettext("The activities"), "h1"))
        rows = [[blocks.para(r.organisation, "cell"), blocks.para(r.text, "cell"), mean_text(tr, r.mean),
                 tr.number(r.answered, 0)] for r in data.activities]
        out.append(blocks.data_table([tr.gettext("Organisation"), tr.gettext("Question"), tr.gettext("Mean"),
                                      tr.gettext("Answers")], rows, [40 * mm, width - 90 * mm, 25 * mm, 25 * mm]))
    return out


def render_results(data: Results, language: str, stamp: dt.datetime | None = None) -> bytes:
    """The evaluation report as PDF bytes, in `language`."""
    return _render(data.programme, data.meeting, language, N_("Evaluation"), N_("The evaluation of a workshop"),
                   lambda tr, width: results_story(data, tr, width), stamp or data.meeting.updated_at)
