"""Preview, print and save a document: its PDF pages drawn as images (pypdfium2), Print…
through the system's print dialog, Save as PDF through a file dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from verkstad.i18n import _, ngettext
from verkstad.ui.language import Retranslatable

ZOOMS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0)
SCREEN_DPI = 96


def page_images(pdf: bytes, dpi: float, pages: range | None = None) -> list[QImage]:
    """The pages of a PDF as images at `dpi` (all pages, or those in `pages`, 0-based)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in pages if pages is not None else range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888).copy()
            images.append(image)
            page.close()
        return images
    finally:
        document.close()


def page_geometry(pdf: bytes) -> tuple[int, float]:
    """The number of pages and the width of the widest one, in points."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document), max((document[i].get_width() for i in range(len(document))), default=0.0)
    finally:
        document.close()


def fitting_zoom(page_width_pt: float, available_px: int) -> int:
    """The index of the largest zoom up to 100 % at which the page fits the width."""
    fits = [i for i, z in enumerate(ZOOMS) if z <= 1.0 and page_width_pt / 72 * SCREEN_DPI * z <= available_px]
    return fits[-1] if fits else 0


class PreviewDialog(Retranslatable, QDialog):
    """The pages of one PDF, with zoom, Print… and Save as PDF….

    Signals: saved(str) with the path written; printed(int) with the number of pages sent.
    """

    saved = Signal(str)
    printed = Signal(int)

    def __init__(self, pdf: bytes, title: str = "", filename: str = "document.pdf", parent=None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.title = title
        self.filename = filename
        self.pages, widest = page_geometry(pdf)
        self._zoom = fitting_zoom(widest, 900 - 80)  # a landscape plan opens at a zoom that fits
        self.setMinimumSize(640, 480)
        screen = QGuiApplication.primaryScreen()
        height = int(screen.availableGeometry().height() * 0.9) if screen else 900
        self.resize(900, max(600, height))

        self.zoom_out = QPushButton()
        self.zoom_in = QPushButton()
        self.zoom_label = QLabel()
        self.count_label = QLabel()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self._zoom - 1))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self._zoom + 1))
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, activated=lambda: self.set_zoom(self._zoom + 1))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, activated=lambda: self.set_zoom(self._zoom - 1))
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_dialog)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_dialog)

        bar = QHBoxLayout()
        for w in (self.zoom_out, self.zoom_label, self.zoom_in, self.count_label):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(w)

        self.page_area = QWidget()
        self.page_area.setObjectName("previewPages")
        self.page_area.setStyleSheet("#previewPages { background: #6b7170; }")
        self.page_layout = QVBoxLayout(self.page_area)
        self.page_layout.setSpacing(16)
        self.page_layout.setContentsMargins(24, 24, 24, 24)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_labels: list[QLabel] = []
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.page_area)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self.retranslate_ui()
        self._draw_pages()

    # -- language ----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Preview: {title}").format(title=self.title) if self.title else _("Preview"))
        self.zoom_out.setText(_("Zoom out"))
        self.zoom_in.setText(_("Zoom in"))
        self.print_button.setText(_("Print…"))
        self.save_button.setText(_("Save as PDF…"))
        self.close_button.setText(_("Close"))
        self.count_label.setText(ngettext("{n} page", "{n} pages", self.pages).format(n=self.pages))
        self.zoom_label.setText(f"{round(ZOOMS[self._zoom] * 100)} %")
        for number, label in enumerate(self.page_labels, start=1):
            label.setAccessibleName(_("Page {page} of {pages}").format(page=number, pages=self.pages))

    # -- pages -----------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return ZOOMS[self._zoom]

    def set_zoom(self, index: int) -> None:
        index = max(0, min(len(ZOOMS) - 1, index))
        if index == self._zoom:
            return
        self._zoom = index
        self._draw_pages()
        self.retranslate_ui()

    def _draw_pages(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ratio = self.devicePixelRatioF() or 1.0
            images = page_images(self.pdf, SCREEN_DPI * self.zoom * ratio)
        finally:
            QApplication.restoreOverrideCursor()
        while len(self.page_labels) > len(images):
            self.page_labels.pop().deleteLater()
        while len(self.page_labels) < len(images):
            label = QLabel()
            label.setStyleSheet("background: white;")
            self.page_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        for label, image in zip(self.page_labels, images):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.deviceIndependentSize().toSize())
        self.zoom_out.setEnabled(self._zoom > 0)
        self.zoom_in.setEnabled(self._zoom < len(ZOOMS) - 1)

    # -- print and save --------------------------------------------------------------------

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title or self.filename)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.pages)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Draw the pages (the printer's page range, or all) on `printer`; returns pages sent."""
        first = printer.fromPage() or 1
        last = printer.toPage() or self.pages
        first, last = max(1, first), min(self.pages, last)
        dpi = min(printer.resolution(), 300)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, _("Print"), _("The printer could not be started."))
            return 0
        sent = 0
        try:
            for index in range(first - 1, last):
                image = page_images(self.pdf, dpi, range(index, index + 1))[0]
                if sent:
                    printer.newPage()
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
                sent += 1
        finally:
            painter.end()
        self.printed.emit(sent)
        return sent

    def save_dialog(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path(folder or Path.home()) / self.filename),
            _("PDF documents (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as exc:
            QMessageBox.warning(self, _("Save as PDF"), _("The file could not be written: {reason}").format(
                reason=exc.strerror or exc))
            return False
        self.saved.emit(str(path))
        return True


def show_document(parent, services, kind: str, organisation_id: str | None = None,
                  meeting_id: str | None = None, version: int | None = None) -> PreviewDialog | None:
    """Render a document in its organisation's language and open its preview (non-modal)."""
    from verkstad.documents.text import DocumentError

    error = None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        docs = services.documents
        pdf = docs.render(kind, organisation_id=organisation_id, meeting_id=meeting_id, version=version)
        title = docs.title(kind, organisation_id=organisation_id, meeting_id=meeting_id)
        filename = docs.filename(kind, organisation_id=organisation_id, meeting_id=meeting_id, version=version)
    except DocumentError as exc:
        error = str(exc)
    finally:
        QApplication.restoreOverrideCursor()
    if error is not None:
        QMessageBox.warning(parent, _("Document"), error)
        return None
    if version:
        title = _("{title}, version {number}").format(title=title, number=version)
    dialog = PreviewDialog(pdf, title, filename, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
