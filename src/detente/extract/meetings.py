"""Meetings: FIRST CUT, to be written."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Meeting

__all__ = ["extract_meetings"]


def extract_meetings(doc: Doc, ctx) -> list[Meeting]:
    return []
