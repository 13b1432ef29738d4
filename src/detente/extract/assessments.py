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

import re
from dataclasses import InitVar, dataclass, field
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..records import Assessment, Evidence
from ._speech import Talks, about_talks, actor_of_token, antecedent, lemma_doc, name_in_phrase

if TYPE_CHECKING:
    from .context import Context

__all__ = ["extract_assessments", "Lexicon"]


@dataclass
class Lexicon:
    """The talk-sentiment lexicon, compiled into one matcher (labels "positive"/"negative")."""

    data: dict
    matcher: PhraseMatcher = field(init=False)
    #: spaCy (for the cues' lemmas) and the talk vocabulary (its reporting verbs)
    nlp: InitVar[object]
    talks: InitVar[Talks]

    def __post_init__(self, nlp, talks: Talks):
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for label in ("positive", "negative"):
            phrases = self.data[label]
            # a word's lemma alone may differ from its lemma in a sentence
            # ("satisfied" → "satisfy" alone, "satisfied" after "was"): both forms match
            words = [Doc(nlp.vocab, words=p.lower().split()) for p in phrases]
            self.matcher.add(label, [_lemma_doc(d) for d in nlp.pipe(phrases)] + words)
        self.negators = set(self.data["negators"])
        self.mixed_share = float(self.data.get("mixed_share", 0.3))
        self.mixed_min = int(self.data.get("mixed_min_cues", 3))
        self.negated_weight = float(self.data.get("negated_weight", 0.5))
        self.speech = talks.speech | frozenset(self.data.get("judging_verbs", ()))
        self.contrasts = frozenset(self.data.get("contrasts", ()))
        self.contrast_share = float(self.data.get("contrast_share", 0.25))
        self.source_kinds = frozenset(self.data.get("source_kinds", ("person",)))
        self.talk_reach = int(self.data.get("talk_reach", 1))
        self.voice_kinds = frozenset(self.data.get("voice_kinds", ()))
        self.voices = frozenset(self.data.get("anonymous_voices", ()))
        self.voicing_verbs = frozenset(self.data.get("voicing_verbs", ()))
        self.issued = frozenset(self.data.get("issued_texts", ()))
        self.pair_nouns = frozenset(self.data.get("pair_nouns", ()))
        self.place_preps = frozenset(self.data.get("place_prepositions", ("in", "at", "to", "from")))
        self.go_betweens = frozenset(self.data.get("go_betweens", ()))
        self.attitudes = frozenset(self.data.get("attitudes", ()))
        self.linking = frozenset(self.data.get("linking_verbs", ("be", "remain", "seem", "appear")))
        self.authored_titles = tuple(self.data.get("authored_titles", ()))
        by, topic = (self.data.get(k, ()) for k in ("author_markers", "topic_markers"))
        # the authors' part of a statement's title: after "by", up to its topic ("on …")
        self.authors_in_title = re.compile(rf"\b(?:{'|'.join(by)})\s+(.*?)(?:\s+(?:{'|'.join(topic)})\s|$)", re.I)
        self.author_kinds = frozenset(self.data.get("author_kinds", ("person", "state", "group", "organization")))
        self.clause_only = frozenset(self.data.get("clause_only_verbs", ()))
        self.pair_kinds = frozenset(self.data.get("pair_kinds", ("state", "group")))
        self.nobody = frozenset(self.data.get("nobody", ()))
        self.negating_heads = frozenset(self.data.get("negating_heads", ()))
        self.overcoming = frozenset(self.data.get("overcoming_verbs", ()))
        self.nominal_only = frozenset(self.data.get("nominal_only", ()))
        self.forms_only = {k: frozenset(v) for k, v in self.data.get("forms_only", {}).items()}
        self.predicative_only = frozenset(self.data.get("predicative_only", ()))
        self.outcome_verbs, self.ending_verbs, self.good_ends, self.bad_ends, self.modals = (
            frozenset(self.data.get(k, ())) for k in ("outcome_verbs", "ending_verbs", "good_ends", "bad_ends", "outcome_modals"))
        self.reachable = frozenset(self.data.get("reachable", ()))


