"""Sentences of a report labelled from its gold record.

A gold fact carries ``evidence_text`` (or, for positions, ``claim``): a
verbatim passage of the report. Each sentence takes the labels of the
required facts whose passage overlaps it; a sentence that only holds optional
facts is marked ``optional`` and left out of training and scoring, since the
annotators themselves were unsure. The same function builds the stance set
(``devset/stance.jsonl``) and the training data, so the two cannot drift.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["Sentence", "label_sentences", "passages"]


@dataclass(frozen=True)
class Sentence:
    doc: str
    start: int
    end: int
    text: str
    #: Required gold positions in the sentence: (party, issue, stance, actor).
    positions: tuple[tuple[str, str, str, str | None], ...] = ()
    #: Status of a required agreement stated in the sentence, or None.
    status: str | None = None
    #: Polarity of a required assessment stated in the sentence, or None.
    polarity: str | None = None
    #: Kinds of fact ("positions", "agreements", "assessments") for which the
    #: sentence holds only optional facts: no label either way for that kind.
    optional: tuple[str, ...] = ()
    #: Hard negatives in the sentence: (party, issue, type).
    hard_negatives: tuple[tuple[str | None, str | None, str | None], ...] = field(default=())

    @property
    def stance(self) -> str:
        """The sentence's stance label: the most common stance of its positions, or "none"."""
        if not self.positions:
            return "none"
        return Counter(p[2] for p in self.positions).most_common(1)[0][0]

    @property
    def issue(self) -> str | None:
        if not self.positions:
            return None
        return Counter(p[1] for p in self.positions).most_common(1)[0][0]


def passages(text: str, facts: list[dict], *keys: str) -> list[tuple[int, int, dict]]:
    """(start, end, fact) for every fact whose passage is found in ``text``."""
    found = []
    for fact in facts or []:
        passage = next((fact.get(k) for k in keys if fact.get(k)), None)
        if not passage:
            continue
        start = text.find(passage)
        if start >= 0:
            found.append((start, start + len(passage), fact))
    return found


def label_sentences(doc_id: str, text: str, gold: dict, sentences: list[tuple[int, int]]) -> list[Sentence]:
    """Every non-blank sentence ``[start, end)`` of ``text`` with its labels from ``gold``."""
    kinds = {
        "positions": passages(text, gold.get("positions", []), "evidence_text", "claim"),
        "agreements": passages(text, gold.get("agreements", []), "evidence_text"),
        "assessments": passages(text, gold.get("assessments", []), "evidence_text"),
        "hard_negatives": passages(text, gold.get("hard_negatives", []), "evidence_text"),
    }
    out = []
    for s, e in sentences:
        if not text[s:e].strip():
            continue
        inside = {k: [f for a, b, f in v if a < e and b > s] for k, v in kinds.items()}
        required = {k: [f for f in v if not f.get("optional")] for k, v in inside.items()}
        optional_only = tuple(k for k in ("positions", "agreements", "assessments") if inside[k] and not required[k])
        out.append(Sentence(
            doc=doc_id, start=s, end=e, text=text[s:e],
            positions=tuple((f["party"], f["issue"], f["stance"], f.get("actor")) for f in required["positions"]),
            status=next((f["status"] for f in required["agreements"]), None),
            polarity=next((f["polarity"] for f in required["assessments"]), None),
            optional=optional_only,
            hard_negatives=tuple((f.get("party"), f.get("issue"), f.get("type")) for f in inside["hard_negatives"]),
        ))
    return out
