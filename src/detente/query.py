"""Read API over the store: what the CLI query commands and the web dashboard show.

Every function takes an open :class:`detente.store.Store` and returns typed,
frozen views (:mod:`detente.views`, re-exported here); none prints. The SQL
lives in :mod:`detente.store.queries`; what is derived from its rows — the
gap between parties and its trend (:mod:`detente.gap`), the party × issue
matrix — is composed here.
"""

from __future__ import annotations

from collections import defaultdict

from . import gap as gapmod
from .store import Store
from .store import queries as _q
from .store.queries import SEARCH_WINDOW, get_actor, get_document, list_actors, positions, quotes, search, timeline
from .views import (
    ActorDetail, ActorSummary, DocumentView, GapPoint, GapSeries, PositionEntry, PositionMatrix, ProcessSummary,
    QuoteEntry, RoleSpan, SearchHit, SourceRef, TimelineEvent,
)

__all__ = [
    "SourceRef", "ProcessSummary", "ActorSummary", "RoleSpan", "ActorDetail", "TimelineEvent",
    "PositionEntry", "PositionMatrix", "GapPoint", "GapSeries", "QuoteEntry", "SearchHit",
    "DocumentView", "list_processes", "list_actors", "get_actor", "timeline", "positions",
    "position_matrix", "gap", "quotes", "search", "get_document", "SEARCH_WINDOW",
]


def list_processes(store: Store) -> list[ProcessSummary]:
    """Every peace process in the store, most recently reported first."""
    out = [summary.model_copy(update={"gap_trend": _process_trend(store, summary.name, summary.parties, version)})
           for summary, version in _q.process_overview(store)]
    return sorted(out, key=lambda p: (p.last or "", p.n_reports), reverse=True)


def _process_trend(store: Store, name: str, parties: list[str], version: tuple) -> str | None:
    """The overall gap trend of a process, cached on the store until its reports change."""
    cache = store.cache.setdefault("process_trend", {})
    key = (name, tuple(parties), version)
    if key not in cache:
        trends = []
        if len(parties) > 1:
            by_issue: dict[str, list[gapmod.Stated]] = defaultdict(list)
            for issue, party, stance, day in _q.stances(store, name, parties[:2]):
                by_issue[issue].append(gapmod.Stated(party, stance, day))
            trends = [gapmod.trend(gapmod.series(v, parties[:2])) for v in by_issue.values()]
        cache[key] = _overall([t for t in trends if t])
    return cache[key]


def _overall(trends: list[str]) -> str | None:
    if not trends:
        return None
    score = sum({"narrowing": -1, "widening": 1}.get(t, 0) for t in trends)
    return "narrowing" if score < 0 else "widening" if score > 0 else "steady"


def position_matrix(store: Store, process: str, *, raw: bool = False) -> PositionMatrix:
    """Party × issue → the chronological stances of one process (``raw``: as extracted, uncorrected)."""
    parties = list(store.processes().get(process, []))
    entries = positions(store, process=process, limit=5000, raw=raw)
    cells: dict[str, dict[str, list[PositionEntry]]] = defaultdict(lambda: defaultdict(list))
    for e in entries:
        cells[e.party][e.issue].append(e)
    parties += sorted(p for p in cells if p not in parties)
    issues = sorted({e.issue for e in entries})
    return PositionMatrix(process=process, parties=parties, issues=issues,
                          cells={p: dict(v) for p, v in cells.items()})


def _gap(store: Store, process: str, issue: str | None, parties: list[str], raw: bool = False) -> list[GapSeries]:
    if len(parties) < 2:
        return []
    by_issue: dict[str, list[gapmod.Stated]] = defaultdict(list)
    for e in positions(store, process=process, issue=issue, parties=parties[:2], limit=20000, raw=raw):  # oldest first
        by_issue[e.issue].append(gapmod.Stated(e.party, e.stance, e.date, e.source))
    out = []
    for iss in sorted(by_issue):
        points = gapmod.series(by_issue[iss], parties[:2])
        known = [p.gap for p in points if p.gap is not None]
        out.append(GapSeries(
            process=process, issue=iss, parties=parties[:2], current=known[-1] if known else None,
            trend=gapmod.trend(points),
            points=[GapPoint(date=p.date, gap=p.gap, stances=p.stances, sources=p.sources) for p in points],
        ))
    return out


def gap(store: Store, *, process: str | None = None, issue: str | None = None, raw: bool = False) -> list[GapSeries]:
    """The per-issue gap between a process's two parties over time (rules: :mod:`detente.gap`), from the
    positions as analysts corrected them (``raw``: as extracted)."""
    known = store.processes()
    names = [process] if process else list(known)
    return [g for name in names for g in _gap(store, name, issue, list(known.get(name, [])), raw)]
