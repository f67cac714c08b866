"""Shared fixtures: a fresh database with services, and the demo programme."""

from __future__ import annotations

import itertools
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
    os.environ.setdefault("VERKSTAD_DATA_DIR", str(tmp_path_factory.mktemp("data")))  # not the user's


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


# -- both databases ----------------------------------------------------------------------------
# With VERKSTAD_TEST_POSTGRES (a server's URL; scripts/postgres.sh starts a throwaway one), every
# test of the storage, the services and the command line that uses `services` runs twice: on an
# SQLite file and on a database of its own on that server. A test of what only a file has
# (its path, its backups, SQLite's own errors) is marked `sqlite_only`.
POSTGRES = os.environ.get("VERKSTAD_TEST_POSTGRES", "")
BOTH_FOLDERS = ("tests/unit/verkstad/services", "tests/unit/verkstad/storage", "tests/unit/verkstad/test_cli.py")


def pytest_generate_tests(metafunc):
    if "services" not in metafunc.fixturenames and "backend" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("server_only"):
        metafunc.parametrize("backend", ["postgresql"], scope="function")
        return
    where = Path(metafunc.definition.fspath).relative_to(ROOT).as_posix()
    both = POSTGRES and where.startswith(BOTH_FOLDERS) and not metafunc.definition.get_closest_marker(
        "sqlite_only")
    metafunc.parametrize("backend", ["sqlite", "postgresql"] if both else ["sqlite"], scope="function")


def pytest_collection_modifyitems(config, items):
    """Without a test server, the tests of what only a server does cannot run: they are left out
    (and counted), not skipped. CI always has the server (scripts/test.sh starts one)."""
    if POSTGRES:
        return
    kept = [item for item in items if not item.get_closest_marker("server_only")]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def _server(url: str, database: str) -> str:
    """The URL of another database on the server of `url`."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_template() -> str:
    """A migrated database on the test server that each test's database is copied from."""
    import psycopg

    from verkstad.storage.server import ServerDatabase

    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS verkstad_template")
        conn.execute("CREATE DATABASE verkstad_template")
    ServerDatabase(_server(POSTGRES, "verkstad_template")).close()
    return "verkstad_template"


@pytest.fixture
def database_url(backend, db_path, request):
    """Where this test's database is: an SQLite file, or a fresh database on the test server."""
    if backend == "sqlite":
        yield str(db_path)
        return
    import psycopg

    template = request.getfixturevalue("postgres_template")
    name = f"verkstad_test_{os.getpid()}_{next(_NUMBERS)}"
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    yield _server(POSTGRES, name)
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


_NUMBERS = itertools.count(1)


@pytest.fixture
def services(database_url):
    from verkstad.services.hub import Services

    s = Services.open(database_url)
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
