"""Actors: people, states, organizations and groups, with aliases resolved.

FIRST CUT (interface stable, internals to be replaced): ``ActorIndex`` is what
other extractors use to turn a mention into a canonical name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..records import Actor, Evidence

__all__ = ["ActorIndex", "build_actor_index", "extract_actors"]

_KIND = {"PERSON": "person", "GPE": "state", "NORP": "state", "ORG": "organization"}


@dataclass
class ActorIndex:
    """Canonical actors of one report and the spans that mention them."""

    actors: dict[str, Actor] = field(default_factory=dict)
    #: (start_char, end_char, canonical name), sorted by start.
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def canonical(self, text: str) -> str | None:
        """Canonical name for a mention's text ("Dmitriev", "the Kremlin"), or None."""
        text = text.strip()
        if text in self.actors:
            return text
        for name, actor in self.actors.items():
            if actor.kind == "person" and name.split()[-1] == text.split()[-1]:
                return name
        return None

    def at(self, start: int, end: int) -> str | None:
        """Canonical name of the actor mentioned exactly or within ``[start, end)``."""
        for s, e, name in self.spans:
            if s >= start and e <= end:
                return name
        return None

    def in_range(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [t for t in self.spans if t[0] >= start and t[1] <= end]

    def kind(self, name: str | None) -> str | None:
        actor = self.actors.get(name) if name else None
        return actor.kind if actor else None

    def party_of(self, name: str | None) -> str | None:
        """The side a named actor stands for: a state or group itself, a person's affiliation."""
        actor = self.actors.get(name) if name else None
        if actor is None:
            return None
        if actor.kind in ("state", "group"):
            return actor.name
        return actor.affiliation

    def last_person_before(self, char: int) -> str | None:
        """The most recent person mentioned before ``char`` (for "he said")."""
        best = None
        for s, _e, name in self.spans:
            if s >= char:
                break
            if self.kind(name) == "person":
                best = name
        return best


def build_actor_index(doc: Doc) -> ActorIndex:
    index = ActorIndex()
    mentions: dict[str, list[Evidence]] = {}
    for ent in doc.ents:
        kind = _KIND.get(ent.label_)
        if kind is None:
            continue
        name = ent.text
        if kind == "person":
            name = index.canonical(ent.text) or ent.text
        mentions.setdefault(name, []).append(Evidence.from_span(ent))
        if name not in index.actors:
            index.actors[name] = Actor(name=name, kind=kind)
        index.spans.append((ent.start_char, ent.end_char, name))
    index.actors = {n: a.model_copy(update={"mentions": mentions[n]}) for n, a in index.actors.items()}
    return index


def extract_actors(doc: Doc, ctx) -> list[Actor]:
    return list(ctx.actors.actors.values())
