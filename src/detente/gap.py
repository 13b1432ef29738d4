"""The gap between two parties on one issue, and how it moves over time.

**Stance in force** (:func:`in_force`). A party's stance on a date comes
from its statements up to that date, not from the last sentence seen:

1. ``unchanged`` ("our position has not changed") restates the stance in
   force just before it.
2. Only the *recency window* counts: statements within ``window`` days
   (default :data:`RECENCY_DAYS`) before the party's latest statement.
3. In the window, each stance scores the number of distinct outlets that
   reported it (an outlet counts once however many of its reports repeat
   it), then the number of distinct reports; a tie goes to the stance stated
   last.
4. A stance carried by :data:`CONFIRM` or more outlets stays in force
   against a challenger fewer outlets carry, until the challenger is
   confirmed (the contest shows as ``dissent``). So one sentence does not
   overturn a stance several outlets reported; a change two outlets report
   does.

**Gap** (:func:`gap_of`). When both parties have a stance in force, the gap
is read from this table (symmetric; 0 = closed, 1 = open):

    =========  =======  ======  ======  ======
    A \\ B      propose  demand  accept  reject
    =========  =======  ======  ======  ======
    propose     0.5      0.5     0       1
    demand      0.5      0.5     0.5     1
    accept      0        0.5     0       1
    reject      1        1       1       0.5
    =========  =======  ======  ======  ======

**Series** (:func:`series`): one point per date on which either side's
stance in force changes. **Trend** (:func:`trend`) over the points of a
window: a monotone series is ``narrowing`` / ``widening`` by its ends (or
``steady``); a series that turns back is judged by the mean gap of its
last third against its first third (a move of at least
:data:`TREND_MOVE`), else it is ``volatile``. See ``docs/gap.md``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import groupby

from .merge import day_span, fold
from .resources import read_json

__all__ = [
    "GAP", "RECENCY_DAYS", "CONFIRM", "TREND_MOVE", "TRENDS", "Stated", "Verdict", "Point", "gap_of", "in_force",
    "series", "trend", "overall", "within", "same_proposal", "paired", "claim_vector", "embed_claims",
]

_ORDER = ("propose", "demand", "accept", "reject")
_ROWS = (
    (0.5, 0.5, 0.0, 1.0),
    (0.5, 0.5, 0.5, 1.0),
    (0.0, 0.5, 0.0, 1.0),
    (1.0, 1.0, 1.0, 0.5),
)
#: (stance of A, stance of B) → gap
GAP: dict[tuple[str, str], float] = {
    (a, b): _ROWS[i][j] for i, a in enumerate(_ORDER) for j, b in enumerate(_ORDER)
}
#: Days before a party's latest statement whose statements weigh in its stance in force.
RECENCY_DAYS = 30
#: Outlets that make a stance confirmed: a stance fewer outlets carry does not overturn it.
CONFIRM = 2
#: Smallest change of the mean gap (last third against first third) that a turning series calls a trend.
TREND_MOVE = 0.25
#: Every trend a series can have.
TRENDS = ("narrowing", "widening", "steady", "volatile")


@dataclass(frozen=True)
class Stated:
    """One party's stance on the issue, as one report gives it."""

    party: str
    stance: str
    date: str | None
    source: object = None  # whatever the caller uses to cite it
    #: who reported it (the outlet); None counts each report as its own outlet
    outlet: str | None = None
    #: the report it comes from (distinct reports break ties between outlets)
    report: str | None = None
    claim: str | None = None
    #: the claim's sentence vector, int8 (``claim_vec``, stored at ingest); None: compare words only
    vector: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Verdict:
    """A party's stance in force, with the statements that carry it."""

    stance: str
    #: the statements in the window that state it, oldest first
    support: tuple[Stated, ...]
    #: statements in the window that state another stance
    dissent: int = 0

    @property
    def latest(self) -> Stated:
        return self.support[-1]

    @property
    def outlets(self) -> int:
        return len({_outlet(s) for s in self.support})


@dataclass
class Point:
    date: str | None
    gap: float | None
    stances: dict[str, str]
    sources: list = field(default_factory=list)


def gap_of(a: str | None, b: str | None) -> float | None:
    """The gap between two stances in force, None while either is unknown."""
    if a is None or b is None:
        return None
    return GAP.get((a, b))


def _outlet(s: Stated) -> object:
    return s.outlet or s.report or s.source or id(s)


@lru_cache(maxsize=65536)
def _day(value: str | None) -> int:
    span = day_span(value)
    return span[0] if span else 0


