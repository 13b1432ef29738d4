"""The resolve stage for one report: relevance, then its place among the processes in the store.

The store calls :func:`place` inside its write transaction with a typed
snapshot of the reports already grouped (:class:`StoredReport`: id, process,
whether the user named it, and the note resolve kept with it), and persists
the :class:`Placement` it gets back: where the new report and its facts go,
which stored reports move (a later report can open a process that an earlier
one-sided report belongs in), and the processes with their parties. Since the
grouping is recomputed over every grouped report (:func:`.processes.partition`),
the processes do not depend on the order reports arrive in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..records import FACT_KINDS, Document, Record
from .processes import Assignment, Sides, partition, process_name, sides_of
from .relevance import Relevance, judge

__all__ = ["StoredReport", "ReportPlace", "Placement", "place", "resolve_report", "fact_refs"]


@dataclass(frozen=True)
class StoredReport:
    """A grouped report as the store holds it."""

    id: str
    process: str | None
    locked: bool
    note: Mapping | None  # what resolve kept with the report (``Placement.note``)


@dataclass(frozen=True)
class ReportPlace:
    """Where a report and its facts go: ``facts`` ("kind:seq" → process) where a fact's differs."""

    process: str | None
    facts: Mapping[str, str | None] = field(default_factory=dict)

    def of(self, kind: str, seq: int) -> str | None:
        return self.facts.get(f"{kind}:{seq}", self.process)

    def to_json(self) -> dict:
        return {"process": self.process, "facts": dict(self.facts)}


@dataclass(frozen=True)
class Placement:
    note: dict  # kept with the new report: its relevance and sides
    places: dict[str, ReportPlace]  # the new report's and every grouped report's place
    processes: dict[str, list[str]]  # every process resolve knows of → its parties


def fact_refs(record: Record) -> Iterable[tuple[str, object]]:
    """("kind:seq", fact) for every fact but the actors."""
    for kind in FACT_KINDS:
        if kind != "actors":
            for seq, fact in enumerate(getattr(record, kind)):
                yield f"{kind}:{seq}", fact


def resolve_report(record: Record, text: str, *, learned: Mapping[int, bool] | None = None
                   ) -> tuple[Relevance, Sides, dict]:
    """The report's relevance, its sides and the note kept with it (``learned``: see :func:`.relevance.judge`)."""
    relevance = judge(record, text, learned=learned)
    sides = sides_of(record, relevance, text) if relevance.relevant else Sides()
    outside = [ref for ref, fact in fact_refs(record) if not relevance.covers(getattr(fact, "evidence", None))]
    note = {"relevant": relevance.relevant, "whole": relevance.whole, "reason": relevance.reason,
            "sides": sides.to_json(), "outside": [] if relevance.whole else outside}
    return relevance, sides, note


def _place_of(assignment: Assignment, sides: Sides, note: Mapping, kinds: Mapping[str, str]) -> ReportPlace:
    if assignment.process is None:
        return ReportPlace(None)
    main = process_name(assignment.process, kinds)
    facts: dict[str, str | None] = {ref: None for ref in note.get("outside", ())}
    if assignment.second is not None:
        second, first = set(assignment.second), set(assignment.process)
        name = process_name(assignment.second, kinds)
        for ref, on in sides.facts.items():
            if ref not in facts and on and set(on) & second and not set(on) & first:
                facts[ref] = name
    return ReportPlace(main, facts)


def place(document: Document, record: Record, snapshot: Iterable[StoredReport], *,
          process: str | None = None, learned: Mapping[int, bool] | None = None) -> Placement:
    """Where ``document`` and every grouped report go once it is stored (``process``: the user's
    choice; ``learned``: the passage model's verdicts, :func:`.relevance.judge`)."""
    _, sides, note = resolve_report(record, document.text, learned=learned)
    stored = [r for r in snapshot if r.id != document.id]
    notes = {r.id: r.note for r in stored if not r.locked and r.note and r.note.get("sides")}
    everyone = {rid: Sides.from_json(n["sides"]) for rid, n in notes.items()}
    if process is None:
        everyone[document.id] = sides
        notes[document.id] = note
    kinds: dict[str, str] = {}
    for rid in sorted(everyone):
        for k, v in everyone[rid].kinds.items():
            kinds.setdefault(k, v)
    assigned = partition(everyone)
    places = {rid: _place_of(a, everyone[rid], notes[rid], kinds) for rid, a in assigned.items()}
    processes = {process_name(a.process, kinds): list(_ordered(a.process, kinds))
                 for a in assigned.values() if a.process is not None}
    for a in assigned.values():
        if a.second is not None:
            processes.setdefault(process_name(a.second, kinds), list(_ordered(a.second, kinds)))
    if process is not None:
        places[document.id] = ReportPlace(process)
        top = next((p for p, _, _ in sides.pairs), None) or sides.lone[:1]
        processes.setdefault(process, list(top))
    for r in stored:
        if r.locked and r.process:
            processes.setdefault(r.process, [])
    return Placement(note=note, places=places, processes=processes)


def _ordered(parties: Iterable[str], kinds: Mapping[str, str]) -> list[str]:
    return process_name(parties, kinds).split("–")
