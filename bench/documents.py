"""Document benchmark: a 50-page activity plan rendered by Verkstad in process, beside the same
content laid out with plain Platypus (same fonts, one table, no page furniture) in the same run
(the floor); median of several runs and the ratio; the same plan as a Word document (python-docx)
and read back. Where LibreOffice is installed, also the time `soffice` takes to convert an
equivalent .docx to PDF.

    .venv/bin/python bench/documents.py [--runs 7] [--pages 50]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))

from verkstad.documents import plan, styles  # noqa: E402
from verkstad.domain.model import Activity, Organisation, Programme  # noqa: E402

STAMP = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
ROWS_PER_PAGE = 10  # measured: rows of this content on an A4 landscape page


THEMES = {f"theme{i}": name for i, name in enumerate(
    ("Grøn", "Cirkulær", "Social ansvarlighed", "Adfærdskodeks", "Beskæftigelse"))}
LONG_PLAN = 295  # activities: the long plan whose page count issue 11 bounds at 40 in every language


def plan_input(count: int, themes: dict[str, str] | None = None) -> plan.PlanInput:
    programme = Programme(name="Rejsehold for grønne indkøb", updated_at=STAMP)
    org = Organisation(name="Nordhavn Kommune", updated_at=STAMP)
    keys = list(themes or {})
    activities = [
        Activity(position=i, title=f"Aktivitet {i + 1}: grønne krav til rengøring og IT-udstyr",
                 description="Kravspecifikationen gennemgås med indkøberen: miljømærkede midler, "
                             "doseringsudstyr, totalomkostninger og opfølgning på leverandørens indsats.",
                 theme_id=keys[i * len(keys) // count] if keys else None,
                 team_hours=12.5, org_hours=8, start_date=dt.date(2027, 3, 1), deadline=dt.date(2027, 5, 1),
                 status="ongoing", impact="large", responsible="both", updated_at=STAMP)
        for i in range(count)
    ]
    return plan.PlanInput(programme, org, activities, today=dt.date(2027, 4, 1), themes=dict(themes or {}))


def floor(data: plan.PlanInput) -> bytes:
    """The same table of the same texts with plain Platypus: one frame, no header, footer,
    watermark hook, escaping pass or glyph check."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table

    sheet = styles.sheet()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=landscape(A4), leftMargin=20 * mm, rightMargin=20 * mm,
                          topMargin=26 * mm, bottomMargin=22 * mm, invariant=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(frames=[frame])])  # the same frame, no page furniture
    cell = sheet["cell"]
    rows = [[Paragraph(h, sheet["head"]) for h in
             ("#", "Activity", "Responsible", "Period", "Status", "Impact", "Team", "Org")]]
    for n, a in enumerate(data.activities, start=1):
        rows.append([Paragraph(f"{n}.", cell),
                     [Paragraph(escape(a.title), sheet["cell_bold"]), Paragraph(escape(a.description), cell)],
                     Paragraph("Both", cell), Paragraph("01.03.2027 –<br/>01.05.2027", cell),
                     Paragraph("Ongoing", cell), Paragraph("Large", cell),
                     Paragraph("12,5", cell), Paragraph("8,0", cell)])
    widths = [w * mm for w in plan.COLUMN_MM]
    widths.insert(1, doc.width - sum(widths))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(styles.table_style(zebra_rows=len(rows) - 1))  # the same grid, so the same layout
    story = [Paragraph("Activity plan", sheet["title"]), table]
    doc.build(story)
    return buffer.getvalue()


def docx(data: plan.PlanInput, path: Path) -> None:
    """A minimal .docx with the same table, for LibreOffice to convert."""
    def para(text: str, bold: bool = False) -> str:
        run = "<w:rPr><w:b/></w:rPr>" if bold else ""
        return f"<w:p><w:r>{run}<w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"

    rows = []
    for n, a in enumerate(data.activities, start=1):
        cells = [str(n), a.title + " " + a.description, "", "Both", "01.03.2027", "01.05.2027", "Ongoing",
                 "Large", "12,5", "8,0"]
        rows.append("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in cells) + "</w:tr>")
    body = (para("Activity plan", True) + "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr>"
            + "".join(rows) + "</w:tbl><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"
            "</w:sectPr>")
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                   'officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>')


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()
    styles.register_fonts()  # once per process for both, as in the app

    count = args.pages * ROWS_PER_PAGE
    data = plan_input(count, THEMES)  # grouped by theme, with subtotals, contents and bookmarks
    while pages(plan.render(data, "da")) < args.pages:  # top up to the page count asked for
        count += ROWS_PER_PAGE
        data = plan_input(count, THEMES)
    ours, base = [], []
    for _ in range(args.runs):  # interleaved, so drift on a shared machine hits both alike
        t, pdf = timed(plan.render, data, "da")
        ours.append(t)
        t, floor_pdf = timed(floor, data)
        base.append(t)
    verkstad_pages, floor_pages = pages(pdf), pages(floor_pdf)
    mo, mb = statistics.median(ours), statistics.median(base)
    print(f"activity plan, {count} activities: Verkstad {verkstad_pages} pages, floor {floor_pages} pages")
    print(f"Verkstad (groups, contents, bookmarks, furniture): median {mo * 1000:.0f} ms "
          f"(min {min(ours) * 1000:.0f}, max {max(ours) * 1000:.0f}), {mo * 1000 / verkstad_pages:.1f} ms/page")
    print(f"plain Platypus floor (one table):         median {mb * 1000:.0f} ms "
          f"(min {min(base) * 1000:.0f}, max {max(base) * 1000:.0f}), {mb * 1000 / floor_pages:.1f} ms/page")
    per_page = (mo / verkstad_pages) / (mb / floor_pages)
    print(f"ratio Verkstad/floor: {mo / mb:.2f}x (per page {per_page:.2f}x; target 1.3x)")
    print(f"same bytes on every run: {len({plan.render(data, 'da') for _ in range(2)}) == 1}")
    long_plan = plan_input(LONG_PLAN, THEMES)
    counts = {lang: pages(plan.render(long_plan, lang)) for lang in ("da", "sv", "fi", "nb", "en")}
    print(f"the {LONG_PLAN}-activity plan in {len(THEMES)} themes, pages per language (target at most 40): "
          + ", ".join(f"{lang} {n}" for lang, n in counts.items()))

    from verkstad.documents import word, word_read

    word.plan_docx(data, "da")  # python-docx's import and template load, once, as in the app
    made = [timed(word.plan_docx, data, "da") for _ in range(max(3, args.runs // 2))]
    mw = statistics.median(t for t, _d in made)
    read = statistics.median(timed(word_read.read, made[0][1])[0] for _ in range(3))
    print(f"the same plan as a Word document (python-docx): median {mw * 1000:.0f} ms, {mw / mo:.2f}x the PDF; "
          f"read back (word_read): median {read * 1000:.0f} ms, {len(made[0][1]) // 1024} KiB")

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice: skipped (soffice is not installed here)")
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plan.docx"
        docx(data, source)
        times = []
        for _ in range(3):
            t, _r = timed(subprocess.run, [soffice, "--headless", "--convert-to", "pdf", "--outdir", folder,
                                           str(source)], )
            times.append(t)
        lo = statistics.median(times)
        print(f"LibreOffice .docx -> PDF: median {lo * 1000:.0f} ms, {lo / mo:.1f}x Verkstad")


if __name__ == "__main__":
    main()
