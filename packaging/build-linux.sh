#!/usr/bin/env bash
# Build Verkstad for Linux: a PyInstaller one-folder bundle in dist/verkstad/ (no Python needed
# to run it) and a Debian package dist/verkstad_<version>_<arch>.deb that installs it under
# /opt/verkstad with the `verkstad` command, the desktop entry, the icon, the AppStream
# metainfo and the programme file's MIME type. Checks the bundle with `--self-test` and the
# desktop files with desktop-file-validate and appstreamcli before packing.
#
#   bash packaging/build-linux.sh            (from anywhere; needs Debian or Ubuntu)
#
# What goes into the bundle is packaging/bundle.py's (shared with the Windows and macOS specs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
started=$(date +%s)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=""
for p in binutils dpkg-dev desktop-file-utils appstream; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing the packaging tools:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

bash scripts/setup.sh
.venv/bin/python -m pip install -q -e ".[packaging]"
VERSION=$(.venv/bin/python -c "import verkstad; print(verkstad.__version__)")
ARCH=$(dpkg --print-architecture)

echo "== bundle (PyInstaller)"
rm -rf dist/verkstad build/pyinstaller
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/linux.spec
# Links PyInstaller made to libraries that bundle.py then left out (Qt Network, EGLFS).
find dist/verkstad -xtype l -delete
echo "bundle: $(( $(du -sk dist/verkstad | cut -f1) / 1024 )) MiB on disk, $(find dist/verkstad -type f | wc -l) files"

echo "== self-test of the bundle"
env -i HOME="$(mktemp -d)" PATH=/usr/bin:/bin LANG=C.UTF-8 dist/verkstad/verkstad --self-test

echo "== package (dpkg-deb)"
STAGE=build/deb/verkstad_${VERSION}_${ARCH}
rm -rf build/deb && mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin"
cp -a dist/verkstad "$STAGE/opt/verkstad"
ln -s ../../opt/verkstad/verkstad "$STAGE/usr/bin/verkstad"
install -Dm644 packaging/org.verkstad.Verkstad.desktop "$STAGE/usr/share/applications/org.verkstad.Verkstad.desktop"
install -Dm644 packaging/org.verkstad.Verkstad.metainfo.xml "$STAGE/usr/share/metainfo/org.verkstad.Verkstad.metainfo.xml"
install -Dm644 packaging/org.verkstad.Verkstad.mime.xml "$STAGE/usr/share/mime/packages/org.verkstad.Verkstad.xml"
.venv/bin/python packaging/icons.py "$STAGE/usr/share/icons/hicolor" >/dev/null
install -Dm644 packaging/copyright "$STAGE/usr/share/doc/verkstad/copyright"

# Depends: the Debian packages of every system library the bundle's binaries load (Qt's
# X11, xcb, Wayland, fontconfig, CUPS, GL ...), found with ldd and dpkg -S.
libraries=$(find "$STAGE/opt/verkstad" -type f \( -name '*.so' -o -name '*.so.*' -o -path '*/verkstad/verkstad' \) \
  -exec ldd {} \; 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$ROOT/" | sort -u)
if find "$STAGE/opt/verkstad" -type f -name '*.so*' -exec ldd {} \; 2>/dev/null | grep -q "not found"; then
  echo "A library the bundle needs is neither in it nor on this system:" >&2
  find "$STAGE/opt/verkstad" -type f -name '*.so*' -exec ldd {} \; 2>/dev/null | grep "not found" | sort -u >&2
  exit 1
fi
packages=$(for lib in $libraries; do
  dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null \
    || { echo "no Debian package holds $lib" >&2; exit 1; }
done | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g')
cat > "$STAGE/DEBIAN/control" <<EOF
Package: verkstad
Version: $VERSION
Architecture: $ARCH
Maintainer: The Verkstad team <verkstad@verkstad.invalid>
Installed-Size: $(du -sk "$STAGE" | cut -f1)
Depends: $packages, shared-mime-info, hicolor-icon-theme
Section: misc
Priority: optional
Homepage: https://verkstad.invalid/
Description: plan, run and document advisory programmes for sustainable procurement
 Verkstad helps facilitators of advisory programmes for sustainable public
 procurement: plan the phases, organisations and meetings, capture ideas and
 decisions on site without a network, and print the activity plan and the
 cooperation agreement in each organisation's language (Danish, Swedish,
 Finnish, Norwegian, English).
EOF

echo "== checks of the desktop files"
desktop-file-validate "$STAGE/usr/share/applications/org.verkstad.Verkstad.desktop"
appstreamcli validate --no-net --explain "$STAGE/usr/share/metainfo/org.verkstad.Verkstad.metainfo.xml"

DEB=dist/verkstad_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zxz -z6 --build "$STAGE" "$DEB" >/dev/null
echo "package: $DEB, $(( $(du -sk "$DEB" | cut -f1) / 1024 )) MiB; installed $(( $(du -sk "$STAGE" | cut -f1) / 1024 )) MiB"
echo "built in $(( $(date +%s) - started )) s"
