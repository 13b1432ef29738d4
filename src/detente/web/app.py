"""The FastAPI application: pages, JSON API, static files, security headers.

A thin client of :mod:`detente.query` (STYLE 1): every page and API route
calls one query function and renders or serializes its typed result.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..errors import UnknownName
from ..settings import Settings
from .data import Cached, ProcessList, filter_choices, open_store
from .highlight import anchor
from .params import explain
from .security import SecurityHeaders

__all__ = ["create_app", "templates_env", "HERE"]

HERE = Path(__file__).parent


def evidence_url(document_id: str, start: int | None = None, end: int | None = None) -> str:
    """The report page of a document, scrolled to a fact's evidence when given."""
    url = "/documents/" + quote(str(document_id), safe="")
    return url + ("#" + anchor(start, end) if start is not None and end is not None else "")


def fact_anchor(document_id: str, start: int | None, end: int | None) -> str:
    """The element id of a row (history, timeline) that a report's fact supports, so the report page
    can link to it: the same evidence always gives the same id, whatever page lists it."""
    digest = hashlib.blake2s(f"{document_id}\0{start}\0{end}".encode(), digest_size=6).hexdigest()
    return "f-" + digest


def templates_env() -> Environment:
    """Jinja with autoescape on for every template (report text is untrusted)."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from .routes import with_params

    env.globals.update(evidence_url=evidence_url, fact_anchor=fact_anchor, with_params=with_params, version=__version__)
    env.filters["q"] = lambda value: quote(str(value), safe="")
    return env


def create_app(
    store=None,
    *,
    settings: Settings | None = None,
    db: str | None = None,
    write_token: str | None = None,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The dashboard over ``store`` (or the store at ``db``, else ``settings.db``).

    ``settings`` (default: read from ``DETENTE_*`` now, once) are the app's for
    every request. ``write_token`` (default ``settings.web_token``, i.e.
    ``DETENTE_WEB_TOKEN``) turns on ``POST /api/ingest``; without it the server
    is read-only. ``allowed_hosts`` limits the Host header (the CLI passes the
    loopback names when bound to 127.0.0.1).
    """
    settings = (settings or Settings.from_env()).with_options(db=db, web_token=write_token)
    if store is None:
        store = open_store(settings)
    app = FastAPI(
        title="detente",
        version=__version__,
        description="Peace processes from news reports: structured, sourced records.",
        docs_url=None,  # served from vendored assets below, not a CDN
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.write_token = settings.web_token or None
    app.state.templates = templates_env()
    app.state.processes = ProcessList()
    app.state.choices = Cached(filter_choices, ttl=30.0)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from . import api
    from .routes import actors, corrections, docs, documents, overview, processes, quotes, reports, timeline

    app.include_router(api.router)
    for module in (overview, processes, timeline, actors, quotes, reports, documents, docs, corrections):
        app.include_router(module.router)
    _install_error_pages(app)

    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)  # added last = outermost: covers every response
    return app


class HeadAsGet:
    """HEAD answered wherever GET is (link checkers, monitors and ``curl -I`` send it): the GET
    route runs and only its status and headers go out, as RFC 9110 asks."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message):
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _install_error_pages(app: FastAPI) -> None:
    """JSON errors under /api/, an HTML page elsewhere; never a traceback."""

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
        html = request.app.state.templates.get_template("error.html").render(
            status=exc.status_code, detail=str(exc.detail), request=request
        )
        return HTMLResponse(html, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(UnknownName)
    async def unknown_name(request: Request, exc: UnknownName):
        """A filter naming something the store does not hold: the names it does hold."""
        if wants_json(request):
            return JSONResponse({"detail": str(exc), "known": exc.known}, status_code=422)
        html = request.app.state.templates.get_template("error.html").render(
            status=400, detail=f"There is no {exc.what} called “{exc.given}”. Try one of these:",
            problems=exc.known[:20], request=request, retry=quote(request.url.path, safe="/"))
        return HTMLResponse(html, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        if wants_json(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        html = request.app.state.templates.get_template("error.html").render(
            status=400, detail="Part of the address is not right:", problems=explain(exc.errors()), request=request,
            retry=quote(request.url.path, safe="/"))
        return HTMLResponse(html, status_code=400)
