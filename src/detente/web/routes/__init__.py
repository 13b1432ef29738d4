"""HTML pages, one module per area; each renders one template from query results."""

from __future__ import annotations

import io
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from ... import query as q
from ...export import write_rows

__all__ = ["render", "download", "attachment", "choices", "as_typed", "list_page", "with_params", "STANCES",
           "DOWNLOAD_MOST"]

#: Most rows a download of a list carries.
DOWNLOAD_MOST = 5000

#: Stances with a colour in the stylesheet; anything else is drawn as "other".
STANCES = ("propose", "demand", "accept", "reject", "unchanged")


def render(request: Request, template: str, *, status: int = 200, **context) -> HTMLResponse:
    """A page from ``templates/`` (autoescaped) with the request in its context."""
    html = request.app.state.templates.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def download(rows, fmt: str, name: str) -> Response:
    """The rows of the view being looked at as a CSV or JSON file (:func:`detente.export.write_rows`)."""
    out = io.StringIO()
    write_rows(rows, fmt, out)
    return attachment(out.getvalue(), fmt, name)


def attachment(text: str, fmt: str, name: str) -> Response:
    """``text`` as a file to save, ``name.csv`` or ``name.json``."""
    media = "text/csv" if fmt == "csv" else "application/json"
    return Response(text, media_type=f"{media}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


def choices(request: Request) -> dict[str, list[str]]:
    """What the filter forms offer (processes, parties, issues, outlets, speakers), cached."""
    return request.app.state.choices.get(request.app.state.store)


def as_typed(request: Request, **values: str) -> dict[str, str]:
    """Filter values as the store spells them (process, party, issue, outlet, kind: any case, any dash;
    :func:`detente.query.check_filters`); the rest trimmed. An unknown name raises
    :class:`~detente.errors.UnknownName`, which the app answers with the known ones."""
    trimmed = {k: v.strip() for k, v in values.items()}
    checked = q.check_filters(request.app.state.store, **{k: v for k, v in trimmed.items() if v})
    return {k: checked.get(k) or "" for k in trimmed}


def list_page(request: Request, template: str, listing: str, query: dict, fmt: str, at, **context) -> Response:
    """One page of a listing (:func:`detente.query.page`) asked with ``query`` (empty values dropped), or
    every page of it as a CSV or JSON download named after the listing."""
    store, wanted = request.app.state.store, {k: v for k, v in query.items() if v not in ("", None)}
    if fmt != "html":
        return download(q.page(listing, store, limit=DOWNLOAD_MOST, **wanted).items, fmt, listing)
    return render(request, template, page=q.page(listing, store, limit=at.per, offset=at.offset, **wanted),
                  paging=at, **context)


def with_params(request: Request, **changes) -> str:
    """This page's URL (path and query) with some parameters changed; a value None drops one."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return quote(request.url.path, safe="/") + ("?" + query if query else "")
