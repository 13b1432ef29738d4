"""Extractors: one module per kind of fact, each a pure function
``(doc: Doc, ctx: Context) -> list[Fact]``; :func:`extract_record` runs them in order.
Their rule data (word lists, patterns) is ``ctx.rules``, loaded once with the pipeline
(:mod:`detente.rules`); no extractor loads a file or keeps a cache of one
(``tests/test_boundaries.py``).

Actors and dates come first because the others need them: quotes resolve
speakers through the actor index, positions and agreements take their dates
from the date mentions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..records import Document, Record
from ..settings import Settings
from .actors import ActorIndex, build_actor_index, extract_actors
from .agreements import extract_agreements
from .assessments import extract_assessments
from .context import Context
from .dates import extract_dates
from .incidents import extract_incidents
from .meetings import extract_meetings
from .positions import extract_positions
from .quotes import extract_quotes

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = [
    "Context",
    "ActorIndex",
    "build_actor_index",
    "extract_record",
    "extract_actors",
    "extract_quotes",
    "extract_dates",
    "extract_meetings",
    "extract_positions",
    "extract_agreements",
    "extract_incidents",
    "extract_assessments",
]


def extract_record(doc: Doc, document: Document, settings: Settings | None = None, *,
                   pipeline: Pipeline | None = None) -> Record:
    """Every fact the annotated ``doc`` of ``document`` gives, as a :class:`Record`."""
    ctx = Context.build(doc, document, settings, pipeline=pipeline)
    quotes = extract_quotes(doc, ctx)
    ctx = ctx.with_quotes(quotes)
    return Record(
        document=document.info(),
        actors=extract_actors(doc, ctx),
        quotes=quotes,
        meetings=extract_meetings(doc, ctx),
        positions=extract_positions(doc, ctx),
        agreements=extract_agreements(doc, ctx),
        incidents=extract_incidents(doc, ctx),
        assessments=extract_assessments(doc, ctx),
        dates=ctx.dates,
    )
