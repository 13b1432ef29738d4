"""Build the development set's gold records, folds and stance set.

    python devset/build.py

- ``gold/<id>.json``: for a report annotated once, that annotation; for a
  double-annotated report, the adjudicated file in ``adjudicated/`` (the build
  fails if one is missing); the five reports gold-annotated before the set
  existed come from ``seed/``. ``evidence_text`` and ``hard_negatives`` are kept
  (extra keys are allowed in gold).
- ``folds.json``: processes grouped by conflict into five folds of similar
  size, so that reports on the same talks never straddle a split.
- ``stance.jsonl``: one line per sentence of every report, labelled from the
  gold positions (see docs/annotation.md, "The stance set").

Standard library plus detente's sentence splitter (spaCy), run from the
checkout's environment: ``.venv/bin/python devset/build.py``.

``--root DIR`` builds another set laid out the same way (``DIR/docs``,
``DIR/annotations``, ``DIR/adjudicated``), such as the blind test set
(``--root devset/blind``): it writes ``DIR/gold`` only, with the same rules,
and no folds or stance set, because such a set is for scoring, never for
training.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
FOLDS = 5

# Processes that are one conflict for splitting purposes: reports about them
# share actors and talks, so they stay on the same side of every split.
CONFLICT = {
    "israel-pij": "israel-gaza",
    "israel-hamas": "israel-gaza",
    "israel-hezbollah": "israel-lebanon",
    "israel-lebanon-maritime": "israel-lebanon",
    "drc-rwanda": "drc-m23",
    "ethiopia-eritrea": "ethiopia-tigray",
    "afghanistan-us-taliban": "afghanistan",
    "israel-iran": "iran",
    "iran-us": "iran",
}


WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
WORDS.update({"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90})
TRUCE_LENGTH = re.compile(r"\b(\d[\d,]*|" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")[- ](hour|day|week|month)s?\b", re.I)
EXCHANGE = re.compile(r"\b(\d[\d,]*)[- ]for[- ](\d[\d,]*)\b")


def normalize_quantity(fact: dict) -> dict:
    """One convention for agreement sizes, whatever the annotator chose: a
    truce's length is the number as written with its unit ("72-hour" → 72,
    "six-week" → 6); an "N-for-N" exchange counts everyone exchanged."""
    passage = fact.get("evidence_text") or ""
    if fact.get("kind") in ("ceasefire", "humanitarian") and (m := TRUCE_LENGTH.search(passage)):
        raw = m.group(1).lower().replace(",", "")
        return {**fact, "quantity": int(raw) if raw.isdigit() else WORDS[raw]}
    if fact.get("kind") == "prisoner_exchange" and (m := EXCHANGE.search(passage)):
        return {**fact, "quantity": int(m.group(1).replace(",", "")) + int(m.group(2).replace(",", ""))}
    return fact


def conflict_of(process: str) -> str:
    return CONFLICT.get(process, process)


def load_docs(root: Path = HERE) -> dict[str, dict]:
    docs = {}
    for path in sorted((root / "docs").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        docs[doc["id"]] = doc
    return docs


def annotations(root: Path = HERE) -> dict[str, dict[str, Path]]:
    """doc id -> {annotator: file}."""
    found: dict[str, dict[str, Path]] = defaultdict(dict)
    for path in sorted((root / "annotations").glob("*/*.json")):
        found[path.stem][path.parent.name] = path
    return found


def gold_sources(docs: dict[str, dict], root: Path = HERE) -> tuple[dict[str, Path], list[str]]:
    """The file each gold record comes from, and the reports still waiting."""
    chosen: dict[str, Path] = {}
    waiting = []
    by_doc = annotations(root)
    for doc_id in docs:
        seed = root / "seed" / f"{doc_id}.json"
        adjudicated = root / "adjudicated" / f"{doc_id}.json"
        if seed.exists():
            chosen[doc_id] = seed
        elif adjudicated.exists():
            chosen[doc_id] = adjudicated
        elif len(by_doc.get(doc_id, {})) == 1:
            chosen[doc_id] = next(iter(by_doc[doc_id].values()))
        else:
            waiting.append(doc_id)
    return chosen, waiting


def make_folds(docs: dict[str, dict], ids: list[str]) -> dict:
    sizes = Counter(conflict_of(docs[i]["process"]) for i in ids)
    folds: list[list[str]] = [[] for _ in range(FOLDS)]
    load = [0] * FOLDS
    for conflict, n in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        k = min(range(FOLDS), key=lambda j: (load[j], j))
        folds[k].append(conflict)
        load[k] += n
    processes = sorted({docs[i]["process"] for i in ids})
    return {
        "folds": [sorted(f) for f in folds],
        "conflict_of": {p: conflict_of(p) for p in processes},
        "documents": {i: conflict_of(docs[i]["process"]) for i in sorted(ids)},
    }


def stance_lines(doc: dict, gold: dict, nlp) -> list[dict]:
    """One labelled line per sentence of the report, labelled by the same
    function that labels detente's training data (detente.learn.examples)."""
    from detente.learn.examples import label_sentences

    spans = [(sent.start_char, sent.end_char) for sent in nlp(doc["text"]).sents]
    return [{
        "doc": doc["id"], "process": doc["process"], "start": s.start, "end": s.end, "text": s.text,
        "labels": [{"party": p, "issue": i, "stance": st, "actor": a} for p, i, st, a in s.positions],
        "stance": s.stance, "optional": "positions" in s.optional,
        "hard_negative": [{"party": p, "issue": i, "type": t} for p, i, t in s.hard_negatives],
    } for s in label_sentences(doc["id"], doc["text"], gold, spans)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE,
                        help="the set to build (default: the devset); another root gets gold/ only")
    root = parser.parse_args(argv).root.resolve()
    docs = load_docs(root)
    chosen, waiting = gold_sources(docs, root)
    out = root / "gold"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.json"):
        if old.stem not in chosen:
            old.unlink()
    golds = {}
    for doc_id, path in sorted(chosen.items()):
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold.pop("notes", None)
        gold["agreements"] = [normalize_quantity(f) for f in gold.get("agreements", [])]
        gold["document"] = {k: docs[doc_id].get(k) for k in ("id", "title", "source", "url", "published")}
        golds[doc_id] = gold
        (out / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if root != HERE:
        print(f"{len(golds)} gold records in {out}, {len(waiting)} reports waiting for annotation or adjudication")
        if waiting:
            print("waiting:", ", ".join(waiting))
        return 1 if waiting else 0
    folds = make_folds(docs, sorted(docs))  # over every report, so folds do not move as gold arrives
    (HERE / "folds.json").write_text(json.dumps(folds, indent=1) + "\n", encoding="utf-8")

    from detente.nlp import load

    nlp = load()
    with open(HERE / "stance.jsonl", "w", encoding="utf-8") as f:
        for doc_id, gold in sorted(golds.items()):
            for line in stance_lines(docs[doc_id], gold, nlp):
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(golds)} gold records, {len(waiting)} reports waiting for annotation or adjudication")
    if waiting:
        print("waiting:", ", ".join(waiting[:20]) + (" …" if len(waiting) > 20 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
