"""Reliability under faults: ``detente ingest`` killed, its database server stopped, its file locked.

Each test drives the real CLI in a subprocess and checks the store afterwards:
no half-stored report (every stored report has exactly the facts a clean run
gives it), no orphan facts, no duplicate reports, and a rerun that finishes
the job with the same contents as one clean run.

* SIGKILL mid-batch, then rerun: SQLite, and PostgreSQL when
  ``DETENTE_TEST_POSTGRES_URL`` is set (a fresh schema per test).
* PostgreSQL stopped mid-ingest (``pg_ctl stop -m immediate``) on a private
  throwaway cluster this module starts itself; skipped only when the
  PostgreSQL server binaries are missing.
* A SQLite file held by ``BEGIN EXCLUSIVE``: ingest waits ``DETENTE_BUSY_TIMEOUT``
  seconds, then fails with one clear line; released in time, it succeeds.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from storekit import db_url  # noqa: F401  (fixture: a fresh SQLite file / PostgreSQL schema)

N_REPORTS = 40
#: Small NLP batches so reports are stored one after another (a kill lands mid-batch).
#: No sentence-embedding model: these tests are about the store, and it halves each run's start.
RUN_ENV = {"DETENTE_BATCH_SIZE": "2", "DETENTE_EMBEDDINGS": "0", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
CITIES = ["GENEVA", "DOHA", "CAIRO", "ISTANBUL", "MUSCAT", "NAIROBI", "RIYADH", "OSLO"]

pytestmark = pytest.mark.slow


# -- input and running the CLI ------------------------------------------------------------


def make_reports(n: int = N_REPORTS) -> list[dict]:
    """``n`` short reports cut from the bundled sample: new ids, shifted dates, a dateline."""
    from detente.sources import sample_path

    base = [json.loads(line) for line in sample_path().read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for i in range(n):
        src = base[i % len(base)]
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", src["text"]) if s]
        start = (i // len(base)) * 2 % max(1, len(sentences) - 2)
        body = " ".join(sentences[start:start + 4])
        day = (date.fromisoformat(src["published"]) + timedelta(days=i // len(base) * 3)).isoformat()
        out.append({
            "id": f"faults-{i:02d}-{src['id']}"[:120], "source": src["source"], "published": day,
            "title": f"{src['title']} (update {i})", "url": f"https://example.org/faults/{i}",
            "text": f"{CITIES[i % len(CITIES)]}, {day} — {body}",
        })
    return out


@pytest.fixture(scope="module")
def reports_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("faults_in") / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in make_reports()), encoding="utf-8")
    return path


def detente_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("detente")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from detente.cli import main; main()"]


def run_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DETENTE_DB"}
    env.update(RUN_ENV)
    env.update(extra)
    return env


@pytest.fixture
def start_ingest():
    """``start_ingest(inputs, db, **env)``: ``detente ingest`` in the background, killed if the test fails."""
    started: list[subprocess.Popen] = []

    def start(inputs: Path, db: str, **env: str) -> subprocess.Popen:
        proc = subprocess.Popen([*detente_cmd(), "ingest", str(inputs), "--db", db], env=run_env(**env),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def run_ingest(inputs: Path, db: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*detente_cmd(), "ingest", str(inputs), "--db", db], env=run_env(**env),
                          capture_output=True, text=True, timeout=timeout)


# -- reading a store back -----------------------------------------------------------------


def _engine(db: str):
    from sqlalchemy import create_engine

    from detente.store import normalize_url

    return create_engine(normalize_url(db))


def count_documents(db: str) -> int:
    """Reports stored so far (0 while the schema does not exist yet)."""
    from sqlalchemy import text

    if "://" not in db and not Path(db).exists():
        return 0  # connecting would create the file
    engine = _engine(db)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents")).scalar()
    except Exception:
        return 0
    finally:
        engine.dispose()


FACT_COLUMNS = "kind, seq, name, text, party, issue, stance, date, ev_start, ev_end, ev_text, data"


def snapshot(db: str) -> dict:
    """Everything a store holds, without surrogate keys (which differ after a crash)."""
    from sqlalchemy import text

    engine = _engine(db)
    try:
        with engine.connect() as conn:
            docs = conn.execute(text("SELECT pk, id, content_hash, process FROM documents")).all()
            # Each fact with the merged entity (and speaker) it points at, by label: ids differ after a crash.
            facts = conn.execute(text(
                f"SELECT f.document_pk, f.process, e.kind, e.label, sp.label, {', '.join('f.' + c for c in FACT_COLUMNS.split(', '))} "
                "FROM facts f LEFT JOIN entities e ON e.id = f.entity_id LEFT JOIN entities sp ON sp.id = f.speaker_id"
            )).all()
            entities = conn.execute(text(
                "SELECT id, kind, key, label, process, date, last_date, n_sources FROM entities")).all()
            dangling = conn.execute(text(
                "SELECT count(*) FROM facts WHERE entity_id IS NOT NULL AND entity_id NOT IN (SELECT id FROM entities)"
            )).scalar()
            processes = conn.execute(text("SELECT name FROM processes")).scalars().all()
            integrity = (conn.execute(text("PRAGMA integrity_check")).scalar()
                         if conn.dialect.name == "sqlite" else "ok")
    finally:
        engine.dispose()
    labels = {e[0]: e[3] for e in entities}
    by_pk = {pk: doc_id for pk, doc_id, _, _ in docs}
    per_doc: dict[str, list] = {doc_id: [] for doc_id in by_pk.values()}
    orphans = 0
    for pk, process, *row in facts:
        if pk not in by_pk:
            orphans += 1
            continue
        row[-1] = json.loads(row[-1]) if isinstance(row[-1], str) else row[-1]
        per_doc[by_pk[pk]].append((row[3:], row[:3], process))

    def listing(rows) -> list[str]:
        return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)

    return {
        "ids": Counter(doc_id for _, doc_id, _, _ in docs),
        "documents": {doc_id: (h, process) for _, doc_id, h, process in docs},
        # What each report says (fixed once it is stored) ...
        "facts": {d: listing(f[0] for f in rows) for d, rows in per_doc.items()},
        # ... and where that sits in the merged store (changes as later reports merge in).
        "links": {d: listing(f for f in rows) for d, rows in per_doc.items()},
        "integrity": integrity,
        "orphan_facts": orphans,
        "dangling_entities": dangling,
        "entities": sorted(_entity_row(e, labels) for e in entities),
        "processes": sorted(processes),
    }


def _entity_row(e, labels: dict) -> tuple:
    """An entity without its id; a quote's key names its speaker's entity id, so use its label."""
    _, kind, key, *rest = e
    m = re.fullmatch(r"q:(\d+)", key)
    if m:
        key = f"q:{labels.get(int(m.group(1)), '?missing')}"
    return tuple("" if v is None else v for v in (kind, key, *rest))


def assert_consistent(snap: dict, reference: dict) -> None:
    """A store after a crash: only whole reports, each with exactly its clean-run facts."""
    assert snap["integrity"] == "ok"
    assert snap["orphan_facts"] == 0
    assert snap["dangling_entities"] == 0
    assert all(n == 1 for n in snap["ids"].values()), "duplicate reports"
    assert set(snap["documents"]) <= set(reference["documents"])
    for doc_id, facts in snap["facts"].items():
        assert snap["documents"][doc_id][0] == reference["documents"][doc_id][0]
        assert facts == reference["facts"][doc_id], f"{doc_id} is stored with different facts than a clean run"


def assert_same_store(snap: dict, reference: dict) -> None:
    """After the rerun: the same contents as one clean run, nothing duplicated or lost."""
    assert_consistent(snap, reference)
    assert set(snap["documents"]) == set(reference["documents"]), "reports lost"
    for key in ("documents", "facts", "links", "entities", "processes"):
        assert snap[key] == reference[key], f"{key} differ from a clean run"


@pytest.fixture(scope="module")
def reference(reports_file, tmp_path_factory) -> dict:
    """One clean, uninterrupted ingest of the same input, in this process (same settings)."""
    from detente.ingest import ingest
    from detente.settings import Settings
    from detente.store import Store

    db = str(tmp_path_factory.mktemp("faults_ref") / "clean.db")
    settings = Settings.from_env(run_env())
    with Store(db) as store:
        result = ingest([str(reports_file)], store, settings=settings)
    assert len(result.added) == N_REPORTS and not result.failed
    snap = snapshot(db)
    assert sum(map(len, snap["facts"].values())) > N_REPORTS  # the reports do carry facts
    return snap


def wait_for_some(proc: subprocess.Popen, db: str, *, at_least: int = 3, timeout: float = 90) -> int:
    """Poll until ``at_least`` reports are stored (but not all); the count seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = count_documents(db)
        if n >= at_least:
            return n
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"ingest ended (exit {proc.returncode}) before it could be interrupted: {err[-2000:]}")
        time.sleep(0.02)
    pytest.fail("ingest stored nothing in time")


