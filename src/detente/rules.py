"""The extractors' rule data, read once from ``data/`` into one frozen :class:`Rules`.

:func:`detente.pipeline.load` builds it (through :mod:`detente.resources`, the one
way to a data file) and holds it on the :class:`~detente.pipeline.Pipeline`;
extractors reach it only as ``ctx.rules`` (:class:`~detente.extract.context.Context`),
so no extractor loads a file or keeps a module-level cache of one. Each field is
typed by the module that uses it, which also turns the file's JSON into that type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .extract._parties import read_mediators
from .extract._speech import Talks
from .extract.agreements import agreement_words
from .extract.dates import DateRules
from .resources import read_json, read_text

__all__ = ["Rules", "load_rules"]


@dataclass(frozen=True)
class Rules:
    #: date lexicon and patterns (``data/dates/``): extract/dates.py
    dates: DateRules
    #: topic terms and reporting verbs (``data/talks.json``): positions, assessments
    talks: Talks
    #: the usual mediators and sponsors (``data/mediators.txt``): agreements, meetings, positions
    mediators: frozenset[str]
    #: agreement kinds, status cues, captives (``data/agreements.json``): agreements
    agreements: Mapping[str, Any]
    #: every word that can name an agreement (from ``agreements``): its cheap first test
    agreement_words: frozenset[str]
    #: meeting triggers, venues, formats (``data/meetings.json``): meetings, shared event helpers
    meetings: Mapping[str, Any]
    #: attack cues, weapons, casualties (``data/incidents.json``): incidents
    incidents: Mapping[str, Any]
    #: words that place an event in a conflict (``data/events.json``): shared event helpers
    events: Mapping[str, Any]
    #: number words and scales (``data/numbers.json``): shared event helpers
    numbers: Mapping[str, Any]


def load_rules() -> Rules:
    """Every rule file the extractors read, parsed and compiled."""
    agreements = read_json("agreements.json")
    return Rules(
        dates=DateRules.from_data(read_json("dates", "lexicon.json"), read_json("dates", "patterns.json")),
        talks=Talks.from_data(read_json("talks.json")),
        mediators=read_mediators(read_text("mediators.txt")),
        agreements=agreements,
        agreement_words=agreement_words(agreements),
        meetings=read_json("meetings.json"),
        incidents=read_json("incidents.json"),
        events=read_json("events.json"),
        numbers=read_json("numbers.json"),
    )
