"""Start-up benchmark: how long ``detente --help`` and the read commands take, whole process, beside
``python -c "import typer, rich"`` (the floor of any typer + rich CLI).

Every command runs as a fresh process, in turn (A B C … A B C …) so a drift
in the machine's speed touches all of them alike; the table gives the median
wall time and CPU time (user + system, what the OS counted for the child;
steadier than wall time on a busy machine) of ``--runs`` runs and their
ratios to the floor. The read commands
run on a small store (a few hand-made reports) created in a temp folder.
It also says whether spaCy, torch or Ray were imported (they must not be).

    python bench/startup_bench.py --runs 15
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("spacy", "torch", "ray", "thinc", "transformers")
#: Runs ``detente ARGS`` in this interpreter and then prints the heavy modules it imported.
PROBE = (
    "import sys, runpy\n"
    "sys.argv = ['detente'] + sys.argv[1:]\n"
    "try:\n    runpy.run_module('detente', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    f"print(','.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))), file=sys.stderr)\n"
)


def small_store(path: Path) -> None:
    """Three hand-made reports: enough for every read command to have rows to show."""
    from detente.records import Actor, Document, DocumentInfo, Evidence, Meeting, Position, Record
    from detente.store import Store

    with Store(str(path)) as store:
        for i, day in enumerate(["2026-02-04", "2026-02-05", "2026-02-06"]):
            text = (f"Russian and Ukrainian delegations met in Abu Dhabi on {day}. "
                    "Kremlin spokesman Dmitry Peskov said Russia rejects a ceasefire.")
            doc = Document(id=f"bench-{i}", text=text, published=day, source="Wire", title=f"Round {i}")
            ev = Evidence.of(text, 0, len(text))
            record = Record(
                document=DocumentInfo(id=doc.id, published=day, source="Wire", title=doc.title),
                actors=[Actor(name="Dmitry Peskov", kind="person", roles=["spokesman"], affiliation="Russia",
                              mentions=[ev])],
                meetings=[Meeting(place="Abu Dhabi", start=day,
                                  parties=["Russia", "Ukraine"], evidence=ev)],
                positions=[Position(party="Russia", issue="ceasefire", stance="reject", actor="Dmitry Peskov",
                                    date=day, evidence=ev),
                           Position(party="Ukraine", issue="ceasefire", stance="accept", date=day, evidence=ev)],
            )
            store.add(doc, record)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_once(argv: list[str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, heavy modules imported) of one run."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr}")
    return elapsed, cpu, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "small.db")
        small_store(Path(db))
        probe = [py, "-c", PROBE]
        commands = {
            'python -c "import typer, rich" (floor)': [py, "-c", "import typer, rich"],
            "detente --help": probe + ["--help"],
            "detente processes --db small.db": probe + ["processes", "--db", db],
            "detente timeline --db small.db": probe + ["timeline", "--db", db],
            "detente positions --db small.db --json": probe + ["positions", "--db", db, "--json"],
            "detente search talks --db small.db": probe + ["search", "talks", "--db", db],
            'python -c "import spacy" (for scale)': [py, "-c", "import spacy"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        heavy: dict[str, str] = {}
        for name, argv in commands.items():  # warm-up: file caches, .pyc
            time_once(argv)
        for _ in range(args.runs):
            for name, argv in commands.items():
                elapsed, cpu, loaded = time_once(argv)
                times[name].append(elapsed)
                cpus[name].append(cpu)
                if argv[:3] == probe:
                    heavy[name] = loaded
    first = next(iter(commands))
    floor, cpu_floor = statistics.median(times[first]), statistics.median(cpus[first])
    print(f"| command (median of {args.runs} runs, whole process) | wall s | × floor | CPU s | × floor "
          "| spaCy/torch/Ray imported |")
    print("|---|---|---|---|---|---|")
    for name in commands:
        wall, cpu = statistics.median(times[name]), statistics.median(cpus[name])
        loaded = heavy.get(name, "")
        print(f"| `{name}` | {wall:.3f} | {wall / floor:.2f}× | {cpu:.3f} | {cpu / cpu_floor:.2f}× "
              f"| {loaded or ('no' if name in heavy else '')} |")


if __name__ == "__main__":
    main()
