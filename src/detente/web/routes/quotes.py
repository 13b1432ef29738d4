"""Quote search: a GET form (bookmarkable, no script) over :func:`detente.query.quotes_page`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ..params import DateText, Format, Paging, paging
from . import as_typed, choices, list_page

router = APIRouter(include_in_schema=False)


@router.get("/quotes")
def quotes_page(
    request: Request,
    speaker: str = "", party: str = "", issue: str = "", text: str = "", process: str = "",
    since: DateText = "", until: DateText = "",
    at: Paging = Depends(paging), format: Format = "html",
):
    filters = as_typed(request, speaker=speaker, party=party, issue=issue, text=text, process=process,
                       since=since, until=until)
    return list_page(request, "quotes.html", "quotes", filters, format, at, filters=filters,
                     searched=any(filters.values()), choices=choices(request))
