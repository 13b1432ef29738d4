"""Positions: which side (party) takes which stance on which issue.

A stance cue from ``data/stances.json`` ("has proposed", "rejects", "is open
to", "Kyiv's demand for") heads a clause; its subject, resolved through the
actor index, gives the party (a person speaks for their state or group), the
rest of the clause gives the issue (:mod:`.issues`). Decisions:

- a negated cue means nothing unless ``negated`` says otherwise ("will not
  accept" → reject, "did not rule out" → accept; "has not rejected" → none);
- a cue governed by "unable to", "urged X to", "accused X of" … is no stance
  of the subject's (``blockers``);
- a clause whose object is only "that option", "the plan", "it" or nothing
  ("Kyiv refuses") takes the issues of the previous position (same or
  previous sentence);
- pronouns and generic subjects ("the group", "it") take the speaker of the
  quote or of the reporting verb above them;
- "the two sides" are the report's two sides at the table: the two it names
  most, mediators left out (:func:`._parties.report_sides`);
- "our position remains unchanged" → the speaker's party, issue ``general``;
- the issue is read from what the stance is taken on before the whole clause;
  the talks themselves as the object ("agreed to hold talks on a ceasefire")
  are ``general``;
- mediators (any the text says mediates, brokers or hosts, and usual ones
  where two other sides are each named more than once, unless the text pairs
  them with a side: "US-Iran talks") keep only their proposals
  (:func:`._parties.report_sides`, the rules agreements and meetings use);
- "Under the deal, Hamas will free hostages": a side's term of a deal is its acceptance.

The claim is the sentence; conditions ("would accept … if …") stay in it.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LOWER
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..nlp import text_of
from ..records import Evidence, Position
from ._speech import FIRST_PERSON as _FIRST_PERSON
from ._speech import NEUTER as _NEUTER
from ._speech import PARTY_KINDS as _PARTY_KINDS
from ._speech import THIRD_PERSON as _THIRD_PERSON
from ._speech import actor_of_token as _actor_of_token
from ._speech import antecedent as _antecedent
from ._speech import name_in_phrase as _name_in_phrase
from ._speech import about_talks, alone, lemma_doc, lemmas
from ._speech import speaker as _speaker_at
from ._events import located_spans
from ._parties import dateline, report_sides
from ._sides import with_sides

if TYPE_CHECKING:
    from .context import Context

__all__ = ["extract_positions", "rule_candidates", "pair_candidates", "Pair", "PAIR_STANCES", "Vocabulary"]



@dataclass
class Vocabulary:
    """The stance vocabulary, compiled: one matcher for every cue."""

    data: dict
    matcher: PhraseMatcher = field(init=False)
    collective: PhraseMatcher = field(init=False)
    #: spaCy, for the cues' lemmas
    nlp: InitVar[object]

    def __post_init__(self, nlp):
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        stances = {stance: dict(cues) for stance, cues in self.data["stances"].items()}
        for stance, verbs in self.data.get("deal_verbs", {}).items():
            stances.setdefault(stance, {})["deal_verbs"] = verbs
        for stance, verbs in self.data.get("truce_verbs", {}).items():
            stances.setdefault(stance, {})["truce_verbs"] = verbs
        for stance, verbs in self.data.get("joint_verbs", {}).items():
            stances.setdefault(stance, {})["joint_verbs"] = verbs
        stances["none"] = {"verbs": list(self.data.get("negated_only", {}))}
        for stance, cues in stances.items():
            for kind in _CUE_KINDS:
                for phrase in cues.get(kind, []):
                    key = f"{stance}|{kind}|{phrase}"
                    self.matcher.add(key, [_lemma_doc(d) for d in nlp.pipe([phrase])])
        self.collective = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.collective.add("collective", [_lemma_doc(d) for d in nlp.pipe(self.data["collective"])])
        self.speech = set(self.data["speech_verbs"])
        self.blockers = set(self.data["blockers"])
        self.anaphora = set(self.data["anaphora"])
        self.generic = set(self.data["generic_subjects"])
        self.negated = {**self.data["negated"], **self.data.get("negated_only", {})}
        self.deal_objects = set(self.data.get("deal_objects", []))
        self.truce_objects = frozenset(self.data.get("truce_objects", []))
        self.unchanged = self.data["unchanged"]
        self.outside_roles = set(self.data.get("non_party_roles", []))
        self.light_verbs = set(self.data.get("light_verbs", []))
        self.light_only = frozenset(self.data.get("light_only_nouns", []))
        self.from_nouns = set(self.data.get("from_nouns", []))
        self.messages = set(self.data.get("message_nouns", []))
        self.receiving_verbs = set(self.data.get("receiving_verbs", []))
        self.general_terms = frozenset(self.data.get("general_terms", []))
        self.talk_words = frozenset(self.data.get("talk_words", []))
        self.content_verbs = frozenset(self.data.get("content_verbs", []))
        self.terms_preps = frozenset(self.data.get("terms_prepositions", []))
        self.term_deals = frozenset(self.data.get("term_deals", []))
        self.term_modals = frozenset(self.data.get("term_modals", []))
        self.withdrawal_words = frozenset(self.data.get("withdrawal_words", []))
        self.land_words = frozenset(self.data.get("land_words", []))
        self.modals = dict(self.data.get("modals", {}))
        self.report_senses = frozenset(self.data.get("report_senses", []))
        self.modal_verbs = dict(self.data.get("modal_verbs", {}))
        self.necessity = dict(self.data.get("necessity", {}))
        self.outside_stances = frozenset(self.data.get("outside_stances", ["propose"]))
        self.collective_roles = frozenset(self.data.get("collective_roles", []))


#: Cue kinds: verbs head a clause; adjectives are predicates ("is still open
#: to"); nouns are nominal stances ("Kyiv's demand for"); deal verbs count
#: only on a deal or the talks ("signed the accord", "suspended the talks").
_CUE_KINDS = ("verbs", "adjectives", "nouns", "deal_verbs", "truce_verbs", "joint_verbs")


def _lemma_doc(doc_or_span) -> Doc:
    """A Doc whose words are the lower-cased lemmas (token indices kept)."""
    doc = doc_or_span if isinstance(doc_or_span, Doc) else doc_or_span.doc
    return Doc(doc.vocab, words=[t.lemma_.lower() or t.lower_ for t in doc_or_span])


@dataclass
class _Candidate:
    """A stance found in a sentence, before its issues are known."""

    sent: Span
    stance: str
    parties: list[tuple[str, str | None]]
    region: list[Token]
    anaphoric: bool
    issues: list[str] = field(default_factory=list)
    #: How deep the cue sits under the sentence's root (conjuncts count as
    #: their first): one clause gives one stance per side, the governing one.
    depth: int = 0
    #: The cue's head token (None for stances not read from one cue).
    head: Token | None = None


def extract_positions(doc: Doc, ctx: Context) -> list[Position]:
    if not about_talks(doc, ctx.rules.talks):
        return []
    ctx = with_sides(ctx, text_of(doc))  # an unlisted rebel movement takes stances as a side
    vocab = ctx.pipeline.stances
    cands = rule_candidates(doc, ctx, vocab)
    models, encoder = _stance_model(ctx)
    if models is not None:
        cands = _learned(doc, ctx, vocab, cands, models, encoder)
    cands.sort(key=lambda c: c.sent.start)
    outside = report_sides(doc, ctx).outside
    for cand in cands:  # a mediator's welcome, call or signature is no side's position
        if cand.stance not in vocab.outside_stances:
            cand.parties = [(party, actor) for party, actor in cand.parties if party not in outside]
    return _positions(cands, ctx)


def rule_candidates(doc: Doc, ctx: Context, vocab: Vocabulary) -> list[_Candidate]:
    """What the cue rules find, with issues: the positions on rules alone,
    and the features the learned model reads."""
    cands = [*_stance_candidates(doc, ctx, vocab), *_modal_candidates(doc, ctx, vocab), *_deal_terms(doc, ctx, vocab)]
    cands.sort(key=lambda c: c.sent.start)
    _classify(cands, ctx)
    cands.extend(_unchanged_candidates(doc, ctx, vocab))
    return cands


def _stance_model(ctx: Context):
    """(models, encoder), or (None, None) when running on rules alone."""
    models, encoder = ctx.pipeline.models, ctx.pipeline.encoder
    if models is None or encoder is None or not models.on("stance"):
        return None, None  # switched off: no sentence is encoded for it
    return models, encoder


# -- finding stance cues -------------------------------------------------------


def _stance_candidates(doc: Doc, ctx: Context, vocab: Vocabulary):
    heads: dict[int, tuple[str, str, str, int]] = {}
    for match_id, start, end in vocab.matcher(lemma_doc(doc)):
        stance, kind, phrase = doc.vocab.strings[match_id].split("|", 2)
        head = _cue_head(doc[start:end], kind)
        if head is not None and (head.i not in heads or end - start > heads[head.i][3]):
            heads[head.i] = (stance, kind, phrase, end - start)
    for verb in _made_conditional(doc, vocab):
        heads.setdefault(verb.i, ("demand", "verbs", f"make {verb.lemma_} conditional", 2))
    # "declared that …", "announced that …" take no truce: no cue there to govern the clause
    # nor does "the aid was restored after …": a deal verb off a deal is no cue, and governs nothing
    heads = {i: h for i, h in heads.items() if (h[1] != "truce_verbs" or _on_truce(doc[i], vocab))
             and (h[1] != "deal_verbs" or _on_deal(doc[i], h[2], vocab))
             and (h[1] != "joint_verbs" or _joint_subject(doc[i], vocab))}
    cue_heads = set(heads)
    for i, (stance, kind, phrase, _n) in sorted(heads.items()):
        cand = _candidate(doc[i], stance, kind, phrase, ctx, vocab, cue_heads)
        if cand is not None:
            yield cand


def _joint_subject(verb: Token, vocab: Vocabulary) -> bool:
    """"Both sides decided to …", "India and China jointly decided to …": a
    joint verb is a stance only when its subject is two sides together."""
    return any(s.conjuncts or _is_collective(s, vocab) for s in _subjects(verb, vocab))


def _made_conditional(doc: Doc, vocab: Vocabulary):
    """'made a ceasefire conditional on …': the maker sets a condition, a
    demand; the parser hangs the adjective on the verb or on its object."""
    for tok in doc:
        if tok.lemma_.lower() not in vocab.data.get("condition_adjectives", ()):
            continue
        verb = tok.head if tok.head.pos_ != "NOUN" else tok.head.head
        if verb.lemma_.lower() in vocab.data.get("causative_verbs", ()) and verb.pos_ in ("VERB", "AUX"):
            yield verb


def _condition_objects(verb: Token, vocab: Vocabulary) -> list[Token]:
    """What a 'made … conditional on' sets as the condition: the object of
    'on', hung on the adjective or on the verb."""
    if verb.lemma_.lower() not in vocab.data.get("causative_verbs", ()):
        return []
    adjectives = [t for t in verb.subtree if t.lemma_.lower() in vocab.data.get("condition_adjectives", ())]
    if not adjectives:
        return []
    preps = [c for t in (verb, *adjectives) for c in t.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")]
    return [g for p in preps for g in p.children if g.dep_ == "pobj"]


def _cue_head(span: Span, kind: str) -> Token | None:
    wanted = {"nouns": ("NOUN", "PROPN"), "adjectives": ("ADJ", "VERB")}.get(kind, ("VERB", "AUX"))
    for tok in span:
        if tok.pos_ in wanted:
            return tok
    return None


def _candidate(head: Token, stance: str, kind: str, phrase: str, ctx: Context, vocab, cue_heads) -> _Candidate | None:
    if _blocked(head, vocab, cue_heads) or _reports(head, vocab):
        return None
    if kind == "deal_verbs" and not _on_deal(head, phrase, vocab):
        return None
    if kind == "truce_verbs" and not _on_truce(head, vocab):
        return None
    if _negated(head) or (kind == "adjectives" and head.dep_ == "acomp" and _negated(head.head)):
        stance = vocab.negated.get(phrase) or vocab.negated.get(stance)
        if stance is None:
            return None
    elif stance == "none":
        return None  # "negotiate", "tolerate": a stance only when refused
    if kind == "nouns" and phrase in vocab.light_only and not (
            head.dep_ == "dobj" and head.head.lemma_.lower() in vocab.light_verbs):
        return None  # "questioned Moscow's commitment to peace" is nobody's stance
    subjects = _noun_owner(head, vocab) if kind == "nouns" else _subjects(head, vocab)
    if kind != "nouns" and any(s.i in cue_heads for s in subjects):
        return None  # "the Serbian proposal calls for …": the proposal is the stance, not a second one
    if kind == "adjectives" and not subjects:  # "X is committed to", "X is prepared for"
        subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
    parties = _parties(subjects, head, ctx, vocab)  # may be empty: still an antecedent
    if not subjects and stance == "accept" and _agreed_deal(head, vocab):
        parties = [(p, None) for p in _main_parties(head.doc, ctx)]
    if parties and stance == "accept" and kind == "deal_verbs":
        parties += [p for p in _partners(head, ctx, vocab) if p not in parties]
    region = _region(head, subjects, cue_heads)
    if kind == "nouns" and head.dep_ == "nsubj" and head.head.lemma_.lower() in vocab.content_verbs:
        # "Russia's demands include a withdrawal from Donetsk": what the stance holds is the verb's object
        region += [t for c in head.head.children if c.dep_ in ("dobj", "attr", "prep", "xcomp", "ccomp")
                   for t in c.subtree if t.sent == head.sent]
    if kind == "nouns" and head.dep_ == "dobj":
        # "received a proposal from X on a truce": what it is about may hang on the verb
        region += [t for c in head.head.children if c.dep_ == "prep" and c.i > head.i and c.lower_ not in ("from", "by")
                   for t in c.subtree if t.sent == head.sent]
    anaphoric = kind != "nouns" and _anaphoric(region, head, vocab)
    return _Candidate(head.sent, stance, parties, region, anaphoric, depth=_depth(head), head=head)


def _participle_on(verb: Token) -> bool:
    """A past participle qualifying a noun ("the ceasefire agreed upon"), not a clause with its own subject."""
    return (verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _agreed_deal(head: Token, vocab) -> bool:
    """"The ceasefire agreed upon in Kuala Lumpur", "the exchange agreement
    reached in Istanbul": a deal the sentence says was made, by no one named,
    was made by the report's two sides."""
    return (_participle_on(head)
            and any(t.lemma_.lower() in vocab.term_deals for t in _noun_phrase(head.head))
            and not any(c.dep_ == "agent" for c in head.children))


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        depth += tok.dep_ != "conj"
        tok = tok.head
    return depth


