"""Grouping and relevance on the evaluation sets, from cached records (no NLP).

    python bench/grouping.py [--json] [--shuffle 3]     # the figures (tests/grouping_floors.json)
    python bench/grouping.py --refresh                  # re-extract the cached records (minutes)

Sets (``detente eval --grouping`` on each, through a temporary store):

- ``corpus``: the 56 reports of ../shared/corpus against INDEX.tsv's ``conflict``;
- ``devset``: the 136 development reports against folds.json (conflicts);
- ``whitehouse-dev`` / ``whitehouse-held-out``: the 400 labelled White House
  documents (devset/relevance/labels.jsonl, half each), with the corpus, for
  relevance (relevant in a process, unrelated in none) and grouping; corpus
  conflicts are mapped to the guide's (folds.json ``conflict_of``);
- ``scenario``: the corpus and all 400 documents: processes against conflicts.

The records are ``tests/golden/grouping-records.jsonl.gz``: what ``detente
extract`` gives on devset/docs and the 400 documents (rebuilt from the bulk
file by devset/relevance/build.py), without quotes, dates and assessments,
which grouping does not read. ``--refresh`` remakes it. Resolve gets the
relevance passage model's verdicts as ingest gives them (``--rules-only``: none);
the model's paragraph probabilities are cached in
``tests/golden/grouping-passages.json.gz`` and remade when its weights change.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared"))
RECORDS = ROOT / "tests" / "golden" / "grouping-records.jsonl.gz"
NAMES = ROOT / "devset" / "conflict_names.json"
sys.path.insert(0, str(ROOT / "devset" / "relevance"))


def whitehouse_texts(folder: Path) -> Path:
    """The 400 labelled documents, rebuilt from the bulk file."""
    from build import texts  # devset/relevance/build.py

    out = folder / "whitehouse.jsonl"
    texts(out)
    return out


def refresh() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wh = whitehouse_texts(Path(tmp))
        raw = Path(tmp) / "records.jsonl"
        subprocess.run([sys.executable, "-m", "detente", "extract", str(ROOT / "devset" / "docs"), str(wh),
                        "-o", str(raw)], check=True)
        with gzip.open(RECORDS, "wt", encoding="utf-8") as out:
            for line in raw.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                for kind in ("quotes", "dates", "assessments"):
                    record[kind] = []
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"records written to {RECORDS}")
    PASSAGES.unlink(missing_ok=True)  # remade on the next measure


PASSAGES = ROOT / "tests" / "golden" / "grouping-passages.json.gz"


def passage_probabilities(documents: list, refresh: bool = False) -> dict:
    """Report id → {paragraph start: P(peace passage)} from the packaged passage model, cached in
    ``PASSAGES`` (remade when the model's weights change or with ``--refresh``)."""
    from detente.learn.passages import fingerprint, load_passage_model, probabilities

    model = load_passage_model()
    if model is None:
        return {}
    cached = json.loads(gzip.decompress(PASSAGES.read_bytes())) if PASSAGES.is_file() and not refresh else {}
    if cached.get("model") != fingerprint(model):
        cached = {"model": fingerprint(model), "reports": {}}
    missing = [d for d in documents if d.id not in cached["reports"]]
    if missing:
        from detente.embeddings import get_encoder

        encoder = get_encoder()
        for d in missing:
            cached["reports"][d.id] = probabilities(d.text, model, encoder)
        PASSAGES.write_bytes(gzip.compress(json.dumps(cached, sort_keys=True).encode("utf-8"), mtime=0))
    return cached["reports"]


def sets(folder: Path) -> dict[str, tuple[dict, list[Path]]]:
    """name → (labels, document paths)."""
    from detente.grouping_eval import read_labels

    conflict_of = json.loads((ROOT / "devset" / "folds.json").read_text())["conflict_of"]
    corpus = read_labels(SHARED / "corpus" / "INDEX.tsv")
    mapped = {i: conflict_of.get(c, c) for i, c in corpus.items()}
    rows = [json.loads(line) for line in (ROOT / "devset" / "relevance" / "labels.jsonl").read_text().splitlines()]
    wh = whitehouse_texts(folder)
    half = {s: {r["id"]: r["conflict"] for r in rows if r["split"] == s} for s in ("dev", "held-out")}
    return {
        "corpus": (corpus, [SHARED / "corpus"]),
        "devset": (read_labels(ROOT / "devset" / "folds.json"), [ROOT / "devset" / "docs"]),
        "whitehouse-dev": ({**mapped, **half["dev"]}, [SHARED / "corpus", wh]),
        "whitehouse-held-out": ({**mapped, **half["held-out"]}, [SHARED / "corpus", wh]),
        "scenario": ({**mapped, **half["dev"], **half["held-out"]}, [SHARED / "corpus", wh]),
    }


def measure(shuffle: int = 0, only: list[str] | None = None, passages: bool = True) -> dict:
    from detente.grouping_eval import evaluate_grouping, read_records, same_partition
    from detente.learn.passages import document_verdicts
    from detente.records import Document
    from detente.sources import iter_documents

    with gzip.open(RECORDS, "rt", encoding="utf-8") as f, tempfile.NamedTemporaryFile("w", suffix=".jsonl") as tmp:
        tmp.write(f.read())
        tmp.flush()
        records = read_records([Path(tmp.name)])
    names = {k: v for k, v in json.loads(NAMES.read_text()).items() if not k.startswith("_")}
    out = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, (labels, paths) in sets(Path(folder)).items():
            if only and name not in only:
                continue
            docs = [d for d in iter_documents([str(p) for p in paths]) if isinstance(d, Document)]
            mine = [d for d in docs if d.id in labels and d.id in records]
            learned = document_verdicts(mine, probs=passage_probabilities(mine)) if passages else None
            scores, assigned = evaluate_grouping(labels, records, docs, names=names, learned=learned)
            figures = scores.as_dict()
            figures["process_count"] = len(figures["processes"])
            if shuffle:
                figures["same_partition_shuffled"] = all(
                    same_partition(assigned, evaluate_grouping(labels, records, docs, names=names, seed=seed,
                                                               learned=learned)[1])
                    for seed in range(1, shuffle + 1))
            out[name] = figures
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refresh", action="store_true", help="re-extract the cached records")
    parser.add_argument("--shuffle", type=int, default=0, help="also check N shuffled orders give the same partition")
    parser.add_argument("--set", action="append", help="only this set (repeatable)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rules-only", action="store_true", help="without the relevance passage model")
    args = parser.parse_args()
    if args.refresh:
        refresh()
        return
    result = measure(args.shuffle, args.set, passages=not args.rules_only)
    if args.json:
        print(json.dumps(result, indent=1))
        return
    for name, f in result.items():
        cells = [f"{k}={f[k]:.3f}" if isinstance(f[k], float) else f"{k}={f[k]}" for k in
                 ("reports", "relevant", "unrelated", "conflicts", "process_count", "precision", "recall", "f1",
                  "relevant_in_process", "unrelated_in_none", "named", "same_partition_shuffled") if k in f and f[k] is not None]
        print(f"{name}: " + " ".join(cells))
        for p in f["processes"][:12]:
            print(f"    {p['name']}: {p['reports']} reports, {p['conflict']} ({p['purity']:.2f}), named {p['named']}")


if __name__ == "__main__":
    main()
