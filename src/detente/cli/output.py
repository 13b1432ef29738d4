"""Output helpers of the store commands: ``--db``/``--json`` options, opening the store, rich tables, JSON.

Nothing heavy is imported here: the store (SQLAlchemy) loads when a command
opens it, so ``detente --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Optional

import typer

from ..settings import Settings
from .common import print_json

__all__ = ["DbOption", "JsonOption", "open_store", "table", "emit", "emit_page", "stdout"]

DbOption = Annotated[Optional[str], typer.Option(
    "--db", help="Store: SQLite path or postgresql://… URL (default: DETENTE_DB or ./detente.db).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def stdout():
    """Rich on the current stdout; wide when piped, so tables stay readable in files."""
    import sys

    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 200)


def open_store(db: str | None, *, create: bool = True, settings: Settings | None = None):
    """The store at ``--db`` (else DETENTE_DB); ``create=False`` for read commands, which refuse a
    SQLite file that does not exist instead of creating an empty store."""
    from ..store import Store

    return Store.from_settings((settings or Settings.from_env()).with_options(db=db), create=create)


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """A rich table of report data, printed as is: "[prisoner] swap" is text, not rich markup."""
    from rich.markup import escape
    from rich.table import Table

    t = Table(title=escape(title), title_justify="left", show_lines=False)
    for c in columns:
        t.add_column(escape(c), overflow="fold")
    for r in rows:
        t.add_row(*("" if v is None else escape(str(v)) for v in r))
    stdout().print(t)


def emit(items: Sequence, as_json: bool, title: str, columns: Sequence[str], row: Callable[..., Sequence]) -> None:
    """JSON (a list of the typed results) or a readable table."""
    if as_json:
        print_json([i.model_dump(mode="json") for i in items])
    elif not items:
        stdout().print(f"[dim]no {title.lower()} found[/dim]")
    else:
        table(title, columns, [row(i) for i in items])


def emit_page(page, as_json: bool, title: str, columns: Sequence[str], row: Callable[..., Sequence]) -> None:
    """A :class:`~detente.views.Page`: JSON with its total, or a table that says when it is cut."""
    if as_json:
        print_json(page.model_dump(mode="json"))
        return
    emit(page.items, False, title, columns, row)
    if page.cut:
        stdout().print(f"{page.showing()} (--limit, --offset or --all for more)", highlight=False, markup=False)
