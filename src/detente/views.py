"""What the read side returns: typed, frozen views over the store (the CLI's ``--json``, the web API's
response models). Defined once here, filled by :mod:`detente.store.queries`, composed by
:mod:`detente.query`; no SQL.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .records import Document, Evidence, Position, Quote, Record

__all__ = [
    "SourceRef", "ProcessSummary", "ActorSummary", "RoleSpan", "ActorDetail", "TimelineEvent",
    "PositionEntry", "PositionMatrix", "GapPoint", "GapSeries", "QuoteEntry", "SearchHit", "DocumentView",
    "FactView", "StandingCell", "IssueStanding", "Standings",
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
    #: every report gives it as still to come (dated after its report by design)
    planned: bool = False
    #: history mentioned in passing: left out of the default timeline, its chart and "latest"
    background: bool = False


class PositionEntry(Position):
    """A stored position: the record's fields, its process and the report it came from."""

    evidence: Evidence | None = Field(default=None, exclude=True)  # given by ``source``
    process: str | None = None
    source: SourceRef


class QuoteEntry(Quote):
    """A stored quote, merged across reports: the record's fields, the party
    and issue it speaks to, and every report that carries it."""

    evidence: Evidence | None = Field(default=None, exclude=True)  # given by ``sources``
    cue: str | None = Field(default=None, exclude=True)  # not kept in the store
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
    trend: str | None = None  # narrowing / widening / steady / volatile


class StandingCell(_Result):
    """One party's stance in force on one issue (rule: :func:`detente.gap.in_force`), with what
    carries it: the latest statement that states it (``source``: report, outlet and evidence
    offsets, to link to the sentence) and every report behind it."""

    party: str
    issue: str
    stance: str | None = None  # None: the party said nothing on the issue
    claim: str | None = None
    date: str | None = None
    source: SourceRef | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    #: distinct outlets stating this stance in the recency window
    outlets: int = 0
    #: statements in the recency window that say otherwise
    dissent: int = 0


class IssueStanding(_Result):
    issue: str
    #: party → its stance in force (every party of the process, stated or not)
    cells: dict[str, StandingCell]
    gap: float | None = None  # between the process's two leading parties, now
    trend: str | None = None  # narrowing / widening / steady / volatile
    #: neither leading party has said anything on it: the UI may fold it away
    empty: bool = False


class Standings(_Result):
    """Where each party of a process stands on each issue, on a date (default: now)."""

    process: str
    parties: list[str]
    on: str | None = None
    issues: list[IssueStanding] = Field(default_factory=list)


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


class FactView(_Result):
    """One stored fact as a flat row (``detente export --format csv``): its report, its kind-specific
    values in their own columns, its evidence and the merged entity it belongs to."""

    document_id: str
    published: str | None = None
    source: str | None = None
    process: str | None = None
    kind: str
    date: str | None = None
    party: str | None = None
    issue: str | None = None
    stance: str | None = None
    quote_kind: str | None = None
    status: str | None = None
    polarity: str | None = None
    name: str | None = None
    text: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    evidence_text: str | None = None
    merged_id: int | None = None


ProcessSummary.model_rebuild()
