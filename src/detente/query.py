"""Read API over the store: what the CLI query commands and the web dashboard show.

Every function takes an open :class:`detente.store.Store` and returns typed,
frozen results defined here; none prints. Lists are bounded by ``limit`` so a
store of 100k reports still answers in well under a second.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .records import Document, Record

__all__ = [
    "SourceRef", "ProcessSummary", "ActorSummary", "RoleSpan", "ActorDetail", "TimelineEvent",
    "PositionEntry", "PositionMatrix", "GapPoint", "GapSeries", "QuoteEntry", "SearchHit",
    "DocumentView", "list_processes", "list_actors", "get_actor", "timeline", "positions",
    "position_matrix", "gap", "quotes", "search", "get_document",
]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class SourceRef(_Result):
    """One report's evidence behind a (possibly merged) fact."""

    document_id: str
    start: int | None = None
    end: int | None = None
    text: str | None = None
    source: str | None = None
    published: str | None = None


class ProcessSummary(_Result):
    name: str
    parties: list[str]
    n_reports: int
    first: str | None = None
    last: str | None = None
    latest_meeting: "TimelineEvent | None" = None
    latest_agreement: "TimelineEvent | None" = None
    gap_trend: str | None = None  # narrowing / widening / steady / None (unknown)


class ActorSummary(_Result):
    id: int
    name: str
    kind: str
    affiliation: str | None = None
    spellings: list[str] = Field(default_factory=list)
    n_reports: int = 0


class RoleSpan(_Result):
    """A role the actor was given, and the dates of the reports that give it."""

    role: str
    first: str | None = None
    last: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class TimelineEvent(_Result):
    date: str | None
    kind: str  # meeting / agreement / incident / statement
    title: str
    detail: str | None = None
    process: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class PositionEntry(_Result):
    party: str
    issue: str
    stance: str
    date: str | None = None
    actor: str | None = None
    claim: str | None = None
    process: str | None = None
    source: SourceRef


class QuoteEntry(_Result):
    speaker: str | None
    text: str
    kind: str
    date: str | None = None
    party: str | None = None
    issue: str | None = None
    process: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class ActorDetail(_Result):
    actor: ActorSummary
    roles: list[RoleSpan] = Field(default_factory=list)
    quotes: list[QuoteEntry] = Field(default_factory=list)
    positions: list[PositionEntry] = Field(default_factory=list)


class PositionMatrix(_Result):
    process: str
    parties: list[str]
    issues: list[str]
    #: party → issue → entries, oldest first
    cells: dict[str, dict[str, list[PositionEntry]]]


class GapPoint(_Result):
    date: str | None
    gap: float | None  # 0 closed … 1 open; None while a side has no stance
    stances: dict[str, str]  # party → stance in force at that date
    sources: list[SourceRef] = Field(default_factory=list)


class GapSeries(_Result):
    process: str
    issue: str
    parties: list[str]
    points: list[GapPoint]
    current: float | None = None
    trend: str | None = None  # narrowing / widening / steady


class SearchHit(_Result):
    document_id: str
    title: str | None
    snippet: str
    published: str | None = None
    source: str | None = None


class DocumentView(_Result):
    document: Document
    record: Record
    process: str | None = None
    content_hash: str | None = None


def list_processes(store) -> list[ProcessSummary]:
    """Every peace process in the store, most recently reported first."""
    raise NotImplementedError


def list_actors(store, *, process: str | None = None, kind: str | None = None, limit: int = 200) -> list[ActorSummary]:
    """Merged actors (one per person, whatever the spelling), most reported first."""
    raise NotImplementedError


def get_actor(store, name: str) -> ActorDetail | None:
    """One actor by any spelling of the name: roles over time, quotes, positions."""
    raise NotImplementedError


def timeline(store, *, process: str | None = None, since: str | None = None, until: str | None = None, limit: int = 500) -> list[TimelineEvent]:
    """Merged meetings, agreements, incidents and statements, oldest first (the latest ``limit``)."""
    raise NotImplementedError


def positions(store, *, process: str | None = None, party: str | None = None, issue: str | None = None, limit: int = 1000) -> list[PositionEntry]:
    """Stances with dates and evidence, oldest first (the latest ``limit``)."""
    raise NotImplementedError


def position_matrix(store, process: str) -> PositionMatrix:
    """Party × issue → the chronological stances of one process."""
    raise NotImplementedError


def gap(store, *, process: str | None = None, issue: str | None = None) -> list[GapSeries]:
    """The per-issue gap between the parties over time (see :mod:`detente.gap`)."""
    raise NotImplementedError


def quotes(store, *, speaker: str | None = None, party: str | None = None, issue: str | None = None, since: str | None = None, until: str | None = None, text: str | None = None, limit: int = 200) -> list[QuoteEntry]:
    """Deduplicated quotes, newest first, each with every report that carries it."""
    raise NotImplementedError


def search(store, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Full-text search over reports (FTS5 on SQLite, tsvector on PostgreSQL), newest first."""
    raise NotImplementedError


def get_document(store, document_id: str) -> DocumentView | None:
    """A stored report with its record, as extracted."""
    raise NotImplementedError
