"""The resolve stage's vocabularies (``data/resolve.json``; who mediates: :mod:`detente.mediators`), loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..mediators import Mediation, read_mediation
from ..resources import read_json

__all__ = ["Vocabulary", "vocabulary"]


def _terms(words: list[str]) -> re.Pattern:
    """One pattern for a word list, longest first, on word boundaries."""
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I)


@dataclass(frozen=True)
class Vocabulary:
    aliases: dict[str, str]
    side_of: dict[str, str]  # an alliance member → the name that stands for its side
    mediation: Mediation  # the usual mediators and a mediator's home country, shared with extraction
    peace: re.Pattern
    talks: re.Pattern
    conflict: re.Pattern
    peace_agreements: frozenset[str]
    truce_agreements: frozenset[str]
    off_topic_issues: frozenset[str]
    talks_with: re.Pattern  # a talks or peace term and a link, ending where who talks is named ("talks with the ")
    sides_terms: re.Pattern  # the parties to talks ("both sides", "the parties")
    off_topic_terms: re.Pattern  # trade, budget, climate: talks that are not about a war
    truce_issues: frozenset[str]  # a belligerent's stance on these speaks of ending the fighting
    figurative: re.Pattern  # a peace term inside these is none ("holding the bill hostage")
    state_groupings: frozenset[str]  # groupings of states filed as groups ("Quad"): no side of a war

    @property
    def mediators(self) -> frozenset[str]:
        """The usual mediators (``data/mediators.txt``)."""
        return self.mediation.usual

    def side(self, name: str) -> str:
        """The common name of the side an actor fights on ("Alliance Fleuve Congo" → "M23")."""
        name = self.aliases.get(name, name)
        return self.side_of.get(name, name)

    def kind(self, name: str, kind: str) -> str:
        """An actor's kind as resolve reads it: a grouping of states ("the Quad") is no armed group."""
        return "organization" if kind == "group" and name in self.state_groupings else kind


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = read_json("resolve.json")
    side_of = {member: group[0] for group in data["alliances"] for member in group}
    return Vocabulary(
        aliases=dict(data["aliases"]), side_of=side_of, mediation=read_mediation(),
        peace=_terms(data["peace_terms"]), talks=_terms(data["talks_terms"]), conflict=_terms(data["conflict_terms"]),
        peace_agreements=frozenset(data["peace_agreements"]),
        truce_agreements=frozenset(data["truce_agreements"]), off_topic_issues=frozenset(data["off_topic_issues"]),
        talks_with=_ending(data["talks_terms"] + data["peace_terms"], data["talks_links"]),
        sides_terms=_terms(data["sides_terms"]), off_topic_terms=_terms(data["off_topic_terms"]),
        truce_issues=frozenset(data["truce_issues"]),
        figurative=_figurative(data["figurative_terms"], data["hostage_holds"]),
        state_groupings=frozenset(data["state_groupings"]),
    )


#: words between "held"/"holding" and a singular "hostage" that make it a figure ("holding the bill hostage")
HOLD_GAP = 6


def _figurative(terms: list[str], holds: list[str]) -> re.Pattern:
    """``figurative_terms``, and a singular "hostage" a few words after one of ``hostage_holds``."""
    held = "|".join(re.escape(w) for w in holds)
    held = rf"(?<![\w-])(?:{held})(?:\W+[\w’'-]+){{0,{HOLD_GAP}}}?\W+hostage(?![\w-])"
    return re.compile(f"{_terms(terms).pattern}|{held}", re.I)


def _ending(terms: list[str], links: list[str]) -> re.Pattern:
    """A term, then one of ``links`` (and an article), at the end of the searched span."""
    body = "|".join(re.escape(w) for w in sorted(terms, key=len, reverse=True))
    link = "|".join(re.escape(w) for w in sorted(links, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})\s+(?P<link>{link})\s+(?:the\s+)?\Z", re.I)
