#!/usr/bin/env bash
# Install everything (scripts/setup.sh), then check and test: ruff (lint), mypy (types),
# vulture (dead code), and the whole test suite: core tests without Qt, GUI tests offscreen,
# and the real-window tests on a virtual X screen (pytest-xvfb), the storage and services tests
# also on a throwaway PostgreSQL server (scripts/postgres.sh). Any failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
# One command a line: under `set -e` a failure inside `a && b && c` (but in its last command)
# does not stop the script, which let vulture's findings pass unnoticed.
echo "ruff:"
.venv/bin/ruff check desktop tests bench scripts packaging
echo "mypy:"
.venv/bin/mypy
echo "vulture:"
.venv/bin/vulture
echo "no dead code found"
export QT_QPA_PLATFORM=offscreen
# A throwaway PostgreSQL server (when Debian's server is installed, as setup.sh --test does): the
# storage, services and command-line tests then run on it as well as on SQLite.
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
status=0
.venv/bin/python -m pytest -q "$@" || status=$?
if declare -F stop_test_postgres >/dev/null; then stop_test_postgres; fi
exit $status
