"""Flowables every document shares: title block, label/value facts, data tables, bullet lists."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Paragraph, Spacer, Table

from verkstad.documents import styles
from verkstad.documents.text import markup


class FlowTable(Table):
    """A table that breaks between rows, and inside a row only when that row alone is taller
    than a whole page (reportlab's splitInRow would otherwise cut short rows too). Its plain
    cells (even empty ones) are set in the family, not reportlab's unembedded Helvetica."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setStyle([("FONTNAME", (0, 0), (-1, -1), styles.REGULAR)])

    def split(self, availWidth, availHeight):
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


def para(text: object, style: str = "body") -> Paragraph:
    """A paragraph printing `text` literally (user text is escaped here)."""
    return Paragraph(markup(text), styles.sheet()[style])


def rich(marked_up: str, style: str = "body", bullet: str | None = None) -> Paragraph:
    """A paragraph of markup built by the document code itself (its parts escaped already)."""
    return Paragraph(marked_up, styles.sheet()[style], bulletText=bullet)


def title_block(kicker: str, title: str, subtitle: str) -> list:
    out = [para(kicker, "kicker"), para(title, "title")]
    if subtitle:
        out.append(para(subtitle, "subtitle"))
    return out


def facts(rows: Sequence[tuple[str, object]], width: float, label_width: float = 110) -> Table:
    """Label/value pairs, e.g. time and venue; values are user text."""
    data = [[para(label, "label"), value if not isinstance(value, str) else para(value, "value")]
            for label, value in rows if value not in (None, "")]
    if not data:
        return Spacer(0, 0)
    table = FlowTable(data, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(styles.facts_style())
    return table


def fitted(text: object, style: str, width: float, smallest: float = 0.75) -> Paragraph:
    """A paragraph whose font shrinks (to `smallest` of its size at most) until its longest word
    fits `width`, so a long word in a narrow column ("Rådgivningsteamet") is not cut in two."""
    base = styles.sheet()[style]
    value = markup(text)
    words = str(text).split()
    if not words:
        return Paragraph(value, base)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    longest = max(stringWidth(w, base.fontName, base.fontSize) for w in words)
    if longest <= width:
        return Paragraph(value, base)
    scale = max(smallest, width / longest)
    from reportlab.lib.styles import ParagraphStyle

    small = ParagraphStyle(f"{base.name}-fit", parent=base, fontSize=base.fontSize * scale,
                           leading=base.leading * scale)
    return Paragraph(value, small)


def data_table(header: Sequence[str], rows: list[list], widths: Sequence[float], *,
               right: Sequence[int] = (), total: list | None = None, repeat: bool = True) -> Table:
    """A table with a header row; `rows` hold flowables or strings (strings are escaped)."""
    room = [w - 8 for w in widths]  # minus the cell padding
    head = [fitted(h, "head_right" if i in right else "head", room[i]) for i, h in enumerate(header)]
    body = [[cell if not isinstance(cell, str) else fitted(cell, "cell_right" if i in right else "cell", room[i])
             for i, cell in enumerate(row)] for row in rows]
    if total is not None:
        body.append([cell if not isinstance(cell, str)
                     else para(cell, "cell_bold_right" if i in right else "cell_bold")
                     for i, cell in enumerate(total)])
    table = FlowTable([head, *body], colWidths=list(widths), repeatRows=1 if repeat else 0,
                      hAlign="LEFT")
    table.setStyle(styles.table_style(zebra_rows=len(rows), total_row=total is not None))
    return table


def gap(height: float = 6) -> Spacer:
    return Spacer(0, height)