def _lemma_doc(doc: Doc | Span) -> Doc:
    vocab = doc.vocab if isinstance(doc, Doc) else doc.doc.vocab
    return Doc(vocab, words=[t.lemma_.lower() or t.lower_ for t in doc])


def extract_assessments(doc: Doc, ctx: Context) -> list[Assessment]:
    lex = ctx.pipeline.assessments
    if not about_talks(doc, ctx.rules.talks):
        return []
    cues = _cues(doc, lex)
    tally: dict[str, dict[int, float]] = {}
    evidence: dict[str, Evidence] = {}
    for speaker, span, tokens, voiced in _statements(doc, ctx, lex):
        kind = ctx.actors.kind(speaker)
        if kind not in lex.source_kinds and not (voiced and kind in lex.voice_kinds):
            continue
        if not _on_talks(doc, span, tokens, ctx.rules.talks.statement, lex.talk_reach):
            continue
        for tok_i, weight in cues:
            if tok_i in tokens:
                tally.setdefault(speaker, {})[tok_i] = weight
                evidence.setdefault(speaker, _evidence(span))
    out = []
    for speaker, weights in tally.items():
        if _contrast(doc, sorted(weights.items()), lex) and _share(weights.values()) >= lex.contrast_share:
            out.append(Assessment(source=speaker, polarity="mixed", evidence=evidence[speaker]))
            continue
        polarity = _polarity([w for _i, w in sorted(weights.items())], lex)
        if polarity:
            out.append(Assessment(source=speaker, polarity=polarity, evidence=evidence[speaker]))
    return out


def _on_talks(doc: Doc, span: Span, tokens: set[int], terms: frozenset[str], reach: int) -> bool:
    """The statement, its sentence or one of the ``reach`` sentences before
    speaks of talks, peace or a deal: "productive" then judges the talks, not
    a bill."""
    first = doc[span.start].sent
    start = first.start
    for _ in range(reach):
        start = doc[start - 1].sent.start if start > 0 else start
    window = set(range(start, doc[span.end - 1].sent.end)) | tokens
    return any(doc[i].lemma_.lower() in terms for i in window)


def _contrast(doc: Doc, cues: list[tuple[int, float]], lex: Lexicon) -> bool:
    """A speaker weighing both ways across a contrast in the sentence of
    either judgement ("difficult, but businesslike", "not easy … But at least
    we're on that road"): mixed, where the weaker side carries at least
    ``contrast_share`` of the weight (one hedge against a run of doubts is
    not). ``cues`` are (token index, weight) in text order."""
    for k, (j, b) in enumerate(cues):
        earlier = [(i, a) for i, a in cues[:k] if (a > 0) != (b > 0)]
        if not earlier:
            continue
        i, a = earlier[-1]  # "back on track after initial troubles. But differences remained": the last opposite one
        between = doc[i:j]
        if any(t.lower_ in lex.contrasts and (t.sent == doc[i].sent or t.sent == doc[j].sent) for t in between):
            return True  # the contrast joins the two judgements, not two remarks apart
    return False


def _share(weights) -> float:
    """The weaker side's share of all the weight: 0 for one way, 0.5 for even."""
    pos = sum(w for w in weights if w > 0)
    neg = -sum(w for w in weights if w < 0)
    return min(pos, neg) / (pos + neg) if pos + neg else 0.0


def _polarity(weights: list[float], lex: Lexicon) -> str | None:
    """Sign of the tally; mixed when enough cues pull both ways; a tie goes
    to the last cue (the conclusion: "they failed … we've finally succeeded")."""
    pos = sum(w for w in weights if w > 0)
    neg = -sum(w for w in weights if w < 0)
    if not weights or (not pos and not neg):
        return None
    strong = pos >= 1 and neg >= 1 and len(weights) >= lex.mixed_min
    if strong and _share(weights) >= lex.mixed_share:
        return "mixed"
    if pos == neg:
        return "positive" if weights[-1] > 0 else "negative"
    return "positive" if pos > neg else "negative"


