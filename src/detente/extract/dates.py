"""Dates: every explicit and relative date, normalized against ``published``.

FIRST CUT: only the parser for ``published``; the extractor is to come.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ..records import DateMention

__all__ = ["extract_dates", "parse_published"]


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_dates(doc: Doc, published: date | None) -> list[DateMention]:
    return []
