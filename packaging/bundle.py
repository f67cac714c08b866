"""What goes into Verkstad's PyInstaller bundle, for all three platforms: the one list of data
files, the hidden imports and excludes, and the pruning of what Qt, Babel and the system
libraries would add that Verkstad never uses. Imported by linux.spec, windows.spec and
macos.spec (PyInstaller runs a spec with SPECPATH set to this folder).

The bundle keeps: the fonts, templates and JSON schema (resources/), the compiled catalogs
(i18n/*/LC_MESSAGES/*.mo), the Alembic migrations (read as files), Qt's Core, Gui, Widgets,
PrintSupport, Svg and DBus with the platform plugins a desktop needs (xcb and Wayland on
Linux, offscreen for the self-test), Qt's own translations for the five languages only,
and Babel's locale data for the five languages only.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("da", "en", "fi", "nb", "sv")

# (source, folder in the bundle): the same folders the wheel force-includes (pyproject.toml),
# found by verkstad/paths.py beside the package.
DATAS = [
    (str(ROOT / "resources"), "verkstad/_resources"),
    *[(str(mo), f"verkstad/_i18n/{mo.parent.parent.name}/LC_MESSAGES")
      for mo in sorted((ROOT / "i18n").glob("*/LC_MESSAGES/*.mo"))],
    (str(ROOT / "desktop" / "verkstad" / "storage" / "migrations"), "verkstad/storage/migrations"),
]

# Imported inside functions (start-up keeps them lazy), so PyInstaller's analysis from
# __main__ does not see them all.
HIDDEN_IMPORTS = [
    "verkstad.app", "verkstad.selftest", "verkstad.ui.main_window", "verkstad.ui.capture.window",
    "verkstad.storage.migrate", "alembic", "alembic.runtime.migration", "logging.config",
    "reportlab.platypus", "reportlab.graphics.barcode.common", "sqlalchemy.dialects.sqlite",
    "babel.dates", "babel.numbers", "babel.lists",
    # reportlab finds its C accelerator by exec'ing an import; fontTools loads a font's tables
    # by name (the draft watermark reads these); the exchange imports orjson and fastjsonschema
    # only when a file is written or read.
    "_rl_accel", "fontTools.pens.basePen", "orjson", "fastjsonschema",
    *(f"fontTools.ttLib.tables.{t}" for t in ("_c_m_a_p", "_g_l_y_f", "_h_e_a_d", "_h_h_e_a", "_h_m_t_x",
                                               "_l_o_c_a", "_m_a_x_p", "_p_o_s_t", "_g_a_s_p")),
]

# python-docx opens its header and footer templates as "docx/parts/../templates/…": a path through
# the package folder of its modules, which a bundle keeps in its archive, so the folder must be
# there too. "pyz+py" also puts docx's sources beside the archive (pitfall 23, developer-notes.md).
MODULE_COLLECTION_MODE = {"docx": "pyz+py"}

EXCLUDES = [
    "tkinter", "unittest", "pydoc", "readline", "curses",
    # reportlab imports PIL.Image (for pictures, which Verkstad's documents do not have): its
    # core stays, the codecs and fonts it loads on demand go (9 MB of libavif, HarfBuzz, ...).
    "PIL._avif", "PIL._webp", "PIL._imagingft", "PIL._imagingcms", "PIL._imagingtk", "PIL._imagingmath",
    "PIL._imagingmorph", "PIL.ImageQt", "PIL.ImageTk", "PIL.ImageFont", "PIL.ImageCms",
    # Verkstad opens no network connection: no OpenSSL (5 MB). asyncio, which SQLAlchemy
    # imports, and urllib do without it; hashlib falls back on Python's own digests.
    "ssl", "_ssl", "_hashlib",
    # Nothing reads Chinese, Japanese or Korean legacy encodings; reportlab's XML reader
    # guesses encodings with charset_normalizer only when it is installed.
    "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw", "charset_normalizer",
    "PySide6.QtDBus",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtOpenGL", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtConcurrent", "PySide6.QtXml", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtUiTools", "PySide6.QtOpenGLWidgets", "PySide6.QtQuickWidgets", "PySide6.QtPdf",
    "PySide6.QtAsyncio", "psycopg", "psycopg2", "pytest", "hypothesis", "IPython",
]

# Qt plugins kept, by folder; a folder not listed is dropped whole.
QT_PLUGINS = {
    "platforms": {"libqxcb.so", "libqwayland.so", "libqoffscreen.so", "libqminimal.so",
                  "qwindows.dll", "qoffscreen.dll", "qminimal.dll",
                  "libqcocoa.dylib", "libqoffscreen.dylib", "libqminimal.dylib"},
    "platformthemes": {"libqxdgdesktopportal.so"},
    "platforminputcontexts": None,  # all: compose keys and IBus, for typing æ ø å
    "xcbglintegrations": None,
    "wayland-shell-integration": {"libxdg-shell.so"},
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": {"libqt-plugin-wayland-egl.so", "libshm-emulation-server.so"},
    "imageformats": {"libqsvg.so", "qsvg.dll", "libqsvg.dylib"},
    "iconengines": None,
    "printsupport": None,
    "styles": None,
}
_NAMES = "|".join((*LANGUAGES, "nn", "no"))  # Norwegian Bokmål falls back on "no" and "nn"
_QT_TRANSLATION = re.compile(rf"^qt(base)?_({_NAMES})\.qm$")
_BABEL_LOCALE = re.compile(rf"^(root|({_NAMES})(_\w+)?)\.dat$")


def keep(dest: str) -> bool:
    """Whether a file at `dest` (its path in the bundle) stays in it."""
    parts = Path(dest).parts
    if "PySide6" in parts:
        tail = parts[parts.index("PySide6") + 1:]
        if len(tail) >= 3 and tail[:2] == ("Qt", "plugins"):
            wanted = QT_PLUGINS.get(tail[2], set())
            return wanted is None or tail[-1] in wanted
        if len(tail) >= 2 and tail[:2] == ("Qt", "translations"):
            return bool(_QT_TRANSLATION.match(tail[-1]))
        if len(tail) >= 3 and tail[:2] == ("Qt", "lib") and re.search(
                r"Qt6(Quick|Qml|Network|Pdf|EglFs|Concurrent|Sql|Test|Xml|OpenGLWidgets)", tail[-1]):
            return False
    if len(parts) >= 3 and parts[0] == "babel" and parts[1] == "locale-data":
        return bool(_BABEL_LOCALE.match(parts[-1]))
    return True


def prune(toc: list) -> list:
    """The entries of `toc` (PyInstaller's (dest, source, kind) tuples) that `keep`."""
    return [entry for entry in toc if keep(entry[0])]


def prune_binaries(toc: list) -> list:
    """`prune`, and of the libraries PyInstaller copied from the system (Linux), keep only those
    Python's own modules need (libffi, sqlite, OpenSSL, ...). The ones only Qt needs (X11 and
    xcb, fontconfig, GLib, D-Bus, CUPS, and the GTK stack of a dropped theme plugin) come from
    the system, as they do for Qt installed from PyPI: the .deb depends on their packages
    (build-linux.sh finds them with ldd and dpkg -S)."""
    from PyInstaller.depend import bindepend

    kept = prune(toc)
    system = {Path(dest).name: src for dest, src, _kind in kept if _system_library(src)}
    needed: set[str] = set()
    todo = [src for dest, src, _kind in kept
            if not _system_library(src) and "PySide6" not in Path(dest).parts and "shiboken6" not in dest]
    while todo:
        source = todo.pop()
        try:
            imports = bindepend.get_imports(source)
        except Exception:  # noqa: BLE001  (not a binary it can read: it needs nothing)
            continue
        for name, _path in imports:
            name = Path(name).name
            if name in system and name not in needed:
                needed.add(name)
                todo.append(system[name])
    return [e for e in kept if not _system_library(e[1]) or Path(e[0]).name in needed]


def _system_library(source: str) -> bool:
    """A shared library of the Linux system (not of a Python package or of Python itself)."""
    return source.startswith(("/lib/", "/usr/lib/", "/lib64/", "/usr/lib64/")) and ".so" in source
