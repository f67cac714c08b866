"""Page furniture of every document: header, footer "Page X of Y", version line, draft
watermark, PDF metadata, and the build that turns a story into reproducible bytes."""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass, replace
from functools import cache

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from verkstad.documents import styles, tagging
from verkstad.documents.text import DocumentError, plain
from verkstad.i18n import Translator, _

log = logging.getLogger(__name__)


@dataclass
class Furniture:
    """What is printed on every page around the story (all plain, already translated text)."""

    programme: str
    organisation: str
    document: str  # the document's title, in the footer
    page_label: str  # e.g. "Page {page} of {pages}", translated
    version_line: str = ""  # the agreement's version and date
    watermark: str = ""  # e.g. "UDKAST"; empty when none
    logo: str = ""  # the team's logo (PNG or JPEG in base64, as the programme stores it); "" for none


@dataclass
class Metadata:
    title: str
    author: str
    subject: str
    language: str  # BCP 47, e.g. "da"
    date: dt.datetime  # the data's date: the PDF's creation date, so bytes are reproducible
    keywords: str = ""


FURNITURE = 8  # the size of header and footer: no text is smaller


def page_label(tr: Translator) -> str:
    """The footer's "Page {page} of {pages}" in the document's language."""
    return tr.gettext("Page {page} of {pages}")


def _page_text(label: str, page: int, pages: int) -> str:
    try:
        return label.format(page=page, pages=pages)
    except (KeyError, IndexError, ValueError):  # a broken translation must not stop the print
        return f"{page} / {pages}"


def _width(c: Canvas, text: str, font: str, size: float) -> float:
    return sum(c.stringWidth(chunk, face, size) for face, chunk in styles.runs(text, font))


def _draw(c: Canvas, x: float, y: float, text: str, font: str, size: float, *, right: bool = False) -> float:
    """Draw `text` at `x` (its right end at `x` when `right`), each character in a face that has
    it; returns its width."""
    parts = styles.runs(text, font)
    width = sum(c.stringWidth(chunk, face, size) for face, chunk in parts)
    if right:
        x -= width
    for face, chunk in parts:
        c.setFont(face, size)
        c.drawString(x, y, chunk)
        x += c.stringWidth(chunk, face, size)
    return width