def _on_deal(head: Token, phrase: str, vocab) -> bool:
    """A deal verb's object (or passive subject) is a deal or the talks:
    "signed the three copies of the pact", "withdrew from the talks", "the
    accord was inked by …" (not "the talks ended with a statement on …")."""
    preps = set(phrase.split()[1:])
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    if _participle_on(head):
        objects.append(head.head)  # "the agreement reached in Istanbul"
    objects += [g for c in head.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]
    return any(t.lemma_.lower() in vocab.deal_objects for obj in objects for t in _noun_phrase(obj))


def _on_truce(head: Token, vocab) -> bool:
    """"Announced a ceasefire", "declared an immediate truce": the object itself
    is a truce (not "announced the end of the truce")."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(t.lemma_.lower() in vocab.truce_objects for o in objects for t in (o, *(c for c in o.children if c.dep_ == "compound")))


def _noun_phrase(noun: Token) -> list[Token]:
    """A noun with its modifiers and "of" complements, without its conjuncts."""
    out = [noun]
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            out += [t for g in child.children if g.dep_ == "pobj" for t in _noun_phrase(g)]
    return out


def _blocked(head: Token, vocab, cue_heads) -> bool:
    """Questions, conditions, failures, accusations, reports and denials
    ("rejecting the notion that Hamas had accepted"), and cues inside another
    cue's clause: none of these is the subject's own stance."""
    if head.sent.text.rstrip().endswith("?"):
        return True
    if any(c.dep_ in ("mark", "dobj") and c.lemma_.lower() in vocab.blockers for c in head.children):
        return True  # "if they agree"; "rejects Hamas' claim that …" (a report, not an issue)
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "unless both sides agree to X and both sides agree that Y": the condition covers both
    if first is not head and any(c.dep_ == "mark" and c.lemma_.lower() in vocab.blockers for c in first.children):
        return True
    node = head
    for _ in range(3):
        if node.dep_ not in _EMBEDDED or node.head.i == node.i:
            break
        if node.dep_ == "relcl" and any(c.dep_.startswith("nsubj") for c in node.children):
            break  # "a condition Kyiv says it will never accept": the clause has its own holder
        node = node.head
        if node.lemma_.lower() in vocab.blockers and not _impersonal(node):
            return True
        if node.i in cue_heads and node.i < head.i:  # embedded clauses follow their governor
            return True
    return False


def _reports(head: Token, vocab) -> bool:
    """"Trump suggested that Zelensky wanted …", "Russia claimed it was
    targeting …": a cue that also means "say" reports a fact when its clause
    is indicative; "suggested that Ukraine should cede …", "… that talks be
    held" (a modal or a bare subjunctive) stay a stance."""
    if head.lemma_.lower() not in vocab.report_senses:
        return False
    clauses = [c for c in head.children if c.dep_ == "ccomp"]
    return any(c.tag_ != "VB" and not any(a.dep_ == "aux" and a.lower_ in vocab.modals for a in c.children)
               for c in clauses)


