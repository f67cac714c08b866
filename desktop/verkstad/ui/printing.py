"""Printing a document's PDF through a QPrinter set up by the system's print dialog, as vectors
where the platform allows:

- printing to a PDF file writes the document's own PDF (its text, fonts and vectors), only the
  pages asked for;
- a CUPS printer (Linux) gets the PDF itself through `lp`, with the copies, sides, colour and
  job options chosen in the dialog; CUPS turns each page to fit the paper;
- any other printer gets the pages painted at its resolution (at most RASTER_DPI), each page
  in its own orientation and size, so a landscape plan prints landscape and at full size.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintEngine, QPrinter

from verkstad.errors import VerkstadError
from verkstad.i18n import _
from verkstad.ui.preview import _PDFIUM, _close, _open, _page_image

log = logging.getLogger("verkstad.printing")

RASTER_DPI = 300  # an A4 page at 300 dpi is 35 MB as an image; finer gains nothing visible
LP_TIMEOUT_S = 60
# The CUPS options the print dialog stores on the printer (Qt's PPK_CupsOptions, qcups_p.h):
# a flat list of name, value, name, value… (job priority, banner pages, pages per sheet, page set).
_CUPS_OPTIONS = QPrintEngine.PrintEnginePropertyKey(0xFE00)
_SIDES = {
    QPrinter.DuplexMode.DuplexNone: "one-sided",
    QPrinter.DuplexMode.DuplexAuto: "two-sided-long-edge",
    QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
    QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
}


class PrintError(VerkstadError):
    """The document could not be printed; the message says why, translated."""


def page_layout(width_pt: float, height_pt: float) -> QPageLayout:
    """A page's own layout: its size (A4 recognised as A4, either way round), its orientation,
    no margins (the document has its own)."""
    # Given upright: the orientation turns it (a custom size given wide would be turned back upright).
    upright = QSize(round(min(width_pt, height_pt)), round(max(width_pt, height_pt)))
    size = QPageSize(upright, "", QPageSize.SizeMatchPolicy.FuzzyOrientationMatch)
    orientation = QPageLayout.Orientation.Landscape if width_pt > height_pt else QPageLayout.Orientation.Portrait
    layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    layout.setMode(QPageLayout.Mode.FullPageMode)  # else setPageLayout undoes the printer's setFullPage(True)
    return layout


def prepare(printer: QPrinter, sizes: Sequence[tuple[float, float]], doc_name: str) -> None:
    """Before the print dialog: the printer takes the first page's size and orientation (the
    dialog's Properties show them) and the document's name (the job's, and the file's)."""
    printer.setDocName(doc_name)
    printer.setFullPage(True)
    if sizes:
        printer.setPageLayout(page_layout(*sizes[0]))


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The indexes (from 0) of the pages the dialog asked for, in the document's order."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and not printer.pageRanges().isEmpty():
        wanted: set[int] = set()
        for page_range in printer.pageRanges().toRangeList():
            wanted.update(range(page_range.from_, page_range.to + 1))
        return [i - 1 for i in sorted(wanted) if 1 <= i <= count]
    first, last = printer.fromPage(), printer.toPage()
    if first or last:
        return list(range(max(1, first) - 1, min(count, last or count)))
    return list(range(count))


def extract_pages(pdf: bytes, pages: Sequence[int]) -> bytes:
    """A PDF of only those pages (as vectors), or the document itself when that is all of them."""
    document = _open(pdf)
    try:
        with _PDFIUM:
            if list(pages) == list(range(len(document))):
                return pdf
            import io

            import pypdfium2 as pdfium

            part = pdfium.PdfDocument.new()
            try:
                part.import_pages(document, list(pages))
                buffer = io.BytesIO()
                part.save(buffer)
            finally:
                part.close()
        return buffer.getvalue()
    finally:
        _close(document)


def route(printer: QPrinter) -> str:
    """How `printer` is printed to: "file" (a PDF file), "cups" (the PDF sent to a CUPS queue)
    or "paint" (pages painted on the printer)."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return "file"
    if (sys.platform.startswith("linux") and printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
            and printer.printerName() and shutil.which("lp")):
        return "cups"
    return "paint"


