"""``detente actors``, ``timeline``, ``positions``, ``quotes``, ``search``, ``gap``: thin layers over
:mod:`detente.query`, each with ``--json``.

Lists come a page at a time with their true total (:func:`detente.query.page`):
a table cut short says "showing 100 of 174", ``--json`` carries ``total``.
Process, party and issue names are matched ignoring case and dash type; an
unknown one is refused with the known ones.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .common import check_date
from .output import DbOption, JsonOption, emit, emit_page, open_store

__all__ = ["register", "LimitOption", "OffsetOption", "AllOption"]

ProcessOption = Annotated[Optional[str], typer.Option(help="Only this peace process (see: detente processes).")]


def _check_limit(value: int) -> int:
    if value < 1:
        from ..errors import ConfigError

        raise ConfigError(f"--limit must be at least 1, not {value}")
    return value


def _check_offset(value: int) -> int:
    if value < 0:
        from ..errors import ConfigError

        raise ConfigError(f"--offset must be 0 or more, not {value}")
    return value


LimitOption = Annotated[int, typer.Option(help="Most results to show.", callback=_check_limit)]
OffsetOption = Annotated[int, typer.Option(help="Results to skip first (the next page: --offset 100).",
                                           callback=_check_offset)]
AllOption = Annotated[bool, typer.Option("--all", help="Show every result (no --limit).")]
SinceOption = Annotated[Optional[str], typer.Option(help="From this date (YYYY-MM-DD).",
                                                    callback=lambda v: check_date(v, "--since"))]
RawOption = Annotated[bool, typer.Option("--raw", help="As extracted, without analysts' corrections.")]
UntilOption = Annotated[Optional[str], typer.Option(help="Up to this date.", callback=lambda v: check_date(v, "--until"))]


def paging(limit: int, offset: int, everything: bool) -> dict:
    """The ``limit``/``offset`` of :func:`detente.query.page` from the options."""
    return {"limit": None if everything else limit, "offset": offset}


def _reader(db: str | None):
    """The store for a read command, and the query module: a missing SQLite file is refused, not created."""
    from .. import query

    return open_store(db, create=False), query


def _mark(item) -> str:
    """The curation marker of a row: corrected and/or verified by an analyst."""
    return " ".join(m for m in ("corrected", "verified") if getattr(item, m, False))


def _first(refs) -> str:
    return refs[0].document_id + (f" (+{len(refs) - 1})" if len(refs) > 1 else "") if refs else ""


def actors_cmd(process: ProcessOption = None, kind: Annotated[Optional[str], typer.Option(help="person, state, organization or group.")] = None,
               limit: LimitOption = 50, offset: OffsetOption = 0, all: AllOption = False,
               db: DbOption = None, json: JsonOption = False, raw: RawOption = False) -> None:
    """List actors merged across reports (one per person, whatever the spelling).

    Example: detente actors --kind person --process "Russia–Ukraine"
    """
    store, query = _reader(db)
    with store:
        found = query.page("actors", store, process=process, kind=kind, raw=raw, **paging(limit, offset, all))
    emit_page(found, json, "Actors", ["id", "name", "kind", "affiliation", "reports", "spellings", ""],
              lambda a: [a.id, a.name, a.kind, a.affiliation, a.n_reports, ", ".join(a.spellings), _mark(a)])


def _when(event) -> str | None:
    return f"{event.date} (planned)" if event.planned else f"{event.date} (background)" if event.background else event.date


def timeline_cmd(process: ProcessOption = None, since: SinceOption = None, until: UntilOption = None,
                 background: Annotated[bool, typer.Option(
                     "--background", help="Also history mentioned in passing (a 1994 memorandum in a 2025 report).")] = False,
                 limit: LimitOption = 100, offset: OffsetOption = 0, all: AllOption = False,
                 db: DbOption = None, json: JsonOption = False, raw: RawOption = False) -> None:
    """Meetings, agreements, incidents and statements in date order, each with its sources.

    The latest --limit events of the range; --offset 100 the 100 before them.
    Example: detente timeline --process "Russia–Ukraine" --since 2026-01-01 --background
    """
    store, query = _reader(db)
    with store:
        events = query.page("timeline", store, process=process, since=since, until=until, background=background,
                            raw=raw, **paging(limit, offset, all))
    emit_page(events, json, "Timeline", ["date", "kind", "event", "detail", "reports", ""],
              lambda e: [_when(e), e.kind, e.title, e.detail, len(e.sources), _mark(e)])


def positions_cmd(process: ProcessOption = None, party: Annotated[Optional[str], typer.Option(help="e.g. Russia")] = None,
                  issue: Annotated[Optional[str], typer.Option(help="An issue id, e.g. territory.")] = None,
                  limit: LimitOption = 200, offset: OffsetOption = 0, all: AllOption = False,
                  db: DbOption = None, json: JsonOption = False, raw: RawOption = False) -> None:
    """Each party's stances by issue over time, with the claim and its report.

    Example: detente positions --party Russia --issue territory
    """
    store, query = _reader(db)
    with store:
        found = query.page("positions", store, process=process, party=party, issue=issue, raw=raw,
                           **paging(limit, offset, all))
    emit_page(found, json, "Positions", ["id", "date", "party", "issue", "stance", "claim", "report", ""],
              lambda p: [p.id, p.date, p.party, p.issue, p.stance, p.claim or p.source.text, p.source.document_id,
                         _mark(p)])


def quotes_cmd(speaker: Annotated[Optional[str], typer.Option(help="Any spelling of the speaker's name.")] = None,
               party: Annotated[Optional[str], typer.Option(help="The speaker's side.")] = None,
               issue: Annotated[Optional[str], typer.Option(help="An issue id.")] = None,
               text: Annotated[Optional[str], typer.Option(help="Words the quote contains.")] = None,
               limit: LimitOption = 50, offset: OffsetOption = 0, all: AllOption = False,
               db: DbOption = None, json: JsonOption = False, raw: RawOption = False) -> None:
    """Quotes, deduplicated across outlets, newest first, with every report carrying them.

    Example: detente quotes --speaker Zelensky
    """
    store, query = _reader(db)
    with store:
        found = query.page("quotes", store, speaker=speaker, party=party, issue=issue, text=text, raw=raw,
                           **paging(limit, offset, all))
    emit_page(found, json, "Quotes", ["date", "speaker", "quote", "reports", ""],
              lambda q: [q.date, q.speaker, q.text, _first(q.sources), _mark(q)])


def search_cmd(text: Annotated[str, typer.Argument(help="Words to find.")], limit: LimitOption = 20,
               offset: OffsetOption = 0, all: AllOption = False, db: DbOption = None, json: JsonOption = False) -> None:
    """Full-text search over the stored reports.

    Example: detente search "prisoner exchange"
    """
    store, query = _reader(db)
    with store:
        hits = query.page("search", store, text=text, **paging(limit, offset, all))
    emit_page(hits, json, "Reports", ["report", "published", "title", "snippet"],
              lambda h: [h.document_id, h.published, h.title, h.snippet])


def gap_cmd(process: ProcessOption = None, issue: Annotated[Optional[str], typer.Option(help="An issue id.")] = None,
            since: SinceOption = None, until: UntilOption = None,
            db: DbOption = None, json: JsonOption = False, raw: RawOption = False) -> None:
    """The gap between the parties on each issue (0 closed … 1 open) and its trend over the window.

    Rules: docs/gap.md. Example: detente gap --process "Russia–Ukraine" --issue territory --since 2026-01-01
    """
    store, query = _reader(db)
    with store:
        series = query.gap(store, **query.check_filters(store, process=process, issue=issue), since=since, until=until,
                           raw=raw)
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
