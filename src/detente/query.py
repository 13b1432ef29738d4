"""Read API over the store: what the CLI query commands and the web dashboard show.

Every function takes an open :class:`detente.store.Store` and returns typed,
frozen views (:mod:`detente.views`, re-exported here); none prints. The SQL
lives in :mod:`detente.store.queries`; what is derived from its rows — the
gap between parties and its trend (:mod:`detente.gap`), the party × issue
matrix — is composed here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from . import gap as gapmod
from .merge import fold
from .resources import read_json
from .store import Store
from .store import queries as _q
from .store.queries import REPORT_SORTS, SEARCH_WINDOW, get_actor, get_document, search
from .views import (
    ActorDetail, ActorSummary, DocumentView, GapPoint, GapSeries, IssueStanding, Page, PositionEntry,
    PositionMatrix, ProcessSummary, QuoteEntry, ReportSummary, RoleSpan, SearchHit, SourceRef, StandingCell,
    Standings, TimelineEvent,
)

__all__ = [
    "SourceRef", "ProcessSummary", "ActorSummary", "RoleSpan", "ActorDetail", "TimelineEvent",
    "PositionEntry", "PositionMatrix", "GapPoint", "GapSeries", "QuoteEntry", "SearchHit",
    "DocumentView", "ReportSummary", "Page", "StandingCell", "IssueStanding", "Standings", "list_processes",
    "list_actors", "actors_page", "get_actor", "timeline", "timeline_page", "positions", "position_matrix", "gap",
    "standings", "quotes", "quotes_page", "reports", "REPORT_SORTS", "filter_values", "search", "get_document",
    "SEARCH_WINDOW", "name_key", "match_name", "find_process",
]


# -- names as people type them ---------------------------------------------------------

def name_key(text: str | None) -> str:
    """What two spellings of a name must share to be the same filter value: case, accents and
    punctuation folded, so ``russia-ukraine``, ``Russia–Ukraine`` and ``Russia — Ukraine`` meet."""
    return fold(text)


def match_name(value: str | None, known: Iterable[str]) -> str | None:
    """The known name ``value`` denotes (see :func:`name_key`); None when none does."""
    key = name_key(value)
    if not key:
        return None
    return next((name for name in known if name_key(name) == key), None)


def find_process(store: Store, name: str | None) -> str | None:
    """The stored process ``name`` denotes, whatever its case and dashes; None when none does."""
    return match_name(name, store.processes())


def _as_stored(value: str | None, known: Iterable[str]) -> str | None:
    """A filter value as the store spells it; an unknown value is kept (it then matches nothing)."""
    if not value:
        return None
    return match_name(value, known) or value


def _process(store: Store, name: str | None) -> str | None:
    return _as_stored(name, store.processes())


def filter_values(store: Store) -> dict[str, list[str]]:
    """What list filters can offer: processes, parties, issues and outlets in the store."""
    return {"process": sorted(store.processes()), **_q.distinct_values(store)}


# -- lists, each also as a page with its true total ------------------------------------

def actors_page(store: Store, *, process: str | None = None, kind: str | None = None, limit: int = 200,
                offset: int = 0, raw: bool = False) -> Page[ActorSummary]:
    """Merged actors, most reported first: one page of them and how many there are.

    Every list here applies the analysts' corrections (:mod:`detente.curate`) and marks what they
    changed; ``raw=True`` gives the extraction as it is."""
    return _q.actors_page(store, process=_process(store, process), kind=kind, limit=limit, offset=offset, raw=raw)


def list_actors(store: Store, *, process: str | None = None, kind: str | None = None, limit: int = 200,
                raw: bool = False) -> list[ActorSummary]:
    """Merged actors (one per person, whatever the spelling), most reported first."""
    return actors_page(store, process=process, kind=kind, limit=limit, raw=raw).items


def timeline_page(store: Store, *, process: str | None = None, since: str | None = None, until: str | None = None,
                  limit: int = 500, offset: int = 0, document_id: str | None = None,
                  background: bool = False, raw: bool = False) -> Page[TimelineEvent]:
    """Meetings, agreements, incidents and statements, oldest first: the latest ``limit`` (after
    skipping ``offset``) and how many the range holds; ``document_id`` keeps those one report supports;
    history mentioned in passing only with ``background``."""
    return _q.timeline_page(store, process=_process(store, process), since=since, until=until, limit=limit,
                            offset=offset, document_id=document_id, background=background, raw=raw)


def timeline(store: Store, *, process: str | None = None, since: str | None = None, until: str | None = None,
             limit: int = 500, background: bool = False, raw: bool = False) -> list[TimelineEvent]:
    """Merged meetings, agreements, incidents and widely reported statements, oldest first (the latest
    ``limit``); history mentioned in passing only with ``background``."""
    return timeline_page(store, process=process, since=since, until=until, limit=limit, background=background,
                         raw=raw).items


def positions(store: Store, *, process: str | None = None, party: str | None = None, issue: str | None = None,
              parties: list[str] | None = None, limit: int = 1000, raw: bool = False) -> list[PositionEntry]:
    """Stances with dates and evidence, oldest first (the latest ``limit``)."""
    values = _q.distinct_values(store) if party or issue else {}
    return _q.positions(store, process=_process(store, process), party=_as_stored(party, values.get("party", [])),
                        issue=_as_stored(issue, values.get("issue", [])), parties=parties, limit=limit, raw=raw)


def quotes_page(store: Store, *, speaker: str | None = None, party: str | None = None, issue: str | None = None,
                since: str | None = None, until: str | None = None, text: str | None = None, limit: int = 200,
                offset: int = 0, speaker_id: int | None = None, process: str | None = None,
                raw: bool = False) -> Page[QuoteEntry]:
    """Quotes merged across reports, newest first: one page and how many match."""
    values = _q.distinct_values(store) if party or issue else {}
    return _q.quotes_page(store, speaker=speaker, party=_as_stored(party, values.get("party", [])),
                          issue=_as_stored(issue, values.get("issue", [])), since=since, until=until, text=text,
                          limit=limit, offset=offset, speaker_id=speaker_id, process=_process(store, process), raw=raw)


def quotes(store: Store, *, speaker: str | None = None, party: str | None = None, issue: str | None = None,
           since: str | None = None, until: str | None = None, text: str | None = None, limit: int = 200,
           speaker_id: int | None = None, process: str | None = None, raw: bool = False) -> list[QuoteEntry]:
    """Deduplicated quotes, newest first, each with every report that carries it."""
    return quotes_page(store, speaker=speaker, party=party, issue=issue, since=since, until=until, text=text,
                       limit=limit, speaker_id=speaker_id, process=process, raw=raw).items


def reports(store: Store, *, process: str | None = None, source: str | None = None, since: str | None = None,
            until: str | None = None, sort: str = "published", descending: bool = True, limit: int = 50,
            offset: int = 0) -> Page[ReportSummary]:
    """Stored reports (outlet, date, process, number of facts), filtered and sorted (:data:`REPORT_SORTS`)."""
    outlets = _q.distinct_values(store)["source"] if source else []
    return _q.reports_page(store, process=_process(store, process), source=_as_stored(source, outlets),
                           since=since, until=until, sort=sort, descending=descending, limit=limit, offset=offset)


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
            by_issue = _statements(store, name, parties[:2], parties[:2])
            trends = [gapmod.trend(gapmod.series(v, parties[:2])) for v in by_issue.values()]
        cache[key] = gapmod.overall(trends)
    return cache[key]


def _statements(store: Store, process: str, lead: list[str], parties: list[str] | None = None,
                on: str | None = None, *, raw: bool = False, marks: dict | None = None) -> dict[str, list[gapmod.Stated]]:
    """Issue → the stances stated in a process (by ``parties``; None: anyone) up to ``on``, oldest
    first, with the two leading parties' statements on the same proposal paired across issues
    (:func:`detente.gap.paired`; claim vectors where ingest stored them, else words). As analysts
    corrected them unless ``raw``; ``marks`` collects each fact's (corrected, verified)."""
    vectors = _q.claim_vectors(store, process)
    by_issue: dict[str, list[gapmod.Stated]] = defaultdict(list)
    for e in positions(store, process=process, parties=parties, limit=20000, raw=raw):
        if marks is not None:
            marks[e.id] = (e.corrected, e.verified)
        if on is None or (e.date or "") <= on + "\uffff":
            vec = vectors.get((e.source.document_id, e.source.start))
            by_issue[e.issue].append(gapmod.Stated(
                e.party, e.stance, e.date, e.source, outlet=e.source.source, report=e.source.document_id,
                claim=e.claim or e.source.text, vector=tuple(vec) if vec else None))
    return gapmod.paired(by_issue, lead)


