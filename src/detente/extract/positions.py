"""Positions: FIRST CUT, to be written."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Position

__all__ = ["extract_positions"]


def extract_positions(doc: Doc, ctx) -> list[Position]:
    return []
