#!/usr/bin/env bash
# Install everything (scripts/setup.sh), then run the whole test suite: core tests without
# Qt, GUI tests offscreen, and the real-window tests on a virtual X screen (pytest-xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
