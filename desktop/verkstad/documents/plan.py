"""The activity plan of one organisation as a PDF: every activity with its responsibility,
dates, status and effort, and the effort totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from verkstad.documents import blocks, styles
from verkstad.documents.agreement import AgreementInput, version_line
from verkstad.documents.pages import Contents, Furniture, Metadata, build_pdf, page_label
from verkstad.documents.text import markup, unbroken
from verkstad.domain.model import (
    ACTIVITY_STATUS_TITLES,
    IMPACT_TITLES,
    PARTY_TITLES,
    Activity,
    ActivityKind,
    Organisation,
    Programme,
    VersionStatus,
)
from verkstad.domain.rules import is_late
from verkstad.i18n import Translator, translator

# Column widths in mm of every column but the activity's, which takes the rest of the page
# (about 47 % of a landscape A4 line): number, responsible, period, status, impact, and the
# team's and the organisation's hours under one "Hours" header. The theme is no column: the
# activities are grouped by it.
COLUMN_MM = (9, 28, 24, 22, 20, 16, 16)
HOURS = (6, 7)  # the columns of hours, right-aligned
# A plan of more activities than this takes more than three pages (about ten rows a page): it
# gets a contents list of its groups (decided before the layout, which is made in one pass).
CONTENTS_FROM = 24


@dataclass
class PlanInput:
    """What the activity plan shows; services fill it from the database."""

    programme: Programme
    organisation: Organisation
    activities: list[Activity]
    today: dt.date  # late is judged against this day
    themes: dict[str, str] = field(default_factory=dict)  # theme id -> name
    people: dict[str, str] = field(default_factory=dict)  # person id -> name
    sources: dict[str, list[str]] = field(default_factory=dict)  # activity id -> entry texts
    approved: tuple[int, dt.date | None, str] | None = None  # version, date, approved by
    # The agreement the plan is part of, as it prints now (its version, state and date); None
    # when the organisation has no agreement yet.
    agreement: AgreementInput | None = None
    # Texts printed in another language than the document's (no translation given): text -> language
    foreign: dict[str, str] = field(default_factory=dict)


def agreement_line(data: PlanInput, tr: Translator) -> str:
    """The agreement version the plan belongs to, as the agreement prints it on every page."""
    if data.agreement is None:
        return tr.gettext("Draft (no agreement yet)")
    return version_line(data.agreement, tr)


def is_draft(data: PlanInput) -> bool:
    """A plan is a draft (and says so across its pages) until its agreement is approved."""
    return data.agreement is None or data.agreement.status != VersionStatus.APPROVED


def data_date(data: PlanInput) -> dt.datetime:
    """The moment of the newest change: the plan's "updated" date and its PDF creation date."""
    stamps = [data.organisation.updated_at, *(a.updated_at for a in data.activities)]
    return max(s for s in stamps if s is not None)


def hours(tr: Translator, value: float) -> str:
    """Hours with a decimal only when there is one: 12,5 and 8 in Danish (not "8,0 timer")."""
    return _hours(str(tr.locale), float(value or 0))


@lru_cache(maxsize=512)
def _hours(locale: str, value: float) -> str:  # a plan prints the same few figures in every row
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.#", locale=locale)


def summary_facts(data: PlanInput, tr: Translator) -> list[tuple[str, str]]:
    """The plan's facts at its top (updated, activities, effort, approval), as label and text;
    the PDF and the Word document print the same."""
    team = sum(a.team_hours or 0 for a in data.activities)
    own = sum(a.org_hours or 0 for a in data.activities)
    facts = [
        (tr.gettext("Agreement"), agreement_line(data, tr)),
        (tr.gettext("Updated"), tr.date(data_date(data).date(), "long")),
        (tr.gettext("Activities"), tr.number(len(data.activities), 0)),
        (tr.gettext("Effort"), tr.gettext("Advisory team {team} hours, organisation {org} hours")
         .format(team=hours(tr, team), org=hours(tr, own))),
    ]
    if data.approved:
        number, on, by = data.approved
        facts.append((tr.gettext("Approved"), tr.gettext("Version {number}, {date}, by {name}")
                      .format(number=number, date=tr.date(on, "long"), name=by)))
    return facts