def _impersonal(verb: Token) -> bool:
    """"It was reported that …": the writer's hedge, not one side's claim about another."""
    return any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children)


_EMBEDDED = ("xcomp", "ccomp", "pcomp", "prep", "acomp", "advcl", "acl", "relcl")


def _negated(head: Token) -> bool:
    """"not", "never", "no" on the cue itself."""
    if any(c.dep_ == "neg" for c in head.children):
        return True
    return any(c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det") for c in head.children)


def _subjects(head: Token, vocab=None) -> list[Token]:
    """The subject tokens of a cue verb, climbing conj/xcomp/relcl chains."""
    node = head
    for _ in range(4):
        subj = [c for c in node.children if c.dep_ == "nsubj"]
        agent = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return agent
        if any(c.dep_ == "nsubjpass" for c in node.children):
            return []  # "the offer was accepted": no agent, no party
        if subj:
            return subj
        stray = _stray_subjects(node)
        if stray:
            return stray
        if node.dep_ in ("xcomp", "pcomp", "prep") and node.head.i != node.i:
            governor = node.head if node.dep_ == "xcomp" else _verb_above(node)
            if governor is None:
                return []
            objects = [c for c in governor.children if c.dep_ == "dobj"]
            if objects and node.dep_ != "xcomp":
                return objects
            node = governor
            continue
        if node.dep_ in ("conj", "acomp") and node.head.i != node.i:
            node = node.head  # "… and rejected"; "is still open to" (the copula's subject)
            continue
        if node.tag_ == "VBG" and node.dep_ in ("acl", "advcl") and node.head.i != node.i:
            # "sent a letter demanding talks", "released a statement, proposing …":
            # the participle's stance is the sender's (or the noun's, if it is the subject)
            if node.dep_ == "acl" and node.head.dep_ in ("nsubj", "nsubjpass"):
                return [node.head]
            if node.dep_ == "acl" and (vocab is None or node.head.lemma_.lower() not in vocab.messages):
                return []  # "a trade route requiring ships to …" is nobody's stance
            node = node.head if node.dep_ == "advcl" else _verb_above(node.head)
            if node is None:
                return []
            continue
        return []
    return []


def _stray_subjects(verb: Token) -> list[Token]:
    """"In Brussels, Vučić and Kurti agreed …": names the parser joined to
    the place before them, right before a verb with no subject, are its subject."""
    if verb.dep_ not in ("ROOT", "conj") or verb.i == verb.sent.start:
        return []
    before = verb.doc[verb.i - 1]
    first = before
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if before.dep_ != "conj" or not before.ent_type_ or first.dep_ != "pobj" or first.head.head.i != verb.i:
        return []
    names = [t for t in first.conjuncts if t.ent_type_ and t.i < verb.i]
    return sorted(names, key=lambda t: t.i)[:1]


def _verb_above(tok: Token) -> Token | None:
    node = tok
    for _ in range(3):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            break
    return None


def _noun_owner(noun: Token, vocab) -> list[Token]:
    """Who holds a nominal stance: "Kyiv's demand", "the Russian proposal", or
    the subject of a light verb ("submitted a counter-proposal"; not of
    "rejected the proposal")."""
    owners = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound") and c.ent_type_]
    owners += [c for c in noun.children if c.dep_ == "poss" and not c.ent_type_]
    if owners and owners[0].pos_ == "PRON" and noun.dep_ == "dobj" and noun.head.lemma_.lower() in vocab.light_verbs:
        # "both sides reaffirmed their commitment", "Kyiv repeated its demand": the verb's subject
        return _subjects(noun.head, vocab) or owners[:1]
    if owners:
        return owners[:1]
    agent = [g for c in noun.children if c.dep_ in ("acl",) for a in c.children if a.dep_ == "agent" for g in a.children]
    agent += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    if agent:
        return agent  # "a proposal drafted by Egypt", "a demand by the ELN"
    attached = list(noun.children)
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in vocab.receiving_verbs:
        attached += list(noun.head.children)  # "received a proposal from X", the "from" on the verb
    source = [g for c in attached if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"]
    if source and noun.lemma_.lower() in vocab.from_nouns:
        return source  # "received a written proposal from Damascus"
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "with":
        verb = verb.head  # "presented the U.S. with a proposal"
    if noun.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in vocab.light_verbs:
        return _subjects(verb, vocab)
    return []


# -- who: parties and the person who voiced the stance ---------------------------


def _parties(subjects: list[Token], head: Token, ctx: Context, vocab) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for subj in _with_conjuncts(subjects):
        if subj.conjuncts and not _actor_of_token(subj, ctx) and subj.pos_ != "PRON":
            # "… Kyiv controls but Moscow claims": the conjuncts name the actors;
            # "the Colombian government and the EMC agreed": each names its own
            named = subj.lemma_.lower() in vocab.generic  # "government", not "controls"
            pairs = _as_party(_own_name(subj, ctx), ctx, vocab) if named else []
        else:
            pairs = _of_each(subj, ctx, vocab) or _resolve(subj, head, ctx, vocab)
        for party, actor in pairs:
            if (party, actor) not in found:
                found.append((party, actor))
    return [(party, actor or _voice(party, head, ctx, vocab)) for party, actor in found]


def _own_name(subj: Token, ctx: Context) -> str | None:
    """The actor a conjunct names by itself or by its own modifiers
    ("the Colombian government"), never one named by another conjunct."""
    for child in subj.children:
        if child.dep_ in ("appos", "poss", "compound", "amod", "nmod"):
            name = _actor_of_token(child, ctx)
            if name:
                return name
    for child in subj.children:  # "the government of Pakistan"
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                name = _actor_of_token(pobj, ctx) if pobj.dep_ == "pobj" else None
                if name:
                    return name
    return None


def _of_each(subj: Token, ctx: Context, vocab) -> list[tuple[str, str | None]]:
    """"The presidents of Rwanda and the DRC", "the governments of X and Y",
    "Ukrainian and Russian officials": each side named after "of" or before
    the noun (two or more), else nothing."""
    names = [_actor_of_token(t, ctx) for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
             for pobj in c.children if pobj.dep_ == "pobj" for t in (pobj, *pobj.conjuncts)]
    names += [_actor_of_token(t, ctx) for c in subj.children if c.dep_ in ("amod", "compound")
              for t in (c, *c.conjuncts)]
    pairs = [pair for name in names if name for pair in _as_party(name, ctx, vocab)]
    return pairs if len({party for party, _a in pairs}) >= 2 else []


def _partners(head: Token, ctx: Context, vocab) -> list[tuple[str, str | None]]:
    """"Signed a deal with the Damascus government": the side a deal was
    signed with accepts it too (not whom a side "agreed with": often the mediator)."""
    attached = [*head.children, *(g for c in head.children if c.dep_ == "dobj" for g in c.children)]
    partners = [g for c in attached if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    return [pair for g in partners for pair in _as_party(_actor_of_token(g, ctx) or _own_name(g, ctx), ctx, vocab)]


def _voice(party: str, head: Token, ctx: Context, vocab) -> str | None:
    """The person reporting a party's stance for it ("Zelenskyy said Ukraine
    had agreed" → Zelenskyy), if they speak for that party."""
    name = _speaker_at(head, ctx, vocab.speech)
    if name and ctx.actors.kind(name) == "person" and ctx.actors.party_of(name) == party:
        return name
    return None


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    """The subjects with their conjuncts, and a list the parser hung on the
    first one as an apposition ("Saudi Arabia, the UAE, Bahrain and Egypt")."""
    out = []
    for tok in tokens:
        out.append(tok)
        out.extend(t for t in tok.conjuncts if t.i > tok.i)
        for app in (c for c in tok.children if c.dep_ == "appos" and c.ent_type_ in ("GPE", "NORP", "ORG")):
            if any(t.dep_ == "conj" for t in app.conjuncts):
                out.extend(t for t in (app, *app.conjuncts) if t not in out)
    return out


def _resolve(subj: Token, head: Token, ctx: Context, vocab) -> list[tuple[str, str | None]]:
    """(party, actor) pairs for one subject token."""
    low = subj.lower_
    if low in _RELATIVE and subj.head.dep_ == "relcl" and subj.head.head.i != subj.head.i:
        subj = subj.head.head  # "Kyiv, which wants to join NATO"
        low = subj.lower_
    if _is_collective(subj, vocab):
        return [(p, None) for p in _named_pair(subj, ctx, vocab) or _main_parties(subj.doc, ctx)]
    if low in _PLURAL and subj.pos_ == "PRON":
        pair = _plural_antecedent(subj, ctx, vocab)
        if pair:
            return pair
    if subj.pos_ == "PRON" and low in _FIRST_PERSON | _THIRD_PERSON | _NEUTER:
        quoted = _quoted_by(subj, ctx)
        if quoted and low not in _FIRST_PERSON:
            # "They agreed to meet," Trump wrote: inside a quote only "I" and "we" are known
            name = None
        else:
            name = _speaker_at(subj, ctx, vocab.speech) or _antecedent(subj, ctx)
        if name is None and low in _JOINT_PERSON and not quoted:
            return _joint_voice(subj.doc, ctx, vocab)
    else:
        name = _name_in_phrase(subj, head, ctx)
        if name is not None and _only_as_place(subj, head, name, ctx):
            name = None
        if name is None and subj.lemma_.lower() in vocab.generic:
            name = _speaker_at(subj, ctx, vocab.speech)
    return _as_party(name, ctx, vocab)


_RELATIVE = ("which", "who", "that")
_PLURAL = ("they", "them")


def _only_as_place(subj: Token, head: Token, name: str, ctx: Context) -> bool:
    """"The agreement, signed in Accra, Ghana, calls for …", "two movements in
    Ghana", a dateline ("ACCRA, 17 June -"): a state the subject phrase names
    only as where is not its actor."""
    text = subj.doc.text
    if _actor_of_token(subj, ctx) == name and not dateline(text, subj.idx, subj.idx + len(subj)):
        return False
    if subj.lemma_.lower() in ctx.pipeline.stances.generic or subj.lemma_.lower() in ctx.rules.agreements["side_nouns"]:
        return False  # "the junta in Niamey", "the authorities in Kabul": a side named by where it rules
    lo, hi = subj.left_edge.idx, min(subj.right_edge.idx + len(subj.right_edge), head.idx)
    spans = [(s, e) for s, e, n in ctx.actors.in_range(lo, hi) if n == name]
    if not spans:
        return False
    located = set(located_spans(subj.sent, rules=ctx.rules))
    return all(span in located or dateline(text, *span) for span in spans)


def _plural_antecedent(pron: Token, ctx: Context, vocab, depth: int = 3) -> list[tuple[str, str | None]]:
    """"India and China met on June 6. They agreed to disengage": "they" after
    a subject that is two sides (named together, or "the two sides") in its own
    or the previous sentence is those sides; nothing otherwise."""
    sent = pron.sent
    start = sent.start
    if start > 0:
        before = pron.doc[start - 1].sent
        if before.start > 0 and not before.text.strip():
            before = pron.doc[before.start - 1].sent
        start = before.start
    quote = _quote_at(pron, ctx)
    if quote is not None:  # inside a quotation, "they" is someone the quotation names
        start = max(start, min(t.i for t in pron.doc.char_span(quote.start, quote.end, alignment_mode="expand")))
    subjects = [t for t in pron.doc[start : pron.i] if t.dep_ in ("nsubj", "nsubjpass")
                and (t.pos_ != "PRON" or t.lower_ in _PLURAL)]
    for subj in reversed(subjects):
        if subj.pos_ == "PRON":  # "They met … They agreed …": the chain goes back to its first subject
            return _plural_antecedent(subj, ctx, vocab, depth - 1) if depth > 1 else []
        if _is_collective(subj, vocab):
            pair = _named_pair(subj, ctx, vocab) or _main_parties(subj.doc, ctx)
            return [(p, None) for p in pair] if len(pair) >= 2 else []
        if subj.conjuncts:
            found = [pair for t in (subj, *subj.conjuncts)
                     for pair in _as_party(_actor_of_token(t, ctx) or _own_name(t, ctx), ctx, vocab)]
            return found if len({p for p, _a in found}) >= 2 else []
        if subj.tag_ not in ("NNS", "NNPS"):
            return []  # the last subject is one side: the usual antecedent rules decide
    if not subjects:  # "This is the second meeting between the two corps commanders. They had agreed …"
        for noun in reversed(pron.doc[start : pron.i]):
            if noun.tag_ in ("NNS", "NNPS") and _is_collective(noun, vocab):
                pair = _named_pair(noun, ctx, vocab) or _main_parties(noun.doc, ctx)
                return [(p, None) for p in pair] if len(pair) >= 2 else []
    return []
_JOINT_PERSON = ("we", "us", "our")


def _joint_voice(doc: Doc, ctx: Context, vocab) -> list[tuple[str, str | None]]:
    """Who "we" is in a text that nobody is quoted saying: a joint
    declaration's "We, the Prime Minister of X and the Prime Minister of Y, …"
    names its signatories once, and every later unquoted "we" is all of them.
    Computed once per report; two sides or none."""
    cached = doc.user_data.get("detente.joint_we")
    if cached is not None:
        return cached
    found: list[tuple[str, str | None]] = []
    for tok in doc:
        if tok.lower_ != "we" or tok.pos_ != "PRON" or _quoted_by(tok, ctx):
            continue
        signatories = [t for c in tok.children if c.dep_ == "appos" for t in (c, *c.conjuncts)]
        for sig in signatories:
            name = _actor_of_token(sig, ctx) or _own_name(sig, ctx)
            for pair in _as_party(name, ctx, vocab):
                if pair[0] not in {p for p, _a in found}:
                    found.append(pair)
        break  # only the first unquoted "we" introduces the signatories
    found = found if len(found) >= 2 else []
    doc.user_data["detente.joint_we"] = found
    return found


def _quote_at(tok: Token, ctx: Context):
    """The evidence of the direct quotation ``tok`` stands in, if any."""
    for quote in ctx.quotes:
        ev = quote.evidence
        if quote.kind == "direct" and ev and ev.start <= tok.idx < ev.end:
            return ev
    return None


def _quoted_by(tok: Token, ctx: Context) -> str | None:
    """The speaker of the direct quotation ``tok`` stands in, if any."""
    for quote in ctx.quotes:
        ev = quote.evidence
        if quote.kind == "direct" and quote.speaker and ev and ev.start <= tok.idx < ev.end:
            return quote.speaker
    return None


def _as_party(name: str | None, ctx: Context, vocab) -> list[tuple[str, str | None]]:
    """A state or group speaks for itself; a person for their state or group,
    unless they are an outside voice (analyst, correspondent …)."""
    if name is None:
        return []
    kind = ctx.actors.kind(name)
    if kind in _PARTY_KINDS:
        return [(name, None)]
    if kind == "person" and not _outside_voice(name, ctx, vocab):
        party = ctx.actors.party_of(name)
        if party and ctx.actors.kind(party) in _PARTY_KINDS:
            return [(party, name)]
    return []


def _outside_voice(name: str, ctx: Context, vocab) -> bool:
    actor = ctx.actors.actors.get(name)
    roles = " ".join(getattr(actor, "roles", None) or []).lower()
    return any(word in roles for word in vocab.outside_roles)


def _is_collective(subj: Token, vocab) -> bool:
    phrase = subj.doc[subj.left_edge.i : subj.i + 1]
    if bool(vocab.collective(_lemma_doc(phrase))):
        return True
    # "the enemies both endorsed", "the leaders both signed": "both" on a plural common noun
    both = subj.lower_ == "both" or any(c.lower_ == "both" for c in subj.children)
    if both and subj.tag_ in ("NNS", "DT") and not subj.ent_type_:
        return True
    return subj.tag_ in ("NNS", "NNPS") and _both_sides_people(subj, vocab)


def _both_sides_people(subj: Token, vocab) -> bool:
    """People of both sides named by role, not by side: "the two envoys",
    "leaders of the two Koreas", "the two countries' foreign ministers", "the
    special representatives" (a plural role noun with no side of its own)."""
    two = {"two", "both"}
    if any(c.dep_ in ("nummod", "predet", "det") and c.lower_ in two for c in subj.children):
        return True
    owners = [g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    owners += [c for c in subj.children if c.dep_ == "poss"]
    if any(any(c.lower_ in two for c in o.children) or o.lower_ in two for o in owners):
        return True  # "leaders of the two Koreas", "both countries' ministers"
    named = any(t.ent_type_ not in ("", "CARDINAL", "ORDINAL", "DATE") or t.pos_ == "PRON"
                for t in subj.subtree if t.i != subj.i)
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)
    singular = subj.lower_[:-1] if subj.lower_.endswith("s") else subj.lower_
    return definite and not named and (subj.lemma_.lower() in vocab.collective_roles or singular in vocab.collective_roles)


def _named_pair(subj: Token, ctx: Context, vocab) -> list[str]:
    """"The two sides agreed to open the border between Turkey and Armenia":
    the two sides a collective subject's own sentence names (states or armed
    groups, not its mediators), else nothing (the report's main sides answer)."""
    sent, outside = subj.sent, report_sides(subj.doc, ctx).outside
    named: list[str] = []
    for _s, _e, name in ctx.actors.in_range(sent.start_char, sent.end_char):
        for party, _actor in _as_party(name, ctx, vocab):
            if party not in outside and party not in named:
                named.append(party)
    return named if len(named) == 2 else []


def _main_parties(doc: Doc, ctx: Context) -> list[str]:
    """"The two sides": the report's two sides at the table (:func:`._parties.report_sides`)."""
    return list(report_sides(doc, ctx).table)


# -- what: the clause that names the issue --------------------------------------


def _region(head: Token, subjects: list[Token], cue_heads: frozenset[int] | set[int] = frozenset()) -> list[Token]:
    """The cue's clause without its subject; a relative clause adds the noun it modifies."""
    skip = {t.i for s in subjects for t in s.subtree} | {head.i}
    for tok in head.subtree:
        if tok.i == head.i:
            continue
        # clauses that only qualify the object ("… that would obligate …"),
        # coordinated clauses with their own subject or their own cue ("ruled out X and
        # insisted on Y"), and what is denied ("with no guarantee")
        own_clause = tok.dep_ == "conj" and (tok.i in cue_heads or any(c.dep_.startswith("nsubj") for c in tok.children))
        denied = any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children) and tok.pos_ == "NOUN"
        if tok.dep_ == "relcl" or (tok.dep_ == "advcl" and not _gerund_object(tok)) or own_clause or denied:
            skip.update(t.i for t in tok.subtree)
    tokens = [t for t in head.subtree if t.i not in skip and t.sent == head.sent and not t.is_space]
    if head.dep_ in ("relcl", "acl") and head.head.i != head.i:
        own = {t.i for t in head.subtree}
        tokens = [t for t in head.head.subtree if t.i not in own] + tokens
    return sorted(tokens, key=lambda t: t.i)


def _gerund_object(tok: Token) -> bool:
    """"Ruled out ceding territory": a bare gerund right after the cue (no
    subject, no "while"/"after") is what the cue takes, though parsed as a clause."""
    head = tok.head
    return (tok.tag_ == "VBG" and head.i < tok.i <= head.i + 6
            and not any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in tok.doc[head.i + 1 : tok.i])
            and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in tok.children))


