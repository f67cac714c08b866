"""Where Verkstad finds its shipped resources and keeps the user's data."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "Verkstad"
_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent  # desktop/verkstad -> repository root


@cache
def resources_dir() -> Path:
    """The `resources/` folder: inside an installed wheel, or in a source checkout."""
    installed = _PACKAGE / "_resources"
    return installed if installed.is_dir() else _CHECKOUT / "resources"


@cache
def i18n_dir() -> Path:
    """The folder holding `<lang>/LC_MESSAGES/verkstad.mo`."""
    installed = _PACKAGE / "_i18n"
    return installed if installed.is_dir() else _CHECKOUT / "i18n"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The user's data folder (the default database, a server programme's copies); tests point
    $VERKSTAD_DATA_DIR at a folder of their own."""
    override = os.environ.get("VERKSTAD_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "verkstad.sqlite"


def backups_dir(database: Path) -> Path:
    """Backups live beside the database, in a folder named after it."""
    return database.with_name(database.name + ".backups")


def server_backups_dir() -> Path:
    """Where a copy of a programme on a server is kept before a merge changes it (a server's
    own backups are its administrator's): the user's data folder."""
    return data_dir() / "server-backups"
