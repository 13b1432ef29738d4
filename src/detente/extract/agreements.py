"""Agreements: prisoner exchanges, ceasefires, humanitarian pauses, peace
frameworks, security and economic deals, with their quantity and status.

Each agreement word ("a 30-day ceasefire", "another exchange of prisoners",
"the 1994 Budapest Memorandum") is a *mention* with a kind, a quantity, a
status and a determiner. "a/another" opens a new agreement, "the/that/such"
refers back to the last one of its kind; a bare "314 prisoners … released" in
the next sentence gives the earlier exchange its number. Exchanges count the
people freed on both sides ("1,000-for-1,000" → 2000, "157 each" → 314);
truces their length as written, weeks in days ("a six-week truce" → 42).

Status is the furthest along the report gives: an offer only one side (or
one side with a mediator) accepts stays *proposed*, as does a deal a modal
verb aims at, talks are about ("talks on a ceasefire") or work goes toward;
a denied acceptance or an "if" gives none; a truce the sentence takes as in
force ("the fragile ceasefire", "upholding the truce", "after the ceasefire")
is *implemented*. Parties are the sides the deal binds: those a sentence
says it is between ("a truce between X and Y", "X and Y signed", "X signed a
deal with Y", "X declared a ceasefire" for X alone); else the report's two
main sides (as :mod:`detente.extract._parties` reads them, mediators giving
way) stand in for a mediator, a host, a plan's author or a demonym
("Palestinian prisoners"). Rules live in ``data/agreements.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..nlp import text_of
from ._parties import demonym_of_thing, report_sides
from ._sides import with_sides
from ..records import Agreement, Evidence
from ._events import (
    about_conflict,
    is_question,
    located_spans,
    number_at,
    parse_number,
    parties_in,
)

if TYPE_CHECKING:
    from .context import Context
    from ..rules import Rules

__all__ = ["extract_agreements"]

_RANK = {"proposed": 0, "agreed": 1, "signed": 2, "implemented": 3, "collapsed": 4}
#: A later sentence may give a number to an exchange named this many sentences before.
_QUANTITY_REACH = 3
#: Status cues this many tokens from the agreement word speak of it.
_STATUS_REACH = 10


@dataclass
class _Mention:
    kind: str | None  # None: a generic "the deal" that refers back
    token: Token
    quantity: int | None = None
    status: str | None = None
    determiner: str = "bare"  # "new", "indefinite", "anaphoric" or "bare"
    standalone: bool = False  # "314 prisoners were released", no agreement word
    #: the sides the sentence says it is between ("a truce between X and Y", "X and Y signed")
    bound: list[str] = field(default_factory=list)
    #: it settles a rift by its very words ("restored diplomatic relations")
    settles: bool = False


@dataclass
class _Agreement:
    kind: str
    sent: Span
    sent_index: int
    quantity: int | None = None
    status: str | None = None
    date: str | None = None
    parties: list[str] = field(default_factory=list)
    #: the most parties any one of its sentences names (a deal needs two sides)
    named: int = 0
    #: a sentence that names it, or one beside it, speaks of a conflict
    #: (not every trade deal is detente's business)
    in_conflict: bool = False
    #: the sides a sentence says it is between, if any sentence does
    bound: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Report:
    """What every sentence of one report shares: its context, its two main
    sides and its mediators."""

    ctx: Context
    principal: tuple[str, ...]
    mediators: frozenset[str]

    @classmethod
    def of(cls, doc: Doc, ctx: Context) -> "_Report":
        sides = report_sides(doc, ctx)
        return cls(ctx, sides.main, sides.mediators)


def extract_agreements(doc: Doc, ctx: Context) -> list[Agreement]:
    """Agreements the report names, one per agreement, merged across sentences."""
    ctx = with_sides(ctx, text_of(doc))  # an unlisted rebel movement is a side, not an organization
    rules = ctx.rules
    report = _Report.of(doc, ctx)
    found: list[_Agreement] = []
    for index, sent in enumerate(doc.sents):
        if is_question(sent):
            continue
        for mention in _mentions(sent, report):
            _absorb(found, mention, sent, index, report)
    found = _fold_unnumbered(found, rules=rules)
    # An agreement no sentence gives a status is talk ("if I want to negotiate
    # a peace settlement"), not an agreement. A peace deal needs its two sides
    # named, unless it is a proposal (one side or a mediator puts it forward).
    two_sided = set(rules.agreements["needs_two_parties"])
    return [
        _to_record(a, report)
        for a in found
        if a.status and (a.kind not in two_sided or ((a.named >= 2 or a.status == "proposed") and a.in_conflict))
    ]


def _fold_unnumbered(found: list[_Agreement], *, rules: Rules) -> list[_Agreement]:
    """"The prisoner swap" told before "the 1,000-for-1,000 exchange" is that
    exchange: a kind that counts people, named without a number, joins the one
    numbered agreement of its kind."""
    out = list(found)
    for kind in rules.agreements["fold_kinds"]:
        numbered = [a for a in out if a.kind == kind and a.quantity]
        if len(numbered) != 1:
            continue
        (into,) = numbered
        for a in [a for a in out if a.kind == kind and not a.quantity and a.status != "collapsed"]:
            into.status = _merge_status(into.status, a.status, generic=False)
            into.named = max(into.named, a.named)
            if a.sent_index < into.sent_index:
                into.sent, into.sent_index, into.date = a.sent, a.sent_index, into.date or a.date
            out.remove(a)
    return out


# -- mentions in one sentence ----------------------------------------------


def _mentions(sent: Span, report: _Report | None = None) -> list[_Mention]:
    rules = report.ctx.rules
    found: list[_Mention] = []
    for tok in sent:
        kind = _kind(tok, rules=rules)
        if kind is False:
            continue
        mention = _Mention(kind=kind, token=tok, determiner=_determiner(tok, rules=rules), status=_status(tok, kind, rules=rules))
        if mention.status in ("agreed", "implemented", "signed") and _modal_before_trigger(tok, rules=rules):
            mention.status = "proposed"  # "possible local ceasefires"
        if mention.status is None and kind and _sought(tok, rules=rules):
            mention.status = "proposed"  # "would result in a six-week ceasefire", "to get a ceasefire"
        if mention.status == "agreed" and _offered(tok, rules=rules) and not _both_agree(sent, rules=rules):
            mention.status = "proposed"  # "Hamas agreed to the ceasefire proposal": one side said yes
        if mention.status == "agreed" and report and _agreed_with_mediator(sent, report):
            mention.status = "proposed"  # "the US and Ukraine agreed on a ceasefire": Russia has not
        if (mention.status in ("agreed", "signed") or (mention.status is None and kind)) and _negotiated(tok, rules=rules):
            mention.status = "proposed"  # "agreed to hold talks on a ceasefire": the talks are agreed, not the truce
        if kind == "prisoner_exchange" and _release_won(tok, rules=rules):
            mention.status = "implemented"  # "Trump secured the release of four more hostages"
        if kind in rules.agreements["in_force_kinds"] and mention.status != "collapsed" and _in_force(tok, rules=rules):
            mention.status = "implemented"  # "the fragile ceasefire", "the truce is holding", "after the ceasefire"
        if kind:
            mention.quantity = _quantity(tok, kind, rules=rules)
            if report:
                mention.bound = _bound(tok, report)
        found.append(mention)
    if not any(m.kind == "prisoner_exchange" for m in found):
        found.extend(_release_mentions(sent, rules=rules))
    named = [m for m in found if m.kind]
    for deal in _relations_mentions(sent, report):
        within = [m for m in named if m.token in deal.token.ancestors]
        for m in within:  # "an agreement to restore ties": its content, which says it settles a rift
            m.settles = True
        if not within:
            found.append(deal)
    return _one_per_kind(found)


def _relations_mentions(sent: Span, report: _Report | None) -> list[_Mention]:
    """Deals named by a verb and its object only, with no agreement word:
    "have restored full diplomatic relations", "agreed to resume diplomatic
    ties" (framework), "agreed to appoint technical committees", "decided to
    establish a joint mechanism" (other), "agreed to disengage" (security).
    Done where told in the past and unhedged, else agreed or signed as the
    verbs around it say; an aim alone ("work to restore relations") is none."""
    if report is None:
        return []
    rules = report.ctx.rules
    data = rules.agreements
    by_verb = {v: kind for kind, verbs in data["verb_deals"].items() if not kind.startswith("_") for v in verbs}
    found: dict[str, _Mention] = {}
    for verb in sent:
        if verb.pos_ != "VERB" or _negated(verb, rules=rules):
            continue
        lemma = verb.lemma_.lower()
        kind = by_verb.get(lemma)  # "agreed to disengage"
        if kind is None:
            objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            lemmas = {c.lemma_.lower() for c in objects}
            kind = next((rule["kind"] for rule in data["verb_objects"]
                         if lemma in rule["verbs"] and lemmas & set(rule["objects"])), None)
            if kind == "other":  # "a joint security coordination mechanism": a security deal
                kind = _context_kind(objects[0], rules=rules) or kind
        if kind is None or kind in found:
            continue
        status = _status(verb, kind, rules=rules)
        if status is None and kind not in data["agreed_only_kinds"]:
            status = _done(verb, rules=rules)  # "have restored relations"; not "Netanyahu has appointed a team"
        if status in (None, "proposed") and _decided(verb, rules=rules):
            status = "agreed"  # "both sides have decided to establish a joint mechanism"
        if status == "collapsed":  # "talks ended with both sides agreeing to expand aid": the talks ended
            agreed = data["status"]["agreed"]["lemmas"]
            status = "agreed" if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in agreed else None
        if status in (None, "proposed"):
            continue  # "work to restore relations", "could restore ties": an aim, not a deal
        mention = _Mention(kind=kind, token=verb, status=status, settles=True)
        mention.bound = _bound(verb, report) or _restored_between(verb, report) or _both_sides(verb, report)
        found[kind] = mention
    return list(found.values())


def _both_sides(verb: Token, report: _Report) -> list[str]:
    """"Both sides have decided to …", "the parties agreed to …": the report's two sides."""
    clause = next((a for a in [verb, *verb.ancestors] if any(c.dep_ == "nsubj" for c in a.children)), None)
    if clause is None or len(report.principal) != 2:
        return []
    subj = next(c for c in clause.children if c.dep_ == "nsubj")
    words = " ".join(t.lower_ for t in subj.subtree)
    return list(report.principal) if any(w in words for w in report.ctx.rules.agreements["two_sided_words"]) else []


