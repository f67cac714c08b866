"""What the Linux bundle keeps and what the desktop integration says (packaging/): the files an
installed Verkstad needs are listed, the languages it speaks are the five, and the desktop entry,
the MIME type, the AppStream data and the application name one another and the exporter."""

from __future__ import annotations

import configparser
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGING = ROOT / "packaging"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def _bundle():
    spec = importlib.util.spec_from_file_location("bundle", PACKAGING / "bundle.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundle_lists_the_resources_every_catalog_and_the_migrations():
    datas = {Path(src).relative_to(ROOT).as_posix(): dest for src, dest in _bundle().DATAS}
    assert datas["resources"] == "verkstad/_resources"
    assert datas["desktop/verkstad/storage/migrations"] == "verkstad/storage/migrations"
    for lang in ("da", "en", "fi", "nb", "sv"):
        assert datas[f"i18n/{lang}/LC_MESSAGES/verkstad.mo"] == f"verkstad/_i18n/{lang}/LC_MESSAGES"


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/translations/qtbase_da.qm", True),
    ("PySide6/Qt/translations/qt_fi.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qt_help_da.qm", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),  # the self-test
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),  # the application icon
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6Network.so.6", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("babel/locale-data/da.dat", True),
    ("babel/locale-data/nb_NO.dat", True),
    ("babel/locale-data/en_GB.dat", True),
    ("babel/locale-data/root.dat", True),
    ("babel/locale-data/de.dat", False),
    ("babel/locale-data/fil.dat", False),  # not Finnish
    ("verkstad/_resources/fonts/DejaVuSans.ttf", True),
])
def test_the_bundle_keeps_what_verkstad_uses_in_its_five_languages(dest, kept):
    assert _bundle().keep(dest) is kept


def test_the_bundle_excludes_what_verkstad_never_loads_but_not_what_it_does():
    excludes = set(_bundle().EXCLUDES)
    assert {"PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtNetwork"} <= excludes
    assert not {"PIL", "PIL.Image", "sqlite3", "PySide6.QtSvg", "PySide6.QtPrintSupport", "ctypes"} & excludes


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(PACKAGING / "org.verkstad.Verkstad.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_programme_file_type_is_the_exporters_and_opens_with_verkstad(tmp_path, empty_database):
    import shutil

    from verkstad.app import APP_ID
    from verkstad.services.demo import create_demo
    from verkstad.services.exchange import export_programme
    from verkstad.services.hub import Services
    from verkstad.ui.file_menu import PROGRAMME_SUFFIX

    mime = ET.parse(PACKAGING / "org.verkstad.Verkstad.mime.xml").getroot().find("m:mime-type", MIME_NS)
    assert mime is not None
    mime_type = mime.get("type")
    globs = [g.get("pattern") for g in mime.findall("m:glob", MIME_NS)]
    assert globs == [f"*{PROGRAMME_SUFFIX}"]
    entry = _desktop_entry()
    assert mime_type in entry["MimeType"].split(";")
    assert re.fullmatch(r"verkstad %[fF]", entry["Exec"])  # the file reaches verkstad FILE
    assert entry["Icon"] == APP_ID and (ROOT / "resources" / "icons" / f"{APP_ID}.svg").is_file()
    metainfo = ET.parse(PACKAGING / "org.verkstad.Verkstad.metainfo.xml").getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == f"{APP_ID}.desktop"
    assert metainfo.findtext("provides/mediatype") == mime_type

    # The magic recognises a real export, even under another name.
    match = mime.find("m:magic/m:match", MIME_NS)
    assert match is not None
    start, end = (int(n) for n in match.get("offset", "").split(":"))
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(empty_database, path)
    services = Services.open(path)
    try:
        create_demo(services, "sv")
        out = tmp_path / f"exported{PROGRAMME_SUFFIX}"
        export_programme(services, None, out)
    finally:
        services.close()
    head = out.read_text(encoding="utf-8")[: end + len(match.get("value", ""))]
    assert match.get("value", "") in head[start:]


def test_the_desktop_entry_is_translated_into_the_four_other_languages():
    entry = _desktop_entry()
    for key in ("GenericName", "Comment"):
        for lang in ("da", "sv", "fi", "nb"):
            assert entry.get(f"{key}[{lang}]", "").strip()
