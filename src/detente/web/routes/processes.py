"""A process page: where the parties stand now, whether the gap is closing, and what happened;
plus the full history of positions one click away. All server-side HTML and SVG."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from ... import query as q
from ...errors import UnknownName
from ...export import export
from ..charts import build_step_chart, build_timeline, chart_span, parse_day
from ..params import DateText, Format
from . import STANCES, as_typed, attachment, download, render

router = APIRouter(include_in_schema=False)

#: Events listed on the process page; the timeline page pages through the rest.
EVENTS_SHOWN = 200


def _summary(request: Request, name: str) -> q.ProcessSummary:
    store = request.app.state.store
    try:
        found = q.match_name(name, store.processes(), "process")
    except UnknownName as exc:
        raise HTTPException(404, str(exc)) from None
    summary = request.app.state.processes.find(store, found or name)
    if summary is None:
        raise HTTPException(404, f"no peace process named {name!r}")
    return summary


#: Days the gap charts show unless told otherwise: the last year of reporting.
DEFAULT_DAYS = 365


def _window(summary: q.ProcessSummary, since: str, until: str) -> tuple[str | None, str | None, dict[str, tuple]]:
    """The dates the gap charts span (within the reporting window unless asked otherwise), and the
    ranges offered as one-click links (label → from, to)."""
    first, last = parse_day(summary.first), parse_day(summary.last)
    if first is None or last is None:
        return since or summary.first, until or summary.last, {}

    def back(days: int) -> str:
        return max(first, last - timedelta(days=days)).isoformat()

    presets = {"last 3 months": (back(91), ""), "last 12 months": ("", ""), "whole reporting window": (summary.first, "")}
    if since or until:
        return since or summary.first, until or summary.last, presets
    return back(DEFAULT_DAYS), summary.last, presets


def _first_source_href(sources, evidence_url):
    for ref in sources:
        return evidence_url(ref.document_id, ref.start, ref.end)
    return None


@router.get("/processes/{name}")
def process_page(request: Request, name: str, since: Annotated[DateText, Query(alias="from")] = "",
                 until: Annotated[DateText, Query(alias="to")] = "", format: Format = "html"):
    store = request.app.state.store
    summary = _summary(request, name)
    if format != "html":
        return _export(store, summary.name, format)
    evidence_url = request.app.state.templates.globals["evidence_url"]
    first, last, presets = _window(summary, since, until)
    standings = q.standings(store, summary.name, on=until or None)
    series = q.gap(store, process=summary.name, since=first, until=last)  # trends over the window shown
    charts = [c for s in series if (c := build_step_chart(
        s.issue, s.points, s.parties, first, last, trend=s.trend, current=s.current,
        href=lambda p: _first_source_href(p.sources, evidence_url))) is not None]
    # up to the window's end, or beyond the last report for talks still to come
    events = q.page("timeline", store, process=summary.name, since=first, until=until or None, limit=EVENTS_SHOWN)
    return render(
        request, "process.html",
        process=summary, standings=standings, charts=charts, window=(first, last), presets=presets, since=since,
        until=until,
        events=events, timeline=build_timeline(events.items, lambda e: _first_source_href(e.sources, evidence_url),
                                               span=chart_span(first, last, events.items)),
        stances=STANCES,
    )


def _export(store, process: str, fmt: str):
    """Every fact of the process as CSV rows, or its reports' records as JSON (:func:`detente.export.export`)."""
    out = io.StringIO()
    export(store, fmt, out, process=process)
    return attachment(out.getvalue(), fmt, "process")


@router.get("/processes/{name}/positions")
def history_page(request: Request, name: str, party: str = "", issue: str = "", format: Format = "html"):
    """Every stance a process's parties stated, oldest first: the history behind each standings cell."""
    store = request.app.state.store
    summary = _summary(request, name)
    typed = as_typed(request, party=party, issue=issue)
    party, issue = typed["party"], typed["issue"]
    entries = q.positions(store, process=summary.name, party=party or None, issue=issue or None, limit=20000)
    if format != "html":
        return download(entries, format, "positions")
    matrix = q.position_matrix(store, summary.name)
    return render(request, "history.html", process=summary, entries=entries, party=party, issue=issue,
                  parties=matrix.parties, issues=matrix.issues, stances=STANCES)