def _decided(verb: Token, *, rules: Rules) -> bool:
    """"decided to establish": the verb is what its subject decided, unhedged."""
    head = verb.head
    return (verb.dep_ == "xcomp" and head.lemma_.lower() in rules.agreements["decide_verbs"]
            and not _negated(head, rules=rules) and not _modal(head, rules=rules))


def agreement_words(data: dict) -> frozenset[str]:
    """Every word that can name an agreement (``data/agreements.json``): a cheap first test for
    :func:`_kind` (``ctx.rules.agreement_words``)."""
    keys = ("ceasefire_nouns", "exchange_nouns", "pause_words", "humanitarian_nouns", "framework_nouns", "generic_nouns",
            "joint_nouns", "security_nouns")
    return frozenset(w for key in keys for w in data[key]) | {"fire"}  # "cease-fire"


def _kind(tok: Token, *, rules: Rules):
    """The agreement kind a token names; None for a generic "the deal"; False if none."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    if low not in rules.agreement_words and lemma not in rules.agreement_words:
        return False
    data = rules.agreements
    if tok.pos_ not in ("NOUN", "PROPN") and not (lemma in data["pause_words"] and tok.pos_ == "VERB"):
        return False
    window = _window_words(tok, 3)
    if tok.dep_ == "compound" and not _names_agreement(tok.head, rules=rules):
        return False  # "truce monitors", "ceasefire talks"
    if low in data["ceasefire_nouns"] or lemma in data["ceasefire_nouns"] or _is_cease_fire(tok):
        return "humanitarian" if _left_has(tok, data["humanitarian_words"]) else "ceasefire"
    if lemma in data["exchange_nouns"] and (window & set(data["captive_core"]) or _of_captives(tok, rules=rules)):
        return "prisoner_exchange"
    if lemma in data["pause_words"] and _window_words(tok, 4, left=False) & set(data["hostility_words"]):
        return "humanitarian" if _left_has(tok, data["humanitarian_words"]) else "ceasefire"
    if lemma in data["humanitarian_nouns"] and _left_has(tok, data["humanitarian_words"]):
        return "humanitarian"
    if lemma in data["framework_nouns"] or low in data["framework_nouns"]:
        kind = _context_kind(tok, rules=rules) or "framework"
        if kind == "framework" and {t.lower_ for t in tok.sent} & set(data["security_refiners"]):
            return "security"
        return kind
    if lemma in data["security_nouns"] or low in data["security_nouns"]:
        return "security"  # "the disengagement at the friction points"
    if lemma in data["joint_nouns"] or low in data["joint_nouns"]:
        # "signed a Joint Statement", "a joint communiqué was adopted": what both sides put their names to
        joint = tok.i > tok.sent.start and tok.doc[tok.i - 1].lower_ in data["joint_words"]
        denied = _left_has(tok, ("no",)) or any(_left_has(c, ("no",)) for c in tok.conjuncts)  # "no agreement or joint statement"
        return "framework" if joint and not denied and _status(tok, rules=rules) in ("agreed", "signed") else False
    if tok.text.isupper() or _left_has(tok, data["non_agreement_modifiers"]):
        return False  # "the PACT Act", "a presidential memorandum"
    if lemma in data["generic_nouns"] or low in data["generic_nouns"]:
        if _numbered(tok, rules=rules):
            return "framework"  # "a 10-point plan", "the 28-point plan": a plan to settle the war
        kind = _context_kind(tok, rules=rules)
        if kind:
            return kind
        if _determiner(tok, rules=rules) == "anaphoric":
            return False if _named_after_place(tok) else None  # "the Minsk agreements" are not "the deal"
        return "framework" if _status(tok, rules=rules) == "signed" else False  # "a joint agreement signed in Doha"
    return False


def _of_captives(tok: Token, *, rules: Rules) -> bool:
    """"the release of four more Israeli hostages": the captives are what the
    noun is of; a government freeing its own "political prisoners" exchanges no one."""
    core, own = rules.agreements["captive_core"], rules.agreements["own_prisoners"]
    return any(p.dep_ == "pobj" and p.lemma_.lower() in core and not any(c.lower_ in own for c in p.children)
               for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children)


def _numbered(tok: Token, *, rules: Rules) -> bool:
    """"a 12-point plan": numbered parts before the noun."""
    left = tok.doc[max(tok.sent.start, tok.left_edge.i, tok.i - 6) : tok.i]
    return any(t.lower_ in rules.agreements["numbered_parts"] and t.i >= 2 and tok.doc[t.i - 2].like_num for t in left)


def _named_after_place(tok: Token) -> bool:
    return any(c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC", "FAC") for c in tok.children)


def _names_agreement(tok: Token, *, rules: Rules) -> bool:
    data = rules.agreements
    words = set(data["generic_nouns"]) | set(data["framework_nouns"]) | set(data["ceasefire_nouns"]) | set(data["exchange_nouns"])
    return tok.lower_ in words or tok.lemma_.lower() in words


def _is_cease_fire(tok: Token) -> bool:
    doc = tok.doc
    return tok.lower_ == "fire" and tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "cease"


def _left_has(tok: Token, words) -> bool:
    return any(t.lower_ in words for t in tok.doc[max(tok.sent.start, tok.i - 3) : tok.i])


def _window_words(tok: Token, size: int, left: bool = True) -> set[str]:
    doc = tok.doc
    lo = max(tok.sent.start, tok.i - size) if left else tok.i + 1
    hi = min(tok.sent.end, tok.i + size + 1)
    return {t.lower_ for t in doc[lo:hi]} | {t.lemma_.lower() for t in doc[lo:hi]}


def _context_kind(tok: Token, *, rules: Rules) -> str | None:
    """Kind of a generic "deal"/"plan" from the words around it ("peace deal",
    "deal to pause strikes", "economic agreements"); memoranda that guarantee
    territory are security agreements."""
    data = rules.agreements
    doc = tok.doc
    left = {t.lower_ for t in doc[max(tok.sent.start, tok.left_edge.i, tok.i - 4) : tok.i]}
    # its own words to the right ("an agreement granting … access to minerals"), or the next six
    reach = min(tok.sent.end, max(tok.i + 7, min(tok.right_edge.i + 1, tok.i + 13)))
    right = {t.lower_ for t in doc[tok.i + 1 : reach]}
    for words in (left, right):
        for kind, cues in data["context"]:
            if words & set(cues):
                return kind
    return None


def _determiner(tok: Token, *, rules: Rules) -> str:
    """How the words before an agreement word refer: "another"/"a 12-point" plan is a new one."""
    data = rules.agreements
    left = tok.doc[max(tok.sent.start, tok.left_edge.i, tok.i - 6) : tok.i]
    if any(t.lower_ in data["numbered_parts"] and t.i >= 2 and tok.doc[t.i - 2].like_num for t in left):
        return "new"
    for t in left:
        if t.lower_ in data["anaphoric_determiners"]:
            return "anaphoric"
        if t.lower_ in data["new_determiners"]:
            return "new"
        if t.lower_ in data["indefinite_determiners"]:
            return "indefinite"
    return "bare"


def _quantity(tok: Token, kind: str, *, rules: Rules) -> int | None:
    """The number an agreement names: captives exchanged, or days of truce."""
    sent = tok.sent
    lo, hi = max(sent.start, tok.i - 8), min(sent.end, tok.i + 12)
    if kind == "prisoner_exchange":
        return _captive_number(tok.doc[lo:hi], rules=rules) or _per_side(sent.text, rules=rules)
    if kind in ("ceasefire", "humanitarian"):
        return _duration(tok.doc[lo:hi].text, rules=rules)
    return None


def _captive_number(span: Span, words: str = "captives", *, rules: Rules) -> int | None:
    """Captives exchanged in all: "157 prisoners each" frees 314."""
    data = rules.agreements
    per_side = _per_side(span.text, rules=rules)
    if per_side:
        return per_side
    for tok in span:
        found = number_at(tok, rules=rules)
        if not found or tok.i != found[1].end - 1 or tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY"):
            continue
        after = span.doc[tok.i + 1 : min(span.doc.__len__(), tok.i + 4)]
        if len(after) and after[0].lower_ == "of":  # "21 of more than 200 girls": the 21 freed
            after = span.doc[tok.i + 1 : min(span.doc.__len__(), tok.i + 7)]
        if any(t.lower_ in data[words] for t in after):
            return found[0] * 2 if _each_side(tok, rules=rules) else found[0]
    return None


def _each_side(tok: Token, *, rules: Rules) -> bool:
    """"agreed to each hand over 157 prisoners", "1,000 prisoners … each"."""
    doc, words = tok.doc, set(rules.agreements["each_words"])
    before = doc[max(tok.sent.start, tok.i - 4) : tok.i]
    after = []
    for t in doc[tok.i + 1 : min(tok.sent.end, tok.i + 9)]:
        if t.like_num:
            break  # "314 prisoners – 157 each": "each" is the other number's
        after.append(t)
    return any(t.lower_ in words for t in before) or any(t.lower_ in words and t.dep_ != "det" for t in after)


def _per_side(text: str, *, rules: Rules) -> int | None:
    """"1,000 for 1,000", "1000-for-1000": both sides' numbers, exchanged in all."""
    m = re.search(r"\b(\d[\d,]*)(?:\s+|-)(?:for|in exchange for)(?:\s+|-)(\d[\d,]*)\b", text)
    if not m:
        return None
    first, second = parse_number(m.group(1), rules=rules), parse_number(m.group(2), rules=rules)
    return first + second if first and second else None


