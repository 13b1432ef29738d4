"""How well reports are grouped into peace processes: ``detente eval --grouping``.

Reports and their records (cached from ``detente extract``, so no NLP runs)
go through the resolve stage into a temporary store, in a given or shuffled
order; the processes they land in are compared with gold conflicts:

- **pairwise** precision / recall / F1 over pairs of reports: a pair is
  predicted when both reports are in one process, gold when both are about
  one conflict (reports about no conflict are in no gold pair);
- **relevant in a process**: share of reports about a conflict that joined one;
- **unrelated in none**: share of reports about no conflict left out of every process;
- **named by belligerents**: each process whose reports are mostly about one
  conflict carries one of the names the key (``names``) accepts for it.
"""

from __future__ import annotations

import csv
import json
import random
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path

from .errors import InputError
from .records import Document, Record

__all__ = ["GroupingScores", "ProcessScore", "score_grouping", "group_reports", "read_labels", "read_records",
           "evaluate_grouping", "same_partition"]


@dataclass(frozen=True)
class ProcessScore:
    name: str
    reports: int
    conflict: str | None  # the gold conflict most of its reports are about
    purity: float
    named: bool | None  # None: the key has no names for that conflict


@dataclass
class GroupingScores:
    reports: int
    relevant: int
    unrelated: int
    conflicts: int
    precision: float | None
    recall: float | None
    f1: float | None
    relevant_in_process: float | None
    unrelated_in_none: float | None
    named: float | None
    processes: list[ProcessScore] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _ratio(hits: int, total: int) -> float | None:
    return hits / total if total else None


def score_grouping(assigned: Mapping[str, str | None], gold: Mapping[str, str | None],
                   names: Mapping[str, Sequence[str]] | None = None) -> GroupingScores:
    """Scores of ``assigned`` (report id → process) against ``gold`` (report id → conflict or None)."""
    ids = sorted(i for i in gold if i in assigned)
    tp = fp = fn = 0
    for a, b in combinations(ids, 2):
        p = assigned[a] is not None and assigned[a] == assigned[b]
        g = gold[a] is not None and gold[a] == gold[b]
        tp += p and g
        fp += p and not g
        fn += g and not p
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = (2 * precision * recall / (precision + recall) if precision and recall else
          (None if precision is None or recall is None else 0.0))
    relevant = [i for i in ids if gold[i] is not None]
    unrelated = [i for i in ids if gold[i] is None]
    members: dict[str, list[str]] = {}
    for i in ids:
        if assigned[i] is not None:
            members.setdefault(assigned[i], []).append(i)
    processes = []
    for name, docs in sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        top, n = Counter(gold[i] for i in docs).most_common(1)[0]
        accepted = (names or {}).get(top) if top is not None else None
        processes.append(ProcessScore(name=name, reports=len(docs), conflict=top, purity=n / len(docs),
                                      named=None if accepted is None else name in accepted))
    judged = [p for p in processes if p.named is not None]
    return GroupingScores(
        reports=len(ids), relevant=len(relevant), unrelated=len(unrelated),
        conflicts=len({gold[i] for i in relevant}), precision=precision, recall=recall, f1=f1,
        relevant_in_process=_ratio(sum(assigned[i] is not None for i in relevant), len(relevant)),
        unrelated_in_none=_ratio(sum(assigned[i] is None for i in unrelated), len(unrelated)),
        named=_ratio(sum(bool(p.named) for p in judged), len(judged)), processes=processes,
    )


def group_reports(items: Iterable[tuple[Document, Record]], *, seed: int | None = None,
                  learned: Mapping[str, Mapping[int, bool]] | None = None) -> dict[str, str | None]:
    """Report id → process after storing ``items`` into a fresh temporary store (shuffled by ``seed``;
    ``learned``: report id → the passage model's verdicts, as ingest gives them to resolve)."""
    from functools import partial

    from .resolve import place
    from .store import Store

    items = list(items)
    if seed is not None:
        random.Random(seed).shuffle(items)
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "grouping.db")) as store:
        for document, record in items:
            store.add(document, record, resolver=partial(place, learned=(learned or {}).get(document.id)))
        return {document.id: store.get(document.id)[2] for document, _ in items}


def same_partition(a: Mapping[str, str | None], b: Mapping[str, str | None]) -> bool:
    """Whether two assignments group the same reports together (process names aside)."""
    def blocks(m):
        out: dict = {}
        for i, p in m.items():
            out.setdefault(p, set()).add(i) if p is not None else None
        return {frozenset(v) for v in out.values()}, {i for i, p in m.items() if p is None}
    return blocks(a) == blocks(b)


def read_labels(path: Path) -> dict[str, str | None]:
    """Report id → gold conflict: a TSV with ``id`` and ``conflict`` columns (INDEX.tsv), a JSON
    object (``folds.json``'s ``documents``, or id → conflict), or JSON Lines with ``id`` and
    ``conflict`` (null: about no peace process)."""
    if not path.is_file():
        raise InputError(str(path), "labels file not found; give INDEX.tsv, folds.json or labels.jsonl")
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".tsv":
        return {row["id"]: row["conflict"] or None for row in csv.DictReader(text.splitlines(), delimiter="\t")}
    if path.suffix == ".json":
        data = json.loads(text)
        return dict(data.get("documents", data))
    return {row["id"]: row.get("conflict") for row in map(json.loads, filter(str.strip, text.splitlines()))}


def read_records(paths: Iterable[Path]) -> dict[str, Record]:
    """Records by report id from JSON Lines files written by ``detente extract``."""
    out: dict[str, Record] = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = Record.model_validate_json(line)
                out[record.document.id] = record
    return out


def evaluate_grouping(labels: Mapping[str, str | None], records: Mapping[str, Record],
                      documents: Iterable[Document], *, names: Mapping[str, Sequence[str]] | None = None,
                      seed: int | None = None, learned: Mapping[str, Mapping[int, bool]] | None = None
                      ) -> tuple[GroupingScores, dict[str, str | None]]:
    """Group the labelled reports that have a record and score them; also returns the assignment."""
    items = [(d, records[d.id]) for d in documents if d.id in labels and d.id in records]
    assigned = group_reports(items, seed=seed, learned=learned)
    return score_grouping(assigned, {i: labels[i] for i in assigned}, names), assigned
