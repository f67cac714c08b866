"""Shared fixtures: a fresh database with services, and the demo programme."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))  # the tests run from a checkout, installed or not
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def _log_folder(tmp_path_factory):
    """Logs of the GUIs that tests start go to a temporary folder, not the user's log folder."""
    os.environ.setdefault("VERKSTAD_LOG_DIR", str(tmp_path_factory.mktemp("logs")))


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory) -> Path:
    """A freshly migrated, closed database file; tests get copies (migrating each time is slow)."""
    from verkstad.storage.db import Database

    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    Database(path).close()
    return path


@pytest.fixture
def db_path(tmp_path, empty_database) -> Path:
    """The path of a fresh, empty Verkstad database of this test's own."""
    import shutil

    target = tmp_path / "test.sqlite"
    shutil.copyfile(empty_database, target)
    return target


@pytest.fixture
def services(db_path):
    from verkstad.services.hub import Services

    s = Services.open(db_path)
    yield s
    s.close()


@pytest.fixture
def demo(services):
    """The demo programme (Danish), returned as the Programme."""
    from verkstad.services.demo import create_demo

    return create_demo(services, "da")


@pytest.fixture(autouse=True)
def _english_interface():
    from verkstad.i18n import set_language

    set_language("en")
    yield
    set_language("en")
