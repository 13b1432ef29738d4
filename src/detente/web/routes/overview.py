"""Overview (/): every peace process, its latest talks, latest deal and gap trend."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from . import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def overview(request: Request):
    processes = request.app.state.processes.get(request.app.state.store)
    return render(request, "overview.html", processes=processes)


@router.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says; answer instead of a 404."""
    from ..app import HERE

    return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")
