"""The store is a leaf (STYLE 18): only ``detente/store/`` knows SQL. Checked by walking every source
file's imports, relative ones resolved."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "detente"
#: What only the store may import: the SQL toolkits and the store's own inner modules.
STORE_ONLY = ("sqlalchemy", "alembic", "psycopg", "detente.store.models", "detente.store.core",
              "detente.store.engine", "detente.store.entities", "detente.store.writer", "detente.store.migrations")


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports (``from x import y`` counts as x and x.y), relative ones resolved."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def outside_store() -> list[Path]:
    return [p for p in sorted(SRC.rglob("*.py")) if "store" not in p.relative_to(SRC).parts[:1]]


def test_import_walker_resolves_relative_imports():
    assert "detente.store.queries" in imports_of(SRC / "query.py")
    assert "detente.records" in imports_of(SRC / "store" / "core.py")


@pytest.mark.parametrize("path", outside_store(), ids=lambda p: str(p.relative_to(SRC)))
def test_only_the_store_knows_sql(path):
    leaks = sorted(m for m in imports_of(path) if any(m == b or m.startswith(b + ".") for b in STORE_ONLY))
    assert not leaks, f"{path.relative_to(SRC)} imports {leaks}: go through detente.store or detente.store.queries"


def test_export_formats_match_the_cli():
    from detente.cli.store import EXPORT_FORMATS
    from detente.export import FORMATS

    assert EXPORT_FORMATS == FORMATS


#: Files that find their own files: the web app's templates and static files, the store's migrations,
#: the bundled sample reports.
OWN_FILES = {"resources.py", "web/app.py", "store/engine.py", "sources/__init__.py"}


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_data_files_are_found_through_one_helper(path):
    """Rule data lives under ``detente/data/`` and is read through ``detente.resources``."""
    if path.relative_to(SRC).as_posix() in OWN_FILES:
        return
    found = re.findall(r"importlib\.resources|importlib import resources|Path\(__file__\)|/ \"data\"|\"data/",
                       path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(SRC)} finds files itself ({found[0]}): use detente.resources"
