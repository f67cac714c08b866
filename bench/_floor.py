"""Shared helpers for the benchmarks: run a child process, read its figures and peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "desktop") + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def run_child(args: list[str], env: dict[str, str]) -> tuple[str, float]:
    """Run a command; return its stdout and its peak resident memory in MiB."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{args} exited with {proc.returncode}")
    return out, usage.ru_maxrss / 1024


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.0f}, min {min(values):.0f}, max {max(values):.0f}"


PYTHON = sys.executable
