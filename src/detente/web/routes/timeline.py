"""The timeline as a list: every meeting, agreement, incident and statement, paged, newest page first."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ..params import DateText, Format, Paging, paging
from . import as_typed, choices, list_page

router = APIRouter(include_in_schema=False)


@router.get("/timeline")
def timeline_page(request: Request, process: str = "", since: DateText = "", until: DateText = "", report: str = "",
                  at: Paging = Depends(paging), format: Format = "html"):
    filters = as_typed(request, process=process, since=since, until=until)
    # one report's events include the history it mentions in passing, which its page links to
    return list_page(request, "timeline.html", "timeline", {**filters, "document_id": report, "background": bool(report)},
                     format, at, filters=filters, report=report, choices=choices(request))
