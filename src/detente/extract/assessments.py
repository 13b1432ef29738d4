"""Assessments: FIRST CUT, to be written."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Assessment

__all__ = ["extract_assessments"]


def extract_assessments(doc: Doc, ctx) -> list[Assessment]:
    return []
