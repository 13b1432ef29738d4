"""The timeline as a list: every meeting, agreement, incident and statement, paged, newest page first."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Depends, Request

from ... import query as q
from ..params import DateText, Format, Paging, paging
from . import as_typed, choices, list_page

router = APIRouter(include_in_schema=False)


@router.get("/timeline")
def timeline_page(request: Request, process: str = "", since: DateText = "", until: DateText = "", report: str = "",
                  at: Paging = Depends(paging), format: Format = "html"):
    options = choices(request)
    filters = as_typed(options, process=process, since=since, until=until)
    fetch = partial(q.timeline_page, request.app.state.store, document_id=report or None,
                    **{k: v or None for k, v in filters.items()})
    return list_page(request, "timeline.html", fetch, format, at, "timeline", filters=filters, report=report,
                     choices=options)
