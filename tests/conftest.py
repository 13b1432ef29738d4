"""Shared fixtures: the loaded pipeline, the shared corpus and gold (read-only)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: ../shared beside the checkout (read-only); DETENTE_SHARED overrides.
SHARED = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"


@pytest.fixture(scope="session")
def nlp():
    from detente.nlp import load

    return load()


@pytest.fixture(scope="session")
def rules():
    """The extractors' rule data, as the pipeline loads it (for helpers tested without a Context)."""
    from detente.rules import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def annotate(nlp):
    """``annotate(text, published=None) -> (doc, ctx)`` for extractor tests."""
    from detente.extract import Context
    from detente.sources import make_document

    def run(text: str, published: str | None = "2026-02-05"):
        doc = nlp(text)
        return doc, Context.build(doc, make_document(text, published=published))

    return run


def load_corpus_doc(doc_id: str) -> dict:
    return json.loads((CORPUS / f"{doc_id}.json").read_text(encoding="utf-8"))


def needs_shared():
    return pytest.mark.skipif(not CORPUS.exists(), reason=f"shared corpus not found at {SHARED}")