def story(data: PlanInput, tr: Translator, width: float) -> list:
    org, programme = data.organisation, data.programme
    activities = sorted(data.activities, key=lambda a: a.position)
    team = sum(a.team_hours or 0 for a in activities)
    own = sum(a.org_hours or 0 for a in activities)
    late = [a for a in activities if is_late(a.status, a.deadline, data.today)]
    out = blocks.title_block(programme.name, tr.gettext("Activity plan"), org.name, data.foreign)
    facts: list = [(tr.gettext("Organisation"), org.name), (tr.gettext("Programme"), programme.name),
                   *summary_facts(data, tr)]
    if late:
        facts.append((tr.gettext("Late"), blocks.rich(markup(tr.ngettext(
            "{count} activity is past its deadline", "{count} activities are past their deadline",
            len(late)).format(count=len(late))), "alert")))
    out += [blocks.facts(facts, width, 40 * mm, data.foreign), blocks.gap(4), blocks.para(tr.gettext(
        "Hours are estimates agreed at the kick-off meeting. An activity is late when its "
        "deadline has passed and it is not done."), "muted"), blocks.gap(6)]
    if not activities:
        out.append(blocks.para(tr.gettext("No activities have been planned yet."), "muted"))
        return out

    widths = [w * mm for w in COLUMN_MM]
    widths.insert(1, width - sum(widths))
    numbers = {a.id: n for n, a in enumerate(activities, start=1)}  # as the agreement numbers them
    groups = groups_of(data, activities, tr)
    if len(groups) > 1 and len(activities) > CONTENTS_FROM:  # a long plan: its groups and their pages
        entries = [(title or "", f"group{i}") for i, (title, _m) in enumerate(groups)]
        out.append(Contents(tr.gettext("Contents"), entries))
    for i, (title, members) in enumerate(groups):
        if title is not None:  # a group starts on the next page unless its heading and a few rows fit
            heading = blocks.para(title, "group", data.foreign.get(title or "", ""))
            heading.outline, heading.outline_key = title, f"group{i}"  # a PDF bookmark, a contents entry
            out += [CondPageBreak(40 * mm), heading]
        subtotal = None
        if len(groups) > 1:
            subtotal = ["", tr.gettext("Subtotal"), "", "", "", "",
                        hours(tr, sum(a.team_hours or 0 for a in members)),
                        hours(tr, sum(a.org_hours or 0 for a in members))]
        out.append(_table(data, tr, widths, [_row(data, tr, widths, numbers[a.id], a) for a in members], subtotal))
    out.append(_table(data, tr, widths, [], ["", tr.gettext("Total"), "", "", "", "", hours(tr, team),
                                             hours(tr, own)], header=False))
    return out


def groups_of(data: PlanInput, activities: list[Activity],
              tr: Translator) -> list[tuple[str | None, list[Activity]]]:
    """The activities by theme, in the themes' order, those of no theme last; one group with no
    title when no activity has a theme."""
    by_theme: dict[str, list[Activity]] = {}
    for a in activities:
        by_theme.setdefault(a.theme_id if a.theme_id in data.themes else "", []).append(a)
    if list(by_theme) == [""]:
        return [(None, activities)]
    out: list[tuple[str | None, list[Activity]]] = [
        (name, by_theme[theme_id]) for theme_id, name in data.themes.items() if theme_id in by_theme]
    if "" in by_theme:
        out.append((tr.gettext("Without a theme"), by_theme[""]))
    return out


def _row(data: PlanInput, tr: Translator, widths: list[float], number: int, a: Activity) -> list:
    cell = [blocks.para(a.title, "cell_bold")]
    if a.kind == ActivityKind.PILOT:
        cell.append(blocks.para(tr.gettext("Pilot project"), "cell_small"))
    if a.description:
        cell.append(blocks.para(a.description, "cell"))
    for label, text in ((tr.gettext("Goal: {text}"), a.goal), (tr.gettext("Result: {text}"), a.result)):
        if text.strip():
            cell.append(blocks.para(label.format(text=text.strip()), "cell"))
    said = [t for t in data.sources.get(a.id, []) if t.strip() not in (a.title.strip(), a.description.strip())]
    if said:  # what was said, when it is not already the title or the description
        cell.append(blocks.rich(
            "<i>" + markup(tr.gettext("From the meeting:")) + "</i> " + markup("; ".join(said)), "cell_small"))
    responsible = [blocks.fitted(tr.gettext(PARTY_TITLES.get(a.responsible, a.responsible)), "cell", widths[2] - 8)]
    if a.responsible_person_id and a.responsible_person_id in data.people:
        responsible.append(blocks.para(data.people[a.responsible_person_id], "cell_small"))
    status = [blocks.fitted(tr.gettext(ACTIVITY_STATUS_TITLES.get(a.status, a.status)), "cell", widths[4] - 8)]
    if is_late(a.status, a.deadline, data.today):
        status.append(blocks.para(tr.gettext("Late"), "alert"))
    dates = [unbroken(x) for x in (tr.date(a.start_date, "short"), tr.date(a.deadline, "short")) if x]
    return [f"{number}.", cell, responsible, blocks.para(" –\n".join(dates), "cell"), status,
            tr.gettext(IMPACT_TITLES[a.impact]) if a.impact in IMPACT_TITLES else "",
            hours(tr, a.team_hours), hours(tr, a.org_hours)]


