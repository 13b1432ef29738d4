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
    gold_dir: Annotated[Optional[Path], typer.Argument(help="Folder of gold records (*.json).", metavar="GOLD_DIR")] = None,
    records: Annotated[Optional[Path], typer.Argument(help="Records to score, as JSON Lines.", metavar="RECORDS.jsonl")] = None,
    corpus: Annotated[Optional[Path], typer.Option(help="Folder of the documents (<id>.json) to check evidence against.")] = None,
    cv: Annotated[Optional[Path], typer.Option("--cv", help="Cross-validate by conflict on this development set (docs/, gold/, folds.json).", metavar="DEVSET")] = None,
    plover: Annotated[Optional[Path], typer.Option(help="Stance recall on PLOVER's coded sentences (PLOVER_GSR_CAMEO.txt).", metavar="FILE")] = None,
    extra: Annotated[Optional[list[Path]], typer.Option(help="With --cv: also train on this set (docs/, gold/; e.g. devset/extra); never scored.", metavar="SET")] = None,
    variant: Annotated[Optional[list[str]], typer.Option(help="With --cv: also a held-out run with these model thresholds over DETENTE_MODEL_THRESHOLDS, e.g. 'stance=0.5,issue=0.6' (above 1 = off); the fold's models are fitted once.", metavar="THRESHOLDS")] = None,
    rounds: Annotated[int, typer.Option(help="Bootstrap rounds for the --cv intervals.", min=10)] = 1000,
    grouping: Annotated[Optional[list[Path]], typer.Option(help="Score grouping into processes against these labels (INDEX.tsv, folds.json or JSON Lines of id, conflict).", metavar="LABELS")] = None,
    records_file: Annotated[Optional[list[Path]], typer.Option("--records", help="With --grouping: records from detente extract (JSON Lines).")] = None,
    docs: Annotated[Optional[list[str]], typer.Option(help="With --grouping: the reports' documents (folders, .jsonl).")] = None,
    names: Annotated[Optional[Path], typer.Option(help="With --grouping: JSON of conflict → accepted process names.")] = None,
    conflicts: Annotated[Optional[Path], typer.Option(help="With --grouping: JSON whose conflict_of maps label slugs to conflicts (folds.json).")] = None,
    shuffle: Annotated[int, typer.Option(help="With --grouping: also store the reports in N shuffled orders and check the partition is the same.", min=0)] = 0,
    passages: Annotated[bool, typer.Option(help="With --grouping: ask the relevance passage model as ingest does (embeds candidate paragraphs).")] = True,
    json_: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extracted records against gold records: P/R/F1 per category,
    accuracies (affiliation, attribution, agreement status and parties …),
    evidence validity and the overall score.

    With --cv, cross-validate on a development set instead: the learned models
    are trained without each fold's conflicts and scored on them (held-out),
    beside the models trained on everything (dev) and the rules alone.

    Examples:

      detente extract corpus/*.json -o records.jsonl && detente eval gold/ records.jsonl --corpus corpus/

      detente eval --cv devset/

      detente eval --cv devset/ --extra devset/extra

      detente eval --cv devset/ --variant stance=0.5 --variant stance=0.5,issue=0.6 --json

      detente eval --plover PLOVER_GSR_CAMEO.txt --json

      detente eval --grouping corpus/INDEX.tsv --records records.jsonl --docs corpus/ --json
    """
    if grouping:
        _grouping(grouping, records_file or [], docs or [], names, conflicts, shuffle, json_, passages)
        return
    if cv is not None or plover is not None:
        _special(cv, plover, rounds, json_, extra or [], variant or [])
        return
    if gold_dir is None or records is None:
        raise InputError("eval", "give GOLD_DIR and RECORDS.jsonl, or --cv DEVSET, or --plover FILE")
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


def _special(cv: Path | None, plover: Path | None, rounds: int, json_: bool, extra: list[Path],
             variants: list[str] = ()) -> None:
    from ..settings import Settings

    settings = Settings.from_env()
    console = Console(stderr=True)
    out: dict = {}
    if cv is not None:
        from ..crossval import crossval

        plans = {v: Settings(model_thresholds=tuple(v.split(","))).thresholds() for v in variants}
        result = crossval(cv, settings, extra=extra, variants=plans, progress=lambda msg: console.print(f"[dim]{msg}[/dim]"))
        out["cv"] = result.as_dict(rounds) if json_ else result
    if plover is not None:
        from ..plover import plover_recall

        if not plover.is_file():
            raise InputError(str(plover), "PLOVER file not found; pass PLOVER_GSR_CAMEO.txt")
        out["plover"] = plover_recall(plover, settings).as_dict()
    if json_:
        print_json(out)
        return
    console = Console()
    if "cv" in out:
        console.print(cv_table(out["cv"], rounds))
    if "plover" in out:
        p = out["plover"]
        by = ", ".join(f"{e} {v['found']}/{v['total']}" for e, v in p["by_event"].items())
        console.print(f"PLOVER stance recall: [bold]{p['recall']:.3f}[/bold] ({p['found']}/{p['total']}; {by})")


def _grouping(labels_files: list[Path], records: list[Path], docs: list[str], names: Path | None,
              conflicts: Path | None, shuffle: int, json_: bool, passages: bool = True) -> None:
    import json

    from ..grouping_eval import evaluate_grouping, read_labels, read_records, same_partition
    from ..records import Document
    from ..sources import iter_documents

    if not records or not docs:
        raise InputError("eval --grouping", "give --records (from detente extract) and --docs (the documents)")
    for path in [*labels_files, *records, *([names] if names else []), *([conflicts] if conflicts else [])]:
        if not path.is_file():
            raise InputError(str(path), "file not found; check the path")
    labels: dict = {}
    for path in labels_files:
        labels.update(read_labels(path))
    if conflicts:
        mapping = json.loads(conflicts.read_text(encoding="utf-8")).get("conflict_of", {})
        labels = {i: mapping.get(c, c) if c else c for i, c in labels.items()}
    key = {k: v for k, v in json.loads(names.read_text(encoding="utf-8")).items() if not k.startswith("_")} if names else None
    documents = [d for d in iter_documents(docs) if isinstance(d, Document)]
    recs = read_records(records)
    learned = None
    if passages:
        from ..learn.passages import document_verdicts

        learned = document_verdicts([d for d in documents if d.id in labels and d.id in recs])
    scores, assigned = evaluate_grouping(labels, recs, documents, names=key, learned=learned)
    out = scores.as_dict()
    if shuffle:
        out["same_partition_shuffled"] = all(
            same_partition(assigned, evaluate_grouping(labels, recs, documents, names=key, seed=seed,
                                                       learned=learned)[1])
            for seed in range(1, shuffle + 1))
    if json_:
        print_json(out)
        return
    console = Console()
    table = Table(title=f"detente eval --grouping — {scores.reports} reports, {scores.conflicts} conflicts, "
                        f"{len(scores.processes)} processes")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for figure in ("precision", "recall", "f1", "relevant_in_process", "unrelated_in_none", "named"):
        table.add_row(f"pairwise {figure}" if figure in ("precision", "recall", "f1") else figure, _fmt(out[figure]))
    if shuffle:
        table.add_row(f"same partition in {shuffle} shuffled orders", str(out["same_partition_shuffled"]))
    console.print(table)
    for p in scores.processes:
        console.print(f"  {p.name}: {p.reports} report(s), mostly {p.conflict} ({p.purity:.2f})"
                      + ("" if p.named is None else ("" if p.named else " [yellow]not named by its belligerents[/yellow]")))


def cv_table(result, rounds: int = 1000) -> Table:
    """Held-out beside dev and rules-only, with 95% intervals over conflicts."""
    from ..crossval import FIGURES

    conflicts = len(set(result.conflict.values()))
    table = Table(title=f"detente eval --cv — {len(result.conflict)} reports, {conflicts} conflicts, {len(result.folds)} folds by conflict")
    runs = list(result.runs)
    table.add_column("figure")
    for run in runs:
        table.add_column(run, justify="right")
    table.add_column("dev − held-out", justify="right")
    for figure in FIGURES:
        cells = []
        values = {}
        for run in runs:
            iv = result.interval(run, figure, rounds=rounds)
            values[run] = iv.value
            cells.append("—" if iv.value is None else f"{iv.value:.3f} [{_fmt(iv.low)}–{_fmt(iv.high)}]")
        gap = values.get("dev"), values.get("held-out")
        gap_cell = "—" if None in gap else f"{gap[0] - gap[1]:+.3f}"
        if figure == "overall":
            table.add_section()
        table.add_row(figure, *cells, gap_cell)
    return table


def train_cmd(
    devset: Annotated[Path, typer.Argument(help="Development set folder (docs/, gold/).", metavar="DEVSET")],
    out: Annotated[Optional[Path], typer.Option(help="Where to write the models (default: the packaged folder, detente/data/models).")] = None,
    relevance: Annotated[Optional[Path], typer.Option(help="Relevance labels (devset/relevance/labels.jsonl): their dev half also trains the passage model.")] = None,
    relevance_texts: Annotated[Optional[Path], typer.Option(help="The labelled documents (devset/relevance/build.py --texts).")] = None,
    only: Annotated[Optional[str], typer.Option(help="Train only this: 'passages' (the relevance passage model).")] = None,
    extra: Annotated[Optional[list[Path]], typer.Option(help="Also train on this set (docs/, gold/; e.g. devset/extra).", metavar="SET")] = None,
) -> None:
    """Train the stance, issue, agreement-status and assessment classifiers
    and the relevance passage model from a development set; deterministic
    (same set, same weights).

    Examples:

      detente train devset/   (or: make train)

      detente train devset/ --extra devset/extra --out /tmp/models
    """
    from ..learn.models import PACKAGED
    from ..learn.train import train

    if only not in (None, "passages"):
        raise InputError("--only", "only 'passages' can be trained alone")
    if (relevance is None) != (relevance_texts is None):
        raise InputError("--relevance", "give both --relevance and --relevance-texts, or neither")
    target = out or PACKAGED
    if only is None:
        from ..settings import Settings

        models = train(devset, target, extra=extra or [], threshold=Settings.from_env().thresholds())
        data = models.meta.get("data", {})
        typer.echo(f"trained on {data.get('reports')} reports, {data.get('sentences')} sentences; models written to {target}")
    from ..embeddings import get_encoder
    from ..learn.passages import train_passages
    from ..learn.train import load_devset

    passage = train_passages(load_devset(devset), target, get_encoder(), labels=relevance, texts=relevance_texts)
    data = passage.meta["data"]
    typer.echo(f"passage model: {data['paragraphs']} paragraphs ({data['peace']} peace) from {data['reports']} reports; written to {target}")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cmd)
    app.command("train")(train_cmd)
