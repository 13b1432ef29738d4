"""The corrections log: who corrected what, when and why, filterable by person and process."""

from __future__ import annotations

from fastapi import APIRouter, Request

from ... import curate
from . import render

router = APIRouter(include_in_schema=False)


@router.get("/corrections")
def corrections_page(request: Request, by: str = "", process: str = "", orphaned: bool = False):
    store = request.app.state.store
    every = curate.log(store)
    found = curate.log(store, by=by.strip() or None, process=process.strip() or None, orphaned=orphaned)
    return render(request, "corrections.html", corrections=list(reversed(found)), by=by, process=process,
                  orphaned=orphaned, people=sorted({c.by for c in every}),
                  processes=sorted({c.process for c in every if c.process}))
