"""Overview benchmark: the programme overview (one row per organisation) and this week's reminders
of a programme with 100 organisations, 2,000 activities and 10,000 progress updates, read and
shown in the overview table (offscreen), beside the floor: reading the same activities and
updates as plain rows with one SQL statement each, measured in the same run.

    .venv/bin/python bench/overview.py [--runs 7] [--organisations 100] [--activities 2000] [--updates 10000]

Target (issue 9): the overview shows in under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _floor import PYTHON, child_env, run_child

TARGET_MS = 100

MAKE = """
import datetime as dt, random, sys
from verkstad.domain.model import Activity, Organisation, OrgKind, ProgressUpdate
from verkstad.services.hub import Services
random.seed(7)
s = Services.open(sys.argv[1])
orgs_n, acts_n, ups_n = (int(x) for x in sys.argv[2:5])
p = s.planning.create_programme("Benchmark", "da", "travelling_team", start=dt.date(2027, 2, 1))
orgs = [Organisation(programme_id=p.id, name=f"Kommune {n}", short_name=f"K{n}", kind=OrgKind.PARTICIPANT,
                     position=n) for n in range(orgs_n)]
s.records.add_all(orgs)
today = dt.date.today()
acts = [Activity(programme_id=p.id, organisation_id=orgs[n % orgs_n].id, title=f"Aktivitet {n}", position=n // orgs_n,
                 status=random.choice(["preparation", "ongoing", "done"]), team_hours=8, org_hours=4,
                 start_date=today - dt.timedelta(days=random.randint(0, 200)),
                 deadline=today + dt.timedelta(days=random.randint(-60, 200))) for n in range(acts_n)]
s.records.add_all(acts)
ups = [ProgressUpdate(activity_id=acts[n % acts_n].id, reported_on=today - dt.timedelta(days=random.randint(0, 120)),
                      status="ongoing", note=f"Status {n}", share_done=random.randint(0, 100)) for n in range(ups_n)]
s.records.add_all(ups)
s.close()
"""

MEASURE = """
import sys, time
from PySide6.QtWidgets import QApplication
from verkstad.domain.model import Programme
from verkstad.services.hub import Services
from verkstad.ui.follow_up import OverviewTable, RemindersPanel
app = QApplication([])
s = Services.open(sys.argv[1])
programme = s.records.list(Programme)[0]
s.follow_ups.overview(programme.id)  # the first read loads the ORM: not part of showing it
table, panel = OverviewTable(), RemindersPanel()
floors, shows = [], []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    s.db.query("SELECT * FROM activities")  # the same connection (the file is held exclusively)
    s.db.query("SELECT * FROM progress_updates")
    floors.append(time.perf_counter() - t)
    t = time.perf_counter()
    week = s.follow_ups.week(programme.id)
    table.show_rows(week.rows)
    panel.show_reminders(week.reminders)
    app.processEvents()
    shows.append(time.perf_counter() - t)
print(" ".join(f"{f} {v}" for f, v in zip(floors, shows)))
s.close()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--organisations", type=int, default=100)
    parser.add_argument("--activities", type=int, default=2000)
    parser.add_argument("--updates", type=int, default=10_000)
    args = parser.parse_args()
    env = child_env()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "overview.sqlite"
        run_child([PYTHON, "-c", MAKE, str(db), str(args.organisations), str(args.activities), str(args.updates)], env)
        out, mib = run_child([PYTHON, "-c", MEASURE, str(db), str(args.runs)], env)
    figures = [float(x) for x in out.split()]
    floors, shows = figures[0::2], figures[1::2]
    floor, show = statistics.median(floors), statistics.median(shows)
    print(f"programme: {args.organisations} organisations, {args.activities} activities, "
          f"{args.updates} progress updates")
    print(f"floor (the activities and updates read as plain rows, one statement each): median {floor * 1000:.1f} ms")
    print(f"overview and reminders read and shown: median {show * 1000:.0f} ms = {show / floor:.1f}x the floor "
          f"(target under {TARGET_MS} ms), peak {mib:.0f} MiB")


if __name__ == "__main__":
    main()
