"""``detente curate``: analysts' corrections, a thin layer over :mod:`detente.curate`.

Every command takes ``--why``, ``--by`` (default: DETENTE_CURATOR), ``--db``
and ``--json``; a bad id, field or value is one line and exit status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import ConfigError
from ..settings import Settings
from .common import print_json, stderr
from .output import DbOption, JsonOption, open_store, table

__all__ = ["register", "curate_app"]

curate_app = typer.Typer(
    help="Correct what extraction got wrong: hide, set, add, merge, split, move, verify; undo; log.\n\n"
         "Corrections never change the extracted facts: every reader applies them (see --raw), and "
         "`detente ingest --force` keeps them for every fact it still finds.",
    no_args_is_help=True, rich_markup_mode=None)

WhyOption = Annotated[str, typer.Option("--why", help="Why (free text, kept in the log).")]
ByOption = Annotated[Optional[str], typer.Option("--by", help="Who corrects [default: DETENTE_CURATOR].", show_default=False)]


def _run(db: str | None, by: str | None, fn):
    """Open the store (which must exist), run ``fn(store, who, settings)``."""
    settings = Settings.from_env()
    who = by or settings.curator
    with open_store(db, create=False, settings=settings) as store:
        return fn(store, who, settings)


def _show(corrections: list, as_json: bool, title: str = "Corrections") -> None:
    if as_json:
        print_json([c.model_dump(mode="json") for c in corrections])
        return
    if not corrections:
        stderr.print("[dim]no corrections[/dim]")
        return
    table(title, ["id", "when", "who", "action", "target", "change", "why", "state"],
          [[c.id, c.at[:19], c.by, c.action, c.target, _change(c), c.why,
            "undone" if c.undone_at else "orphaned" if c.orphaned else ""] for c in corrections])


def _change(c) -> str:
    if c.action == "set":
        return f"{c.field}: {c.before} → {c.value}"
    if c.action == "merge":
        return f"{c.before} → {c.value} ({c.data['into']})"
    if c.action in ("move", "rename"):
        before = c.before.get("process") if isinstance(c.before, dict) and "process" in c.before else c.target
        return f"{before} → {c.value if c.value is not None else '(not a peace process)'}"
    if c.action == "split":
        return f"{len(c.data['facts'])} mentions → {c.value}"
    if c.action == "add":
        f = c.data["fact"]
        return f"{c.data['kind']}: " + ", ".join(f"{k}={v}" for k, v in f.items() if k not in ("evidence", "mentions") and v)
    return ""


def _pairs(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise ConfigError(f"{item!r} is not FIELD=VALUE (e.g. stance=reject)")
        out[name.strip()] = value.strip()
    return out


@curate_app.command("hide")
def hide_cmd(fact_id: Annotated[str, typer.Argument(help="The fact's id (f-…), from any --json output.")],
             why: WhyOption = "", by: ByOption = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Hide a fact everywhere (it stays in the store; --raw shows it).

    Example: detente curate hide f-3f077da8ed8f --why "not a position: a question" --by ana
    """
    from .. import curate

    _show([_run(db, by, lambda s, who, _: curate.hide(s, fact_id, why=why, by=who))], json)


