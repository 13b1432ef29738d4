"""The report page, every fact highlighted at its evidence; and full-text search."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request

from ... import query as q
from ..highlight import facts_of, highlight
from . import render

router = APIRouter(include_in_schema=False)


@router.get("/documents/{document_id:path}")
def document_page(request: Request, document_id: str):
    view = q.get_document(request.app.state.store, document_id)
    if view is None:
        raise HTTPException(404, f"no report with id {document_id!r}")
    text = view.document.text
    facts = facts_of(view.record, text)
    return render(request, "document.html", view=view, pieces=highlight(text, facts), n_facts=len(facts))


@router.get("/search")
def search_page(request: Request, text: str = Query("", max_length=500), limit: int = Query(50, ge=1, le=500)):
    hits = q.search(request.app.state.store, text.strip(), limit=limit) if text.strip() else []
    return render(request, "search.html", hits=hits, text=text)