def _cues(doc: Doc, lex: Lexicon) -> list[tuple[int, float]]:
    """(token index, weight) for every cue in the document: +1/-1, or the
    opposite sign at ``negated_weight`` under negation ("not easy" is milder
    than "difficult")."""
    spans = [Span(doc, s, e, label=m) for m, s, e in lex.matcher(lemma_doc(doc))]  # the positions' per-doc copy
    out = []
    for span in filter_spans(spans):
        if not _counts(span, lex) or _overcome(span.root, lex):
            continue
        sign = 1 if span.label_ == "positive" else -1
        has_negator = any(t.lower_ in lex.negators for t in span)
        weight = float(sign)
        if not has_negator and _negated(span.root, lex):
            weight = -sign * lex.negated_weight
        out.append((span.root.i, weight))
    seen = {i for i, _w in out}
    for tok in doc:
        if tok.i not in seen and (_outcome(tok, lex) or _within_reach(tok, lex)):
            out.append((tok.i, -lex.negated_weight if _negated(tok, lex) else 1.0))
    return sorted(out)


def _within_reach(tok: Token, lex: Lexicon) -> bool:
    """A good end said to be within reach: "peace is strongly possible", "a
    settlement is achievable"."""
    if tok.dep_ != "acomp" or tok.lemma_.lower() not in lex.reachable:
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in lex.good_ends for c in tok.head.children)


def _outcome(verb: Token, lex: Lexicon) -> bool:
    """A prediction of what the deal or talks will do: a modal outcome verb
    with a good end after it ("the accord would bring peace", "will pave the
    way for a peace agreement"), or one that ends a bad one ("will stop the
    war", "will get the country out of the crisis")."""
    if verb.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ in lex.modals for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    if lemma not in lex.outcome_verbs and lemma not in lex.ending_verbs:
        return False
    after = [t for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "prep", "prt", "advmod", "xcomp", "pcomp")
             for t in c.subtree]
    words = {t.lemma_.lower() for t in after} | {t.lower_ for t in after}  # "lasting" peace, lemma "last"
    ending = lemma in lex.ending_verbs or any(t.lower_ in ("out", "end") for t in after)  # "bring an end to the war"
    return bool(words & lex.good_ends) if not ending else bool(words & lex.bad_ends)


def _counts(span: Span, lex: Lexicon) -> bool:
    """A single-word cue some of whose uses judge nothing: the verb "hope"
    ("we hope they understand that we will respond"), "promise" other than
    "promising" ("the breach of promises")."""
    if len(span) != 1:
        return True
    tok = span[0]
    lemma = tok.lemma_.lower()
    if lemma in lex.nominal_only and tok.pos_ in ("VERB", "AUX"):
        return False
    if lemma in lex.predicative_only and tok.dep_ == "amod":
        return False  # "a remote area"
    forms = lex.forms_only.get(lemma)
    return forms is None or tok.lower_ in forms


def _negated(tok: Token, lex: Lexicon) -> bool:
    """A negator just before the cue or on the cue or one of its near heads;
    a head that denies what it governs ("Russia's failure to negotiate in good
    faith", "refused to …") or a subject that nobody is ("Nobody believes …")."""
    sent_start = tok.sent.start
    window = tok.doc[max(sent_start, tok.i - 3) : tok.i]
    if any(t.lower_ in lex.negators for t in window):
        return True
    after = tok.doc[tok.i + 1 : min(tok.sent.end, tok.i + 3)]
    if any(t.lower_ in ("little", "nothing") for t in after):  # "may achieve little"
        return True
    node = tok
    for _ in range(4):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children):
            return not _without(node)
        if node is not tok and node.lemma_.lower() in lex.negating_heads:
            return True
        if _nobody(node, lex) or (node.dep_ == "ccomp" and _nobody(node.head, lex)):
            return True  # "nobody believes that Russia is acting in good faith"
        # a negated verb negates its predicate, not its subject ("this
        # breakthrough would not have been possible without …")
        if node.head.i == node.i or node.dep_ in ("ccomp", "advcl", "conj", "nsubj", "nsubjpass"):
            break
        node = node.head
    return False


