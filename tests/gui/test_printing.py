"""Printing a document (ui/printing.py): each page in its own size and orientation, only the pages
asked for, and to a PDF file the document's own PDF with its text."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtGui import QPageLayout, QPageRanges, QPageSize
from PySide6.QtPrintSupport import QPrinter

from verkstad.ui import printing
from verkstad.ui.preview import page_sizes

A4_LANDSCAPE, A4_PORTRAIT = (842, 595), (595, 842)


@pytest.fixture
def plan_pdf(services, demo) -> bytes:
    """Nordhavn Kommune's activity plan: A4 landscape, two pages."""
    org = services.documents.find_organisation("NK")
    return services.documents.render("plan", organisation_id=org.id)


@pytest.fixture
def agreement_pdf(services, demo) -> bytes:
    """Nordhavn Kommune's cooperation agreement: A4 portrait, three pages."""
    org = services.documents.find_organisation("NK")
    return services.documents.render("agreement", organisation_id=org.id)


def pdf_printer(qapp, path) -> QPrinter:
    """A printer that prints to a PDF file, as "Print to file" in the print dialog sets it up."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def texts(pdf: bytes | str) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [page.extract_text() for page in reader.pages]


def sizes_of(path) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(path).pages]


# -- page layouts -----------------------------------------------------------------------------


@pytest.mark.parametrize("width, height", [(842, 595), (841.8898, 595.2756)])  # as written, as reportlab makes it
def test_an_a4_landscape_page_is_a4_in_landscape(qapp, width, height):
    layout = printing.page_layout(width, height)
    assert layout.orientation() == QPageLayout.Orientation.Landscape
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4
    full = layout.fullRectPoints()
    assert (full.width(), full.height()) == A4_LANDSCAPE
    margins = layout.margins()
    assert (margins.left(), margins.top(), margins.right(), margins.bottom()) == (0, 0, 0, 0)
    assert layout.mode() == QPageLayout.Mode.FullPageMode  # painted from the sheet's corner


def test_an_a4_portrait_page_is_a4_upright(qapp):
    layout = printing.page_layout(595.2756, 841.8898)
    assert layout.orientation() == QPageLayout.Orientation.Portrait
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4
    full = layout.fullRectPoints()
    assert (full.width(), full.height()) == A4_PORTRAIT


@pytest.mark.parametrize("width, height, size_id", [
    (792, 612, QPageSize.PageSizeId.Letter),
    (612, 792, QPageSize.PageSizeId.Letter),
    (500, 300, QPageSize.PageSizeId.Custom),
    (300, 500, QPageSize.PageSizeId.Custom),
])
def test_other_sizes_keep_their_width_and_height(qapp, width, height, size_id):
    """Bug: a wide page of no standard size came out upright (300×500 for 500×300)."""
    layout = printing.page_layout(width, height)
    assert layout.pageSize().id() == size_id
    full = layout.fullRectPoints()
    assert (full.width(), full.height()) == (width, height)
    landscape = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    assert layout.orientation() == landscape


def test_before_the_dialog_the_printer_takes_the_first_pages_layout_and_the_documents_name(qapp, plan_pdf):
    printer = QPrinter()
    printing.prepare(printer, page_sizes(plan_pdf), "Aktivitetsplan - Nordhavn Kommune")
    assert printer.docName() == "Aktivitetsplan - Nordhavn Kommune"
    assert printer.fullPage()  # bug: the page layout set after setFullPage(True) turned it off again
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4


# -- which pages ------------------------------------------------------------------------------


def test_all_pages_by_default(qapp):
    assert printing.chosen_pages(QPrinter(), 3) == [0, 1, 2]


@pytest.mark.parametrize("first, last, expected", [
    (2, 3, [1, 2]),
    (1, 1, [0]),
    (3, 3, [2]),
    (2, 10, [1, 2]),  # past the last page: up to the last
])
def test_a_from_to_range(qapp, first, last, expected):
    printer = QPrinter()
    printer.setFromTo(first, last)
    assert printing.chosen_pages(printer, 3) == expected


def test_a_list_of_page_ranges_in_the_documents_order(qapp):
    printer = QPrinter()
    ranges = QPageRanges()
    ranges.addRange(4, 5)
    ranges.addPage(1)
    ranges.addRange(3, 4)
    printer.setPageRanges(ranges)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    assert printing.chosen_pages(printer, 5) == [0, 2, 3, 4]  # "4-5, 1, 3-4": each page once, in order
    assert printing.chosen_pages(printer, 3) == [0, 2]  # pages the document does not have are left out


# -- to a PDF file ----------------------------------------------------------------------------


def test_printing_to_a_file_writes_the_documents_pdf_with_its_size_orientation_and_text(qapp, plan_pdf, tmp_path):
    target = tmp_path / "plan.pdf"
    printer = pdf_printer(qapp, target)
    assert printing.route(printer) == "file"
    sent = printing.print_pdf(plan_pdf, printer, page_sizes(plan_pdf), "Aktivitetsplan")
    original = texts(plan_pdf)
    assert sent == len(original) == 2
    assert sizes_of(target) == [A4_LANDSCAPE, A4_LANDSCAPE]  # landscape, not turned upright
    printed = texts(str(target))
    assert printed == original  # its text, not an image of it
    assert "Nordhavn Kommune" in printed[0]


def test_printing_a_range_to_a_file_writes_only_those_pages(qapp, agreement_pdf, tmp_path):
    target = tmp_path / "aftale.pdf"
    printer = pdf_printer(qapp, target)
    printer.setFromTo(2, 3)
    assert printing.print_pdf(agreement_pdf, printer, page_sizes(agreement_pdf), "Samarbejdsaftale") == 2
    assert sizes_of(target) == [A4_PORTRAIT, A4_PORTRAIT]
    assert texts(str(target)) == texts(agreement_pdf)[1:]


def test_printing_to_a_folder_that_does_not_exist_says_so(qapp, plan_pdf, tmp_path):
    printer = pdf_printer(qapp, tmp_path / "missing" / "plan.pdf")
    with pytest.raises(printing.PrintError, match="could not be written"):
        printing.print_pdf(plan_pdf, printer, page_sizes(plan_pdf), "Aktivitetsplan")


def test_extracting_pages_gives_only_those(qapp, agreement_pdf):
    original = texts(agreement_pdf)
    part = printing.extract_pages(agreement_pdf, [0, 2])
    assert texts(part) == [original[0], original[2]]
    assert len(PdfReader(io.BytesIO(part)).pages) == 2
    assert texts(printing.extract_pages(agreement_pdf, [1])) == [original[1]]
    assert printing.extract_pages(agreement_pdf, [0, 1, 2]) == agreement_pdf  # all of them: the document itself


# -- painted, where neither a file nor CUPS takes the PDF -------------------------------------


def test_painted_pages_each_keep_their_own_size_and_orientation(qapp, plan_pdf, agreement_pdf, tmp_path):
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(plan_pdf)).pages[0])
    writer.add_page(PdfReader(io.BytesIO(agreement_pdf)).pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    mixed = buffer.getvalue()  # a landscape page, then a portrait one
    target = tmp_path / "painted.pdf"
    printer = pdf_printer(qapp, target)
    printer.setResolution(72)  # a coarse raster is enough to measure the sheets
    assert printing.paint(mixed, printer, [0, 1], page_sizes(mixed)) == 2
    assert printer.fullPage()  # drawn from the sheet's corner, not from the printable area's
    assert sizes_of(target) == [A4_LANDSCAPE, A4_PORTRAIT]
