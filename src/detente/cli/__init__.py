"""The ``detente`` command: a thin typer layer over the library.

Each area registers its commands from its own module; none holds logic that
the library does not expose.
"""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from ..errors import ConfigError, DetenteError
from . import curate as _curate
from . import evaluate as _evaluate
from . import extract as _extract
from . import store as _store
from . import web as _web

__all__ = ["app", "main", "exit_code"]


def exit_code(error: DetenteError) -> int:
    """2 for a bad option, setting or missing store (as for a usage error), 1 for the rest."""
    return 2 if isinstance(error, ConfigError) else 1


class _OneLineErrors(TyperGroup):
    """A bad option or setting (ConfigError, raised while parsing options or running a command)
    as one line and exit status 2, like a usage error; :func:`main` does the same for the other errors."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_OneLineErrors,
    name="detente",
    help="Turn news reports about peace negotiations into structured, sourced records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: typer's rich help imports rich.markdown and friends (0.1–0.2 s) on every --help.
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"detente {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", help="Print detente's version and exit.", is_eager=True, callback=_print_version
    ),
) -> None:
    """Turn news reports about peace negotiations into structured, sourced records.

    Start with: detente demo (the bundled sample), or detente extract REPORTS... -o records.jsonl
    """


for _module in (_extract, _web, _evaluate, _store, _curate):
    _module.register(app)


def main() -> None:
    """Entry point: one line per error, never a traceback, non-zero exit."""
    try:
        app()
    except DetenteError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exit_code(exc))
