"""``detente extract``: reports in, JSON Lines records out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import (
    BatchSizeOption,
    EngineOption,
    RayAddressOption,
    WorkersOption,
    check_date,
    engine_settings,
    progress_bar,
    report_error,
)

__all__ = ["register", "extract_cmd", "PublishedOption"]


def _check_published(value: str | None) -> str | None:
    """Refuse a malformed or unreal date before any report is read."""
    return check_date(value, "--published")


PublishedOption = Annotated[Optional[str], typer.Option(help="Date (YYYY-MM-DD) for documents that give none.",
                                                        callback=_check_published)]


def extract_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl files, http(s) URLs or feeds.", metavar="PATH...")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write JSON Lines here instead of stdout.")] = None,
    published: PublishedOption = None,
    batch_size: BatchSizeOption = None,
    workers: WorkersOption = None,
    engine: EngineOption = None,
    ray_address: RayAddressOption = None,
) -> None:
    """Extract a sourced record from each report, as JSON Lines.

    Example: detente extract reports/ feed.xml https://example.org/story -o records.jsonl
    """
    from ..errors import InputError
    from ..pipeline import extract_stream
    from ..sources import iter_documents

    settings = engine_settings(batch_size, workers, engine, ray_address)
    failed = 0
    out = _open_output(output)
    try:
        with progress_bar("extracting") as advance:
            items = iter_documents(inputs, settings=settings, published=published)
            for outcome in extract_stream(items, settings=settings, progress=advance):
                if isinstance(outcome, InputError):
                    failed += 1
                    report_error(outcome)
                    continue
                out.write(outcome.to_json() + "\n")
                out.flush()
    finally:
        if output:
            out.close()
    if failed:
        typer.echo(f"{failed} input(s) failed; the others were extracted", err=True)
        raise typer.Exit(1)


def _open_output(output: Path | None):
    if output is None:
        return sys.stdout
    try:
        return open(output, "w", encoding="utf-8")
    except OSError as exc:
        raise typer.BadParameter(f"cannot write {output} ({exc.strerror or exc})", param_hint="--output") from None


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cmd)