def _table(data: PlanInput, tr: Translator, widths: list[float], rows: list[list], total: list | None, *,
           header: bool = True):
    """One group's table: two header rows (the hours under one "Hours"), repeated on every page,
    its rows, and its subtotal (or the plan's total)."""

    room = [w - 8 for w in widths]

    def head(text: str, i: int):
        return blocks.fitted(text, "head_right" if i in HOURS else "head", room[i])

    # Translators: column header for the activity number ("Nr." in Danish).
    titles = [tr.gettext("#"), tr.gettext("Activity"), tr.gettext("Responsible"), tr.gettext("Period"),
              tr.gettext("Status"), tr.gettext("Impact")]
    # "Hours" stands over the hours' two columns, right-aligned, with a rule under both (no SPAN:
    # reportlab's spanned cells cost a third of the plan's rendering time)
    heads = [["", "", "", "", "", "", "", blocks.para(tr.gettext("Hours"), "head_right")],
             [*(head(t, i) for i, t in enumerate(titles)), head(tr.pgettext("hours of", "Team"), 6),
              head(tr.pgettext("hours of", "Org."), 7)]] if header else []
    body = [[cell if not isinstance(cell, str) else blocks.para(cell, "cell_right" if i in HOURS else "cell")
             for i, cell in enumerate(row)] for row in rows]
    if total is not None:
        body.append([blocks.para(cell, "cell_bold_right" if i in HOURS else "cell_bold")
                     for i, cell in enumerate(total)])
    table = blocks.FlowTable([*heads, *body], colWidths=list(widths), repeatRows=len(heads), hAlign="LEFT")
    first = len(heads)
    style = styles.table_style(header=False, zebra_rows=len(rows), first_row=first, total_row=total is not None)
    if header:
        cmds: list[tuple] = [
            ("BACKGROUND", (0, 0), (-1, 1), styles.ACCENT_LIGHT), ("LINEBELOW", (0, 1), (-1, 1), 0.8, styles.ACCENT),
            ("LINEBELOW", (0, 0), (5, 0), 0, styles.ACCENT_LIGHT), ("LINEBELOW", (6, 0), (7, 0), 0.25, styles.RULE),
            ("VALIGN", (0, 0), (-1, 1), "BOTTOM"), ("BOTTOMPADDING", (0, 0), (-1, 0), 1),
            ("TOPPADDING", (0, 1), (-1, 1), 1)]
        for cmd in cmds:
            style.add(*cmd)
    if total is not None and rows:  # a subtotal never starts a page alone under a repeated header
        style.add("NOSPLIT", (0, len(heads) + len(rows) - 1), (-1, len(heads) + len(rows)))
    table.setStyle(style)
    return table


def render(data: PlanInput, language: str) -> bytes:
    """The activity plan as PDF bytes, in `language`."""
    tr = translator(language)
    styles.register_fonts()
    from reportlab.lib.pagesizes import A4, landscape

    width = landscape(A4)[0] - 2 * styles.MARGIN_X
    title = tr.gettext("Activity plan")
    furniture = Furniture(programme=data.programme.name, organisation=data.organisation.name,
                          document=title, page_label=page_label(tr), version_line=agreement_line(data, tr),
                          watermark=tr.pgettext("watermark", "DRAFT") if is_draft(data) else "",
                          logo=data.programme.logo)
    meta = Metadata(title=f"{title}: {data.organisation.name}", author=data.programme.name,
                    subject=tr.gettext("Activity plan of the advisory programme"),
                    language=language, date=data_date(data))
    return build_pdf(story(data, tr, width), furniture, meta, wide=True)
