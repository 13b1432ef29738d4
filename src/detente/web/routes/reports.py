"""The reports list: outlet, date, process and number of facts; filtered, sorted, paged."""

from __future__ import annotations

from functools import partial
from typing import Literal

from fastapi import APIRouter, Depends, Request

from ... import query as q
from ..params import DateText, Format, Paging, paging
from . import as_typed, choices, list_page

router = APIRouter(include_in_schema=False)

Sort = Literal["published", "source", "process", "title", "facts"]
Order = Literal["asc", "desc"]


@router.get("/reports")
def reports_page(request: Request, process: str = "", source: str = "", since: DateText = "", until: DateText = "",
                 sort: Sort = "published", order: Order = "desc", at: Paging = Depends(paging),
                 format: Format = "html"):
    options = choices(request)
    filters = as_typed(options, process=process, source=source, since=since, until=until)
    fetch = partial(q.reports, request.app.state.store, sort=sort, descending=order == "desc",
                    **{k: v or None for k, v in filters.items()})
    return list_page(request, "reports.html", fetch, format, at, "reports", filters=filters, sort=sort, order=order,
                     choices=options)
