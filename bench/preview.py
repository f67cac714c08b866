"""Preview benchmark: the longest stall of the GUI thread while the preview of the 50-page
activity plan is prepared (offscreen), and the time until every page is drawn; beside the
same preview made the old way, synchronously on the GUI thread, and two floors measured in
the same run: the heartbeat's largest gap over an idle event loop for as long as the preview
takes, and a bare Qt repaint of a window of the preview's size.

    .venv/bin/python bench/preview.py [--runs 5] [--pages 50]

A QTimer heartbeat every 5 ms (precise timer) records the largest gap between its ticks:
that is how long a click or a repaint would have waited. "Ready" is every page drawn at the
opening zoom. The database (the demo, with activities added to Nordhavn Kommune as in
bench/documents.py until its plan has 50 pages) is built in this process; the previews are
measured in a child process, so that its first preview pays the imports a first preview in
the app pays. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _floor import PYTHON, ROOT, child_env, run_child

sys.path.insert(0, str(ROOT / "desktop"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HEARTBEAT_MS = 5
ROWS_PER_PAGE = 5  # as bench/documents.py: rows of this content on an A4 landscape page


# -- the database (parent process) ------------------------------------------------------------

def build_database(path: Path, pages: int) -> tuple[str, int, int]:
    """The demo programme with Nordhavn Kommune's plan grown to `pages` pages; returns the
    organisation's id, its number of activities and the plan's number of pages."""
    from pypdf import PdfReader

    from verkstad.services.demo import create_demo
    from verkstad.services.hub import Services

    services = Services.open(path)
    try:
        create_demo(services, "da")
        org = services.documents.find_organisation("NK")

        def add(count: int) -> None:
            start = len(services.activities.list(org.id))
            for i in range(start, start + count):
                services.activities.add(
                    org.id, f"Aktivitet {i + 1}: grønne krav til rengøring og IT-udstyr",
                    description="Kravspecifikationen gennemgås med indkøberen: miljømærkede midler, "
                                "doseringsudstyr, totalomkostninger og opfølgning på leverandørens indsats.",
                    team_hours=12.5, org_hours=8, start_date=dt.date(2027, 3, 1), deadline=dt.date(2027, 5, 1))

        def plan_pages() -> int:
            return len(PdfReader(io.BytesIO(services.documents.render("plan", organisation_id=org.id))).pages)

        add(pages * ROWS_PER_PAGE - len(services.activities.list(org.id)))
        found = plan_pages()
        while found < pages:  # top up to the page count asked for
            add((pages - found) * ROWS_PER_PAGE)
            found = plan_pages()
        return org.id, len(services.activities.list(org.id)), found
    finally:
        services.close()


# -- the measurements (child process) ---------------------------------------------------------

class Heartbeat:
    """A QTimer every 5 ms recording the largest gap between its ticks while it runs."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.largest = self.since_mark = 0.0
        self.last = 0.0

    def start(self) -> None:
        self.largest = self.since_mark = 0.0
        self.last = time.perf_counter()
        self.timer.start()

    def mark(self) -> None:
        """From now on, also record the largest gap separately (e.g. once the dialog is open)."""
        self._tick()
        self.since_mark = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.largest = max(self.largest, now - self.last)
        self.since_mark = max(self.since_mark, now - self.last)
        self.last = now

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.largest


