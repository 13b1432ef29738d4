"""Quotes: direct quotations (the words inside quote marks) and reported
speech, each attributed to a canonical speaker through the actor index.

Both passes are linear in the text. A character scan pairs quote marks
paragraph by paragraph (:func:`find_quote_spans`); a token pass finds the cue
words ("said", "told", "according to") outside the marks and resolves each
cue's speaker once, in document order, so "it said" can lean on the last
institution that spoke. A direct quote then takes the cue before it in its
sentence, or the attribution that follows it, or the speaker of the quotation
it continues. Cue words live in ``data/quotes/reporting_verbs.json``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from spacy.tokens import Doc, Token

from ..records import Evidence, Quote

__all__ = ["extract_quotes", "find_quote_spans", "QuoteSpan", "lexicon"]

_DOUBLE = re.compile('["“”]')
#: ‘…’ or '…' opening at a word start and closing at a word end, so the
#: apostrophes of "Kyiv’s" or "don't" never pair up.
_SINGLE = re.compile(r"(?<![\w’'])[‘'](?=\w)([^\n]{1,300}?[\w.,!?])[’'](?![\w’'])")
_OPENERS = set("([{—–-/:;")
_CLOSERS = set(".,;:!?)]}—–-…")
_SENTENCE_END = {".", "!", "?"}
#: How far after a quotation its attribution may start ("…," the head of the
#: city administration, Oleksandr Vilkul, wrote).
_AFTER_WINDOW = 16


@dataclass(frozen=True)
class Lexicon:
    """The cue words, loaded once from ``data/quotes/reporting_verbs.json``."""

    verbs: frozenset[str]
    indirect_verbs: frozenset[str]
    object_verbs: frozenset[str]
    according: frozenset[str]
    institutions: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    other_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = files("detente").joinpath("data/quotes/reporting_verbs.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    pron = data["pronouns"]
    return Lexicon(
        verbs=frozenset(data["verbs"]),
        indirect_verbs=frozenset(data["indirect_verbs"]),
        object_verbs=frozenset(data["clause_verbs_with_object"]),
        according=frozenset(data["according_to"]),
        institutions=frozenset(data["institution_nouns"]),
        person_pronouns=frozenset(pron["person"]),
        group_pronouns=frozenset(pron["group"]),
        other_pronouns=frozenset(pron["none"]),
    )


# --- quote marks -----------------------------------------------------------


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: ``[start, end)`` is the stripped text inside the marks."""

    start: int
    end: int
    open: int
    #: Index of the closing mark; None where the paragraph ends first.
    close: int | None
    para: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _is_opening(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return (prev.isspace() or prev in _OPENERS) and not nxt.isspace()


def _is_closing(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return not prev.isspace() and (nxt.isspace() or nxt in _CLOSERS)


def _double_pairs(text: str, lo: int, hi: int) -> list[tuple[int, int | None]]:
    """(open, close) mark positions of double quotes in one paragraph."""
    pairs: list[tuple[int, int | None]] = []
    start = None
    for m in _DOUBLE.finditer(text, lo, hi):
        i, ch = m.start(), m.group()
        if start is None:
            straight_closer = ch == '"' and _is_closing(text, i, lo, hi) and not _is_opening(text, i, lo, hi)
            if ch != "”" and not straight_closer:
                start = i
        elif ch != "“":
            pairs.append((start, i))
            start = None
    if start is not None:
        pairs.append((start, None))
    return pairs


def _single_pairs(text: str, lo: int, hi: int, taken: list[tuple[int, int | None]]) -> list[tuple[int, int]]:
    """Single-quoted passages outside double quotes (‘never’, ‘Grain from Ukraine’)."""
    found = []
    for m in _SINGLE.finditer(text, lo, hi):
        if not any(o <= m.start() <= (c if c is not None else hi) for o, c in taken):
            found.append((m.start(), m.end() - 1))
    return found


def _span(text: str, open_: int, close: int | None, hi: int, para: int) -> QuoteSpan | None:
    start, end = open_ + 1, close if close is not None else hi
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return QuoteSpan(start, end, open_, close, para)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, in order; a quotation still open at a
    paragraph's end has ``close=None`` (it may continue in the next one)."""
    spans: list[QuoteSpan] = []
    for para, (lo, hi) in enumerate(_paragraphs(text)):
        pairs: list[tuple[int, int | None]] = _double_pairs(text, lo, hi)
        pairs += _single_pairs(text, lo, hi, pairs)
        for open_, close in sorted(pairs):
            span = _span(text, open_, close, hi, para)
            if span:
                spans.append(span)
    return spans


# --- tokens ----------------------------------------------------------------


@dataclass
class _Layout:
    """Token-level view of the quotes: which tokens are quoted, where sentences end."""

    doc: Doc
    starts: list[int]
    quoted: list[bool]

    @classmethod
    def build(cls, doc: Doc, spans: list[QuoteSpan]) -> "_Layout":
        starts = [t.idx for t in doc]
        quoted = [False] * len(doc)
        for q in spans:
            last = q.close if q.close is not None else q.end - 1
            for i in range(max(cls.token_at(starts, q.open), 0), cls.token_at(starts, last) + 1):
                quoted[i] = True
        return cls(doc, starts, quoted)

    @staticmethod
    def token_at(starts: list[int], char: int) -> int:
        return bisect_right(starts, char) - 1

    def tok(self, char: int) -> int:
        return self.token_at(self.starts, char)

    def is_boundary(self, i: int) -> bool:
        t = self.doc[i]
        return "\n" in t.text or (not self.quoted[i] and t.text in _SENTENCE_END)

    def before(self, open_tok: int) -> range:
        """Tokens between the sentence start (or the previous quote) and a quote."""
        i = open_tok - 1
        while i >= 0 and not self.quoted[i] and not self.is_boundary(i):
            i -= 1
        return range(i + 1, open_tok)

    def after(self, close_tok: int) -> range:
        """Tokens between a quote and its sentence end (or the next quote)."""
        i, n = close_tok + 1, len(self.doc)
        while i < n and not self.quoted[i] and not self.is_boundary(i):
            i += 1
        return range(close_tok + 1, i)

    def has_words(self, tokens: range) -> bool:
        return any(self.doc[i].is_alpha and self.doc[i].lower_ not in ("and", "but") for i in tokens)


# --- speakers --------------------------------------------------------------


@dataclass
class _Speakers:
    """Speaker resolution over the actor index, mentions inside quotes ignored."""

    ctx: object
    layout: _Layout
    lex: Lexicon
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    span_starts: list[int] = field(default_factory=list)
    last_group: str | None = None

    def __post_init__(self):
        self.spans = [s for s in self.ctx.actors.spans if not self.layout.quoted[max(self.layout.tok(s[0]), 0)]]
        self.span_starts = [s[0] for s in self.spans]

    def kind(self, name: str | None) -> str | None:
        return self.ctx.actors.kind(name)

    def covering(self, tok: Token) -> str | None:
        k = bisect_right(self.span_starts, tok.idx) - 1
        if k >= 0 and self.spans[k][0] <= tok.idx < self.spans[k][1]:
            return self.spans[k][2]
        return None

    def in_range(self, start: int, end: int) -> list[str]:
        return [name for s, e, name in self.spans if s >= start and e <= end]

    def last_person_before(self, char: int) -> str | None:
        k = bisect_right(self.span_starts, char) - 1
        while k >= 0:
            name = self.spans[k][2]
            if self.kind(name) == "person":
                return name
            k -= 1
        return None

    def by_role(self, noun: str, char: int) -> str | None:
        """The last person before ``char`` whose roles name ``noun`` ("the analyst")."""
        k = bisect_right(self.span_starts, char) - 1
        while k >= 0:
            actor = self.ctx.actors.actors.get(self.spans[k][2])
            if actor and actor.kind == "person" and any(noun in r.lower().split() for r in actor.roles):
                return actor.name
            k -= 1
        return None

    def party(self, name: str) -> str:
        return name if self.kind(name) != "person" else (self.ctx.actors.party_of(name) or name)

    def resolve(self, subj: Token) -> str | None:
        """Canonical speaker for a subject token: a name, a description or a pronoun."""
        low = subj.lower_
        if low in self.lex.person_pronouns:
            return self.last_person_before(subj.idx)
        if low in self.lex.group_pronouns:
            return self.last_group
        if low in self.lex.other_pronouns or subj.pos_ == "PRON":
            return None
        return self.resolve_phrase(subj)

    def resolve_phrase(self, head: Token) -> str | None:
        named = self.covering(head)
        if named and self.kind(named) == "person":
            return named
        for child in head.children:
            if child.dep_ == "appos":
                person = self._named_person(child)
                if person:
                    return person
        if named:
            return named
        if head.pos_ == "PROPN":
            return self._proper_name(head)
        return self._described(head)

    def _named_person(self, tok: Token) -> str | None:
        """The person an appositive names ("…'s lead negotiator, Rustem Umerov,")."""
        named = self.covering(tok)
        if named and (self.kind(named) == "person" or tok.pos_ == "PROPN"):
            return named
        if tok.pos_ == "PROPN":
            return self._proper_name(tok)
        return None

    def _proper_name(self, head: Token) -> str:
        """A name the actor index missed, as written (canonical where it can)."""
        first = head
        while first.i > 0 and first.nbor(-1).dep_ == "compound" and first.nbor(-1).pos_ == "PROPN" and first.nbor(-1).head is head:
            first = first.nbor(-1)
        text = head.doc[first.i : head.i + 1].text
        return self.ctx.actors.canonical(text) or text

    def _described(self, head: Token) -> str | None:
        """"the analyst", "Netanyahu's office", "a Hamas official"."""
        definite = not any(c.lower_ in ("a", "an") for c in head.children if c.dep_ == "det")
        if definite:
            by_role = self.by_role(head.lower_, head.idx)
            if by_role:
                return by_role
        names = self.in_range(head.left_edge.idx, head.idx + len(head))
        if not names:
            return None
        if head.lemma_.lower() in self.lex.institutions or head.lower_ in self.lex.institutions:
            return self.party(names[-1])
        groups = [n for n in names if self.kind(n) != "person"]
        return groups[-1] if groups else None


# --- cues ------------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    token: int
    speaker: str | None
    word: str
    date: str | None


_WALK_UP = {"advcl", "conj", "xcomp", "ccomp", "pcomp", "acl", "relcl", "prep", "pobj"}
_DATE_DEPS = {"npadvmod", "prep", "advmod", "tmod", "obl", "advcl", "nmod"}


def _is_cue(tok: Token, lex: Lexicon) -> bool:
    if tok.lower_ in lex.according:
        return tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to"
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass") and tok.lemma_.lower() in lex.verbs


def _subject(tok: Token, quoted: list[bool], lex: Lexicon) -> Token | None:
    """The subject of a cue verb, walking up from participles and conjuncts
    ("…, noting that" → the subject of the verb it hangs from); the subject of
    a cue further up wins over that of a reported clause in between."""
    first = None
    for step in range(5):
        subj = _own_subject(tok, quoted)
        if subj is not None and (step == 0 or _is_cue(tok, lex)):
            return subj
        first = first or subj
        if tok.dep_ not in _WALK_UP or tok.head is tok:
            break
        tok = tok.head
    return first


def _own_subject(tok: Token, quoted: list[bool]) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not quoted[child.i]:
            if child.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                return tok.head
            return child
    return None


def _according_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None:
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def _cue_date(tok: Token, ctx, quoted: list[bool]) -> str | None:
    """The date the attribution clause carries ("said on February 5", "said Tuesday")."""
    for child in tok.children:
        if child.dep_ in _DATE_DEPS and not quoted[child.i]:
            right = child.right_edge
            value = ctx.date_in(child.left_edge.idx, right.idx + len(right))
            if value:
                return value
    return None


def _find_cues(layout: _Layout, speakers: _Speakers, ctx) -> dict[int, _Cue]:
    """Every cue outside quotes, in order, with its speaker resolved once."""
    lex, quoted, cues = speakers.lex, layout.quoted, {}
    for tok in layout.doc:
        if quoted[tok.i] or not _is_cue(tok, lex):
            continue
        if tok.lower_ in lex.according:
            subj, word = _according_object(tok), f"{tok.lower_} to"
        else:
            subj, word = _subject(tok, quoted, lex), tok.lower_
        speaker = speakers.resolve(subj) if subj is not None else None
        if speaker and speakers.kind(speaker) != "person":
            speakers.last_group = speaker
        cues[tok.i] = _Cue(tok.i, speaker, word, _cue_date(tok, ctx, quoted))
    return cues


# --- direct quotes ---------------------------------------------------------


def _cue_after(tokens: range, layout: _Layout, cues: dict[int, _Cue]) -> _Cue | None:
    """The attribution right after a quote: its first verb, if that is a cue."""
    for i in tokens[:_AFTER_WINDOW]:
        if i in cues:
            return cues[i]
        t = layout.doc[i]
        if t.pos_ == "VERB" and t.dep_ not in ("aux", "auxpass", "amod"):
            return None
    return None


def _cue_before(tokens: range, cues: dict[int, _Cue]) -> _Cue | None:
    for i in reversed(tokens):
        if i in cues:
            return cues[i]
    return None


def _own_cue(q: QuoteSpan, layout: _Layout, cues: dict[int, _Cue]) -> _Cue | None:
    """The cue a quote's own sentence gives it, before or after the marks."""
    open_tok = layout.tok(q.open)
    close_tok = layout.tok(q.close if q.close is not None else q.end - 1)
    before, after = layout.before(open_tok), layout.after(close_tok)
    if not layout.has_words(before):
        return _cue_after(after, layout, cues)
    return _cue_before(before, cues) or _cue_after(after, layout, cues)


def _continues(spans: list[QuoteSpan], text: str) -> dict[int, int]:
    """Quote index → index of the quotation it continues (same paragraph, or
    the next paragraph's opening quote after an unclosed one)."""
    links: dict[int, int] = {}
    for k in range(1, len(spans)):
        prev, q = spans[k - 1], spans[k]
        if q.para == prev.para:
            links[k] = k - 1
        elif prev.close is None and q.para == prev.para + 1 and not text[_line_start(text, q.open) : q.open].strip():
            links[k] = k - 1
    return links


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _attribute(spans: list[QuoteSpan], layout: _Layout, cues: dict[int, _Cue], text: str) -> list[_Cue | None]:
    own = [_own_cue(q, layout, cues) for q in spans]
    links = _continues(spans, text)
    found = list(own)
    for k in range(len(spans)):
        if found[k] is None and k in links:
            found[k] = found[links[k]]
    for k in reversed(range(len(spans))):
        unclosed_start = found[k] is None and spans[k].close is None
        if unclosed_start and links.get(k + 1) == k:
            found[k] = found[k + 1]
    return found


def _direct_quotes(text: str, spans: list[QuoteSpan], found: list[_Cue | None]) -> list[Quote]:
    return [
        Quote(
            speaker=cue.speaker if cue else None,
            kind="direct",
            text=text[q.start : q.end],
            cue=cue.word if cue else None,
            date=cue.date if cue else None,
            evidence=Evidence.of(text, q.start, q.end),
        )
        for q, cue in zip(spans, found)
    ]


# --- indirect quotes -------------------------------------------------------

_CUT_WORDS = {";", "—", "–", "--"}


def _clause(tok: Token, lex: Lexicon) -> tuple[int, int] | None:
    """Token range of the reported clause: "said (that) X", "urged Y to Z"."""
    kids = list(tok.children)
    comp = next((c for c in kids if c.dep_ == "ccomp"), None)
    if comp is not None:
        return comp.left_edge.i, comp.right_edge.i + 1
    if tok.lemma_.lower() in lex.object_verbs:
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        xcomp = next((c for c in kids if c.dep_ == "xcomp"), None)
        if obj is not None and xcomp is not None and obj.i < xcomp.i:
            return obj.left_edge.i, xcomp.right_edge.i + 1
    return None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "that" and cut at a second "and that", a dash or a semicolon."""
    while start < end and (doc[start].dep_ == "mark" or doc[start].is_punct or doc[start].is_space):
        start += 1
    for i in range(start + 1, end):
        t = doc[i]
        if t.text in _CUT_WORDS or "\n" in t.text:
            end = i
            break
        if t.dep_ == "cc" and i + 1 < end and doc[i + 1].dep_ == "mark":
            end = i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in '"”’':
        end -= 1
    return start, end


def _indirect_quotes(layout: _Layout, cues: dict[int, _Cue], lex: Lexicon) -> list[Quote]:
    doc, quoted, found = layout.doc, layout.quoted, []
    for i, cue in cues.items():
        tok = doc[i]
        if tok.lemma_.lower() not in lex.indirect_verbs:
            continue
        rng = _clause(tok, lex)
        if rng is None:
            continue
        start, end = _trim(doc, *rng)
        words = [k for k in range(start, end) if doc[k].is_alpha]
        if len(words) < 2 or sum(quoted[k] for k in words) * 2 > len(words) or start <= i < end:
            continue
        span = doc[start:end]
        found.append(
            Quote(
                speaker=cue.speaker,
                kind="indirect",
                text=span.text,
                cue=cue.word,
                date=cue.date,
                evidence=Evidence.from_span(span),
            )
        )
    return found


# --- entry point -----------------------------------------------------------


def extract_quotes(doc: Doc, ctx) -> list[Quote]:
    """Direct and indirect quotes of ``doc``, in text order, speakers canonical."""
    text = doc.text
    spans = find_quote_spans(text)
    layout = _Layout.build(doc, spans)
    lex = lexicon()
    speakers = _Speakers(ctx, layout, lex)
    cues = _find_cues(layout, speakers, ctx)
    direct = _direct_quotes(text, spans, _attribute(spans, layout, cues, text))
    indirect = _indirect_quotes(layout, cues, lex)
    return sorted(direct + indirect, key=lambda q: (q.evidence.start, q.kind))
