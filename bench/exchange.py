"""Exchange benchmark: import and export of a generated programme file with 100,000 entries,
2,000 activities and 100 organisations, beside `json.load` of the same file measured in the same
run (the floor); each in a fresh child process, so peak memory is that step's own.

    .venv/bin/python bench/exchange.py [--runs 3] [--entries 100000] [--activities 2000] [--organisations 100]

The file is the demo programme's export with its organisations, activities and entries copied
(new ids, the references of each copy kept valid), so every check import makes is exercised.

Merging: two copies of that programme each add `--merge-entries` entries (20,000) in meetings of
their own; the first copy's database merges the second's file, and the time is set beside
`json.load` of that file.

Targets (issue 10): import at most 10x `json.load` and at most 300 MiB peak; export at most 4x;
merging two copies that each added 20,000 entries at most 10x.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _floor import PYTHON, child_env, run_child

TARGET_IMPORT, TARGET_EXPORT, TARGET_MERGE, TARGET_MIB = 10.0, 4.0, 10.0, 300

LOAD = """
import json, sys, time
t = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    json.load(f)
print(time.perf_counter() - t)
"""

IMPORT = """
import sys, time
from verkstad.services.exchange import import_programme
from verkstad.services.hub import Services
s = Services.open(sys.argv[2])
t = time.perf_counter()
import_programme(s, sys.argv[1])
print(time.perf_counter() - t)
s.close()
"""

EXPORT = """
import sys, time
from verkstad.services.exchange import export_programme
from verkstad.services.hub import Services
s = Services.open(sys.argv[1])
t = time.perf_counter()
export_programme(s, None, sys.argv[2])
print(time.perf_counter() - t)
s.close()
"""

MERGE = """
import sys, time
from verkstad.services.exchange import merging
from verkstad.services.hub import Services
s = Services.open(sys.argv[2])
t = time.perf_counter()
plan = merging.plan(s, sys.argv[1])
merging.apply(s, plan, {})
print(time.perf_counter() - t)
assert len(plan.added) >= int(sys.argv[3]) and not plan.conflicts, (len(plan.added), plan.conflicts[:3])
s.close()
"""


def copy_with_entries(source: Path, target: Path, entries: int, half: int) -> Path:
    """The programme file with `entries` new entries, captured in one half of its meetings (0:
    every other one from the first, 1: the others), each appended after the meeting's last."""
    doc = json.loads(source.read_text(encoding="utf-8"))
    meetings = [m["id"] for m in doc["records"]["meetings"] if m["deleted_at"] is None][half::2]
    last = {m: max((e["position"] for e in doc["records"]["entries"] if e["meeting_id"] == m), default=-1)
            for m in meetings}
    base = [e for e in doc["records"]["entries"] if e["deleted_at"] is None]
    for n in range(entries):
        e, meeting = base[n % len(base)], meetings[n % len(meetings)]
        last[meeting] += 1
        doc["records"]["entries"].append(dict(e, id=str(uuid.uuid4()), meeting_id=meeting, agenda_item_id=None,
                                              position=last[meeting], text=f"{e['text']} ({half} {n + 1})"))
    target.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def generate(folder: Path, entries: int, activities: int, organisations: int) -> Path:
    """The demo's export, grown to the sizes asked for."""
    demo = folder / "demo.sqlite"
    source = folder / "demo.json"
    env = child_env()
    run_child([PYTHON, "-m", "verkstad", "demo", "--db", str(demo), "--lang", "da"], env)
    run_child([PYTHON, "-m", "verkstad", "export", "--db", str(demo), "--out", str(source)], env)
    doc = json.loads(source.read_text(encoding="utf-8"))
    records = doc["records"]
    new = lambda: str(uuid.uuid4())  # noqa: E731
    participants = [o for o in records["organisations"] if o["kind"] == "participant"]
    orgs = list(records["organisations"])
    for n in range(organisations - len(orgs)):
        copy = dict(participants[n % len(participants)], id=new(), name=f"Kommune {n + 1}",
                    short_name=f"K{n + 1}", position=len(orgs))
        orgs.append(copy)
    records["organisations"] = orgs
    org_ids = [o["id"] for o in orgs if o["kind"] == "participant"]
    acts = list(records["activities"])
    for n in range(activities - len(acts)):
        org = org_ids[n % len(org_ids)]
        acts.append(dict(acts[n % len(records["activities"])], id=new(), organisation_id=org,
                         title=f"Aktivitet {n + 1}: grønne krav til rengøring", position=1000 + n))
    records["activities"] = acts
    base = [e for e in records["entries"] if e["deleted_at"] is None]
    grown = list(records["entries"])
    for n in range(entries - len(grown)):
        e = base[n % len(base)]
        grown.append(dict(e, id=new(), position=10_000 + n, text=f"{e['text']} ({n + 1})"))
    records["entries"] = grown
    target = folder / "programme.json"
    target.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=2_000)
    parser.add_argument("--organisations", type=int, default=100)
    parser.add_argument("--merge-entries", type=int, default=20_000)
    args = parser.parse_args()
    env = child_env()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # made in a child: a child's peak memory from wait4 includes the parent's at fork, and the
        # generated documents would be counted in every step (developer notes, pitfall 16)
        run_child([PYTHON, __file__, "--make", str(folder), str(args.entries), str(args.activities),
                   str(args.organisations), str(args.merge_entries)], env)
        path, mine, theirs = folder / "programme.json", folder / "mine.json", folder / "theirs.json"
        size = path.stat().st_size / 2**20
        loads, imports, exports, merges, their_loads = [], [], [], [], []
        for run in range(args.runs):  # interleaved: drift on a shared machine hits all alike
            out, load_mib = run_child([PYTHON, "-c", LOAD, str(path)], env)
            loads.append(float(out))
            db = folder / f"import{run}.sqlite"
            out, import_mib = run_child([PYTHON, "-c", IMPORT, str(path), str(db)], env)
            imports.append(float(out))
            out, export_mib = run_child([PYTHON, "-c", EXPORT, str(db), str(folder / f"out{run}.json")], env)
            exports.append(float(out))
            copy = folder / f"mine{run}.sqlite"
            run_child([PYTHON, "-c", IMPORT, str(mine), str(copy)], env)
            out, _mib = run_child([PYTHON, "-c", LOAD, str(theirs)], env)
            their_loads.append(float(out))
            out, merge_mib = run_child([PYTHON, "-c", MERGE, str(theirs), str(copy), str(args.merge_entries)], env)
            merges.append(float(out))
        floor = statistics.median(loads)
        mi, me = statistics.median(imports), statistics.median(exports)
        print(f"programme file: {args.entries} entries, {args.activities} activities, "
              f"{args.organisations} organisations, {size:.0f} MiB")
        print(f"json.load (floor): median {floor * 1000:.0f} ms, peak {load_mib:.0f} MiB")
        print(f"import: median {mi * 1000:.0f} ms = {mi / floor:.1f}x json.load (target {TARGET_IMPORT:.0f}x), "
              f"peak {import_mib:.0f} MiB (target {TARGET_MIB})")
        print(f"export: median {me * 1000:.0f} ms = {me / floor:.1f}x json.load (target {TARGET_EXPORT:.0f}x), "
              f"peak {export_mib:.0f} MiB")
        mm, their_floor = statistics.median(merges), statistics.median(their_loads)
        print(f"merge of a copy with {args.merge_entries} entries of its own into one with as many: median "
              f"{mm * 1000:.0f} ms = {mm / their_floor:.1f}x json.load of its file "
              f"({their_floor * 1000:.0f} ms; target {TARGET_MERGE:.0f}x), peak {merge_mib:.0f} MiB")


def make(folder: Path, entries: int, activities: int, organisations: int, merge_entries: int) -> None:
    path = generate(folder, entries, activities, organisations)
    copy_with_entries(path, folder / "mine.json", merge_entries, 0)
    copy_with_entries(path, folder / "theirs.json", merge_entries, 1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:
        make(Path(sys.argv[2]), *(int(a) for a in sys.argv[3:7]))
    else:
        main()