def run_loop(start, done=None, seconds: float | None = None, timeout: float = 120.0) -> Heartbeat:
    """Run the event loop with the heartbeat going: `start(heartbeat)` is called from it; the
    loop ends when the signal `done()` names fires, or `seconds` after the start. Returns the
    heartbeat, stopped."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    beat = Heartbeat()

    def begin() -> None:
        start(beat)
        if done is not None:
            done().connect(loop.quit)  # fires from a later delivery, never inside start()
        if seconds is not None:
            QTimer.singleShot(round(seconds * 1000), loop.quit)

    QTimer.singleShot(20, begin)
    QTimer.singleShot(round(timeout * 1000), loop.quit)
    beat.start()
    loop.exec()
    beat.stop()
    return beat


def synchronous_preview(services, org_id: str, parent) -> float:
    """The preview as it was before issue 7, on the GUI thread: render, rasterise every page
    (RGBX8888, converted to the pixmap format), one label per page. Returns seconds taken."""
    import pypdfium2 as pdfium
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPixmap
    from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

    from verkstad.ui.preview import FIT_WIDTH_PX, SCREEN_DPI, ZOOMS, fitting_zoom

    begin = time.perf_counter()
    docs = services.documents
    pdf = docs.render("plan", organisation_id=org_id)
    docs.title("plan", organisation_id=org_id), docs.filename("plan", organisation_id=org_id)
    document = pdfium.PdfDocument(pdf)
    widest = max(document[i].get_width() for i in range(len(document)))
    zoom = ZOOMS[fitting_zoom(widest, FIT_WIDTH_PX)]
    dialog = QDialog(parent)
    dialog.resize(900, 900)
    area = QWidget()
    layout = QVBoxLayout(area)
    for index in range(len(document)):
        page = document[index]
        bitmap = page.render(scale=SCREEN_DPI * zoom / 72, rev_byteorder=True, prefer_bgrx=True)
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGBX8888).copy()
        page.close()
        label = QLabel()
        label.setPixmap(QPixmap.fromImage(image))
        layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
    document.close()
    scroll = QScrollArea(dialog)
    scroll.setWidget(area)
    QVBoxLayout(dialog).addWidget(scroll)
    dialog.show()
    dialog.repaint()
    elapsed = time.perf_counter() - begin
    dialog.close()
    dialog.deleteLater()
    return elapsed


def worker_preview(services, org_id: str, parent) -> dict:
    """The preview of today: show_document, then the event loop until every page is drawn."""
    from verkstad.ui.preview import show_document

    state: dict = {}

    def start(beat: Heartbeat) -> None:
        state["begin"] = time.perf_counter()
        state["dialog"] = show_document(parent, services, "plan", organisation_id=org_id)
        state["opened"] = time.perf_counter() - state["begin"]
        state["dialog"].pages_ready.connect(lambda n: state.setdefault("ready", time.perf_counter()))
        beat.mark()

    beat = run_loop(start, done=lambda: state["dialog"].pages_ready)
    dialog = state["dialog"]
    result = {"gap": beat.largest, "gap_open": beat.since_mark, "ready": state["ready"] - state["begin"],
              "opened": state["opened"], "pages": dialog.pages}
    begin = time.perf_counter()
    dialog.repaint()
    result["repaint"] = time.perf_counter() - begin
    dialog.close()
    return result


def bare_repaint_ms(app, runs: int = 20) -> float:
    """A bare Qt repaint: a 900x900 window holding one page-sized pixmap, repainted at once."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    bare = QWidget()
    bare.resize(900, 900)
    page = QPixmap(753, 532)
    page.fill(Qt.GlobalColor.white)
    label = QLabel()
    label.setPixmap(page)
    QVBoxLayout(bare).addWidget(label)
    bare.show()
    app.processEvents()
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        bare.repaint()
        times.append(time.perf_counter() - begin)
    bare.close()
    return statistics.median(times) * 1000


def child(db: str, org_id: str, runs: int) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from verkstad.services.hub import Services
    from verkstad.ui import worker

    app = QApplication([])
    services = Services.open(db)
    parent = QWidget()  # the main window's stand-in
    parent.resize(1280, 820)
    parent.show()

    def settle() -> None:
        worker.wait_for_workers()
        for _ in range(3):
            app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    figures: dict = {"cold": worker_preview(services, org_id, parent)}  # the process's first preview
    settle()
    old, new, idle = [], [], []
    for _ in range(runs):  # interleaved, so drift on a shared machine hits all alike
        taken: list[float] = []
        beat = run_loop(lambda _beat, taken=taken: taken.append(synchronous_preview(services, org_id, parent)),
                        seconds=0.3)
        old.append({"gap": beat.largest, "ready": taken[0]})
        settle()
        new.append(worker_preview(services, org_id, parent))
        settle()
        idle.append(run_loop(lambda _beat: None, seconds=new[-1]["ready"]).largest)
    figures.update(old=old, new=new, idle=idle, repaint_ms=bare_repaint_ms(app))
    parent.close()
    settle()
    services.close()
    print(json.dumps(figures))


