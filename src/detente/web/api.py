"""The JSON API: one read endpoint per dashboard view, plus the guarded ingest.

Each route is one :mod:`detente.query` call; the query's typed result is the
response model, so /openapi.json documents the shapes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from .. import query as q
from ..corrections import Correction
from ..errors import DetenteError, InputError
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
#: ``?raw=1``: the extraction as it is, without analysts' corrections.
Raw = Annotated[bool, Query(description="As extracted, without analysts' corrections")]
Offset = Annotated[int, Query(ge=0, description="skip this many (paging); the true total is in X-Total-Count")]


def total(response: Response, page: q.Page) -> list:
    """A page's items, its true total in the ``X-Total-Count`` header (lists are cut by ``limit``)."""
    response.headers["X-Total-Count"] = str(page.total)
    return page.items


@router.get("/processes", response_model=list[q.ProcessSummary])
def processes(request: Request, s: Store):
    """Every peace process, most recently reported first (cached for a few seconds)."""
    return request.app.state.processes.get(s)


@router.get("/actors", response_model=list[q.ActorSummary])
def actors(s: Store, response: Response, process: str | None = None, kind: str | None = None,
           limit: int = Limit(200, 1000), offset: Offset = 0, raw: Raw = False):
    """Merged actors, most reported first."""
    return total(response, q.page("actors", s, process=process, kind=kind, limit=limit, offset=offset, raw=raw))


@router.get("/actors/{name}", response_model=q.ActorDetail)
def actor(s: Store, name: str, raw: Raw = False):
    """One actor by any spelling: roles over time, quotes, positions."""
    found = q.get_actor(s, name, raw=raw)
    if found is None:
        raise HTTPException(404, f"no actor named {name!r}; list them at /api/actors")
    return found


@router.get("/timeline", response_model=list[q.TimelineEvent])
def timeline(s: Store, response: Response, process: str | None = None, since: DateParam = None,
             until: DateParam = None, limit: int = Limit(500, 5000), offset: Offset = 0, background: bool = False,
             raw: Raw = False):
    """Meetings, agreements, incidents and statements, oldest first (the latest ``limit`` after ``offset``);
    ``background=true`` adds history mentioned in passing."""
    return total(response, q.page("timeline", s, process=process, since=since, until=until, limit=limit,
                                  offset=offset, background=background, raw=raw))


@router.get("/positions", response_model=list[q.PositionEntry])
def positions(s: Store, response: Response, process: str | None = None, party: str | None = None,
              issue: str | None = None, limit: int = Limit(1000, 5000), offset: Offset = 0, raw: Raw = False):
    """Stances with dates and evidence, oldest first."""
    return total(response, q.page("positions", s, process=process, party=party, issue=issue, limit=limit,
                                  offset=offset, raw=raw))


@router.get("/matrix", response_model=q.PositionMatrix)
def matrix(s: Store, process: str, raw: Raw = False):
    """Party × issue → the chronological stances of one process."""
    return q.position_matrix(s, q.match_name(process, s.processes(), "process"), raw=raw)


@router.get("/standings", response_model=q.Standings)
def standings(s: Store, process: str, on: DateParam = None, raw: Raw = False):
    """Each party's stance in force per issue (with the sentence behind it), the gap now and its trend."""
    return q.standings(s, q.match_name(process, s.processes(), "process"), on=on, raw=raw)


@router.get("/reports", response_model=list[q.ReportSummary])
def reports(s: Store, response: Response, process: str | None = None, source: str | None = None,
            since: DateParam = None, until: DateParam = None,
            sort: Annotated[str, Query(pattern="^(" + "|".join(q.REPORT_SORTS) + ")$")] = "published",
            descending: bool = True, limit: int = Limit(50, 1000), offset: Offset = 0):
    """Stored reports: outlet, date, process and number of facts."""
    return total(response, q.page("reports", s, process=process, source=source, since=since, until=until, sort=sort,
                                  descending=descending, limit=limit, offset=offset))


@router.get("/gap", response_model=list[q.GapSeries])
def gap(s: Store, process: str | None = None, issue: str | None = None, since: DateParam = None,
        until: DateParam = None, raw: Raw = False):
    """The gap between the parties per issue over time (0 closed … 1 open), its trend over the window."""
    return q.gap(s, **q.check_filters(s, process=process, issue=issue), since=since, until=until, raw=raw)


