"""detente extract vs bare spaCy, side by side in one run, on identical reports.

    python bench/extract_bench.py                      # the shared corpus, 3 rounds
    python bench/extract_bench.py --bulk 2000          # 2,000 White House documents
    python bench/extract_bench.py --memory 1000 10000  # peak RSS of `detente extract` at 1k and 10k docs

Prints words per second for bare ``nlp.pipe`` (same model, no detente
components) and for ``detente.extract_stream``, their ratio, the ``--workers 2``
speed-up over one worker, and peak memory.

Every timed run starts with its models loaded (steady state). Worker start-up
(spawn, imports, model loads) is timed on its own, for one worker and for two,
and the "with start-up" speed-up adds it to both sides. Bare spaCy in two
worker processes is the baseline for the speed-up: the parse alone cannot
scale better than that on the machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from itertools import islice
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import spacy  # noqa: E402

from detente.nlp import MODEL_NAME  # noqa: E402
from detente.parallel import WorkerPool, chunked  # noqa: E402
from detente.pipeline import extract_stream, load  # noqa: E402
from detente.records import Document  # noqa: E402
from detente.settings import Settings  # noqa: E402

SHARED = Path(os.environ.get("DETENTE_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def corpus_docs() -> list[Document]:
    docs = []
    for path in sorted((SHARED / "corpus").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        docs.append(Document(**{k: data.get(k) for k in ("id", "text", "title", "source", "url", "published")}))
    return docs


def bulk_docs(n: int, max_chars: int | None = None) -> list[Document]:
    with gzip.open(SHARED / "bulk" / "whitehouse-briefing-room.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in islice(fh, n)]
    return [
        Document(id=r["id"], text=r["text"][:max_chars] if max_chars else r["text"], published=r.get("published"),
                 title=r.get("title"), source=r.get("source"), url=r.get("url"))
        for r in rows
    ]


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


_bare = None


def _load_bare(ready=None) -> None:
    global _bare
    _bare = spacy.load(MODEL_NAME)
    if ready is not None:
        ready.release()


def bare_spacy(texts: list[str], batch_size: int) -> int:
    return sum(len(doc) for doc in _bare.pipe(texts, batch_size=batch_size))


def bare_spacy_two_workers(docs: list[Document], batch_size: int) -> float:
    """Seconds for bare spaCy over ``docs`` in two spawned processes, models loaded before timing."""
    ctx = mp.get_context("spawn")
    ready = ctx.Semaphore(0)
    with ctx.Pool(2, initializer=_load_bare, initargs=(ready,)) as pool:
        ready.acquire()
        ready.acquire()
        start = time.perf_counter()
        for _ in pool.imap(partial(bare_spacy, batch_size=batch_size),
                           ([d.text for d in chunk] for chunk in chunked(docs, batch_size))):
            pass
        return time.perf_counter() - start


def pool_run(docs: list[Document], settings: Settings) -> tuple[float, float]:
    """(start-up seconds, steady-state seconds) of a WorkerPool over ``docs``."""
    start = time.perf_counter()
    with WorkerPool(settings) as pool:
        ready = time.perf_counter()
        for _ in pool.extract(docs):
            pass
        return ready - start, time.perf_counter() - ready


def detente_run(docs: list[Document], pipeline) -> int:
    return sum(1 for _ in extract_stream(docs, pipeline=pipeline))


def peak_rss_mb(n: int, max_chars: int) -> float:
    """Peak RSS (MB) of a `detente extract` subprocess over n bulk documents."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for doc in bulk_docs(n, max_chars):
                fh.write(doc.model_dump_json() + "\n")
        code = (
            "import resource,sys;from detente.cli import main;sys.argv=['detente','extract',sys.argv[1],'-o',sys.argv[2]];"
            "\ntry:\n main()\nexcept SystemExit:\n pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        out = subprocess.run([sys.executable, "-c", code, str(src), str(Path(tmp) / "out.jsonl")],
                             capture_output=True, text=True, check=True)
        return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bulk", type=int, default=0, help="use N bulk documents instead of the corpus")
    ap.add_argument("--rounds", type=int, default=3, help="repeat the corpus this many times")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--no-workers", action="store_true", help="skip the --workers 2 run")
    ap.add_argument("--memory", type=int, nargs="*", default=[], help="doc counts for the peak-memory runs")
    ap.add_argument("--memory-chars", type=int, default=1500, help="chars kept per doc in memory runs")
    args = ap.parse_args()

    docs = bulk_docs(args.bulk) if args.bulk else corpus_docs() * args.rounds
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}, model {MODEL_NAME}")
    print(f"reports: {len(docs)}, characters: {sum(len(d.text) for d in docs):,}")

    settings = Settings(batch_size=args.batch_size)
    pipeline = load(settings)
    _load_bare()
    texts = [d.text for d in docs]
    t_spacy, words = timed(lambda: bare_spacy(texts, args.batch_size))
    t_detente, _ = timed(lambda: detente_run(docs, pipeline))
    print(f"bare spaCy nlp.pipe : {words / t_spacy:8.0f} words/s ({t_spacy:.1f} s)")
    print(f"detente extract     : {words / t_detente:8.0f} words/s ({t_detente:.1f} s)")
    print(f"ratio detente/spaCy : {t_spacy / t_detente:.2f}x")

    if not args.no_workers:
        chunk = 8
        start_one, _ = pool_run(docs[:1], Settings(batch_size=chunk, workers=1))
        start_two, t_two = pool_run(docs, Settings(batch_size=chunk, workers=2))
        t_spacy_two = bare_spacy_two_workers(docs, chunk)
        print(f"detente --workers 2 : {words / t_two:8.0f} words/s ({t_two:.1f} s), "
              f"speed-up over one worker {t_detente / t_two:.2f}x")
        print(f"  with start-up     : one worker {start_one:.1f} s, two workers {start_two:.1f} s; "
              f"speed-up {(start_one + t_detente) / (start_two + t_two):.2f}x")
        print(f"  baseline          : bare spaCy in two workers {words / t_spacy_two:8.0f} words/s, "
              f"speed-up {t_spacy / t_spacy_two:.2f}x")

    for n in args.memory:
        print(f"peak RSS, {n:>6} docs of <= {args.memory_chars} chars: {peak_rss_mb(n, args.memory_chars):.0f} MB")
    print(f"this process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
