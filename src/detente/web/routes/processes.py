"""A process page: timeline, position matrix and gap chart, all server-side SVG/HTML."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from ... import query as q
from ..charts import build_gap_chart, build_timeline, chart_span
from . import STANCES, render

router = APIRouter(include_in_schema=False)


def _first_source_href(event, evidence_url):
    for ref in event.sources:
        return evidence_url(ref.document_id, ref.start, ref.end)
    return None


@router.get("/processes/{name}")
def process_page(request: Request, name: str):
    store = request.app.state.store
    summary = request.app.state.processes.find(store, name)
    if summary is None:
        raise HTTPException(404, f"no peace process named {name!r}")
    evidence_url = request.app.state.templates.globals["evidence_url"]
    events = q.timeline(store, process=name)
    series = q.gap(store, process=name)
    chart_series = [_GapLine(s.issue, s.trend, [(p.date, p.gap) for p in s.points]) for s in series]
    span = chart_span(summary.first, summary.last, events)
    return render(
        request, "process.html",
        process=summary,
        events=events,
        timeline=build_timeline(events, lambda e: _first_source_href(e, evidence_url), span=span),
        matrix=q.position_matrix(store, name),
        gap_series=series,
        gap_chart=build_gap_chart(chart_series, span=span),
        stances=STANCES,
    )


class _GapLine:
    """What :func:`build_gap_chart` needs from a :class:`~detente.query.GapSeries`."""

    def __init__(self, name, trend, points):
        self.name, self.trend, self.points = name, trend, points