def assert_one_error_line(stderr: str, *needles: str) -> str:
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr
    for needle in needles:
        assert needle in errors[0].lower(), errors[0]
    return errors[0]


# -- 1. SIGKILL mid-batch, then rerun -------------------------------------------------------


def test_sigkill_mid_batch_then_rerun(db_url, reports_file, reference, start_ingest):
    """On SQLite and PostgreSQL (storekit's ``db_url``: a fresh file or schema per test)."""
    db = db_url
    proc = start_ingest(reports_file, db)
    seen = wait_for_some(proc, db)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    after_kill = snapshot(db)
    assert seen <= len(after_kill["documents"]) < N_REPORTS, "the kill must land mid-batch"
    assert_consistent(after_kill, reference)

    rerun = run_ingest(reports_file, db)
    assert rerun.returncode == 0, rerun.stderr
    stored = len(after_kill["documents"])
    assert f"{N_REPORTS - stored} added, 0 replaced, {stored} unchanged, 0 failed" in rerun.stderr
    assert_same_store(snapshot(db), reference)


# -- 2. PostgreSQL stopped mid-ingest --------------------------------------------------------


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: [int(x) for x in re.findall(r"\d+", p)])
    for candidate in [*reversed(found), os.path.dirname(shutil.which("pg_ctl") or "")]:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """A private PostgreSQL cluster (trust auth, 127.0.0.1, a free port), run as postgres when we are root."""

    def __init__(self, bin_dir: Path, folder: Path):
        self.bin, self.folder, self.port = bin_dir, folder, _free_port()
        self.data = folder / "data"
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if check and done.returncode != 0:
            log = (self.folder / "server.log")
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stderr}\n{log.read_text() if log.exists() else ''}")
        return done

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale")

    def start(self) -> None:
        opts = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                  "-o", opts, "start")

    def stop(self, mode: str = "immediate") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)