def position_matrix(store: Store, process: str, *, raw: bool = False) -> PositionMatrix:
    """Party × issue → the chronological stances of one process (``raw``: as extracted, uncorrected)."""
    process = _process(store, process)
    parties = list(store.processes().get(process, []))
    entries = positions(store, process=process, limit=5000, raw=raw)
    cells: dict[str, dict[str, list[PositionEntry]]] = defaultdict(lambda: defaultdict(list))
    for e in entries:
        cells[e.party][e.issue].append(e)
    parties += sorted(p for p in cells if p not in parties)
    issues = sorted({e.issue for e in entries})
    return PositionMatrix(process=process, parties=parties, issues=issues,
                          cells={p: dict(v) for p, v in cells.items()})


def _gap(store: Store, process: str, issue: str | None, parties: list[str], since: str | None,
         until: str | None, raw: bool = False) -> list[GapSeries]:
    if len(parties) < 2:
        return []
    by_issue = _statements(store, process, parties[:2], parties[:2], until, raw=raw)
    out = []
    for iss in sorted(i for i in by_issue if issue is None or i == issue):
        points = gapmod.within(gapmod.series(by_issue[iss], parties[:2]), since, until)
        if not points:
            continue
        known = [p.gap for p in points if p.gap is not None]
        out.append(GapSeries(
            process=process, issue=iss, parties=parties[:2], current=known[-1] if known else None,
            trend=gapmod.trend(points),
            points=[GapPoint(date=p.date, gap=p.gap, stances=p.stances, sources=p.sources) for p in points],
        ))
    return out