def _anaphoric(region: list[Token], head: Token, vocab) -> bool:
    """No word of substance besides "that option", "the plan", "it": the
    issue is the one just mentioned ("Kyiv refuses", "rejected that option")."""
    content = [
        t for t in region
        if t.pos_ in ("NOUN", "VERB", "ADJ") and t.dep_ not in ("npadvmod", "advcl")
        and not t.ent_type_ and t.lemma_.lower() not in vocab.anaphora
    ]
    return not content


class _NameBlind:
    """The issue taxonomy, blind to the words of an armed group's name: the
    "Justice and Equality Movement" or a "Liberation and Justice Movement"
    signing a truce is no justice cue."""

    def __init__(self, taxonomy, ctx: Context):
        self._taxonomy = taxonomy
        self._names = [(s, e) for s, e, name in ctx.actors.spans if ctx.actors.kind(name) == "group"]

    def cue_hits(self, tokens) -> list[str]:
        return self._taxonomy.cue_hits([t for t in tokens if not any(s <= t.idx < e for s, e in self._names)])

    def __getattr__(self, name):
        return getattr(self._taxonomy, name)


def _classify(cands: list[_Candidate], ctx: Context) -> None:
    """Issues for every candidate: the cues of what the stance is taken on,
    else of its clause, then anaphora, then ``general`` (a sentence embedding
    no longer guesses a clause's issue: it cost more precision than it gained
    recall on the development set)."""
    taxonomy, vocab = _NameBlind(ctx.pipeline.taxonomy, ctx), ctx.pipeline.stances
    direct = [c for c in cands if not c.anaphoric and c.parties]
    for cand in direct:
        cand.issues = _object_issues(cand, taxonomy, vocab) or taxonomy.cue_hits(cand.region)
        left = _from_land(cand.region, ctx, vocab)
        if "demilitarization" in cand.issues and left is not None:
            rest = taxonomy.cue_hits([t for t in cand.region if t.i != left.i])
            swap = "demilitarization" not in rest
            cand.issues = [i if i != "demilitarization" or not swap else "territory" for i in cand.issues
                           if i != "territory" or not swap]
    for cand in cands:
        if not cand.anaphoric and not cand.parties:
            cand.issues = taxonomy.cue_hits(cand.region)
    previous: _Candidate | None = None
    for cand in cands:
        if cand.anaphoric and previous is not None and _near(previous, cand):
            cand.issues = list(previous.issues)
        elif cand.anaphoric and cand.parties:
            cand.issues = _antecedent_issues(cand, taxonomy)
        if cand.issues:
            previous = cand
    # The fallback is for stances nothing else records: not a side whose
    # sentence already gave an issue, nor a stance the side already takes on a
    # named issue elsewhere in the report, and only about the talks themselves.
    covered = {(c.sent.start, party) for c in cands if c.issues for party, _a in c.parties}
    taken = {(party, c.stance) for c in cands if c.issues for party, _a in c.parties}
    # A sentence given alone is its own subject: any clear stance in it counts.
    single = bool(cands) and alone(cands[0].sent.doc, ctx.rules.talks)
    topic = ctx.pipeline.stances.general_terms or ctx.rules.talks.topic
    # What two sides agree on together needs no word of the talks, and one that
    # has such a word stands even where the sides accept a named issue elsewhere.
    _fallback_issues([c for c in cands if c.parties and not c.issues and (single or (
                      not any((c.sent.start, p) in covered for p, _a in c.parties) and _general_stance(c, taken, topic)))], ctx)


