"""The trained classifiers, loaded once per models folder.

``Models.stance`` labels a sentence none / propose / demand / accept / reject /
unchanged; ``issue`` gives the issue of a stance sentence; ``status`` the state
of an agreement from the sentence that states it; ``assessment`` whether a
sentence judges the talks, and how. Each is a :class:`SoftmaxClassifier` over
the sentence's MiniLM vector; ``meta`` holds the thresholds chosen when they
were trained and what they were trained on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from ..resources import data_file
from .linear import SoftmaxClassifier

__all__ = ["Models", "load_models", "PACKAGED", "TASKS"]

PACKAGED = Path(str(data_file("models")))
TASKS = ("stance", "issue", "status", "assessment")
WEIGHTS = "models.npz"
META = "meta.json"


@dataclass(frozen=True)
class Models:
    stance: SoftmaxClassifier
    issue: SoftmaxClassifier
    status: SoftmaxClassifier
    assessment: SoftmaxClassifier
    meta: dict = field(default_factory=dict)

    def threshold(self, task: str, default: float) -> float:
        return float(self.meta.get("thresholds", {}).get(task, default))

    def on(self, task: str) -> bool:
        """A threshold above 1 switches a model off without retraining it."""
        return self.threshold(task, 0.0) <= 1

    def issues(self, vectors) -> list[str]:
        """The issue of each stance sentence, ``general`` where the model is unsure."""
        floor = self.threshold("issue", 0.0)
        return [self.issue.classes[int(p.argmax())] if p.max() >= floor else "general"
                for p in self.issue.proba(vectors)]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {}
        for task in TASKS:
            arrays.update(getattr(self, task).arrays(task))
        np.savez_compressed(folder / WEIGHTS, **arrays)
        (folder / META).write_text(json.dumps(self.meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> "Models":
        try:
            with np.load(folder / WEIGHTS) as arrays:
                parts = {task: SoftmaxClassifier.from_arrays(arrays, task) for task in TASKS}
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
        except (OSError, KeyError, ValueError) as exc:
            raise ConfigError(f"no usable models in {folder} ({exc}); run `detente train` or unset DETENTE_MODELS") from exc
        return cls(meta=meta, **parts)


def load_models(folder: str | None = None) -> Models | None:
    """The models in ``folder`` (default: the packaged ones); None when the
    folder is "none" (rules only) or nothing is packaged. Loaded once per
    :class:`~detente.pipeline.Pipeline`."""
    if folder is not None and folder.strip().lower() in ("", "none", "0", "off"):
        return None
    path = Path(folder) if folder else PACKAGED
    if folder is None and not (path / WEIGHTS).is_file():
        return None
    return Models.read(path)
