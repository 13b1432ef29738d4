"""What several commands share: progress on stderr, error lines, JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Annotated, Optional
from contextlib import contextmanager

import typer
from rich.console import Console

from ..errors import ConfigError, InputError
from ..settings import Settings

__all__ = [
    "stderr", "progress_bar", "report_error", "print_json", "engine_settings", "check_date",
    "BatchSizeOption", "WorkersOption", "EngineOption", "RayAddressOption",
]

stderr = Console(stderr=True)


@contextmanager
def progress_bar(label: str, total: int | None = None, *, enabled: bool | None = None) -> Iterator:
    """A rich progress bar on stderr, silent when stderr is not a terminal.

    Yields ``advance(outcome, done)``, a callback for :func:`detente.extract_stream`.
    """
    enabled = stderr.is_terminal if enabled is None else enabled
    if not enabled:
        yield lambda outcome, done: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=stderr, transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda outcome, done: bar.update(task, completed=done)


def report_error(error: InputError) -> None:
    """One line naming the input and the problem."""
    typer.echo(f"error: {error}", err=True)


def print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


#: Options shared by the commands that run extraction (extract, ingest). None means "not given":
#: the setting then comes from DETENTE_* (or its default), never from a CLI default.
BatchSizeOption = Annotated[Optional[int], typer.Option(help="Documents per spaCy batch [default: DETENTE_BATCH_SIZE or 32].", show_default=False)]
WorkersOption = Annotated[Optional[int], typer.Option(help="Worker processes (each loads the model once) or Ray actors [default: DETENTE_WORKERS or 1].", show_default=False)]
EngineOption = Annotated[Optional[str], typer.Option(help="'local' (this machine) or 'ray' (a Ray cluster) [default: DETENTE_ENGINE or local].", show_default=False)]
RayAddressOption = Annotated[
    Optional[str], typer.Option(help="Ray cluster address for --engine ray (default: start a local Ray).")
]


def engine_settings(batch_size: int | None, workers: int | None, engine: str | None,
                    ray_address: str | None) -> Settings:
    """Settings from the environment, overlaid with the extraction options given (None: not given)."""
    return Settings.from_env(batch_size=batch_size, workers=workers, engine=engine, ray_address=ray_address)


def check_date(value: str | None, option: str) -> str | None:
    """A real calendar date (YYYY, YYYY-MM or YYYY-MM-DD) given to ``option``, or ConfigError."""
    from ..isodates import normalize_published

    try:
        return normalize_published(value, option)
    except InputError as error:
        raise ConfigError(f"{option}: {error.problem.removeprefix('published ')}") from None
