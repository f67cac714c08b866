"""Start-up benchmark: `verkstad --quit-when-ready` on the demo database against a bare
PySide6 window measured in the same run; median of several runs, ratio, peak memory.

    .venv/bin/python bench/startup.py [--runs 9]

Targets (issue 2): ready within 2.5x the bare window, peak memory under 160 MiB.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _floor import PYTHON, ROOT, child_env, run_child, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = child_env()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite"
        subprocess.run([PYTHON, "-m", "verkstad", "demo", "--db", str(db)], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        env = child_env(XDG_CONFIG_HOME=tmp)  # a settings file of its own
        bare_cmd = [PYTHON, str(ROOT / "bench" / "bare_window.py")]
        app_cmd = [PYTHON, "-m", "verkstad", "--db", str(db), "--quit-when-ready"]
        run_child(bare_cmd, env), run_child(app_cmd, env)  # warm the file cache
        bare, app, bare_mem, app_mem = [], [], [], []
        for _ in range(args.runs):  # interleaved, so drift hits both alike
            out, mem = run_child(bare_cmd, env)
            bare.append(float(out.split()[-1]))
            bare_mem.append(mem)
            out, mem = run_child(app_cmd, env)
            app.append(float(out.split()[-1]))
            app_mem.append(mem)
    ratio = statistics.median(app) / statistics.median(bare)
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}")
    print(f"bare PySide6 window, ms to first paint: {summary(bare)}")
    print(f"verkstad --quit-when-ready (demo db), ms: {summary(app)}")
    print(f"ratio (median): {ratio:.2f}x  (target <= 2.5x)")
    print(f"peak memory, MiB: bare {max(bare_mem):.0f}, verkstad {max(app_mem):.0f}  (target < 160)")


if __name__ == "__main__":
    main()