def _duration(text: str, *, rules: Rules) -> int | None:
    """Length of a truce: hours and months as written, weeks in days
    ("a 72-hour truce" → 72, "a six-week ceasefire" → 42, "for a week" → 7)."""
    data = rules.agreements
    units = "|".join(data["units"])
    after = "|".join(data["time_distance"])  # "four days after the invasion": a distance in time
    m = next((m for m in re.finditer(rf"\b([\w.,]+)[-\s]({units})\b(?!\s+(?:{after})\b)", text, flags=re.I)
              if not _length_of_fighting(text, m, rules=rules)), None)
    if not m:
        return None
    number = parse_number(m.group(1), rules=rules)
    if m.group(1).lower() in data["single"]:  # "for a week", not "a month after"
        before = text[: m.start()].split()[-1:]
        number = 1 if before and before[0].lower() in data["duration_words"] else None
    return number * data["unit_days"].get(m.group(2).lower(), 1) if number else None


def _length_of_fighting(text: str, m: re.Match, *, rules: Rules) -> bool:
    """"their 12-day war", "after three days of deadly clashes": the length of
    the fighting, not of a truce."""
    data = rules.agreements
    before = text[: m.start()].split()[-1:]
    after = [w.strip(".,;:\"'”").lower() for w in text[m.end():].split()[:4]]
    if before and before[0].lower() in data["fighting_since"]:
        return True
    truce = set(data["ceasefire_nouns"]) | set(data["pause_words"]) | set(data["humanitarian_nouns"])
    for word in after:
        if word in truce:
            return False  # "a six-week truce in the war"
        if word in data["fighting_nouns"]:
            return True
    return False


