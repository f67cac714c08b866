"""Capture benchmark: Enter to entry committed and shown, with 20,000 notes already in the
programme, beside a bare SQLite insert+commit with the same settings in the same run; and
search as you type over 100,000 notes, beside a bare FTS5 query.

    .venv/bin/python bench/capture.py [--entries 500] [--existing 20000] [--search-notes 100000]

Targets (issue 3): Enter to shown under 10 ms median and 30 ms at the 99th percentile;
search under 50 ms. "Shown" means the Enter key event has been handled (entry committed
with synchronous=FULL, row inserted in the list model) and the event loop has laid out
and painted the window once more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _floor import ROOT

sys.path.insert(0, str(ROOT / "desktop"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _survive_pyside_6_12() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None, True or False on each call of
    a Qt method returning nothing or a bool; thousands of calls later the interpreter aborts
    ("deallocating None"). This run makes thousands: give the three objects references to
    spare, as Python 3.12 does by making them immortal. Nothing else changes."""
    import ctypes

    import PySide6

    if sys.version_info < (3, 12) and PySide6.__version__.startswith("6.12"):
        for obj in (None, True, False):
            ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40

PRAGMAS = ("PRAGMA locking_mode=EXCLUSIVE", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
           "PRAGMA foreign_keys=ON")
SYLLABLES = ["ind", "køb", "grøn", "krav", "ud", "bud", "mil", "jø", "kon", "trakt", "le", "ve", "ran", "dør",
             "gen", "brug", "møb", "el", "bil", "kør", "sel", "sta", "tus", "plan", "ak", "ti", "vi", "tet",
             "cir", "ku", "lær", "so", "ci", "al", "klau", "sul", "lær", "ling", "ren", "gø", "ring", "kan",
             "ti", "ne", "mad", "spild", "øko", "lo", "gi", "å", "bør", "ne", "hus", "skole", "vej", "fælles"]


def words(rng: random.Random, n: int) -> list[str]:
    """A vocabulary of n invented words built from Danish-looking syllables."""
    found: set[str] = set()
    while len(found) < n:
        found.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(found)


