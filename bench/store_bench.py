"""Store benchmark: re-ingest speed-up, then query latency at scale on SQLite and PostgreSQL.

1. Ingest the shared corpus (``../shared/corpus/*.json``) into a fresh SQLite
   store with the real NLP, then ingest it again: the rerun skips every report
   by content hash before any NLP runs. Prints both times and the speed-up.
2. Replay the records extracted in step 1 as ``--base`` reports (new ids,
   every date shifted by 45 days per replica so replicas do not merge into
   each other) through ``Store.add`` (the store's one write path), then multiply them in SQL up to
   ``--n`` (:func:`grow`), on SQLite and on PostgreSQL.
3. Time ``timeline``, ``positions`` and ``search`` (and a few more) as the
   median of several runs.

    python bench/store_bench.py --n 100000 --base 5000 --pg postgresql://postgres@127.0.0.1:5433/detente_test

``--pg`` defaults to DETENTE_TEST_POSTGRES_URL; the PostgreSQL part runs in a
private schema that is dropped at the end. Results go to stdout as a table
and, with ``--json PATH``, to a file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from detente import query
from detente.ingest import ingest
from detente.records import Document, Record
from detente.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared")) / "corpus"
STEP_DAYS = 45
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def shift(value, days: int):
    """Shift full ISO dates by ``days``; leave partial dates and other values alone."""
    if isinstance(value, str) and _DAY.match(value):
        try:
            return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
        except ValueError:
            return value
    return value


_DATE_KEYS = {"published", "date", "start", "end", "value"}


def _shift_tree(node, days: int):
    if isinstance(node, dict):
        return {k: shift(v, days) if k in _DATE_KEYS else _shift_tree(v, days) for k, v in node.items()}
    if isinstance(node, list):
        return [_shift_tree(v, days) for v in node]
    return node


def replay(pairs: list[tuple[Document, Record]], n: int):
    """``n`` reports: the corpus again and again with new ids and shifted dates."""
    i = 0
    replica = 0
    while True:
        days = replica * STEP_DAYS
        for doc, rec in pairs:
            if i >= n:
                return
            new_id = f"{doc.id}~{replica}"
            d = doc.model_copy(update={"id": new_id, "published": shift(doc.published, days)})
            data = _shift_tree(json.loads(rec.to_json()), days)
            data["document"]["id"] = new_id
            yield d, Record.model_validate(data)
            i += 1
        replica += 1


def load_records(path: Path) -> list[tuple[Document, Record]]:
    """Records from a JSONL file or a folder of .json records, with their corpus documents."""
    if path.is_dir():
        raw = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.json"))]
    else:
        raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = []
    for data in raw:
        source = CORPUS / f"{data['document']['id']}.json"
        if source.exists():
            d = json.loads(source.read_text(encoding="utf-8"))
            doc = Document(**{k: d.get(k) for k in ("id", "text", "title", "source", "url", "published")})
            pairs.append((doc, Record.model_validate(data)))
    return pairs


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def first_ingest(folder: Path, limit: int | None = None) -> tuple[dict, list[tuple[Document, Record]]]:
    paths = sorted(str(p) for p in CORPUS.glob("*.json"))[:limit]
    from detente.nlp import load

    t = time.perf_counter()
    load()  # timed apart: a rerun with nothing new never loads it
    load_s = time.perf_counter() - t
    with Store(str(folder / "ingest.db")) as store:
        t = time.perf_counter()
        first = ingest(paths, store)
        t1 = time.perf_counter() - t
        t = time.perf_counter()
        again = ingest(paths, store)
        t2 = time.perf_counter() - t
        pairs = [store.get(i)[:2] for i in first.added]
    figures = {"reports": len(paths), "model_load_s": round(load_s, 2), "first_s": round(t1, 2), "rerun_s": round(t2, 3),
               "speedup": round(t1 / t2, 1) if t2 else None, "failed": len(first.failed),
               "rerun_unchanged": len(again.unchanged)}
    return figures, pairs


def queries(store: Store, runs: int) -> dict[str, float]:
    procs = query.list_processes(store)
    main = procs[0].name if procs else None
    year = procs[0].last[:4] if procs and procs[0].last else "2026"
    cases = {
        "timeline(process, limit=500)": lambda: query.timeline(store, process=main, limit=500),
        "timeline(all, limit=500)": lambda: query.timeline(store, limit=500),
        f"timeline(since/until {year})": lambda: query.timeline(store, since=f"{year}-01-01", until=f"{year}-12-31"),
        "positions(process, limit=1000)": lambda: query.positions(store, process=main, limit=1000),
        "positions(party=Russia, issue=territory)": lambda: query.positions(store, party="Russia", issue="territory"),
        "search('prisoner exchange')": lambda: query.search(store, "prisoner exchange"),
        "search('Zaporizhzhia')": lambda: query.search(store, "Zaporizhzhia"),
        "quotes(speaker=Zelensky)": lambda: query.quotes(store, speaker="Zelensky", limit=50),
        "list_processes()": lambda: query.list_processes(store),
        "gap(process)": lambda: query.gap(store, process=main),
    }
    out = {}
    for name, fn in cases.items():
        ms, result = timed(fn, runs)
        out[name] = {"ms": round(ms, 1), "results": len(result)}
    return out


def build(url: str, pairs, n: int, base: int | None = None) -> dict:
    """``base`` reports through ``Store.add`` (merging included), then grown in SQL to ``n``."""
    base = min(base or n, n)
    with Store(url) as store:
        t = time.perf_counter()
        for document, record in replay(pairs, base):
            store.add(document, record)
        load_s = time.perf_counter() - t
    grow_s = grow(url, n // base) if n // base > 1 else 0.0
    with Store(url) as store:
        with store.session(write=True) as s:
            s.execute(text("ANALYZE"))  # fresh planner statistics on both backends
        counts = store.count()
    return {"base": base, "load_s": round(load_s, 1), "grow_s": round(grow_s, 1), "counts": counts}


_DOC_COLS = "id, title, source, url, published, text, content_hash, process, process_locked, extra, ingested_at"
_ENT_COLS = "kind, key, label, process, date, last_date, attrs, n_sources"
_FACT_COLS = ("kind, seq, process, date, party, issue, stance, quote_kind, status, polarity, name, text, entity_id, speaker_id, "
              "ev_start, ev_end, ev_text, data")


def grow(url: str, factor: int) -> float:
    """Multiply the stored reports ``factor`` times in SQL (new ids, dates shifted past the
    originals): the fast way to 100k reports once a base store is loaded. Actors stay shared."""
    t = time.perf_counter()
    with Store(url) as store, store.session(write=True) as s:
        pg = store.dialect == "postgresql"

        def shifted(col: str) -> str:
            if pg:
                return (f"CASE WHEN length({col}) = 10 THEN to_char({col}::date + :days, 'YYYY-MM-DD') "
                        f"ELSE {col} END")
            return f"CASE WHEN length({col}) = 10 THEN date({col}, :shift) ELSE {col} END"

        q = lambda sql_: s.execute(text(sql_)).scalar()  # noqa: E731
        max_pk, max_e, max_f = q("SELECT max(pk) FROM documents"), q("SELECT max(id) FROM entities"), q("SELECT max(id) FROM facts")
        lo, hi = q("SELECT min(published) FROM documents"), q("SELECT max(published) FROM documents")
        span = (date.fromisoformat(hi[:10]) - date.fromisoformat(lo[:10])).days + STEP_DAYS
        for k in range(1, factor):
            p = {"pko": k * max_pk, "eo": k * max_e, "fo": k * max_f, "suffix": f"^{k}", "days": k * span,
                 "shift": f"+{k * span} days", "max_pk": max_pk, "max_e": max_e, "max_f": max_f}
            doc_cols = _DOC_COLS.replace("id, ", "id || :suffix, ", 1).replace("published", shifted("published"), 1)
            s.execute(text(f"INSERT INTO documents (pk, {_DOC_COLS}) SELECT pk + :pko, {doc_cols} "
                           "FROM documents WHERE pk <= :max_pk"), p)
            ent_cols = _ENT_COLS.replace("date, last_date", f"{shifted('date')}, {shifted('last_date')}")
            s.execute(text(f"INSERT INTO entities (id, {_ENT_COLS}) SELECT id + :eo, {ent_cols} "
                           "FROM entities WHERE id <= :max_e AND kind <> 'actor'"), p)
            fact_cols = (_FACT_COLS.replace("process, date", f"process, {shifted('date')}")
                         .replace("entity_id,", "CASE WHEN kind = 'actors' THEN entity_id ELSE entity_id + :eo END,"))
            s.execute(text(f"INSERT INTO facts (id, document_pk, {_FACT_COLS}) SELECT id + :fo, document_pk + :pko, "
                           f"{fact_cols} FROM facts WHERE id <= :max_f"), p)
        if pg:
            for table, col in (("documents", "pk"), ("facts", "id"), ("entities", "id")):
                s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', '{col}'), (SELECT max({col}) FROM {table}))"))
        s.execute(text("ANALYZE"))
    return time.perf_counter() - t


def pg_schema(base: str):
    import psycopg

    schema = "bench_" + uuid.uuid4().hex[:8]
    plain = re.sub(r"^postgresql\+psycopg://", "postgresql://", base)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", lambda: _drop(plain, schema)


def _drop(plain: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="reports in the replayed store")
    ap.add_argument("--base", type=int, default=None,
                    help="bulk-load this many reports with merging, then multiply them in SQL up to --n")
    ap.add_argument("--runs", type=int, default=5, help="runs per query (median)")
    ap.add_argument("--pg", default=os.environ.get("DETENTE_TEST_POSTGRES_URL"), help="PostgreSQL URL (skip if empty)")
    ap.add_argument("--dir", default=None, help="work folder (default: a temp folder)")
    ap.add_argument("--json", default=None, help="also write the figures here")
    ap.add_argument("--ingest-limit", type=int, default=None, help="ingest only the first K corpus reports in step 1")
    ap.add_argument("--records", default=None,
                    help="replay these records (JSON Lines, or a folder of gold .json) instead of step 1's")
    args = ap.parse_args(argv)
    folder = Path(args.dir or tempfile.mkdtemp(prefix="detente-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    results: dict = {"n": args.n}

    if args.records:
        pairs = load_records(Path(args.records))
        results["reingest"] = None
    else:
        print(f"1. ingest {CORPUS} with the NLP, then again", file=sys.stderr)
        results["reingest"], pairs = first_ingest(folder, args.ingest_limit)
        print(json.dumps(results["reingest"]), file=sys.stderr)

    backends = [("sqlite", str(folder / "bench.db"), None)] if args.n else []
    if args.pg and args.n:
        url, cleanup = pg_schema(args.pg)
        backends.append(("postgresql", url, cleanup))
    for name, url, cleanup in backends:
        try:
            print(f"2. {name}: bulk load {args.n:,} reports", file=sys.stderr)
            results[name] = build(url, pairs, args.n, args.base)
            print(json.dumps(results[name]), file=sys.stderr)
            with Store(url) as store:
                results[name]["queries"] = queries(store, args.runs)
        finally:
            if cleanup:
                cleanup()

    if results["reingest"]:
        r = results["reingest"]
        print(f"\nre-ingest ({r['reports']} reports): first {r['first_s']} s (+ {r['model_load_s']} s model load), "
              f"rerun {r['rerun_s']} s → {r['speedup']}× without the model load")
    names = [b[0] for b in backends]
    if not names:
        return 0
    print(f"\nquery medians at {args.n:,} reports (ms, {args.runs} runs)")
    print(f"{'query':45}" + "".join(f"{n:>14}" for n in names))
    for q in results[names[0]]["queries"]:
        print(f"{q:45}" + "".join(f"{results[n]['queries'][q]['ms']:>14}" for n in names))
    print("bulk load of the base (s)".ljust(45) + "".join(f"{results[n]['load_s']:>14}" for n in names))
    print("grow in SQL to --n (s)".ljust(45) + "".join(f"{results[n]['grow_s']:>14}" for n in names))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
