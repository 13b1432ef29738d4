"""The development set is what docs/annotation.md and devset/README.md say it is."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

DEVSET = Path(__file__).resolve().parents[1] / "devset"
FOLDS = json.loads((DEVSET / "folds.json").read_text(encoding="utf-8"))
GOLD = sorted((DEVSET / "gold").glob("*.json"))


def _doc(doc_id: str) -> dict:
    return json.loads((DEVSET / "docs" / f"{doc_id}.json").read_text(encoding="utf-8"))


def test_sizes_the_issue_asks_for():
    docs = [_doc(p.stem) for p in GOLD]
    assert len(docs) >= 120
    assert len({FOLDS["documents"][d["id"]] for d in docs}) >= 20, "conflicts"
    assert len({d["source"] for d in docs}) >= 20, "outlets"
    assert {d["genre"] for d in docs} >= {"news", "analysis", "statement", "readout", "briefing"}
    years = {d["published"][:4] for d in docs}
    assert min(years) <= "2020" and max(years) >= "2026"


def test_stance_set_has_two_thousand_sentences_with_hard_negatives():
    lines = [json.loads(line) for line in (DEVSET / "stance.jsonl").read_text(encoding="utf-8").splitlines()]
    labelled = [x for x in lines if not x["optional"]]
    assert len(labelled) >= 2000
    stances = Counter(x["stance"] for x in labelled)
    assert set(stances) >= {"none", "propose", "demand", "accept", "reject"}
    kinds = Counter(h["type"] for x in lines for h in x["hard_negative"])
    assert set(kinds) >= {"accused", "demand_on", "mediator", "hypothetical", "historical", "quoted_opponent"}


def test_double_annotation_covers_fifteen_percent_and_is_adjudicated():
    by_doc = Counter(p.stem for p in (DEVSET / "annotations").glob("*/*.json"))
    doubles = {d for d, n in by_doc.items() if n >= 2}
    assert len(doubles) >= 0.15 * len(GOLD)
    adjudicated = {p.stem for p in (DEVSET / "adjudicated").glob("*.json")}
    assert doubles <= adjudicated


def test_folds_split_by_conflict():
    fold_of = {c: i for i, fold in enumerate(FOLDS["folds"]) for c in fold}
    assert len(fold_of) == sum(len(f) for f in FOLDS["folds"]), "a conflict in two folds"
    for doc_id, conflict in FOLDS["documents"].items():
        assert conflict in fold_of, doc_id


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem[:60])
def test_gold_passages_are_in_the_report(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = _doc(path.stem)["text"]
    for kind in ("quotes", "meetings", "positions", "agreements", "incidents", "assessments", "hard_negatives"):
        for fact in gold.get(kind, []):
            passage = fact.get("evidence_text")
            assert passage is None or passage in text, (kind, passage)


def test_annotations_pass_the_checker():
    files = sorted(str(p) for p in (DEVSET / "annotations").glob("*/*.json")) + sorted(
        str(p) for p in (DEVSET / "adjudicated").glob("*.json"))
    run = subprocess.run([sys.executable, str(DEVSET / "check.py"), *files], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:]


@pytest.mark.parametrize(("name", "at_least"), [("blind", 16), ("extra", 47), ("extra2", 41)])
def test_side_sets_pass_the_checker_and_stay_out_of_the_folds(name, at_least):
    """The blind set and the extra rule-development sets: valid, complete, and in no fold or other set."""
    root = DEVSET / name
    files = sorted(str(p) for p in root.glob("annotations/*/*.json")) + sorted(
        str(p) for p in root.glob("adjudicated/*.json")) + sorted(str(p) for p in root.glob("gold/*.json"))
    assert len(list(root.glob("gold/*.json"))) == len(list(root.glob("docs/*.json"))) >= at_least
    run = subprocess.run([sys.executable, str(DEVSET / "check.py"), "--root", str(root), *files],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:]
    mine = {p.stem for p in root.glob("docs/*.json")}
    assert not mine & set(FOLDS["documents"])
    for other in {"blind", "extra", "extra2"} - {name}:
        assert not mine & {p.stem for p in (DEVSET / other).glob("docs/*.json")}
