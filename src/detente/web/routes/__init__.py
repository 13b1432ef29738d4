"""HTML pages, one module per area; each renders one template from query results."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

__all__ = ["render", "STANCES"]

#: Stances with a colour in the stylesheet; anything else is drawn as "other".
STANCES = ("propose", "demand", "accept", "reject", "unchanged")


def render(request: Request, template: str, *, status: int = 200, **context) -> HTMLResponse:
    """A page from ``templates/`` (autoescaped) with the request in its context."""
    html = request.app.state.templates.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)
