"""Group reports into peace processes by the conflict they are about.

A process is one conflict's negotiations, named by its two belligerents in
their common names (``Russia–Ukraine``, ``DR Congo–M23``, ``Israel–Hamas``):
states before armed groups, then alphabetical. Two steps:

**What one report says** (:func:`sides_of`, from the record only, inside the
report's relevant scope — see :mod:`.relevance`). Every pair of sides gets a
score:

- **positions** with opposite stances on one issue (one side rejects what the
  other proposes, demands or accepts): 3 per issue;
- **agreements** and **meetings**: every pair of their parties: 2 each;
- **incidents**: the actor (a person stands for their affiliation) against a
  side named in the target ("Russia" → "Ukraine's energy grid"): 2;
- two sides named as a pair ("Russia-Ukraine talks"): 3;
- two sides written as talking ("suspended peace talks with the ELN",
  "negotiations between Israel and Hamas"): 3;
- **co-mentions** in one sentence: 1 in the title and first paragraph, 0.1
  later, 1 more where the sentence speaks of fighting (conflict terms).

A side is an actor in its common name (``aliases``), an alliance counts as one
side (``alliances`` in ``data/resolve.json``: "Alliance Fleuve Congo" fights
with M23). Mediators are never sides: a meeting's mediators, the country that
hosts a meeting, a state named only as a mediator's home ("UN Envoy Ramtane
Lamamra from Algeria"), and the usual mediators (``data/mediators.txt``), whose
pairs rank after every other pair (only a report whose every pair has one is
named by one of them) unless the pair is a known conflict. Pairs resting on
facts (not co-mentions) are *factual*.

The **known conflicts** of the report's year (``data/conflicts.json``, see
:mod:`.vocab_conflicts`) then read the pairs: allies are no pair, an ally
stands for its side, a report left with one side is named by the one known
conflict that fits it, and a pair that is no known conflict while one of its
sides fights a known one with another side the report names is an *aside*.
Pairs rank: mediator pairs last, then asides, then pairs written as talking,
other negotiating pairs (positions, agreements, meetings), the rest; by score
within each.

**Where the reports go** (:func:`partition`, over every report at once, so
the outcome does not depend on the order reports arrive in):

1. a pair is a **process** others join when it is the best pair (factual, or
   scoring at least ``STRONG``) of ``SUPPORT`` reports, or of one report that
   holds it with facts scoring at least ``SOLO`` — a pair one briefing puts
   together in passing ("China", "Israel") does not pull other reports in;
2. a report joins the first process among its own pairs (factual, or scoring
   at least 1), best first;
3. else the process that has one of its sides (the one whose other side the
   report is most about, then by name);
4. else its best pair, or its one side, opens a process of its own; a report
   with one side joins such a process when it has that side.

A report whose second pair (factual or ``STRONG``, with neither of the first
pair's sides) is also a process gives that process the facts whose parties
are on it ("Iran talks and Ukraine talks in Geneva the same week").

Briefings (reports read passage by passage, see :mod:`.relevance`): each peace
passage names sides, itself or by the theatre of a known conflict ("a
ceasefire in Gaza": Israel and Hamas); a briefing goes where most of its
passages are (``MIN_VOTES`` over its facts' choice), and passages about a
known conflict that ended before it are history and cast no vote. A briefing
whose facts give no side (a mediator's visit to a host) takes the sides its
passages name, as a follower. A report whose best pair is a known conflict
of its year that no process stands for opens its own rather than joining
another war of a side it shares, unless both are fought in one theatre.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from ..records import Evidence, Record
from .relevance import Relevance
from .vocab import Vocabulary, vocabulary
from .vocab_conflicts import known_conflicts

__all__ = ["Sides", "Assignment", "sides_of", "partition", "process_name", "SEPARATOR", "STRONG"]

SEPARATOR = "–"
STRONG = 3.0  # a best pair resting on co-mentions counts toward a process from this score on
SUPPORT = 2  # reports whose best pair it is that make a pair a process others join
SOLO = 5.0  # ... or one report holding it with facts and this score
MIN_VOTES = 3  # passage votes a briefing's most-named process needs over its facts' choice to take it
_RANK = {"state": 0, "group": 1, "organization": 2}
_BELLIGERENT_KINDS = ("state", "group")

W_OPPOSED = 3.0
W_TOGETHER = 2.0
W_INCIDENT = 2.0
W_NAMED_PAIR = 3.0
W_TALKS = 3.0
W_KNOWN = 1.0  # the known conflict a one-sided report is about: joins a process, opens none alone
W_LEAD = 1.0
W_BODY = 0.1
W_FIGHTING = 1.0
_OPPOSED = {"reject": {"propose", "demand", "accept"}}
_PAIR_GLUE = {"-", "–", "—", "/"}
LEAD_CHARS = 600  # where no paragraph break is found, the first characters stand for the lead

Pair = tuple[str, str]


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class Sides:
    """Who faces whom in one report: what :func:`partition` needs of it (stored with the report)."""

    pairs: tuple[tuple[Pair, float, bool], ...] = ()  # best first: (pair, score, factual)
    lone: tuple[str, ...] = ()  # sides with no pair, most involved first
    weight: Mapping[str, float] = field(default_factory=dict)  # how much the report is about each side
    kinds: Mapping[str, str] = field(default_factory=dict)
    facts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # "kind:seq" → its sides
    passages: tuple[tuple[str, ...], ...] = ()  # the belligerent sides each peace passage names (briefings only)
    follower: bool = False  # relevant only through the passage model: joins a process others made, opens none
    year: int | None = None  # the year it was published: which known conflicts were being fought

    @property
    def empty(self) -> bool:
        return not self.pairs and not self.lone

    def to_json(self) -> dict:
        return {"pairs": [[list(p), s, f] for p, s, f in self.pairs], "lone": list(self.lone),
                "weight": dict(self.weight), "kinds": dict(self.kinds), "facts": {k: list(v) for k, v in self.facts.items()},
                "passages": [list(p) for p in self.passages], "follower": self.follower,
                "year": self.year}

    @classmethod
    def from_json(cls, data: Mapping) -> "Sides":
        return cls(pairs=tuple((tuple(p), s, f) for p, s, f in data.get("pairs", ())), lone=tuple(data.get("lone", ())),
                   weight=dict(data.get("weight", {})), kinds=dict(data.get("kinds", {})),
                   facts={k: tuple(v) for k, v in data.get("facts", {}).items()},
                   passages=tuple(tuple(p) for p in data.get("passages", ())), follower=bool(data.get("follower")),
                   year=data.get("year"))


@dataclass(frozen=True)
class Assignment:
    """Where one report goes: its process (sides) and a second process for some of its facts."""

    process: tuple[str, ...] | None
    second: tuple[str, ...] | None = None


# -- one report -----------------------------------------------------------------------------


class _Reader:
    """Reads one record's sides inside its relevant scope."""

    def __init__(self, record: Record, relevance: Relevance, text: str | None, vocab: Vocabulary):
        self.record, self.relevance, self.text, self.vocab = record, relevance, text, vocab
        self.kinds: dict[str, str] = {}
        for a in record.actors:
            if a.kind != "person":
                side = vocab.side(a.name)
                self.kinds.setdefault(side, "state" if side in _state_names() else vocab.kind(a.name, a.kind))
        self.affiliation = {a.name: a.affiliation for a in record.actors if a.kind == "person" and a.affiliation}
        self.blocked = self._blocked()

    def side(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.vocab.side(self.affiliation.get(name, name))

    def belligerent(self, side: str | None) -> bool:
        return bool(side) and side not in self.blocked and self.kinds.get(side, "state") in _BELLIGERENT_KINDS

    def named(self, side: str | None) -> bool:
        """A state or armed group, even one a fact blocks (a host is no party to its meeting, but a
        passage that names it speaks of its war)."""
        return bool(side) and self.kinds.get(side, "state") in _BELLIGERENT_KINDS

    def _blocked(self) -> set[str]:
        """A meeting's mediators and the country that hosts it (unless it takes a side in a position)."""
        from ..nlp.gazetteer import place_country  # the gazetteer's places; spaCy is loaded by the writer anyway

        positioned = {self.side(p.party) for p in self.record.positions}
        out = set()
        for m in self.record.meetings:
            out.update(self.side(x) for x in m.mediators)
            host = self.side(place_country(m.place)) if m.place else None
            if host and host not in positioned and host not in {self.side(p) for p in m.parties} - {host}:
                out.add(host)
        return {x for x in out if x} | self._origins()

    def _origins(self) -> set[str]:
        """States named only as where a person serving someone else comes from ("UN Envoy Ramtane
        Lamamra from Algeria", "the Algerian diplomat Lamamra" for the UN): a mediator's home is no
        side (the rule of :mod:`detente.mediators`, shared with extraction)."""
        if self.text is None:
            return set()
        from ..nlp.gazetteer import lookup

        people = [(e.start, e.end, self.side(a.affiliation)) for a in self.record.actors
                  if a.kind == "person" and a.affiliation for e in a.mentions if e is not None]
        states = [(e.start, e.end, self.side(a.name)) for a in self.record.actors if a.kind == "state"
                  for e in a.mentions if e is not None and self.covered(e)]
        return self.vocab.mediation.homes(self.text, people, states, lookup)

    def covered(self, evidence: Evidence | None) -> bool:
        return self.relevance.covers(evidence)

    def mentions(self) -> list[tuple[int, int, str, str]]:
        """(start, end, side, text) of every covered mention of a state or group (a person: their
        affiliation); a people ("Palestinians", "Israelis") is not its state's side."""
        people = _peoples()
        spans = []
        for a in self.record.actors:
            side = self.side(a.affiliation if a.kind == "person" else a.name)
            if side and (a.kind != "person" or a.affiliation) and self.kinds.get(side, "state") in _BELLIGERENT_KINDS:
                spans.extend((e.start, e.end, side, e.text) for e in a.mentions
                             if e is not None and self.covered(e) and e.text not in people)
        return sorted(spans)


@lru_cache(maxsize=1)
def _state_names() -> frozenset[str]:
    """The gazetteer's states: a side an alias names ("SAF" → "Sudan") is one."""
    from ..nlp.gazetteer import states

    return frozenset(state["name"] for state in states())


@lru_cache(maxsize=1)
def _peoples() -> frozenset[str]:
    """Plural demonyms of the gazetteer's states ("Palestinians"): people, not a party."""
    from ..nlp.gazetteer import states

    out = set()
    for state in states():
        forms = set(state.get("demonyms", ()))
        out.update(f for f in forms if f.endswith("s") and f[:-1] in forms)
    return frozenset(out)


def _add(scores: Counter, names: Iterable[str], weight: float) -> None:
    for a, b in combinations(sorted(set(names)), 2):
        scores[_pair(a, b)] += weight


def _sentences(text: str | None, spans: list[tuple]) -> tuple[list[int], int]:
    """Sentence starts and the end of the lead; without the text, 200-character windows."""
    if text is None:
        last = max((s[1] for s in spans), default=0)
        return list(range(0, last + 200, 200)), LEAD_CHARS
    starts = [0]
    for j, ch in enumerate(text):
        if ch == "\n" or (ch in ".!?" and j + 1 < len(text) and text[j + 1].isspace()):
            starts.append(j + 1)
    body = text.lstrip()
    brk = body.find("\n")
    return starts, (len(text) if brk < 0 else len(text) - len(body) + brk)


def sides_of(record: Record, relevance: Relevance, text: str | None = None, *,
             vocab: Vocabulary | None = None) -> Sides:
    """The pairs of sides one report puts face to face, best first (see the module docstring)."""
    vocab = vocab or vocabulary()
    r = _Reader(record, relevance, text, vocab)
    scores: Counter = Counter()
    factual: set[Pair] = set()
    talking: set[Pair] = set()  # pairs that negotiate: opposed positions, agreements, meetings, talks with
    told: set[Pair] = set()  # pairs written as talking: "talks with the ELN", "negotiations between X and Y"
    involvement: Counter = Counter()
    facts: dict[str, tuple[str, ...]] = {}

    by_issue: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for i, p in enumerate(record.positions):
        side = r.side(p.party)
        facts[f"positions:{i}"] = (side,) if side else ()
        if r.covered(p.evidence) and r.belligerent(side):
            by_issue[p.issue].append((side, p.stance))
            involvement[side] += 2
    by_issue_parties = {side for held in by_issue.values() for side, _ in held}
    for held in by_issue.values():
        opposed = {_pair(a, b) for (a, sa), (b, sb) in combinations(held, 2)
                   if a != b and (sb in _OPPOSED.get(sa, ()) or sa in _OPPOSED.get(sb, ()))}
        for pair in opposed:
            scores[pair] += W_OPPOSED
            factual.add(pair)
            talking.add(pair)
    for kind in ("meetings", "agreements"):
        for i, fact in enumerate(getattr(record, kind)):
            sides = [s for s in dict.fromkeys(map(r.side, fact.parties)) if r.belligerent(s)]
            facts[f"{kind}:{i}"] = tuple(sides)
            if r.covered(fact.evidence):
                _add(scores, sides, W_TOGETHER)
                factual.update(_pair(a, b) for a, b in combinations(sorted(sides), 2))
                talking.update(_pair(a, b) for a, b in combinations(sorted(sides), 2))
                involvement.update(sides)
    spans = r.mentions()
    forms: dict[str, set[str]] = defaultdict(set)
    for _, _, side, form in spans:
        forms[side].add(form)
    for i, inc in enumerate(record.incidents):
        actor = r.side(inc.actor)
        target = (inc.target or "").lower()
        hit = {side for side, fs in forms.items() if side.lower() in target
               or any(len(f) > 3 and f.lower() in target for f in fs)} - {actor}
        facts[f"incidents:{i}"] = tuple(x for x in (actor, *sorted(hit)) if x)
        if actor and r.belligerent(actor) and r.covered(inc.evidence):
            for other in hit:
                if r.belligerent(other):
                    scores[_pair(actor, other)] += W_INCIDENT
                    factual.add(_pair(actor, other))

    title = (record.document.title or "").lower()
    if title:
        present = [side for side, fs in forms.items() if r.belligerent(side)
                   and any(f.lower() in title for f in fs | {side} if len(f) > 2)]
        _add(scores, present, W_LEAD)
        named_in_title = [tuple(present)]
    else:
        named_in_title = []
    starts, lead_end = _sentences(text, spans)
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for start, _, side, _ in spans:
        if r.belligerent(side):
            by_sentence[bisect_right(starts, start) - 1].add(side)
            involvement[side] += 0.01
    for i, present in by_sentence.items():
        weight = W_LEAD if starts[i] < lead_end else W_BODY
        if text is not None:
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            weight += W_FIGHTING if vocab.conflict.search(text, starts[i], end) else 0.0
        _add(scores, present, weight)
    if text is not None:
        for (s1, e1, p1, _), (s2, _, p2, _) in zip(spans, spans[1:]):
            if p1 != p2 and r.belligerent(p1) and r.belligerent(p2) and text[e1:s2].strip() in _PAIR_GLUE and s2 - e1 <= 3:
                scores[_pair(p1, p2)] += W_NAMED_PAIR
                factual.add(_pair(p1, p2))

    if text is not None:
        for pair in _talks_pairs(text, spans, starts, r):
            scores[pair] += W_TALKS
            factual.add(pair)
            talking.add(pair)
            told.add(pair)

    minor = {side for side, n in Counter(side for _, _, side, _ in spans).items() if n < 2}
    minor -= {x for p in named_in_title for x in p} | set(by_issue_parties)
    minor -= {x for p in told for x in p}  # a party to talks is no passing mention
    factual = {p for p in factual if not set(p) & minor}  # one passing mention does not make a side
    usual = vocab.mediators
    weight = Counter(involvement)
    for _, _, side, _ in spans:
        weight[side] += 1
    year = _year(record.document.published)
    scores, (factual, talking, told) = _by_conflict(scores, (factual, talking & factual, told & factual), year)
    if not any(s > 0 and not _mediated(p, usual, year) for p, s in scores.items()):
        pair = known_conflicts().one_sided(
            {x: w for x, w in weight.items() if x not in usual and r.belligerent(x) and w >= 1}, year)
        if pair is not None:
            scores[pair] = W_KNOWN
    for x in {x for p in scores for x in p} - set(r.kinds):
        r.kinds[x] = _kind_of(x)
    named = Counter(side for _, _, side, _ in spans)
    third = {p for p in scores if _aside(p, {x for x, n in named.items() if n >= 2 and r.belligerent(x)}, year)}
    ranked = sorted((p for p, s in scores.items() if s > 0),
                    key=lambda p: (_mediated(p, usual, year), p in third, p not in told, p not in talking,
                                   -scores[p], -sum(involvement[x] for x in p), p))
    paired = {x for p in ranked if not _mediated(p, usual, year) for x in p}
    lone = sorted((x for x in involvement if involvement[x] >= 1 and x not in usual and x not in paired
                   and r.belligerent(x)), key=lambda x: (-involvement[x], x))
    passages = () if relevance.whole else _passage_sides(relevance.passages, spans, r, year)
    pairs = tuple((p, round(scores[p], 3), p in factual) for p in ranked)
    follower = relevance.learned
    if not pairs and not lone and passages:
        # a briefing whose facts give no side (a mediator's visit, a host): the sides its peace
        # passages name, as a follower (it joins a process others made, opens none)
        pairs, lone, named = _passage_conflict(passages, usual, year)
        weight = Counter({**weight, **named})
        follower = follower or bool(pairs or lone)
        for x in {x for p, _, _ in pairs for x in p} - set(r.kinds):
            r.kinds[x] = _kind_of(x)
    return Sides(pairs=pairs, lone=tuple(lone),
                 weight={k: round(v, 3) for k, v in weight.items()}, kinds=dict(r.kinds), facts=facts,
                 passages=passages, follower=follower, year=year)


def _passage_conflict(passages: tuple[tuple[str, ...], ...], usual: frozenset[str], year: int | None
                      ) -> tuple[tuple[tuple[Pair, float, bool], ...], tuple[str, ...], Counter]:
    """The known conflict of the year (``data/conflicts.json``) a briefing's peace passages name most
    (2 for a passage naming both its sides, 1 for one), as a pair; the sides they name, most first."""
    named = Counter(x for p in passages for x in set(p) if x not in usual)
    votes: Counter = Counter()
    for c in known_conflicts().active(year):
        for p in passages:
            votes[c.pair] += sum(1 for side in c.sides if set(side) & (set(p) - usual))
    ranked = sorted((v, pair) for pair, v in votes.items() if v > 0)
    best = ranked[-1] if ranked and (len(ranked) == 1 or ranked[-2][0] < ranked[-1][0]) else None
    pairs = ((best[1], W_KNOWN, False),) if best else ()
    paired = set(best[1]) if best else set()
    lone = tuple(x for x in sorted(named, key=lambda x: (-named[x], x)) if x not in paired)
    return pairs, lone, named


def _mediated(pair: Pair, usual: frozenset[str], year: int | None = None) -> bool:
    """A pair with a usual mediator (``data/mediators.txt``) that is no known conflict of the year
    (any year when not given): Turkey hosts talks in Istanbul but fights the PKK."""
    return bool(set(pair) & usual) and known_conflicts().pair_of(*pair, year) is None


def _year(published: str | None) -> int | None:
    return int(published[:4]) if published and published[:4].isdigit() else None


def _by_conflict(scores: Counter, marked: tuple[set[Pair], ...], year: int | None
                 ) -> tuple[Counter, tuple[set[Pair], ...]]:
    """Pairs as the known conflicts of the report's year read them (``data/conflicts.json``): two
    allies are no pair (Saudi Arabia and Yemen against the Houthis), and an ally stands for its
    side (Eritrea against the TPLF is Ethiopia–TPLF)."""
    known = known_conflicts()
    out: Counter = Counter()
    marks: tuple[set[Pair], ...] = tuple(set() for _ in marked)
    for pair, score in scores.items():
        if known.allies(*pair, year):
            continue
        mapped = known.pair_of(*pair, year) or pair
        out[mapped] += score
        for old, new in zip(marked, marks):
            if pair in old:
                new.add(mapped)
    return out, marks


def _aside(pair: Pair, named: set[str], year: int | None) -> bool:
    """A pair that is no known conflict of the year while one of its sides fights a known conflict
    with another side the report names (twice or more): a host, patron or neighbour talking to one
    side ("bilateral talks with South Africa" in a report on South Sudan and the SPLM-IO, Iraq in a
    report on Turkey and the PKK, Israel–Palestine beside Hamas). It ranks after the others."""
    known = known_conflicts()
    if known.pair_of(*pair, year) is not None:
        return False
    return any(known.pair_of(x, other, year) is not None
               for x in pair for other in named - set(pair))


def _kind_of(name: str) -> str:
    """A side the report does not name itself (a known conflict's): its kind in the gazetteer."""
    from ..nlp.gazetteer import lookup

    if name in _state_names():
        return "state"
    entry = lookup(name)
    return entry.kind if entry is not None and entry.kind in _RANK else "group"


_AND = re.compile(r"\s+and\s+(?:the\s+)?")


def _talks_pairs(text: str, spans: list[tuple], starts: list[int], r: "_Reader") -> Iterable[Pair]:
    """Who talks with whom, as written: "the government suspended peace talks with the ELN" (the
    side named last before the term, in the sentence, and the side after "with"), "negotiations
    between Israel and Hamas". What a report is about when it also tells of fighting between others."""
    sides = [(s, e, side) for s, e, side, _ in spans if r.belligerent(side)]
    for i, (s, e, side) in enumerate(sides):
        link = r.vocab.talks_with.search(text, max(0, s - 80), s)
        if link is None:
            continue
        if link.group("link").lower() == "between":
            nxt = sides[i + 1] if i + 1 < len(sides) else None
            if nxt and nxt[2] != side and _AND.fullmatch(text, e, nxt[0]):
                yield _pair(side, nxt[2])
            continue
        sentence = starts[bisect_right(starts, link.start()) - 1]
        before = [x for x in sides[:i] if sentence <= x[0] and x[1] <= link.start() and x[2] != side]
        if before:
            yield _pair(before[-1][2], side)


def _passage_sides(passages: Iterable[tuple[int, int]], spans: list[tuple], r: "_Reader", year: int | None
                   ) -> tuple[tuple[str, ...], ...]:
    """The belligerent sides each peace passage of a briefing names, itself or by naming where their
    war is fought ("a ceasefire in Gaza": Israel and Hamas): what :func:`partition` counts to tell
    which conflict a briefing mostly speaks of, whatever its facts' extraction noise."""
    starts = [s for s, _, _, _ in spans]
    out = []
    for a, b in passages:
        i = bisect_right(starts, a - 1)
        named = [x for pair in (known_conflicts().fought_in(r.text, a, b, year) if r.text else ()) for x in pair]
        while i < len(spans) and spans[i][0] < b:
            if r.named(spans[i][2]):
                named.append(spans[i][2])
            i += 1
        out.append(tuple(sorted(set(named))))
    return tuple(out)


# -- every report ---------------------------------------------------------------------------


def _key(sides: Sides) -> tuple[tuple[str, ...] | None, float, bool]:
    """The report's best pair without a usual mediator (or its one side), its score, and whether it is factual."""
    usual = vocabulary().mediators
    best = next(((p, s, f) for p, s, f in sides.pairs if not _mediated(p, usual, sides.year)), None)
    if best is None:
        if sides.lone:
            return (sides.lone[0],), 0.0, False
        if sides.pairs and set(sides.pairs[0][0]) <= usual:
            return sides.pairs[0]  # only usual mediators face each other: they name it
        singles = [x for p, _, _ in sides.pairs for x in p if x not in usual or not _mediated(p, usual, sides.year)]
        return ((singles[0],), 0.0, False) if singles else (None, 0.0, False)
    return best


def _processes(keys: Iterable[tuple[tuple[str, ...] | None, float, bool]]) -> set[tuple[str, ...]]:
    """Pairs that make a process others join: the best pair of ``SUPPORT`` reports (factual or
    scoring ``STRONG``), or of one report that holds it with facts scoring ``SOLO``."""
    support: Counter = Counter()
    solo = set()
    for key, score, factual in keys:
        if key is not None and len(key) == 2 and (factual or score >= STRONG):
            support[key] += 1
            if factual and score >= SOLO:
                solo.add(key)
    return {k for k, n in support.items() if n >= SUPPORT} | solo


def _home(sides: Sides, party: str, processes: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    homes = [p for p in processes if party in p]
    if not homes:
        return None
    return min(homes, key=lambda h: (-sum(sides.weight.get(x, 0) for x in h if x != party), h))


def _known(key: tuple[str, ...] | None, year: int | None) -> bool:
    """A best pair that is a known conflict of the year (``data/conflicts.json``): the report is about
    that war, and joins another process of one of its sides only when that one is fought in the same
    theatre (:meth:`.KnownConflicts.one_war`): Israel–Hezbollah is no Gaza report, Israel–Islamic Jihad is."""
    return key is not None and len(key) == 2 and known_conflicts().pair_of(*key, year) == _pair(*key)


def _votes(sides: Sides, process: tuple[str, ...]) -> int:
    """Peace passages naming the process's sides: 2 for one naming both, 1 for one side; none for a
    known conflict that ended before the briefing (its passages are history)."""
    if known_conflicts().ended(process, sides.year):
        return 0
    return sum(min(2, len(set(named) & set(process))) for named in sides.passages)


def _by_passages(sides: Sides, strong: set[tuple[str, ...]], chosen: tuple[str, ...] | None
                 ) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """A briefing goes where most of its peace passages are (``MIN_VOTES`` more than its facts'
    choice); the process its facts chose then gets those facts as the second. Facts in a long
    briefing are sparse and noisy ("security agreement" with Ukraine read as Russia–Ukraine)
    where the exchanges on a ceasefire name their sides again and again."""
    if not sides.passages:
        return chosen, None
    named = {x for p in sides.passages for x in p}
    candidates = sorted(p for p in strong if set(p) & named)
    if not candidates:
        return chosen, None
    best = max(candidates, key=lambda p: (_votes(sides, p), -candidates.index(p)))
    if chosen is None or _votes(sides, best) >= _votes(sides, chosen) + MIN_VOTES:
        return best, (chosen if chosen is not None and not set(chosen) & set(best) else None)
    return chosen, None


def partition(reports: Mapping[str, Sides]) -> dict[str, Assignment]:
    """Where every report goes, decided over all of them at once (same set, same outcome, whatever the order)."""
    usual = vocabulary().mediators
    keys = {rid: _key(s) for rid, s in reports.items() if not s.empty}
    strong = _processes(k for rid, k in keys.items() if not reports[rid].follower)
    out: dict[str, Assignment] = {}
    weak: dict[str, tuple[str, ...]] = {}
    for rid in sorted(keys):
        sides, key = reports[rid], keys[rid][0]
        own = [p for p, score, factual in sides.pairs if p in strong and (factual or score >= 1)]
        chosen = own[0] if own else None
        if chosen is None:
            homes = strong if not _known(key, sides.year) else {
                p for p in strong if known_conflicts().one_war(p, key, sides.year)}
            for party in [x for p, _, _ in sides.pairs for x in p
                          if x not in usual or not _mediated(p, usual, sides.year)] + list(sides.lone):
                chosen = _home(sides, party, homes)
                if chosen:
                    break
        chosen, voted = _by_passages(sides, strong, chosen)
        if chosen is None:
            if not sides.follower:
                weak[rid] = key
            continue
        second = voted or next((p for p, sc, f in sides.pairs if (f or sc >= STRONG) and p in strong
                                and not set(p) & set(chosen)), None)
        out[rid] = Assignment(chosen, second)
    pairs = {k for k in weak.values() if k is not None and len(k) == 2}
    for rid, key in weak.items():
        if key is not None and len(key) == 1:
            key = _home(reports[rid], key[0], pairs) or key
        out[rid] = Assignment(key)
    for rid in reports:
        out.setdefault(rid, Assignment(None))
    return out


def process_name(parties: Iterable[str], kinds: Mapping[str, str] | None = None) -> str:
    """``Russia–Ukraine``: states before groups, then alphabetical."""
    kinds = kinds or {}
    return SEPARATOR.join(sorted(parties, key=lambda p: (_RANK.get(kinds.get(p, "state"), 3), p)))
