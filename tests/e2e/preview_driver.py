"""Driven by test_preview_real_window.py in a child process on a real X display: opens the demo's
activity plan in the main window (Danish interface), opens its preview from the plan view's
button, prints it through the system print dialog to a PDF file, and saves screenshots."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "desktop"))


def main() -> None:
    db, out = Path(sys.argv[1]), Path(sys.argv[2])
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QApplication

    from verkstad.app import LanguageSwitcher, make_application
    from verkstad.services.demo import create_demo
    from verkstad.services.hub import Services
    from verkstad.ui.main_window import MainWindow
    from verkstad.ui.preview import PreviewDialog

    app = make_application()
    assert QApplication.platformName() == "xcb", QApplication.platformName()
    LanguageSwitcher(app).apply("da")
    services = Services.open(db)
    services.planning.programmes()  # as the window does first (an existing file maps the ORM on first read)
    programme = create_demo(services, "da")
    window = MainWindow(services=services, settings=QSettings(str(out / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 860)
    window.show()
    window.open_programme(programme.id)
    org = services.documents.find_organisation("NK")
    window.select_key(("plan", org.id))
    for _ in range(10):
        app.processEvents()
    window.grab().save(str(out / "plan-view.png"))
    view = window.views[f"plan:{org.id}"]
    view.preview_button.click()
    previews = [w for w in QApplication.topLevelWidgets() if isinstance(w, PreviewDialog) and w.isVisible()]
    assert previews, "no preview opened"
    preview = previews[0]
    preview.resize(1000, 820)
    import time

    deadline = time.monotonic() + 60
    while not preview.ready and time.monotonic() < deadline:  # made and drawn in a worker
        app.processEvents()
        time.sleep(0.01)
    assert preview.ready, "the preview's pages were not drawn"
    for _ in range(10):
        app.processEvents()
    preview.grab().save(str(out / "preview.png"))
    printed = []
    preview.printed.connect(printed.append)

    def answer_print_dialog():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(50, answer_print_dialog)
            return
        dialog.grab().save(str(out / "print-dialog.png"))
        # No printer on this machine: the dialog offers "Print to file (PDF)"; type the file's name.
        from PySide6.QtWidgets import QLineEdit

        for edit in dialog.findChildren(QLineEdit):
            if edit.text().endswith(".pdf"):
                edit.setText(str(out / "printed.pdf"))
        dialog.printer().setOutputFileName(str(out / "printed.pdf"))
        dialog.accept()

    QTimer.singleShot(50, answer_print_dialog)
    preview.print_button.click()
    print("PAGES", preview.pages)
    print("PRINTED", printed[0] if printed else 0)
    print("TITLE", preview.windowTitle())
    preview.close()
    window.close()
    services.close()


main()
