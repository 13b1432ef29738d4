"""Assessments: how each speaker judges the prospects of the talks.

A speaker's statements are their quotes (``ctx.quotes``, direct and indirect)
and sentences where a reporting verb has them as subject. Cue phrases from
``data/assessments.json`` ("productive", "stalled", "no hope") count +1 or -1,
flipped under negation ("not easy", "not much that gives us hope"). One
assessment per speaker: positive or negative by the sign of the tally, mixed
when both sides carry weight. Reports that are not about talks at all yield
nothing, so unrelated praise or complaint is never read as an assessment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..records import Assessment, Evidence
from ._speech import antecedent, name_in_phrase
from .issues import DATA

__all__ = ["extract_assessments", "Lexicon", "load_lexicon", "about_talks"]


@dataclass
class Lexicon:
    """The talk-sentiment lexicon, compiled into one matcher (labels "positive"/"negative")."""

    data: dict
    matcher: PhraseMatcher = field(init=False)

    def __post_init__(self):
        from ..nlp import load

        nlp = load()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for label in ("positive", "negative"):
            self.matcher.add(label, [_lemma_doc(d) for d in nlp.pipe(self.data[label])])
        self.negators = set(self.data["negators"])
        self.mixed_share = float(self.data.get("mixed_share", 0.3))
        talks = json.loads((DATA / "talks.json").read_text(encoding="utf-8"))
        self.speech = set(talks["speech_verbs"])
        self.topic = set(talks["topic_terms"])
        self.topic_min = int(talks.get("min_hits", 2))


def _lemma_doc(doc: Doc | Span) -> Doc:
    vocab = doc.vocab if isinstance(doc, Doc) else doc.doc.vocab
    return Doc(vocab, words=[t.lemma_.lower() or t.lower_ for t in doc])


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, compiled once per process."""
    return Lexicon(json.loads((DATA / "assessments.json").read_text(encoding="utf-8")))


def about_talks(doc: Doc, lex: Lexicon | None = None) -> bool:
    """Whether the report speaks of negotiations at all (enough topic terms)."""
    lex = lex or load_lexicon()
    return sum(t.lemma_.lower() in lex.topic for t in doc) >= lex.topic_min


def extract_assessments(doc: Doc, ctx) -> list[Assessment]:
    lex = load_lexicon()
    if not about_talks(doc, lex):
        return []
    cues = _cues(doc, lex)
    tally: dict[str, dict[int, int]] = {}
    evidence: dict[str, Evidence] = {}
    for speaker, span in _statements(doc, ctx, lex):
        for tok_i, sign in cues:
            if span.start <= tok_i < span.end:
                tally.setdefault(speaker, {})[tok_i] = sign
                evidence.setdefault(speaker, _evidence(span))
    out = []
    for speaker, signs in tally.items():
        polarity = _polarity(list(signs.values()), lex.mixed_share)
        if polarity:
            out.append(Assessment(source=speaker, polarity=polarity, evidence=evidence[speaker]))
    return out


def _polarity(signs: list[int], mixed_share: float) -> str | None:
    pos, neg = signs.count(1), signs.count(-1)
    if not pos and not neg:
        return None
    if pos and neg and min(pos, neg) / (pos + neg) >= mixed_share:
        return "mixed"
    return "positive" if pos > neg else "negative"


def _cues(doc: Doc, lex: Lexicon) -> list[tuple[int, int]]:
    """(token index, +1/-1) for every cue in the document, negation applied."""
    spans = [Span(doc, s, e, label=m) for m, s, e in lex.matcher(_lemma_doc(doc))]
    out = []
    for span in filter_spans(spans):
        sign = 1 if span.label_ == "positive" else -1
        has_negator = any(t.lower_ in lex.negators for t in span)
        if not has_negator and _negated(span.root, lex):
            sign = -sign
        out.append((span.root.i, sign))
    return out


def _negated(tok: Token, lex: Lexicon) -> bool:
    """A negator just before the cue or on the cue or one of its near heads."""
    sent_start = tok.sent.start
    window = tok.doc[max(sent_start, tok.i - 3) : tok.i]
    if any(t.lower_ in lex.negators for t in window):
        return True
    node = tok
    for _ in range(4):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children):
            return True
        if node.head is node or node.dep_ in ("ccomp", "advcl", "conj"):
            break
        node = node.head
    return False


def _statements(doc: Doc, ctx, lex: Lexicon):
    """(speaker, span) for each quote, and for reported speech no quote covers."""
    covered: set[int] = set()
    for quote in ctx.quotes:
        ev = quote.evidence
        if not (quote.speaker and ev):
            continue
        span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
            yield quote.speaker, span
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.speech:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        name = antecedent(subj, ctx) if subj.pos_ == "PRON" else name_in_phrase(subj, tok, ctx)
        if not name:
            continue
        said = [t for t in tok.subtree if t.i not in covered and t.i not in {s.i for s in subj.subtree}]
        if said:
            yield name, doc[said[0].i : said[-1].i + 1]


def _evidence(span: Span) -> Evidence:
    return Evidence.from_span(span)
