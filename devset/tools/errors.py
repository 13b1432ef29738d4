"""Scores and error lists on chosen folds, for people writing rules.

    python devset/tools/errors.py RECORDS.jsonl --folds 0,1,2 [--category meetings]
    python devset/tools/errors.py RECORDS.jsonl --root devset/extra [--category positions]

Rule writers look at errors only on the rule-development folds (0-3, and the
extra set, ``--root devset/extra``) and measure, without looking, on the
rule-blind fold 4 and the blind set: see devset/README.md. A root without
folds.json is taken whole, and --folds is ignored.
Without --category it prints the scores; with it, every missed (FN), spurious
(FP) and mis-attributed (ACC) fact of that category, report by report.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE.parent / "src"))

from detente.evaluate import CATEGORIES, Scores, load_records, match, score_document  # noqa: E402
from detente.records import Record  # noqa: E402


def _short(fact) -> dict:
    d = fact.model_dump(exclude={"evidence", "mentions", "claim", "evidence_text", "notes"})
    return {k: v for k, v in d.items() if v not in (None, [], "")}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("--folds", default="0,1,2")
    parser.add_argument("--category")
    parser.add_argument("--root", type=Path, default=HERE, help="a set laid out like devset/ (gold/)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if (root / "folds.json").exists():
        folds = json.loads((root / "folds.json").read_text())
        wanted = {c for i in args.folds.split(",") for c in folds["folds"][int(i)]}
        chosen = lambda stem: folds["documents"].get(stem) in wanted  # noqa: E731
        label = f"folds {args.folds}"
    else:
        chosen = lambda stem: True  # noqa: E731
        label = f"{root.name}/"
    predicted = {r.document.id: r for r in load_records(args.records)}
    docs = []
    for path in sorted((root / "gold").glob("*.json")):
        if not chosen(path.stem):
            continue
        gold = Record.model_validate_json(path.read_text(encoding="utf-8"))
        pred = predicted.get(gold.document.id, Record(document=gold.document))
        if args.category is None:
            docs.append(score_document(gold, pred))
            continue
        cat = next(c for c in CATEGORIES if c.name == args.category)
        g = [f for f in getattr(gold, cat.name) if cat.select(f)]
        p = [f for f in getattr(pred, cat.name) if cat.select(f)]
        m = match(g, p, cat.scorer)
        print("==", gold.document.id)
        for gi, pi in m.required_pairs:
            a, b = _short(g[gi]), _short(p[pi])
            if a != b:
                print("  ACC gold", a, "\n      pred", b)
        gm, pm = {gi for gi, _ in m.pairs}, {pi for _, pi in m.pairs}
        for i, f in enumerate(g):
            if i not in gm and not (f.model_extra or {}).get("optional"):
                print("  FN", _short(f), "|", ((f.model_extra or {}).get("evidence_text") or "")[:140])
        for i, f in enumerate(p):
            if i not in pm:
                print("  FP", _short(f), "|", (f.evidence.text[:140] if getattr(f, "evidence", None) else ""))
    if args.category is None:
        scores = Scores.of(docs)
        print(f"{len(docs)} reports in {label}")
        for name, value in scores.figures().items():
            if value is not None and (name.endswith("_f1") or name.endswith("accuracy") or name == "overall"):
                print(f"  {name:32s} {value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
