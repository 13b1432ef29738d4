"""What the read side returns: typed, frozen views over the store (the CLI's ``--json``, the web API's
response models). Defined once here, filled by :mod:`detente.store.queries`, composed by
:mod:`detente.query`; no SQL.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .records import Document, Evidence, Position, Quote, Record

__all__ = [
    "SourceRef", "ProcessSummary", "ActorSummary", "RoleSpan", "ActorDetail", "TimelineEvent",
    "PositionEntry", "PositionMatrix", "GapPoint", "GapSeries", "QuoteEntry", "SearchHit", "DocumentView",
    "FactView", "ReportSummary", "Page", "StandingCell", "IssueStanding", "Standings",
]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class SourceRef(_Result):
    """One report's evidence behind a (possibly merged) fact."""

    document_id: str
    fact_id: str | None = None  # the fact's stable id (detente.corrections)
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


class _Curated(BaseModel):
    """Markers of an analyst's work (``raw`` reads leave them False)."""

    corrected: bool = False  # a correction changed, added, merged or split it
    verified: bool = False  # an analyst checked it against its report


class ActorSummary(_Curated, _Result):
    id: str | None  # stable id (``e-…``)
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


class TimelineEvent(_Curated, _Result):
    id: str | None = None  # the merged entity's stable id, or an added fact's id
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


class PositionEntry(_Curated, Position):
    """A stored position: the record's fields, its process and the report it came from."""

    id: str | None = None  # stable fact id
    evidence: Evidence | None = Field(default=None, exclude=True)  # given by ``source``
    process: str | None = None
    source: SourceRef


class QuoteEntry(_Curated, Quote):
    """A stored quote, merged across reports: the record's fields, the party
    and issue it speaks to, and every report that carries it."""

    id: str | None = None  # the merged quote's stable id
    evidence: Evidence | None = Field(default=None, exclude=True)  # given by ``sources``
    cue: str | None = Field(default=None, exclude=True)  # not kept in the store
    party: str | None = None
    issue: str | None = None
    process: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    #: the merged actor's name (one spelling for every report), when the speaker was resolved
    speaker_name: str | None = None


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


class StandingCell(_Curated, _Result):
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


class FactView(_Curated, _Result):
    """One stored fact as a flat row (``detente export --format csv``): its report, its kind-specific
    values in their own columns, its evidence and the merged entity it belongs to."""

    id: str | None = None  # stable fact id
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
    merged_id: str | None = None  # the merged entity's stable id


class ReportSummary(_Result):
    """One stored report in the reports list: where and when, and how much was found in it."""

    document_id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    process: str | None = None
    n_facts: int = 0


ProcessSummary.model_rebuild()


T = TypeVar("T")


class Page(_Result, Generic[T]):
    """One page of a listing and how many results there are in all, so a reader is told when a
    list is cut ("showing 100 of 174") instead of taking the page for everything."""

    items: list[T]
    total: int
    offset: int = 0
    limit: int | None = None  # None: every result

    @property
    def cut(self) -> bool:
        """Whether results lie outside this page."""
        return self.offset > 0 or self.offset + len(self.items) < self.total

    def showing(self) -> str:
        """"showing 100 of 174", "showing 101–174 of 174", "nothing at offset 200 of 174"."""
        if not self.items:
            return f"nothing at offset {self.offset} of {self.total}"
        if not self.offset:
            return f"showing {len(self.items)} of {self.total}"
        return f"showing {self.offset + 1}–{self.offset + len(self.items)} of {self.total}"

    @property
    def first(self) -> int:
        """1-based position of the first item shown (0 when nothing is shown)."""
        return self.offset + 1 if self.items else 0

    @property
    def last(self) -> int:
        """1-based position of the last item shown."""
        return self.offset + len(self.items)
