"""Group reports into peace processes by the parties they are about.

A report's parties are those that hold positions (counted twice), meet or
sign; mediators are not parties. Without any, the most mentioned states and
armed groups stand in. The two leading parties name the process, states
first then alphabetically ("Russia–Ukraine", "Israel–Hamas"). A report with a
single party joins the existing process that has it. Usual mediators
(``data/mediators.txt``: the United States, Qatar, Egypt …) give way to two
other parties. The user can override
all of this (``detente ingest --process``, ``detente process set``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from .records import Record

__all__ = ["infer_parties", "process_name", "choose_process", "default_mediators", "SEPARATOR"]

SEPARATOR = "–"
_RANK = {"state": 0, "group": 1, "organization": 2}


def _kinds(record: Record) -> dict[str, str]:
    return {a.name: a.kind for a in record.actors}


def infer_parties(record: Record) -> list[str]:
    """The report's negotiating parties, most involved first."""
    counts: Counter[str] = Counter()
    mediators = {m for meeting in record.meetings for m in meeting.mediators}
    for p in record.positions:
        counts[p.party] += 2
    for m in record.meetings:
        counts.update(m.parties)
    for a in record.agreements:
        counts.update(a.parties)
    for m in mediators:
        counts.pop(m, None)
    if not counts:
        for actor in record.actors:
            if actor.kind in ("state", "group") and actor.name not in mediators:
                counts[actor.name] += max(1, len(actor.mentions))
    order = {name: i for i, name in enumerate(counts)}
    return sorted(counts, key=lambda n: (-counts[n], order[n]))


def process_name(parties: list[str], kinds: Mapping[str, str] | None = None) -> str:
    """``Russia–Ukraine``: states before groups, then alphabetical."""
    kinds = kinds or {}
    ordered = sorted(parties, key=lambda p: (_RANK.get(kinds.get(p, "state"), 3), p))
    return SEPARATOR.join(ordered)


@lru_cache(maxsize=1)
def default_mediators() -> frozenset[str]:
    """The usual mediators and sponsors (``data/mediators.txt``)."""
    text = resources.files("detente").joinpath("data", "mediators.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def choose_process(
    record: Record, existing: Mapping[str, list[str]], mediators: frozenset[str] | None = None
) -> tuple[str, list[str]] | None:
    """(process name, parties) for a report, reusing ``existing`` processes where they fit.

    Usual mediators (:func:`default_mediators`) give way when two other
    parties remain; with one other party, the report joins a process that
    party already has, else a process named after that party alone.
    """
    parties = infer_parties(record)
    if not parties:
        return None
    mediators = default_mediators() if mediators is None else mediators
    core = [p for p in parties if p not in mediators]
    if len(core) >= 2:
        parties = core
    elif len(core) == 1:
        homes = [name for name, ps in existing.items() if core[0] in ps]
        if homes:
            return homes[0], list(existing[homes[0]])
        return core[0], core  # until a process with a second party appears (Store absorbs it then)
    if len(parties) == 1:
        homes = [name for name, ps in existing.items() if parties[0] in ps]
        if homes:
            return homes[0], list(existing[homes[0]])
        return parties[0], parties
    top = parties[:2]
    for name, ps in existing.items():
        if set(ps) == set(top):
            return name, list(ps)
    kinds = _kinds(record)
    ordered = sorted(top, key=lambda p: (_RANK.get(kinds.get(p, "state"), 3), p))
    return process_name(top, kinds), ordered
