"""Model thresholds set without editing code: DETENTE_MODEL_THRESHOLDS, written by train.fit."""

from __future__ import annotations

import numpy as np
import pytest

from detente.errors import ConfigError
from detente.learn.examples import Sentence
from detente.learn.train import THRESHOLDS, Features, fit, thresholds
from detente.settings import Settings


@pytest.mark.parametrize("raw, expected", [
    ("", {}),
    ("stance=0.5", {"stance": 0.5}),
    ("stance=0.5, issue=1.01", {"stance": 0.5, "issue": 1.01}),
])
def test_thresholds_from_the_environment(raw, expected):
    assert Settings.from_env({"DETENTE_MODEL_THRESHOLDS": raw}).thresholds() == expected


@pytest.mark.parametrize("raw", ["stance", "stance=high", "=0.5x"])
def test_a_bad_threshold_names_the_variable(raw):
    with pytest.raises(ConfigError, match="DETENTE_MODEL_THRESHOLDS"):
        Settings.from_env({"DETENTE_MODEL_THRESHOLDS": raw})


def test_an_unknown_model_is_refused():
    with pytest.raises(ConfigError, match="no model called 'stanse'"):
        thresholds({"stanse": 0.5})


def _features() -> Features:
    sents = [Sentence("a", 0, 5, "Talks", positions=(("X", "general", "propose", None),), status="agreed",
                      polarity="positive"),
             Sentence("a", 6, 9, "No.")]
    x = np.eye(2, 4, dtype=np.float32)
    return Features(sents, x, [("a", "propose"), ("a", "none")], np.eye(2, 6, dtype=np.float32))


@pytest.mark.parametrize("given", [None, {}, {"stance": 0.5}, {"stance": 0.6, "assessment": 0.7}])
def test_fit_writes_the_thresholds_over_the_shipped_ones(given):
    meta = fit(_features(), threshold=given).meta["thresholds"]
    assert meta == {**THRESHOLDS, **(given or {})}
