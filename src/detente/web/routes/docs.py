"""API docs at /docs with the vendored Swagger UI (FastAPI's default loads it from a CDN), and how the
gap is measured at /docs/gap (the rules' own text, so the page never drifts from them)."""

from __future__ import annotations

import inspect

from fastapi import APIRouter, Request

from ... import gap
from . import render

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def api_docs(request: Request):
    return render(request, "docs.html")


@router.get("/docs/gap")
def gap_docs(request: Request):
    """docs/gap.md in short: the rule table and the trend, from :mod:`detente.gap` itself."""
    order = sorted({a for a, _ in gap.GAP}, key=["propose", "demand", "accept", "reject"].index)
    return render(request, "gap.html", text=inspect.cleandoc(gap.__doc__ or ""), order=order, table=gap.GAP)
