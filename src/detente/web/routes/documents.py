"""The report page, the evidence hub: every fact highlighted at its evidence, listed beside the text
with a link to the row it supports (a position's history, the timeline); and full-text search."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request

from ... import query as q
from ..highlight import Fact, anchor, facts_of, highlight
from . import render

router = APIRouter(include_in_schema=False)

#: Fact kinds in the order the page lists and filters them.
KINDS = ("position", "quote", "meeting", "agreement", "incident", "assessment", "actor", "date")
Kind = Literal["", "position", "quote", "meeting", "agreement", "incident", "assessment", "actor", "date"]


@dataclass(frozen=True)
class Found:
    """One fact in the report page's side list: its mark in the text and the row it supports."""

    fact: Fact
    mark: str
    row: str | None
    row_label: str | None
    #: the fact's id and an analyst's marks on it (the record carries them only where set)
    id: str | None = None
    corrected: bool = False
    verified: bool = False
    stance: str | None = None


def _found(fact: Fact, row: tuple[str | None, str | None]) -> Found:
    f = fact.fact
    return Found(fact, anchor(fact.start, fact.end), *row, id=getattr(f, "id", None),
                 corrected=bool(getattr(f, "corrected", False)), verified=bool(getattr(f, "verified", False)),
                 stance=getattr(f, "stance", None) if fact.kind == "position" else None)


def _row(fact: Fact, document_id: str, process: str | None, fact_anchor) -> tuple[str | None, str | None]:
    """Where the fact shows up elsewhere in the dashboard, scrolled to it."""
    here = "#" + fact_anchor(document_id, fact.start, fact.end)
    if fact.kind == "position" and process:
        f = fact.fact
        return (f"/processes/{quote(process, safe='')}/positions?party={quote(f.party, safe='')}"
                f"&issue={quote(f.issue, safe='')}{here}", "history")
    if fact.kind in ("meeting", "agreement", "incident"):
        return f"/timeline?report={quote(document_id, safe='')}{here}", "timeline"
    if fact.kind == "quote" and fact.fact.speaker:
        return f"/actors/{quote(fact.fact.speaker, safe='')}{here}", "speaker"
    if fact.kind == "actor":
        return fact.href, "actor"
    return None, None


@router.get("/documents/{document_id:path}")
def document_page(request: Request, document_id: str, kind: Kind = ""):
    view = q.get_document(request.app.state.store, document_id)
    if view is None:
        raise HTTPException(404, f"no report with id {document_id!r}")
    text = view.document.text
    facts = facts_of(view.record, text, actor_href=lambda name: "/actors/" + quote(name, safe=""))
    counts = Counter(f.kind for f in facts)
    shown = [f for f in facts if f.kind == kind] if kind else facts
    fact_anchor = request.app.state.templates.globals["fact_anchor"]
    found = [_found(f, _row(f, view.document.id, view.process, fact_anchor)) for f in shown]
    return render(request, "document.html", view=view, pieces=highlight(text, shown), n_facts=len(facts),
                  found=found, counts=counts, kinds=KINDS, kind=kind)


@router.get("/search")
def search_page(request: Request, text: str = Query("", max_length=500), limit: int = Query(50, ge=1, le=500)):
    hits = q.search(request.app.state.store, text.strip(), limit=limit) if text.strip() else []
    return render(request, "search.html", hits=hits, text=text)
