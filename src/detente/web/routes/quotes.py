"""Quote search: a GET form (bookmarkable, no script) over :func:`detente.query.quotes`."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ... import query as q
from . import render

router = APIRouter(include_in_schema=False)

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"


@router.get("/quotes")
def quotes_page(
    request: Request,
    speaker: str = "", party: str = "", issue: str = "", text: str = "",
    since: str = Query("", pattern=DATE), until: str = Query("", pattern=DATE),
    limit: int = Query(200, ge=1, le=1000),
):
    filters = dict(speaker=speaker, party=party, issue=issue, text=text, since=since, until=until)
    found = q.quotes(request.app.state.store, limit=limit, **{k: (v.strip() or None) for k, v in filters.items()})
    choices = request.app.state.choices.get(request.app.state.store)
    return render(request, "quotes.html", quotes=found, filters=filters, searched=any(filters.values()), choices=choices)
