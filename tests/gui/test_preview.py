"""The document preview: every page drawn, zoom, Print… to a printer (a PDF file here), Save as PDF,
and a plain message when a document cannot be made."""

from __future__ import annotations

import io

import pytest
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from verkstad.ui.preview import PreviewDialog, show_document


@pytest.fixture
def pdf(services, demo) -> bytes:
    org = services.documents.find_organisation("NK")
    return services.documents.render("agreement", organisation_id=org.id)


@pytest.fixture
def dialog(qtbot, pdf):
    d = PreviewDialog(pdf, "Samarbejdsaftale", "aftale.pdf")
    qtbot.addWidget(d)
    d.show()
    return d


def test_every_page_is_drawn_and_zoom_changes_their_size(dialog, pdf):
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert dialog.pages == pages == len(dialog.page_labels)
    assert str(pages) in dialog.count_label.text()
    width = dialog.page_labels[0].width()
    assert 780 <= width <= 800  # A4 at 96 dpi: 794 px
    dialog.zoom_in.click()
    assert dialog.page_labels[0].width() > width
    dialog.zoom_out.click()
    dialog.zoom_out.click()
    assert dialog.page_labels[0].width() < width


def test_the_drawn_page_is_not_blank(dialog):
    image = dialog.page_labels[0].pixmap().toImage()
    dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 200  # text was drawn


def test_print_sends_every_page_to_the_printer(dialog, tmp_path, qtbot):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)
    with qtbot.waitSignal(dialog.printed) as signal:
        sent = dialog.print_to(printer)
    assert sent == signal.args[0] == dialog.pages
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == dialog.pages


def test_save_writes_the_documents_bytes(dialog, pdf, tmp_path, qtbot):
    target = tmp_path / "aftale.pdf"
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save_to(target)
    assert target.read_bytes() == pdf


def test_save_to_an_unwritable_place_says_so(dialog, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("verkstad.ui.preview.QMessageBox.warning", lambda *a: shown.append(a[2]))
    assert not dialog.save_to(tmp_path / "missing" / "aftale.pdf")
    assert shown and "could not be written" in shown[0]


def test_show_document_opens_the_preview_or_explains_why_not(qtbot, services, demo, monkeypatch):
    shown = []
    monkeypatch.setattr("verkstad.ui.preview.QMessageBox.warning", lambda *a: shown.append(a[2]))
    partner = services.documents.find_organisation("SH")
    assert show_document(None, services, "agreement", organisation_id=partner.id) is None
    assert shown and "partner" in shown[0]
    org = services.documents.find_organisation("KK")
    dialog = show_document(None, services, "plan", organisation_id=org.id)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.pages >= 1
    assert "Kuusijärven kaupunki" in dialog.windowTitle()
    assert dialog.filename.endswith(".pdf")


def test_a_landscape_page_opens_at_a_zoom_that_shows_its_whole_width():
    from verkstad.ui.preview import ZOOMS, fitting_zoom

    assert ZOOMS[fitting_zoom(595, 820)] == 1.0  # A4 portrait fits at 100 %
    assert ZOOMS[fitting_zoom(842, 820)] == 0.67  # A4 landscape needs 67 %
