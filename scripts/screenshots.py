"""Take a screenshot of every view and dialog as the screen shows it (a real X display with a
window manager), to look at the layout at one screen size in one language.

    Xvfb :155 -screen 0 1024x600x24 &  DISPLAY=:155 openbox &
    DISPLAY=:155 .venv/bin/python scripts/screenshots.py OUTDIR da

Each shot is the whole screen (`QScreen.grabWindow(0)`, like `import -window root`), named
`<view>-<width>x<height>-<lang>.png`. Dialogs that block (`exec()`) are shot from a timer and
closed; the windows open with the sizes the application gives them (a fresh settings file).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desktop"))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")


def main() -> None:
    out = Path(sys.argv[1])
    lang = sys.argv[2] if len(sys.argv) > 2 else "da"
    only = set(sys.argv[3].split(",")) if len(sys.argv) > 3 else None
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtTest import QTest
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
    screen = app.primaryScreen()
    size = screen.size()
    suffix = f"{size.width()}x{size.height()}-{lang}"

    def settle(ms: int = 350) -> None:
        QTest.qWait(ms)

    def shot(name: str) -> None:
        if only is not None and name not in only:
            return
        settle()
        screen.grabWindow(0).save(str(out / f"{name}-{suffix}.png"))
        print(out / f"{name}-{suffix}.png")

    def shot_modal(name: str, opener: Callable[[], object]) -> None:
        """Open a dialog that blocks; shoot it from a timer, then close it."""
        def take() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(50, take)
                return
            shot(name)
            dialog.close()
        QTimer.singleShot(100, take)
        opener()

    window = MainWindow(services=services, settings=settings)
    window.start()
    window.show()
    shot("welcome")
    shot_modal("new_programme", window.new_programme)
    programme = create_demo(services, lang)
    window.open_programme(programme.id)
    settle()
    shot("programme")
    for key in ("phases", "organisations", "people"):
        window.select_key((key, None))
        shot(key)
        if key == "organisations":  # the confirmation with the longest text: what goes with it
            organisations_view = window.views["organisations"]
            organisations_view.list.setCurrentIndex(organisations_view.model.index(1, 0))  # type: ignore[union-attr]
            shot_modal("delete_confirmation", organisations_view.delete)  # type: ignore[union-attr]
    meetings = services.planning.meetings(programme.id)
    kickoff = next((m for m in meetings if m.organisation_id), meetings[0])
    window.select_key(("meeting", kickoff.id))
    meeting_view = window.views["meeting"]
    for index, name in enumerate(("meeting_agenda", "meeting_checklist", "meeting_attendance")):
        meeting_view.tabs.setCurrentIndex(index)  # type: ignore[union-attr]
        shot(name)
    meeting_view.tabs.setCurrentIndex(0)  # type: ignore[union-attr]
    window.show_banner(services.planning.meetings(programme.id)[0].title + " — "
                       + "Lorem ipsum: a refusal of the rules, long enough to wrap at a small width.")
    shot("meeting_banner")
    window.hide_banner()

    organisations = services.planning.navigation(programme.id).organisations
    first = next(o for o in organisations if o.kind == "participant")
    window.select_key(("plan", first.id))
    shot("activity_plan")
    plan = window.views[f"plan:{first.id}"]
    table = plan.table  # type: ignore[union-attr]
    from verkstad.ui.activity_table import COLUMN

    table.setCurrentIndex(plan.proxy.index(0, COLUMN["deadline"]))  # type: ignore[union-attr]
    table.edit(table.currentIndex())
    shot("activity_plan_deadline_editor")
    table.closePersistentEditor(table.currentIndex())
    plan.setFocus()

    window.select_key(("agreement", first.id))
    shot("agreement")
    agreement = window.views[f"agreement:{first.id}"]
    for name, ask in (("version_send", "ask_send"),):
        dialog = getattr(agreement, ask)()
        shot(name)
        dialog.reject()
    agreement.send_for_comment()  # type: ignore[union-attr]
    settle()
    for name, ask in (("version_comments", "ask_comments"), ("version_approve", "ask_approve")):
        dialog = getattr(agreement, ask)()
        shot(name)
        dialog.reject()
    compare = agreement.compare()  # type: ignore[union-attr]
    shot("version_compare")
    compare.close()

    from verkstad.ui.preview import show_document

    preview = show_document(window, services, "plan", organisation_id=first.id)
    settle(1500)
    shot("preview")
    if preview is not None:
        preview.close()

    shot_modal("settings", window.show_settings)
    shot_modal("about", window.show_about)
    from verkstad.ui.bug_dialog import show_bug

    try:
        raise RuntimeError("a bug, for the screenshot")
    except RuntimeError as exc:
        bug = show_bug(window, exc)
    shot("bug_dialog")
    bug.close()

    window.open_capture(kickoff.id)
    settle()
    capture = window._capture_windows[-1]
    for text in ("Genbrugte kontormøbler i alle nye udbud, med krav om dokumentation fra leverandøren",
                 "Indkøbschefen tager kontakt til de tre største leverandører før sommerferien",
                 "Kort idé"):
        capture.line.setText(text)
        capture.submit(text)
    shot("capture")
    capture.show_error("Lorem ipsum: the disk is full. Nothing was lost; free some space and press Enter again.")
    shot("capture_banner")
    capture.hide_error()
    capture.open_search()
    shot("capture_search")
    capture.close_search()
    capture.end_meeting()
    shot("capture_summary")
    capture.close()
    window.close()
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in QApplication.topLevelWidgets():  # gone before the database and the application
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    services.close()


if __name__ == "__main__":
    main()