def cups_options(printer: QPrinter) -> list[tuple[str, str]]:
    """The job options chosen in the print dialog that CUPS knows by name."""
    options: list[tuple[str, str]] = [("sides", _SIDES.get(printer.duplex(), "one-sided"))]
    if printer.colorMode() == QPrinter.ColorMode.GrayScale:
        options.append(("print-color-mode", "monochrome"))
    if printer.copyCount() > 1:
        options.append(("collate", "true" if printer.collateCopies() else "false"))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        options.append(("outputorder", "reverse"))
    size = printer.pageLayout().pageSize()
    if size.isValid() and size.id() != QPageSize.PageSizeId.Custom:
        options.append(("media", size.key()))
    engine = printer.printEngine()
    stored = engine.property(_CUPS_OPTIONS) if engine is not None else None
    if isinstance(stored, (list, tuple)):
        names = {name for name, _value in options}
        for name, value in zip(stored[0::2], stored[1::2], strict=False):
            if name not in names:
                options.append((str(name), str(value)))
    return options


def lp_command(printer: QPrinter, title: str) -> list[str]:
    """The `lp` command that prints a PDF read from standard input as `printer` is set up."""
    command = ["lp", "-d", printer.printerName(), "-n", str(max(1, printer.copyCount())), "-t", title]
    for name, value in cups_options(printer):
        command += ["-o", f"{name}={value}"]
    return command


def send_to_cups(pdf: bytes, command: Sequence[str]) -> None:
    """Run `command` (lp) with the PDF on its standard input; raise PrintError if it fails."""
    log.info("printing through %s", " ".join(command[:3]))
    try:
        result = subprocess.run(list(command), input=pdf, capture_output=True, timeout=LP_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PrintError(_("The document could not be sent to the printer: {reason}").format(
            reason=getattr(exc, "strerror", None) or exc)) from exc
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip() or str(result.returncode)
        log.warning("lp failed (%s): %s", result.returncode, reason)
        raise PrintError(_("The printer did not accept the document: {reason}").format(reason=reason))


def paint(pdf: bytes, printer: QPrinter, pages: Sequence[int], sizes: Sequence[tuple[float, float]]) -> int:
    """Paint the pages on `printer`, each on a sheet of its own size and orientation, at the
    printer's resolution (at most RASTER_DPI); returns the number of pages painted."""
    if not pages:
        return 0
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(*sizes[pages[0]]))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(_("The printer could not be started."))
    dpi = min(printer.resolution(), RASTER_DPI)
    document = _open(pdf)
    sent = 0
    try:
        for index in pages:
            if sent:
                printer.setPageLayout(page_layout(*sizes[index]))
                printer.newPage()
            image = _page_image(document, index, dpi)
            sheet = printer.pageLayout().fullRectPixels(printer.resolution())
            # The whole image on the sheet, keeping its proportions, centred if they differ.
            fitted = image.size().scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.resetTransform()
            painter.setViewport(0, 0, sheet.width(), sheet.height())
            painter.setWindow(0, 0, sheet.width(), sheet.height())
            target = QRectF((sheet.width() - fitted.width()) / 2, (sheet.height() - fitted.height()) / 2,
                            fitted.width(), fitted.height())
            painter.drawImage(target, image)
            sent += 1
    finally:
        _close(document)
        painter.end()
    return sent


def print_pdf(pdf: bytes, printer: QPrinter, sizes: Sequence[tuple[float, float]], title: str) -> int:
    """Print the chosen pages of `pdf` on `printer` as its route allows; returns the pages sent.
    Raises PrintError (translated) when the file cannot be written or the printer refuses."""
    pages = chosen_pages(printer, len(sizes))
    if not pages:
        return 0
    how = route(printer)
    log.info("printing %d page(s) by %s", len(pages), how)
    if how == "file":
        path = Path(printer.outputFileName())
        try:
            path.write_bytes(extract_pages(pdf, pages))
        except OSError as exc:
            raise PrintError(_("The file could not be written: {reason}").format(
                reason=exc.strerror or exc)) from exc
        return len(pages)
    if how == "cups":
        send_to_cups(extract_pages(pdf, pages), lp_command(printer, title))
        return len(pages)
    return paint(pdf, printer, pages, sizes)
