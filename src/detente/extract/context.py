"""What every extractor may read besides the ``Doc``: the report's date, the
actor index, the resolved date mentions, (after the quote pass) the quotes,
and the loaded :class:`~detente.pipeline.Pipeline` (vocabularies, taxonomy,
encoder, settings).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..records import DateMention, Document, Quote
from ..settings import Settings
from .actors import ActorIndex, build_actor_index
from .dates import extract_dates, parse_published

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..rules import Rules

__all__ = ["Context"]


@dataclass(frozen=True)
class Context:
    document: Document
    published: date | None
    actors: ActorIndex
    dates: list[DateMention]
    #: what was loaded once: vocabularies, rules, taxonomy, models (``ctx.rules`` is its rule data)
    pipeline: Pipeline
    quotes: list[Quote] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def build(cls, doc: Doc, document: Document, settings: Settings | None = None, *,
              pipeline: Pipeline | None = None) -> "Context":
        """The context of ``doc``; without ``pipeline``, the process's one for ``settings``
        (:func:`detente.pipeline.shared`; tests and notebooks)."""
        if pipeline is None:
            from ..pipeline import shared

            pipeline = shared(settings)
        published = parse_published(document.published)
        return cls(
            pipeline=pipeline,
            settings=pipeline.settings,
            document=document,
            published=published,
            actors=build_actor_index(doc, document, rules=pipeline.rules),
            dates=extract_dates(doc, published, pipeline.rules.dates),
        )

    @property
    def rules(self) -> Rules:
        """The extractors' rule data (word lists, patterns), loaded once with the pipeline."""
        return self.pipeline.rules

    def with_quotes(self, quotes: list[Quote]) -> "Context":
        return replace(self, quotes=quotes)

    def date_in(self, start: int, end: int) -> str | None:
        """Value of the first resolved, full date mentioned in ``[start, end)``
        (a fact's sentence), or None."""
        for mention in self.dates:
            ev = mention.evidence
            if ev and mention.value and start <= ev.start and ev.end <= end:
                return mention.value
        return None
