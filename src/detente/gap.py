"""The gap between two parties on one issue, and how it moves over time.

Each party's stance *in force* on a date is its latest stated stance
(``unchanged`` keeps the previous one). When both parties have one, the gap
is read from this table (symmetric; 0 = closed, 1 = open):

    =========  =======  ======  ======  ======
    A \\ B      propose  demand  accept  reject
    =========  =======  ======  ======  ======
    propose     0.5      0.5     0       1
    demand      0.5      0.5     0.5     1
    accept      0        0.5     0       1
    reject      1        1       1       0.5
    =========  =======  ======  ======  ======

- both accept, or one proposes and the other accepts → **0, closed**;
- one rejects what the other proposes, demands or accepts → **1, open**;
- competing proposals or demands, or a demand the other side only accepts
  in part → **0.5, partial**; both rejecting → 0.5 (a stalemate, not a deal).

The series has one point per date on which either side's stance changes.
Its **trend** compares the last known gap with the first: lower is
``narrowing``, higher is ``widening``, equal (or a single point) is
``steady``; no point with both sides known gives ``None``.
See ``docs/gap.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["GAP", "Stated", "Point", "gap_of", "series", "trend"]

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


@dataclass(frozen=True)
class Stated:
    """One party's stance on the issue, as a report gives it."""

    party: str
    stance: str
    date: str | None
    source: object = None  # whatever the caller uses to cite it


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


def series(stated: Sequence[Stated], parties: Sequence[str]) -> list[Point]:
    """The gap between ``parties[0]`` and ``parties[1]`` after each dated change, oldest first."""
    if len(parties) < 2:
        return []
    a, b = parties[0], parties[1]
    in_force: dict[str, str] = {}
    points: list[Point] = []
    ordered = sorted((s for s in stated if s.party in (a, b)), key=lambda s: s.date or "")
    for s in ordered:
        before = dict(in_force)
        if s.stance != "unchanged":
            in_force[s.party] = s.stance
        if points and points[-1].date == s.date:
            point = points[-1]
        elif in_force != before or not points:
            point = Point(s.date, None, {})
            points.append(point)
        else:
            points[-1].sources.append(s.source)
            continue
        point.stances = dict(in_force)
        point.gap = gap_of(in_force.get(a), in_force.get(b))
        point.sources.append(s.source)
    return points


def trend(points: Sequence[Point]) -> str | None:
    """``narrowing`` / ``widening`` / ``steady`` from the first and last known gap."""
    known = [p.gap for p in points if p.gap is not None]
    if not known:
        return None
    if known[-1] < known[0]:
        return "narrowing"
    if known[-1] > known[0]:
        return "widening"
    return "steady"
