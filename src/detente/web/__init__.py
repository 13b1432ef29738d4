"""The web dashboard: ``detente serve`` (needs ``pip install 'detente[web]'``).

>>> from detente.web import create_app      # doctest: +SKIP
>>> app = create_app(db="detente.db")       # doctest: +SKIP
"""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):
    """The FastAPI app; see :func:`detente.web.app.create_app`."""
    try:
        from .app import create_app as _create
    except ModuleNotFoundError as exc:  # fastapi / jinja2 not installed
        from ..errors import MissingExtra

        if (exc.name or "").split(".")[0] not in {"fastapi", "starlette", "jinja2", "uvicorn"}:
            raise

        raise MissingExtra("web", exc.name or "fastapi") from exc
    return _create(*args, **kwargs)
