"""The sides a report is about, read from its text while it is extracted.

Extractors (agreements, meetings, positions) need to know, sentence by
sentence, which two parties face each other in the report and which ones
only mediate. This module scores the pairs of parties of a report being
extracted, from its facts so far and its text. (Grouping stored reports into
peace processes is the resolve stage's, :mod:`detente.resolve.processes`.)

A report's two main belligerents are the parties that face each other, not
the states that mediate between them. Every pair of parties gets a score:

- **positions** with opposite stances on one issue (one side rejects what the
  other proposes, demands or accepts): 3 per issue;
- **agreements** and **meetings**: every pair of their parties, minus the
  report's mediators: 2 each;
- **incidents**: the actor (a person stands for their affiliation) against
  the state or group named in the target ("Russia" → "Ukraine's energy
  grid"): 2;
- an explicit pair in the text ("Russia-Ukraine talks", "Israel–Hamas war"): 3;
- **co-mentions** of two states or armed groups in one sentence: 1 in the
  title and first paragraph, 0.1 later; 1 more where the sentence is about
  fighting (attacks, strikes, rockets, hostages, hostilities).

The report's **mediators** are never its belligerents: a meeting's
``mediators``, and any state or organization that the text says mediates,
brokers, hosts, sponsors, convenes or facilitates ("brokered by Egypt",
"UN-mediated", "Trump hosted …", "grateful to Malaysia for hosting",
"co-mediators Qatar and Egypt"; a person stands for their affiliation), and a
state named only as where a person serving someone else comes from ("UN envoy
Ramtane Lamamra from Algeria": the rule grouping shares, :mod:`detente.mediators`). A party
the text names as one of two sides ("talks between Thailand and Cambodia",
"the Israel–Hamas war") is a side even where it hosts a later round. Usual
mediators (``data/mediators.txt``) give way: the strongest pair without one
wins. **Allies** are one side, never a pair: "M23/AFC", "the AFC, the
political wing of M23", "Rwanda-backed M23".

:func:`report_sides` reads a report once for the extractors, from its actors
only, their mentions as places left out ("talks in Barbados"):

- its two **main** sides, the best pair above: whom a deal binds when its
  sentence names no one (agreements);
- its two sides **at the table**, for "both sides", "the two delegations"
  (positions): the two it names most (demonyms too: "Israeli officials"),
  leaving out the **outside** parties, its mediators and, where two other
  sides are each named more than once, the usual mediators not written as one
  of a pair ("US-Iran talks"). Not the best pair: that is the conflict's,
  and "both delegations" in Jeddah were the US's and Ukraine's, not Russia's.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from ..nlp import text_of
from ..records import Record
from ._events import located_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..rules import Rules
    from .context import Context

__all__ = ["dateline", "infer_parties", "pair_scores", "report_mediators", "report_sides", "ReportSides", "actors_record",
           "demonym_of_thing"]

_RANK = {"state": 0, "group": 1, "organization": 2}
_BELLIGERENT_KINDS = ("state", "group")

W_OPPOSED = 3.0  # opposite stances on one issue
W_TOGETHER = 2.0  # parties of one agreement or meeting
W_INCIDENT = 2.0  # actor against the target's state or group
W_NAMED_PAIR = 3.0  # "Russia-Ukraine talks"
W_LEAD = 1.0  # co-mentioned in a sentence of the title or first paragraph
W_BODY = 0.1  # co-mentioned in a later sentence
W_FIGHTING = 1.0  # co-mentioned in a sentence about fighting (attacks, strikes, hostages)

_OPPOSED = {"reject": {"propose", "demand", "accept"}}
_MEDIATE = (r"(?:mediat\w*|brokere?d?|broker(?:ing|s)?|host(?:ed|s|ing)?|facilitat\w*|co-?sponsor\w*|sponsor(?:ed|s|ing)"
            r"|organi[sz](?:ed|es|ing)|conven(?:ed|es|ing))")
# "Oman hosted", "Qatar-mediated", "grateful to Malaysia for hosting", "Malaysia's role in brokering", "Egypt, which mediated"
# "Norway has been facilitator", "Qatar, which is the mediator": a copula before the mediator noun
# "asked Norway to facilitate talks", "invited Qatar to mediate", "Norway, in its role as facilitator"
_AFTER_MEDIATOR = re.compile(rf"^[\s\-–]*(?:for\s+|to\s+|[’']s\s+role\s+in\s+|,\s+which\s+"
                             rf"|,\s+in\s+its\s+(?:role|capacity)\s+as\s+(?:the\s+|a\s+)?)?(?:has\s+|had\s+|have\s+)?"
                             rf"(?:(?:been|is|was|remains|acts\s+as|acted\s+as|served\s+as)\s+(?:the\s+|a\s+)?(?:third[- ]party\s+)?)?"
                             rf"{_MEDIATE}\b", re.I)
# "mediated by Qatar", "under the mediation of Guinean President Embalo", "under the auspices of the AU"
_BEFORE_MEDIATOR = re.compile(rf"\b{_MEDIATE}\s+(?:\w+\s+)?by\s+(?:the\s+)?$"
                              r"|\b(?:mediation|facilitation|auspices)\s+of\s+(?:the\s+)?(?:[A-Z]\w+\s+){0,2}$", re.I)
# "co-mediators Qatar and Egypt", "the co-chairs (EU, Japan, USA and Norway)"
_MEDIATORS_LIST = re.compile(r"\b(?:co-)?(?:mediators?|co-?chairs?)\s+(?:\(\s*)?(?:the\s+)?$", re.I)
_LIST_GLUE = re.compile(r"^\s*(?:,|and|,\s*and)\s+(?:the\s+)?$")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n+")
_NAMED_PAIR = re.compile(r"^\s?[-–]\s?$")  # "Russia-Ukraine talks" (a slash joins allies: "M23/AFC")
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)  # "talks between Thailand and Cambodia"
_AND = re.compile(r"^\s*(?:and|&)\s+(?:the\s+)?$", re.I)
_ALLIED = re.compile(r"^\s?/\s?$"  # "M23/AFC"
                     r"|^\s*(?:\(\w+\)\s*)?,?\s*(?:the|its|a)\s+(?:political|armed|military)\s+(?:wing|arm)\s+of\s+(?:the\s+)?$"
                     r"|^-backed\s+(?:the\s+)?$", re.I)  # "AFC, the political wing of M23", "Rwanda-backed M23"
# "at the Malaysian capital", "signed in Accra, Ghana", "the Ghanaian capital Accra": where, not who
_VENUE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$|(?-i:\b(?:in|at)\s+[A-Z][\w’'-]+,\s+)$|\bcapital,?\s+$", re.I)
# "ACCRA, 17 June (IRIN) -", "KAMPALA (Reuters) -": the dateline names where the report was filed
_DATELINE = re.compile(r"[A-Z][A-Z’' .-]*(?:,|\s*\(|\s+[-–—])")
_FIGHTING = re.compile(r"\b(?:attack|strike|rocket|missile|shell(?:ing|ed)|fight|hostilit|hostage|killed|bomb"
                       r"|drone|invade|invasion|offensive|clash)\w*", re.I)

Pair = frozenset


def _kinds(record: Record) -> dict[str, str]:
    return {a.name: a.kind for a in record.actors}


def _stands_for(record: Record) -> list[tuple[str, list]]:
    """(party, mentions) for every actor: states/groups/organizations as themselves, persons as their affiliation."""
    out = []
    for a in record.actors:
        if a.kind == "person":
            if a.affiliation:
                out.append((a.affiliation, a.mentions))
        else:
            out.append((a.name, a.mentions))
    return out


def said_to_mediate(text: str, start: int, end: int) -> bool:
    """Whether the text says the party named at ``start:end`` mediates, brokers or hosts
    ("Oman hosted", "mediated by Qatar", "grateful to Malaysia for hosting")."""
    return bool(_AFTER_MEDIATOR.match(text[end : end + 30]) or _BEFORE_MEDIATOR.search(text[max(0, start - 40) : start]))


def joined_as_pair(glue: str) -> bool:
    """Whether the text between two names writes them as one pair of sides ("Russia-Ukraine")."""
    return _NAMED_PAIR.match(glue) is not None


def report_mediators(record: Record, text: str | None = None, *, rules: Rules) -> set[str]:
    """States and organizations that mediate, broker or host in this report, and the states named
    only as a mediator's home."""
    found = {m for meeting in record.meetings for m in meeting.mediators}
    if not text:
        return found
    spans = sorted((ev.start, ev.end, party) for party, mentions in _stands_for(record)
                   for ev in mentions if ev is not None and ev.valid_for(text))
    listed_until = -1  # end of the last name in a "mediators Qatar, Egypt and …" list
    for start, end, party in spans:
        before = text[max(0, start - 40) : start]
        if (said_to_mediate(text, start, end) or _MEDIATORS_LIST.search(before)
                or (listed_until >= 0 and _LIST_GLUE.match(text[listed_until:start]))):
            found.add(party)
            listed_until = end if _MEDIATORS_LIST.search(before) or listed_until >= 0 else -1
        else:
            listed_until = -1
    found |= _homes(record, text, rules=rules)
    named, between, _ = _explicit(record, text)
    own = {m for meeting in record.meetings for m in meeting.mediators}
    return found - ({x for pair in named | between for x in pair} - own)


