"""A built wheel carries what an installed Verkstad needs: resources, catalogs, migrations."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_resources_catalogs_and_migrations(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("verkstad-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in ("en", "da", "sv", "fi", "nb"):
        assert f"verkstad/_i18n/{lang}/LC_MESSAGES/verkstad.mo" in names
    for template in ("travelling_team", "academy", "network", "blank"):
        assert f"verkstad/_resources/templates/{template}.json" in names
    assert "verkstad/storage/migrations/env.py" in names
    assert any(n.startswith("verkstad/storage/migrations/versions/0001") for n in names)
    assert any(n.startswith("verkstad/_resources/fonts/") and n.endswith(".ttf") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "verkstad = verkstad.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
