"""Charts drawn with reportlab.graphics, the same drawing for a PDF page and for the GUI (as SVG,
which Qt's QSvgWidget shows): no chart library besides the one the documents already use."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from verkstad.documents import styles
from verkstad.i18n import Translator

LABEL_SIZE = 8


def _shortened(text: str, width: float) -> str:
    """`text`, cut with an ellipsis to fit `width` points at the label size."""
    if stringWidth(text, styles.REGULAR, LABEL_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", styles.REGULAR, LABEL_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def bar_chart(title: str, labels: list[str], series: list[list[float]], fills: list, width: float,
              tr: Translator, *, legend: list[str] | None = None, label_width: float = 78,
              value_max: float | None = None, decimals: int = 0) -> Drawing:
    """A horizontal bar chart of one value (or stacked values) per label, titled, its figures in
    the report's language; the same drawing the GUI shows as SVG (`svg`). Labels wider than
    `label_width` points are shortened with an ellipsis; the value axis runs to `value_max` (or
    the largest value), its figures with `decimals` decimals."""
    styles.register_fonts()  # measuring the labels needs the family (the GUI draws before any document)
    labels = [_shortened(label, label_width - 6) for label in labels]
    height = 30 + 16 * len(labels) + (14 if legend else 0)
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, title, fontName=styles.BOLD, fontSize=9.5, fillColor=styles.TEXT))
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 16 + (14 if legend else 0)
    chart.width, chart.height = width - label_width - 12, 16 * len(labels)
    chart.data = series
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = styles.REGULAR
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.reverseDirection = True  # the first label at the top
    chart.categoryAxis.strokeColor = styles.RULE
    chart.valueAxis.valueMin = 0
    top = max([sum(values) for values in zip(*series, strict=True)] or [0])
    chart.valueAxis.valueMax = value_max if value_max is not None else max(1, top)
    if decimals == 0:  # whole figures: a tick at whole steps only (never "0 0 1 1 2")
        chart.valueAxis.valueStep = max(1, math.ceil(chart.valueAxis.valueMax / 8))
    chart.valueAxis.labels.fontName = styles.REGULAR
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = lambda value: tr.number(value, decimals)
    chart.valueAxis.strokeColor = styles.RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = styles.ZEBRA
    chart.barSpacing = 2
    chart.groupSpacing = 5
    if len(series) > 1:
        chart.categoryAxis.style = "stacked"
    for i, fill in enumerate(fills):
        chart.bars[i].fillColor = fill
        chart.bars[i].strokeColor = None
    if len(series) == 1:  # one colour per bar: the state's
        for j, fill in enumerate(fills):
            chart.bars[(0, j)].fillColor = fill
    drawing.add(chart)
    if legend:
        x = chart.x
        for text, fill in zip(legend, fills, strict=True):
            drawing.add(Rect(x, 2, 8, 8, fillColor=fill, strokeColor=None))
            drawing.add(String(x + 11, 3, text, fontName=styles.REGULAR, fontSize=8, fillColor=styles.TEXT))
            x += 18 + len(text) * 4.6
    return drawing


def svg(drawing: Drawing) -> bytes:
    """The drawing as an SVG document (for the GUI), on white: a page is white, but an SVG's empty
    ground is transparent, and Qt showed it black under the black labels."""
    from reportlab.graphics import renderSVG
    from reportlab.lib import colors

    styles.register_fonts()
    framed = Drawing(drawing.width, drawing.height)
    framed.add(Rect(0, 0, drawing.width, drawing.height, fillColor=colors.white, strokeColor=None))
    for item in drawing.contents:
        framed.add(item)
    text = renderSVG.drawToString(framed)
    # the family as Qt knows it (`svg_fonts` registers its files), so labels measure as on paper
    text = text.replace(f"font-family: {styles.BOLD};", f"font-family: {SVG_FAMILY}; font-weight: bold;")
    return text.replace(f"font-family: {styles.REGULAR};", f"font-family: {SVG_FAMILY};").encode("utf-8")


SVG_FAMILY = "Noto Sans"  # the family name inside the files styles.REGULAR and styles.BOLD are made from


def svg_fonts() -> list[str]:
    """The font files a GUI registers (QFontDatabase.addApplicationFont) to draw `svg`'s labels."""
    return [str(styles.font_file(name)) for name in (styles.REGULAR, styles.BOLD)]
