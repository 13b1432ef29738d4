"""Who mediates rather than fights: the usual mediators, and a mediator's home country.

One rule, on data, for the two places that tell a report's sides: extraction
(:mod:`detente.extract._parties`, while a report is read; through
``ctx.rules.mediation``) and grouping (:mod:`detente.resolve.processes`, through
``vocabulary().mediation``). Its data:

- ``data/mediators.txt``: states and organizations that usually mediate or
  sponsor talks rather than negotiate for themselves (one name a line);
- ``data/origins.json``: how a report says where a person comes from. A state
  named only so, for a person who serves someone else, is no side: "UN envoy
  Ramtane Lamamra from Algeria", "AU mediator Moussa Faki of Chad", "the
  Nigerian former president Olusegun Obasanjo" for the African Union.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .resources import read_json, read_text

__all__ = ["Mediation", "read_mediation"]

#: (start, end, name) of a mention in the report's text
Span = tuple[int, int, str]


@dataclass(frozen=True)
class Mediation:
    #: the usual mediators and sponsors (``data/mediators.txt``)
    usual: frozenset[str]
    #: the gap between a person and the state they come from ("␣from␣", ", a native of the␣")
    origin_link: re.Pattern
    #: the gap between a state's demonym and a person ("␣former president␣")
    role_gap: re.Pattern

    @classmethod
    def from_data(cls, mediators: str, origins: Mapping) -> Mediation:
        """From the text of ``data/mediators.txt`` and the JSON of ``data/origins.json``."""
        usual = frozenset(line.strip() for line in mediators.splitlines() if line.strip() and not line.startswith("#"))
        links = "|".join(re.escape(w) for w in sorted(origins["links"], key=len, reverse=True))
        return cls(usual=usual,
                   origin_link=re.compile(rf"\s*,?\s+(?:{links})\s+(?:the\s+)?", re.I),
                   role_gap=re.compile(rf"\s+(?:[a-z-]+\s+){{0,{int(origins['role_words'])}}}"))

    def homes(self, text: str, people: Iterable[tuple[int, int, str | None]], states: Iterable[Span],
              lookup: Callable[[str], object]) -> set[str]:
        """The states whose every mention in ``states`` names where a person serving someone else
        comes from: after the person with an origin link, or before as a demonym with a few role
        words. ``people``: (start, end, whom the person serves) of each person's mention;
        ``lookup``: the gazetteer's, to tell a demonym ("Nigerian") from a name."""
        people = [(s, e, serves) for s, e, serves in people if serves]
        only: dict[str, bool] = {}
        for s, e, state in states:
            only[state] = only.get(state, True) and any(
                serves != state and self._origin_of(text, s, e, ps, pe, lookup) for ps, pe, serves in people)
        return {state for state, yes in only.items() if yes}

    def _origin_of(self, text: str, s: int, e: int, ps: int, pe: int, lookup: Callable[[str], object]) -> bool:
        """Whether the state named at s:e is where the person named at ps:pe comes from."""
        if s >= pe:
            link = self.origin_link.match(text, pe, s)
            return link is not None and link.end() == s
        if ps <= e or self.role_gap.fullmatch(text, e, ps) is None:
            return False
        entry = lookup(text[s:e])
        return entry is not None and getattr(entry, "via", None) == "demonym"


def read_mediation() -> Mediation:
    """The one reader of ``data/mediators.txt`` and ``data/origins.json`` (for ``Rules`` and ``Vocabulary``)."""
    return Mediation.from_data(read_text("mediators.txt"), read_json("origins.json"))