def _best(recent: list[Stated]) -> Verdict:
    """The stance most outlets state in ``recent`` (then most reports, then the latest)."""
    by_stance: dict[str, list[Stated]] = {}
    for s in recent:
        by_stance.setdefault(s.stance, []).append(s)
    order = {id(s): i for i, s in enumerate(recent)}

    def score(item: tuple[str, list[Stated]]) -> tuple:
        _, said = item
        return (len({_outlet(s) for s in said}), len({s.report or _outlet(s) for s in said}),
                max(order[id(s)] for s in said))

    stance, said = max(by_stance.items(), key=score)
    return Verdict(stance, tuple(said), dissent=len(recent) - len(said))


def _sweep(mine: Sequence[Stated], window: int) -> list[tuple[str | None, Verdict]]:
    """(date, stance in force after that date's statements) for one party's statements, oldest first."""
    states: list[tuple[str | None, Verdict]] = []
    seen: list[tuple[int, Stated]] = []
    first = 0  # seen[first:] is the recency window
    current: Verdict | None = None
    for day, group in groupby(mine, key=lambda s: s.date):
        for s in group:
            if s.stance == "unchanged":
                if current is None:
                    continue
                s = replace(s, stance=current.stance)  # a restatement supports the stance in force
            seen.append((_day(s.date), s))
        if not seen:
            continue
        lo = _day(day) - window
        while seen[first][0] < lo:
            first += 1
        best = _best([s for _, s in seen[first:]])
        if (current is not None and best.stance != current.stance and best.outlets < CONFIRM <= current.outlets):
            best = Verdict(current.stance, current.support, current.dissent + len(best.support))  # not confirmed yet
        current = best
        states.append((day, current))
    return states


def _mine(stated: Sequence[Stated], party: str) -> list[Stated]:
    return sorted((s for s in stated if s.party == party), key=lambda s: s.date or "")


def in_force(stated: Sequence[Stated], party: str, on: str | None = None, *,
             window: int = RECENCY_DAYS) -> Verdict | None:
    """``party``'s stance in force on ``on`` (default: after every statement), None if it has none."""
    mine = [s for s in _mine(stated, party) if on is None or (s.date or "") <= on + "\uffff"]
    states = _sweep(mine, window)
    return states[-1][1] if states else None


def series(stated: Sequence[Stated], parties: Sequence[str], *, window: int = RECENCY_DAYS) -> list[Point]:
    """The gap between ``parties[0]`` and ``parties[1]`` after each dated change, oldest first."""
    if len(parties) < 2:
        return []
    a, b = parties[0], parties[1]
    ordered = sorted((s for s in stated if s.party in (a, b)), key=lambda s: s.date or "")
    swept = {p: dict(_sweep(_mine(ordered, p), window)) for p in (a, b)}
    now: dict[str, str] = {}
    points: list[Point] = []
    for day, group in groupby(ordered, key=lambda s: s.date):
        for p in (a, b):
            if day in swept[p]:
                now[p] = swept[p][day].stance
        said = [s.source for s in group]
        if points and points[-1].stances == now:
            points[-1].sources.extend(said)
            continue
        points.append(Point(day, gap_of(now.get(a), now.get(b)), dict(now), said))
    return points


def within(points: Sequence[Point], since: str | None, until: str | None) -> list[Point]:
    """The points in [since, until], led by the one in force at ``since``."""
    inside = [p for p in points if (not since or (p.date or "") >= since)
              and (not until or (p.date or "") <= until + "\uffff")]
    if not since or (inside and inside[0].date == since):
        return inside
    before = [p for p in points if (p.date or "") < since]
    return before[-1:] + inside


def trend(points: Sequence[Point], *, since: str | None = None, until: str | None = None) -> str | None:
    """``narrowing`` / ``widening`` / ``steady`` / ``volatile`` over the window (None: no known gap)."""
    known = [p.gap for p in within(points, since, until) if p.gap is not None]
    if not known:
        return None
    steps = [y - x for x, y in zip(known, known[1:]) if y != x]
    turns = sum(1 for x, y in zip(steps, steps[1:]) if (x > 0) != (y > 0))
    if not turns:
        move = known[-1] - known[0]
    else:
        k = math.ceil(len(known) / 3)
        move = sum(known[-k:]) / k - sum(known[:k]) / k
        if abs(move) < TREND_MOVE:
            return "volatile"
    return "narrowing" if move < 0 else "widening" if move > 0 else "steady"


def overall(trends: Sequence[str | None]) -> str | None:
    """A process's trend from its issues': the balance of narrowing and widening issues;
    ``volatile`` when they balance and some issue swings, else ``steady``."""
    known = [t for t in trends if t]
    if not known:
        return None
    score = sum({"narrowing": -1, "widening": 1}.get(t, 0) for t in known)
    if score:
        return "narrowing" if score < 0 else "widening"
    return "volatile" if "volatile" in known else "steady"