def gap(store: Store, *, process: str | None = None, issue: str | None = None, since: str | None = None,
        until: str | None = None, raw: bool = False) -> list[GapSeries]:
    """The per-issue gap between a process's two parties over time, and its trend over the window
    ``since`` … ``until`` (default: all of it; the first point is the gap in force at ``since``), from the
    positions as analysts corrected them (``raw``: as extracted). Rules: :mod:`detente.gap`."""
    known = store.processes()
    process = _process(store, process)
    names = [process] if process else list(known)
    return [g for name in names for g in _gap(store, name, issue, list(known.get(name, [])), since, until, raw)]


@lru_cache(maxsize=1)
def _taxonomy_order() -> tuple[str, ...]:
    """The default issue ids in taxonomy order (a JSON read: no NLP at query time)."""
    return tuple(i["id"] for i in read_json("issues.json")["issues"])


def _cell(party: str, issue: str, verdict: gapmod.Verdict | None, marks: dict | None = None) -> StandingCell:
    if verdict is None:
        return StandingCell(party=party, issue=issue)
    shown = verdict.latest
    corrected, verified = (marks or {}).get(shown.source.fact_id, (False, False))
    return StandingCell(party=party, issue=issue, stance=verdict.stance, claim=shown.claim or shown.source.text,
                        date=shown.date, source=shown.source, sources=[s.source for s in verdict.support],
                        outlets=verdict.outlets, dissent=verdict.dissent, corrected=corrected, verified=verified)


def standings(store: Store, process: str, *, on: str | None = None, raw: bool = False) -> Standings:
    """Each party's stance in force on each issue of ``process`` on ``on`` (default: now), with the gap
    between the two leading parties and its trend per issue (rules: :mod:`detente.gap`).

    Every issue of the taxonomy is listed; those where neither leading party said anything are
    ``empty``.
    """
    parties = list(store.processes().get(process, []))
    marks: dict = {}
    by_issue = _statements(store, process, parties[:2], None, on, raw=raw, marks=marks)
    order = _taxonomy_order()
    issues = sorted(set(order) | set(by_issue), key=lambda i: (order.index(i) if i in order else len(order), i))
    lead = parties[:2]
    out = []
    for iss in issues:
        stated = by_issue.get(iss, [])
        verdicts = {p: gapmod.in_force(stated, p) for p in parties}
        cells = {p: _cell(p, iss, v, marks) for p, v in verdicts.items()}
        stances = [verdicts[p].stance if verdicts.get(p) else None for p in lead]
        known = len(lead) == 2
        out.append(IssueStanding(
            issue=iss, cells=cells, gap=gapmod.gap_of(*stances) if known else None,
            trend=gapmod.trend(gapmod.series(stated, lead)) if known else None,
            empty=not any(stances),
        ))
    return Standings(process=process, parties=parties, on=on, issues=out)
