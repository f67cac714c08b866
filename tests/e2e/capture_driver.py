"""Driven by test_capture_kill.py in a child process: starts Verkstad exactly as
`verkstad --db DB --capture MEETING_ID --lang da` does, types into capture mode like a user,
prints what it did on stdout, and then waits to be killed.

    capture_driver.py MODE DB MEETING_ID [OUT_DIR]

MODE: enter (one entry, then "ENTERED <id>"), typing (half a sentence, then "TYPED"),
report (print the line and the entries shown, then quit), meeting (a whole kick-off
meeting with screenshots in OUT_DIR, then half a sentence and "READY").
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "desktop"))

HALF = "Halvt skrevet sætning om fælles kørsel til"

# Thirty things said at a kick-off meeting: (agenda step before it, kind key, text)
MEETING = [
    (0, "4", "Karen byder velkommen; målet er en aktivitetsplan inden påske"),
    (0, "4", "Økonomichefen deltager kun i første time"),
    (1, "4", "Indkøbspolitikken fra 2021 nævner miljø, men uden mål"),
    (0, "1", "Skriv målbare miljømål ind i politikken #grøn"),
    (0, "1", "Politikken bør nævne sociale klausuler #social"),
    (0, "2", "Politikken revideres i år med rejseholdets hjælp"),
    (0, "3", "Send politikken og de seneste tre udbud til rejseholdet @søren 20.03.27"),
    (1, "4", "Behovsafklaring sker uden miljøkoordinatoren"),
    (0, "1", "Miljøkoordinatoren med i behovsafklaringen over 1 mio. kr."),
    (0, "1", "Fælles skabelon for kravspecifikationer #grøn"),
    (0, "3", "Kortlæg kontrakter, der udløber inden for to år @mette"),
    (0, "4", "Kontrakterne ligger i tre forskellige systemer"),
    (1, "1", "Elbiler og ladestandere i kørselsudbuddet for hjemmeplejen #transport"),
    (0, "1", "Intern møbelbank før nyindkøb #cirkulær"),
    (0, "1", "Økologi og mindre madspild i kantinen #grøn"),
    (0, "1", "Praktikpladser i bygge- og anlægsudbud #beskæftigelse"),
    (0, "1", "Adfærdskodeks som bilag til alle kontrakter #adfærdskodeks"),
    (0, "1", "Genbrug af it-udstyr gennem en certificeret partner #cirkulær"),
    (0, "1", "Samkørsel af vareleverancer til kommunens institutioner #transport"),
    (0, "4", "Hjemmeplejen kører 40 biler i dag"),
    (1, "2", "Kørselsudbuddet bliver pilotprojekt for grønne krav"),
    (0, "2", "Møbelbanken afprøves på rådhuset først"),
    (0, "2", "Rejseholdets skabeloner bruges i alle nye udbud"),
    (0, "3", "Find en kollega fra hjemmeplejen til markedsdialogen @karen"),
    (0, "3", "Undersøg ladestandere på de kommunale matrikler"),
    (1, "3", "Send udkast til aktivitetsplan og samarbejdsaftale @maja 03.04.27"),
    (0, "3", "Book lokale til opfølgningsmødet"),
    (0, "4", "Næste møde i uge 16"),
    (0, "1", "Case-historie om møbelbanken til nyhedsbrevet"),
    (0, "4", "Mødet sluttede til tiden"),
]


def say(*words) -> None:
    print(*words, flush=True)


def main() -> int:
    mode, db, meeting_id = sys.argv[1:4]
    out = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from verkstad import cli
    from verkstad.app import make_application

    app = make_application()

    def window():
        from verkstad.ui.capture import CaptureWindow

        found = [w for w in app.topLevelWidgets() if isinstance(w, CaptureWindow) and w.isVisible()]
        return found[0] if found else None

    def type_text(widget, text: str) -> None:
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))

    def key(widget, k, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(widget, k, modifiers)

    def settle(n: int = 5) -> None:
        for _ in range(n):
            app.processEvents()

    def drive() -> None:
        w = window()
        if w is None:
            QTimer.singleShot(50, drive)
            return
        w.activateWindow()
        settle()
        line = w.line
        if mode == "enter":
            w.entrySaved.connect(lambda entry_id: say("ENTERED", entry_id))
            type_text(line, "Elbiler i hjemmeplejen #transport")
            key(line, Qt.Key.Key_Return)
        elif mode == "typing":
            type_text(line, HALF)
            say("TYPED")
        elif mode == "report":
            say("LINE", line.text())
            say("ENTRIES", w.model.entry_count())
            app.quit()
        elif mode == "meeting":
            run_meeting(w)

    def run_meeting(w) -> None:
        line = w.line
        key(line, Qt.Key.Key_F5)  # start the meeting
        for person in ("Karen Eksempel", "Søren Prøve", "Maja Fiktiv Holm"):
            row = next(r for r in w.capture.attendance(w.meeting_id).rows if r.person.name == person)
            w.attendance_panel.person_item(row.person.id).setCheckState(Qt.CheckState.Checked)
        times = []
        for step, kind, text in MEETING:
            for _ in range(step):
                key(line, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
            key(line, getattr(Qt.Key, f"Key_{kind}"), Qt.KeyboardModifier.ControlModifier)
            type_text(line, text)
            started = time.perf_counter()
            key(line, Qt.Key.Key_Return)
            times.append((time.perf_counter() - started) * 1000)
            settle(2)
        say("ENTER_MS", " ".join(f"{t:.2f}" for t in times))
        # two promotions: the electric cars idea and the furniture bank decision
        for wanted in ("Elbiler og ladestandere", "Møbelbanken afprøves"):
            w.select_entry(next(e.id for e in w.capture.entries(w.meeting_id) if e.text.startswith(wanted)))
            key(line, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        # votes and impact on the cars idea
        key(line, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        w.select_entry(next(e.id for e in w.capture.entries(w.meeting_id) if e.text.startswith("Elbiler")))
        for _ in range(3):
            key(line, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        key(line, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        key(line, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        key(line, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        w.select_entry(None)
        settle(10)
        if out:
            w.grab().save(str(out / "capture.png"))
        # a search, opened on its hit
        key(line, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        type_text(w.search_panel.field, "møbel")
        settle(5)
        say("SEARCH", w.search_panel.model.rowCount())
        say("FIRST", w.search_panel.model.hits[0].text if w.search_panel.model.hits else "")
        if out:
            w.grab().save(str(out / "search.png"))
        key(w.search_panel.field, Qt.Key.Key_Return)
        selected = w.selected_entry_id()
        say("OPENED", w.model.entry(w.model.index_of(selected)).text if selected else "")
        key(w.search_panel.field, Qt.Key.Key_Escape)
        # mid-sentence when the laptop dies
        type_text(line, HALF)
        settle(5)
        say("READY")

    QTimer.singleShot(0, drive)
    return cli.main(["--db", db, "--capture", meeting_id, "--lang", "da"])


if __name__ == "__main__":
    raise SystemExit(main())
