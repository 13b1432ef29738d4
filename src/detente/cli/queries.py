"""``detente actors``, ``timeline``, ``positions``, ``quotes``, ``search``, ``gap``: thin layers over
:mod:`detente.query`, each with ``--json``."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .common import check_date
from .output import DbOption, JsonOption, emit, open_store

__all__ = ["register"]

ProcessOption = Annotated[Optional[str], typer.Option(help="Only this peace process (see: detente processes).")]
def _check_limit(value: int) -> int:
    if value < 1:
        from ..errors import ConfigError

        raise ConfigError(f"--limit must be at least 1, not {value}")
    return value


LimitOption = Annotated[int, typer.Option(help="Most results to show.", callback=_check_limit)]
SinceOption = Annotated[Optional[str], typer.Option(help="From this date (YYYY-MM-DD).",
                                                    callback=lambda v: check_date(v, "--since"))]
UntilOption = Annotated[Optional[str], typer.Option(help="Up to this date.", callback=lambda v: check_date(v, "--until"))]


def _reader(db: str | None):
    """The store for a read command, and the query module: a missing SQLite file is refused, not created."""
    from .. import query

    return open_store(db, create=False), query


def _first(refs) -> str:
    return refs[0].document_id + (f" (+{len(refs) - 1})" if len(refs) > 1 else "") if refs else ""


def actors_cmd(process: ProcessOption = None, kind: Annotated[Optional[str], typer.Option(help="person, state, organization or group.")] = None,
               limit: LimitOption = 50, db: DbOption = None, json: JsonOption = False) -> None:
    """List actors merged across reports (one per person, whatever the spelling).

    Example: detente actors --kind person --process "Russia–Ukraine"
    """
    store, query = _reader(db)
    with store:
        found = query.list_actors(store, process=process, kind=kind, limit=limit)
    emit(found, json, "Actors", ["name", "kind", "affiliation", "reports", "spellings"],
         lambda a: [a.name, a.kind, a.affiliation, a.n_reports, ", ".join(a.spellings)])


def _when(event) -> str | None:
    return f"{event.date} (planned)" if event.planned else f"{event.date} (background)" if event.background else event.date


def timeline_cmd(process: ProcessOption = None, since: SinceOption = None, until: UntilOption = None,
                 background: Annotated[bool, typer.Option(
                     "--background", help="Also history mentioned in passing (a 1994 memorandum in a 2025 report).")] = False,
                 limit: LimitOption = 100, db: DbOption = None, json: JsonOption = False) -> None:
    """Meetings, agreements, incidents and statements in date order, each with its sources.

    Example: detente timeline --process "Russia–Ukraine" --since 2026-01-01 --background
    """
    store, query = _reader(db)
    with store:
        events = query.timeline(store, process=process, since=since, until=until, limit=limit, background=background)
    emit(events, json, "Timeline", ["date", "kind", "event", "detail", "reports"],
         lambda e: [_when(e), e.kind, e.title, e.detail, len(e.sources)])


def positions_cmd(process: ProcessOption = None, party: Annotated[Optional[str], typer.Option(help="e.g. Russia")] = None,
                  issue: Annotated[Optional[str], typer.Option(help="An issue id, e.g. territory.")] = None,
                  limit: LimitOption = 200, db: DbOption = None, json: JsonOption = False) -> None:
    """Each party's stances by issue over time, with the claim and its report.

    Example: detente positions --party Russia --issue territory
    """
    store, query = _reader(db)
    with store:
        found = query.positions(store, process=process, party=party, issue=issue, limit=limit)
    emit(found, json, "Positions", ["date", "party", "issue", "stance", "claim", "report"],
         lambda p: [p.date, p.party, p.issue, p.stance, p.claim or p.source.text, p.source.document_id])


def quotes_cmd(speaker: Annotated[Optional[str], typer.Option(help="Any spelling of the speaker's name.")] = None,
               party: Annotated[Optional[str], typer.Option(help="The speaker's side.")] = None,
               issue: Annotated[Optional[str], typer.Option(help="An issue id.")] = None,
               text: Annotated[Optional[str], typer.Option(help="Words the quote contains.")] = None,
               limit: LimitOption = 50, db: DbOption = None, json: JsonOption = False) -> None:
    """Quotes, deduplicated across outlets, newest first, with every report carrying them.

    Example: detente quotes --speaker Zelensky
    """
    store, query = _reader(db)
    with store:
        found = query.quotes(store, speaker=speaker, party=party, issue=issue, text=text, limit=limit)
    emit(found, json, "Quotes", ["date", "speaker", "quote", "reports"],
         lambda q: [q.date, q.speaker, q.text, _first(q.sources)])


def search_cmd(text: Annotated[str, typer.Argument(help="Words to find.")], limit: LimitOption = 20,
               db: DbOption = None, json: JsonOption = False) -> None:
    """Full-text search over the stored reports.

    Example: detente search "prisoner exchange"
    """
    store, query = _reader(db)
    with store:
        hits = query.search(store, text, limit=limit)
    emit(hits, json, "Reports", ["report", "published", "title", "snippet"],
         lambda h: [h.document_id, h.published, h.title, h.snippet])


def gap_cmd(process: ProcessOption = None, issue: Annotated[Optional[str], typer.Option(help="An issue id.")] = None,
            since: SinceOption = None, until: UntilOption = None,
            db: DbOption = None, json: JsonOption = False) -> None:
    """The gap between the parties on each issue (0 closed … 1 open) and its trend over the window.

    Rules: docs/gap.md. Example: detente gap --process "Russia–Ukraine" --issue territory --since 2026-01-01
    """
    store, query = _reader(db)
    with store:
        series = query.gap(store, process=process, issue=issue, since=since, until=until)
    emit(series, json, "Gap", ["process", "issue", "gap", "trend", "stances now", "changes"],
         lambda g: [g.process, g.issue, "?" if g.current is None else f"{g.current:g}", g.trend or "",
                    ", ".join(f"{k}: {v}" for k, v in (g.points[-1].stances if g.points else {}).items()),
                    len(g.points)])


def register(app: typer.Typer) -> None:
    app.command("actors")(actors_cmd)
    app.command("timeline")(timeline_cmd)
    app.command("positions")(positions_cmd)
    app.command("quotes")(quotes_cmd)
    app.command("search")(search_cmd)
    app.command("gap")(gap_cmd)
