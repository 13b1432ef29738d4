"""Group reports into peace processes by the parties they are about.

A report's parties are those that hold positions (counted twice), meet or
sign; mediators are not parties. Without any, the most mentioned states and
armed groups stand in. The two leading parties name the process, states
first then alphabetically ("Russia–Ukraine", "Israel–Hamas"). A report with a
single party joins the existing process that has it. The user can override
all of this (``detente ingest --process``, ``detente process set``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from .records import Record

__all__ = ["infer_parties", "process_name", "choose_process", "SEPARATOR"]

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


def choose_process(
    record: Record, existing: Mapping[str, list[str]]
) -> tuple[str, list[str]] | None:
    """(process name, parties) for a report, reusing ``existing`` processes where they fit."""
    parties = infer_parties(record)
    if not parties:
        return None
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
