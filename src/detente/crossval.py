"""Cross-validation by conflict: how well detente does on reports from peace
processes it was not trained on (``detente eval --cv DEVSET``).

The development set's reports are grouped by conflict into folds
(``folds.json``); two reports about the same talks never straddle a split.
For each fold the learned models are fitted on the other folds and the fold's
reports are extracted with them: the **held-out** score. The **dev** score
extracts every report with models fitted on all of them: what a reader of the
training data would see. The difference is the overfit. The **rules** score
extracts with the rules alone (no learned model), for comparison.

``variants`` add held-out runs with other model thresholds (the fold's
models are fitted once and extracted with each set of thresholds), so one
run compares a model switched on and off on the same folds. The
``sentences`` figures score the classifiers alone on the held-out gold
sentences, including the two (status, assessment) no extractor uses yet.

Intervals are 95% bootstrap intervals over conflicts (resampling whole
conflicts, not reports, since reports on one conflict are not independent).
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .evaluate import CATEGORIES, DocumentScores, Scores, score_document
from .records import Record
from .settings import Settings

__all__ = ["crossval", "CrossValidation", "Interval", "FIGURES"]

#: The figures reported: F1 per category, then the accuracies users ask about.
FIGURES = (
    *(f"{c.name}_f1" for c in CATEGORIES),
    "attribution_accuracy", "affiliation_accuracy", "status_accuracy", "agreement_parties_accuracy",
    "overall",
)


@dataclass(frozen=True)
class Interval:
    value: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class CrossValidation:
    """Scores of one cross-validation run."""

    #: Run name ("held-out", "dev", "rules") -> per-document scores.
    runs: dict[str, list[DocumentScores]]
    #: doc id -> conflict.
    conflict: dict[str, str]
    folds: list[list[str]]
    #: Held-out scores of the classifiers alone on the gold sentences (see sentence_scores).
    sentences: dict = field(default_factory=dict)

    def fold_docs(self, k: int) -> set[str]:
        return {d for d, c in self.conflict.items() if c in self.folds[k]}

    def scores(self, run: str, docs: set[str] | None = None) -> Scores:
        parts = [d for d in self.runs[run] if docs is None or d.id in docs]
        return Scores.of(parts, _evidence(parts))

    def interval(self, run: str, figure: str, *, rounds: int = 1000, seed: int = 0) -> Interval:
        """The figure with a 95% bootstrap interval over conflicts."""
        value = self.scores(run).figures().get(figure)
        by_conflict: dict[str, list[DocumentScores]] = {}
        for d in self.runs[run]:
            by_conflict.setdefault(self.conflict[d.id], []).append(d)
        names = sorted(by_conflict)
        rng = random.Random(seed)
        draws = []
        for _ in range(rounds):
            parts = [d for _ in names for d in by_conflict[rng.choice(names)]]
            v = Scores.of(parts).figures().get(figure)
            if v is not None:
                draws.append(v)
        if not draws:
            return Interval(value, None, None)
        draws.sort()
        return Interval(value, draws[int(0.025 * (len(draws) - 1))], draws[int(0.975 * (len(draws) - 1))])

    def as_dict(self, rounds: int = 1000) -> dict:
        return {
            "documents": len(self.conflict),
            "conflicts": len(set(self.conflict.values())),
            "folds": self.folds,
            "figures": {
                figure: {run: vars(self.interval(run, figure, rounds=rounds)) for run in self.runs}
                for figure in FIGURES
            },
            "per_fold_overall": [self.scores("held-out", self.fold_docs(k)).overall for k in range(len(self.folds))],
            "per_fold": {
                run: [{f: v for f, v in self.scores(run, self.fold_docs(k)).figures().items() if f in FIGURES}
                      for k in range(len(self.folds))]
                for run in self.runs
            },
            "sentences": self.sentences,
        }


def _evidence(parts: list[DocumentScores]):
    total = None
    for d in parts:
        if d.evidence is not None:
            total = d.evidence if total is None else total + d.evidence
    return total


def crossval(
    devset_dir: str | Path,
    settings: Settings,
    *,
    extra: Sequence[str | Path] = (),
    rules: bool = True,
    dev: bool = True,
    variants: Mapping[str, Mapping[str, float]] | None = None,
    progress: Callable[[str], None] | None = None,
) -> CrossValidation:
    """Cross-validate the learned models by conflict on the development set.

    Reports of the ``extra`` sets train the models of every fold and are
    never scored, so the figures stay comparable with and without them.
    The fold models carry ``settings.thresholds()`` over the shipped ones;
    each of ``variants`` (name -> thresholds) adds a run "held-out NAME"."""
    from .embeddings import get_encoder
    from .learn.train import featurize, fit, load_devset, thresholds
    from .nlp import load

    say = progress or (lambda _msg: None)
    base = settings.thresholds()  # checked before the slow part
    plans = {"held-out": thresholds(base),
             **{f"held-out {name}": thresholds({**base, **t}) for name, t in (variants or {}).items()}}
    devset = load_devset(devset_dir, extra)
    nlp = load()
    every = devset.ids()
    ids = devset.scored_ids()
    say(f"labelling and embedding the sentences of {len(every)} reports")
    features = featurize(devset, nlp, get_encoder(), every)
    runs: dict[str, list[DocumentScores]] = {run: [] for run in plans}
    sentences: list[tuple] = []  # (held-out gold sentence, class probabilities)
    with tempfile.TemporaryDirectory(prefix="detente-cv-") as tmp:
        for k, fold in enumerate(devset.folds):
            test = [d for d in ids if devset.conflict[d] in fold]
            if not test:
                continue
            say(f"fold {k + 1}/{len(devset.folds)}: training without {', '.join(fold)}; extracting {len(test)} reports")
            models = fit(features, set(every) - set(test), threshold=base)
            sentences += _sentence_predictions(features, models, set(test))
            for j, (run, plan) in enumerate(plans.items()):
                folder = Path(tmp) / f"fold{k}-{j}"
                replace(models, meta={**models.meta, "thresholds": plan}).save(folder)
                runs[run] += _score(devset, test, replace(settings, models=str(folder)))
        if dev:
            say("dev: training on every report; extracting them all")
            folder = Path(tmp) / "all"
            fit(features, set(every), threshold=base).save(folder)
            runs["dev"] = _score(devset, ids, replace(settings, models=str(folder)))
        if rules:
            say("rules only: extracting every report without the learned models")
            runs["rules"] = _score(devset, ids, replace(settings, models="none"))
    return CrossValidation(runs, {d: devset.conflict[d] for d in ids}, devset.folds, sentence_scores(sentences))


def _sentence_predictions(features, models, docs: set[str]):
    """(sentence, {model: class probabilities}) for the gold sentences of ``docs``."""
    rows = [i for i, s in enumerate(features.sentences) if s.doc in docs]
    if not rows:
        return []
    x = features.x[rows]
    probs = {task: getattr(models, task).proba(x) for task in ("issue", "status", "assessment")}
    return [(features.sentences[i], {t: (getattr(models, t).classes, p[n]) for t, p in probs.items()})
            for n, i in enumerate(rows)]


#: Thresholds at which the assessment detector is scored on sentences.
SENTENCE_THRESHOLDS = (0.3, 0.5, 0.7)


def sentence_scores(predictions) -> dict:
    """The classifiers alone on held-out gold sentences: issue accuracy on
    stance sentences, status accuracy on agreement sentences, and the
    assessment detector's precision/recall/F1 (a judgement found in the right
    sentence) and polarity accuracy, at a few thresholds."""
    def best(pair):
        classes, p = pair
        return classes[int(p.argmax())], float(p.max())

    issue = [best(p["issue"])[0] == s.issue for s, p in predictions if s.positions]
    status = [best(p["status"])[0] == s.status for s, p in predictions if s.status]
    out = {"issue_accuracy": _share(issue), "issue_n": len(issue),
           "status_accuracy": _share(status), "status_n": len(status)}
    judged = [(s, p["assessment"]) for s, p in predictions if "assessments" not in s.optional]
    for floor in SENTENCE_THRESHOLDS:
        tp = fp = fn = right = 0
        for s, (classes, p) in judged:
            q = p.copy()
            q[classes.index("none")] = 0
            guess = classes[int(q.argmax())] if q.max() >= floor else "none"
            gold = s.polarity or "none"
            tp += guess != "none" and gold != "none"
            fp += guess != "none" and gold == "none"
            fn += guess == "none" and gold != "none"
            right += guess != "none" and guess == gold
        precision = tp / (tp + fp) if tp + fp else None
        recall = tp / (tp + fn) if tp + fn else None
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
        out[f"assessment@{floor}"] = {"precision": precision, "recall": recall, "f1": f1,
                                      "polarity_accuracy": right / tp if tp else None}
    return out


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def _score(devset, ids: list[str], settings: Settings) -> list[DocumentScores]:
    from .pipeline import extract_local

    documents = [devset.document(i) for i in ids]
    out = []
    for document, outcome in zip(documents, extract_local(documents, settings=settings)):
        record = outcome if isinstance(outcome, Record) else Record(document=document.info())
        gold = Record.model_validate(devset.gold[document.id])
        out.append(score_document(gold, record, document.text))
    return out
