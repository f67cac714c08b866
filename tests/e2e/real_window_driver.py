"""Driven by test_real_window.py in a child process on a real X display: plans a kick-off
meeting through the main window's widgets and saves screenshots of it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "desktop"))


def main() -> None:
    db, out = Path(sys.argv[1]), Path(sys.argv[2])
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from verkstad.app import LanguageSwitcher, make_application
    from verkstad.domain.model import AgendaItem
    from verkstad.services.hub import Services
    from verkstad.ui.main_window import MainWindow

    app = make_application()
    assert QApplication.platformName() == "xcb", QApplication.platformName()
    LanguageSwitcher(app).apply("da")
    services = Services.open(db)
    window = MainWindow(services=services, settings=QSettings(str(out / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1400, 860)
    window.show()
    programme = services.planning.create_programme("Rejsehold 2027", "da", "travelling_team")
    window.open_programme(programme.id)
    for name in ("Testrup Kommune", "Region Eksempel"):
        services.planning.add_organisation(programme.id, name)
    window.rebuild_navigation()
    meeting = services.planning.meetings(programme.id)[1]
    window.select_key(("meeting", meeting.id))
    view = window.views["meeting"]
    view.agenda_table.setCurrentIndex(view.agenda_model.index(0, 2))
    view.down_button.click()
    for _ in range(10):
        app.processEvents()
    window.grab().save(str(out / "meeting.png"))
    order = [i.title for i in services.records.list(AgendaItem, meeting_id=meeting.id)]
    print("WINDOW", window.isVisible(), window.width(), window.height())
    print("ORDER", "|".join(order))
    services.close()


main()