def _overcome(tok: Token, lex: Lexicon) -> bool:
    """A difficulty that is the object of a verb that ends it ("overcome all
    challenges", "resolving difficulties", "broke the deadlock") is no doubt
    about the talks; nor, alone, a hope ("the parties recognize the need to
    address these challenges")."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.dep_ == "dobj" and node.head.lemma_.lower() in lex.overcoming


def _nobody(node: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in lex.nobody for c in node.children)


def _without(node: Token) -> bool:
    """"not … without" cancels out."""
    return any(t.lower_ == "without" for t in node.subtree)


def _statements(doc: Doc, ctx: Context, lex: Lexicon):
    """(speaker, evidence span, token indices, voiced) for each quote, and for
    reported speech that no quote covers. ``voiced``: a state or group speaks
    through a nameless official ("a US official called the talks productive")
    or jointly with another ("Both Moscow and Kyiv described the round as
    constructive"), not as a bare name standing for the narrator's summary."""
    covered: set[int] = set()
    spoken: set[int] = set()  # every token some statement gives to a speaker
    for quote in ctx.quotes:
        ev = quote.evidence
        if not (quote.speaker and ev):
            continue
        span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
            yield quote.speaker, span, set(range(span.start, span.end)), _voiced(doc, ev.start, ev.end, quote.speaker, ctx, lex)
    for tok in doc:
        if tok.lower_ == "according":
            yield from _according(tok, covered, ctx)
            continue
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.speech:
            continue
        if tok.lemma_.lower() in lex.clause_only and not any(c.dep_ == "ccomp" for c in tok.children):
            continue  # "agreed the talks were productive", not "agreed to another exchange"
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None) or _agent(tok)
        if subj is None:
            continue
        spoken.update(t.i for t in tok.subtree if t.sent == tok.sent)  # someone speaks here, named or not
        pair = _pair(subj, ctx, lex)
        name = pair[0] if pair else antecedent(subj, ctx) if subj.pos_ == "PRON" else name_in_phrase(subj, tok, ctx)
        if not name:
            continue
        own = ({subj.head.i} | {t.i for t in subj.subtree if t.i <= subj.i}) if subj.dep_ == "pobj" else {
            t.i for t in subj.subtree}
        said = [t for t in tok.subtree if t.i not in covered and t.i not in own and t.sent == tok.sent]
        if not said:
            continue
        joint = [n for n in (actor_of_token(c, ctx) for c in subj.conjuncts) if n and n != name] + pair[1:]
        if subj.lemma_.lower() in lex.issued:
            joint += _issuers(subj, ctx)
        voiced = bool(joint) or subj.lemma_.lower() in lex.voices or tok.lemma_.lower() in lex.voicing_verbs
        for who in dict.fromkeys([name, *joint]):
            yield who, doc[said[0].i : said[-1].i + 1], {t.i for t in said}, voiced
    yield from _attitudes(doc, covered, ctx, lex)
    yield from _authored(doc, covered | spoken, ctx, lex)


def _authors(ctx: Context, lex: Lexicon) -> list[str]:
    """The actors a statement's title names as its authors ("Opening
    Statement of X on …", "Joint Statement … Between the Governments of X, Y
    and Z"); none for a news report or a readout."""
    title = ctx.document.title or ""
    if not any(title.lower().startswith(k) for k in lex.authored_titles):
        return []
    found = lex.authors_in_title.search(title)
    if not found:
        return []
    names = found.group(1).lower()
    return [name for name, actor in ctx.actors.actors.items()
            if actor.kind in lex.author_kinds and re.search(rf"\b{re.escape(name.lower())}", names)]


def _authored(doc: Doc, covered: set[int], ctx: Context, lex: Lexicon):
    """In a statement its authors issued, the text no one else is said to
    speak is theirs ("The United States commends these positive steps",
    "The Joint Statement … is significant")."""
    authors = _authors(ctx, lex)
    if not authors:
        return
    for sent in doc.sents:
        if any(t.i in covered for t in sent):
            continue
        for who in authors:
            yield who, sent, set(range(sent.start, sent.end)), True


