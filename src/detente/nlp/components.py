"""detente's spaCy components, added after the statistical NER."""

from __future__ import annotations

from spacy.language import Language

__all__ = ["add_components"]


def add_components(nlp: Language) -> None:
    """Add detente's components to a loaded pipeline (idempotent)."""