def _release_mentions(sent: Span, *, rules: Rules) -> list[_Mention]:
    """"314 prisoners … would be released", "have exchanged 157 prisoners":
    an exchange named by its number and a release verb only."""
    data = rules.agreements
    for verb in (t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in data["release_verbs"]):
        # the number of those freed, not of those "confirmed alive"
        number = _captive_number(sent.doc[verb.left_edge.i : verb.right_edge.i + 1], "captive_core", rules=rules)
        if number is not None:
            break
    else:
        return []
    status = _status(verb, "prisoner_exchange", rules=rules) or _done(verb, rules=rules)
    return [_Mention(kind="prisoner_exchange", token=verb, quantity=number, status=status, standalone=True)]


def _done(verb: Token, *, rules: Rules) -> str | None:
    """ "had each handed over 390 POWs": a release told in the past tense,
    neither negated nor hedged, has happened."""
    # "had each handed over", "the 21 girls were released"
    past = verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.lemma_ == "have" or (c.dep_ == "auxpass" and c.tag_ == "VBD")
                                                          for c in verb.children))
    return "implemented" if past and not _negated(verb, rules=rules) and not _modal(verb, rules=rules) else None


def _one_per_kind(mentions: list[_Mention]) -> list[_Mention]:
    """A sentence names each kind of agreement once ("a ceasefire … a 50-day truce")."""
    out: dict[str | None, _Mention] = {}
    for m in mentions:
        if m.kind in out:
            kept = out[m.kind]
            kept.quantity = kept.quantity or m.quantity
            kept.status = kept.status or m.status
            kept.bound = kept.bound or m.bound
            kept.settles = kept.settles or m.settles
            if m.determiner == "new":
                kept.determiner = "new"
        else:
            out[m.kind] = m
    return list(out.values())


