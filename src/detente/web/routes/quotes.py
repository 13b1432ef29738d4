"""Quote search: a GET form (bookmarkable, no script) over :func:`detente.query.quotes_page`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from ... import query as q
from ..params import DateText, Format, Paging, paging
from . import choices, download, render

router = APIRouter(include_in_schema=False)

#: Most rows a download of a list carries.
DOWNLOAD_MOST = 5000


@router.get("/quotes")
def quotes_page(
    request: Request,
    speaker: str = "", party: str = "", issue: str = "", text: str = "", process: str = "",
    since: DateText = "", until: DateText = "",
    at: Paging = Depends(paging), format: Format = "html",
):
    options = choices(request)
    filters = dict(speaker=speaker.strip(), party=q.match_name(party, options["party"]) or party.strip(),
                   issue=q.match_name(issue, options["issue"]) or issue.strip(), text=text.strip(),
                   process=q.match_name(process, options["process"]) or process.strip(), since=since, until=until)
    wanted = {k: v or None for k, v in filters.items()}
    if format != "html":
        found = q.quotes_page(request.app.state.store, limit=DOWNLOAD_MOST, **wanted)
        return download(found.items, format, "quotes")
    found = q.quotes_page(request.app.state.store, limit=at.per, offset=at.offset, **wanted)
    return render(request, "quotes.html", page=found, quotes=found.items, paging=at, filters=filters,
                  searched=any(filters.values()), choices=options)
