"""Typed facts and the record, defined once (``../spec/RECORD.md``).

The CLI, the store, the exports, the web dashboard and the evaluation all use
these models. Every fact carries :class:`Evidence`: character offsets into the
document's ``text``. Gold files have the same shape without evidence, so
``evidence`` is optional in the type; :func:`Record.invalid_evidence` is how
the pipeline and the tests hold extracted records to the rule.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Evidence",
    "Document",
    "DocumentInfo",
    "Actor",
    "Quote",
    "Meeting",
    "Position",
    "Agreement",
    "Incident",
    "Assessment",
    "DateMention",
    "Record",
    "FACT_KINDS",
    "ActorKind",
    "QuoteKind",
    "Stance",
    "AgreementKind",
    "AgreementStatus",
    "IncidentKind",
    "Polarity",
]

ActorKind = Literal["person", "state", "organization", "group"]
QuoteKind = Literal["direct", "indirect"]
Stance = Literal["propose", "demand", "accept", "reject", "unchanged"]
AgreementKind = Literal[
    "prisoner_exchange", "ceasefire", "humanitarian", "framework", "security", "economic", "other"
]
AgreementStatus = Literal["proposed", "agreed", "signed", "implemented", "collapsed"]
IncidentKind = Literal["attack", "casualties", "violation", "other"]
Polarity = Literal["positive", "negative", "mixed"]
MeetingFormat = Literal["direct", "indirect", "shuttle"]


class _Model(BaseModel):
    # Unknown keys (gold's "optional", a future field) are kept, never fatal.
    model_config = ConfigDict(extra="allow", frozen=True)


class Evidence(_Model):
    """A span of the document's text: ``text[start:end] == evidence.text``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Evidence":
        return cls(start=start, end=end, text=text[start:end])

    @classmethod
    def trimmed(cls, text: str, start: int, end: int) -> "Evidence":
        """Evidence for ``text[start:end]`` without surrounding whitespace (a sentence's newline)."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls.of(text, start, end)

    @classmethod
    def from_span(cls, span) -> "Evidence":
        """Evidence for a spaCy ``Span`` or ``Token`` (offsets into ``doc.text``)."""
        # span.text, not doc.text[...]: Doc.text is rebuilt on every access.
        if hasattr(span, "start_char"):
            return cls(start=span.start_char, end=span.end_char, text=span.text)
        return cls(start=span.idx, end=span.idx + len(span), text=span.text)

    def valid_for(self, text: str) -> bool:
        return 0 <= self.start <= self.end <= len(text) and text[self.start : self.end] == self.text


class Document(_Model):
    """An input report: only ``text`` is required."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None

    def info(self) -> "DocumentInfo":
        return DocumentInfo(
            id=self.id, title=self.title, source=self.source, url=self.url, published=self.published
        )


class DocumentInfo(_Model):
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None


class Actor(_Model):
    name: str
    kind: ActorKind
    roles: list[str] = Field(default_factory=list)
    affiliation: str | None = None
    mentions: list[Evidence] = Field(default_factory=list)


class Quote(_Model):
    speaker: str | None
    kind: QuoteKind
    text: str
    cue: str | None = None
    date: str | None = None
    evidence: Evidence | None = None


class Meeting(_Model):
    place: str | None
    start: str | None = None
    end: str | None = None
    mediators: list[str] = Field(default_factory=list)
    parties: list[str] = Field(default_factory=list)
    participants: list[str] = Field(default_factory=list)
    format: MeetingFormat | None = None
    evidence: Evidence | None = None


class Position(_Model):
    party: str
    actor: str | None = None
    issue: str
    stance: Stance
    claim: str | None = None
    date: str | None = None
    evidence: Evidence | None = None


class Agreement(_Model):
    kind: AgreementKind
    parties: list[str] = Field(default_factory=list)
    quantity: int | None = None
    status: AgreementStatus | None = None
    date: str | None = None
    evidence: Evidence | None = None


class Incident(_Model):
    kind: IncidentKind
    actor: str | None = None
    target: str | None = None
    quantity: int | None = None
    date: str | None = None
    evidence: Evidence | None = None


class Assessment(_Model):
    source: str | None
    polarity: Polarity
    evidence: Evidence | None = None


class DateMention(_Model):
    text: str
    value: str | None
    evidence: Evidence | None = None


#: The record's fact lists, in RECORD.md's order, with their types.
FACT_KINDS: dict[str, type[_Model]] = {
    "actors": Actor,
    "quotes": Quote,
    "meetings": Meeting,
    "positions": Position,
    "agreements": Agreement,
    "incidents": Incident,
    "assessments": Assessment,
    "dates": DateMention,
}


class Record(_Model):
    """What one report says about a negotiation, with evidence for every fact."""

    document: DocumentInfo
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)

    def evidence(self) -> list[Evidence | None]:
        """Every fact's evidence (actors: each mention), ``None`` where missing."""
        found: list[Evidence | None] = []
        for actor in self.actors:
            found.extend(actor.mentions or [None])
        for key in FACT_KINDS:
            if key != "actors":
                found.extend(fact.evidence for fact in getattr(self, key))
        return found

    def invalid_evidence(self, text: str) -> list[Evidence | None]:
        return [ev for ev in self.evidence() if ev is None or not ev.valid_for(text)]

    def to_json(self) -> str:
        return self.model_dump_json(exclude_none=False)