def _spans(record: Record, text: str) -> list[tuple[int, int, str]]:
    """Mentions of states and armed groups (a person standing for theirs), in text order."""
    kinds = _kinds(record)
    return sorted((ev.start, ev.end, party) for party, mentions in _stands_for(record)
                  if kinds.get(party, "state") in _BELLIGERENT_KINDS
                  for ev in mentions if ev is not None and ev.valid_for(text))


def _homes(record: Record, text: str, *, rules: Rules) -> set[str]:
    """States named only as where a person serving someone else comes from (:mod:`detente.mediators`)."""
    people = [(ev.start, ev.end, a.affiliation) for a in record.actors if a.kind == "person" and a.affiliation
              for ev in a.mentions if ev is not None and ev.valid_for(text)]
    states = [(ev.start, ev.end, a.name) for a in record.actors if a.kind == "state"
              for ev in a.mentions if ev is not None and ev.valid_for(text)]
    return rules.mediation.homes(text, people, states, rules.gazetteer.lookup)


def _explicit(record: Record, text: str | None) -> tuple[set, set, set]:
    """Pairs the text names as two sides ("Russia-Ukraine talks"; "talks between Thailand
    and Cambodia", apart: it tells sides from hosts but weighs no more than a co-mention),
    and pairs it names as allies ("M23/AFC", "Rwanda-backed M23")."""
    named: set = set()
    between: set = set()
    allied: set = set()
    if not text:
        return named, between, allied
    spans = _spans(record, text)
    for (s1, e1, p1), (s2, e2, p2) in zip(spans, spans[1:]):
        if p1 == p2:
            continue
        glue = text[e1:s2]
        if _ALLIED.match(glue):
            allied.add(Pair((p1, p2)))
        elif joined_as_pair(glue) and not _AFTER_MEDIATOR.match(text[e2 : e2 + 30]):
            named.add(Pair((p1, p2)))  # not "a U.S.-Malaysia-organised process"
        elif _AND.match(glue) and _BETWEEN.search(text[max(0, s1 - 20) : s1]):
            between.add(Pair((p1, p2)))
    return named - allied, between - allied, allied