def _general_stance(cand: _Candidate, taken: set, topic) -> bool:
    """Whether a stance with no named issue is one on the process itself (``general``)."""
    talks = any(t.lemma_.lower() in topic for t in cand.region)
    fresh = not any((party, cand.stance) in taken for party, _a in cand.parties)
    joint = _joint_acceptance(cand)
    return (talks and (fresh or joint)) or (joint and fresh)


def _joint_acceptance(cand: _Candidate) -> bool:
    """"The two sides agreed to appoint technical committees", "India and
    China agreed to …": what two sides agree on together is a step of their
    process, a position even where its clause names no issue."""
    participle = cand.head is not None and _participle_on(cand.head)  # "that agreement, signed by X and Y in 1994"
    return cand.stance == "accept" and not participle and len({party for party, _a in cand.parties}) >= 2


def _object_issues(cand: _Candidate, taxonomy, vocab) -> list[str]:
    """The issue of what the stance is taken on, when its object says it: the
    talks themselves ("agreed to hold talks on a ceasefire", "demanding
    negotiations", "agreed to meet again") are ``general``; else the issues the
    object phrase names ("signed a peace deal aimed at …" is the deal, not
    what the deal is aimed at). Empty when the object names none."""
    if cand.head is None:
        return []
    condition = _condition_objects(cand.head, vocab)
    if condition:  # "made a ceasefire conditional on a halt of arms supplies": the condition is the demand
        return taxonomy.cue_hits([t for o in condition for t in _object_phrase(o)])
    if _participle_on(cand.head):
        objects, verbs = [cand.head.head], []  # "the ceasefire modalities agreed upon …": the deal itself
    else:
        objects, verbs = _objects(cand.head)
    if not objects:
        return []
    if any(o.lemma_.lower() in vocab.talk_words for o in objects[:1]):
        return ["general"]
    core = {t.i: t for o in objects for t in _object_phrase(o)}
    if objects[0] not in verbs:  # "agreed to halt strikes": the verb says what is done with the object
        core.update((v.i, v) for v in verbs)
    return taxonomy.cue_hits([core[i] for i in sorted(core)])


