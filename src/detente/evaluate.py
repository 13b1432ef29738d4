"""Score records against gold records, as ``../spec/SCORING.md`` defines.

>>> scores = evaluate("gold/", "records.jsonl", "corpus/")   # doctest: +SKIP
>>> round(scores.overall, 3)                                  # doctest: +SKIP

Each category has one matcher, ``(gold fact, predicted fact) -> score or
None``; :func:`match` pairs facts one-to-one, best score first. Counts are
summed over documents (micro averages). A gold fact marked ``"optional": true``
neither earns nor costs: a prediction paired with it is neither a true nor a
false positive, and leaving it unfound is no miss.

Conventions the spec leaves open:

- Names compare after case-folding, stripping accents and dropping everything
  that is not a letter or digit ("U.S." = "US", "al-Hayya" = "Al Hayya").
- Precision with nothing predicted is 1.0, recall with nothing to find is 1.0,
  F1 is 0.0 when both are 0.
- Accuracies count over matched required gold facts (affiliation, role,
  mediators, parties: same set after normalization), except attribution and
  date normalization, whose denominators are all required gold direct quotes
  and all required gold dates. An accuracy with nothing to count is ``None``;
  the overall score then uses the quotes' F1 in place of attribution.
- Indirect quotes: a predicted indirect quote with the same speaker finds a
  gold one (best text overlap first); speaker recall is found ÷ gold.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .records import Record

__all__ = [
    "evaluate",
    "score_document",
    "load_gold",
    "load_records",
    "normalize_name",
    "tokens",
    "jaccard",
    "content_words",
    "evidence_ratio",
    "match",
    "Matching",
    "Counts",
    "Ratio",
    "Scores",
    "DocumentScores",
    "Category",
    "Accuracy",
    "CATEGORIES",
]

# ---------------------------------------------------------------- text helpers


def normalize_name(name: str | None) -> str:
    """Case-folded, accent-free, letters and digits only; ``None`` → ``""``."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def tokens(text: str | None) -> set[str]:
    """Case-folded, accent-free word tokens."""
    if not text:
        return set()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return set(re.findall(r"\w+", plain))


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


@lru_cache(maxsize=1)
def _role_stopwords() -> frozenset[str]:
    """Words that do not make two roles alike ("the president of" ~ "a fellow of")."""
    from .resources import read_json

    raw = read_json("scoring", "role_stopwords.json")
    return frozenset(raw["words"])


def content_words(text: str | None) -> set[str]:
    return tokens(text) - _role_stopwords()


def _optional(fact) -> bool:
    return bool((fact.model_extra or {}).get("optional"))


# ---------------------------------------------------------------- counting


