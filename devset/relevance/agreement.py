"""Agreement of the two relevance annotators on the documents both labelled (n 150–249).

    python devset/relevance/agreement.py [--write AGREEMENT.md]

Cohen's kappa on ``about`` (yes / part / no) and on relevant (yes or part)
versus not; conflict agreement: of the documents both call relevant, the
share given the same conflict.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _kappa():
    """The devset's Cohen's kappa (devset/agreement.py), loaded without its other imports' side effects."""
    sys.path.insert(0, str(HERE.parent))
    spec = importlib.util.spec_from_file_location("devset_agreement", HERE.parent / "agreement.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.kappa


def figures() -> dict:
    kappa = _kappa()
    a1 = {r["n"]: r for r in map(json.loads, (HERE / "ann1.jsonl").read_text().splitlines())}
    a2 = {r["n"]: r for r in map(json.loads, (HERE / "ann2.jsonl").read_text().splitlines())}
    both = sorted(set(a1) & set(a2))
    about = [(a1[n]["about"], a2[n]["about"]) for n in both]
    relevant = [(x != "no", y != "no") for x, y in about]
    rel_both = [n for n in both if a1[n]["about"] != "no" and a2[n]["about"] != "no"]
    same = sum(a1[n]["conflict"] == a2[n]["conflict"] for n in rel_both)
    return {
        "documents": len(both), "range": [both[0], both[-1]] if both else None,
        "about_agreement": sum(x == y for x, y in about) / len(both),
        "about_kappa": kappa(about), "relevant_kappa": kappa(relevant),
        "relevant_both": len(rel_both), "conflict_agreement": same / len(rel_both) if rel_both else None,
        "disagreements": [n for n in both if (a1[n]["about"], a1[n]["conflict"]) != (a2[n]["about"], a2[n]["conflict"])],
    }


def markdown(f: dict) -> str:
    return "\n".join([
        "# Relevance labels: agreement of the two annotators", "",
        f"Documents labelled by both: {f['documents']} (n {f['range'][0]}–{f['range'][1]}). "
        "Made by `agreement.py`; the disagreements are decided in `ADJUDICATION.md`.", "",
        "| figure | value |", "|---|---|",
        f"| observed agreement on yes / part / no | {f['about_agreement']:.3f} |",
        f"| Cohen's kappa, yes / part / no | {f['about_kappa']:.3f} |",
        f"| Cohen's kappa, relevant (yes or part) vs not | {f['relevant_kappa']:.3f} |",
        f"| documents both call relevant | {f['relevant_both']} |",
        f"| same conflict, of those | {f['conflict_agreement']:.3f} |",
        f"| disagreements (about or conflict) | {len(f['disagreements'])}: n {', '.join(map(str, f['disagreements']))} |", "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    f = figures()
    if args.write:
        args.write.write_text(markdown(f))
    print(json.dumps(f, indent=1))


if __name__ == "__main__":
    main()
