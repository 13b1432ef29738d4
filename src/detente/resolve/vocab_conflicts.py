"""Known armed conflicts (``data/conflicts.json``): who fought whom, and with whom, in which years.

General knowledge a reader brings to a report, as the gazetteer is: Saudi Arabia
and Yemen's government fought the Houthis together, so a truce statement that
names them both is about the Yemen war, not a war between them; a report that
names Sudan alone in 2024 is about the war with the RSF. The grouping
(:mod:`.processes`) asks three things of it, for the conflicts active in a
report's year: whether two sides are **allies** (on one side of a conflict and
on opposite sides of none), which **conflict pair** two opposed sides stand for
(an ally stands for the first name of its side: Eritrea against the TPLF is
"Ethiopia–TPLF"), and which conflict a **one-sided** report is about, when one
fits its sides best.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..resources import read_json

__all__ = ["Conflict", "KnownConflicts", "known_conflicts"]

Pair = tuple[str, str]


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class Conflict:
    sides: tuple[tuple[str, ...], tuple[str, ...]]
    start: int
    end: int | None = None
    theatres: tuple[str, ...] = ()  # where it is fought, as a reader names the place ("Gaza", "Donbas")

    @property
    def pair(self) -> Pair:
        """The conflict named by the first name of each side."""
        return _pair(self.sides[0][0], self.sides[1][0])

    def active(self, year: int | None) -> bool:
        """Fought in ``year`` (any year when the report has no date)."""
        return year is None or (self.start <= year and (self.end is None or year <= self.end))

    def side_of(self, name: str) -> int | None:
        return next((i for i, side in enumerate(self.sides) if name in side), None)

    def direct(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are the two names that stand for its sides."""
        return {a, b} == set(self.pair)


class KnownConflicts:
    """The conflicts of ``data/conflicts.json``, asked by year."""

    def __init__(self, conflicts: tuple[Conflict, ...]):
        self.conflicts = conflicts
        self._places = [(c, re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(t) for t in sorted(c.theatres, key=len, reverse=True)) + r")(?![\w-])"))
            for c in conflicts if c.theatres]

    def fought_in(self, text: str, start: int, end: int, year: int | None) -> set[Pair]:
        """The conflicts of the year whose theatre text[start:end] names ("a ceasefire in Gaza")."""
        return {c.pair for c, pattern in self._places if c.active(year) and pattern.search(text, start, end)}

    def active(self, year: int | None) -> list[Conflict]:
        return [c for c in self.conflicts if c.active(year)]

    def allies(self, a: str, b: str, year: int | None) -> bool:
        """On one side of a conflict fought that year, and on opposite sides of none."""
        together = opposed = False
        for c in self.active(year):
            sa, sb = c.side_of(a), c.side_of(b)
            if sa is not None and sb is not None:
                together |= sa == sb
                opposed |= sa != sb
        return together and not opposed

    def pair_of(self, a: str, b: str, year: int | None) -> Pair | None:
        """The conflict pair ``a`` and ``b`` face each other in that year (the one they name
        themselves first): ("Eritrea", "TPLF") → ("Ethiopia", "TPLF"). One of them must stand for
        its side: two backers of opposite sides (Russia and Turkey in Libya) are no conflict pair."""
        found = [c for c in self.active(year) if None not in (c.side_of(a), c.side_of(b))
                 and c.side_of(a) != c.side_of(b) and {a, b} & set(c.pair)]
        if not found:
            return None
        return min(found, key=lambda c: (not c.direct(a, b), c.pair)).pair

    def ended(self, pair: Pair, year: int | None) -> bool:
        """A known conflict (by the names that stand for its sides) no longer fought in ``year``:
        a briefing's passages about it are history (the Afghanistan withdrawal, told in 2024)."""
        mine = [c for c in self.conflicts if c.pair == _pair(*pair)] if len(pair) == 2 else []
        return bool(mine) and year is not None and all(c.end is not None and c.end < year for c in mine)

    def one_war(self, a: Pair, b: Pair, year: int | None) -> bool:
        """Two known conflicts of the year fought in one theatre (Israel against Hamas and against
        Islamic Jihad, both in Gaza): one war to a reader."""
        places = [{t for c in self.active(year) if c.pair == _pair(*p) for t in c.theatres} for p in (a, b)]
        return bool(places[0] & places[1])

    def one_sided(self, weight: Mapping[str, float], year: int | None) -> Pair | None:
        """The conflict a report naming one side only is about: among the conflicts fought that
        year where its main side fights, the one whose side holds most of the report's weight,
        when no other holds as much (Yemen with Saudi Arabia → the Houthi war, not al-Qaeda's)."""
        if not weight:
            return None
        main = max(weight, key=lambda s: (weight[s], s))
        scored = []
        for c in self.active(year):
            i = c.side_of(main)
            if i is not None and not set(weight) & set(c.sides[1 - i]):
                scored.append((sum(w for s, w in weight.items() if s in c.sides[i]), c.pair))
        scored.sort(reverse=True)
        if not scored or (len(scored) > 1 and scored[1][0] >= scored[0][0]):
            return None
        return scored[0][1]


@lru_cache(maxsize=1)
def known_conflicts() -> KnownConflicts:
    data = read_json("conflicts.json")
    return KnownConflicts(tuple(
        Conflict(sides=(tuple(c["sides"][0]), tuple(c["sides"][1])), start=int(c["from"]),
                 end=None if c.get("to") is None else int(c["to"]), theatres=tuple(c.get("theatres", ())))
        for c in data["conflicts"]))