def _from_land(region: list[Token], ctx: Context, vocab) -> Token | None:
    """"Withdraw from the Donbas", "withdrawal from the territory of four
    regions": leaving land (a region, not a whole state) is about territory,
    not force limits ("the withdrawal of foreign troops", "forces must leave
    Ethiopia"). The withdrawal word, or None."""
    inside = {t.i for t in region}
    for tok in region:
        if tok.lemma_.lower() not in vocab.withdrawal_words:
            continue
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "from" or prep.i not in inside:
                continue
            for t in prep.subtree:
                if t.lemma_.lower() in vocab.land_words or (
                        t.ent_type_ in ("GPE", "LOC") and ctx.actors.kind(_actor_of_token(t, ctx)) != "state"):
                    return tok
    return None


def _objects(head: Token) -> tuple[list[Token], list[Token]]:
    """What a cue takes: its object, the object of the verb it governs ("agreed
    to hold talks"), the noun of its preposition ("insist on", "call for"), or
    that verb itself when it has no object ("agreed to meet"); with conjuncts.
    Also the governed verbs passed through on the way."""
    node, verbs = head, []
    for _ in range(3):
        found = [c for c in node.children if c.dep_ in ("dobj", "attr", "oprd")
                 or (c.dep_ == "advcl" and _gerund_object(c))]
        if not found and (node is head or node.pos_ != "VERB"):
            found = [g for c in node.children if c.dep_ == "prep" and c.i > node.i and c.lower_ in _OBJECT_PREPS
                     for g in c.children if g.dep_ in ("pobj", "pcomp")]
        if found:
            return [t for f in found for t in (f, *f.conjuncts)], verbs
        xcomp = [c for c in node.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        if not xcomp:
            return ([node] if node is not head else []), verbs
        node = xcomp[0]
        verbs += [node, *(c for c in node.children if c.dep_ == "prt")]
    return [], verbs


_OBJECT_PREPS = ("on", "for", "to", "of", "with", "about", "into", "from")


def _object_phrase(noun: Token) -> list[Token]:
    """A noun with its modifiers and its "of/on/for" complements (not its
    relative or participle clauses, which say what else it does)."""
    out = [noun]
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod", "nummod", "prt"):
            out += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS:
            out += [t for g in child.children if g.dep_ in ("pobj", "pcomp") for t in _object_phrase(g)]
        elif child.dep_ in ("dobj", "xcomp") and noun.pos_ in ("VERB", "AUX"):  # "ruled out ceding territory"
            out += _object_phrase(child)
    return out


def _antecedent_issues(cand: _Candidate, taxonomy) -> list[str]:
    """"Kyiv has rejected such terms", "as Moscow has demanded": the issue the
    same sentence names around the cue, else the one the sentence before names."""
    sent = cand.sent
    found = taxonomy.cue_hits([t for t in sent if t not in cand.region])
    if not found and sent.start > 0:
        before = sent.doc[sent.start - 1].sent
        if before.start > 0 and not before.text.strip():
            before = sent.doc[before.start - 1].sent
        found = taxonomy.cue_hits(before)
    return [i for i in found if i != "general"]


def _fallback_issues(cands: list[_Candidate], ctx: Context) -> None:
    """A clear stance whose subject no cue names still counts: the learned
    issue model reads its sentence, and where it has no model (or is unsure)
    the issue is ``general`` rather than the stance being dropped."""
    if not cands:
        return
    models, encoder = ctx.pipeline.models, ctx.pipeline.encoder
    if models is None or encoder is None or not models.on("issue"):
        for cand in cands:
            cand.issues = ["general"]
        return
    for cand, issue in zip(cands, models.issues(encoder.encode([c.sent.text.strip() for c in cands]))):
        cand.issues = [issue]


def _near(earlier: _Candidate, later: _Candidate) -> bool:
    """Same or the directly preceding sentence (a stray whitespace token between allowed)."""
    return later.sent.start <= earlier.sent.end + 1


# -- "X said Ukraine must receive guarantees" ------------------------------------


def _modal_candidates(doc: Doc, ctx: Context, vocab: Vocabulary):
    """A reported clause with "must" ("has to", "needs to") is the speaker's
    demand, with "should" their proposal ("Rosatom said … the facility must be
    Russian"); so is "it is important / critical that …" said by a side."""
    lower = doc.to_array(LOWER)
    cues = [*vocab.modals, *vocab.modal_verbs, *vocab.necessity]
    for i in np.flatnonzero(np.isin(lower, [doc.vocab.strings[w] for w in cues])):
        tok = doc[int(i)]
        stance, clause = _obliged(tok, vocab)
        if clause is None:
            continue
        reported = clause.dep_ == "ccomp" and clause.head.lemma_.lower() in vocab.speech
        quoted = clause.dep_ == "ROOT" and _quoted_by(clause, ctx)  # "Sanctions must be applied," Zelenskyy said
        if not (reported or quoted):
            continue
        if clause.sent.text.rstrip().endswith("?") or any(c.dep_ == "mark" and c.lower_ in vocab.blockers for c in clause.children):
            continue
        parties = _as_party(quoted or _speaker_at(clause, ctx, vocab.speech), ctx, vocab)
        if parties and _own_duty(clause, parties, ctx, vocab):
            continue
        if parties:
            coordinated = {t.i for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
            region = [t for t in clause.subtree if not t.is_space and t.i != tok.i and t.i not in coordinated]
            yield _Candidate(clause.sent, stance, parties, region, False, depth=_depth(clause))


def _obliged(tok: Token, vocab) -> tuple[str | None, Token | None]:
    """(stance, clause) for an obligation cue: the aux "must"/"should"; "has
    to"/"needs to" with its infinitive; "it is critical (for X to / that …)"
    with an expletive "it" and a clause after the adjective."""
    low = tok.lower_
    if low in vocab.modals and tok.dep_ == "aux":
        return vocab.modals[low], tok.head
    if low in vocab.modal_verbs and tok.pos_ in ("VERB", "AUX") and not _negated(tok):
        infinitive = [c for c in tok.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)]
        if infinitive:
            return vocab.modal_verbs[low], tok
    if low in vocab.necessity and tok.dep_ == "acomp" and tok.head.lemma_ == "be" and not _negated(tok.head):
        copula = tok.head
        expletive = any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in copula.children)
        # "it is important that …", "… for the talks to lead to peace"; not "… to note that"
        complement = any(c.dep_ in ("ccomp", "advcl", "xcomp") and c.i > tok.i and c.lemma_.lower() not in vocab.speech
                         for c in (*copula.children, *tok.children))
        if expletive and complement:
            return vocab.necessity[low], copula
    return None, None


