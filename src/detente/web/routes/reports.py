"""The reports list: outlet, date, process and number of facts; filtered, sorted, paged."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request

from ..params import DateText, Format, Paging, paging
from . import as_typed, choices, list_page

router = APIRouter(include_in_schema=False)

Sort = Literal["published", "source", "process", "title", "facts"]
Order = Literal["asc", "desc"]


@router.get("/reports")
def reports_page(request: Request, process: str = "", source: str = "", since: DateText = "", until: DateText = "",
                 sort: Sort = "published", order: Order = "desc", at: Paging = Depends(paging),
                 format: Format = "html"):
    filters = as_typed(request, process=process, source=source, since=since, until=until)
    return list_page(request, "reports.html", "reports", {**filters, "sort": sort, "descending": order == "desc"},
                     format, at, filters=filters, sort=sort, order=order, choices=choices(request))
