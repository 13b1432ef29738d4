"""Cross-validation by conflict: how well detente does on reports from peace
processes it was not trained on (``detente eval --cv DEVSET``).

The development set's reports are grouped by conflict into folds
(``folds.json``); two reports about the same talks never straddle a split.
For each fold the learned models are fitted on the other folds and the fold's
reports are extracted with them: the **held-out** score. The **dev** score
extracts every report with models fitted on all of them: what a reader of the
training data would see. The difference is the overfit. The **rules** score
extracts with the rules alone (no learned model), for comparison.

Intervals are 95% bootstrap intervals over conflicts (resampling whole
conflicts, not reports, since reports on one conflict are not independent).
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
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
            "per_fold_overall": [
                self.scores("held-out", {d for d, c in self.conflict.items() if c in fold}).overall
                for fold in self.folds
            ],
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
    progress: Callable[[str], None] | None = None,
) -> CrossValidation:
    """Cross-validate the learned models by conflict on the development set.

    Reports of the ``extra`` sets train the models of every fold and are
    never scored, so the figures stay comparable with and without them."""
    from .embeddings import get_encoder
    from .learn.train import featurize, fit, load_devset
    from .nlp import load

    say = progress or (lambda _msg: None)
    devset = load_devset(devset_dir, extra)
    nlp = load()
    every = devset.ids()
    ids = devset.scored_ids()
    say(f"labelling and embedding the sentences of {len(every)} reports")
    features = featurize(devset, nlp, get_encoder(), every)
    runs: dict[str, list[DocumentScores]] = {}
    with tempfile.TemporaryDirectory(prefix="detente-cv-") as tmp:
        held_out: list[DocumentScores] = []
        for k, fold in enumerate(devset.folds):
            test = [d for d in ids if devset.conflict[d] in fold]
            if not test:
                continue
            say(f"fold {k + 1}/{len(devset.folds)}: training without {', '.join(fold)}; extracting {len(test)} reports")
            folder = Path(tmp) / f"fold{k}"
            fit(features, set(every) - set(test)).save(folder)
            held_out += _score(devset, test, replace(settings, models=str(folder)))
        runs["held-out"] = held_out
        say("dev: training on every report; extracting them all")
        folder = Path(tmp) / "all"
        fit(features, set(every)).save(folder)
        runs["dev"] = _score(devset, ids, replace(settings, models=str(folder)))
        if rules:
            say("rules only: extracting every report without the learned models")
            runs["rules"] = _score(devset, ids, replace(settings, models="none"))
    return CrossValidation(runs, {d: devset.conflict[d] for d in ids}, devset.folds)


def _score(devset, ids: list[str], settings: Settings) -> list[DocumentScores]:
    from .pipeline import extract_local

    documents = [devset.document(i) for i in ids]
    out = []
    for document, outcome in zip(documents, extract_local(documents, settings=settings)):
        record = outcome if isinstance(outcome, Record) else Record(document=document.info())
        gold = Record.model_validate(devset.gold[document.id])
        out.append(score_document(gold, record, document.text))
    return out
