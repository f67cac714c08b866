"""Shared fixtures: a fresh database with services, and the demo programme."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))  # the tests run from a checkout, installed or not
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def services(tmp_path):
    from verkstad.services.hub import Services

    s = Services.open(tmp_path / "test.sqlite")
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
