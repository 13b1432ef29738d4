"""Group reports into peace processes by the belligerents they are about.

A process is named by its two main belligerents: the parties that face each
other, not the states that mediate between them. For each report, every pair
of parties gets a score from the evidence the record holds:

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
brokers, hosts or facilitates ("brokered by Egypt", "UN-mediated", "Trump
hosted …", "co-mediators Qatar and Egypt"; a person stands for their
affiliation).

The strongest pair wins (ties: the more involved pair, then by name). Usual
mediators (``data/mediators.txt``: the United States, Qatar, Egypt …) give
way: when the strongest pair has one, the next pair without one wins (only
a report whose every party is a usual mediator is named by two of them).
Then:

- the pair of an existing process reuses it, whatever its name;
- a pair resting on co-mentions alone ("calm for Israelis and Palestinians")
  does not open a new process for a party that already has one: the report
  joins that party's process;
- with no pair left but (X, mediator) ones, or no pair at all, the report has
  one belligerent (X; else the party of its positions, meetings and
  agreements most involved) and joins the existing process that has it
  (two-party ones first), the one whose other party the report mentions most ("Hamas" →
  "Israel–Hamas"); without one it opens a one-party process, which a later
  two-party process with that party absorbs (``Store``).

Names put states first, then groups, then alphabetical ("Russia–Ukraine",
"Israel–Hamas"). Nothing is special-cased by name beyond the mediators list.
The user can override all of this (``detente ingest --process``,
``detente process set``): named reports stay where they were put.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import combinations

from .records import Record
from .resources import read_text

__all__ = [
    "infer_parties", "pair_scores", "report_mediators", "process_name", "choose_process",
    "default_mediators", "SEPARATOR",
]

SEPARATOR = "–"
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
_MEDIATE = r"(?:mediat\w*|brokere?d?|broker(?:ing|s)?|host(?:ed|s|ing)?|facilitat\w*)"
_AFTER_MEDIATOR = re.compile(rf"^[\s\-–]*(?:has\s+|had\s+|have\s+)?{_MEDIATE}\b", re.I)
_BEFORE_MEDIATOR = re.compile(rf"\b{_MEDIATE}\s+(?:\w+\s+)?by\s+(?:the\s+)?$", re.I)
_MEDIATORS_LIST = re.compile(r"\b(?:co-)?mediators?\s+(?:the\s+)?$", re.I)
_LIST_GLUE = re.compile(r"^\s*(?:,|and|,\s*and)\s+(?:the\s+)?$")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n+")
_NAMED_PAIR = re.compile(r"^\s?[-–/]\s?$")
_FIGHTING = re.compile(r"\b(?:attack|strike|rocket|missile|shell(?:ing|ed)|fight|hostilit|hostage|killed|bomb"
                       r"|drone|invade|invasion|offensive|clash)\w*", re.I)

Pair = frozenset


def _kinds(record: Record) -> dict[str, str]:
    return {a.name: a.kind for a in record.actors}


@lru_cache(maxsize=1)
def default_mediators() -> frozenset[str]:
    """The usual mediators and sponsors (``data/mediators.txt``)."""
    text = read_text("mediators.txt")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


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


def report_mediators(record: Record, text: str | None = None) -> set[str]:
    """States and organizations that mediate, broker or host in this report."""
    found = {m for meeting in record.meetings for m in meeting.mediators}
    if not text:
        return found
    spans = sorted((ev.start, ev.end, party) for party, mentions in _stands_for(record)
                   for ev in mentions if ev is not None and ev.valid_for(text))
    listed_until = -1  # end of the last name in a "mediators Qatar, Egypt and …" list
    for start, end, party in spans:
        before = text[max(0, start - 40) : start]
        if (_AFTER_MEDIATOR.match(text[end : end + 30]) or _BEFORE_MEDIATOR.search(before)
                or _MEDIATORS_LIST.search(before)
                or (listed_until >= 0 and _LIST_GLUE.match(text[listed_until:start]))):
            found.add(party)
            listed_until = end if _MEDIATORS_LIST.search(before) or listed_until >= 0 else -1
        else:
            listed_until = -1
    return found


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


def pair_scores(record: Record, text: str | None = None, mediators: set[str] | None = None) -> Counter:
    """Score of every pair of parties that face each other in the report (see the module docstring)."""
    return _scores(record, text, report_mediators(record, text) if mediators is None else mediators)[0]


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
            if any(re.search(rf"(?<!\w){re.escape(f)}", title) for f in forms):
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
    if text is not None:  # "Russia-Ukraine peace talks"
        for (s1, e1, p1), (s2, _, p2) in zip(spans, spans[1:]):
            if p1 != p2 and _NAMED_PAIR.match(text[e1:s2]) and not {p1, p2} & blocked:
                scores[Pair((p1, p2))] += W_NAMED_PAIR
                factual.add(Pair((p1, p2)))
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


def _ranked(record: Record, text: str | None, usual: frozenset[str]) -> tuple[list[Pair], list[str], set]:
    """Pairs best first (usual mediators' pairs after the rest), lone parties, the pairs resting on facts."""
    blocked = report_mediators(record, text)
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


def infer_parties(record: Record, text: str | None = None) -> list[str]:
    """The report's belligerents, the main pair first (mediators left out)."""
    usual = default_mediators()
    ranked, lone, _ = _ranked(record, text, usual)
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


def process_name(parties: list[str], kinds: Mapping[str, str] | None = None) -> str:
    """``Russia–Ukraine``: states before groups, then alphabetical."""
    return SEPARATOR.join(_ordered(parties, kinds or {}))


def choose_process(
    record: Record, existing: Mapping[str, list[str]], mediators: frozenset[str] | None = None,
    text: str | None = None,
) -> tuple[str, list[str]] | None:
    """(process name, parties) for a report, reusing ``existing`` processes where they fit.

    ``text`` (the report's text) lets the rule read sentences and mediation
    cues; without it, mention offsets stand in. See the module docstring.
    """
    usual = default_mediators() if mediators is None else mediators
    ranked, lone, factual = _ranked(record, text, usual)
    kinds = _kinds(record)
    top = next((p for p in ranked if not p & usual), None)
    if top is None:
        singles = [x for p in ranked for x in sorted(p) if x not in usual]
        singles = list(dict.fromkeys(singles + lone))
        if not singles:
            if not ranked:
                return None
            top = ranked[0]  # only usual mediators face each other: they stay
        else:
            return _join(singles[0], record, existing)
    for name, ps in existing.items():
        if set(ps) == set(top):
            return name, list(ps)
    if top not in factual:  # only co-mentioned: no new process for a party that has one
        homed = [x for x in sorted(top) if any(x in ps and len(ps) > 1 for ps in existing.values())]
        unhomed = [x for x in top if not any(x in ps for ps in existing.values())]
        if len(homed) == 1 and len(unhomed) == 1:
            return _join(homed[0], record, existing)
    ordered = _ordered(top, kinds)
    return process_name(ordered, kinds), ordered


def _join(party: str, record: Record, existing: Mapping[str, list[str]]) -> tuple[str, list[str]]:
    """A one-party report joins the process that has its party (the one whose other side it mentions most)."""
    homes = [name for name, ps in existing.items() if party in ps]
    if not homes:
        return party, [party]  # until a process with a second party appears (Store absorbs it then)
    mentioned = Counter({name: len(ms) for name, ms in _stands_for(record)})
    best = max(homes, key=lambda h: (len(existing[h]) > 1, sum(mentioned[p] for p in existing[h] if p != party)))
    return best, list(existing[best])