# -- status ----------------------------------------------------------------


def _status(tok: Token, kind: str | None = None, *, rules: Rules) -> str | None:
    """The status the sentence gives the agreement: the furthest along of the
    cues near it ("agreed to an exchange …, which took place" → implemented),
    else the nearest cue; a collapse must be said of the agreement itself."""
    data = rules.agreements["status"]
    sent = tok.sent
    found: list[tuple[int, str]] = []
    for t in sent:
        status = _cue(t, data, kind)
        if t.lemma_.lower() in data["breach_verbs"]:
            status = "collapsed" if _broken(t, tok) else None
        if status is None and t.lemma_.lower() in data["unkept"] and _negated(t, rules=rules) and t.tag_ in ("VBD", "VBN"):
            status = "collapsed"  # "a ceasefire they agreed on but that wasn't upheld"
        if status == "collapsed" and any(a.lemma_.lower() in data["accusing"] for a in t.ancestors):
            continue  # "accused Moscow of breaking the truce": a charge, not a collapse
        if t.dep_ == "amod" and t.head != tok:
            continue  # "a renewed offensive": the cue tells of something else
        if status and t.lemma_.lower() in data["object_only"] and not _said_of_deal(t, tok, rules=rules):
            continue  # "focus on securing an Israeli pullback": what is secured is not the deal
        if status == "collapsed" and (_tree_distance(t, tok) > 3 or _ends_something_else(t, tok)):
            continue  # "the agreement ended the conflict": something else ended
        if status and (status == "collapsed" or not _negated(t, rules=rules)):
            if status in ("agreed", "implemented", "signed") and _denied(t, rules=rules):
                continue  # "rejecting the notion that Hamas had accepted the offer"
            if status in ("agreed", "implemented", "signed") and _modal(t, rules=rules):
                status = "proposed"
            found.append((0 if status == "collapsed" else abs(t.i - tok.i), status))
    low = sent.text.lower()
    future = rules.agreements["future_markers"]
    for phrase in data["implemented_phrases"]:
        at = low.find(phrase)
        if at >= 0:
            before = low[:at].split()[-2:]
            status = "agreed" if set(before) & set(future) else "implemented"  # "would take place"
            found.append((abs(len(sent.text[:at].split()) - (tok.i - sent.start)), status))
    for phrase in data["implemented_current"]:  # "will be in effect until August 3": in force now
        at = low.find(phrase)
        if at >= 0:
            found.append((abs(len(sent.text[:at].split()) - (tok.i - sent.start)), "implemented"))
    if not found:
        return None
    near = [status for dist, status in found if dist <= _STATUS_REACH]
    if near:
        return max(near, key=lambda s: _RANK[s])
    return min(found)[1]


def _said_of_deal(cue: Token, tok: Token, *, rules: Rules) -> bool:
    """"reached a deal", "the exchange agreement reached in Istanbul": the cue
    takes an agreement word (this one or another in the sentence) as its
    object, or modifies one ("a U.S.-brokered deal"), having no object of its own."""
    words = rules.agreement_words
    deals = [tok] + [t for t in tok.sent if t.lower_ in words or t.lemma_.lower() in words]
    if any(d in cue.subtree for d in deals):
        return True
    return (cue.dep_ in ("acl", "relcl", "amod") and not any(c.dep_ == "dobj" for c in cue.children)
            and any(d in cue.head.subtree for d in deals))


def _sought(tok: Token, *, rules: Rules) -> bool:
    """The agreement is what a verb in the conditional or the future aims at."""
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or tok.dep_ not in ("dobj", "pobj", "attr") or not _modal(verb, rules=rules) or _negated(verb, rules=rules):
        return False
    if verb.lemma_.lower() not in rules.agreements["seek_verbs"]:
        return False  # "to derail the agreements": not an aim at a deal
    conditional = set(rules.agreements["conditional"])  # "if I want to negotiate a settlement": talk
    return not any(t.lower_ in conditional for t in tok.doc[max(tok.sent.start, verb.i - 8) : verb.i])


