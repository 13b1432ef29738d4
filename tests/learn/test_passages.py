"""The relevance passage model (detente.learn.passages): candidates, sure verdicts, fitting and files."""

from __future__ import annotations

import numpy as np
import pytest

from detente.learn.passages import (ADD, DROP, PassageModel, candidates, document_verdicts, fit_passages, fold_of,
                                    load_passage_model, verdicts)
from detente.records import Document

TEXT = ("Tariffs on steel fall next week.\n"
        "Envoys resumed talks in Doha.\n"
        "The museum opens on Sunday.\n"
        "Troops withdrew from the border.")


def test_only_paragraphs_with_a_talks_peace_or_conflict_term_are_candidates():
    assert [TEXT[s:e] for s, e in candidates(TEXT)] == ["Envoys resumed talks in Doha.", "Troops withdrew from the border."]


@pytest.mark.parametrize("probs, expected", [
    ({0: 0.95, 10: 0.5, 20: 0.05}, {0: True, 20: False}),  # between the thresholds: the rules decide
    ({0: 0.7, 10: 0.2}, {0: True}),
    ({}, {}),
])
def test_verdicts_only_where_the_model_is_sure(probs, expected):
    assert verdicts(probs, add=0.7, drop=0.2) == expected


def _model(tmp_path=None):
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.normal(1, 0.3, (20, 4)), rng.normal(-1, 0.3, (20, 4))]).astype(np.float32)
    return fit_passages(x, [1] * 20 + [0] * 20, meta={"data": {"paragraphs": 40}})


def test_fits_and_round_trips(tmp_path):
    model = _model()
    p = model.proba(np.array([[1, 1, 1, 1], [-1, -1, -1, -1]], dtype=np.float32))
    assert p[0] > 0.9 > 0.1 > p[1]
    model.save(tmp_path)
    again = load_passage_model(str(tmp_path))
    assert np.allclose(again.proba(np.ones((1, 4), dtype=np.float32)), model.proba(np.ones((1, 4), dtype=np.float32)))
    assert (again.add, again.drop) == (model.add, model.drop)


@pytest.mark.parametrize("folder", ["none", "off", ""])
def test_switched_off(folder):
    assert load_passage_model(folder) is None


def test_document_verdicts_from_cached_probabilities():
    doc = Document(id="d", text=TEXT)
    out = document_verdicts([doc], _model(), probs={"d": {"33": 0.99, "63": 0.01}})
    assert out == {"d": {33: True, 63: False}}


def test_folds_are_stable():
    assert [fold_of(f"doc-{i}", 5) for i in range(6)] == [fold_of(f"doc-{i}", 5) for i in range(6)]
    assert len({fold_of(f"doc-{i}", 5) for i in range(50)}) == 5


def test_the_packaged_model_reads_peace_talks_as_peace():
    model = load_passage_model()
    if model is None:
        pytest.skip("no passage model packaged")
    from detente.embeddings import get_encoder

    p = model.proba(get_encoder().encode(["Russia and Ukraine agreed a ceasefire at peace talks in Istanbul.",
                                          "The tariff on imported steel rises to 25 percent."]))
    assert p[0] > ADD and p[1] < DROP  # sure either way at the thresholds that switch it on


def test_the_packaged_model_ships_switched_off():
    """Held-out it did not beat the rules (docs/resolve.md): ingest neither encodes nor asks it."""
    from detente.ingest import _passage_model
    from detente.settings import Settings

    model = load_passage_model()
    assert model is not None and not model.on
    assert _passage_model(Settings()) is None
    assert document_verdicts([]) is None