def _own_duty(clause: Token, speakers, ctx: Context, vocab) -> bool:
    """"We will have to wait", "Kyiv said Ukraine had to defend itself": what
    a side says it must do itself is no demand (what it says the other side
    has to do is)."""
    subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.lower_ not in ("it", "there", "this", "that")]
    if any(s.lower_ in _FIRST_PERSON for s in subjects):
        return True
    own = {party for party, _a in speakers}
    return any(party in own for party, _a in _parties(subjects, clause, ctx, vocab))


# -- "Under the deal, Hamas will free hostages" -----------------------------------


def _deal_terms(doc: Doc, ctx: Context, vocab: Vocabulary):
    """What a side will do under a deal it made is a term it accepted: "Under
    the deal, fighting will cease, Israel will partially withdraw from Gaza and
    Hamas will free hostages" → Israel accepts the withdrawal, Hamas the release.
    Each coordinated clause with a side as subject and a future or obligation
    ("will", "would", "must", "has to") is one term."""
    words = lemmas(doc)
    for i in (i for i, w in enumerate(words) if w in vocab.terms_preps):
        prep = doc[i]
        deal = [g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in vocab.term_deals]
        if prep.dep_ != "prep" or not deal or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        sent = prep.sent
        # "Under the deal, …" opening the sentence covers all of it; inside, its own clause
        scope = list(sent) if prep.i <= sent.start + 1 else [prep.head, *prep.head.conjuncts]
        for clause in scope:
            cand = _term(clause, ctx, vocab) if clause.pos_ in ("VERB", "AUX") else None
            if cand is not None:
                yield cand


def _term(clause: Token, ctx: Context, vocab: Vocabulary) -> _Candidate | None:
    aux = [c for c in clause.children if c.dep_ == "aux" and c.lower_ in vocab.term_modals]
    if clause.dep_ == "xcomp" or not aux:
        return None
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    before = clause.doc[aux[0].i - 1] if aux[0].i > clause.sent.start else None
    if not subjects and before is not None and before.ent_type_ and _actor_of_token(before, ctx):
        subjects = [before]  # "… and Hamas will free hostages", the name parsed into the clause before
    if not subjects:
        return None
    if _negated(clause) or _blocked(clause, vocab, set()):
        return None
    parties = _parties(subjects, clause, ctx, vocab)
    if not parties:
        return None
    skip = {t.i for s in subjects for t in s.subtree}
    skip |= {t.i for c in clause.children if c.dep_ == "conj" for t in c.subtree}
    skip |= {t.i for c in clause.children if c.dep_ == "prep" and c.lemma_.lower() in vocab.terms_preps for t in c.subtree}
    region = [t for t in clause.subtree if t.i not in skip and not t.is_space]
    return _Candidate(clause.sent, "accept", parties, region, False, depth=_depth(clause), head=clause)


# -- "our position remains unchanged" -------------------------------------------


def _unchanged_candidates(doc: Doc, ctx: Context, vocab: Vocabulary):
    """"Our position remains unchanged", "will keep its demands unchanged",
    "Putin hasn't budged from his demands": the side's position, unchanged."""
    words = vocab.unchanged
    for i, lemma in enumerate(lemmas(doc)):
        if lemma in words["subjects"]:
            parties = _kept_position(doc[i], ctx, vocab)
        elif lemma in words["negated_change"]:
            parties = _unmoved_side(doc[i], ctx, vocab)
        else:
            continue
        if parties:
            yield _Candidate(doc[i].sent, "unchanged", parties, [], False, ["general"])


def _kept_position(tok: Token, ctx: Context, vocab) -> list[tuple[str, str | None]]:
    """"The position remains unchanged", "has not changed"; "keeps its demands unchanged"."""
    words = vocab.unchanged
    verb = tok.head
    if tok.dep_ == "nsubj":
        preds = " ".join(c.lower_ for c in verb.children if c.dep_ in ("acomp", "attr", "oprd"))
        stays = any(p in preds for p in words["predicates"])
        if not (stays or (verb.lemma_.lower() in words["negated_change"] and _negated(verb))):
            return []
    elif tok.dep_ == "dobj" and verb.lemma_.lower() in words.get("keeping_verbs", ()):
        preds = " ".join(c.lower_ for c in (*verb.children, *tok.children) if c.dep_ in ("acomp", "oprd", "amod", "ccomp", "xcomp"))
        if not any(p in preds for p in words["predicates"]):
            return []
    else:
        return []
    return _position_owner(tok, ctx, vocab)


def _unmoved_side(verb: Token, ctx: Context, vocab) -> list[tuple[str, str | None]]:
    """A side that "has not budged", "has not changed its position"."""
    if verb.pos_ not in ("VERB", "AUX") or not _negated(verb) or _blocked(verb, vocab, set()):
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() not in vocab.unchanged["subjects"]]
    return _parties(subjects, verb, ctx, vocab)


def _position_owner(position: Token, ctx: Context, vocab) -> list[tuple[str, str | None]]:
    speaker = _speaker_at(position, ctx, vocab.speech)
    owner = next((c for c in position.children if c.dep_ == "poss"), None)
    name = speaker
    if owner is not None and owner.lower_ not in _FIRST_PERSON | _NEUTER:
        name = _actor_of_token(owner, ctx) or speaker
    parties = _as_party(name, ctx, vocab)
    if parties and speaker and ctx.actors.kind(speaker) == "person":
        spoken = _as_party(speaker, ctx, vocab)
        if spoken and spoken[0][0] == parties[0][0]:
            return [(parties[0][0], speaker)]
    return parties


