"""Take screenshots of the main window's views in a real window (run under xvfb-run).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py OUTDIR [LANG]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desktop"))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")


def main() -> None:
    out = Path(sys.argv[1])
    lang = sys.argv[2] if len(sys.argv) > 2 else "da"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from verkstad.app import LanguageSwitcher, make_application
    from verkstad.services.demo import create_demo
    from verkstad.services.hub import Services
    from verkstad.ui.main_window import MainWindow

    app = make_application()
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    LanguageSwitcher(app).apply(lang)
    services = Services.open(tmp / "demo.sqlite")
    programme = create_demo(services, lang)
    window = MainWindow(services=services, settings=settings)
    window.resize(1400, 860)
    window.show()
    window.open_programme(programme.id)

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{name}.png"))

    shot("programme")
    for key in ("phases", "organisations", "people"):
        window.select_key((key, None))
        shot(key)
    meetings = services.planning.meetings(programme.id)
    for i, meeting in enumerate(meetings[:3]):
        window.select_key(("meeting", meeting.id))
        shot(f"meeting{i}")
    window.views["meeting"].tabs.setCurrentIndex(2)
    shot("meeting_attendance")
    window.views["meeting"].tabs.setCurrentIndex(1)
    shot("meeting_checklist")
    org = services.planning.navigation(programme.id).organisations
    first = next(o for o in org if o.kind == "participant")
    window.select_key(("plan", first.id))
    shot("activity_plan")
    window.select_key(("agreement", first.id))
    shot("agreement")

    from verkstad.ui.capture import CaptureWindow
    from verkstad.ui.preview import show_document

    capture = CaptureWindow(services=services, meeting_id=meetings[1].id)
    capture.resize(1400, 860)
    capture.show()
    for _ in range(10):
        app.processEvents()
    capture.grab().save(str(out / "capture.png"))
    capture.close()
    preview = show_document(window, services, "plan", organisation_id=first.id)
    preview.resize(1000, 860)
    for _ in range(10):
        app.processEvents()
    preview.grab().save(str(out / "preview.png"))
    preview.close()
    services.close()
    QApplication.quit()


if __name__ == "__main__":
    main()
