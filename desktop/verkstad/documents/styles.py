"""The one stylesheet of every document: fonts, colours, paragraph and table styles."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from verkstad.paths import resource

FAMILY = "VerkstadSans"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (FAMILY, FAMILY + "-Bold", FAMILY + "-Oblique",
                                      FAMILY + "-BoldOblique")
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

# Colours: a quiet green for headings and rules, greys for furniture.
ACCENT = colors.HexColor("#1E5B4B")
ACCENT_LIGHT = colors.HexColor("#E6EFEB")
RULE = colors.HexColor("#B7C7C1")
MUTED = colors.HexColor("#5F6B67")
TEXT = colors.HexColor("#1D2422")
ALERT = colors.HexColor("#A3321F")
ZEBRA = colors.HexColor("#F5F8F7")
WATERMARK = colors.Color(0.55, 0.6, 0.58, alpha=0.16)

# A4 margins; the header and footer sit in the top and bottom margins.
MARGIN_X = 20 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 22 * mm


@cache
def register_fonts() -> frozenset[str]:
    """Register the shipped DejaVu Sans family once; returns the characters all four faces draw."""
    covered: set[int] | None = None
    for name, filename in _FILES.items():
        path = resource("fonts", filename)
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        chars = set(font.face.charToGlyph)
        covered = chars if covered is None else covered & chars
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD_ITALIC)
    return frozenset(chr(c) for c in covered or ())


def _style(name: str, **kw) -> ParagraphStyle:
    # Bullets and sub-clause numbers in the family too: reportlab's default, Helvetica, is not
    # embedded and its bullet copies out as U+007F.
    base = {"fontName": REGULAR, "fontSize": 9.5, "leading": 13, "textColor": TEXT, "splitLongWords": 1,
            "alignment": TA_LEFT, "allowWidows": 0, "allowOrphans": 0, "bulletFontName": REGULAR}
    base.update(kw)
    return ParagraphStyle(name, **base)


@cache
def sheet() -> dict[str, ParagraphStyle]:
    """The paragraph styles, by name."""
    register_fonts()
    return {
        "kicker": _style("kicker", fontName=BOLD, fontSize=8.5, leading=11, textColor=ACCENT,
                         spaceAfter=2),
        "title": _style("title", fontName=BOLD, fontSize=20, leading=24, textColor=ACCENT,
                        spaceAfter=4),
        "subtitle": _style("subtitle", fontSize=11.5, leading=15, textColor=MUTED, spaceAfter=10),
        "h1": _style("h1", fontName=BOLD, fontSize=12.5, leading=16, textColor=ACCENT,
                     spaceBefore=12, spaceAfter=5, keepWithNext=1),
        "h2": _style("h2", fontName=BOLD, fontSize=10.5, leading=14, textColor=TEXT,
                     spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "group": _style("group", fontName=BOLD, fontSize=10.5, leading=14, textColor=TEXT,
                        spaceBefore=8, spaceAfter=3),  # a group of table rows: it may part from its rows
        "body": _style("body", spaceAfter=5),
        "muted": _style("muted", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=4),
        "cell": _style("cell", fontSize=8.5, leading=11),
        "cell_small": _style("cell_small", fontSize=7.5, leading=9.5, textColor=MUTED),
        "cell_right": _style("cell_right", fontSize=8.5, leading=11, alignment=TA_RIGHT),
        "cell_bold": _style("cell_bold", fontName=BOLD, fontSize=8.5, leading=11),
        "cell_bold_right": _style("cell_bold_right", fontName=BOLD, fontSize=8.5, leading=11,
                                  alignment=TA_RIGHT),
        "head": _style("head", fontName=BOLD, fontSize=8, leading=10, textColor=ACCENT),
        "head_right": _style("head_right", fontName=BOLD, fontSize=8, leading=10,
                             textColor=ACCENT, alignment=TA_RIGHT),
        "label": _style("label", fontName=BOLD, fontSize=8.5, leading=12, textColor=MUTED),
        "value": _style("value", fontSize=9.5, leading=12.5),
        "item": _style("item", leftIndent=12, bulletIndent=2, spaceAfter=2),
        # a numbered sub-clause ("4.2"): the number hangs in the margin of the text
        "numbered": _style("numbered", leftIndent=24, bulletIndent=0, spaceAfter=5),
        "numbered_item": _style("numbered_item", leftIndent=24, bulletIndent=0, spaceAfter=2),
        "alert": _style("alert", fontName=BOLD, fontSize=8.5, leading=11, textColor=ALERT),
    }


def table_style(*, header: bool = True, zebra_rows: int = 0, first_row: int = 1,
                total_row: bool = False, rows: int = 0):
    """The grid of every data table: a tinted header, hairline rows, optional zebra and total."""
    from reportlab.platypus import TableStyle

    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    if header:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT_LIGHT),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ]
    for r in range(first_row, first_row + zebra_rows):
        if (r - first_row) % 2 == 1:
            cmds.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    if total_row:
        cmds += [("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT), ("LINEBELOW", (0, -1), (-1, -1), 0, colors.white)]
    return TableStyle(cmds)


def facts_style():
    """A two-column table of label and value (time, venue, version...)."""
    from reportlab.platypus import TableStyle

    return TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ])
