"""Helpers shared by the event extractors (meetings, agreements, incidents):
rule data, number parsing, and turning mentions into parties.

Parties come from the actor index (``ctx.actors``); where a mention is not an
indexed actor ("US" inside "US-brokered"), the gazetteer (``ctx.rules.gazetteer``) is
asked. Nothing here knows any particular conflict.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..nlp import ents_in

if TYPE_CHECKING:
    from ..nlp.gazetteer import Gazetteer
    from ..rules import Rules
    from .context import Context

__all__ = [
    "parse_number",
    "number_at",
    "party_of_span",
    "parties_in",
    "is_place_entity",
    "place_name",
    "is_state_name",
    "place_country",
    "state_for",
    "is_question",
    "located_spans",
    "about_conflict",
]

#: Labels that make a name the gazetteer lacks a place (a facility is too often an institution).
_UNKNOWN_PLACE_LABELS = {"GPE", "LOC"}
_PARTY_KINDS = {"state", "group"}


def _gaz(gaz: Gazetteer, func: str, text: str):
    """The gazetteer's ``func`` on ``text``."""
    fn = getattr(gaz, func)
    try:
        return fn(text)
    except Exception:  # a gazetteer bug must not sink an extractor
        return None


# -- numbers ---------------------------------------------------------------

_NUM_RE = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


def parse_number(text: str, *, rules: Rules) -> int | None:
    """``"1,200"`` → 1200, ``"2 million"`` → 2000000, ``"five"`` → 5; None if not a number."""
    words = rules.numbers
    total, current, seen = 0.0, 0.0, False
    for raw in re.split(r"[\s-]+", text.lower().strip()):
        word = raw.strip(".,;:()")
        if not word or word in words["skip"]:
            continue
        if _NUM_RE.match(word):
            current += float(word.replace(",", ""))
        elif word in words["units"]:
            current += words["units"][word]
        elif word in words["scales"]:
            scale = words["scales"][word]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
        else:
            return None if not seen else _finish(total, current)
        seen = True
    return _finish(total, current) if seen else None


def _finish(total: float, current: float) -> int | None:
    value = int(round(total + current))
    return value if value > 0 else None


def number_at(token: Token, *, rules: Rules) -> tuple[int, Span] | None:
    """The number a numeric token belongs to ("nearly 2 million") with its span."""
    doc = token.doc
    if not (token.like_num or token.lower_ in rules.numbers["scales"]):
        return None
    start = token.i
    while start > 0 and (doc[start - 1].like_num or doc[start - 1].lower_ in rules.numbers["scales"]):
        start -= 1
    end = token.i + 1
    while end < len(doc) and (doc[end].like_num or doc[end].lower_ in rules.numbers["scales"]):
        end += 1
    span = doc[start:end]
    value = parse_number(span.text, rules=rules)
    return (value, span) if value else None


# -- parties and places ----------------------------------------------------


def _resolve(ctx: Context, name: str | None) -> str | None:
    """The party a canonical actor stands for (a state or group, or a person's side)."""
    rules = ctx.rules
    if not name:
        return None
    kind = ctx.actors.kind(name)
    if kind in _PARTY_KINDS:
        return name
    if kind in ("person", "organization"):
        party = ctx.actors.party_of(name)
        if party and ctx.actors.kind(party) in (_PARTY_KINDS | {None}):
            return party
        return None
    return _gaz(rules.gazetteer, "state_for", name)


def party_of_span(ctx: Context, start: int, end: int, text: str | None = None) -> str | None:
    """The party named within ``[start, end)``, else the gazetteer's state for ``text``."""
    rules = ctx.rules
    for s, e, name in ctx.actors.in_range(start, end):
        party = _resolve(ctx, name)
        if party:
            return party
    return _gaz(rules.gazetteer, "state_for", text) if text else None


