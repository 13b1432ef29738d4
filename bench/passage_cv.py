"""Does the relevance passage model beat the rules? Five-fold cross-validation over documents.

    python bench/passage_cv.py [--json]

Each fold's documents get their paragraph probabilities from a passage model
trained on the other folds' examples (devset gold reports and the **dev half**
of the White House labels, as ``detente train`` uses them; the held-out half is
never read). The grouping bench's sets ``corpus``, ``devset`` and
``whitehouse-dev`` are then scored with rules alone and with the model's sure
verdicts at each pair of thresholds (``add``: a paragraph becomes a peace
passage; ``drop``: a rules passage is left out). The shipped thresholds
(``detente.learn.passages.ADD`` / ``DROP``) were chosen from this table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

FOLDS = 5
GRID = [(None, None), (0.7, 0.2), (0.7, 0.1), (0.8, 0.2), (0.5, 0.2), (0.7, 0.3), (2.0, 0.2), (0.7, -1.0)]
SETS = ("corpus", "devset", "whitehouse-dev")


def main() -> None:
    import grouping as bench
    from detente.embeddings import get_encoder
    from detente.grouping_eval import evaluate_grouping, read_records
    from detente.learn.passages import candidates, fit_passages, fold_of, passage_examples, verdicts
    from detente.learn.train import load_devset
    from detente.records import Document
    from detente.sources import iter_documents

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    encoder = get_encoder()
    names = {k: v for k, v in json.loads(bench.NAMES.read_text()).items() if not k.startswith("_")}
    with tempfile.TemporaryDirectory() as tmp, gzip.open(bench.RECORDS, "rt", encoding="utf-8") as f:
        raw = Path(tmp) / "records.jsonl"
        raw.write_text(f.read(), encoding="utf-8")
        records = read_records([raw])
        sets = {k: v for k, v in bench.sets(Path(tmp)).items() if k in SETS}
        texts = Path(tmp) / "whitehouse.jsonl"
        examples = passage_examples(load_devset(ROOT / "devset"), ROOT / "devset" / "relevance" / "labels.jsonl", texts)
        x = encoder.encode([t for _, t, _ in examples])
        y = np.array([label for _, _, label in examples])
        docs: dict[str, Document] = {}
        for labels, paths in sets.values():
            for d in iter_documents([str(p) for p in paths]):
                if isinstance(d, Document) and d.id in labels and d.id in records:
                    docs[d.id] = d
        spans = [(i, s, e) for i, d in docs.items() for s, e in candidates(d.text)]
        vectors = encoder.encode([docs[i].text[s:e].strip() for i, s, e in spans])
        probs: dict[str, dict[int, float]] = {i: {} for i in docs}
        for k in range(FOLDS):
            train = [j for j, (d, _, _) in enumerate(examples) if fold_of(d, FOLDS) != k]
            model = fit_passages(x[train], list(y[train]))
            rows = [j for j, (i, _, _) in enumerate(spans) if fold_of(i, FOLDS) == k]
            for j, p in zip(rows, model.proba(vectors[rows]) if rows else []):
                probs[spans[j][0]][spans[j][1]] = float(p)
        out = []
        for add, drop in GRID:
            learned = None if add is None else {i: verdicts(p, add=add, drop=drop) for i, p in probs.items()}
            row = {"add": add, "drop": drop}
            for name, (labels, paths) in sets.items():
                mine = [docs[i] for i in labels if i in docs]
                scores, _ = evaluate_grouping(labels, records, mine, names=names, learned=learned)
                row[name] = {k: getattr(scores, k) for k in ("f1", "relevant_in_process", "unrelated_in_none")}
            out.append(row)
            if not args.json:
                label = "rules only" if add is None else f"add {add} drop {drop}"
                print(label.ljust(20) + "  ".join(
                    f"{n}: F1 {r['f1']:.3f} rel {r['relevant_in_process']:.3f}"
                    + (f" unrel {r['unrelated_in_none']:.3f}" if r["unrelated_in_none"] is not None else "")
                    for n, r in ((n, row[n]) for n in sets)), flush=True)
    if args.json:
        print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