@dataclass(frozen=True)
class Ratio:
    """An accuracy or share kept as its two counts, so documents add up."""

    hits: int = 0
    total: int = 0

    def __add__(self, other: "Ratio") -> "Ratio":
        return Ratio(self.hits + other.hits, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class Counts:
    """True positives, false positives, misses; optional matches kept apart."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.optional + other.optional)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Matching:
    """One-to-one pairs of (gold index, predicted index) and what they count as."""

    pairs: list[tuple[int, int]]
    counts: Counts
    #: Pairs whose gold fact is required (the ones accuracies look at).
    required_pairs: list[tuple[int, int]]


Scorer = Callable[[object, object], float | None]


def match(gold: Sequence, predicted: Sequence, scorer: Scorer) -> Matching:
    """Pair facts one-to-one, best score first; on ties required gold facts
    and earlier facts go first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            score = scorer(g, p)
            if score is not None:
                candidates.append((-score, _optional(g), gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    required_pairs = [(gi, pi) for gi, pi in pairs if not _optional(gold[gi])]
    required_gold = sum(1 for g in gold if not _optional(g))
    counts = Counts(
        tp=len(required_pairs),
        fp=len(predicted) - len(pairs),
        fn=required_gold - len(required_pairs),
        optional=len(pairs) - len(required_pairs),
    )
    return Matching(pairs=sorted(pairs), counts=counts, required_pairs=sorted(required_pairs))


# ---------------------------------------------------------------- matchers


def _same(key: Callable) -> Scorer:
    return lambda g, p: 1.0 if key(g) == key(p) else None


def _quote_overlap(g, p) -> float | None:
    score = jaccard(tokens(g.text), tokens(p.text))
    return score if score >= 0.5 else None


def _date_overlap(g, p) -> float | None:
    if g.value != p.value:
        return None
    a, b = tokens(g.text), tokens(p.text)
    return jaccard(a, b) if a & b else None


def _same_speaker(g, p) -> float | None:
    if not g.speaker or normalize_name(g.speaker) != normalize_name(p.speaker):
        return None
    return 1.0 + jaccard(tokens(g.text), tokens(p.text))


def _names(values: Iterable[str | None]) -> frozenset[str]:
    return frozenset(normalize_name(v) for v in values)


def _role_hit(g, p) -> bool:
    gold_words = set().union(*(content_words(r) for r in g.roles))
    return any(content_words(r) & gold_words for r in p.roles)


# Accuracies: name -> (gold/pred pair -> correct?, which pairs count, denominator rule)


@dataclass(frozen=True)
class Accuracy:
    name: str
    correct: Callable[[object, object], bool]
    #: Only pairs whose gold fact passes count (role accuracy: gold has roles).
    applies: Callable[[object], bool] = lambda g: True
    #: Denominator: matched required pairs (False) or every required gold fact (True).
    over_all_gold: bool = False


@dataclass(frozen=True)
class Category:
    """One row of SCORING.md's table."""

    name: str
    select: Callable[[object], bool]
    scorer: Scorer
    accuracies: tuple[Accuracy, ...] = ()
    #: In the overall mean, use this accuracy instead of F1.
    overall_by: str | None = None


CATEGORIES: tuple[Category, ...] = (
    Category(
        "actors",
        lambda a: a.kind == "person",
        _same(lambda a: normalize_name(a.name)),
        (
            Accuracy("affiliation", lambda g, p: normalize_name(g.affiliation) == normalize_name(p.affiliation)),
            Accuracy("role", _role_hit, applies=lambda g: bool(g.roles)),
        ),
    ),
    Category(
        "quotes",
        lambda q: q.kind == "direct",
        _quote_overlap,
        (Accuracy("attribution", lambda g, p: normalize_name(g.speaker) == normalize_name(p.speaker), over_all_gold=True),),
        overall_by="attribution",
    ),
    Category(
        "meetings",
        lambda m: True,
        _same(lambda m: normalize_name(m.place)),
        (
            Accuracy("mediator", lambda g, p: _names(g.mediators) == _names(p.mediators)),
            Accuracy("party", lambda g, p: _names(g.parties) == _names(p.parties)),
        ),
    ),
    Category("positions", lambda f: True, _same(lambda f: (normalize_name(f.party), f.issue, f.stance))),
    Category(
        "agreements",
        lambda f: True,
        _same(lambda f: (f.kind, f.quantity)),
        (
            Accuracy("status", lambda g, p: g.status == p.status),
            Accuracy("agreement_parties", lambda g, p: _names(g.parties) == _names(p.parties)),
        ),
    ),
    Category("incidents", lambda f: True, _same(lambda f: (f.kind, normalize_name(f.actor)))),
    Category("assessments", lambda f: True, _same(lambda f: (normalize_name(f.source), f.polarity))),
    Category(
        "dates",
        lambda f: True,
        _date_overlap,
        (Accuracy("normalization", lambda g, p: g.value == p.value, over_all_gold=True),),
    ),
)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class DocumentScores:
    id: str
    counts: dict[str, Counts]
    accuracies: dict[str, Ratio]
    evidence: Ratio | None


@dataclass(frozen=True)
class Scores:
    """Summed over the gold documents; see the module docstring for the rules."""

    documents: list[DocumentScores]
    counts: dict[str, Counts]
    accuracies: dict[str, Ratio]
    evidence: Ratio | None
    #: Gold documents that had no predicted record (scored as empty).
    missing: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, documents: list[DocumentScores], evidence: Ratio | None = None,
           missing: list[str] | None = None) -> "Scores":
        """The documents' counts and accuracies summed (micro averages)."""
        return cls(documents=documents, counts=_sum(d.counts for d in documents),
                   accuracies=_sum(d.accuracies for d in documents), evidence=evidence, missing=missing or [])

    @property
    def evidence_valid(self) -> float | None:
        return self.evidence.value if self.evidence else None

    def accuracy(self, name: str) -> float | None:
        return self.accuracies[name].value if name in self.accuracies else None

    @property
    def overall(self) -> float:
        """Mean F1 of the categories, quotes counted by attribution accuracy."""
        values = []
        for category in CATEGORIES:
            by = self.accuracy(category.overall_by) if category.overall_by else None
            values.append(by if by is not None else self.counts[category.name].f1)
        return sum(values) / len(values)

    def figures(self) -> dict[str, float | None]:
        """Every reported figure, flat: ``actors_f1``, ``role_accuracy``, …"""
        out: dict[str, float | None] = {"overall": self.overall}
        for name, c in self.counts.items():
            out.update({f"{name}_precision": c.precision, f"{name}_recall": c.recall, f"{name}_f1": c.f1})
        out.update({_figure_name(name): ratio.value for name, ratio in self.accuracies.items()})
        out["evidence_valid"] = self.evidence_valid
        return out

    def as_dict(self) -> dict:
        return {
            "documents": len(self.documents),
            "missing": self.missing,
            "overall": self.overall,
            "categories": {
                name: {"precision": c.precision, "recall": c.recall, "f1": c.f1,
                       "tp": c.tp, "fp": c.fp, "fn": c.fn, "optional": c.optional}
                for name, c in self.counts.items()
            },
            "accuracies": {name: {"value": r.value, "hits": r.hits, "total": r.total}
                           for name, r in self.accuracies.items()},
            "evidence_valid": self.evidence_valid,
        }


def _figure_name(accuracy: str) -> str:
    return accuracy if accuracy.endswith("_recall") else f"{accuracy}_accuracy"


# ---------------------------------------------------------------- scoring


def _accuracy(acc: Accuracy, gold: Sequence, pred: Sequence, matching: Matching) -> Ratio:
    pairs = [(gold[gi], pred[pi]) for gi, pi in matching.required_pairs]
    hits = sum(1 for g, p in pairs if acc.applies(g) and acc.correct(g, p))
    if acc.over_all_gold:
        total = sum(1 for g in gold if not _optional(g) and acc.applies(g))
    else:
        total = sum(1 for g, _ in pairs if acc.applies(g))
    return Ratio(hits, total)


def _indirect_speakers(gold: Record, pred: Record) -> Ratio:
    g = [q for q in gold.quotes if q.kind == "indirect"]
    p = [q for q in pred.quotes if q.kind == "indirect"]
    m = match(g, p, _same_speaker)
    return Ratio(m.counts.tp, m.counts.tp + m.counts.fn)


def evidence_ratio(record: Record, text: str) -> Ratio:
    found = record.evidence()
    return Ratio(len(found) - len(record.invalid_evidence(text)), len(found))


def score_document(gold: Record, pred: Record, text: str | None = None) -> DocumentScores:
    """Counts and accuracies for one document (``text`` checks the evidence)."""
    counts: dict[str, Counts] = {}
    accuracies: dict[str, Ratio] = {}
    for category in CATEGORIES:
        g = [f for f in getattr(gold, category.name) if category.select(f)]
        p = [f for f in getattr(pred, category.name) if category.select(f)]
        matching = match(g, p, category.scorer)
        counts[category.name] = matching.counts
        for acc in category.accuracies:
            accuracies[acc.name] = _accuracy(acc, g, p, matching)
    accuracies["indirect_speaker_recall"] = _indirect_speakers(gold, pred)
    return DocumentScores(
        id=gold.document.id,
        counts=counts,
        accuracies=accuracies,
        evidence=evidence_ratio(pred, text) if text is not None else None,
    )


def load_gold(gold_dir: str | Path) -> list[Record]:
    """Every ``*.json`` gold record in ``gold_dir``, by file name."""
    return [
        Record.model_validate_json(path.read_text(encoding="utf-8"))
        for path in sorted(Path(gold_dir).glob("*.json"))
    ]


def load_records(path: str | Path) -> list[Record]:
    """Records from a JSON Lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as lines:
        return [Record.model_validate_json(line) for line in lines if line.strip()]


class _Corpus:
    """Document texts by id: ``<id>.json`` first, else any JSON whose ``id`` fits."""

    def __init__(self, corpus_dir: str | Path | None):
        self.dir = Path(corpus_dir) if corpus_dir else None
        self._by_id: dict[str, Path] | None = None

    def text(self, doc_id: str) -> str | None:
        if self.dir is None:
            return None
        path = self.dir / f"{doc_id}.json"
        if not path.exists():
            path = self._index().get(doc_id)
        if path is None:
            return None
        return json.loads(path.read_text(encoding="utf-8")).get("text")

    def _index(self) -> dict[str, Path]:
        if self._by_id is None:
            self._by_id = {}
            for path in self.dir.glob("*.json"):
                try:
                    self._by_id[json.loads(path.read_text(encoding="utf-8"))["id"]] = path
                except (ValueError, KeyError, TypeError):
                    continue
        return self._by_id


def evaluate(
    gold_dir: str | Path,
    records: Iterable[Record] | str | Path,
    corpus_dir: str | Path | None = None,
) -> Scores:
    """Score ``records`` (or a JSON Lines file of them) against the gold
    records in ``gold_dir``; ``corpus_dir`` holds the texts the evidence must
    match (without it ``evidence_valid`` is ``None``).

    Records of documents without gold count only towards ``evidence_valid``.
    """
    if isinstance(records, (str, Path)):
        records = load_records(records)
    predicted = {r.document.id: r for r in records}
    corpus = _Corpus(corpus_dir)
    documents, missing = [], []
    for gold in load_gold(gold_dir):
        pred = predicted.get(gold.document.id)
        if pred is None:
            missing.append(gold.document.id)
            pred = Record(document=gold.document)
        documents.append(score_document(gold, pred, corpus.text(gold.document.id)))
    evidence = _evidence_total(documents, predicted, {d.id for d in documents}, corpus)
    return Scores.of(documents, evidence, missing)


def _sum(parts: Iterable[dict]) -> dict:
    total: dict = {}
    for part in parts:
        for key, value in part.items():
            total[key] = total[key] + value if key in total else value
    return total


def _evidence_total(documents, predicted: dict[str, Record], scored: set[str], corpus: _Corpus) -> Ratio | None:
    if corpus.dir is None:
        return None
    total = Ratio()
    for doc in documents:
        if doc.evidence is not None:
            total += doc.evidence
    for doc_id, record in predicted.items():
        if doc_id not in scored and (text := corpus.text(doc_id)) is not None:
            total += evidence_ratio(record, text)
    return total
