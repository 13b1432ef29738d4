"""Start fast (STYLE 19): ``detente --help`` and the read commands never import spaCy, torch or Ray,
and ``import detente`` loads no model library."""

from __future__ import annotations

import subprocess
import sys

import pytest

from storekit import world

HEAVY = ("spacy", "torch", "ray", "thinc", "transformers", "trafilatura")
#: Runs ``detente ARGS`` in a fresh interpreter, then prints the heavy top-level modules it imported.
PROBE = (
    "import sys, runpy\n"
    "sys.argv = ['detente'] + sys.argv[1:]\n"
    "try:\n    runpy.run_module('detente', run_name='__main__')\n"
    "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
    f"print('HEAVY=' + ','.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
)


def heavy_imports(*args: str) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.rsplit("HEAVY=", 1)[1].strip()


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> str:
    from detente.store import Store

    path = str(tmp_path_factory.mktemp("startup") / "small.db")
    with Store(path) as store:
        for document, record in world():
            store.add(document, record)
    return path


def test_import_detente_is_light():
    code = "import detente, sys; print(sorted(m for m in sys.modules if m.split('.')[0] in %r or m == 'pydantic'))"
    done = subprocess.run([sys.executable, "-c", code % (HEAVY,)], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout


def test_help_imports_nothing_heavy():
    assert heavy_imports("--help") == ""


@pytest.mark.parametrize("command", [
    ["processes"], ["actors"], ["timeline"], ["positions", "--json"], ["quotes"], ["gap"], ["search", "talks"],
    ["export", "--format", "csv"],
], ids=lambda c: c[0])
def test_read_commands_import_nothing_heavy(command, small_db):
    assert heavy_imports(*command, "--db", small_db) == ""
