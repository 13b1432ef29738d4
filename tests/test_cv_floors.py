"""CI floors on the held-out folds of the development set (cross-validated by
conflict): the scores detente keeps on reports from conflicts its learned
models were not trained on. Floors may only go up (tests/cv_floors.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.crossval import crossval
from detente.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "cv_floors.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def held_out():
    return crossval(ROOT / "devset", Settings(), rules=False).scores("held-out")


@pytest.mark.parametrize("figure", sorted(FLOORS["held_out"]))
def test_held_out_figure_above_floor(held_out, figure):
    value = held_out.figures()[figure]
    assert value >= FLOORS["held_out"][figure], f"{figure} = {value:.3f} on held-out folds, below {FLOORS['held_out'][figure]}"


def test_evidence_is_valid_on_every_report(held_out):
    assert held_out.evidence_valid == 1.0
