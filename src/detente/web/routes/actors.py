"""Actors: the list, and one actor's roles over time, quotes and positions."""

from __future__ import annotations

from typing import Literal, get_args

from fastapi import APIRouter, Depends, HTTPException, Request

from ... import query as q
from ..params import Format, Paging, paging
from . import as_typed, choices, list_page, render

router = APIRouter(include_in_schema=False)

Kind = Literal["", "person", "state", "organization", "group"]
KINDS = get_args(Kind)[1:]


@router.get("/actors")
def actors_page(request: Request, process: str = "", kind: Kind = "", at: Paging = Depends(paging),
                format: Format = "html"):
    process = as_typed(request, process=process)["process"]
    return list_page(request, "actors.html", "actors", {"process": process, "kind": kind}, format, at,
                     process=process, kind=kind, kinds=KINDS, choices=choices(request))


@router.get("/actors/{name}")
def actor_page(request: Request, name: str):
    detail = q.get_actor(request.app.state.store, name)
    if detail is None:
        raise HTTPException(404, f"no actor named {name!r}")
    return render(request, "actor.html", detail=detail)
