#!/usr/bin/env bash
# CI's packaging check (run by .ci/run after the tests, as root on Debian): build the bundle
# and the .deb, install the package with apt, validate the desktop entry and the AppStream
# data where the package put them, and run the self-test from the installed package in a
# clean environment: no virtual environment, nothing of the source tree on any path.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
bash packaging/build-linux.sh
built=$(date +%s)

deb=$(ls dist/verkstad_*.deb)
echo "== installing $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
test "$(readlink -f "$(command -v verkstad)")" = /opt/verkstad/verkstad

echo "== checks of the installed files"
desktop-file-validate /usr/share/applications/org.verkstad.Verkstad.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.verkstad.Verkstad.metainfo.xml
grep -q ':application/x-verkstad-programme:\*\.verkstad$' /usr/share/mime/globs2  # weight:type:glob
grep -q '^application/x-verkstad-programme=org.verkstad.Verkstad.desktop;' /usr/share/applications/mimeinfo.cache
for size in 16 24 32 48 64 128 256 512; do
  test -s "/usr/share/icons/hicolor/${size}x${size}/apps/org.verkstad.Verkstad.png"
done
test -s /usr/share/icons/hicolor/scalable/apps/org.verkstad.Verkstad.svg

echo "== self-test of the installed package"
scratch=$(mktemp -d)
(cd "$scratch" && env -i HOME="$scratch" PATH=/usr/bin:/bin LANG=C.UTF-8 verkstad --self-test)
rm -rf "$scratch"
echo "packaging: built in $(( built - started )) s, installed and checked in $(( $(date +%s) - built )) s"
