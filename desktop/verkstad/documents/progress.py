"""The progress report as a PDF: where each activity of an organisation (or of the whole
programme) stands in the follow-up, with its latest progress update, two charts drawn with
reportlab.graphics (activities by state; planned hours by state) and the date the information
was last updated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.units import mm

from verkstad.documents import blocks, styles
from verkstad.documents.charts import bar_chart
from verkstad.documents.pages import Furniture, Metadata, build_pdf, page_label
from verkstad.documents.plan import hours as hours_text
from verkstad.documents.text import markup, unbroken
from verkstad.domain.model import ACTIVITY_STATUS_TITLES, Activity, Organisation, Programme
from verkstad.domain.progress import ORDER as STATES
from verkstad.domain.progress import PROGRESS_TITLES, FollowUp, Progress, states_text
from verkstad.i18n import Translator, translator

# The colour of each state's bar (in the order of domain.progress.ORDER).
STATE_COLOURS = {Progress.LATE: styles.ALERT, Progress.ON_SCHEDULE: styles.ACCENT,
                 Progress.NOT_STARTED: colors.HexColor("#9AA8A3"), Progress.DONE: colors.HexColor("#4F8A73")}
COLUMN_MM = (9, 34, 22, 62)  # number, state, deadline, latest update; the activity takes the rest


@dataclass
class ProgressRow:
    organisation: str  # its organisation's name (the programme report prints it)
    activity: Activity
    state: FollowUp


@dataclass
class ProgressInput:
    """What the progress report shows; services fill it from the database."""

    programme: Programme
    organisation: Organisation | None  # None: the report of the whole programme
    rows: list[ProgressRow]
    today: dt.date
    people: dict[str, str] = field(default_factory=dict)  # person id -> name
    foreign: dict[str, str] = field(default_factory=dict)  # text printed in another language -> its language


def information_updated(data: ProgressInput) -> dt.date | None:
    """The day the newest information in the report was given: an update reported, an activity changed."""
    days = [r.activity.updated_at.date() for r in data.rows]
    days += [u.reported_on or u.created_at.date() for r in data.rows for u in r.state.updates]
    return max(days) if days else None


def counts(data: ProgressInput) -> dict[Progress, int]:
    found: dict[Progress, int] = dict.fromkeys(STATES, 0)
    for row in data.rows:
        found[Progress(row.state.progress)] += 1
    return found


def state_summary(data: ProgressInput, tr: Translator) -> str:
    """"2 late, 3 on schedule, 1 not started and 4 done" (the states there are)."""
    return states_text({str(k): v for k, v in counts(data).items()}, tr)


def charts(data: ProgressInput, tr: Translator, width: float) -> tuple[blocks.Figure, blocks.Figure]:
    """Activities by state, and the hours planned for them by state (advisory team, organisation),
    each with its figures said in words for a screen reader."""
    found = counts(data)
    labels = [tr.gettext(PROGRESS_TITLES[s]) for s in STATES]
    by_state = bar_chart(tr.gettext("Activities by state"), labels, [[float(found[s]) for s in STATES]],
                      [STATE_COLOURS[s] for s in STATES], width, tr)
    team = [sum(r.activity.team_hours or 0 for r in data.rows if r.state.progress == s) for s in STATES]
    own = [sum(r.activity.org_hours or 0 for r in data.rows if r.state.progress == s) for s in STATES]
    hours = bar_chart(tr.gettext("Hours planned by state"), labels, [team, own],
                   [styles.ACCENT, colors.HexColor("#8FB5A6")], width, tr,
                   legend=[tr.gettext("Advisory team"), tr.gettext("Organisation")])
    said = tr.list([f"{label}: {tr.number(found[s], 0)}" for label, s in zip(labels, STATES, strict=True)])
    hours_said = tr.list([f"{label}: {hours_text(tr, t)} + {hours_text(tr, o)}"
                          for label, t, o in zip(labels, team, own, strict=True)])
    return (blocks.Figure(by_state, f"{tr.gettext('Activities by state')}: {said}"),
            blocks.Figure(hours, f"{tr.gettext('Hours planned by state')}: {hours_said}"))


def _latest(data: ProgressInput, tr: Translator, row: ProgressRow) -> list:
    update = row.state.latest
    if update is None:
        return [blocks.para(tr.gettext("No progress reported yet"), "cell_small")]
    bits = [tr.date(update.reported_on, "short") if update.reported_on else ""]
    if update.share_done is not None:
        bits.append(tr.gettext("{share} done").format(share=tr.percent(update.share_done / 100)))
    if update.reported_by_id in data.people:
        bits.append(data.people[update.reported_by_id or ""])
    out = [blocks.para(" · ".join(b for b in bits if b), "cell_small")]
    if update.note:
        out.append(blocks.para(update.note, "cell"))
    return out


def _state_cell(tr: Translator, row: ProgressRow, width: float) -> list:
    state = row.state
    out = [blocks.fitted(tr.gettext(PROGRESS_TITLES[state.progress]),
                         "alert" if state.progress == Progress.LATE else "cell_bold", width)]
    if state.reason:
        out.append(blocks.para(state.reason, "cell_small"))
    if state.stale_days is not None:
        out.append(blocks.para(tr.gettext("no report for {days} days").format(days=tr.number(state.stale_days, 0)),
                               "cell_small"))
    return out


def story(data: ProgressInput, tr: Translator, width: float) -> list:
    programme, org = data.programme, data.organisation
    subject = org.name if org is not None else programme.name
    out = blocks.title_block(programme.name, tr.gettext("Progress report"), subject, data.foreign)
    team = sum(r.activity.team_hours or 0 for r in data.rows)
    own = sum(r.activity.org_hours or 0 for r in data.rows)
    updated = information_updated(data)
    facts: list = [(tr.gettext("Organisation"), org.name)] if org is not None else [
        (tr.gettext("Organisations"), tr.number(len({r.organisation for r in data.rows}), 0))]
    facts += [
        (tr.gettext("Programme"), programme.name),
        (tr.gettext("Information updated"), tr.date(updated, "long") if updated else "—"),
        (tr.gettext("Activities"), tr.number(len(data.rows), 0)),
        (tr.gettext("Status"), state_summary(data, tr) or "—"),
        (tr.gettext("Effort"), tr.gettext("Advisory team {team} hours, organisation {org} hours").format(
            team=hours_text(tr, team), org=hours_text(tr, own))),
    ]
    out += [blocks.facts(facts, width, 40 * mm, data.foreign), blocks.gap(4), blocks.para(tr.gettext(
        "An activity is late when its deadline has passed, when it should have started and has not, or when "
        "its last reported share done is well behind the share of its time gone. Hours are the estimates "
        "agreed in the activity plan."), "muted"), blocks.gap(8)]
    if not data.rows:
        out.append(blocks.para(tr.gettext("No activities have been planned yet."), "muted"))
        return out
    half = (width - 8 * mm) / 2
    by_state, hours = charts(data, tr, half)
    pair = blocks.FlowTable([[by_state, hours]], colWidths=[half + 8 * mm, half], hAlign="LEFT")
    pair.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    out += [pair, blocks.gap(10)]
    widths = [w * mm for w in COLUMN_MM]
    widths.insert(1, width - sum(widths))
    header = ["#", tr.gettext("Activity"), tr.gettext("State"), tr.gettext("Deadline"), tr.gettext("Latest update")]
    rows = []
    for n, row in enumerate(data.rows, start=1):
        title = [blocks.para(row.activity.title, "cell_bold")]
        if org is None:
            title.append(blocks.para(row.organisation, "cell_small"))
        title.append(blocks.para(tr.gettext(ACTIVITY_STATUS_TITLES.get(row.activity.status, row.activity.status)),
                                 "cell_small"))
        deadline = blocks.rich(markup(unbroken(tr.date(row.activity.deadline, "short"))), "cell") \
            if row.activity.deadline else ""
        rows.append([f"{n}.", title, _state_cell(tr, row, widths[2] - 8), deadline, _latest(data, tr, row)])
    out.append(blocks.data_table(header, rows, widths))
    return out


def render(data: ProgressInput, language: str) -> bytes:
    """The progress report as PDF bytes, in `language`."""
    tr = translator(language)
    styles.register_fonts()
    from reportlab.lib.pagesizes import A4

    width = A4[0] - 2 * styles.MARGIN_X
    title = tr.gettext("Progress report")
    subject = data.organisation.name if data.organisation is not None else data.programme.name
    furniture = Furniture(programme=data.programme.name, organisation=subject, document=title,
                          page_label=page_label(tr), logo=data.programme.logo)
    updated = information_updated(data)
    stamp = dt.datetime.combine(updated or data.today, dt.time(12), tzinfo=dt.UTC)
    meta = Metadata(title=f"{title}: {subject}", author=data.programme.name,
                    subject=tr.gettext("Progress report of the advisory programme"), language=language, date=stamp)
    return build_pdf(story(data, tr, width), furniture, meta)
