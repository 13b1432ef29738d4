"""``detente serve``: the web dashboard over a store, read-only unless a token is given."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import MissingExtra

__all__ = ["register", "serve_cmd"]


def serve_cmd(
    db: Annotated[Optional[str], typer.Option("--db", help="Store: SQLite path or database URL (default: DETENTE_DB or detente.db).")] = None,
    host: Annotated[str, typer.Option(help="Interface to bind; keep 127.0.0.1 unless the dashboard must be reachable from elsewhere.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    allow_writes_token: Annotated[Optional[str], typer.Option("--allow-writes-token", help="Turn on POST /api/ingest for requests with 'Authorization: Bearer TOKEN' (default: DETENTE_WEB_TOKEN).")] = None,
) -> None:
    """Serve the dashboard and JSON API (read-only by default).

    Example: detente serve --db detente.db --port 8000   (then open http://127.0.0.1:8000/)
    """
    try:
        import uvicorn
    except ModuleNotFoundError as exc:
        raise MissingExtra("web", "uvicorn") from exc
    from ..settings import Settings
    from ..web import create_app
    from ..web.security import LOOPBACK_HOSTS

    from .output import open_store

    loopback = host in LOOPBACK_HOSTS
    settings = Settings.from_env().with_options(db=db, web_token=allow_writes_token or None)
    # Read-only, it is a reader: a mistyped --db is refused, not created empty.
    store = open_store(None, create=bool(settings.web_token), settings=settings)
    app = create_app(store, settings=settings, allowed_hosts=list(LOOPBACK_HOSTS) if loopback else None)
    if not loopback:
        typer.echo(f"warning: serving on {host}, reachable from other machines", err=True)
    typer.echo(f"detente dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
