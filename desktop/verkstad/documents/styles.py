"""The one stylesheet of every document: fonts, colours, paragraph and table styles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from verkstad.paths import resource

FAMILY = "VerkstadSans"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (FAMILY, FAMILY + "-Bold", FAMILY + "-Italic", FAMILY + "-BoldItalic")
# Noto Sans, a humanist sans with Latin, Greek and Cyrillic in all four faces.
_FILES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}
# Where a character the family lacks is taken from, in this order: (family, regular face, bold
# face or None). A fallback has no italic: its upright face stands in (reportlab would otherwise
# print U+FFFD for a character one face of a family lacks).
FALLBACKS = (
    ("VerkstadArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    ("VerkstadHebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    ("VerkstadSymbols", "NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf"),
    ("VerkstadSymbols2", "NotoSansSymbols2-Regular.ttf", None),
    ("VerkstadWide", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),  # arrows, box drawing, some emoji
)
for _family, _regular, _bold in FALLBACKS:
    _FILES[_family] = _regular
    if _bold:
        _FILES[_family + "-Bold"] = _bold
FALLBACK_NAMES = frozenset(name for name, _r, _b in FALLBACKS)

# Colours: a quiet green for headings and rules, greys for furniture.
ACCENT = colors.HexColor("#1E5B4B")
ACCENT_LIGHT = colors.HexColor("#E6EFEB")
RULE = colors.HexColor("#B7C7C1")
MUTED = colors.HexColor("#5F6B67")
TEXT = colors.HexColor("#1D2422")
ALERT = colors.HexColor("#A3321F")
ZEBRA = colors.HexColor("#F5F8F7")
WATERMARK = colors.HexColor("#EDEFEE")  # opaque (16 % of the grey-green over white): a form has no transparency state

# The longest line of prose: about 75 characters of the family at 10 pt. Prose paragraphs
# (`PROSE`) are no wider, whatever the frame; tables take the frame's whole width.
MEASURE = 135 * mm
PROSE = frozenset({"body", "muted", "item", "numbered", "numbered_item", "alert", "subtitle"})
SMALLEST = 8  # no text is set smaller (points)

# A4 margins; the header and footer sit in the top and bottom margins.
MARGIN_X = 20 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 22 * mm


def font_file(name: str):
    """The file of a registered face."""
    return resource("fonts", _FILES[name])


@dataclass(frozen=True)
class Coverage:
    """What the shipped fonts draw: the characters all four faces of the family have, and for
    each other character the fallback family that has it."""

    family: frozenset[str]
    fallback: dict[str, str]

    def drawable(self, ch: str) -> bool:
        return ch in self.family or ch in self.fallback


def _to_unicode(fontname, subset, _original=ttfonts.makeToUnicodeCMap):
    """reportlab's ToUnicode map, with characters beyond U+FFFF written as UTF-16 surrogate
    pairs: reportlab writes their code point in five hex digits, which a reader takes as four, so
    an emoji copied out of the PDF came out as another character."""
    text = _original(fontname, subset)
    for i, code in enumerate(subset):
        if code > 0xFFFF:
            pair = chr(code).encode("utf-16-be").hex().upper()
            text = text.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{pair}>")
    return text


@cache
def register_fonts() -> Coverage:
    """Register the family and its fallbacks once; returns what they cover."""
    ttfonts.makeToUnicodeCMap = _to_unicode
    covered: set[int] | None = None
    for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
        font = TTFont(name, str(font_file(name)))
        pdfmetrics.registerFont(font)
        chars = set(font.face.charToGlyph)
        covered = chars if covered is None else covered & chars
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    family = covered or set()
    fallback: dict[str, str] = {}
    for name, _regular, bold in FALLBACKS:
        font = TTFont(name, str(font_file(name)))
        pdfmetrics.registerFont(font)
        bold_name = name
        if bold:
            bold_name = name + "-Bold"
            pdfmetrics.registerFont(TTFont(bold_name, str(font_file(bold_name))))
        pdfmetrics.registerFontFamily(name, normal=name, bold=bold_name, italic=name, boldItalic=bold_name)
        for code in font.face.charToGlyph:
            if code not in family and code > 0x20:
                fallback.setdefault(chr(code), name)
    return Coverage(frozenset(chr(c) for c in family), fallback)


def face(font: str, fallback: str) -> str:
    """The face of `fallback` that stands in for `font` (bold for a bold face)."""
    bold = font in (BOLD, BOLD_ITALIC)
    return fallback + "-Bold" if bold and fallback + "-Bold" in _FILES else fallback


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """`text` cut into runs of one face each: `font`, or the fallback that has the characters."""
    coverage = register_fonts()
    if text.isascii() or coverage.family.issuperset(text):
        return [(font, text)]
    fallback = coverage.fallback
    out: list[tuple[str, str]] = []
    for ch in text:
        name = fallback.get(ch)
        current = face(font, name) if name else font
        if out and out[-1][0] == current:
            out[-1] = (current, out[-1][1] + ch)
        else:
            out.append((current, ch))
    return out


def _style(name: str, **kw) -> ParagraphStyle:
    # Bullets and sub-clause numbers in the family too: reportlab's default, Helvetica, is not
    # embedded and its bullet copies out as U+007F.
    base = {"fontName": REGULAR, "fontSize": 10, "leading": 14, "textColor": TEXT, "splitLongWords": 1,
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
        "body": _style("body", spaceAfter=6),
        "muted": _style("muted", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=4),
        "cell": _style("cell", fontSize=8.5, leading=11),
        "cell_small": _style("cell_small", fontSize=8, leading=10, textColor=MUTED),
        "cell_right": _style("cell_right", fontSize=8.5, leading=11, alignment=TA_RIGHT),
        "cell_bold": _style("cell_bold", fontName=BOLD, fontSize=8.5, leading=11),
        "cell_bold_right": _style("cell_bold_right", fontName=BOLD, fontSize=8.5, leading=11,
                                  alignment=TA_RIGHT),
        "head": _style("head", fontName=BOLD, fontSize=8, leading=10, textColor=ACCENT),
        "head_right": _style("head_right", fontName=BOLD, fontSize=8, leading=10,
                             textColor=ACCENT, alignment=TA_RIGHT),
        "label": _style("label", fontName=BOLD, fontSize=8.5, leading=12, textColor=MUTED),
        "value": _style("value", fontSize=10, leading=13.5),
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