def _offered(tok: Token, *, rules: Rules) -> bool:
    """The agreement is named as an offer: "a ceasefire proposal", "a plan
    for a truce", "the idea of a ceasefire", "the proposed truce"."""
    offers = set(rules.agreements["offer_nouns"])
    head = tok.head.head if tok.head.dep_ == "prep" or tok.dep_ == "pobj" else tok.head
    return (
        tok.lemma_.lower() in offers
        or (tok.dep_ in ("compound", "pobj") and head.lemma_.lower() in offers)
        or any(c.dep_ == "amod" and c.lower_ in offers for c in tok.children)
    )


def _both_agree(sent: Span, *, rules: Rules) -> bool:
    """Both sides said yes: "Kyiv and Moscow agreed", "the two sides agreed"."""
    data = rules.agreements
    agreed = set(data["status"]["agreed"]["lemmas"])
    for verb in (t for t in sent if t.lemma_.lower() in agreed):
        for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")):
            words = " ".join(t.lower_ for t in subj.subtree)
            if any(c.dep_ == "conj" for c in subj.subtree) or any(w in words for w in data["two_sided_words"]):
                return True
    return False


def _agreed_with_mediator(sent: Span, report: _Report) -> bool:
    """One side and a mediator agreed, together, on what they put to the other side."""
    rules = report.ctx.rules
    agreed = set(rules.agreements["status"]["agreed"]["lemmas"])
    usual = report.mediators | (report.ctx.rules.mediators - set(report.principal))
    for verb in (t for t in sent if t.lemma_.lower() in agreed and t.pos_ == "VERB"):
        for subj in (c for c in verb.children if c.dep_ == "nsubj"):
            start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            named = parties_in(report.ctx, start, end)
            sides = [p for p in named if p in report.principal]
            if len(sides) == 1 and any(p in usual for p in named):
                return True
    return False


def _negotiated(tok: Token, *, rules: Rules) -> bool:
    """The agreement is what talks are about or work aims at: "talks on a
    ceasefire", "negotiations over a peace deal", "to work toward a ceasefire"."""
    prep = tok.head
    if tok.dep_ != "pobj":
        return False
    if prep.lower_ in rules.agreements["toward"]:
        return True
    if prep.lower_ in rules.agreements["aim_for"] and prep.head.lemma_.lower() in rules.agreements["aim_for_verbs"]:
        return True  # "agree to work for a bilateral ceasefire", "pushed for a truce"
    return prep.lower_ in rules.agreements["about"] and prep.head.lemma_.lower() in rules.agreements["talk_nouns"]


def _release_won(tok: Token, *, rules: Rules) -> bool:
    """"secured the release of …", "won the freedom of …": told in the past, the captives are free."""
    verb = tok.head
    return (tok.dep_ == "dobj" and verb.lemma_.lower() in rules.agreements["release_won"]
            and verb.tag_ in ("VBD", "VBN") and not _modal(verb, rules=rules) and not _negated(verb, rules=rules))


def _in_force(tok: Token, *, rules: Rules) -> bool:
    """A truce the sentence takes as in force: "the fragile ceasefire", "the
    truce is holding", "maintaining the ceasefire", "compliance with the
    truce", "two days after the ceasefire"."""
    data = rules.agreements["in_force"]
    if any(c.dep_ == "amod" and c.lower_ in data["modifiers"] for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ == "nsubj" and head.lemma_.lower() in data["subject_verbs"] and not _negated(head, rules=rules):
        return True
    if tok.dep_ == "pobj":
        if head.lower_ in data["after"] and not _modal(head, rules=rules):
            return True
        head = head.head  # "compliance with the truce", "implementation of the ceasefire"
        if head.lemma_.lower() in data["nouns"]:
            return True
    if tok.dep_ in ("dobj", "pobj", "nsubjpass"):
        verb = head if tok.dep_ != "pobj" else head.head
        hedged = any(c.dep_ in ("aux", "auxpass") and c.lower_ in data["hedges"] for c in verb.children)
        return verb.lemma_.lower() in data["object_verbs"] and not hedged and not _negated(verb, rules=rules)
    return False


def _bound(tok: Token, report: _Report) -> list[str]:
    """The sides a sentence says the agreement is between: "a truce between
    Cambodia and Thailand", "Israel and Iran have reached a ceasefire" (two
    or more; a mediator among those who agree left out); none when it does not say."""
    rules = report.ctx.rules
    usual = report.mediators | (rules.mediators - set(report.principal))
    spans = []
    # "a cease-fire deal has been agreed between A and B": the trigger's noun phrase, then its verb
    phrase = tok
    while phrase.dep_ == "compound" and phrase.head is not phrase:
        phrase = phrase.head
    verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
    for node in dict.fromkeys(n for n in (tok, tok.head, phrase, phrase.head, verb) if n is not None):
        spans += [c for c in node.children if c.dep_ in ("prep", "agent") and c.lower_ in rules.agreements["between"]]
    # "a ceasefire between Israel and militants brokered by Egypt": the broker is no side
    spans = [(p, report.mediators) for prep in spans for p in prep.children if p.dep_ == "pobj"]
    if verb is not None and _cue(verb, rules.agreements["status"], None) in ("agreed", "signed"):
        # "the US and Ukraine agreed on a ceasefire": a mediator among those who agree is not bound
        # ("the Syrian and Israeli delegations reached an agreement": two sides inside one subject)
        spans += [(c, usual) for c in verb.children if c.dep_ == "nsubj" and (c.conjuncts or any(t.dep_ == "conj" for t in c.subtree))]
        # "the SDF signed a deal with the Damascus government": its subject and the side it is made with
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        partner = [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "with"
                   for p in prep.children if p.dep_ == "pobj"]
        partner += [p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "with"
                    for p in prep.children if p.dep_ == "pobj"]
        if subj is not None and partner:
            lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            first = parties_in(report.ctx, lo, hi)
            lo, hi = partner[0].left_edge.idx, partner[0].right_edge.idx + len(partner[0].right_edge)
            other = [p for p in parties_in(report.ctx, lo, hi) if p not in first]
            if len(first) == 1 and first[0] not in usual and other:
                return first + other  # (a mediator's deal "with" both sides is the sides' deal)
    elif verb is not None and tok.dep_ == "dobj" and tok.head == verb and verb.lemma_.lower() in rules.agreements["unilateral_verbs"]:
        return _unilateral(tok, verb, report, usual)
    for span, blocked in spans:
        lo, hi = span.left_edge.idx, span.right_edge.idx + len(span.right_edge)
        sides = [p for p in parties_in(report.ctx, lo, hi) if p not in blocked]
        if len(sides) > 2 and set(report.principal) <= set(sides):
            return list(report.principal)  # "Afghanistan's Islamic Emirate and Pakistan": one side named twice
        if len(sides) >= 2:
            return sides
    return []


def _restored_between(verb: Token, report: _Report) -> list[str]:
    """"Saudi Arabia, the UAE and Egypt have restored relations with Qatar",
    "Iran and Saudi Arabia agreed to resume ties": the subject's parties and
    the one it is done "with", mediators left out."""
    ctx = report.ctx
    clause = next((a for a in [verb, *verb.ancestors] if any(c.dep_ == "nsubj" for c in a.children)), None)
    if clause is None:
        return []
    subj = next(c for c in clause.children if c.dep_ == "nsubj")
    heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]  # "restored relations with Qatar"
    spans = [subj] + [p for head in heads for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "with"
                      for p in prep.children if p.dep_ == "pobj"]
    sides: list[str] = []
    for span in spans:
        lo, hi = span.left_edge.idx, span.right_edge.idx + len(span.right_edge)
        sides += [p for p in parties_in(ctx, lo, hi) if p not in sides and p not in report.mediators]
    return sides if len(sides) >= 2 else []


