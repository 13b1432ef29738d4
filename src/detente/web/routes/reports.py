"""The reports list: outlet, date, process and number of facts; filtered, sorted, paged."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request

from ... import query as q
from ..params import DateText, Format, Paging, paging
from . import choices, download, render
from .quotes import DOWNLOAD_MOST

router = APIRouter(include_in_schema=False)

Sort = Literal["published", "source", "process", "title", "facts"]
Order = Literal["asc", "desc"]


@router.get("/reports")
def reports_page(request: Request, process: str = "", source: str = "", since: DateText = "", until: DateText = "",
                 sort: Sort = "published", order: Order = "desc", at: Paging = Depends(paging),
                 format: Format = "html"):
    options = choices(request)
    filters = dict(process=q.match_name(process, options["process"]) or process.strip(),
                   source=q.match_name(source, options["source"]) or source.strip(), since=since, until=until)
    wanted = {k: v or None for k, v in filters.items()}
    store = request.app.state.store
    if format != "html":
        return download(q.reports(store, sort=sort, descending=order == "desc", limit=DOWNLOAD_MOST, **wanted).items,
                        format, "reports")
    found = q.reports(store, sort=sort, descending=order == "desc", limit=at.per, offset=at.offset, **wanted)
    return render(request, "reports.html", page=found, paging=at, filters=filters, sort=sort, order=order,
                  choices=options)
