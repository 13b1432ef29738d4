"""Who is speaking, and whom a phrase names: shared by positions and assessments.

Pronouns ("he", "it") and generic subjects ("the group") resolve to the
speaker of the quote around them or of the reporting verb above them, else to
the last fitting actor mentioned before them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import ADJ, NOUN, PROPN
from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from .context import Context

__all__ = ["name_in_phrase", "actor_of_token", "speaker", "antecedent", "about_talks", "alone", "Talks", "lemmas", "lemma_doc", "PARTY_KINDS"]

PARTY_KINDS = ("state", "group")
FIRST_PERSON = {"i", "we", "our", "us", "my", "me"}
THIRD_PERSON = {"he", "she", "his", "her", "him"}
NEUTER = {"it", "its", "they", "their", "them"}


def name_in_phrase(subj: Token, head: Token, ctx: Context) -> str | None:
    """The actor a subject phrase names: the head itself, an apposition, a
    possessor or a modifier ("Russia's envoy", "Kremlin spokesman X"), else the
    actor nearest the verb ("… that Kyiv controls but Moscow claims")."""
    name = actor_of_token(subj, ctx)
    if name:
        return name
    for dep in ("appos", "poss", "compound", "amod", "nmod"):
        for child in subj.children:
            if child.dep_ == dep:
                name = actor_of_token(child, ctx)
                if name:
                    return name
    lo = subj.left_edge.idx
    hi = min(subj.right_edge.idx + len(subj.right_edge), head.idx)
    inside = [t for t in ctx.actors.in_range(lo, hi)]
    return inside[-1][2] if inside else None


def actor_of_token(tok: Token, ctx: Context) -> str | None:
    for s, e, name in ctx.actors.spans:
        if s <= tok.idx < e:
            return name
    return None


def speaker(tok: Token, ctx: Context, speech_verbs: set[str]) -> str | None:
    """Who is talking where ``tok`` stands: the quote around it, or the subject
    of a reporting verb above it."""
    for quote in ctx.quotes:
        ev = quote.evidence
        if quote.speaker and ev and ev.start <= tok.idx < ev.end:
            return quote.speaker
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in speech_verbs:
            verb = node
            if not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ in ("advcl", "conj"):
                verb = verb.head  # "Kyiv rejected it, saying …": the speaker is the subject above
            for child in verb.children:
                if child.dep_ == "nsubj" and child.i != tok.i:
                    if child.pos_ == "PRON":
                        return antecedent(child, ctx)
                    return name_in_phrase(child, verb, ctx)
    return None


def antecedent(pron: Token, ctx: Context) -> str | None:
    """The last fitting actor before a pronoun, in its own or the previous
    sentence: a person for he/she/I/we, else a state or group."""
    sent = pron.sent
    floor = pron.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    if pron.lower_ in THIRD_PERSON | FIRST_PERSON:
        name = ctx.actors.last_person_before(pron.idx)
        return name if name and _mentioned_since(name, floor, pron.idx, ctx) else None
    best = None
    for s, _e, name in ctx.actors.spans:
        if s >= pron.idx:
            break
        if s >= floor and ctx.actors.kind(name) in PARTY_KINDS:
            best = name
    return best


def _mentioned_since(name: str, floor: int, before: int, ctx: Context) -> bool:
    return any(n == name and floor <= s < before for s, _e, n in ctx.actors.spans)


@dataclass(frozen=True)
class Talks:
    """``data/talks.json``: topic terms and reporting verbs (``ctx.rules.talks``)."""

    topic: frozenset[str]
    min_hits: int
    speech: frozenset[str]
    per_hit: int
    statement: frozenset[str]
    alone_sentences: int

    @classmethod
    def from_data(cls, data: dict) -> "Talks":
        return cls(topic=frozenset(data["topic_terms"]), min_hits=int(data.get("min_hits", 3)),
                   speech=frozenset(data["speech_verbs"]), per_hit=int(data.get("tokens_per_hit", 250)),
                   statement=frozenset(data.get("statement_terms", data["topic_terms"])),
                   alone_sentences=int(data.get("alone_sentences", 0)))


def alone(doc: Doc, talks: Talks) -> bool:
    """A sentence given alone (an analyst's query, a coded event) is taken at
    its word: it is its own subject, no topic words needed."""
    limit = talks.alone_sentences
    return next(islice(doc.sents, limit, None), None) is None


def lemmas(doc: Doc) -> list[str]:
    """The lower-cased lemma of every token (its lower-cased form where it has
    none), once per doc. Read from the token arrays: making a spaCy ``Token``
    for every word of a report is the slowest part of a scan, and positions,
    the talk gate and the unchanged-position rule all need these words."""
    cached = doc.user_data.get("detente.lemmas")
    if cached is None:
        arr = doc.to_array([LEMMA, LOWER]).astype(np.uint64)
        strings = doc.vocab.strings
        keys, inverse = np.unique(arr, axis=0, return_inverse=True)
        words = [strings[int(lemma)].lower() or strings[int(lower)] for lemma, lower in keys]
        cached = doc.user_data["detente.lemmas"] = [words[i] for i in np.ravel(inverse)]
    return cached


def lemma_doc(doc: Doc) -> Doc:
    """A Doc whose words are :func:`lemmas` (token indices kept), once per doc,
    for the phrase matchers whose cues are compiled as lemmas."""
    cached = doc.user_data.get("detente.lemma_doc")
    if cached is None:
        cached = doc.user_data["detente.lemma_doc"] = Doc(doc.vocab, words=lemmas(doc))
    return cached


_CONTENT_POS = (NOUN, PROPN, ADJ)


def about_talks(doc: Doc, talks: Talks) -> bool:
    """Whether a report speaks of negotiations at all (enough topic terms), so
    that unrelated text never yields positions or assessments. Decided once
    per doc (both extractors ask)."""
    cached = doc.user_data.get("detente.about_talks")
    if cached is None:
        cached = doc.user_data["detente.about_talks"] = _about_talks(doc, talks)
    return cached


def _about_talks(doc: Doc, vocab: Talks) -> bool:
    if alone(doc, vocab):
        return True
    if not len(doc):
        return False
    content = np.isin(doc.to_array([POS]).ravel(), _CONTENT_POS)
    hits = sum(1 for word, ok in zip(lemmas(doc), content) if ok and word in vocab.topic)
    return hits >= min(vocab.min_hits, 1 + len(doc) // vocab.per_hit)
