#!/usr/bin/env bash
# Install everything Verkstad needs on Debian or Ubuntu: the system libraries Qt and the
# tests use (with apt, as root or through sudo, only what is missing), then a virtual
# environment in .venv with Verkstad and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
"$PYTHON" - <<'PY' || { echo "Verkstad needs Python 3.11 or newer (found $("$PYTHON" --version 2>&1))." >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

# Qt's xcb and offscreen platforms, a virtual screen for the real-window tests, pdftoppm.
PACKAGES="python3-venv libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0
libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 xvfb xauth poppler-utils"
# `setup.sh --test` (scripts/test.sh): also LibreOffice's Writer, which a test uses to convert the
# Word documents Verkstad makes to PDF, as an organisation's office suite opens them.
TEST_PACKAGES=""
# And Debian's PostgreSQL server, which the tests start a throwaway cluster of (scripts/postgres.sh).
if [ "${1:-}" = "--test" ]; then TEST_PACKAGES="libreoffice-writer-nogui postgresql"; fi
not_installed() {
  local missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  echo "$missing"
}
if command -v dpkg-query >/dev/null 2>&1; then
  # shellcheck disable=SC2086
  missing=$(not_installed $PACKAGES)
  # shellcheck disable=SC2086
  missing_test=$(not_installed $TEST_PACKAGES)
  if [ -n "$missing$missing_test" ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing system packages:$missing$missing_test"
    $SUDO apt-get update -qq
    if [ -n "$missing" ]; then
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
    fi
    if [ -n "$missing_test" ]; then  # Writer alone, without the suite's recommended extras
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing_test >/dev/null
    fi
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"
