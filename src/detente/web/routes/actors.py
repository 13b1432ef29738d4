"""Actors: the list, and one actor's roles over time, quotes and positions."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request

from ... import query as q
from . import render

router = APIRouter(include_in_schema=False)


@router.get("/actors")
def actors_page(request: Request, process: str | None = None, kind: str | None = None, limit: int = Query(200, ge=1, le=1000)):
    found = q.list_actors(request.app.state.store, process=process or None, kind=kind or None, limit=limit)
    return render(request, "actors.html", actors=found, process=process, kind=kind)


@router.get("/actors/{name}")
def actor_page(request: Request, name: str):
    detail = q.get_actor(request.app.state.store, name)
    if detail is None:
        raise HTTPException(404, f"no actor named {name!r}")
    return render(request, "actor.html", detail=detail)
