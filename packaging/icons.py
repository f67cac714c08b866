"""Render Verkstad's application icon (resources/icons/org.verkstad.Verkstad.svg) with Qt's SVG
renderer:

    python packaging/icons.py OUT_DIR          PNG in the hicolor sizes and the SVG, laid out as
                                               share/icons/hicolor (OUT_DIR/<n>x<n>/apps/...)
    python packaging/icons.py --ico OUT_DIR    OUT_DIR/verkstad.ico (Windows, 16-256 px)
    python packaging/icons.py --icns OUT_DIR   OUT_DIR/verkstad.icns (macOS, 16-512 px)
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "org.verkstad.Verkstad.svg"


def _image(size: int):
    """The icon drawn at size × size pixels, as a QImage."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICON))
    if not renderer.isValid():
        raise SystemExit(f"{ICON} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def container(out: Path, kind: str) -> Path:
    """One .ico or .icns file holding the icon in every size its platform uses (Pillow writes both)."""
    import io

    from PIL import Image
    from PySide6.QtCore import QBuffer

    sizes = SIZES if kind == "icns" else tuple(s for s in SIZES if s <= 256)
    images = []
    for size in sizes:
        buffer = QBuffer()
        buffer.open(QBuffer.OpenModeFlag.WriteOnly)
        _image(size).save(buffer, "PNG")
        images.append(Image.open(io.BytesIO(bytes(buffer.data()))))
    target = out / f"verkstad.{kind}"
    out.mkdir(parents=True, exist_ok=True)
    largest = images[-1]
    if kind == "ico":
        largest.save(target, sizes=[(s, s) for s in sizes])
    else:
        largest.save(target, append_images=images[:-1])
    return target


def render(out: Path) -> list[Path]:
    written = []
    for size in SIZES:
        image = _image(size)
        target = out / f"{size}x{size}" / "apps" / "org.verkstad.Verkstad.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            raise SystemExit(f"could not write {target}")
        written.append(target)
    scalable = out / "scalable" / "apps" / ICON.name
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICON, scalable)
    return [*written, scalable]


if __name__ == "__main__":
    if sys.argv[1] in ("--ico", "--icns"):
        print(container(Path(sys.argv[2]), sys.argv[1][2:]))
    else:
        for path in render(Path(sys.argv[1])):
            print(path)
