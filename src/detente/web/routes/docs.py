"""API docs at /docs with the vendored Swagger UI (FastAPI's default loads it from a CDN)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from . import render

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def api_docs(request: Request):
    return render(request, "docs.html")
