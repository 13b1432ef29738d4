"""Sides the gazetteer does not know, read from how the report names them.

The gazetteer lists the armed groups of the conflicts it was written for;
every other movement comes out of the tagger as an ``organization``, and an
organization is never a side (:mod:`detente.extract._events`), so a deal
between a government and an unlisted rebel movement lost the movement, and a
mediator or host took its place. :func:`with_sides` gives an extractor a view
of its :class:`Context` in which

- an organization whose name says it is a movement ("… Liberation Front",
  "Movement of Democratic Forces of …", "Barisan …"), or that the text calls
  a rebel, separatist or insurgent group beside its name ("the BRN rebel
  group", "X, the main separatist movement"), is a ``group``;
- such a group, and a listed one, goes by the short form the report gives it
  in brackets ("the National Democratic Front of the Philippines (NDFP)" →
  ``NDFP``, "the Lord's Resistance Army (LRA)" or "… the LRA commander" → ``LRA``);
- a government written as an organization ("the Government of Senegal",
  "the Philippine government (GRP)") is its state.

Word lists: ``sides`` in ``data/agreements.json``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..records import Actor, Evidence

if TYPE_CHECKING:
    from .context import Context

__all__ = ["with_sides", "side_names", "named_by_rebels"]

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)?$")
# "Barisan Revolusi Nasional Melayu-Patani (BRN)": up to three more words, then the short form
_BRACKETED = re.compile(r"^(?:\s+[\w’'-]+){0,3}?\s*\(([A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)?)\)")


def side_names(ctx: Context, text: str) -> dict[str, tuple[str, str]]:
    """``{organization: (new name, kind)}`` for the organizations of the report
    that are a side: movements as groups under their short form, governments as their state."""
    rules = ctx.rules
    data = rules.agreements["sides"]
    index = ctx.actors
    gaz = rules.gazetteer
    out: dict[str, tuple[str, str]] = {}
    for name, actor in index.actors.items():
        if actor.kind == "group":  # a listed group goes by the short form the report uses: "(LRA)", "LRA rebels"
            short = _short_form(actor, text) or _used_acronym(name, text, gaz)
            allied = short and re.search(rf"/\s?{re.escape(short)}\b|\b{re.escape(short)}\s?/", text)
            if short and _ACRONYM.match(short) and short.isupper() and not allied:  # "M23/AFC": ally data keeps the name
                out[name] = (short, "group")
            continue
        if actor.kind != "organization":
            continue
        state = _government_state(name, data, gaz)
        if state:
            out[name] = (state, "state")
            continue
        long_form = _long_form(name, text) if _ACRONYM.match(name) else None
        if long_form is not None:
            state = _government_state(long_form, data, gaz)
            if state:
                out[name] = (state, "state")
                continue
        if _movement(name, data) or (long_form and _movement(long_form, data)) or _called_rebel(actor, text, data):
            out[name] = (_short_form(actor, text) or name, "group")
    # a short form that is an actor of its own takes the long form's mentions
    for name, (new, kind) in list(out.items()):
        if kind == "group" and new != name and new in index.actors and new not in out:
            out[new] = (new, "group")
    return out


def with_sides(ctx: Context, text: str) -> Context:
    """``ctx`` with the report's unlisted movements as groups and governments as states (see module doc)."""
    renamed = side_names(ctx, text)
    named = named_by_rebels(ctx, text)
    for name in [n for n in named if n in ctx.actors.actors]:
        if ctx.actors.kind(name) == "organization" and name not in renamed:
            renamed[name] = (name, "group")
        del named[name]
    if not renamed and not named:
        return ctx
    index = ctx.actors
    members: dict[str, list[str]] = {}
    for name in index.actors:
        members.setdefault(renamed.get(name, (name,))[0], []).append(name)
    actors: dict[str, Actor] = {}
    for new, names in members.items():
        head = index.actors[new] if new in index.actors else index.actors[names[0]]
        kind = renamed[new][1] if new in renamed else head.kind if new in index.actors else renamed[names[0]][1]
        affiliation = renamed.get(head.affiliation, (head.affiliation,))[0] if head.affiliation else None
        mentions = sorted((ev for n in names for ev in index.actors[n].mentions), key=lambda ev: ev.start)
        actors[new] = head.model_copy(update={"name": new, "kind": kind, "affiliation": affiliation, "mentions": mentions})
    spans = [(s, e, renamed.get(n, (n,))[0]) for s, e, n in index.spans]
    for name, found in named.items():
        mentions = [Evidence(text=text[a:b], start=a, end=b) for a, b in found]
        actors[name] = Actor(name=name, kind="group", mentions=mentions)
        spans.extend((a, b, name) for a, b in found)
    view = replace(index, actors=actors, spans=sorted(spans))
    return replace(ctx, actors=view)


