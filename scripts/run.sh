#!/usr/bin/env bash
# Install everything (scripts/setup.sh), then open Verkstad. Extra arguments go to verkstad.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/verkstad "$@"
