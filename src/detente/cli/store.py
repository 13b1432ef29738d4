"""``detente ingest``, ``demo``, ``processes``, ``process set`` and ``export``: the store's writing side.

The query commands (actors, timeline, positions, quotes, search, gap) live
in :mod:`detente.cli.queries`; :func:`register` adds both.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..settings import Settings
from . import queries
from .common import (
    BatchSizeOption,
    EngineOption,
    RayAddressOption,
    WorkersOption,
    check_date,
    engine_settings,
    progress_bar,
    report_error,
    stderr,
)
from .output import DbOption, JsonOption, emit_page, open_store, table
from .queries import AllOption, LimitOption, OffsetOption, paging

#: Formats of ``detente export`` (kept here so ``--help`` needs no store import; a test checks they match).
EXPORT_FORMATS = ("csv", "json", "jsonl")

__all__ = ["register", "ingest_cmd", "demo_cmd", "processes_cmd", "process_set_cmd", "export_cmd"]

process_app = typer.Typer(help="Name the peace process a report belongs to.", no_args_is_help=True,
                          rich_markup_mode=None)


def _run_ingest(inputs: list[str], store, *, settings: Settings, published=None, process=None, force=False):
    from ..ingest import ingest
    from ..sources import count_documents

    try:
        with progress_bar("ingesting", count_documents(inputs)) as advance:
            report = ingest(inputs, store, settings=settings, published=published, process=process, force=force,
                            progress=lambda status, name, done: advance(None, done))
    except KeyboardInterrupt:
        typer.echo("interrupted: every report stored so far is complete; run the same command again to finish",
                   err=True)
        raise typer.Exit(130) from None
    for error in report.failed:
        report_error(error)
    return report


def ingest_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl files, URLs or feeds.", metavar="PATH...")],
    db: DbOption = None,
    published: Annotated[Optional[str], typer.Option(help="Date (YYYY-MM-DD) for reports that give none.",
                                                     callback=lambda v: check_date(v, "--published"))] = None,
    process: Annotated[Optional[str], typer.Option(help="Put every report of this run in this peace process.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract unchanged reports too (after an upgrade); "
                                                       "analysts' corrections are kept.")] = False,
    batch_size: BatchSizeOption = None,
    workers: WorkersOption = None,
    engine: EngineOption = None,
    ray_address: RayAddressOption = None,
) -> None:
    """Extract reports and store them, merged with what the store already holds.

    Unchanged reports are skipped before any NLP runs; a changed one replaces
    its old facts. Example: detente ingest reports/ --db detente.db --workers 2
    """
    settings = engine_settings(batch_size, workers, engine, ray_address)
    with open_store(db, settings=settings) as store:
        if process:
            from ..query import same_process

            process = same_process(store, process)
        report = _run_ingest(inputs, store, published=published, process=process, settings=settings, force=force)
    typer.echo(report.summary(), err=True)
    if report.orphaned:
        typer.echo(f"{len(report.orphaned)} corrections no longer find their fact (kept): "
                   "see detente curate log --orphaned", err=True)
    if report.failed:
        raise typer.Exit(1)


def demo_cmd(db: Annotated[Optional[str], typer.Option("--db", help="Store to create or update (default: DETENTE_DB or ./detente.db).")] = None) -> None:
    """Ingest the bundled sample reports and summarize the peace processes in them.

    Example: detente demo --db detente-demo.db
    """
    from ..sources import sample_path
    from .. import query

    settings = Settings.from_env().with_options(db=db)
    db = settings.db
    with open_store(db, settings=settings) as store:
        report = _run_ingest([str(sample_path())], store, settings=settings)
        typer.echo(f"{report.summary()} → {db}", err=True)
        counts = store.count()
        procs = query.list_processes(store)
        table("Peace processes", ["process", "reports", "first", "last", "latest meeting", "gap"],
              [[p.name, p.n_reports, p.first, p.last, p.latest_meeting.title if p.latest_meeting else "",
                p.gap_trend or ""] for p in procs])
        table("Stored", ["what", "count"], [[k.replace("_", " "), v] for k, v in counts.items()])
        meetings = [e for e in query.timeline(store, limit=200) if e.kind == "meeting"][-5:]
        table("Latest meetings", ["date", "meeting", "reports"], [[e.date, e.title, len(e.sources)] for e in meetings])
        # The first process whose parties have stated positions on some issue.
        for proc in procs:
            series = query.gap(store, process=proc.name)
            if series:
                table(f"Gap in {proc.name} (0 closed … 1 open)", ["issue", "gap", "trend", "changes"],
                      [[g.issue, "?" if g.current is None else f"{g.current:g}", g.trend or "", len(g.points)]
                       for g in series])
                break
    typer.echo("Next: detente timeline --db " + db + "   detente gap --db " + db + "   detente serve --db " + db,
               err=True)


def processes_cmd(limit: LimitOption = 100, offset: OffsetOption = 0, all: AllOption = False,
                  db: DbOption = None, json: JsonOption = False) -> None:
    """List the peace processes, with their parties, reports and gap trend.

    Example: detente processes --json
    """
    from .. import query

    with open_store(db, create=False) as store:
        procs = query.page("processes", store, **paging(limit, offset, all))
    emit_page(procs, json, "Peace processes", ["process", "parties", "reports", "first", "last", "gap trend"],
         lambda p: [p.name, ", ".join(p.parties), p.n_reports, p.first, p.last, p.gap_trend or ""])


@process_app.command("set")
def process_set_cmd(
    document_id: Annotated[str, typer.Argument(help="The report's id (see: detente search).")],
    name: Annotated[str, typer.Argument(help="The process, e.g. 'Russia–Ukraine'.")],
    db: DbOption = None,
) -> None:
    """Put a report in a peace process; later ingests keep it there.

    Example: detente process set voa-2025-05-16-istanbul "Russia–Ukraine"
    """
    from ..query import same_process

    with open_store(db, create=False) as store:
        name = same_process(store, name)
        store.set_process(document_id, name)
    typer.echo(f"{document_id} → {name}", err=True)


def export_cmd(
    format: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}.")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    process: Annotated[Optional[str], typer.Option(help="Only this peace process.")] = None,
    raw: Annotated[bool, typer.Option("--raw", help="As extracted, without analysts' corrections.")] = False,
    db: DbOption = None,
) -> None:
    """Export the stored records (json, jsonl) or every fact with its evidence (csv), each fact with its
    stable id, corrections applied and marked (corrected, verified).

    Example: detente export --format csv -o facts.csv
    """
    from ..export import export
    from ..query import check_filters

    with open_store(db, create=False) as store:
        process = check_filters(store, process=process)["process"]
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            n = export(store, format, out, process=process, raw=raw)
        finally:
            if output:
                out.close()
    stderr.print(f"{n} {'rows' if format == 'csv' else 'reports'} exported", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_cmd)
    app.command("demo")(demo_cmd)
    app.command("processes")(processes_cmd)
    app.add_typer(process_app, name="process")
    app.command("export")(export_cmd)
    queries.register(app)
