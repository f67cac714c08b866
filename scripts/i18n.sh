#!/usr/bin/env bash
# Extract messages to i18n/messages.pot, merge them into every catalog, compile .mo files.
#   bash scripts/i18n.sh            extract + update + compile
#   bash scripts/i18n.sh compile    compile only
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
LANGS="en da sv fi nb"
if [ "${1:-}" != "compile" ]; then
  PYTHONPATH=desktop "$PY" -m babel.messages.frontend extract -F i18n/babel.cfg \
    -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 -k NP_:1c,2 -k gettext -k tr.gettext \
    --project=Verkstad --copyright-holder="Verkstad contributors" \
    --no-location --sort-output -o i18n/messages.pot . >/dev/null
  for l in $LANGS; do
    po=i18n/$l/LC_MESSAGES/verkstad.po
    if [ -f "$po" ]; then
      "$PY" -m babel.messages.frontend update -i i18n/messages.pot -d i18n -D verkstad -l "$l" --no-fuzzy-matching --ignore-obsolete >/dev/null
    else
      "$PY" -m babel.messages.frontend init -i i18n/messages.pot -d i18n -D verkstad -l "$l" >/dev/null
    fi
  done
fi
for l in $LANGS; do
  "$PY" -m babel.messages.frontend compile -d i18n -D verkstad -l "$l" --use-fuzzy >/dev/null 2>&1 || \
  "$PY" -m babel.messages.frontend compile -d i18n -D verkstad -l "$l" >/dev/null
done
echo "catalogs: $(grep -c '^msgid ' i18n/messages.pot) messages"