def _paired(record: Record, text: str | None) -> set[str]:
    """Parties the text writes as one of a pair of sides ("Russia-Ukraine", "the US-Taliban deal")."""
    named, _, _ = _explicit(record, text)
    return {x for pair in named for x in pair}


def _sentences(text: str) -> tuple[list[int], int]:
    """Sentence start offsets, and where the first paragraph ends."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    body = text.lstrip()
    first_break = body.find("\n")
    lead_end = len(text) if first_break < 0 else len(text) - len(body) + first_break
    return starts, lead_end


def _add_pairs(scores: Counter, names: Iterable[str], weight: float, blocked: set[str]) -> None:
    names = sorted({n for n in names if n and n not in blocked})
    for a, b in combinations(names, 2):
        scores[Pair((a, b))] += weight


def pair_scores(record: Record, text: str | None = None, *, rules: Rules) -> Counter:
    """Score of every pair of parties that face each other in the report (see the module docstring)."""
    return _scores(record, text, report_mediators(record, text, rules=rules))[0]


def _scores(record: Record, text: str | None, blocked: set[str]) -> tuple[Counter, set]:
    """(pair scores, the pairs that rest on more than co-mentions)."""
    scores: Counter = Counter()
    by_issue: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p in record.positions:
        by_issue[p.issue].append((p.party, p.stance))
    for held in by_issue.values():
        opposed = set()
        for (a, sa), (b, sb) in combinations(held, 2):
            if a != b and (sb in _OPPOSED.get(sa, ()) or sa in _OPPOSED.get(sb, ())):
                opposed.add(Pair((a, b)))
        for pair in opposed:
            if not pair & blocked:
                scores[pair] += W_OPPOSED
    for m in record.meetings:
        _add_pairs(scores, m.parties, W_TOGETHER, blocked)
    for a in record.agreements:
        _add_pairs(scores, a.parties, W_TOGETHER, blocked)

    factual = set(scores)
    kinds = _kinds(record)
    belligerent = [(party, ms) for party, ms in _stands_for(record)
                   if kinds.get(party, "state") in _BELLIGERENT_KINDS]
    affiliation = {a.name: a.affiliation for a in record.actors if a.kind == "person" and a.affiliation}
    for inc in record.incidents:
        actor = affiliation.get(inc.actor or "", inc.actor)
        if not actor or not inc.target:
            continue
        target = inc.target.lower()
        hit = {party for party, ms in belligerent
               if party.lower() in target or any(len(e.text) > 3 and e.text.lower() in target for e in ms if e)}
        for party in hit - {actor}:
            if not {actor, party} & blocked:
                scores[Pair((actor, party))] += W_INCIDENT
                factual.add(Pair((actor, party)))

    # co-mentions: title (one sentence) and the text's sentences
    title = (record.document.title or "")
    if title:
        present = set()
        for party, ms in belligerent:
            forms = {party} | {e.text for e in ms if e and len(e.text) > 2}
            if any(not _VENUE.search(title, max(0, m.start() - 30), m.start())  # not "… signed in Ghana"
                   for f in forms for m in re.finditer(rf"(?<!\w){re.escape(f)}", title)):
                present.add(party)
        _add_pairs(scores, present, W_LEAD, blocked)
    spans = sorted((e.start, e.end, party) for party, ms in belligerent for e in ms
                   if e is not None and (text is None or e.valid_for(text)))
    if text is not None:
        starts, lead_end = _sentences(text)
    else:  # no text: mentions within 200 characters share a "sentence"; the first 600 are the lead
        starts, lead_end = list(range(0, max((s[1] for s in spans), default=0) + 200, 200)), 600
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for start, _, party in spans:
        by_sentence[bisect_right(starts, start) - 1].add(party)
    for i, present in by_sentence.items():
        weight = W_LEAD if starts[i] < lead_end else W_BODY
        if text is not None:
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            weight += W_FIGHTING if _FIGHTING.search(text, starts[i], end) else 0.0
        _add_pairs(scores, present, weight, blocked)
    named, _, allied = _explicit(record, text)
    for pair in named:  # "Russia-Ukraine peace talks"
        if not pair & blocked:
            scores[pair] += W_NAMED_PAIR
            factual.add(pair)
    for pair in allied:  # allies are one side
        scores.pop(pair, None)
        factual.discard(pair)
    return scores, factual


def _involvement(record: Record) -> Counter:
    counts: Counter = Counter()
    for p in record.positions:
        counts[p.party] += 2
    for m in record.meetings:
        counts.update(m.parties)
    for a in record.agreements:
        counts.update(a.parties)
    for party, ms in _stands_for(record):
        counts[party] += 0.01 * len(ms)
    return counts


def _ranked(record: Record, text: str | None, *, rules: Rules) -> tuple[list[Pair], list[str], set]:
    """Pairs best first (usual mediators' pairs after the rest), lone parties, the pairs resting on facts."""
    usual = rules.mediators
    blocked = report_mediators(record, text, rules=rules)
    scores, factual = _scores(record, text, blocked)
    involvement = _involvement(record)
    kinds = _kinds(record)
    ranked = sorted(
        (p for p, s in scores.items() if s > 0),
        key=lambda p: (bool(p & usual), -scores[p], -sum(involvement[x] for x in p), sorted(p)),
    )
    lone = [x for x in involvement if x not in blocked and x not in usual
            and kinds.get(x, "state") in _BELLIGERENT_KINDS and involvement[x] >= 1]
    lone.sort(key=lambda x: -involvement[x])
    return ranked, lone, factual


def infer_parties(record: Record, text: str | None, *, rules: Rules) -> list[str]:
    """The report's belligerents, the main pair first (the usual mediators give way)."""
    usual = rules.mediators
    ranked, lone, _ = _ranked(record, text, rules=rules)
    out: list[str] = []
    if ranked and not ranked[0] & usual:
        out = _ordered(ranked[0], _kinds(record))
    for pair in ranked:
        for x in sorted(pair):
            if x not in usual and x not in out:
                out.append(x)
    for x in lone:
        if x not in out:
            out.append(x)
    if not out and ranked:  # only usual mediators face each other
        out = _ordered(ranked[0], _kinds(record))
    return out


def _ordered(parties: Iterable[str], kinds: Mapping[str, str]) -> list[str]:
    return sorted(parties, key=lambda p: (_RANK.get(kinds.get(p, "state"), 3), p))


# -- the report being extracted ---------------------------------------------------------------


@dataclass(frozen=True)
class ReportSides:
    """Who faces whom in the report being extracted (see the module docstring)."""

    main: tuple[str, ...]  # its two belligerents, best first: whom a deal binds
    table: tuple[str, ...]  # its two sides at the table: "both sides", "the two delegations"
    mediators: frozenset[str]  # those the text says mediate, broker or host, and their homes
    outside: frozenset[str]  # the mediators, and usual mediators that are no side here


def report_sides(doc: Doc, ctx: Context) -> ReportSides:
    """The report's sides, read once per report (see the module docstring)."""
    cached = doc.user_data.get("detente.sides")
    if cached is not None:
        return cached
    rules, record, text = ctx.rules, actors_record(doc, ctx), text_of(doc)
    usual = rules.mediators
    # every mention counts for who mediates: "the Malaysian facilitator" makes Malaysia one
    everyone = Record(document=ctx.document.info(), actors=list(ctx.actors.actors.values()))
    mediators = report_mediators(everyone, text, rules=rules)
    named = _named(record, actors_record(doc, ctx, demonyms=True))
    main = infer_parties(record, text, rules=rules)[:2]
    if len(main) < 2:  # the most-named others, belligerents before usual mediators (the US in its own talks with Iran)
        blocked = report_mediators(record, text, rules=rules)
        counts = {a.name: len(a.mentions) for a in record.actors if a.kind in _BELLIGERENT_KINDS and a.mentions}
        others = sorted((p for p in counts if p not in main and p not in blocked), key=lambda p: (p in usual, -counts[p]))
        main = (main + others)[:2]
    others = sorted((n for p, n in named.items() if p not in usual and p not in mediators), reverse=True)
    between = len(others) >= 2 and others[1] >= 2  # two other sides, each named more than once
    outside = mediators | ((set(named) & usual) - _paired(record, text) if between else set())
    table = [p for p, _ in named.most_common() if p not in outside][:2]
    cached = doc.user_data["detente.sides"] = ReportSides(tuple(main), tuple(table), frozenset(mediators),
                                                          frozenset(outside))
    return cached


def _named(record: Record, with_demonyms: Record) -> Counter:
    """How often each state or group is named (a person for their side), demonyms too."""
    kinds = _kinds(record)
    return Counter(party for party, ms in _stands_for(with_demonyms) if kinds.get(party, "state") in _BELLIGERENT_KINDS
                   for _ in ms)


def actors_record(doc: Doc, ctx: Context, *, demonyms: bool = False) -> Record:
    """A record holding only the report's actors, their mentions as places ("in South Africa",
    "at the Malaysian capital") and as demonyms of things ("Palestinian prisoners") left out
    (``demonyms``: those kept)."""
    rules, text = ctx.rules, text_of(doc)
    located = {span for sent in doc.sents for span in located_spans(sent, rules=rules)}
    actors = [
        actor.model_copy(update={"mentions": [
            m for m in actor.mentions
            if (m.start, m.end) not in located and not _VENUE.search(text, max(0, m.start - 30), m.start)
            and not dateline(text, m.start, m.end)
            and (demonyms or not demonym_of_thing(doc, m.start, m.end, rules=rules))
        ]})
        for actor in ctx.actors.actors.values()
    ]
    return Record(document=ctx.document.info(), actors=actors)


def dateline(text: str, start: int, end: int) -> bool:
    """A mention in capitals opening the text or a line, before a comma, bracket or dash ("ACCRA, 17 June")."""
    return ((start == 0 or text[start - 1] == "\n" or not text[:start].strip()) and text[start:end].isupper()
            and _DATELINE.match(text, start) is not None)


def demonym_of_thing(doc: Doc, start: int, end: int, *, rules: Rules) -> bool:
    """"Palestinian prisoners", "Israeli hostages": not "the Ethiopian government"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not all(t.pos_ == "ADJ" or t.ent_type_ == "NORP" for t in span):
        return False
    head = span.root.head
    return head.lemma_.lower() not in rules.agreements["side_nouns"]
