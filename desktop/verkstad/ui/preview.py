"""Preview, print and save a document: its PDF made and its pages drawn as images (pypdfium2)
in a worker while the window stays responsive, Print… through the system's print dialog,
Save as PDF through a file dialog."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeySequence, QPalette, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from verkstad.gcpause import no_cyclic_gc
from verkstad.i18n import _, ngettext
from verkstad.ui import mnemonics
from verkstad.ui.geometry import fit_to_screen
from verkstad.ui.language import Retranslatable
from verkstad.ui.worker import Job, Progress, run_in_worker

ZOOMS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0)
SCREEN_DPI = 96
FIT_WIDTH_PX = 900 - 80  # the dialog's first width less its margins and scroll bar

# PDFium may not be called from two threads at once, not even for two documents: every
# call into it (open, render, close) holds this lock, one page at a time.
_PDFIUM = threading.Lock()
# reportlab keeps module-wide state (fonts, caches): one document is made at a time.
_RENDERING = threading.Lock()

# QImage's native opaque format (what QPixmap keeps, so no conversion on the GUI thread) is
# 0xffRRGGBB in memory order: B, G, R, x on little-endian machines, as PDFium's BGRx.
if sys.byteorder == "little":
    _FORMAT, _REVERSE = QImage.Format.Format_RGB32, False
else:
    _FORMAT, _REVERSE = QImage.Format.Format_RGBX8888, True


# -- pure functions, safe in a worker ------------------------------------------------------

def _open(pdf: bytes):
    import pypdfium2 as pdfium

    with _PDFIUM:
        return pdfium.PdfDocument(pdf)


def _close(document) -> None:
    with _PDFIUM:
        document.close()


def _page_image(document, index: int, dpi: float) -> QImage:
    with _PDFIUM:
        page = document[index]
        try:
            bitmap = page.render(scale=dpi / 72, rev_byteorder=_REVERSE, prefer_bgrx=True)
            try:
                return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, _FORMAT).copy()
            finally:
                bitmap.close()
        finally:
            page.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """The width and height of every page, in points."""
    document = _open(pdf)
    try:
        with _PDFIUM:
            return [document.get_page_size(i) for i in range(len(document))]
    finally:
        _close(document)


def fitting_zoom(page_width_pt: float, available_px: int) -> int:
    """The index of the largest zoom up to 100 % at which the page fits the width."""
    fits = [i for i, z in enumerate(ZOOMS) if z <= 1.0 and page_width_pt / 72 * SCREEN_DPI * z <= available_px]
    return fits[-1] if fits else 0


def make_document(make_pdf: Callable[[], bytes], *, progress: Progress) -> tuple[bytes, list[tuple[float, float]]]:
    """In a worker: the PDF (made by `make_pdf`, which reads no database) and its page sizes."""
    with _RENDERING:
        progress.check()
        with no_cyclic_gc():
            pdf = make_pdf()
    progress.check()
    return pdf, page_sizes(pdf)


def draw_pages(pdf: bytes, dpi: float, order: Sequence[int], *, progress: Progress) -> int:
    """In a worker: draw the pages in `order` at `dpi`, each handed over as it is drawn
    (progress's partial is (index, QImage)); stops between pages when cancelled."""
    document = _open(pdf)
    try:
        for done, index in enumerate(order, start=1):
            progress.check()
            progress(done, len(order), (index, _page_image(document, index, dpi)))
    finally:
        _close(document)
    return len(order)


# -- the dialog --------------------------------------------------------------------------------

class PreviewDialog(Retranslatable, QDialog):
    """The pages of one PDF, with zoom, Print… and Save as PDF….

    `pdf` is the document's bytes, or a function that makes them (called in a worker, so it
    must read no database). The pages are drawn in a worker, the visible ones first, and
    appear as they come; Print… and Save as PDF… work once the PDF is made. Closing the
    dialog cancels what is still being prepared.

    Signals: saved(str) with the path written; printed(int) with the number of pages sent;
    pages_ready(int) with the number of pages, once every page is drawn at the current zoom;
    failed(str) when the document could not be made.
    """

    saved = Signal(str)
    printed = Signal(int)
    pages_ready = Signal(int)
    failed = Signal(str)

    def __init__(self, pdf: bytes | Callable[[], bytes], title: str = "", filename: str = "document.pdf",
                 parent=None) -> None:
        super().__init__(parent)
        self.pdf: bytes | None = None
        self.title = title
        self.filename = filename
        self.pages = 0
        self.sizes: list[tuple[float, float]] = []
        self.error: str | None = None
        self._zoom = fitting_zoom(842, FIT_WIDTH_PX)  # until the pages are known: A4 either way fits
        self._drawn: set[int] = set()
        self._document_job: Job | None = None
        self._pages_job: Job | None = None
        self.setMinimumSize(640, 480)
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        height = int(screen.availableGeometry().height() * 0.9) if screen else 900
        # Nine tenths of the screen's height, centred on it: at 1024×600 "at least 600 px" reached
        # past the bottom edge, with the page's footer and the dialog's edge out of sight.
        fit_to_screen(self, 900, max(480, height), screen=screen)

        self.zoom_out = QPushButton()
        self.zoom_in = QPushButton()
        self.zoom_label = QLabel()
        self.count_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setObjectName("previewProgress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.setRange(0, 0)  # busy until the pages are known
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self._zoom - 1))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self._zoom + 1))
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.set_zoom(self._zoom + 1))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.set_zoom(self._zoom - 1))
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_dialog)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_dialog)

        bar = QHBoxLayout()
        for w in (self.zoom_out, self.zoom_label, self.zoom_in, self.count_label, self.progress):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(w)

        # Colours by palette, not style sheets: fifty styled labels cost the GUI thread ~15 ms.
        self.page_area = QWidget()
        self.page_area.setObjectName("previewPages")
        self.page_area.setAutoFillBackground(True)
        palette = self.page_area.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#6b7170"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("white"))
        self.page_area.setPalette(palette)
        self._paper = QPalette(palette)
        self._paper.setColor(QPalette.ColorRole.Window, QColor("white"))
        self.page_layout = QVBoxLayout(self.page_area)
        self.page_layout.setSpacing(16)
        self.page_layout.setContentsMargins(24, 24, 24, 24)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message = QLabel()  # "Preparing the document…", or why it could not be made
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMinimumWidth(480)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.message.setFont(font)
        self.page_layout.addWidget(self.message, 0, Qt.AlignmentFlag.AlignHCenter)
        self.page_labels: list[QLabel] = []
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.page_area)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll_area, 1)
        self._update_controls()
        self.retranslate_ui()
        mnemonics.keep(self, letters=False)  # accessible names
        make_pdf = pdf if callable(pdf) else (lambda data=bytes(pdf): data)
        self._document_job = run_in_worker(make_document, make_pdf, receiver=self,
                                           on_result=self._document_made, on_error=self._document_failed,
                                           on_bug=self._document_bug)

    # -- language ----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Preview: {title}").format(title=self.title) if self.title else _("Preview"))
        self.zoom_out.setText(_("Zoom out"))
        self.zoom_in.setText(_("Zoom in"))
        self.print_button.setText(_("Print…"))
        self.save_button.setText(_("Save as PDF…"))
        self.close_button.setText(_("Close"))
        self.zoom_label.setText(f"{round(ZOOMS[self._zoom] * 100)} %")
        if self.error is not None:
            self.count_label.setText("")
            self.message.setText(self.error)
        elif self.pdf is None:
            self.count_label.setText(_("Preparing the document…"))
            self.message.setText(_("Preparing the document…"))
        elif not self.ready:
            self.count_label.setText(_("Preparing page {page} of {pages}…").format(
                page=min(len(self._drawn) + 1, self.pages), pages=self.pages))
        else:
            self.count_label.setText(ngettext("{n} page", "{n} pages", self.pages).format(n=self.pages))
        self.progress.setAccessibleName(_("Preparing the document…"))
        self.scroll_area.setAccessibleName(_("Document pages"))
        for number, label in enumerate(self.page_labels, start=1):
            label.setAccessibleName(_("Page {page} of {pages}").format(page=number, pages=self.pages))

    # -- state ---------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Whether every page is drawn at the current zoom."""
        return self.pdf is not None and len(self._drawn) == self.pages

    @property
    def zoom(self) -> float:
        return ZOOMS[self._zoom]

    def _update_controls(self) -> None:
        made = self.pdf is not None
        self.zoom_out.setEnabled(made and self._zoom > 0)
        self.zoom_in.setEnabled(made and self._zoom < len(ZOOMS) - 1)
        self.print_button.setEnabled(made)
        self.save_button.setEnabled(made)
        self.progress.setVisible(self.error is None and not self.ready)
        self.message.setVisible(self.error is not None or not made)

    def closeEvent(self, event) -> None:
        self.cancel()
        super().closeEvent(event)

    def cancel(self) -> None:
        """Stop preparing: the document and the pages not drawn yet are given up."""
        for job in (self._document_job, self._pages_job):
            if job is not None:
                job.cancel()

    # -- the document, from the worker -------------------------------------------------------------

    def _document_made(self, made: tuple[bytes, list[tuple[float, float]]]) -> None:
        self.pdf, self.sizes = made
        self.pages = len(self.sizes)
        self._zoom = fitting_zoom(max((w for w, _h in self.sizes), default=0.0), FIT_WIDTH_PX)
        while len(self.page_labels) < self.pages:
            label = QLabel()
            label.setAutoFillBackground(True)
            label.setPalette(self._paper)
            self.page_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self._draw_pages()

    def _document_failed(self, exc: BaseException) -> None:
        self._fail(str(exc))

    def _document_bug(self, exc: BaseException) -> None:
        from verkstad.ui.operations import report_bug

        self._fail(_("The preview could not be prepared because of an error in Verkstad."))
        report_bug(self, exc)

    def _fail(self, message: str) -> None:
        self.error = message
        self._update_controls()
        self.retranslate_ui()
        self.failed.emit(message)

    # -- pages -----------------------------------------------------------------------------

    def set_zoom(self, index: int) -> None:
        index = max(0, min(len(ZOOMS) - 1, index))
        if index == self._zoom or self.pdf is None:
            return
        self._zoom = index
        self._draw_pages()

    def _page_px(self, index: int) -> tuple[int, int]:
        width, height = self.sizes[index]
        scale = SCREEN_DPI * self.zoom / 72
        return round(width * scale), round(height * scale)

    def _draw_pages(self) -> None:
        """Size every page for the current zoom at once, and draw them in a worker: from the
        first visible page on, then those above it."""
        if self._pages_job is not None:
            self._pages_job.cancel()
        self._drawn = set()
        for index, label in enumerate(self.page_labels):
            label.clear()
            label.setFixedSize(*self._page_px(index))
        self._update_controls()
        self.retranslate_ui()
        first = self._first_visible_page()
        order = [*range(first, self.pages), *range(first)]
        self.progress.setRange(0, self.pages)
        self.progress.setValue(0)
        ratio = self.devicePixelRatioF() or 1.0
        self._pages_job = job = run_in_worker(
            draw_pages, self.pdf, SCREEN_DPI * self.zoom * ratio, order, receiver=self,
            on_progress=lambda done, total, page: self._page_drawn(job, page, ratio),
            on_bug=self._document_bug)
        if not self.pages:
            self._all_drawn()

    def _first_visible_page(self) -> int:
        top = self.scroll_area.verticalScrollBar().value()
        for index, label in enumerate(self.page_labels):
            if label.geometry().bottom() >= top:
                return index
        return 0

    def _page_drawn(self, job: Job, page: tuple[int, QImage], ratio: float) -> None:
        if job is not self._pages_job:
            return  # a page of an earlier zoom
        index, image = page
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        label = self.page_labels[index]
        label.setPixmap(pixmap)
        label.setFixedSize(pixmap.deviceIndependentSize().toSize())
        self._drawn.add(index)
        self.progress.setValue(len(self._drawn))
        if self.ready:
            self._all_drawn()
        else:
            self.count_label.setText(_("Preparing page {page} of {pages}…").format(
                page=len(self._drawn) + 1, pages=self.pages))

    def _all_drawn(self) -> None:
        self._update_controls()
        self.retranslate_ui()
        self.pages_ready.emit(self.pages)

    # -- print and save --------------------------------------------------------------------

    def print_dialog(self) -> None:
        """The system's print dialog, set to the document's first page (size, orientation) and,
        for printing to a file, to the document's name in the folder last used."""
        if self.pdf is None:
            return
        from verkstad.ui import file_dialogs, printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printing.prepare(printer, self.sizes, Path(self.filename).stem)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.pages)
        settings = file_dialogs.settings_of(self)
        # Qt's own dialog (Linux) proposes the home folder and the document's name, colons and all.
        field = dialog.findChild(QLineEdit, "filename")
        if field is not None:
            field.setText(str(file_dialogs.default_path(settings, self.filename)))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.print_to(printer) and printing.route(printer) == "file":
            file_dialogs.remember_folder(settings, printer.outputFileName())

    def print_to(self, printer: QPrinter) -> int:
        """Print the pages the printer's range asks for (all by default): to a PDF file as the
        document's own PDF, to a CUPS printer as the PDF, else painted (ui/printing.py); returns
        the number of pages sent, 0 (having said why) when it failed."""
        if self.pdf is None:
            return 0
        from verkstad.ui import printing

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            sent = printing.print_pdf(self.pdf, printer, self.sizes, self.title or Path(self.filename).stem)
        except printing.PrintError as exc:
            sent, error = 0, str(exc)
        else:
            error = ""
        finally:
            QApplication.restoreOverrideCursor()
        if error:
            QMessageBox.warning(self, _("Print"), error)
            return 0
        self.printed.emit(sent)
        return sent

    def save_dialog(self) -> None:
        if self.pdf is None:
            return
        from verkstad.ui.file_dialogs import get_save_path

        path = get_save_path(self, _("Save as PDF"), self.filename, _("PDF documents (*.pdf)"))
        if path is not None:
            self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        if self.pdf is None:
            return False
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as exc:
            QMessageBox.warning(self, _("Save as PDF"), _("The file could not be written: {reason}").format(
                reason=exc.strerror or exc))
            return False
        self.saved.emit(str(path))
        return True


def show_document(parent, services, kind: str, organisation_id: str | None = None,
                  meeting_id: str | None = None, version: int | None = None,
                  programme_id: str | None = None, story_id: str | None = None) -> PreviewDialog | None:
    """Open the preview of a document in its organisation's language (non-modal): what it
    needs is read from the database here, on the GUI thread; the PDF is made and drawn in a
    worker while the preview shows its progress. Returns None, having said why, when the
    document cannot be made."""
    from verkstad.documents.text import DocumentError

    error = None
    try:
        docs = services.documents
        with no_cyclic_gc():
            make_pdf = docs.prepare(kind, organisation_id=organisation_id, meeting_id=meeting_id, version=version,
                                    programme_id=programme_id, story_id=story_id)
        where = {"organisation_id": organisation_id, "meeting_id": meeting_id, "programme_id": programme_id,
                 "story_id": story_id}
        title = docs.title(kind, **where)
        filename = docs.filename(kind, version=version, **where)
    except DocumentError as exc:
        error = str(exc)
    if error is not None:
        QMessageBox.warning(parent, _("Document"), error)
        return None
    if version:
        title = _("{title}, version {number}").format(title=title, number=version)
    dialog = PreviewDialog(make_pdf, title, filename, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