@curate_app.command("restore")
def restore_cmd(fact_id: Annotated[str, typer.Argument(help="The hidden fact's id (f-…).")],
                why: WhyOption = "", by: ByOption = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Show a hidden fact again.

    Example: detente curate restore f-3f077da8ed8f --why "it is a position after all"
    """
    from .. import curate

    _show([_run(db, by, lambda s, who, _: curate.restore(s, fact_id, why=why, by=who))], json)


@curate_app.command("verify")
def verify_cmd(fact_id: Annotated[str, typer.Argument(help="The fact's id (f-…).")],
               why: WhyOption = "", by: ByOption = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Mark a fact checked against its report (shown as verified).

    Example: detente curate verify f-075e4ecf5c54 --by ana
    """
    from .. import curate

    _show([_run(db, by, lambda s, who, _: curate.verify(s, fact_id, why=why, by=who))], json)


@curate_app.command("set")
def set_cmd(target: Annotated[str, typer.Argument(help="A fact id (f-…) or an actor id (e-…).")],
            changes: Annotated[list[str], typer.Argument(help="FIELD=VALUE: speaker, party, issue, stance, status, "
                                                              "date, quantity, affiliation, polarity (as the fact has "
                                                              "them); for an actor: name, affiliation, kind.",
                                                         metavar="FIELD=VALUE...")],
            why: WhyOption = "", by: ByOption = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Correct fields of a fact or of a merged actor.

    Example: detente curate set f-075e4ecf5c54 stance=reject --why "misread negation"
    """
    from .. import curate

    pairs = _pairs(changes)
    done = _run(db, by, lambda s, who, st: [curate.set_field(s, target, k, v, why=why, by=who, settings=st)
                                             for k, v in pairs.items()])
    _show(done, json)


@curate_app.command("add")
def add_cmd(report_id: Annotated[str, typer.Argument(help="The report's id (see: detente search).")],
            kind: Annotated[str, typer.Argument(help="position, quote, meeting, agreement, incident, actor, "
                                                     "assessment or date.")],
            values: Annotated[list[str], typer.Argument(help="FIELD=VALUE of the fact (e.g. party=Russia "
                                                             "issue=ceasefire stance=reject).", metavar="FIELD=VALUE...")],
            quote: Annotated[Optional[str], typer.Option("--quote", help="The words of the report the fact rests on.")] = None,
            start: Annotated[Optional[int], typer.Option(help="Evidence start offset (instead of --quote).")] = None,
            end: Annotated[Optional[int], typer.Option(help="Evidence end offset.")] = None,
            why: WhyOption = "", by: ByOption = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Add a fact the extractor missed, with its evidence in the report.

    Example: detente curate add voa-1 position party=Russia issue=ceasefire stance=reject --quote "Moscow said no"
    """
    from .. import curate

    pairs = _pairs(values)
    _show([_run(db, by, lambda s, who, st: curate.add(s, report_id, kind, pairs, start=start, end=end, quote=quote,
                                                      why=why, by=who, settings=st))], json)


@curate_app.command("merge")
def merge_cmd(source: Annotated[str, typer.Argument(help="Actor id (e-…) to merge; with --process, a process name.")],
              into: Annotated[str, typer.Argument(help="Actor id (e-…) it is the same as; with --process, a process.")],
              process: Annotated[bool, typer.Option("--process", help="Merge two peace processes instead.")] = False,
              why: WhyOption = "", by: ByOption = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Merge two actors that are one person or group (or, with --process, two processes).

    Example: detente curate merge e-a66880b488fe e-35e980f28546 --why "same person, two spellings"
    """
    from .. import curate

    fn = curate.rename if process else curate.merge
    _show([_run(db, by, lambda s, who, _: fn(s, source, into, why=why, by=who))], json)


@curate_app.command("split")
def split_cmd(actor_id: Annotated[str, typer.Argument(help="The merged actor (e-…).")],
              fact_ids: Annotated[list[str], typer.Argument(help="Its mentions (f-…) that are someone else.")],
              name: Annotated[str, typer.Option("--name", help="Who those mentions are.")],
              why: WhyOption = "", by: ByOption = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Split mentions off a merged actor into a new one (two people merged as one).

    Example: detente curate split e-35e980f28546 f-161ed3e26543 --name "Oleksandr Zelensky"
    """
    from .. import curate

    _show([_run(db, by, lambda s, who, _: curate.split(s, actor_id, fact_ids, name, why=why, by=who))], json)


@curate_app.command("move")
def move_cmd(report_id: Annotated[str, typer.Argument(help="The report's id.")],
             process: Annotated[Optional[str], typer.Argument(help="The peace process it belongs to.")] = None,
             none: Annotated[bool, typer.Option("--none", help="It is not about a peace process.")] = False,
             why: WhyOption = "", by: ByOption = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Move a report to another peace process, or out of all of them (--none).

    Example: detente curate move geneva-4 "Russia–Ukraine" --why "same talks"
    """
    from .. import curate

    if (process is None) == (not none):
        raise ConfigError("give a process, or --none for a report that is not about a peace process")
    _show([_run(db, by, lambda s, who, _: curate.move(s, report_id, process, why=why, by=who))], json)


@curate_app.command("rename")
def rename_cmd(old: Annotated[str, typer.Argument(help="The process's name now.")],
               new: Annotated[str, typer.Argument(help="Its new name; an existing process: merge into it.")],
               why: WhyOption = "", by: ByOption = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Rename a peace process, or merge it into an existing one.

    Example: detente curate rename "Israel–Palestine" "Israel–Hamas" --why "same war"
    """
    from .. import curate

    _show([_run(db, by, lambda s, who, _: curate.rename(s, old, new, why=why, by=who))], json)


@curate_app.command("undo")
def undo_cmd(correction_id: Annotated[str, typer.Argument(help="The correction's id (c-…), from the log.")],
             why: WhyOption = "", by: ByOption = None, db: DbOption = None, json: JsonOption = False) -> None:
    """Take a correction back (the log keeps it, marked undone).

    Example: detente curate undo c-21e36685048c --by ana
    """
    from .. import curate

    _show([_run(db, by, lambda s, who, _: curate.undo(s, correction_id, by=who))], json)


@curate_app.command("log")
def log_cmd(who: Annotated[Optional[str], typer.Option("--by", help="Only this person's corrections.")] = None,
            process: Annotated[Optional[str], typer.Option(help="Only corrections in this peace process.")] = None,
            orphaned: Annotated[bool, typer.Option("--orphaned", help="Only those whose fact a re-extraction no "
                                                                     "longer finds.")] = False,
            db: DbOption = None, json: JsonOption = False) -> None:
    """The corrections, oldest first: who, when, why, the value before; undone and orphaned ones marked.

    Example: detente curate log --by ana --json
    """
    from .. import curate

    _show(_run(db, "-", lambda s, _, __: curate.log(s, by=who, process=process, orphaned=orphaned)), json)


@curate_app.command("export")
def export_cmd(output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File (default: stdout).")] = None,
               db: DbOption = None) -> None:
    """Write every correction as JSON Lines, to share or keep under version control.

    Example: detente curate export > corrections.jsonl
    """
    from .. import curate

    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        n = _run(db, "-", lambda s, _, __: curate.export_jsonl(s, out))
    finally:
        if output:
            out.close()
    stderr.print(f"{n} corrections exported", highlight=False)


@curate_app.command("import")
def import_cmd(path: Annotated[Path, typer.Argument(help="A JSON Lines file from detente curate export ('-': stdin).")],
               db: DbOption = None, json: JsonOption = False) -> None:
    """Read corrections from JSON Lines; ones already in the store are skipped (import twice: no change).

    Example: detente curate import corrections.jsonl --db team.db
    """
    from .. import curate

    if str(path) != "-" and not path.is_file():
        raise ConfigError(f"no file {path}")
    lines = sys.stdin if str(path) == "-" else path.read_text(encoding="utf-8").splitlines()
    added, skipped = _run(db, "-", lambda s, _, __: curate.import_jsonl(s, lines))
    if json:
        print_json({"added": added, "skipped": skipped})
    stderr.print(f"{added} corrections imported, {skipped} already there", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(curate_app, name="curate")