def _unilateral(tok: Token, verb: Token, report: _Report, usual: set[str]) -> list[str]:
    """"The PKK declared a ceasefire": a truce one side declares, with no other
    side named beside it, binds that side."""
    rules = report.ctx.rules
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.conjuncts:
        return []
    lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
    sides = parties_in(report.ctx, lo, hi)
    sent = tok.sent
    others = [p for p in parties_in(report.ctx, sent.start_char, sent.end_char) if p not in sides]
    low = sent.text.lower()
    if len(sides) != 1 or sides[0] in usual or others or any(w in low for w in rules.agreements["two_sided_words"]):
        return []
    return sides


def _modal_before_trigger(tok: Token, *, rules: Rules) -> bool:
    modal = rules.agreements["trigger_modal"]
    return any(t.lower_ in modal for t in tok.doc[max(tok.sent.start, tok.i - 3) : tok.i])


def _broken(verb: Token, tok: Token) -> bool:
    """"broke the truce", "the talks broke down": not "broke into celebrations"."""
    if any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return tok.head == verb and tok.dep_ == "nsubj"
    return tok.head == verb and tok.dep_ == "dobj"


def _ends_something_else(verb: Token, tok: Token) -> bool:
    return tok.dep_ == "nsubj" and tok.head == verb and any(c.dep_ == "dobj" for c in verb.children)


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    for i, t in enumerate(up_a):
        if t in up_b:
            return i + up_b.index(t)
    return 99


def _cue(t: Token, data: dict, kind: str | None = None) -> str | None:
    """The status a word tells; freeing people carries out an exchange only."""
    lemma = t.lemma_.lower()
    if lemma in data["exchange_only"] and kind != "prisoner_exchange":
        return None
    if lemma in data["verb_only"] and t.pos_ != "VERB":
        return None  # "within reach", "air strikes", "a secure corridor"
    for status in ("collapsed", "signed", "implemented", "agreed", "proposed"):
        cue = data[status]
        if lemma in cue["lemmas"] and (not cue["tags"] or t.tag_ in cue["tags"]):
            return status
        if t.lower_ in cue.get("forms", ()):
            return status
    return None


def _negated(t: Token, *, rules: Rules) -> bool:
    neg = rules.agreements["negators"]
    if any(c.dep_ == "neg" for c in t.children):
        return True
    return any(x.lower_ in neg or x.lemma_.lower() in neg for x in t.doc[max(t.sent.start, t.i - 3) : t.i])


def _denied(t: Token, *, rules: Rules) -> bool:
    """The cue sits in a clause someone denies ("denied that Kyiv had agreed")."""
    denial = set(rules.agreements["denial_verbs"])
    return any(a.lemma_.lower() in denial for a in list(t.ancestors)[:3])


def _modal(t: Token, *, rules: Rules) -> bool:
    modal = rules.agreements["modal"]
    if any(c.lower_ in modal for c in t.children if c.dep_ in ("aux", "mark", "auxpass")):
        return True
    return any(x.lower_ in modal for x in t.doc[max(t.sent.start, t.i - 4) : t.i])


# -- merging across sentences ----------------------------------------------


