"""Flowables every document shares: title block, label/value facts, data tables, bullet lists."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.platypus import Flowable, Paragraph, Spacer, Table
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from verkstad.documents import styles, tagging
from verkstad.documents.text import markup


class _Parser(ParaParser):
    """reportlab's parser, except that a fallback font (`<font name="VerkstadArabic">`, see
    `text.markup`) keeps the bold or italic around it: reportlab's own resets both."""

    def start_font(self, attr):
        name = attr.get("name") or attr.get("face")
        if name in styles.FALLBACK_NAMES:
            self._push("font", fontName=name)
        else:
            super().start_font(attr)


class Para(Paragraph):
    """A paragraph that tags what it draws: a heading, a paragraph or a list item, by its style
    (`tagging.ROLES`), in `lang` when that is not the document's language."""

    lang = ""

    def __init__(self, text, style, bulletText=None, frags=None, **kwargs) -> None:
        if frags is None and '<font name="Verkstad' in text:
            style, frags, _bullet = _Parser().parse(cleanBlockQuotedText(text), style)
            if frags is None:
                raise ValueError(f"markup error in a paragraph beginning {text[:30]!r}")
            textTransformFrags(frags, style)
        super().__init__(text, style, bulletText, frags, **kwargs)

    def wrap(self, availWidth, availHeight):
        if self.style.name in styles.PROSE:  # a readable measure, however wide the frame
            availWidth = min(availWidth, styles.MEASURE)
        return super().wrap(availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):
        tagger = getattr(canvas, "tagger", None)
        if tagger is None:
            return super().drawOn(canvas, x, y, _sW)
        holder = self.__dict__.get("tag_holder")
        if holder is not None and holder.get("element") is not None:  # the rest of a paragraph split
            with tagger.content(canvas, holder["element"]):  # over pages: the same element goes on
                return super().drawOn(canvas, x, y, _sW)
        with tagger.leaf(canvas, tagging.ROLES.get(self.style.name.removesuffix("-fit"), "P"), self.lang) as element:
            if holder is not None:
                holder["element"] = element
            return super().drawOn(canvas, x, y, _sW)

    def split(self, availWidth, availHeight):
        """reportlab's split, its parts knowing they are one paragraph (one element, one language)."""
        parts = super().split(availWidth, availHeight)
        holder = self.__dict__.setdefault("tag_holder", {})
        for part in parts:
            if isinstance(part, Para):
                part.lang, part.tag_holder = self.lang, holder
        return parts


class FlowTable(Table):
    """A table that breaks between rows, and inside a row only when that row alone is taller
    than a whole page (reportlab's splitInRow would otherwise cut short rows too). Its plain
    cells (even empty ones) are set in the family, not reportlab's unembedded Helvetica. It is
    tagged as a table (header cells, rows) or, when `layout`, only as a group of its content;
    its parts on the next pages go on in the same table element."""

    def __init__(self, *args, layout: bool = False, **kwargs) -> None:
        kwargs.setdefault("renderCB", tagging.table_events)
        super().__init__(*args, **kwargs)
        self.setStyle([("FONTNAME", (0, 0), (-1, -1), styles.REGULAR)])
        self.layout = layout
        self.tag_holder: dict = {}
        self.tag_continued = False
        self.tag_row = ""
        self.tag_cell: str | None = None

    def split(self, availWidth, availHeight):
        return self._parts(self._split(availWidth, availHeight))

    def _split(self, availWidth, availHeight):
        self.splitInRow = 0
        result = super().split(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        if result or frame is None or not frame._atTop:
            return result
        self.splitInRow = 1
        try:
            return self._splitRows(availHeight, doInRowSplit=True)
        finally:
            self.splitInRow = 0

    def _parts(self, parts: list) -> list:
        for n, part in enumerate(parts):
            if isinstance(part, FlowTable):
                part.layout, part.tag_holder = self.layout, self.tag_holder
                part.tag_continued = self.tag_continued or n > 0
        return parts


def para(text: object, style: str = "body", lang: str = "") -> Paragraph:
    """A paragraph printing `text` literally (user text is escaped here), tagged as being in
    `lang` when that is not the document's language."""
    out = Para(markup(text), styles.sheet()[style])
    if lang:
        out.lang = lang
    return out


def rich(marked_up: str, style: str = "body", bullet: str | None = None) -> Paragraph:
    """A paragraph of markup built by the document code itself (its parts escaped already)."""
    return Para(marked_up, styles.sheet()[style], bulletText=bullet)


def title_block(kicker: str, title: str, subtitle: str, foreign: dict[str, str] | None = None) -> list:
    """The programme, the document's title and what it is about; `foreign` gives the language
    of a text printed in another language than the document's."""
    foreign = foreign or {}
    out = [para(kicker, "kicker", foreign.get(kicker, "")), para(title, "title")]
    if subtitle:
        out.append(para(subtitle, "subtitle", foreign.get(subtitle, "")))
    return out


def facts(rows: Sequence[tuple[str, object]], width: float, label_width: float = 110,
          foreign: dict[str, str] | None = None) -> Table:
    """Label/value pairs, e.g. time and venue; values are user text."""
    foreign = foreign or {}
    data = [[para(label, "label"),
             value if not isinstance(value, str) else para(value, "value", foreign.get(value, ""))]
            for label, value in rows if value not in (None, "")]
    if not data:
        return Spacer(0, 0)
    table = FlowTable(data, colWidths=[label_width, width - label_width], hAlign="LEFT", layout=True)
    table.setStyle(styles.facts_style())
    # the label is smaller than its value: lower it so both stand on one baseline
    table.setStyle([("TOPPADDING", (0, 0), (0, -1), 1.5 + value_size() - styles.sheet()["label"].fontSize)])
    return table


def value_size() -> float:
    return styles.sheet()["value"].fontSize


def fitted(text: object, style: str, width: float, smallest: float = 0.75) -> Paragraph:
    """A paragraph whose font shrinks (to `smallest` of its size at most, and never below
    `styles.SMALLEST`) until its longest word fits `width`, so a long word in a narrow column
    ("Rådgivningsteamet") is not cut in two if it can be helped."""
    return Para(markup(text), _fitted_style(str(text), style, width, smallest))


@lru_cache(maxsize=1024)
def _fitted_style(text: str, style: str, width: float, smallest: float):
    """The style `fitted` sets `text` in (a long plan asks for the same few words in every row)."""
    base = styles.sheet()[style]
    words = text.split()
    if not words:
        return base
    from reportlab.pdfbase.pdfmetrics import stringWidth

    longest = max(stringWidth(w, base.fontName, base.fontSize) for w in words)
    if longest <= width:
        return base
    scale = max(smallest, styles.SMALLEST / base.fontSize, width / longest)
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{base.name}-fit", parent=base, fontSize=base.fontSize * scale,
                          leading=base.leading * scale)


