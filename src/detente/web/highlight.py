"""A report's text cut into plain runs and highlighted facts, for the report page.

The result is a flat list of :class:`Piece` (text, open mark, close mark) that
nests properly, so the template can escape each text run on its own: report
text never passes through ``|safe``. Facts that share a span share one
``<mark>`` (its kinds listed); spans that cross are split at the crossing,
the anchor id staying on the first part.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Record

__all__ = ["Fact", "Piece", "facts_of", "highlight", "anchor"]


def anchor(start: int, end: int) -> str:
    """The element id of a fact's evidence: ``/documents/ID#ev-START-END``."""
    return f"ev-{start}-{end}"


@dataclass(frozen=True)
class Fact:
    start: int
    end: int
    kind: str
    label: str
    #: where the mark links (an actor's page); marks never nest links
    href: str | None = None
    #: the record's fact itself (a Position, a Quote…; an actor's name), for the page's list of facts
    fact: object = field(default=None, compare=False)


@dataclass
class Piece:
    #: "text", "open" or "close".
    type: str
    text: str = ""
    id: str | None = None
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    #: an open mark's link; on a close, the link it ends
    href: str | None = None


_SINGULAR = {
    "actors": "actor", "quotes": "quote", "meetings": "meeting", "positions": "position",
    "agreements": "agreement", "incidents": "incident", "assessments": "assessment", "dates": "date",
}


def _label(kind: str, fact) -> str:
    if kind == "quotes":
        return f"quote by {fact.speaker or 'unknown speaker'}"
    if kind == "positions":
        return f"position: {fact.party} {fact.stance} ({fact.issue})"
    if kind == "agreements":
        return f"agreement: {fact.kind} ({fact.status or 'status unknown'})"
    if kind == "incidents":
        return f"incident: {fact.kind}" + (f" by {fact.actor}" if fact.actor else "")
    if kind == "meetings":
        return "meeting" + (f" in {fact.place}" if fact.place else "")
    if kind == "assessments":
        return f"assessment: {fact.polarity}"
    if kind == "dates":
        return f"date: {fact.value or 'unresolved'}"
    return kind


def facts_of(record: Record, text: str, actor_href=lambda name: None) -> list[Fact]:
    """Every fact of a record with valid evidence in ``text`` (others are skipped), in text order;
    ``actor_href(name)`` links an actor's mentions."""
    found: list[Fact] = []
    for actor in record.actors:
        for mention in actor.mentions:
            if mention.valid_for(text):
                found.append(Fact(mention.start, mention.end, "actor", f"actor: {actor.name}",
                                  actor_href(actor.name), actor))
    for key, singular in _SINGULAR.items():
        if key == "actors":
            continue
        for fact in getattr(record, key):
            ev = fact.evidence
            if ev is not None and ev.valid_for(text) and ev.end > ev.start:
                found.append(Fact(ev.start, ev.end, singular, _label(key, fact), fact=fact))
    return sorted(found, key=lambda f: (f.start, -f.end))


@dataclass
class _Span:
    start: int
    end: int
    id: str | None
    kinds: list[str]
    labels: list[str]
    href: str | None = None


def _merge(facts: list[Fact]) -> list[_Span]:
    by_span: dict[tuple[int, int], _Span] = {}
    for f in facts:
        span = by_span.setdefault((f.start, f.end), _Span(f.start, f.end, anchor(f.start, f.end), [], []))
        span.href = span.href or f.href
        if f.kind not in span.kinds:
            span.kinds.append(f.kind)
        if f.label not in span.labels:
            span.labels.append(f.label)
    return sorted(by_span.values(), key=lambda s: (s.start, -s.end))


def highlight(text: str, facts: list[Fact]) -> list[Piece]:
    """Text runs and properly nested marks covering ``text`` exactly once."""
    pending = _merge([f for f in facts if 0 <= f.start < f.end <= len(text)])
    pieces: list[Piece] = []
    stack: list[_Span] = []
    pos = 0

    def emit_text(upto: int) -> None:
        nonlocal pos
        if upto > pos:
            pieces.append(Piece("text", text[pos:upto]))
            pos = upto

    def close_until(limit: int) -> None:
        while stack and stack[-1].end <= limit:
            emit_text(stack[-1].end)
            pieces.append(Piece("close", href=stack.pop().href))

    i = 0
    while i < len(pending):
        span = pending[i]
        i += 1
        close_until(span.start)
        emit_text(span.start)
        if stack and span.end > stack[-1].end:
            # Crosses the enclosing mark: keep the part inside, re-queue the rest.
            rest = _Span(stack[-1].end, span.end, None, span.kinds, span.labels, span.href)
            span = _Span(span.start, stack[-1].end, span.id, span.kinds, span.labels, span.href)
            j = i
            while j < len(pending) and (pending[j].start, -pending[j].end) <= (rest.start, -rest.end):
                j += 1
            pending.insert(j, rest)
        if span.end <= span.start:
            continue
        if span.href and any(outer.href for outer in stack):  # a link inside a link is not HTML
            span = _Span(span.start, span.end, span.id, span.kinds, span.labels)
        pieces.append(Piece("open", id=span.id, kinds=span.kinds, labels=span.labels, href=span.href))
        stack.append(span)
    close_until(len(text))
    emit_text(len(text))
    return pieces