# -- positions on the same proposal ------------------------------------------------

@lru_cache(maxsize=1)
def _proposal_rules() -> dict:
    data = read_json("gap.json")
    return {**data, "ignore": frozenset(data["ignore"])}


def claim_vector(vector) -> list[int]:
    """A unit sentence vector as the store keeps it in a position's ``claim_vec``: int8, 127 = 1.0."""
    return [int(round(float(x) * 127)) for x in vector]


def embed_claims(record, encoder):
    """``record`` with each position's claim vector (``claim_vec``) from ``encoder``, so the read side
    compares claims without loading a model."""
    todo = [i for i, p in enumerate(record.positions) if p.claim]
    if not todo or encoder is None:
        return record
    vectors = encoder.encode([record.positions[i].claim for i in todo])
    positions = list(record.positions)
    for i, vector in zip(todo, vectors):
        positions[i] = positions[i].model_copy(update={"claim_vec": claim_vector(vector)})
    return record.model_copy(update={"positions": positions})


def _stems(claim: str | None, names: frozenset[str]) -> frozenset[str]:
    rules = _proposal_rules()
    n = rules["stem_length"]
    return frozenset(w[:n] for w in re.findall(r"[a-z]{4,}", fold(claim))
                     if w not in rules["ignore"] and w not in names)


def _cosine(a: Sequence[int], b: Sequence[int]) -> float:
    return sum(x * y for x, y in zip(a, b)) / (127 * 127)


def _same(sa: frozenset[str], sb: frozenset[str], va, vb) -> bool:
    rules = _proposal_rules()
    shared, short = len(sa & sb), min(len(sa), len(sb))
    if shared < (1 if short < rules["long_claim"] else rules["min_shared"]):
        return False
    if va and vb:
        return _cosine(va, vb) >= rules["cosine"]
    return shared >= rules["overlap"] * short


def same_proposal(a: Stated, b: Stated, names: frozenset[str] = frozenset()) -> bool:
    """Do two statements' claims speak to the same proposal? ``names``: folded words to ignore (the
    parties' names). Rule and thresholds: ``data/gap.json``."""
    return _same(_stems(a.claim, names), _stems(b.claim, names), a.vector, b.vector)


def _key(s: Stated) -> tuple:
    """One sentence filed under two issues is one statement."""
    return (s.party, s.stance, s.report, s.claim, s.date)


def paired(by_issue: Mapping[str, Sequence[Stated]], parties: Sequence[str]) -> dict[str, list[Stated]]:
    """Each issue's statements, joined by the leading parties' statements filed under another issue
    that speak to the same proposal as a claim the other party made on this one ("Russia demands
    Ukraine withdraw from Donbas" under territory, "Ukraine rejects withdrawal" under security).
    Each claim's stems are read once and only claims within the window are compared, so a process
    with thousands of positions pairs in well under a second."""
    out = {issue: list(stated) for issue, stated in by_issue.items()}
    if len(parties) < 2:
        return out
    have = {issue: {_key(s) for s in stated} for issue, stated in by_issue.items()}
    names = frozenset(w for p in parties for w in fold(p).split())
    window = _proposal_rules()["window_days"]
    stems: dict[int, frozenset[str]] = {}
    # (party, issue) → its claims by day: (days, statements)
    claims: dict[tuple[str, str], tuple[list[int], list[Stated]]] = {}
    for issue, stated in by_issue.items():
        for s in stated:
            if s.claim and s.party in parties[:2]:
                stems[id(s)] = _stems(s.claim, names)
        for party in parties[:2]:
            mine = sorted((s for s in stated if s.party == party and s.claim), key=lambda s: _day(s.date))
            claims[party, issue] = ([_day(s.date) for s in mine], mine)
    a, b = parties[0], parties[1]
    for issue in by_issue:
        for mine, theirs in ((a, b), (b, a)):
            days, targets = claims[theirs, issue]
            if not targets:
                continue
            for other in by_issue:
                if other == issue:
                    continue
                for s in claims[mine, other][1]:
                    if _key(s) in have[issue]:
                        continue
                    day = _day(s.date)
                    near = targets[bisect_left(days, day - window):bisect_right(days, day + window)]
                    if any(_same(stems[id(s)], stems[id(t)], s.vector, t.vector) for t in near):
                        out[issue].append(s)
                        have[issue].add(_key(s))
    for issue in out:
        out[issue].sort(key=lambda s: s.date or "")
    return out
