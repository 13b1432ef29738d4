"""HTML pages, one module per area; each renders one template from query results."""

from __future__ import annotations

import io
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from ...export import write_rows

__all__ = ["render", "download", "attachment", "choices", "with_params", "STANCES"]

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