def _government_state(name: str, data: dict, gaz) -> str | None:
    """"Government of Senegal", "the Philippine Government", "Royal Norwegian Government": the state."""
    words = re.findall(r"[\w-]+", re.sub(r"[’']s\b", "", name))
    low = [w.lower() for w in words]
    if not set(low) & set(data["government_words"]):
        return None
    states = {gaz.state_for(w) for w in words if w[:1].isupper() and w.lower() not in data["government_words"]}
    states.discard(None)
    return states.pop() if len(states) == 1 else None


def _movement(name: str, data: dict) -> bool:
    """A name that says it is a movement or an armed group, not a party or a state's army."""
    low = " " + " ".join(re.findall(r"[\w’'-]+", name.lower())) + " "
    if any(f" {w} " in low for w in data["not_movement"]):
        return False
    return any(f" {w} " in low for w in data["movement_words"])


def _called_rebel(actor: Actor, text: str, data: dict) -> bool:
    """"the BRN rebel group", "the separatist group BRN", "X, the main rebel movement"."""
    cues = "|".join(data["rebel_words"])
    # "the BRN rebel group", "the Fano militia", "X, the main separatist movement" (not "Casamance rebels": a region's)
    groups = "|".join(data["group_nouns"])
    after = re.compile(rf"^\s*(?:\([^)]*\)\s*)?(?:,\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}?)?"
                       rf"(?:(?:{cues})\s+(?:{groups})|militias?)\b", re.I)
    # "the separatist group BRN", "the communist movement NDFP", "rebels of the X"
    before = re.compile(rf"\b(?:(?:{cues})\s+(?:group|movement|organi[sz]ation|front|faction)?|movement|rebels\s+of)\s*,?\s*(?:the\s+)?$",
                        re.I)
    return any(after.match(text[ev.end : ev.end + 60]) or before.search(text[max(0, ev.start - 40) : ev.start])
               for ev in actor.mentions if ev is not None)


def _short_form(actor: Actor, text: str) -> str | None:
    """The short form in brackets after one of the actor's mentions."""
    for ev in actor.mentions:
        if ev is None:
            continue
        m = _BRACKETED.match(text[ev.end : ev.end + 80])
        if m and m.group(1) != actor.name and m.group(1)[1:2].isupper():
            return m.group(1)
    return None


def _used_acronym(name: str, text: str, gaz) -> str | None:
    """An acronym the gazetteer gives the group ``name`` that the report writes as a word."""
    for word in dict.fromkeys(re.findall(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)?\b", text)):
        entry = gaz.lookup(word) if gaz is not None and hasattr(gaz, "lookup") else None
        if entry is not None and entry.name == name and entry.kind == "group":
            return word
    return None


_WORDS_BEFORE = re.compile(r"((?:[\w’'-]+\s+){1,8})$")


def _long_form(acronym: str, text: str) -> str | None:
    """The words before "(GRP)": the name a short form stands for (up to eight words).

    Finds the brackets first and reads back from them: a pattern that tried
    eight words at every position of the report cost more than the rest of
    the side reading."""
    needle, at = f"({acronym})", 0
    while (at := text.find(needle, at)) >= 0:
        m = _WORDS_BEFORE.search(text, max(0, at - 400), at)
        if m:
            return m.group(1).strip()
        at += 1
    return None


def named_by_rebels(ctx: Context, text: str) -> dict[str, list[tuple[int, int]]]:
    """ "Maoist rebels", "the Maoists", "Tamil Tiger guerrillas": a movement the
    report names only by a capitalized word before a rebel noun (not a state's,
    a place's or a known actor's) is a group under that word's plural, with
    every "the Maoists" of the report as its mentions."""
    data = ctx.rules.agreements["sides"]
    gaz = ctx.rules.gazetteer
    index = ctx.actors
    nouns = "|".join(w for w in data["rebel_words"] if " " not in w)
    found: dict[str, list[tuple[int, int]]] = {}
    for m in re.finditer(rf"\b((?:[A-Z][a-z]+\s)?[A-Z][a-z]{{2,}}?)(s?)\s+(?:{nouns})\b", text):
        word = m.group(1)
        if any(gaz.lookup(w) is not None for w in (word, word + m.group(2), word.split()[-1])):
            continue
        if index.at(m.start(1), m.end(1)) is not None or word.split()[0] in ("The", "A", "An", "Some", "Many"):
            continue
        if re.search(rf"\b(?:in|near|across)\s+(?:the\s+)?{word}\b|\b{word}\s+(?:region|province|state|area|district)\b", text):
            continue  # a place's rebels ("Casamance rebels" of "the Casamance region")
        name = word + "s"
        found.setdefault(name, [])
    for name in list(found):
        if name in index.actors:
            found[name] = []  # already an actor: with_sides makes an organization of that name a group
            continue
        singular = re.escape(name[:-1])
        taken = index.spans
        found[name] = [(x.start(), x.end()) for x in re.finditer(rf"\b{singular}s?\b", text)
                       if not any(a < x.end() and x.start() < b for a, b, _n in taken)]
    return {n: spans for n, spans in found.items() if spans or n in index.actors}
