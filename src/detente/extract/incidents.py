"""Incidents: FIRST CUT, to be written."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Incident

__all__ = ["extract_incidents"]


def extract_incidents(doc: Doc, ctx) -> list[Incident]:
    return []
