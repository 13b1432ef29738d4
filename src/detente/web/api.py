"""The JSON API: one read endpoint per dashboard view, plus the guarded ingest.

Each route is one :mod:`detente.query` call; the query's typed result is the
response model, so /openapi.json documents the shapes.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from .. import query as q
from ..errors import InputError
from ..records import Document
from .data import ingest_document
from .security import require_write_token

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])


def Limit(default: int, most: int):
    """A ``limit`` query parameter, bounded so no request can ask for everything."""
    return Query(default, ge=1, le=most)


DateParam = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="ISO date: YYYY, YYYY-MM or YYYY-MM-DD")]


def store(request: Request):
    """The store the app was created with (one per app, shared by requests)."""
    return request.app.state.store


Store = Annotated[object, Depends(store)]


@router.get("/processes", response_model=list[q.ProcessSummary])
def processes(request: Request, s: Store):
    """Every peace process, most recently reported first (cached for a few seconds)."""
    return request.app.state.processes.get(s)


@router.get("/actors", response_model=list[q.ActorSummary])
def actors(s: Store, process: str | None = None, kind: str | None = None, limit: int = Limit(200, 1000)):
    """Merged actors, most reported first."""
    return q.list_actors(s, process=process, kind=kind, limit=limit)


@router.get("/actors/{name}", response_model=q.ActorDetail)
def actor(s: Store, name: str):
    """One actor by any spelling: roles over time, quotes, positions."""
    found = q.get_actor(s, name)
    if found is None:
        raise HTTPException(404, f"no actor named {name!r}; list them at /api/actors")
    return found


@router.get("/timeline", response_model=list[q.TimelineEvent])
def timeline(s: Store, process: str | None = None, since: DateParam = None, until: DateParam = None,
             limit: int = Limit(500, 5000), background: bool = False):
    """Meetings, agreements, incidents and statements, oldest first; ``background=true`` adds history
    mentioned in passing."""
    return q.timeline(s, process=process, since=since, until=until, limit=limit, background=background)


@router.get("/positions", response_model=list[q.PositionEntry])
def positions(s: Store, process: str | None = None, party: str | None = None, issue: str | None = None, limit: int = Limit(1000, 5000)):
    """Stances with dates and evidence, oldest first."""
    return q.positions(s, process=process, party=party, issue=issue, limit=limit)


@router.get("/matrix", response_model=q.PositionMatrix)
def matrix(s: Store, process: str):
    """Party × issue → the chronological stances of one process."""
    return q.position_matrix(s, process)


@router.get("/standings", response_model=q.Standings)
def standings(s: Store, process: str, on: DateParam = None):
    """Each party's stance in force per issue (with the sentence behind it), the gap now and its trend."""
    return q.standings(s, process, on=on)


@router.get("/gap", response_model=list[q.GapSeries])
def gap(s: Store, process: str | None = None, issue: str | None = None, since: DateParam = None,
        until: DateParam = None):
    """The gap between the parties per issue over time (0 closed … 1 open), its trend over the window."""
    return q.gap(s, process=process, issue=issue, since=since, until=until)


@router.get("/quotes", response_model=list[q.QuoteEntry])
def quotes(
    s: Store, speaker: str | None = None, party: str | None = None, issue: str | None = None,
    since: DateParam = None, until: DateParam = None, text: str | None = None, limit: int = Limit(200, 1000),
):
    """Quotes, newest first, filtered by speaker, party, issue, dates or words."""
    return q.quotes(s, speaker=speaker, party=party, issue=issue, since=since, until=until, text=text, limit=limit)


@router.get("/search", response_model=list[q.SearchHit])
def search(s: Store, text: Annotated[str, Query(min_length=1, max_length=500)], limit: int = Limit(50, 500)):
    """Full-text search over the reports."""
    return q.search(s, text, limit=limit)


@router.get("/documents/{document_id:path}", response_model=q.DocumentView)
def document(s: Store, document_id: str):
    """A report's text and its record with evidence offsets."""
    found = q.get_document(s, document_id)
    if found is None:
        raise HTTPException(404, f"no report with id {document_id!r}")
    return found


@router.post("/ingest", status_code=201, dependencies=[Depends(require_write_token)])
def ingest(request: Request, s: Store, document: Document) -> dict:
    """Extract and store one report (JSON document). Needs the write token as a Bearer header."""
    settings = request.app.state.settings
    limit = settings.max_chars
    if len(document.text) > limit:
        raise HTTPException(413, f"text of {len(document.text):,} characters is over the limit of {limit:,}")
    try:
        stored = ingest_document(s, document, settings)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
    request.app.state.processes.clear()
    request.app.state.choices.clear()
    return {"id": stored, "url": "/api/documents/" + quote(stored, safe="")}