def _attitudes(doc: Doc, covered: set[int], ctx: Context, lex: Lexicon):
    """A mood said of someone, no reporting verb: "Minister X was also
    pleased", "the envoy remained optimistic"."""
    for tok in doc:
        if tok.i in covered or tok.dep_ != "acomp" or tok.lemma_.lower() not in lex.attitudes:
            continue
        verb = tok.head
        if verb.lemma_.lower() not in lex.linking:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        name = antecedent(subj, ctx) if subj.pos_ == "PRON" else name_in_phrase(subj, verb, ctx)
        if name:
            sent = tok.sent
            yield name, sent, set(range(sent.start, sent.end)), subj.lemma_.lower() in lex.voices


def _agent(verb: Token) -> Token | None:
    """The judge of a passive: "the talks were described by both sides as a
    good start", "the deal was hailed by the AU as a milestone"."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _pair(subj: Token, ctx: Context, lex: Lexicon) -> list[str]:
    """"Both sides" / "the two delegations": the last two states or groups
    named before the phrase, each judging ("Both sides agreed the
    consultations were highly productive")."""
    if subj.lemma_.lower() not in lex.pair_nouns or not any(c.lower_ in ("both", "two") for c in subj.children):
        return []
    found: list[str] = []
    for start, end, name in reversed(ctx.actors.spans):
        if start >= subj.idx or name in found or ctx.actors.kind(name) not in lex.pair_kinds:
            continue
        if _place(subj.doc.char_span(start, end, alignment_mode="expand"), lex):
            continue  # "met in Brussels": the venue is no side
        found.append(name)
        if len(found) == 2:
            return found[::-1]
    return []


def _place(span: Span | None, lex: Lexicon) -> bool:
    """A mention that is a venue ("met in Brussels") or names the go-between
    ("through Omani mediators"), not a side."""
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("compound", "amod", "poss") and root.head.lemma_.lower() in lex.go_betweens:
        return True
    return root.dep_ == "pobj" and root.head.lower_ in lex.place_preps


def _issuers(subj: Token, ctx: Context) -> list[str]:
    """Every actor named inside a statement subject ("a joint statement issued
    by Syria, Israel and the United States affirmed …", "the communiqué of the
    two governments said …"): each of them voices what the statement says."""
    lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
    return [name for _s, _e, name in ctx.actors.in_range(lo, hi)]


def _according(tok: Token, covered: set[int], ctx: Context):
    """"According to analyst X, the deal is unlikely to hold": X judges the
    rest of the sentence."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < tok.sent.end and tok.doc[tok.i + 1].lower_ == "to":
        to = tok.doc[tok.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return
    own = range(tok.i, obj.right_edge.i + 1)
    inside = ctx.actors.in_range(tok.doc[own.start].idx, obj.right_edge.idx + len(obj.right_edge))
    name = actor_of_token(obj, ctx) or (inside[0][2] if inside else None)
    said = [t for t in tok.sent if t.i not in own and t.i not in covered]
    if name and said:
        yield name, tok.doc[said[0].i : said[-1].i + 1], {t.i for t in said}, False


def _voiced(doc: Doc, start: int, end: int, speaker: str, ctx: Context, lex: Lexicon) -> bool:
    """A quote's speaker that is a state speaks through a nameless official
    who is the subject of a reporting verb in the quote's sentence ("an
    Israeli source told the Post", not "the government is doing everything
    to derail the deal" inside the quote), or
    through a verb that reports the judgement itself ("The United States
    welcomed the declaration, saying it marks a positive step")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any((t.lemma_.lower() in lex.voices and t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in lex.speech)
               or (t.lemma_.lower() in lex.voicing_verbs and t.pos_ == "VERB") for t in span.sent)


def _evidence(span: Span) -> Evidence:
    return Evidence.from_span(span)