def data_table(header: Sequence[str], rows: list[list], widths: Sequence[float], *,
               right: Sequence[int] = (), total: list | None = None, repeat: bool = True,
               row_height: float | None = None) -> Table:
    """A table with a header row; `rows` hold flowables or strings (strings are escaped); each row
    `row_height` high when given (room to write in by hand)."""
    room = [w - 8 for w in widths]  # minus the cell padding
    head = [fitted(h, "head_right" if i in right else "head", room[i]) for i, h in enumerate(header)]
    body = [[cell if not isinstance(cell, str) else fitted(cell, "cell_right" if i in right else "cell", room[i])
             for i, cell in enumerate(row)] for row in rows]
    if total is not None:
        body.append([cell if not isinstance(cell, str)
                     else para(cell, "cell_bold_right" if i in right else "cell_bold")
                     for i, cell in enumerate(total)])
    heights = None if row_height is None else [None, *([row_height] * len(body))]
    table = FlowTable([head, *body], colWidths=list(widths), rowHeights=heights, repeatRows=1 if repeat else 0,
                      hAlign="LEFT")
    table.setStyle(styles.table_style(zebra_rows=len(rows), total_row=total is not None))
    return table


def gap(height: float = 6) -> Spacer:
    return Spacer(0, height)


class Figure(Flowable):
    """A drawing (a chart of reportlab.graphics) as one tagged Figure with its alternative text, so a
    screen reader says what it shows; its strings are drawn in the document's own font."""

    def __init__(self, drawing, alt: str) -> None:
        super().__init__()
        # reportlab's renderer starts a drawing in Helvetica (not embedded) unless it says otherwise
        drawing.initialFontName = styles.REGULAR
        self.drawing, self.alt = drawing, alt
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        tagger = getattr(self.canv, "tagger", None)
        if tagger is None:
            renderPDF.draw(self.drawing, self.canv, 0, 0)
            return
        with tagger.leaf(self.canv, "Figure") as element:
            if element is not None:
                element.alt = self.alt
            renderPDF.draw(self.drawing, self.canv, 0, 0)


class Picture(Flowable):
    """A photo (PNG or JPEG bytes) at most `width` wide and `height` high, kept in proportion, as
    one tagged Figure with its alternative text."""

    def __init__(self, data: bytes, width: float, height: float, alt: str) -> None:
        super().__init__()
        import io

        from reportlab.lib.utils import ImageReader

        self.reader = ImageReader(io.BytesIO(data))
        w, h = self.reader.getSize()
        scale = min(width / w, height / h)
        self.width, self.height, self.alt = w * scale, h * scale, alt

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self) -> None:
        tagger = getattr(self.canv, "tagger", None)
        if tagger is None:
            self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")
            return
        with tagger.leaf(self.canv, "Figure") as element:
            if element is not None:
                element.alt = self.alt
            self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")
