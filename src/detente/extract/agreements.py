"""Agreements: FIRST CUT, to be written."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Agreement

__all__ = ["extract_agreements"]


def extract_agreements(doc: Doc, ctx) -> list[Agreement]:
    return []
