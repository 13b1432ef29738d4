"""Inter-annotator agreement on the double-annotated reports.

    .venv/bin/python devset/agreement.py [--json] [--write AGREEMENT.md] [--root DIR]

For every report annotated by two people, each annotation is scored against
the other with detente's own scorer (SCORING.md; the first annotator's file
as gold, the second's required facts as predictions, then the other way
round, and the two F1s averaged). Stance labels per sentence (the stance set's
labels, ``none`` included, sentences optional for either annotator left out)
get Cohen's kappa. ``--root DIR`` measures another set laid out like the
devset (``DIR/docs``, ``DIR/annotations/<annotator>/``), e.g. the blind
test set: ``--root devset/blind``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from build import annotations, load_docs, stance_lines  # noqa: E402
from detente.evaluate import CATEGORIES, Counts, score_document  # noqa: E402
from detente.records import Record  # noqa: E402


def _record(data: dict, required_only: bool) -> Record:
    if required_only:
        data = {k: [f for f in v if not (isinstance(f, dict) and f.get("optional"))] if isinstance(v, list) else v
                for k, v in data.items()}
    return Record.model_validate(data)


def kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa for two raters' labels on the same items."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--write", type=Path, help="write the table as Markdown to this file")
    parser.add_argument("--root", type=Path, default=HERE, help="the set to measure (default: the devset)")
    args = parser.parse_args(argv)
    docs = load_docs(args.root)
    doubles = {d: files for d, files in annotations(args.root).items() if len(files) >= 2}
    totals = {c.name: [Counts(), Counts()] for c in CATEGORIES}
    label_pairs: list[tuple[str, str]] = []
    from detente.nlp import load

    nlp = load()
    for doc_id, files in sorted(doubles.items()):
        (name_a, path_a), (name_b, path_b) = sorted(files.items())[:2]
        a = json.loads(path_a.read_text(encoding="utf-8"))
        b = json.loads(path_b.read_text(encoding="utf-8"))
        for i, (gold, pred) in enumerate(((a, b), (b, a))):
            scores = score_document(_record(gold, False), _record(pred, True))
            for name, counts in scores.counts.items():
                totals[name][i] = totals[name][i] + counts
        lines_a = stance_lines(docs[doc_id], a, nlp)
        lines_b = stance_lines(docs[doc_id], b, nlp)
        for la, lb in zip(lines_a, lines_b):
            if not (la["optional"] or lb["optional"]):
                label_pairs.append((la["stance"], lb["stance"]))
    rows = {name: (ab.f1 + ba.f1) / 2 for name, (ab, ba) in totals.items()}
    result = {
        "documents": len(doubles),
        "f1": rows,
        "support": {name: ab.tp + ab.fn for name, (ab, _ba) in totals.items()},
        "stance_kappa": kappa(label_pairs),
        "stance_sentences": len(label_pairs),
        "stance_raw_agreement": (sum(x == y for x, y in label_pairs) / len(label_pairs)) if label_pairs else None,
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{result['documents']} double-annotated reports")
        for name, value in rows.items():
            print(f"  {name:12s} F1 {value:.3f}  (gold facts: {result['support'][name]})")
        print(f"  stance kappa {result['stance_kappa']:.3f} over {len(label_pairs)} sentences"
              f" (raw agreement {result['stance_raw_agreement']:.3f})")
    if args.write:
        lines = ["| fact type | F1 between annotators | required facts (first annotator) |", "|---|---|---|"]
        lines += [f"| {name} | {value:.3f} | {result['support'][name]} |" for name, value in rows.items()]
        lines.append(f"| stance label per sentence (Cohen's kappa) | {result['stance_kappa']:.3f} | {len(label_pairs)} sentences |")
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
