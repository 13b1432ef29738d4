"""Two ``detente ingest`` runs into one store at once: how long each waits for the other.

Splits the bundled sample into two inputs that share a third of the reports
(shared ones first in both), creates the store, starts both runs at the same
moment and times, inside each, every wait for the writers' lock (``BEGIN
IMMEDIATE`` on SQLite, the advisory lock on PostgreSQL) and how long it then
held it (one report's merge and write). A run that waited for the whole
other run would show one wait as long as that run; per-report turns show
many waits of about one report's write each.

    python bench/concurrent_ingest.py                   # SQLite in a temp folder
    python bench/concurrent_ingest.py --db postgresql://postgres@127.0.0.1:5433/detente_bench
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Runs ``detente ARGS`` with every lock wait and hold timed; writes them as JSON to argv[1].
PROBE = r"""
import atexit, json, sys, time
from sqlalchemy import event
from sqlalchemy.engine import Engine

out, sys.argv = sys.argv[1], ["detente"] + sys.argv[2:]
log = {"waits": [], "holds": [], "turns": [], "start": time.time()}

def is_lock(statement):
    return statement.startswith("BEGIN IMMEDIATE") or "pg_advisory_xact_lock" in statement

@event.listens_for(Engine, "before_cursor_execute")
def before(conn, cursor, statement, *args):
    if is_lock(statement):
        conn.info["asked"] = time.time()

@event.listens_for(Engine, "after_cursor_execute")
def after(conn, cursor, statement, *args):
    if is_lock(statement) and "asked" in conn.info:
        conn.info["got"] = time.time()
        log["waits"].append(conn.info["got"] - conn.info.pop("asked"))

@event.listens_for(Engine, "commit")
def commit(conn):
    if "got" in conn.info:
        got = conn.info.pop("got")
        log["holds"].append(time.time() - got)
        log["turns"].append((got, time.time()))

@atexit.register
def dump():
    log["end"] = time.time()
    with open(out, "w") as f:
        json.dump(log, f)

from detente.cli import main
main()
"""


def halves(folder: Path, copies: int) -> tuple[Path, Path]:
    """The sample's first third in both inputs, the other thirds one each; ``copies`` copies of
    each report (ids suffixed) so the two runs stay busy long enough to overlap."""
    from detente.sources import sample_path

    docs = [json.loads(line) for line in sample_path().read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [{**d, "id": f"{d['id']}-{k}"} for k in range(copies) for d in docs]
    third = len(docs) // 3
    a, b = folder / "a.jsonl", folder / "b.jsonl"
    for path, part in ((a, docs[:third] + docs[third:2 * third]), (b, docs[:third] + docs[2 * third:])):
        path.write_text("".join(json.dumps(d) + "\n" for d in part), encoding="utf-8")
    return a, b


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store URL (default: a new SQLite file in a temp folder)")
    parser.add_argument("--copies", type=int, default=3, help="copies of the sample (more: longer overlap)")
    args = parser.parse_args()
    from detente.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db or str(folder / "bench.db")
        Store(db).close()
        a, b = halves(folder, args.copies)
        logs = [folder / "a.json", folder / "b.json"]
        procs = [subprocess.Popen([sys.executable, "-c", PROBE, str(log), "ingest", str(i), "--db", db],
                                  stderr=subprocess.PIPE, text=True)
                 for i, log in zip((a, b), logs)]
        for proc in procs:
            if proc.wait() != 0:
                sys.exit(proc.stderr.read())
        runs = [json.loads(log.read_text()) for log in logs]
        sizes = [len(i.read_text().splitlines()) for i in (a, b)]
        with Store(db) as store:
            dialect, stored = store.dialect, store.count()["reports"]
    print(f"{dialect}: two runs of {sizes[0]} and {sizes[1]} reports at once, {stored} stored in all")
    for name, run, other in (("A", runs[0], runs[1]), ("B", runs[1], runs[0])):
        waits, holds = run["waits"], run["holds"]
        during = [w for w, (got, _) in zip(waits, run["turns"]) if other["start"] <= got <= other["end"]]
        print(f"run {name}: {run['end'] - run['start']:.1f} s in all; {len(waits)} write transactions; "
              f"lock wait median {ms(statistics.median(waits))}, max {ms(max(waits))}, sum {ms(sum(waits))}; "
              f"held median {ms(statistics.median(holds))}, max {ms(max(holds))}; "
              f"{len(during)} transactions while the other run was going")


if __name__ == "__main__":
    main()