# -- the report (parent process) ----------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--child", nargs=2, metavar=("DB", "ORG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "plan.sqlite"
        begin = time.perf_counter()
        org_id, activities, pages = build_database(db, args.pages)
        print(f"database: demo + Nordhavn Kommune with {activities} activities, plan of {pages} pages "
              f"(built in {time.perf_counter() - begin:.1f} s)")
        out, peak = run_child([PYTHON, __file__, "--runs", str(args.runs), "--child", str(db), org_id],
                              child_env(XDG_CONFIG_HOME=tmp, VERKSTAD_LOG_DIR=tmp))
    f = json.loads(out.strip().splitlines()[-1])
    ms = 1000

    def med(rows: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in rows) * ms

    idle = statistics.median(f["idle"]) * ms
    repaint = f["repaint_ms"]
    old_gap, new_gap, cold = med(f["old"], "gap"), med(f["new"], "gap"), f["cold"]
    print(f"platform: {os.environ.get('QT_QPA_PLATFORM')}, heartbeat every {HEARTBEAT_MS} ms, runs: {args.runs}")
    print(f"floor: idle event loop, largest heartbeat gap: median {idle:.1f} ms "
          f"(min {min(f['idle']) * ms:.1f}, max {max(f['idle']) * ms:.1f})")
    print(f"floor: bare Qt repaint of a 900x900 window showing one page: median {repaint:.2f} ms; "
          f"of the ready preview: median {med(f['new'], 'repaint'):.2f} ms")
    print(f"before (render and rasterise on the GUI thread): longest stall median {old_gap:.0f} ms "
          f"(min {min(r['gap'] for r in f['old']) * ms:.0f}, max {max(r['gap'] for r in f['old']) * ms:.0f}) "
          f"= {old_gap / idle:.0f}x idle, {old_gap / med(f['new'], 'repaint'):.0f}x a repaint of the ready preview; "
          f"all pages ready in {med(f['old'], 'ready'):.0f} ms")
    print(f"now (worker): longest stall median {new_gap:.1f} ms (min {min(r['gap'] for r in f['new']) * ms:.1f}, "
          f"max {max(r['gap'] for r in f['new']) * ms:.1f}) = {new_gap / idle:.1f}x idle, "
          f"{new_gap / med(f['new'], 'repaint'):.0f}x a repaint of the ready preview; "
          f"all {f['new'][0]['pages']} pages ready in {med(f['new'], 'ready'):.0f} ms "
          f"(min {min(r['ready'] for r in f['new']) * ms:.0f}); "
          f"show_document returned after {med(f['new'], 'opened'):.1f} ms")
    print(f"now, once the preview is open (worker rendering and drawing): longest stall median "
          f"{med(f['new'], 'gap_open'):.1f} ms (max {max(r['gap_open'] for r in f['new']) * ms:.1f}) "
          f"= {med(f['new'], 'gap_open') / idle:.1f}x idle")
    print(f"now, the process's first preview (imports included): longest stall {cold['gap'] * ms:.0f} ms "
          f"= {cold['gap'] * ms / idle:.1f}x idle; ready in {cold['ready'] * ms:.0f} ms; "
          f"show_document returned after {cold['opened'] * ms:.0f} ms")
    print(f"stall ratio before/now: {old_gap / new_gap:.0f}x; peak memory of the measuring process {peak:.0f} MiB")


if __name__ == "__main__":
    main()