def _fit(c: Canvas, text: str, font: str, size: float, width: float) -> str:
    """Shorten `text` with an ellipsis until it fits `width` points."""
    if _width(c, text, font, size) <= width:
        return text
    low, high = 0, min(len(text), int(width // (size * 0.2)) + 1)  # no glyph is narrower
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if _width(c, text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


LOGO_HEIGHT = 7 * mm


def _logo(encoded: str):
    """The logo as reportlab reads a picture, and its width at LOGO_HEIGHT; None for none. A
    stored logo reportlab cannot read (the programme checked it when it was set) is left out of
    the page and logged, rather than stopping the print."""
    if not encoded:
        return None
    import base64
    import binascii

    from PIL import Image
    from reportlab.lib.utils import ImageReader

    try:
        picture = Image.open(io.BytesIO(base64.b64decode(encoded, validate=True)))
        picture.load()  # all of it now: a picture cut short fails here, not inside the layout
        reader = ImageReader(picture)
        w, h = reader.getSize()
    except (binascii.Error, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        log.warning("the programme's logo cannot be read; the document is printed without it", exc_info=True)
        return None
    return reader, LOGO_HEIGHT * w / h if h else 0


def _draw_header(c: Canvas, doc) -> None:
    f: Furniture = doc.furniture
    width, height = doc.pagesize
    y = height - 14 * mm
    half = (width - 2 * styles.MARGIN_X) / 2 - 6
    left = styles.MARGIN_X
    if f.watermark:
        with c.tagger.artifact(c, "Pagination", "Watermark"):
            _draw_watermark(c, f.watermark, width, height)
    c.tagger.begin_artifact(c, "Pagination", "Header")
    c.saveState()
    room = half  # for the team's name: less the logo's width
    if doc.logo is not None:  # the sender: the team's logo, then its name
        reader, logo_width = doc.logo
        logo_width = min(logo_width, half / 2)
        c.drawImage(reader, left, y - 1.5 * mm, logo_width, LOGO_HEIGHT, mask="auto", preserveAspectRatio=True,
                    anchor="sw")
        left += logo_width + 3 * mm
        room -= logo_width + 3 * mm
    c.setFillColor(styles.MUTED)
    _draw(c, left, y, _fit(c, f.programme, styles.REGULAR, FURNITURE, room), styles.REGULAR, FURNITURE)
    _draw(c, width - styles.MARGIN_X, y, _fit(c, f.organisation, styles.BOLD, FURNITURE, half), styles.BOLD,
          FURNITURE, right=True)
    c.setStrokeColor(styles.RULE)
    c.setLineWidth(0.5)
    c.line(styles.MARGIN_X, y - 3 * mm, width - styles.MARGIN_X, y - 3 * mm)
    c.restoreState()
    c.tagger.end_artifact(c)


@cache
def _outline(word: str, font: str) -> tuple[tuple[tuple[str, tuple[float, ...]], ...], float]:
    """The glyph outlines of `word` in `font` at 1 pt, as path operations, and its width: the
    watermark is drawn as shapes, so it is not text that copying or a screen reader picks up."""
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    face = TTFont(str(styles.font_file(font)), lazy=True)
    scale = 1 / face["head"].unitsPerEm
    cmap, glyphs, metrics = face.getBestCmap(), face.getGlyphSet(), face["hmtx"]
    ops: list[tuple[str, tuple[float, ...]]] = []
    x = 0.0

    class Pen(BasePen):
        def _moveTo(self, pt):
            ops.append(("moveTo", ((x + pt[0]) * scale, pt[1] * scale)))

        def _lineTo(self, pt):
            ops.append(("lineTo", ((x + pt[0]) * scale, pt[1] * scale)))

        def _curveToOne(self, p1, p2, p3):
            ops.append(("curveTo", tuple(v for pt in (p1, p2, p3) for v in ((x + pt[0]) * scale, pt[1] * scale))))

        def _closePath(self):
            ops.append(("close", ()))

    for char in word:
        name = cmap.get(ord(char))
        if name is None:
            continue
        glyphs[name].draw(Pen(glyphs))
        x += metrics[name][0]
    return tuple(ops), x * scale


def _draw_watermark(c: Canvas, word: str, width: float, height: float) -> None:
    """The draft's word across the page, drawn once as a form that every page shows."""
    name = f"watermark{int(width)}x{int(height)}"
    if not c.hasForm(name):
        ops, advance = _outline(word, styles.BOLD)
        size = 110
        while size > 30 and advance * size > 0.95 * (width ** 2 + height ** 2) ** 0.5 * 0.7:
            size -= 5
        c.beginForm(name, 0, 0, width, height)
        c.setFillColor(styles.WATERMARK)
        c.translate(width / 2, height / 2)
        c.rotate(54.7 if height > width else 35)
        c.translate(-advance * size / 2, -size * 0.35)
        c.scale(size, size)
        path = c.beginPath()
        for op, args in ops:
            getattr(path, op)(*args)
        c.drawPath(path, stroke=0, fill=1, fillMode=1)  # non-zero winding, as TrueType outlines are drawn
        c.endForm()
    c.doForm(name)


def _draw_footer(c: Canvas, furniture: Furniture, page: int, pages: int) -> None:
    width, _height = c._pagesize
    y = 12 * mm
    c.tagger.begin_artifact(c, "Pagination", "Footer")
    c.saveState()
    c.setStrokeColor(styles.RULE)
    c.setLineWidth(0.5)
    c.line(styles.MARGIN_X, y + 4.5 * mm, width - styles.MARGIN_X, y + 4.5 * mm)
    c.setFillColor(styles.MUTED)
    right = _page_text(furniture.page_label, page, pages)
    room = width - 2 * styles.MARGIN_X - _width(c, right, styles.REGULAR, FURNITURE) - 12
    left = furniture.document + (f"  ·  {furniture.version_line}" if furniture.version_line else "")
    _draw(c, styles.MARGIN_X, y, _fit(c, left, styles.REGULAR, FURNITURE, room), styles.REGULAR, FURNITURE)
    _draw(c, width - styles.MARGIN_X, y, right, styles.REGULAR, FURNITURE, right=True)
    c.restoreState()
    c.tagger.end_artifact(c)


class Contents(Flowable):
    """A contents list whose page numbers are written when the document is saved, when every
    page is known (as "Page X of Y" is): one layout pass, not reportlab's multiBuild. Each entry
    is (title, key); the flowable starting that part has `outline` = title, `outline_key` = key."""

    SIZE, LEADING = 9.5, 15

    def __init__(self, heading: str, entries: list[tuple[str, str]]) -> None:
        super().__init__()
        self.heading, self.entries = heading, entries

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = (len(self.entries) + (1 if self.heading else 0)) * self.LEADING + 8
        return self.width, self.height

    def split(self, availWidth, availHeight):
        """As many entries as fit here, the rest (without the heading again) on the next page."""
        fit = int((availHeight - 8) // self.LEADING) - (1 if self.heading else 0)
        if fit < 1 or fit >= len(self.entries):
            return []
        first, rest = Contents(self.heading, self.entries[:fit]), Contents("", self.entries[fit:])
        first.tag_holder = rest.tag_holder = self.__dict__.setdefault("tag_holder", {})
        return [first, rest]

    def draw(self) -> None:
        c = self.canv
        tagger: tagging.Tagger = c.tagger
        y = self.height - self.LEADING + 3
        if self.heading:
            with tagger.leaf(c, "H2"):
                c.setFillColor(styles.TEXT)
                _draw(c, 0, y, plain(self.heading), styles.BOLD, 10.5)
        else:
            y += self.LEADING
        room = min(self.width, 160 * mm)  # a readable measure, the number at its end
        holder = self.__dict__.setdefault("tag_holder", {})
        if "element" in holder:
            tagger.push(holder["element"])
        else:
            holder["element"] = tagger.open("TOC")
        for title, key in self.entries:
            y -= self.LEADING
            tagger.open("TOCI")
            with tagger.leaf(c, "Link") as reference:  # PDF/UA: a link's text and its annotation in one Link
                text = _fit(c, plain(title), styles.REGULAR, self.SIZE, room - 20 * mm)
                start = _draw(c, 0, y, text, styles.REGULAR, self.SIZE) + 4
            with tagger.artifact(c):
                c.setFillColor(styles.RULE)
                c.setFont(styles.REGULAR, self.SIZE)
                dots = "." * max(0, int((room - 12 * mm - start) // c.stringWidth(".", styles.REGULAR, self.SIZE)))
                c.drawString(start, y, dots)
                c.setFillColor(styles.TEXT)
            link = tagging.TaggedLink(Rect=c._absRect((0, y - 3, room, y + self.SIZE), 1), Contents=plain(title),
                                      Destination=c._bookmarkReference(key), Border="[0 0 0]")
            c._addAnnotation(link)
            if reference is not None:
                reference.link = (c.page_index(), link)
            x, page_y = c.absolutePosition(room, y)
            c.contents_slot(x, page_y, key, reference)
            tagger.close()
        tagger.close()



_PAGE_KEYS = [*pdfdoc.PDFPage.__NoDefault__, "StructParents", "Tabs"]


def _canvas_maker(furniture: Furniture, meta: Metadata):
    stamp = meta.date.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")

    class NumberedCanvas(Canvas):
        """Keeps every page until the end so the footer can say "Page X of Y"; tags what is
        drawn (`tagger`) and writes the structure tree when saved."""

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("pdfVersion", (1, 7))
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_: stamp)
            self.setViewerPreference("DisplayDocTitle", "true")  # the viewer shows the title, not the file name
            self.tagger = tagging.Tagger(meta.language)
            self._pages: list[dict] = []
            self._marks: list[str] = []  # bookmarks on the page being drawn
            self._slots: list[tuple[float, float, str, object]] = []  # page numbers of contents to write
            self._writing = -1  # the page being written out at the end

        def page_index(self) -> int:
            """The page being drawn, from 0."""
            return len(self._pages) if self._writing < 0 else self._writing

        def contents_slot(self, x: float, y: float, key: str, element) -> None:
            self._slots.append((x, y, key, element))

        def _setAnnotations(self, page):
            super()._setAnnotations(page)
            page.__NoDefault__ = _PAGE_KEYS
            page.StructParents = self._writing
            page.Tabs = pdfdoc.PDFName("S")  # tab through links in the order of the structure

        def bookmarkPage(self, key, **kwargs):
            # The page is written out only at the end: mark it then, or every bookmark would
            # point at the first page.
            self._marks.append(key)

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._marks, self._slots = [], []
            self._startPage()

        def save(self):
            total = len(self._pages)
            page_of = {key: number for number, state in enumerate(self._pages, start=1) for key in state["_marks"]}
            refs = []
            tagger = self.tagger
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._writing = number - 1
                for key in state["_marks"]:
                    Canvas.bookmarkPage(self, key, fit="XYZ", top=self._pagesize[1])
                for x, y, key, element in state["_slots"]:
                    if key in page_of:
                        with (tagger.content(self, element) if element is not None else tagger.artifact(self)):
                            self.setFont(styles.REGULAR, Contents.SIZE)
                            self.setFillColor(styles.TEXT)
                            self.drawRightString(x, y, str(page_of[key]))
                _draw_footer(self, furniture, number, total)
                refs.append(self._doc.thisPageRef())
                Canvas.showPage(self)
            tagger.write(self._doc, refs, meta)
            Canvas.save(self)

    return NumberedCanvas


class _Document(BaseDocTemplate):
    """Adds a PDF bookmark (outline entry) for every flowable with an `outline` title: the
    clauses of the agreement, the groups of the activity plan."""

    def afterFlowable(self, flowable) -> None:
        title = getattr(flowable, "outline", None)
        if title:
            key = getattr(flowable, "outline_key", None) or f"outline{len(self._outlines)}"
            self._outlines.append(key)
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(plain(title), key, level=0, closed=False)
            self.canv.showOutline()

    def handle_documentBegin(self) -> None:
        self._outlines: list[str] = []
        super().handle_documentBegin()


def build_pdf(story: list, furniture: Furniture, meta: Metadata, *, wide: bool = False,
              size: tuple[float, float] | None = None) -> bytes:
    """Lay out `story` on A4 pages (landscape when `wide`; or pages of `size`, a poster's A3) and
    return the PDF's bytes."""
    styles.register_fonts()
    meta = replace(meta, title=plain(meta.title), author=plain(meta.author), subject=plain(meta.subject),
                   keywords=plain(meta.keywords))
    size = size or (landscape(A4) if wide else A4)
    buffer = io.BytesIO()
    doc = _Document(
        buffer, pagesize=size, leftMargin=styles.MARGIN_X, rightMargin=styles.MARGIN_X,
        topMargin=styles.MARGIN_TOP, bottomMargin=styles.MARGIN_BOTTOM,
        title=meta.title, author=meta.author, subject=meta.subject, keywords=meta.keywords, creator="Verkstad",
        lang=meta.language, invariant=1,
        # Every page starts in this font; reportlab's default, Helvetica, would be listed as a
        # font the document uses and does not embed.
        initialFontName=styles.REGULAR, initialFontSize=9.5, initialLeading=13,
    )
    doc.furniture = Furniture(
        programme=plain(furniture.programme), organisation=plain(furniture.organisation),
        document=plain(furniture.document), page_label=furniture.page_label,
        version_line=plain(furniture.version_line), watermark=plain(furniture.watermark),
    )
    doc.logo = _logo(furniture.logo)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_draw_header)])
    try:
        doc.build(story, canvasmaker=_canvas_maker(doc.furniture, meta))
    except LayoutError as exc:
        raise DocumentError(
            _("A part of the document is too large to fit on a page; shorten its longest text.")
        ) from exc
    return buffer.getvalue()