# -- output ---------------------------------------------------------------------


def _positions(cands: list[_Candidate], ctx: Context) -> list[Position]:
    out: dict[tuple[str, str, str], Position] = {}
    governing: dict[tuple[int, str], _Candidate] = {}
    for cand in cands:
        for party, _actor in cand.parties if cand.issues else ():
            key = (cand.sent.start, party)
            if key not in governing or cand.depth < governing[key].depth:
                governing[key] = cand
    for cand in cands:
        if not cand.parties:
            continue
        ev = _sentence_evidence(cand.sent)
        date = ctx.date_in(cand.sent.start_char, cand.sent.end_char)
        for party, actor in cand.parties:
            if _contradicted(cand, governing.get((cand.sent.start, party), cand)):
                continue  # "rejected Israel's demand that it accept …": the side's stance is the rejection
            for issue in cand.issues:
                key = (party, issue, cand.stance)
                if key in out:
                    if actor and not out[key].actor:
                        out[key] = out[key].model_copy(update={"actor": actor})
                    continue
                out[key] = Position(
                    party=party, actor=actor, issue=issue, stance=cand.stance,
                    claim=ev.text, date=date, evidence=ev,
                )
    return list(out.values())


def _contradicted(cand: _Candidate, top: _Candidate) -> bool:
    """A deeper cue that says the opposite of the side's governing one (one
    refuses where the other agrees) is not a second stance of the same clause."""
    if cand.head is None or top.head is None or cand.depth <= top.depth:
        return False
    if (cand.stance == "reject") == (top.stance == "reject") or "unchanged" in (cand.stance, top.stance):
        return False
    node = cand.head  # inside what the governing cue takes ("rejected the demand that it accept"),
    while node.i != top.head.i:  # not beside it ("rejected X, saying it should Y")
        if node.dep_ in ("advcl", "conj", "parataxis") or node.head.i == node.i:
            return False
        node = node.head
    return True


def _sentence_evidence(sent: Span) -> Evidence:
    return Evidence.trimmed(text_of(sent.doc), sent.start_char, sent.end_char)


# -- the learned stance model ----------------------------------------------------
#
# The cue rules find a stance where a listed verb or noun heads a clause whose
# subject resolves to a side. The learned model decides, for every (sentence,
# side) pair where the side is named, spoken for or speaking, whether that side
# takes a stance there and which: it reads the sentence's MiniLM vector and a
# few facts about the pair (is the side the subject, the speaker, an object of
# "urged"/"accused", a usual mediator; what the rules said). Rules feed it as
# features, so it keeps what they get right and adds what they miss.


@dataclass
class Pair:
    """One side named in one sentence, with the facts the stance model reads."""

    sent: Span
    party: str
    actor: str | None
    features: list[float]
    rule_stance: str | None = None


PAIR_STANCES = ("none", "propose", "demand", "accept", "reject", "unchanged")


def pair_candidates(doc: Doc, ctx: Context, vocab: Vocabulary, cands: list[_Candidate]) -> list[Pair]:
    """Every (sentence, side) pair worth asking the stance model about."""
    by_sent: dict[int, dict[str, str]] = {}
    for cand in cands:
        for party, _actor in cand.parties:
            by_sent.setdefault(cand.sent.start, {}).setdefault(party, cand.stance)
    mediators = ctx.rules.mediators
    pairs = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        found = _sides_in(sent, ctx, vocab)
        if not found:
            continue
        rules = by_sent.get(sent.start, {})
        hypothetical = any(t.lower_ in ("if", "would", "could", "might", "unless") for t in sent)
        for i, (party, (actor, roles)) in enumerate(found.items()):
            rule = rules.get(party)
            feats = [
                float("subject" in roles), float("main" in roles), float("object" in roles),
                float("possessor" in roles), float("speaker" in roles), float("via_person" in roles),
                float(party in mediators), float(len(found) == 1), float(len(found) == 2), float(len(found) > 2),
                *[float(rule == s) for s in PAIR_STANCES[1:]], float(rule is None and bool(rules)),
                float(sent.text.rstrip().endswith("?")), float(hypothetical), float("blocked" in roles), float(i == 0),
            ]
            pairs.append(Pair(sent, party, actor, feats, rule))
    return pairs


def _sides_in(sent: Span, ctx: Context, vocab: Vocabulary) -> dict[str, tuple[str | None, set[str]]]:
    """Sides named in the sentence (a state or group, or a person speaking for
    one) or speaking it, with the grammatical roles they play there."""
    found: dict[str, tuple[str | None, set[str]]] = {}

    def add(party: str, actor: str | None, role: str) -> None:
        old_actor, roles = found.get(party, (None, set()))
        roles.add(role)
        found[party] = (old_actor or actor, roles)

    root = sent.root
    for s, _e, name in ctx.actors.in_range(sent.start_char, sent.end_char):
        kind = ctx.actors.kind(name)
        actor = None
        if kind not in _PARTY_KINDS:
            if kind != "person" or _outside_voice(name, ctx, vocab):
                continue
            party = ctx.actors.party_of(name)
            if not party or ctx.actors.kind(party) not in _PARTY_KINDS:
                continue
            actor, name = name, party
        tok = next((t for t in sent if t.idx <= s < t.idx + len(t)), None)
        if tok is None:
            continue
        head = tok
        while head.dep_ in ("compound", "amod", "poss", "appos", "conj", "cc") and head.head.i != head.i and head.head.i in range(sent.start, sent.end):
            if head.dep_ == "poss":
                add(name, actor, "possessor")
            head = head.head
        add(name, actor, "mention")
        if actor:
            add(name, actor, "via_person")
        if head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ == "pobj" and head.head.dep_ == "agent"):
            add(name, actor, "subject")
            verb = head.head if head.dep_ != "pobj" else head.head.head
            if verb.i == root.i or (verb.dep_ == "ccomp" and verb.head.i == root.i):
                add(name, actor, "main")
        elif head.dep_ in ("dobj", "pobj", "dative"):
            add(name, actor, "object")
            if head.head.lemma_.lower() in vocab.blockers or head.head.head.lemma_.lower() in vocab.blockers:
                add(name, actor, "blocked")
    for party, actor in _as_party(_speaker_at(root, ctx, vocab.speech), ctx, vocab):
        add(party, actor, "speaker")
    return found


def _learned(doc: Doc, ctx: Context, vocab: Vocabulary, cands: list[_Candidate], models, encoder) -> list[_Candidate]:
    """The rules' stances, plus the model's for the pairs the rules left
    silent, on the issue the issue model gives (or ``general``)."""
    pairs = [p for p in pair_candidates(doc, ctx, vocab, cands) if p.rule_stance is None]
    if not pairs:
        return cands
    sents = list({p.sent.start: p.sent for p in pairs}.values())
    vectors = dict(zip((s.start for s in sents), encoder.encode([s.text.strip() for s in sents])))
    x = np.stack([np.concatenate([vectors[p.sent.start], np.asarray(p.features, dtype=np.float32)]) for p in pairs])
    threshold = models.threshold("stance", 0.5)
    none = models.stance.classes.index("none")
    added = []
    for pair, p in zip(pairs, models.stance.proba(x)):
        q = p.copy()
        q[none] = -1.0
        best = int(q.argmax())
        stance = models.stance.classes[best]
        if q[best] >= threshold and stance != "unchanged":  # "unchanged" has its own rule
            added.append(_Candidate(pair.sent, stance, [(pair.party, pair.actor)], list(pair.sent), False, depth=99))
    if added:
        for cand, issue in zip(added, models.issues(np.stack([vectors[c.sent.start] for c in added]))):
            cand.issues = [issue]
    return cands + added
