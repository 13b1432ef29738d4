"""Shared by the meeting, agreement and incident tests: score one extractor
on the gold reports with detente's own scorer (SCORING.md)."""

from __future__ import annotations

import json
import re

from conftest import CORPUS, GOLD, SHARED

from detente.evaluate import score_document
from detente.records import Record


def gold_counts(annotate, category: str, extractor):
    """Summed (tp, fp, fn) and the matched-meeting accuracies for ``category``."""
    tp = fp = fn = 0
    accuracies: dict[str, list[int]] = {}
    for path in sorted(GOLD.glob("*.json")):
        gold = Record.model_validate_json(path.read_text(encoding="utf-8"))
        source = json.loads((CORPUS / path.name).read_text(encoding="utf-8"))
        doc, ctx = annotate(source["text"], published=source.get("published"))
        pred = Record(document=gold.document, **{category: extractor(doc, ctx)})
        scores = score_document(gold, pred, source["text"])
        counts = scores.counts[category]
        tp, fp, fn = tp + counts.tp, fp + counts.fp, fn + counts.fn
        for name in ("mediator", "party"):
            ratio = scores.accuracies.get(name)
            if category == "meetings" and ratio is not None:
                hits, total = accuracies.get(name, [0, 0])
                accuracies[name] = [hits + ratio.hits, total + ratio.total]
        assert scores.evidence is None or scores.evidence.value in (None, 1.0)
    return tp, fp, fn, accuracies


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


PLOVER = SHARED / "external" / "plover" / "PLOVER_GSR_CAMEO.txt"
_plover_cache: list = []


def plover_annotated(nlp) -> list[tuple[dict, object, object]]:
    """PLOVER's hand-coded sentences (CC BY-SA, read in place), each with its
    ``(doc, ctx)``; parsed once per test session, in one batch."""
    if not _plover_cache:
        from detente.extract import Context
        from detente.sources import make_document

        text = re.sub(r",(\s*[}\]])", r"\1", PLOVER.read_text(encoding="utf-8"))
        records = [r for r in json.loads(text) if r.get("text")]
        for record, doc in zip(records, nlp.pipe(r["text"] for r in records)):
            ctx = Context.build(doc, make_document(record["text"], published=record.get("date")))
            _plover_cache.append((record, doc, ctx))
    return _plover_cache
