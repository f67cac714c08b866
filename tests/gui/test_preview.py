"""The document preview: made and drawn in a worker with its progress shown, every page drawn,
zoom, Print… to a printer (a PDF file here), Save as PDF, closing cancels, and a plain message
when a document cannot be made."""

from __future__ import annotations

import io
import threading

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from verkstad.ui.preview import PreviewDialog, show_document


def wait_ready(qtbot, dialog, timeout=20000):
    """Wait until the worker has made the PDF and drawn every page."""
    qtbot.waitUntil(lambda: dialog.ready, timeout=timeout)


@pytest.fixture
def pdf(services, demo) -> bytes:
    org = services.documents.find_organisation("NK")
    return services.documents.render("agreement", organisation_id=org.id)


@pytest.fixture
def dialog(qtbot, pdf):
    d = PreviewDialog(pdf, "Samarbejdsaftale", "aftale.pdf")
    qtbot.addWidget(d)
    d.show()
    wait_ready(qtbot, d)
    return d


def test_every_page_is_drawn_and_zoom_changes_their_size(dialog, pdf, qtbot):
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert dialog.pages == pages == len(dialog.page_labels)
    assert str(pages) in dialog.count_label.text()
    width = dialog.page_labels[0].width()
    assert 780 <= width <= 800  # A4 at 96 dpi: 794 px
    dialog.zoom_in.click()
    assert dialog.page_labels[0].width() > width  # sized at once, drawn by the worker
    wait_ready(qtbot, dialog)
    assert dialog.page_labels[0].pixmap().width() > width
    dialog.zoom_out.click()
    dialog.zoom_out.click()
    assert dialog.page_labels[0].width() < width
    wait_ready(qtbot, dialog)


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
    assert dialog.isVisible()
    wait_ready(qtbot, dialog)
    assert dialog.pages >= 1
    assert "Kuusijärven kaupunki" in dialog.windowTitle()
    assert dialog.filename.endswith(".pdf")


def test_a_landscape_page_opens_at_a_zoom_that_shows_its_whole_width():
    from verkstad.ui.preview import ZOOMS, fitting_zoom

    assert ZOOMS[fitting_zoom(595, 820)] == 1.0  # A4 portrait fits at 100 %
    assert ZOOMS[fitting_zoom(842, 820)] == 0.67  # A4 landscape needs 67 %


def test_the_document_is_made_in_a_worker_while_the_preview_shows_its_progress(qtbot, pdf):
    gate = threading.Event()
    threads = []

    def make_pdf():
        from PySide6.QtCore import QThread

        threads.append(QThread.currentThread())
        gate.wait(10)
        return pdf

    dialog = PreviewDialog(make_pdf, "Plan", "plan.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pdf is None and not dialog.ready  # the constructor did not wait for the PDF
    assert "Preparing" in dialog.count_label.text() and dialog.message.isVisibleTo(dialog)
    assert dialog.progress.isVisibleTo(dialog)
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.print_to(QPrinter()) == 0 and not dialog.save_to("never.pdf")
    with qtbot.waitSignal(dialog.pages_ready, timeout=20000) as signal:
        gate.set()
    assert signal.args == [dialog.pages] and dialog.pages == len(PdfReader(io.BytesIO(pdf)).pages)
    assert threads and threads[0] is not dialog.thread()
    assert not dialog.progress.isVisibleTo(dialog) and not dialog.message.isVisibleTo(dialog)
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert all(label.pixmap() is not None and not label.pixmap().isNull() for label in dialog.page_labels)


def test_pages_arrive_one_by_one_and_the_count_says_which(qtbot, pdf):
    dialog = PreviewDialog(pdf, "Aftale")
    qtbot.addWidget(dialog)
    texts = []
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=20000)
    dialog._pages_job.progressed.connect(lambda *a: texts.append(dialog.count_label.text()))
    wait_ready(qtbot, dialog)
    if dialog.pages > 1 and len(texts) > 1:  # pages drawn before the connection are not seen
        assert any(f"of {dialog.pages}" in t for t in texts[:-1])
    assert str(dialog.pages) in dialog.count_label.text()


def test_closing_the_preview_cancels_its_work(qtbot, pdf):
    started, gate = threading.Event(), threading.Event()
    made = []

    def make_pdf():
        started.set()
        gate.wait(10)
        made.append(True)
        return pdf

    dialog = PreviewDialog(make_pdf, "Plan")
    qtbot.addWidget(dialog)
    dialog.show()
    job = dialog._document_job
    assert started.wait(10)
    dialog.close()
    assert job.cancelled
    with qtbot.waitSignal(job.finished, timeout=20000):
        gate.set()
    assert job.state == "cancelled" and dialog.pdf is None and not dialog.page_labels
    assert made  # the rendering itself ran to its end; nothing of it was delivered


def test_a_document_that_cannot_be_made_says_why_in_the_preview(qtbot):
    from verkstad.documents.text import DocumentError

    def make_pdf():
        raise DocumentError("No font has the letter ŋ.")

    dialog = PreviewDialog(make_pdf, "Plan")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=20000) as signal:
        pass
    assert signal.args == ["No font has the letter ŋ."] and dialog.message.text() == signal.args[0]
    assert not dialog.print_button.isEnabled() and not dialog.progress.isVisibleTo(dialog)


def test_a_bug_while_making_the_document_is_reported(qtbot, monkeypatch):
    reported = []
    monkeypatch.setattr("verkstad.ui.operations.report_bug", lambda parent, exc: reported.append((parent, exc)))

    def make_pdf():
        raise ZeroDivisionError("division by zero")

    dialog = PreviewDialog(make_pdf, "Plan")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=20000):
        pass
    assert len(reported) == 1 and reported[0][0] is dialog and isinstance(reported[0][1], ZeroDivisionError)
