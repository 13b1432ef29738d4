"""Quotes: FIRST CUT, to be written."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Quote

__all__ = ["extract_quotes"]


def extract_quotes(doc: Doc, ctx) -> list[Quote]:
    return []