def _absorb(found: list[_Agreement], m: _Mention, sent: Span, index: int, report: _Report) -> None:
    """Merge a mention into the agreement it refers to, or open a new one."""
    rules = report.ctx.rules
    date = report.ctx.date_in(sent.start_char, sent.end_char)
    parties = _named_parties(sent, report)
    named = len(parties)
    if any(w in sent.text.lower() for w in rules.agreements["two_sided_words"]):
        named = max(named, 2)  # "the two leaders signed", "bilateral agreements"
    if m.token is not None and _pair_agreed(m.token, rules=rules):
        named = max(named, 2)  # "the government and the Maoist rebels have reached a peace agreement"
    target = _target(found, m, index, rules=rules)
    if target is None:
        if m.kind is None and m.status == "signed":
            m.kind = "framework"  # "The deal signed on Friday …" opening a report: the deal its headline tells of
        if m.kind is None:
            return
        found.append(_Agreement(m.kind, sent, index, m.quantity, m.status, date, parties, named,
                                m.settles or about_conflict(sent, rules=rules), list(m.bound)))
        return
    target.bound = target.bound or list(m.bound)
    # "The accord came as … violence": any sentence about it may say it settles a conflict
    target.in_conflict = target.in_conflict or m.settles or about_conflict(sent, rules=rules)
    if m.quantity and not target.quantity:
        target.quantity = m.quantity
        target.date = date or target.date
    target.status = _merge_status(target.status, m.status, generic=m.kind is None)
    target.date = target.date or date
    if m.status == "signed":  # "That agreement, signed by the United States, Russia, and Britain"
        target.parties = list(dict.fromkeys(target.parties + parties))
    target.parties = target.parties or parties
    target.named = max(target.named, named)


def _pair_agreed(tok: Token, *, rules: Rules) -> bool:
    """The deal's verb says it was agreed or signed by a subject of two ("A and B"), named or not."""
    verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
    if verb is None or _cue(verb, rules.agreements["status"], None) not in ("agreed", "signed"):
        return False
    return any(c.dep_ == "nsubj" and c.conjuncts for c in verb.children)


def _named_parties(sent: Span, report: _Report) -> list[str]:
    """Parties the sentence names, places where things happen left out;
    a demonym ("Palestinian prisoners", "the Ethiopian government") names
    one of the report's two sides, or a party in a sentence that names none."""
    rules = report.ctx.rules
    ctx, located = report.ctx, located_spans(sent, rules=rules)
    named = parties_in(ctx, sent.start_char, sent.end_char, skip=located)
    demonyms = tuple((t.idx, t.idx + len(t)) for t in sent if demonym_of_thing(sent.doc, t.idx, t.idx + len(t), rules=rules))
    by_name = parties_in(ctx, sent.start_char, sent.end_char, skip=located + demonyms)
    if not by_name:
        return named
    return [p for p in named if p in by_name or p in report.principal]


def _target(found: list[_Agreement], m: _Mention, index: int, *, rules: Rules) -> _Agreement | None:
    if m.kind is None:
        return found[-1] if found else None
    same = [a for a in found if a.kind == m.kind]
    if not same and m.determiner == "anaphoric" and not m.quantity:
        # "the two-week humanitarian truce … The truce covers …"
        near = set(rules.agreements["anaphora_kinds"].get(m.kind, ()))
        same = [a for a in found if a.kind in near]
    if m.quantity:
        exact = [a for a in same if a.quantity == m.quantity]
        if exact:
            return exact[-1]
        recent = [a for a in same if a.quantity is None and index - a.sent_index <= _QUANTITY_REACH]
        if recent:
            return recent[-1]
        return None
    if m.standalone or m.determiner == "new":
        return None
    if m.determiner == "indefinite":
        # "a trade deal" told again and again is one deal; a collapsed one is another.
        fits = [a for a in same if (a.status == "collapsed") == (m.status == "collapsed")]
        return fits[-1] if fits else None
    return same[-1] if same else None


def _merge_status(old: str | None, new: str | None, *, generic: bool) -> str | None:
    if old is None or new is None:
        return old or new
    if generic and new not in ("signed", "collapsed"):
        return old
    return new if _RANK[new] > _RANK[old] else old


def _sides(a: _Agreement, principal: list[str], mediators: set[str], kinds: dict[str, str],
           usual: frozenset[str], *, rules: Rules) -> list[str]:
    """The sides an agreement binds: those its sentences name, less the
    mediators (a usual mediator counts only where it is one of the report's
    two sides, or the deal is one a side makes with an ally); the report's
    two sides fill in, and stand in for a list that holds both of them."""
    allied = a.kind in rules.agreements["ally_kinds"]
    if a.status == "proposed" and not allied and len(principal) == 2:
        return principal  # a plan binds the sides it is put to, not its authors or envoys
    blocked = set() if allied else (mediators | usual) - set(principal)
    named = [p for p in a.parties if p not in blocked]
    if len(named) >= 2:
        third = [p for p in named if p not in principal]
        if not allied and len(principal) == 2 and (not third or len(third) == 1):
            return principal  # "China proposed a peace plan for Russia and Ukraine": China is not bound
        return named
    if not named or named[0] in principal:
        return principal or named
    if len(principal) == 2 and kinds.get(named[0]) == "state" and not allied:
        return principal  # a third state alone (an author, a host): the report's two sides
    return list(dict.fromkeys(named + principal[:1]))


def _to_record(a: _Agreement, report: _Report) -> Agreement:
    rules = report.ctx.rules
    kinds = {name: actor.kind for name, actor in report.ctx.actors.actors.items()}
    parties = a.bound or _sides(a, list(report.principal), set(report.mediators), kinds, report.ctx.rules.mediators, rules=rules)
    evidence = Evidence.trimmed(text_of(a.sent.doc), a.sent.start_char, a.sent.end_char)
    return Agreement(
        kind=a.kind,
        parties=parties,
        quantity=a.quantity,
        status=a.status,
        date=a.date,
        evidence=evidence,
    )
