"""Read API over the store: what the CLI query commands and the web dashboard show.

Every function takes an open :class:`detente.store.Store` and returns typed,
frozen views (:mod:`detente.views`, re-exported here); none prints. The SQL
lives in :mod:`detente.store.queries`; what is derived from its rows — the
gap between parties and its trend (:mod:`detente.gap`), the party × issue
matrix — is composed here.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import get_args

from . import gap as gapmod
from .errors import UnknownName
from .records import ActorKind
from .resources import read_json
from .resolve.vocab import vocabulary
from .store import Store
from .store import queries as _q
from .store.queries import (
    REPORT_SORTS, SEARCH_WINDOW, get_actor, get_document, list_actors, positions, quotes, reports, search, timeline,
)
from .views import (
    ActorDetail, ActorSummary, DocumentView, GapPoint, GapSeries, IssueStanding, Page, PositionEntry,
    PositionMatrix, ProcessSummary, QuoteEntry, ReportSummary, RoleSpan, SearchHit, SourceRef, StandingCell,
    Standings, TimelineEvent,
)

__all__ = [
    "SourceRef", "ProcessSummary", "ActorSummary", "RoleSpan", "ActorDetail", "TimelineEvent",
    "PositionEntry", "PositionMatrix", "GapPoint", "GapSeries", "QuoteEntry", "SearchHit",
    "DocumentView", "ReportSummary", "Page", "StandingCell", "IssueStanding", "Standings", "list_processes",
    "list_actors", "get_actor", "timeline", "positions", "position_matrix", "gap", "standings", "quotes", "reports",
    "REPORT_SORTS", "search", "get_document", "SEARCH_WINDOW", "fold_name", "match_name", "check_filters",
    "same_process", "filter_values", "page", "LISTINGS",
]

#: Dashes readers type or paste for the en dash of "Russia–Ukraine" (and the minus sign).
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))


def fold_name(name: str) -> str:
    """A name as filters compare it: case, dash type and the spaces around dashes ignored.

    >>> fold_name("Russia – Ukraine") == fold_name("russia-ukraine")
    True
    """
    return "-".join(" ".join(part.split()) for part in name.translate(_DASHES).casefold().split("-"))


def match_name(given: str | None, known: Iterable[str], what: str = "name") -> str | None:
    """The name in ``known`` that ``given`` means, ignoring case and dash type (None: no filter given).

    Raises :class:`~detente.errors.UnknownName` (a ConfigError) listing the
    known names, closest first, when none matches.

    >>> match_name("Russia-Ukraine", ["Israel–Hamas", "Russia–Ukraine"], "process")
    'Russia–Ukraine'
    """
    if given is None or not given.strip():
        return None
    names = list(dict.fromkeys(known))
    if given in names:
        return given
    by_fold = {}
    for name in names:
        by_fold.setdefault(fold_name(name), name)
    key = fold_name(given)
    if key in by_fold:
        return by_fold[key]
    close = [by_fold[k] for k in difflib.get_close_matches(key, list(by_fold), n=5, cutoff=0.5)]
    raise UnknownName(what, given, close + sorted(n for n in names if n not in close))


#: Filters whose value must name something the store holds: filter → (what it is called, the names).
_NAMED = {
    "process": ("process", lambda store, raw: store.processes()),
    "party": ("party", lambda store, raw: _q.filter_names(store, "party", raw=raw)),
    "issue": ("issue", lambda store, raw: _q.filter_names(store, "issue", raw=raw)),
    "kind": ("actor kind", lambda store, raw: get_args(ActorKind)),
    "source": ("outlet", lambda store, raw: _q.filter_names(store, "source")),
}


def filter_values(store: Store, *, raw: bool = False) -> dict[str, list[str]]:
    """What list filters can offer (the dashboard's drop-downs): processes, parties, issues (as analysts
    corrected them unless ``raw``), outlets."""
    return {"process": sorted(store.processes()),
            **{column: _q.filter_names(store, column, raw=raw) for column in ("party", "issue", "source")}}


def check_filters(store: Store, **filters) -> dict:
    """``filters`` with each process, party, issue, actor kind and outlet replaced by the stored name it means;
    an unknown one raises :class:`~detente.errors.UnknownName`. Other filters pass through. Parties and
    issues are known as the listing shows them: with analysts' corrections, or as extracted given ``raw``."""
    out = dict(filters)
    raw = bool(filters.get("raw"))
    for key, value in filters.items():
        if key in _NAMED and value:
            what, names = _NAMED[key]
            out[key] = match_name(value, names(store, raw), what)
    return out


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


