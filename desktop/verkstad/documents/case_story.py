"""A case story as a one-page PDF in the organisation's language: the challenge, what was done,
the result, and a quote (printed only when its person allowed it), marked as a draft until the
organisation has approved it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.units import mm

from verkstad.documents import blocks, styles
from verkstad.documents.pages import Furniture, Metadata, build_pdf, page_label
from verkstad.documents.text import markup
from verkstad.domain.model import Activity, CaseStory, Organisation, Programme, StoryStatus
from verkstad.i18n import Translator, translator


@dataclass
class StoryInput:
    """What a case story prints; services fill it from the database."""

    programme: Programme
    story: CaseStory
    organisation: Organisation | None
    activity: Activity | None = None
    foreign: dict[str, str] = field(default_factory=dict)  # text printed in another language -> its language


def story(data: StoryInput, tr: Translator, width: float) -> list:
    s = data.story
    about = data.organisation.name if data.organisation is not None else data.programme.name
    out = blocks.title_block(data.programme.name, s.title, about, data.foreign)
    facts: list = [(tr.gettext("Organisation"), data.organisation.name if data.organisation else ""),
                   (tr.gettext("Activity"), data.activity.title if data.activity else "")]
    if s.status == StoryStatus.APPROVED:
        facts.append((tr.gettext("Approved"), tr.gettext("By the organisation, {date}").format(
            date=tr.date(s.approved_on, "long")) if s.approved_on else tr.gettext("By the organisation")))
    else:
        facts.append((tr.gettext("State"), tr.gettext("Draft: not yet approved by the organisation")))
    out += [blocks.facts(facts, width, 32 * mm, data.foreign), blocks.gap(6)]
    picture = _photo(s, width, tr)
    if picture is not None:
        out += [picture, blocks.para(s.photo_caption, "muted")] if s.photo_caption.strip() else [picture]
        out.append(blocks.gap(4))
    for heading, text in ((tr.gettext("The challenge"), s.challenge), (tr.gettext("What was done"), s.action),
                          (tr.gettext("The result"), s.result)):
        if text.strip():
            out += [blocks.para(heading, "h1"), blocks.para(text)]
    if s.quote.strip() and s.quote_allowed:
        said = markup(s.quote.strip())
        out += [blocks.gap(8), blocks.rich(f"<i>{_quoted(said, tr)}</i>", "body")]
        if s.quote_by.strip():
            out.append(blocks.para(f"— {s.quote_by.strip()}", "muted"))
    elif s.quote.strip():
        out += [blocks.gap(8), blocks.para(tr.gettext(
            "A quote is held back: the person quoted has not yet allowed it to be published."), "muted")]
    return out


def _photo(s: CaseStory, width: float, tr: Translator):
    """The story's photo as a tagged figure, at most the text's width and 75 mm high; None without
    one, or (logged) when the stored photo cannot be read: the story prints without it."""
    if not s.photo:
        return None
    import base64
    import binascii
    import logging

    try:
        return blocks.Picture(base64.b64decode(s.photo, validate=True), width, 75 * mm,
                              s.photo_caption.strip() or tr.gettext("Photo of the case story"))
    except (binascii.Error, ValueError, OSError):
        logging.getLogger(__name__).warning("a case story's photo cannot be read; printed without it", exc_info=True)
        return None


def _quoted(text: str, tr: Translator) -> str:
    """The language's own quotation marks: »…« in Danish, ”…” in Swedish and Finnish, «…» in Norwegian."""
    marks = {"da": ("»", "«"), "sv": ("”", "”"), "fi": ("”", "”"), "nb": ("«", "»")}.get(tr.language, ("“", "”"))
    return f"{marks[0]}{text}{marks[1]}"


def data_date(data: StoryInput) -> dt.datetime:
    return data.story.updated_at


def render(data: StoryInput, language: str) -> bytes:
    """The case story as PDF bytes, in `language`."""
    tr = translator(language)
    styles.register_fonts()
    from reportlab.lib.pagesizes import A4

    width = A4[0] - 2 * styles.MARGIN_X
    document = tr.gettext("Case story")
    about = data.organisation.name if data.organisation is not None else data.programme.name
    draft = data.story.status != StoryStatus.APPROVED
    furniture = Furniture(programme=data.programme.name, organisation=about, document=document,
                          page_label=page_label(tr), watermark=tr.pgettext("watermark", "DRAFT") if draft else "",
                          logo=data.programme.logo)
    meta = Metadata(title=f"{document}: {data.story.title}", author=data.programme.name,
                    subject=tr.gettext("A good example of the advisory programme"), language=language,
                    date=data_date(data))
    return build_pdf(story(data, tr, width), furniture, meta)