def parties_in(ctx: Context, start: int, end: int, *, skip: tuple[tuple[int, int], ...] = (), orgs: bool = False) -> list[str]:
    """Parties mentioned in ``[start, end)`` in order of mention, each once;
    mentions inside a ``skip`` range (a place, a mediator) are left out.
    With ``orgs``, organizations count too (the UN as a mediator)."""
    rules = ctx.rules
    found: list[str] = []
    for s, e, name in ctx.actors.in_range(start, end):
        if any(a <= s and e <= b for a, b in skip):
            continue
        party = name if orgs and ctx.actors.kind(name) == "organization" else _resolve(ctx, name)
        if party and party not in found:
            found.append(party)
    return found


def is_place_entity(ent: Span, *, rules: Rules) -> bool:
    """Is this entity a place? The gazetteer decides the names it knows; a
    town it does not know ("Hasaka", "Suárez") is one by the tagger's label."""
    if _gaz(rules.gazetteer, "lookup", ent.text) is None:
        return ent.label_ in _UNKNOWN_PLACE_LABELS
    return bool(_gaz(rules.gazetteer, "is_place", ent.text))


def is_state_name(text: str, *, rules: Rules) -> bool:
    """"Ukraine" or "U.S." (a side, when it modifies "talks"), not "Istanbul"."""
    gaz = rules.gazetteer
    entry = gaz.lookup(text) if gaz and hasattr(gaz, "lookup") else None
    return bool(entry and getattr(entry, "kind", None) == "state" and getattr(entry, "via", None) != "seat")


def place_name(text: str, *, rules: Rules) -> str:
    """A place's canonical name ("the White House" → its city where the data says so)."""
    text = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I)
    venues = rules.meetings["venues"]
    if text in venues:
        return venues[text]
    found = _gaz(rules.gazetteer, "lookup", text)
    if getattr(found, "via", None) == "seat":
        return text  # a palace the data does not place in a city ("in Malacañang") is the place itself
    name = getattr(found, "name", None) if found is not None and not isinstance(found, str) else found
    return name or text


def state_for(text: str, *, rules: Rules) -> str | None:
    """The state a name or adjective stands for ("Thai" → Thailand), if the gazetteer knows it."""
    return _gaz(rules.gazetteer, "state_for", text)


def place_country(text: str, *, rules: Rules) -> str | None:
    return _gaz(rules.gazetteer, "place_country", text)


def located_spans(sent: Span, *, rules: Rules) -> tuple[tuple[int, int], ...]:
    """Character ranges of places named as locations ("in Abu Dhabi", "in
    Geneva, Switzerland"): where something happens, not who takes part."""
    found: list[tuple[int, int]] = []
    ents = ents_in(sent)
    for i, ent in enumerate(ents):
        before = sent.doc[ent.start - 1] if ent.start > sent.start else None
        if before is not None and before.lower_ == "the" and ent.start - 2 >= sent.start:
            before = sent.doc[ent.start - 2]
        if before is not None and before.lower_ in ("in", "at", "to", "near") and is_place_entity(ent, rules=rules):
            found.append((ent.start_char, ent.end_char))
            nxt = ents[i + 1] if i + 1 < len(ents) else None
            if nxt is not None and nxt.start == ent.end + 1 and sent.doc[ent.end].text == ",":
                found.append((nxt.start_char, nxt.end_char))
    return tuple(found)


def about_conflict(sent: Span, *, rules: Rules, extra: frozenset[str] = frozenset()) -> bool:
    """Does this sentence, or the one before or after it, speak of a conflict
    or its settlement? (A climate conference or a trade deal is not detente's
    business.) ``extra``: an extractor's own words for it."""
    words = set(rules.events["conflict_context"]) | extra
    doc = sent.doc
    near = [sent]
    if sent.start > 0:
        near.append(doc[sent.start - 1].sent)
    if sent.end < len(doc):
        near.append(doc[sent.end].sent)
    return any(t.lower_ in words for s in near for t in s)


def is_question(sent: Span) -> bool:
    """A question ("Is there a shift in policy?") asserts no event."""
    return sent.text.rstrip().rstrip("\"'\u201d\u2019)").endswith("?")
