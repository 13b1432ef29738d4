"""``detente eval``: score records against gold records (SCORING.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..errors import InputError
from .common import print_json

if TYPE_CHECKING:
    from ..evaluate import Scores

__all__ = ["register", "eval_cmd", "scores_table"]


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def scores_table(scores: Scores) -> Table:
    """Per-category P/R/F1 with counts, then the accuracies and the overall score."""
    from ..evaluate import CATEGORIES  # here, not at the top: ``detente --help`` stays light
    table = Table(title=f"detente eval — {len(scores.documents)} gold documents", show_lines=False)
    for column in ("category", "P", "R", "F1", "TP", "FP", "FN", "opt"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for category in CATEGORIES:
        c = scores.counts[category.name]
        table.add_row(category.name, _fmt(c.precision), _fmt(c.recall), _fmt(c.f1),
                      str(c.tp), str(c.fp), str(c.fn), str(c.optional))
    table.add_section()
    for name, ratio in scores.accuracies.items():
        label = name if name.endswith("recall") else f"{name} accuracy"
        table.add_row(label, "", "", _fmt(ratio.value), str(ratio.hits), "", str(ratio.total - ratio.hits), "")
    table.add_row("evidence_valid", "", "", _fmt(scores.evidence_valid), "", "", "", "")
    table.add_section()
    table.add_row("[bold]overall[/bold]", "", "", f"[bold]{_fmt(scores.overall)}[/bold]", "", "", "", "")
    return table


def eval_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold records (*.json).", metavar="GOLD_DIR")],
    records: Annotated[Path, typer.Argument(help="Records to score, as JSON Lines.", metavar="RECORDS.jsonl")],
    corpus: Annotated[Optional[Path], typer.Option(help="Folder of the documents (<id>.json) to check evidence against.")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extracted records against gold records: P/R/F1 per category,
    accuracies, evidence validity and the overall score.

    Example: detente extract corpus/*.json -o records.jsonl && detente eval gold/ records.jsonl --corpus corpus/
    """
    for path, what in ((gold_dir, "gold folder"), (records, "records file")):
        if not path.exists():
            raise InputError(str(path), f"{what} not found; check the path")
    if corpus is not None and not corpus.is_dir():
        raise InputError(str(corpus), "corpus folder not found; pass the folder of <id>.json documents")
    from ..evaluate import evaluate

    scores = evaluate(gold_dir, records, corpus)
    if json_:
        print_json(scores.as_dict())
        return
    console = Console()
    console.print(scores_table(scores))
    if scores.missing:
        console.print(f"[yellow]no record for {len(scores.missing)} gold document(s):[/yellow] {', '.join(scores.missing)}")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cmd)
