"""The layer rule of ARCHITECTURE.md, read from every module's imports (lazy and
TYPE_CHECKING ones included).

    domain <- storage <- services <- ui;  documents <- services;  i18n, paths, config below all;
    app.py, cli.py, __main__.py and selftest.py (the composition roots) may import everything
    but SQLAlchemy. PySide6 only in ui/
    and the roots, reportlab only in documents/, SQLAlchemy and Alembic only in storage/,
    and ui/ takes nothing from storage/ but its error types (verkstad.storage.errors).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "verkstad"
ROOTS = {"app", "cli", "__main__", "selftest"}
EVERY_LAYER = {"domain", "storage", "services", "documents", "ui", "app", "cli"}
# The verkstad layers each layer must not import; anything else (i18n, paths, config,
# a new top-level module) is foundation and must import none of them.
FORBIDDEN_LAYERS = {
    "domain": {"storage", "services", "documents", "ui", "app", "cli"},
    "storage": {"services", "documents", "ui", "app", "cli"},
    "services": {"ui", "app", "cli"},
    "documents": {"storage", "ui", "app", "cli"},
    "ui": {"app", "cli"},
}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_statements(path: Path, package: Path = PACKAGE) -> list[tuple[int, str, list[str] | None]]:
    """(line, absolute module, names or None for `import x`) of every import statement."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path, package).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module, [alias.name for alias in node.names]))
    return found


def imports(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, inside functions too."""
    found = []
    for line, module, names in import_statements(path, package):
        found.append((line, module))
        found += [(line, f"{module}.{name}") for name in names or ()]  # from verkstad import ui
    return found


UI_MAY_USE_OF_STORAGE = "verkstad.storage.errors"


def storage_modules(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, module) of every part of verkstad.storage the file imports, as precisely as the
    statement says: `from verkstad.storage import errors` is verkstad.storage.errors."""
    found = []
    for line, module, names in import_statements(path, package):
        if module == "verkstad.storage" and names:
            found += [(line, f"{module}.{name}") for name in names]
        elif module == "verkstad.storage" or module.startswith("verkstad.storage."):
            found.append((line, module))
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "verkstad" and len(parts) > 1 else None


def problems(path: Path, package: Path = PACKAGE) -> list[str]:
    own = layer_of(module_name(path, package))
    third_party = set()
    if own not in ROOTS and own != "ui":
        third_party |= {"PySide6", "shiboken6"}
    if own != "documents":
        third_party.add("reportlab")  # heavy: imported only where a document is rendered
    if own != "storage":
        third_party |= {"sqlalchemy", "alembic"}  # the queries are storage's
    layers = set() if own in ROOTS else FORBIDDEN_LAYERS.get(own, EVERY_LAYER)
    found = []
    where = path.relative_to(package.parent)
    for line, module in imports(path, package):
        target = layer_of(module)
        if module.split(".")[0] in third_party:
            found.append(f"{where}:{line} imports {module}")
        elif target is not None and target != own and target in layers:
            found.append(f"{where}:{line} imports {module}: {own} must not depend on {target}")
    if own == "ui":
        for line, module in storage_modules(path, package):
            if module != UI_MAY_USE_OF_STORAGE and not module.startswith(UI_MAY_USE_OF_STORAGE + "."):
                found.append(f"{where}:{line} imports {module}: ui may use only {UI_MAY_USE_OF_STORAGE} "
                             "of storage (go through a service)")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_is_found():
    names = {module_name(p) for p in MODULES}
    assert {"verkstad.domain.model", "verkstad.storage.db", "verkstad.services.records", "verkstad.cli"} <= names


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_imports_follow_the_layers(path):
    found = problems(path)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("rel,source,expected", [
    ("domain/bad.py", "import sqlalchemy\n", "imports sqlalchemy"),
    ("domain/bad.py", "from verkstad.storage import db\n", "domain must not depend on storage"),
    ("services/bad.py", "def f():\n    from ..ui import window\n", "services must not depend on ui"),
    ("services/bad.py", "from verkstad import ui\n", "services must not depend on ui"),
    ("storage/bad.py", "from verkstad.services.records import Records\n", "storage must not depend on services"),
    ("documents/bad.py", "from verkstad.storage.db import Database\n", "documents must not depend on storage"),
    ("documents/bad.py", "from PySide6.QtGui import QPdfWriter\n", "imports PySide6.QtGui"),
    ("services/bad.py", "import reportlab.platypus\n", "imports reportlab.platypus"),
    ("i18n.py", "from verkstad.domain import model\n", "i18n must not depend on domain"),
    ("services/bad.py", "from sqlalchemy import select\n", "imports sqlalchemy"),
    ("services/bad.py", "def f():\n    from sqlalchemy.orm import Session\n", "imports sqlalchemy.orm"),
    ("services/bad.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import sqlalchemy\n",
     "imports sqlalchemy"),
    ("services/bad.py", "import alembic.op\n", "imports alembic.op"),
    ("documents/bad.py", "import sqlalchemy\n", "imports sqlalchemy"),
    ("ui/bad.py", "from sqlalchemy import text\n", "imports sqlalchemy"),
    ("app.py", "import sqlalchemy\n", "imports sqlalchemy"),
    ("domain/bad.py", "from sqlalchemy.orm import registry\n", "imports sqlalchemy.orm"),
    ("ui/bad.py", "from verkstad.storage.db import Database\n", "ui may use only verkstad.storage.errors"),
    ("ui/bad.py", "from verkstad.storage import mapping\n", "imports verkstad.storage.mapping: ui may use only"),
    ("ui/bad.py", "import verkstad.storage\n", "imports verkstad.storage: ui may use only"),
    ("ui/capture/bad.py", "from ...storage.records import Records\n", "ui may use only verkstad.storage.errors"),
    ("services/bad.py", "from PySide6.QtCore import QObject\n", "imports PySide6.QtCore"),
    ("storage/bad.py", "import shiboken6\n", "imports shiboken6"),
    ("domain/bad.py", "from PySide6 import QtCore\n", "imports PySide6"),
])
def test_the_checker_reports_a_violation(tmp_path, rel, source, expected):
    package = tmp_path / "verkstad"
    path = package / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    assert any(expected in p for p in problems(path, package)), problems(path, package)


def test_the_checker_allows_the_composition_roots(tmp_path):
    package = tmp_path / "verkstad"
    package.mkdir()
    path = package / "app.py"
    path.write_text("from PySide6.QtWidgets import QApplication\nfrom verkstad.ui import main_window\n"
                    "from verkstad.storage.db import Database\n", encoding="utf-8")
    assert problems(path, package) == []


@pytest.mark.parametrize("rel,source", [
    ("storage/fine.py", "from sqlalchemy import select\nfrom sqlalchemy.orm import Session\nimport alembic\n"),
    ("ui/fine.py", "from verkstad.storage.errors import StorageError\n"),
    ("ui/fine.py", "from verkstad.storage import errors\n"),
    ("ui/capture/fine.py", "from ...storage.errors import StorageError\n"),
    ("ui/fine.py", "from PySide6.QtWidgets import QWidget\nfrom verkstad.services.records import Records\n"),
])
def test_the_checker_allows_what_the_rule_allows(tmp_path, rel, source):
    package = tmp_path / "verkstad"
    path = package / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    assert problems(path, package) == []