def sentence(rng: random.Random, vocabulary: list[str]) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(4, 12))).capitalize()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def fill_notes(db_path: Path, meeting_ids: list[str], texts: list[str]) -> None:
    """Insert notes straight into the entries table (the FTS triggers index them)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO entries (id, created_at, updated_at, meeting_id, position, kind, text, votes, theme_ids,"
        " owner_name) VALUES (?, ?, ?, ?, ?, 'note', ?, 0, '[]', '')",
        ((str(uuid.uuid4()), now, now, meeting_ids[i % len(meeting_ids)], 100_000 + i, text)
         for i, text in enumerate(texts)))
    conn.execute("COMMIT")
    conn.close()


def bare_insert_ms(folder: Path, texts: list[str]) -> list[float]:
    """One insert and commit per entry into a table shaped like entries, with the same pragmas."""
    conn = sqlite3.connect(folder / "bare.sqlite", isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    conn.execute("CREATE TABLE entries (id TEXT PRIMARY KEY, created_at TEXT, updated_at TEXT, deleted_at TEXT,"
                 " meeting_id TEXT, agenda_item_id TEXT, position INTEGER, kind TEXT, text TEXT, impact TEXT,"
                 " votes INTEGER, theme_ids TEXT, owner_id TEXT, owner_name TEXT, due_date TEXT, activity_id TEXT)")
    conn.execute("CREATE INDEX ix_meeting_position ON entries (meeting_id, position)")
    times = []
    for i, text in enumerate(texts):
        now = dt.datetime.now(dt.UTC).isoformat()
        started = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO entries (id, created_at, updated_at, meeting_id, position, kind, text, votes,"
                     " theme_ids, owner_name) VALUES (?, ?, ?, 'm', ?, 'idea', ?, 0, '[]', '')",
                     (str(uuid.uuid4()), now, now, i, text))
        conn.execute("COMMIT")
        times.append((time.perf_counter() - started) * 1000)
    conn.close()
    return times


def bare_qt_ms(app, rows: int) -> list[float]:
    """The Qt floor: a QTreeView over a QStandardItemModel (eight columns, as capture shows) in a
    window of the same size; append a row under a group, scroll to it, clear a line edit, and let
    the event loop lay out and paint, as Enter does."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QLineEdit, QMainWindow, QTreeView, QVBoxLayout, QWidget

    window, central = QMainWindow(), QWidget()
    layout = QVBoxLayout(central)
    tree, line = QTreeView(), QLineEdit()
    layout.addWidget(tree)
    layout.addWidget(line)
    window.setCentralWidget(central)
    model = QStandardItemModel()
    model.setColumnCount(8)
    tree.setModel(model)
    tree.setWordWrap(True)
    tree.setAlternatingRowColors(True)
    group = QStandardItem("1. Velkomst")
    model.appendRow(group)
    tree.expandAll()
    window.resize(1400, 900)
    window.show()
    for _ in range(5):
        app.processEvents()
    times = []
    for i in range(rows + 20):
        line.setText("x")
        started = time.perf_counter()
        group.appendRow([QStandardItem(f"Notering {i} om grøn transport")] + [QStandardItem("") for _ in range(7)])
        tree.scrollTo(model.index(i, 0, model.index(0, 0)))
        line.clear()
        app.processEvents()
        if i >= 20:
            times.append((time.perf_counter() - started) * 1000)
    window.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500, help="entries typed and timed")
    parser.add_argument("--existing", type=int, default=20_000, help="notes in the programme beforehand")
    parser.add_argument("--search-notes", type=int, default=100_000, help="notes in the programme when searching")
    parser.add_argument("--queries", type=int, default=25, help="words typed into the search, letter by letter")
    args = parser.parse_args()
    _survive_pyside_6_12()

    import PySide6
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from verkstad.domain.model import Meeting, Organisation
    from verkstad.services.demo import create_demo
    from verkstad.services.hub import Services
    from verkstad.ui.capture import CaptureWindow

    rng = random.Random(20270301)
    vocabulary = words(rng, 6000)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_path = folder / "bench.sqlite"
        services = Services.open(db_path)
        programme = create_demo(services, "da")
        nk = next(o for o in services.records.list(Organisation, programme_id=programme.id) if o.short_name == "NK")
        meeting = next(m for m in services.records.list(Meeting, organisation_id=nk.id))
        # Earlier meetings of a long programme hold the existing notes.
        phase_id = meeting.phase_id
        others = [services.planning.add_meeting(phase_id, f"Netværksmøde {i + 1}", nk.id).id for i in range(40)]
        services.close()
        fill_notes(db_path, others, [sentence(rng, vocabulary) for _ in range(args.existing)])

        services = Services.open(db_path)
        typed = [sentence(rng, vocabulary) for _ in range(args.entries + 20)]
        results, in_model = {}, {}
        for label, through_main_window in (("capture window alone", False),
                                           ("opened from the main window (its own history, the shared bus)", True)):
            main_window = None
            if through_main_window:
                from verkstad.ui.main_window import MainWindow

                main_window = MainWindow(services=services,
                                         settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
                main_window.open_programme(programme.id)
                main_window.show()
                main_window.open_capture(meeting.id)
                window = next(w for w in app.topLevelWidgets() if isinstance(w, CaptureWindow) and w.isVisible())
            else:
                window = CaptureWindow(services=services, meeting_id=meeting.id)
                window.show()
            window.resize(1400, 900)
            for _ in range(5):
                app.processEvents()
            window.start_meeting()
            times, handled = [], []
            for i, text in enumerate(typed):
                window.line.setText(text)
                started = time.perf_counter()
                QTest.keyClick(window.line, Qt.Key.Key_Return)  # committed, row in the model
                middle = time.perf_counter()
                app.processEvents()  # layout and paint of the new row
                if i >= 20:  # warm-up
                    times.append((time.perf_counter() - started) * 1000)
                    handled.append((middle - started) * 1000)
            assert window.model.entry_count() >= len(typed)
            results[label] = times
            in_model[label] = handled
            window.close()
            if main_window is not None:
                main_window.close()
            app.processEvents()
        services.close()
        bare = bare_insert_ms(folder, typed)
        qt_floor = bare_qt_ms(app, args.entries)

        # Search: 100,000 notes in the programme, typed letter by letter.
        fill_notes(db_path, others, [sentence(rng, vocabulary) for _ in range(args.search_notes - args.existing)])
        services = Services.open(db_path)
        window = CaptureWindow(services=services, meeting_id=meeting.id)
        window.show()
        window.open_search()
        for _ in range(5):
            app.processEvents()
        panel = window.search_panel
        queries = [rng.choice(vocabulary) for _ in range(args.queries - 5)]
        queries += [f"{rng.choice(vocabulary)} {rng.choice(vocabulary)[:4]}" for _ in range(5)]
        search_ms, service_ms, hits = [], [], []
        for query in queries:
            for n in range(1, len(query) + 1):
                prefix = query[:n]
                panel.field.setText(prefix)
                started = time.perf_counter()
                panel.run(prefix)
                app.processEvents()
                search_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                hits.append(len(services.capture.search(programme.id, prefix)))
                service_ms.append((time.perf_counter() - started) * 1000)
        total = services.db.raw_connection().execute("SELECT count(*) FROM entries").fetchone()[0]
        rare = queries[0]
        raw = services.db.raw_connection()
        floor = []
        for _ in range(20):
            started = time.perf_counter()
            raw.execute("SELECT rowid FROM entries_search WHERE entries_search MATCH ?", (f'"{rare}"',)).fetchall()
            floor.append((time.perf_counter() - started) * 1000)
        window.close()
        services.close()

    bare_median = statistics.median(bare)
    print(f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}")
    print(f"platform: {os.environ['QT_QPA_PLATFORM']}, notes in the programme before typing: {args.existing}, "
          f"entries typed and timed: {args.entries}")
    print(f"bare sqlite insert+commit (WAL, synchronous=FULL), ms: median {bare_median:.2f}, "
          f"p99 {percentile(bare, 99):.2f}")
    qt_median = statistics.median(qt_floor)
    print(f"bare Qt: append a row to a QTreeView/QStandardItemModel and paint, same window size, ms: "
          f"median {qt_median:.2f}, p99 {percentile(qt_floor, 99):.2f}")
    both = bare_median + qt_median
    for label, times in results.items():
        median = statistics.median(times)
        print(f"Enter -> committed and shown, {label}, ms: median {median:.2f}, p99 {percentile(times, 99):.2f}, "
              f"max {max(times):.2f}  (ratio to bare commit + bare Qt row {median / both:.2f}x; "
              f"target median < 10, p99 < 30)")
        print(f"  of which Enter handled (committed, row in the model, before the paint), ms: "
              f"median {statistics.median(in_model[label]):.2f}, p99 {percentile(in_model[label], 99):.2f}")
    print(f"search as you type over {total} entries, {len(search_ms)} keystrokes in {len(queries)} queries, "
          f"ms: median {statistics.median(search_ms):.2f}, worst {max(search_ms):.2f}  (target < 50)")
    print(f"  of which the service query, ms: median {statistics.median(service_ms):.2f}, "
          f"worst {max(service_ms):.2f}; hits per keystroke: median {statistics.median(hits):.0f}, "
          f"max {max(hits)} (the list shows at most 50)")
    print(f"  bare FTS5 trigram query for a rare word, ms: median {statistics.median(floor):.2f} "
          f"(ratio {statistics.median(search_ms) / statistics.median(floor):.1f}x)")


if __name__ == "__main__":
    main()