@pytest.fixture
def pg_cluster():
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found")
    pytest.importorskip("psycopg")
    # Not tmp_path: pytest's temp root is private to this user, and the server runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="faults_pg_"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    cluster = PgCluster(bin_dir, folder)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_postgres_stopped_mid_ingest(pg_cluster, reports_file, reference, start_ingest):
    db = pg_cluster.url
    proc = start_ingest(reports_file, db, DETENTE_BUSY_TIMEOUT="3")
    wait_for_some(proc, db)
    pg_cluster.stop("immediate")
    _, stderr = proc.communicate(timeout=60)

    assert proc.returncode not in (0, None) and proc.returncode > 0, stderr
    line = assert_one_error_line(stderr, "database")
    assert "is the server running" in line or "cannot reach" in line, line
    assert "127.0.0.1" in line

    pg_cluster.start()
    after_crash = snapshot(db)
    assert 0 < len(after_crash["documents"]) < N_REPORTS
    assert_consistent(after_crash, reference)

    rerun = run_ingest(reports_file, db)
    assert rerun.returncode == 0, rerun.stderr
    assert_same_store(snapshot(db), reference)


# -- 3. A locked SQLite file -----------------------------------------------------------------


@pytest.fixture
def one_report(tmp_path) -> Path:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(make_reports(1)[0]) + "\n", encoding="utf-8")
    return path


def _locked_store(tmp_path) -> tuple[str, sqlite3.Connection]:
    from detente.store import Store

    db = str(tmp_path / "locked.db")
    Store(db).close()  # schema in place: the lock is met when the report is written
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    return db, holder


def test_locked_sqlite_waits_then_fails_with_one_line(tmp_path, one_report):
    db, holder = _locked_store(tmp_path)
    try:
        started = time.monotonic()
        done = run_ingest(one_report, db, DETENTE_BUSY_TIMEOUT="1")
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1, done.stderr
    line = assert_one_error_line(done.stderr, "locked", "another detente process", "try again")
    assert "1s" in line and elapsed >= 1
    assert count_documents(db) == 0


def _waiting_on_lock(pid: int) -> bool:
    """Is the process's main thread sleeping in SQLite's busy handler (nanosleep)? Linux only."""
    try:
        nr = Path(f"/proc/{pid}/syscall").read_text().split()[0]
    except (OSError, IndexError):
        return False
    return nr in {"35", "230", "101", "115"}  # nanosleep, clock_nanosleep (x86-64, arm64)


def test_locked_sqlite_released_in_time_succeeds(tmp_path, one_report, start_ingest):
    db, holder = _locked_store(tmp_path)
    proc = start_ingest(one_report, db, DETENTE_BUSY_TIMEOUT="60")
    try:
        # Release once ingest is waiting for the lock (or after 40 s, whichever comes first).
        deadline = time.monotonic() + 40
        streak = 0
        while time.monotonic() < deadline and proc.poll() is None and streak < 5:
            streak = streak + 1 if _waiting_on_lock(proc.pid) else 0
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()[1]
        if Path("/proc/self/syscall").exists():
            assert streak >= 5, "ingest never waited for the lock"
        assert count_documents(db) == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    assert "1 added" in stderr and "Traceback" not in stderr
    assert count_documents(db) == 1
