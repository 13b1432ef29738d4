"""The timeline as a list: every meeting, agreement, incident and statement, paged, newest page first."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ... import query as q
from ..params import DateText, Format, Paging, paging
from . import choices, download, render
from .quotes import DOWNLOAD_MOST

router = APIRouter(include_in_schema=False)


@router.get("/timeline")
def timeline_page(request: Request, process: str = "", since: DateText = "", until: DateText = "", report: str = "",
                  at: Paging = Depends(paging), format: Format = "html"):
    options = choices(request)
    filters = dict(process=q.match_name(process, options["process"]) or process.strip(), since=since, until=until)
    wanted = {k: v or None for k, v in filters.items()}
    wanted["document_id"] = report or None
    store = request.app.state.store
    if format != "html":
        return download(q.timeline_page(store, limit=DOWNLOAD_MOST, **wanted).items, format, "timeline")
    found = q.timeline_page(store, limit=at.per, offset=at.offset, **wanted)
    return render(request, "timeline.html", page=found, paging=at, filters=filters, report=report, choices=options)
