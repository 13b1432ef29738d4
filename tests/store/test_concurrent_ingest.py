"""Two ``detente ingest`` processes into one store at once, with overlapping reports: both finish,
every report is stored once, and the merge makes one actor per person (issue 14).

On SQLite the writers take turns per report (BEGIN IMMEDIATE); on PostgreSQL
they run side by side and take turns only for the merge of one report (an
advisory transaction lock). The real bundled sample goes through the real NLP.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from detente.sources import sample_path
from storekit import BACKENDS, fresh_db

pytestmark = pytest.mark.slow


def halves(folder: Path) -> tuple[Path, Path, int]:
    """Two inputs sharing a third of the sample, the shared reports first in both, so the two
    processes extract and merge the same reports at about the same time."""
    lines = [line for line in sample_path().read_text(encoding="utf-8").splitlines() if line.strip()]
    third = len(lines) // 3
    shared, own_a, own_b = lines[:third], lines[third:2 * third], lines[2 * third:]
    a, b = folder / "a.jsonl", folder / "b.jsonl"
    a.write_text("\n".join(shared + own_a) + "\n", encoding="utf-8")
    b.write_text("\n".join(shared + own_b) + "\n", encoding="utf-8")
    return a, b, len(lines)


def ingest_at_once(db: str, *inputs: Path) -> list[subprocess.CompletedProcess]:
    exe = str(Path(sys.executable).with_name("detente"))
    env = {**os.environ, "DETENTE_BUSY_TIMEOUT": "60"}
    procs = [subprocess.Popen([exe, "ingest", str(i), "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for i in inputs]
    deadline = time.monotonic() + 180
    return [subprocess.CompletedProcess(p.args, p.wait(max(1, deadline - time.monotonic())), *p.communicate())
            for p in procs]


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_ingests_at_once_store_each_report_once(backend, tmp_path):
    from detente.store import Store
    from detente.store.models import DocumentRow, EntityRow, ProcessRow

    a, b, n_reports = halves(tmp_path)
    order = [json.loads(line)["id"] for line in sample_path().read_text(encoding="utf-8").splitlines() if line.strip()]
    with fresh_db(backend, tmp_path) as db:
        Store(db).close()  # migrated: the two runs race on the merge (test_two_new_stores… covers creation)
        runs = ingest_at_once(db, a, b)
        for run in runs:
            assert run.returncode == 0, run.stderr
        with Store(db) as store, store.session() as s:
            ids = s.execute(select(DocumentRow.id)).scalars().all()
            actors = s.execute(select(EntityRow.label, EntityRow.key).where(EntityRow.kind == "actor")).all()
            merged = dict(s.execute(select(EntityRow.kind, func.count()).group_by(EntityRow.kind)).all())
            processes = s.execute(select(ProcessRow.name)).scalars().all()
        with Store(db) as store:
            stored = [store.get(i) for i in sorted(ids, key=lambda i: order.index(i))]
        assert len(ids) == len(set(ids)) == n_reports  # none lost, none twice
        assert len({label for label, _ in actors}) == len(actors)  # one actor per person
        assert len({key for _, key in actors}) == len(actors)
        assert len(set(processes)) == len(processes)
        added = sum(int(run.stderr.split(" added")[0].split()[-1]) for run in runs)
        assert added == n_reports  # each report added by exactly one of the two

    # The records the two runs stored, added again one after the other, merge into as many entities.
    with fresh_db(backend, tmp_path) as db, Store(db) as again:
        for document, record, _, _ in stored:
            again.add(document, record)
        with again.session() as s:
            assert dict(s.execute(select(EntityRow.kind, func.count()).group_by(EntityRow.kind)).all()) == merged


@pytest.mark.parametrize("backend", BACKENDS)
def test_processes_opening_a_new_store_at_once_migrate_it_once(backend, tmp_path):
    """The first ``detente ingest`` into a new store creates it; a second starting at the same
    moment waits for that instead of failing on a half-made schema."""
    from detente.store import Store
    from detente.store.engine import HEAD, current_revision

    code = "import sys; from detente.store import Store; Store(sys.argv[1], busy_timeout=60).close()"
    with fresh_db(backend, tmp_path) as db:
        procs = [subprocess.Popen([sys.executable, "-c", code, db], stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
        for proc in procs:
            assert proc.wait(120) == 0, proc.stderr.read()
        with Store(db) as store:
            assert current_revision(store.engine) == HEAD
