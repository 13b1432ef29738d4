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
    return imports_in(ast.parse(path.read_text(encoding="utf-8")), module_name(path), package=path.name == "__init__.py")


def imports_in(tree: ast.AST, module: str, *, package: bool = False) -> set[str]:
    """:func:`imports_of` for a parsed module named ``module`` (``package``: an ``__init__``)."""
    package = module.split(".") if package else module.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
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


#: What makes a module a loader of its own: a cache decorator (a hidden, process-wide global once it
#: holds data) and the ways to reach a file (the resource helper, paths, ``open``).
CACHES = {"lru_cache", "cache", "cached_property"}
FILE_IMPORTS = ("detente.resources", "importlib.resources", "pathlib")
#: Loaders elsewhere an extractor must not call (its data is on ``ctx.rules``).
OTHER_LOADERS = ("functools.lru_cache", "functools.cache", "detente.nlp.lexicon.lexicon")
#: The gazetteer's process-wide lookups (for spaCy's component and ``resolve/``): extractors use
#: ``ctx.rules.gazetteer``.
GAZETTEER_GLOBALS = {"lookup", "state_for", "stands_for", "place_country", "is_place", "states", "surface_forms",
                     "officials_named", "default"}
FILE_CALLS = {"open", "read_text", "read_bytes", "read_json", "data_file", "load"}


def loader_leaks(source: str, module: str) -> list[str]:
    """Why a module is a loader: each cache it defines and each way it reads a file itself."""
    tree = ast.parse(source)
    leaks = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name in CACHES:
                    leaks.append(f"@{name} on {node.name}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
            if name in FILE_CALLS and not (name == "load" and owner != "json"):
                leaks.append(f"{name}()")
            if owner == "gazetteer" and name in GAZETTEER_GLOBALS:
                leaks.append(f"gazetteer.{name}()")
    imported = imports_in(tree, module)
    leaks += [f"import {m}" for m in sorted(imported) if any(m == b or m.startswith(b + ".") for b in FILE_IMPORTS)]
    leaks += [f"import {m}" for m in sorted(imported) if m in OTHER_LOADERS
              or (m.startswith("detente.nlp.gazetteer.") and m.rsplit(".", 1)[1] in GAZETTEER_GLOBALS)]
    return leaks


@pytest.mark.parametrize("source, leak", [
    ("from functools import lru_cache\n@lru_cache(maxsize=1)\ndef words():\n    return 1\n", "@lru_cache on words"),
    ("import functools\n@functools.cache\ndef words():\n    return 1\n", "@cache on words"),
    ("def words(p):\n    return open(p).read()\n", "open()"),
    ("def words(p):\n    return p.read_text()\n", "read_text()"),
    ("import json\ndef words(f):\n    return json.load(f)\n", "load()"),
    ("from ..resources import read_json\n", "import detente.resources"),
    ("from functools import cache\n", "import functools.cache"),
    ("from ..nlp.lexicon import lexicon\n", "import detente.nlp.lexicon.lexicon"),
    ("from ..nlp import gazetteer\ndef f(t):\n    return gazetteer.stands_for(t)\n", "gazetteer.stands_for()"),
])
def test_the_loader_check_finds_loaders(source, leak):
    assert leak in loader_leaks(source, "detente.extract.example")


@pytest.mark.parametrize("path", sorted((SRC / "extract").glob("*.py")), ids=lambda p: p.name)
def test_no_extractor_loads_its_own_data(path):
    """Extractors reach rule data only through ``ctx.rules`` (loaded once by ``detente.pipeline.load``,
    in ``detente.rules``): no module under ``extract/`` keeps a cache of its own or reads a file."""
    leaks = loader_leaks(path.read_text(encoding="utf-8"), module_name(path))
    assert not leaks, f"extract/{path.name}: {', '.join(leaks)}: put the data in detente.rules.Rules, reach it as ctx.rules"
