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
from pathlib import Path
from typing import Any

from .extract._quote_speakers import Lexicon as QuoteCues
from .extract._quote_speakers import org_nouns
from .extract._speech import Talks
from .extract.actors import read_outlets
from .extract.agreements import agreement_words
from .errors import ConfigError
from .extract.dates import DateRules
from .extract.issues import Taxonomy, parse_issues
from .mediators import Mediation, read_mediation
from .nlp.gazetteer import Gazetteer
from .nlp.lexicon import Lexicon, read_lexicon
from .resources import read_json, read_text

__all__ = ["Rules", "load_rules", "read_taxonomy"]

#: The lists of ``data/patterns/roles.json`` read outside the lexicon.
_ROLE_WORDS = ("leader_roles", "royal_titles", "linked_by_to", "administrations", "state_bodies", "delegations",
               "delegation_breaks", "portfolio_heads", "state_offices", "non_state_words")


@dataclass(frozen=True)
class Rules:
    #: date lexicon and patterns (``data/dates/``): extract/dates.py
    dates: DateRules
    #: topic terms and reporting verbs (``data/talks.json``): positions, assessments
    talks: Talks
    #: the usual mediators and a mediator's home country (``data/mediators.txt``, ``data/origins.json``),
    #: the rule grouping shares (:mod:`detente.mediators`): agreements, meetings, positions, the report's sides
    mediation: Mediation
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
    #: role phrases, honorifics, entity cues (``data/patterns/roles.json``, ``entity_cues.json``): actors, roles
    lexicon: Lexicon
    #: the word lists of ``data/patterns/roles.json`` only the actor index and roles use
    role_words: Mapping[str, frozenset[str]]
    #: outlets' home countries (``data/gazetteer/outlets.json``): actors
    outlets: Mapping[str, str]
    #: reporting verbs and pronouns (``data/quotes/reporting_verbs.json``): quotes
    quote_cues: QuoteCues
    #: nouns that stand for an organization (from ``lexicon``): quote speakers
    org_nouns: frozenset[str]
    #: states, places, organizations, office-holders (``data/gazetteer/*.jsonl``): actors, roles, events
    gazetteer: Gazetteer

    @property
    def mediators(self) -> frozenset[str]:
        """The usual mediators and sponsors (``data/mediators.txt``)."""
        return self.mediation.usual


def load_rules() -> Rules:
    """Every rule file the extractors read, parsed and compiled."""
    agreements = read_json("agreements.json")
    roles = read_json("patterns", "roles.json")
    lexicon = read_lexicon(roles, read_json("patterns", "entity_cues.json"))
    return Rules(
        dates=DateRules.from_data(read_json("dates", "lexicon.json"), read_json("dates", "patterns.json")),
        talks=Talks.from_data(read_json("talks.json")),
        mediation=read_mediation(),
        agreements=agreements,
        agreement_words=agreement_words(agreements),
        meetings=read_json("meetings.json"),
        incidents=read_json("incidents.json"),
        events=read_json("events.json"),
        numbers=read_json("numbers.json"),
        lexicon=lexicon,
        role_words={key: frozenset(roles[key]) for key in _ROLE_WORDS},
        outlets=read_outlets(read_json("gazetteer", "outlets.json")),
        quote_cues=QuoteCues.from_data(read_json("quotes", "reporting_verbs.json")),
        org_nouns=org_nouns(lexicon.org_heads),
        gazetteer=Gazetteer.load(),
    )


def read_taxonomy(path: str | None, nlp) -> Taxonomy:
    """The issue taxonomy in ``path`` (``DETENTE_ISSUES_FILE``: JSON list / ``{"issues": [...]}``
    or JSONL), or the packaged ``data/issues.json``, compiled with ``nlp``."""
    if path is None:
        raw, name = read_text("issues.json"), "issues.json"
    else:
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read the issue taxonomy {path}: {exc}; check DETENTE_ISSUES_FILE") from exc
        name = str(path)
    return Taxonomy(parse_issues(raw, name), nlp.vocab, nlp)
