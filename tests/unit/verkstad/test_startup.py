import sys
from pathlib import Path

from verkstad import startup

DESKTOP = Path(__file__).resolve().parents[3] / "desktop"


def test_no_module_selects_a_pyside_feature():
    """skip_pyside_source_scan() takes every module for one that selects no PySide6 __feature__."""
    users = [p for p in DESKTOP.rglob("*.py") if "__feature__" in p.read_text(encoding="utf-8")
             and p.name != "startup.py"]
    assert users == []


def test_the_source_scan_is_skipped_and_qt_keeps_its_names():
    import PySide6  # noqa: F401

    startup.skip_pyside_source_scan()
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside(startup) is False
    from PySide6.QtCore import QObject

    assert hasattr(QObject, "setObjectName") and not hasattr(QObject, "set_object_name")