@router.get("/quotes", response_model=list[q.QuoteEntry])
def quotes(
    s: Store, response: Response, speaker: str | None = None, party: str | None = None, issue: str | None = None,
    since: DateParam = None, until: DateParam = None, text: str | None = None, process: str | None = None,
    limit: int = Limit(200, 1000), offset: Offset = 0, raw: Raw = False,
):
    """Quotes, newest first, filtered by speaker, party, issue, process, dates or words."""
    return total(response, q.page("quotes", s, speaker=speaker, party=party, issue=issue, since=since, until=until,
                                  text=text, process=process, limit=limit, offset=offset, raw=raw))


@router.get("/search", response_model=list[q.SearchHit])
def search(s: Store, text: Annotated[str, Query(min_length=1, max_length=500)], limit: int = Limit(50, 500)):
    """Full-text search over the reports."""
    return q.search(s, text, limit=limit)


@router.get("/documents/{document_id:path}", response_model=q.DocumentView)
def document(s: Store, document_id: str, raw: Raw = False):
    """A report's text and its record with evidence offsets; every fact with its stable id."""
    found = q.get_document(s, document_id, raw=raw)
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


# -- analysts' corrections (detente.curate): the same actions as `detente curate`, behind the write token ------

class CorrectionIn(BaseModel):
    """One correction to make. ``target``: a fact id (hide, restore, verify, set), an actor id (set, merge,
    split), a report id (add, move) or a process (rename)."""

    action: Literal["hide", "restore", "verify", "set", "add", "merge", "split", "move", "rename"]
    target: str = Field(min_length=1, max_length=512)
    changes: dict[str, Any] = Field(default_factory=dict, description="set: field → value; add: the fact's fields")
    kind: str | None = Field(None, description="add: the kind of fact (position, quote, …)")
    quote: str | None = Field(None, description="add: the words of the report the fact rests on")
    start: int | None = None
    end: int | None = None
    into: str | None = Field(None, description="merge: the actor id; move: the process (null: none); rename: the new name")
    facts: list[str] = Field(default_factory=list, description="split: the mentions to split off")
    name: str | None = Field(None, description="split: who those mentions are")
    why: str = Field("", max_length=2000)
    by: str | None = Field(None, max_length=200, description="a name, recorded with the token's label")


def _curator(request: Request, given: str | None) -> str:
    label = request.app.state.settings.web_token_label
    return f"{given.strip()} ({label})" if given and given.strip() else label


def _apply(s, c: CorrectionIn, by: str, settings) -> list[Correction]:
    from .. import curate

    common = {"why": c.why, "by": by}
    if c.action in ("hide", "restore", "verify"):
        return [getattr(curate, c.action)(s, c.target, **common)]
    if c.action == "set":
        if not c.changes:
            raise HTTPException(422, "set needs changes: {field: value}")
        return [curate.set_field(s, c.target, k, v, settings=settings, **common) for k, v in c.changes.items()]
    if c.action == "add":
        return [curate.add(s, c.target, c.kind or "", c.changes, quote=c.quote, start=c.start, end=c.end,
                           settings=settings, **common)]
    if c.action == "merge":
        return [curate.merge(s, c.target, c.into or "", **common)]
    if c.action == "split":
        return [curate.split(s, c.target, c.facts, c.name or "", **common)]
    if c.action == "move":
        return [curate.move(s, c.target, c.into, **common)]
    return [curate.rename(s, c.target, c.into or "", **common)]


def _changed(request: Request) -> None:
    request.app.state.processes.clear()
    request.app.state.choices.clear()


@router.get("/corrections", response_model=list[Correction])
def corrections(s: Store, by: str | None = None, process: str | None = None, orphaned: bool = False):
    """The corrections log, oldest first: who, when, why, the value before; undone and orphaned ones marked."""
    from .. import curate

    return curate.log(s, by=by, process=process, orphaned=orphaned)


@router.post("/corrections", status_code=201, response_model=list[Correction],
             dependencies=[Depends(require_write_token)])
def correct(request: Request, s: Store, body: CorrectionIn):
    """Make a correction (needs the write token as a Bearer header); recorded as the token's label."""
    try:
        made = _apply(s, body, _curator(request, body.by), request.app.state.settings)
    except DetenteError as exc:
        raise HTTPException(422, str(exc)) from None
    _changed(request)
    return made


@router.post("/corrections/{correction_id}/undo", response_model=Correction,
             dependencies=[Depends(require_write_token)])
def undo(request: Request, s: Store, correction_id: str, by: str | None = None):
    """Take a correction back (it stays in the log, marked undone)."""
    from .. import curate

    try:
        done = curate.undo(s, correction_id, by=_curator(request, by))
    except DetenteError as exc:
        raise HTTPException(404 if "no correction" in str(exc) else 422, str(exc)) from None
    _changed(request)
    return done