def _allies(lead: Sequence[str]) -> dict[str, str]:
    """Actors that stand for a leading party in the gap: its alliance members and aliases
    (``data/resolve.json``: Rwanda and Alliance Fleuve Congo for M23, SAF for Sudan)."""
    vocab = vocabulary()
    return {name: vocab.side(name) for name in (*vocab.side_of, *vocab.aliases)
            if vocab.side(name) in lead and name not in lead}


def _statements(store: Store, process: str, lead: list[str], parties: list[str] | None = None,
                on: str | None = None, *, raw: bool = False, marks: dict | None = None) -> dict[str, list[gapmod.Stated]]:
    """Issue → the stances stated in a process (by ``parties``; None: anyone) up to ``on``, oldest
    first, with the two leading parties' statements on the same proposal paired across issues
    (:func:`detente.gap.paired`; claim vectors where ingest stored them, else words); an ally of a
    leading party (:func:`_allies`) speaks for its side. As analysts corrected them unless ``raw``;
    ``marks`` collects each fact's (corrected, verified)."""
    vectors = _q.claim_vectors(store, process)
    allies = _allies(lead)
    if parties is not None:
        parties = [*parties, *allies]
    by_issue: dict[str, list[gapmod.Stated]] = defaultdict(list)
    for e in positions(store, process=process, parties=parties, limit=20000, raw=raw):
        if marks is not None:
            marks[e.id] = (e.corrected, e.verified)
        if on is None or (e.date or "") <= on + "\uffff":
            vec = vectors.get((e.source.document_id, e.source.start))
            by_issue[e.issue].append(gapmod.Stated(
                allies.get(e.party, e.party), e.stance, e.date, e.source, outlet=e.source.source,
                report=e.source.document_id,
                claim=e.claim or e.source.text, vector=tuple(vec) if vec else None))
    return gapmod.paired(by_issue, lead)


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


def same_process(store: Store, name: str) -> str:
    """The stored process that ``name`` means (ignoring case and dash type), else ``name`` as a new one:
    ``--process Russia-Ukraine`` joins "Russia–Ukraine" instead of starting a look-alike."""
    try:
        return match_name(name, store.processes(), "process") or name
    except UnknownName:
        return name


def _processes(store: Store, *, limit: int | None = None, offset: int = 0) -> list[ProcessSummary]:
    return list_processes(store)[offset: None if limit is None else offset + limit]


#: Listings :func:`page` can cut: name → (the list function, the function counting all its results).
LISTINGS = {
    "timeline": (timeline, _q.timeline_total),
    "quotes": (quotes, _q.quotes_total),
    "actors": (list_actors, _q.actors_total),
    "positions": (positions, _q.positions_total),
    "search": (search, _q.search_total),
    "reports": (reports, _q.reports_total),
    "processes": (_processes, lambda store: len(_q.process_overview(store))),
}


def page(listing: str, store: Store, *, limit: int | None = 100, offset: int = 0, **filters) -> Page:
    """One page of a listing (see :data:`LISTINGS`) with the true number of results.

    Process, party, issue and kind filters are matched as :func:`match_name`
    does; ``limit=None`` gives every result.

    >>> page("timeline", store, process="russia-ukraine", limit=100).showing()  # doctest: +SKIP
    'showing 100 of 174'
    """
    filters = check_filters(store, **filters)
    items, total = LISTINGS[listing]
    return Page(items=items(store, limit=limit, offset=offset, **filters), total=total(store, **filters),
                offset=offset, limit=limit)
