"""The worker-pool and Ray engines give the same records, in order, as the local one."""

from __future__ import annotations

import pytest

from detente.errors import InputError
from detente.parallel import chunked
from detente.pipeline import extract_stream
from detente.settings import Settings
from detente.sources import make_document

TEXTS = [
    "Kremlin spokesman Dmitry Peskov told reporters that Russia's position remains unchanged.",
    "Qatar and Egypt mediated talks in Doha between Israel and Hamas on Sunday.",
    "Congolese President Felix Tshisekedi said the ceasefire with M23 rebels was holding.",
    "Armenian Prime Minister Nikol Pashinyan said a peace treaty with Azerbaijan was within reach.",
    "The ELN suspended talks with the Colombian government after an attack in Arauca.",
]


def _items():
    docs = [make_document(t, published="2026-02-05") for t in TEXTS]
    return docs[:2] + [InputError("broken.json", "invalid JSON")] + docs[2:]


def _summary(outcomes):
    return [o.where if isinstance(o, InputError) else o.model_dump() for o in outcomes]


@pytest.fixture(scope="module")
def local():
    return _summary(extract_stream(_items(), settings=Settings()))


@pytest.mark.parametrize("size,expected", [(2, [[0, 1], [2, 3], [4]]), (5, [[0, 1, 2, 3, 4]]), (9, [[0, 1, 2, 3, 4]])])
def test_chunked(size, expected):
    assert list(chunked(range(5), size)) == expected


def test_worker_pool_matches_local(local):
    pooled = _summary(extract_stream(_items(), settings=Settings(workers=2, batch_size=2)))
    assert pooled == local
    assert pooled[2] == "broken.json"


@pytest.mark.ray
def test_ray_local_cluster_matches_local(local):
    ray = pytest.importorskip("ray")
    try:
        out = _summary(extract_stream(_items(), settings=Settings(engine="ray", workers=2, batch_size=2)))
    finally:
        ray.shutdown()
    assert out == local


def test_unknown_engine_is_a_clear_error():
    from detente.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown engine"):
        list(extract_stream(_items(), settings=Settings(engine="spark")))


@pytest.mark.ray
@pytest.mark.postgres
def test_ingest_on_ray_writes_to_postgres(tmp_path):
    """`detente ingest --engine ray` on Ray's local cluster, stored in a real PostgreSQL."""
    import subprocess
    import sys

    from storekit import PG_URL, fresh_db

    if not PG_URL:
        pytest.skip("DETENTE_TEST_POSTGRES_URL is not set")
    pytest.importorskip("ray")
    src = tmp_path / "in.jsonl"
    src.write_text("".join(make_document(t, published="2026-02-05").model_dump_json() + "\n" for t in TEXTS))
    with fresh_db("postgres", tmp_path) as url:
        run = subprocess.run(
            [sys.executable, "-m", "detente", "ingest", str(src), "--db", url, "--engine", "ray", "--workers", "2",
             "--batch-size", "2"],
            capture_output=True, text=True, timeout=300,
        )
        assert run.returncode == 0, run.stderr
        from detente.store import Store

        with Store.open(url) as store:
            assert store.count()["reports"] == len(TEXTS)


@pytest.mark.timeout(120)
def test_a_worker_that_cannot_start_is_a_clear_error_not_a_hang(tmp_path):
    from detente.errors import ConfigError

    missing = tmp_path / "no-such-issues.json"
    with pytest.raises(ConfigError, match="cannot read the issue taxonomy"):
        list(extract_stream(_items(), settings=Settings(workers=2, issues_file=str(missing))))


def test_one_pool_serves_several_streams():
    from detente.parallel import WorkerPool

    with WorkerPool(Settings(workers=2, batch_size=1)) as pool:
        first = [o.document.id for o in pool.extract(_items()[:2])]
        again = [o.document.id for o in pool.extract(_items()[3:])]
    assert len(first) == 2 and len(again) == 3


@pytest.mark.timeout(180)
def test_a_killed_worker_is_a_clear_error_not_a_hang():
    import multiprocessing
    import os
    import signal

    from detente.errors import DetenteError
    from detente.parallel import WorkerPool

    docs = [make_document(TEXTS[i % len(TEXTS)] + f" ({i})", published="2026-02-05") for i in range(400)]
    with pytest.raises(DetenteError, match="worker process died"):
        with WorkerPool(Settings(workers=2, batch_size=1)) as pool:
            for done, _ in enumerate(pool.extract(docs)):
                if done == 3:
                    os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)
