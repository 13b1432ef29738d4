"""Quote search: a GET form (bookmarkable, no script) over :func:`detente.query.quotes_page`."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Depends, Request

from ... import query as q
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
    options = choices(request)
    filters = as_typed(options, speaker=speaker, party=party, issue=issue, text=text, process=process,
                       since=since, until=until)
    fetch = partial(q.quotes_page, request.app.state.store, **{k: v or None for k, v in filters.items()})
    return list_page(request, "quotes.html", fetch, format, at, "quotes", filters=filters,
                     searched=any(filters.values()), choices=options)
