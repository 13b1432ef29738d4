"""The classifier: learns what it is shown, the same way every time."""

from __future__ import annotations

import numpy as np

from detente.learn.linear import SoftmaxClassifier


def _blobs(seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = {"accept": [3, 0], "reject": [-3, 0], "none": [0, 3]}
    x, y = [], []
    for label, centre in centres.items():
        x.append(rng.normal(centre, 0.5, size=(40, 2)))
        y += [label] * 40
    return np.vstack(x).astype(np.float32), y


def test_fits_separable_classes():
    x, y = _blobs()
    model = SoftmaxClassifier.fit(x, y)
    assert np.mean(np.array(model.predict(x)) == np.array(y)) > 0.95
    assert np.allclose(model.proba(x).sum(axis=1), 1.0, atol=1e-5)


def test_training_is_deterministic():
    x, y = _blobs()
    a, b = SoftmaxClassifier.fit(x, y), SoftmaxClassifier.fit(x, y)
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.bias, b.bias)


def test_round_trip_through_arrays():
    x, y = _blobs()
    model = SoftmaxClassifier.fit(x, y, classes=("none", "accept", "reject"))
    again = SoftmaxClassifier.from_arrays(model.arrays("stance"), "stance")
    assert again.classes == ("none", "accept", "reject")
    assert np.allclose(again.proba(x), model.proba(x))


def test_balanced_weights_lift_a_rare_class():
    x, y = _blobs()
    keep = [i for i, label in enumerate(y) if label != "reject" or i % 8 == 0]
    x, y = x[keep], [y[i] for i in keep]
    plain = SoftmaxClassifier.fit(x, y, balanced=False, l2=0.05)
    balanced = SoftmaxClassifier.fit(x, y, balanced=True, l2=0.05)
    rare = np.array([[-3.0, 0.0]], dtype=np.float32)
    j = plain.classes.index("reject")
    assert balanced.proba(rare)[0, j] > plain.proba(rare)[0, j]


def test_no_examples_gives_a_model_that_favours_no_class():
    """A fold with no facts of a kind must not stop the cross-validation."""
    model = SoftmaxClassifier.fit(np.zeros((0, 4), dtype=np.float32), [], classes=("agreed", "signed"))
    assert model.classes == ("agreed", "signed")
    assert np.allclose(model.proba(np.ones((1, 4), dtype=np.float32)), 0.5)
