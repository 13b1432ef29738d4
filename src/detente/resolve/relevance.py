"""Is a report about a peace process, and which of its passages are?

A report is stored and searchable whatever it is about; only reports about
ending an armed conflict (talks, truce, hostage or prisoner deals, a peace
deal) join a process. The decision reads the record and the vocabularies in
``data/resolve.json``:

- a **peace passage** is a paragraph with a peace term ("ceasefire",
  "hostages", "political settlement", "normalization of relations"), or with a
  talks term ("talks", "envoy") and a conflict term ("war", "troops"), or with
  a talks term and a sides term ("both sides", "the parties") and no word of
  trade (``off_topic_terms``); or one holding a truce, a belligerent's stance
  on a ceasefire or prisoners, or a fact between the sides of talks (a
  mediated meeting counts); in a question-and-answer transcript the question
  and the answer (up to the next question, ``ANSWER`` paragraphs at most)
  belong to it;
- a peace term inside a figure is none (``figurative_terms``, ``hostage_holds``:
  a bill "held hostage", a detained national "held hostage" abroad), and in a
  transcript a question left unanswered (another question follows) is no passage;
- the report is about a process **as a whole** when its title has such terms
  or at least ``WHOLE_SHARE`` of its text is in peace passages, or it is
  ``SHORT``; otherwise
  (a long briefing with one exchange on a ceasefire) only the facts inside
  its peace passages count, and only they go to the process, and two of its
  passages must lie in exchanges with a peace term (not talks and war words alone);
  such a report with no fact there is still relevant, as a follower, when one
  exchange with a peace and a talks term names a side of each camp of one known
  conflict of its year ("the hostage negotiations" … "we urge Hamas" … "Israel");
- it is **relevant** when, inside that scope, the record holds evidence
  between belligerents: an agreement of a peace kind, a meeting, a position
  on an issue other than trade or sanctions, or an incident, with at least
  ``MIN_PASSAGES`` peace passages (one for a report about talks as a whole);
  a deal between states never in one known conflict (``data/conflicts.json``)
  is normalization, not evidence, and passages of talks and war words alone that
  name no side at war in the report's year are history (a Flag Day proclamation);
  a whole report also when belligerents are named in its peace passages, and
  as a **follower** (``learned``: joins a process others made, opens none)
  when its ``FOLLOW_PASSAGES`` peace passages name no side but a belligerent
  is named elsewhere in it (remarks on "the hostages" and "the pause").

Where ingest gives the passage model's sure verdicts (``learned``,
:mod:`detente.learn.passages`), a paragraph it is sure of is a peace passage
or is not, whatever the rules say; its additions only count for a report the
rules find unrelated, which is then flagged (``learned``): it may join a
process others made, never open one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..records import Evidence, Meeting, Record
from .vocab import Vocabulary, vocabulary
from .vocab_conflicts import known_conflicts

__all__ = ["Relevance", "judge", "paragraphs", "WHOLE_SHARE", "MIN_PASSAGES", "SHORT"]

WHOLE_SHARE = 0.35  # share of the text in peace passages that makes the whole report about the process
MIN_PASSAGES = 2  # peace passages a report mostly about something else needs
SHORT = 4000  # characters: a report this short is read as a whole
FOLLOW_PASSAGES = 2  # passages with a peace term, naming no side, that let a short report follow a side named elsewhere
ANSWER = 4  # paragraphs of a transcript's answer that follow a question about peace
_ASKED = re.compile(r"[ \t]*(?:Q[ \t]*[:.]?[ \t]+|Q:|(?:QUESTION|Question)[ \t]*:[ \t]*)(?=\S)")  # a question in a transcript


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    whole: bool  # the report as a whole is about the process (else only its passages)
    passages: tuple[tuple[int, int], ...]  # character ranges of the peace passages
    reason: str
    learned: bool = False  # a follower: relevant only through the passage model or sides named outside its passages

    def covers(self, evidence: Evidence | None) -> bool:
        """Whether a fact with this evidence counts toward the report's process."""
        if self.whole:
            return True
        if evidence is None:
            return False
        i = bisect_right([s for s, _ in self.passages], evidence.start) - 1
        return i >= 0 and evidence.start < self.passages[i][1]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of the text."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end))
        start = end + 1
    return out


def _is_peace(part: str, vocab: Vocabulary) -> bool:
    """A peace term, or talks beside a word of conflict, or talks between "both sides" / "the parties"
    that are not trade talks (political talks with no word of fighting: a government and its opposition)."""
    if _peace_term(part, vocab):
        return True
    if not vocab.talks.search(part):
        return False
    return bool(vocab.conflict.search(part)
                or (vocab.sides_terms.search(part) and not vocab.off_topic_terms.search(part)))


def _peace_term(text: str, vocab: Vocabulary, start: int = 0, end: int | None = None) -> bool:
    """A peace term in text[start:end] that is not part of a figurative phrase (``figurative_terms``:
    a bill "held hostage", U.S. nationals "held hostage" abroad, the envoy for "hostage affairs")."""
    end = len(text) if end is None else end
    masked = [m.span() for m in vocab.figurative.finditer(text, start, end)]
    return any(not any(a <= m.start() and m.end() <= b for a, b in masked)
               for m in vocab.peace.finditer(text, start, end))


def _passages(text: str, vocab: Vocabulary, talks_facts: list[int], truces: list[int],
              short: bool = False, learned: Mapping[int, bool] | None = None) -> list[tuple[int, int]]:
    """Peace paragraphs, with the answer after a question that is one; ``talks_facts``: where the
    record holds a fact between the sides of talks (a paragraph with one and a talks term counts);
    ``truces``: where it holds a truce, a humanitarian pause or a prisoner exchange (that paragraph counts);
    ``short``: a short report that speaks of conflict somewhere, where every talks paragraph counts."""
    paras = paragraphs(text)
    starts = [s for s, _ in paras]
    with_fact = {bisect_right(starts, at) - 1 for at in talks_facts}
    with_truce = {bisect_right(starts, at) - 1 for at in truces}
    learned = learned or {}
    hits = [i for i, (s, e) in enumerate(paras) if learned.get(s, True) and (
            learned.get(s) or _is_peace(text[s:e], vocab) or i in with_truce
            or ((short or i in with_fact) and vocab.talks.search(text, s, e)))]
    asked = [bool(_ASKED.match(text, s, e)) for s, e in paras]
    transcript = sum(asked) >= 2
    # a question left unanswered (the next paragraph is another full question) is no exchange on peace;
    # one cut short ("Q On the ceasefire talks —") goes on in the next
    keep = {i for i in hits if not (transcript and asked[i] and (
        i + 1 == len(paras) or (asked[i + 1] and text[slice(*paras[i + 1])].rstrip().endswith("?"))))}
    for i in sorted(keep):
        if transcript and not asked[i]:
            # an answer about peace: the question it answers says what it is about
            back = [j for j in range(i - 1, max(-1, i - 1 - ANSWER), -1) if asked[j]][:1]
            keep.update(range(back[0], i) if back else ())
        if not (asked[i] or text[slice(*paras[i])].rstrip().endswith("?")):
            continue
        # the answer: the next paragraph, or in a transcript every paragraph up to the next question
        for j in range(i + 1, min(len(paras), i + 1 + (ANSWER if transcript else 1))):
            if asked[j]:
                break
            keep.add(j)
    return [paras[i] for i in sorted(keep)]


def _worded(text: str, passages: list[tuple[int, int]], vocab: Vocabulary) -> int:
    """Peace passages in a run of adjacent ones (an exchange: a question and its answer) that has a
    peace term: talks beside a word of war alone ("the NATO summit" and "military spending") is no
    sign that a report mostly about something else speaks of ending a war."""
    return sum(len(run) for run in _runs(text, passages) if any(_peace_term(text, vocab, s, e) for s, e in run))


def _runs(text: str, passages: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of adjacent peace passages (an exchange: a question and its answer)."""
    runs: list[list[tuple[int, int]]] = []
    for s, e in passages:
        if runs and not text[runs[-1][-1][1]:s].strip():
            runs[-1].append((s, e))
        else:
            runs.append([(s, e)])
    return runs


def _talks_between_sides(text: str, passages: list[tuple[int, int]], record: Record, bell, vocab: Vocabulary) -> bool:
    """An exchange with a peace term and a talks term ("hostage negotiations", "a ceasefire proposal")
    that names a side of each camp of one known conflict of the report's year (``data/conflicts.json``),
    or where one is fought (its ``theatres``: "the ceasefire negotiations for Gaza")."""
    active = known_conflicts().active(_year(record))
    for run in _runs(text, passages):
        s, e = run[0][0], run[-1][1]
        if not (_peace_term(text, vocab, s, e) and vocab.talks.search(text, s, e)):
            continue
        named = {vocab.side(a.affiliation if a.kind == "person" else a.name) for a in record.actors
                 if (a.affiliation if a.kind == "person" else bell(a.name))
                 for m in a.mentions if m is not None and s <= m.start < e}
        named = {x for x in named if x and bell(x)}
        if known_conflicts().fought_in(text, s, e, _year(record)):
            return True  # it names where a war of its year is fought ("a ceasefire deal for Gaza")
        if any(c.side_of(a) is not None and c.side_of(b) is not None and c.side_of(a) != c.side_of(b)
               for c in active for a in named for b in named):
            return True
    return False


def _at_war(sides: set[str], kinds: dict[str, str], record: Record) -> bool:
    """Two sides not known to be at peace (:func:`_at_peace`), or one that fights a known conflict
    (``data/conflicts.json``) in the report's year."""
    if len(sides) >= 2:
        return not _at_peace(sides, kinds, record)
    return any(c.side_of(x) is not None for c in known_conflicts().active(_year(record)) for x in sides)


def _at_peace(sides: set[str], kinds: dict[str, str], record: Record) -> bool:
    """States that fight known conflicts (``data/conflicts.json``), no two of them ever in one (against
    each other or as allies): a deal between them is normalization between states never at war, not
    the end of a war (an Israel–Saudi "peace deal", the Abraham Accords with India); Armenia and
    Azerbaijan, Serbia and Kosovo normalizing after their wars are a peace process."""
    known = known_conflicts()
    return (len(sides) >= 2 and all(kinds.get(x, "state") == "state" for x in sides)
            and all(any(c.side_of(x) is not None for c in known.conflicts) for x in sides)
            and not any(c.side_of(a) is not None and c.side_of(b) is not None
                        for c in known.conflicts for a in sides for b in sides if a < b))


def _year(record: Record) -> int | None:
    published = record.document.published or ""
    return int(published[:4]) if published[:4].isdigit() else None


def _talks_facts(record: Record, bell, vocab: Vocabulary) -> list[int]:
    """Where the record has a position on a settlement issue, a peace-kind agreement, or a meeting
    of two sides: a talks term next to one speaks of negotiations, not of trade."""
    out = [p.evidence.start for p in record.positions
           if p.evidence and p.issue not in vocab.off_topic_issues and bell(p.party)]
    out += [a.evidence.start for a in record.agreements
            if a.evidence and a.kind in vocab.peace_agreements and any(map(bell, a.parties))]
    out += [m.evidence.start for m in record.meetings if m.evidence and _between_sides(m, bell)]
    return out


def _between_sides(meeting: Meeting, bell) -> bool:
    """A meeting of two belligerents, or a mediated one between two parties one of which is a belligerent
    (talks Oman mediates between the United States and Iran)."""
    n = sum(map(bell, meeting.parties))
    return n >= 2 or (n >= 1 and bool(meeting.mediators) and len(set(meeting.parties)) >= 2)


def _belligerent(name: str, kinds: dict[str, str], vocab: Vocabulary) -> bool:
    return bool(name) and kinds.get(name, "state") in ("state", "group") and vocab.side(name) not in vocab.mediators


def judge(record: Record, text: str, *, vocab: Vocabulary | None = None,
          learned: Mapping[int, bool] | None = None) -> Relevance:
    """The report's relevance to a peace process (see the module docstring); ``learned``: the passage
    model's verdict on paragraphs (by start) where it is sure: True makes one a peace passage, False
    keeps it out, whatever the rules say."""
    vocab = vocab or vocabulary()
    drops = {k: v for k, v in (learned or {}).items() if not v}
    ruled = _judge(record, text, vocab, drops)
    if ruled.relevant or not learned or len(drops) == len(learned):
        return ruled  # the model's additions rescue a report the rules miss; they do not widen one
    rescued = _judge(record, text, vocab, learned)
    return replace(rescued, reason=rescued.reason + " (passage model)", learned=True) if rescued.relevant else ruled


def _judge(record: Record, text: str, vocab: Vocabulary, learned: Mapping[int, bool]) -> Relevance:
    kinds = {a.name: vocab.kind(a.name, a.kind) for a in record.actors}
    bell = lambda n: _belligerent(n, kinds, vocab)  # noqa: E731
    truces = [a.evidence.start for a in record.agreements
              if a.evidence and a.kind in vocab.truce_agreements and any(map(bell, a.parties))]
    truces += [p.evidence.start for p in record.positions
               if p.evidence and p.issue in vocab.truce_issues and bell(p.party)]
    title = record.document.title or ""
    short = len(text) <= SHORT and bool(vocab.conflict.search(text) or vocab.conflict.search(title))
    passages = _passages(text, vocab, _talks_facts(record, bell, vocab), truces, short, learned)
    share = sum(e - s for s, e in passages) / max(1, len(text.strip()))
    titled = _is_peace(title, vocab)
    whole = titled or share >= WHOLE_SHARE or len(text) <= SHORT
    scope = Relevance(False, whole, tuple(passages), "")
    evidence = []
    for a in record.agreements:
        if (scope.covers(a.evidence) and a.kind in vocab.peace_agreements and any(map(bell, a.parties))
                and not _at_peace({vocab.side(x) for x in a.parties if bell(x)}, kinds, record)):
            evidence.append("agreement")
    for m in record.meetings:
        if scope.covers(m.evidence) and any(map(bell, m.parties)):
            evidence.append("meeting")
    for p in record.positions:
        if scope.covers(p.evidence) and p.issue not in vocab.off_topic_issues and bell(p.party):
            evidence.append("position")
    for inc in record.incidents:
        if scope.covers(inc.evidence) and bell(inc.actor or ""):
            evidence.append("incident")
    named = {a.name for a in record.actors for ev in a.mentions if bell(a.name) and scope.covers(ev)
             and any(s <= ev.start < e for s, e in passages)}
    needed = 1 if whole else MIN_PASSAGES
    if len(passages) + titled < needed:
        return Relevance(False, whole, tuple(passages), f"{len(passages)} peace passage(s)")
    worded = _worded(text, passages, vocab)
    if not whole and worded < MIN_PASSAGES:
        # a long report about something else that mentions a truce once (a quoted tweet on a NATO page)
        return Relevance(False, whole, tuple(passages), f"{worded} passage(s) with a peace term")
    if not evidence and not named:
        anywhere = {a.name for a in record.actors if bell(a.name)}
        if whole and sum(_peace_term(text, vocab, s, e) for s, e in passages) >= FOLLOW_PASSAGES and anywhere:
            # remarks that speak of the hostages and the ceasefire without naming a side there: they join
            # the process of a side named elsewhere in the report, if others made it, and open none
            return Relevance(True, whole, tuple(passages), "belligerents named outside its peace passages",
                             learned=True)
        return Relevance(False, whole, tuple(passages), "no belligerent in its peace passages")
    if not evidence and not whole:
        if _talks_between_sides(text, passages, record, bell, vocab):
            # a briefing's exchange on the negotiations that names both sides of a war of its year
            # ("hostage negotiations" … "we urge Hamas to take that proposal" … "the Israelis"), whose
            # facts the extractors missed: it joins the process others made, opens none
            return Relevance(True, whole, tuple(passages), "both sides of a war named in an exchange on talks",
                             learned=True)
        return Relevance(False, whole, tuple(passages), "no fact between belligerents in its peace passages")
    if not evidence and not worded and not _at_war({vocab.side(n) for n in named}, kinds, record) and all(
            vocab.conflict.search(text, s, e) and not vocab.sides_terms.search(text, s, e) for s, e in passages):
        # passages made only of talks and war words ("American forces raised it on the summit of Iwo Jima ...
        # in the jungles of Vietnam") naming no side at war that year: history, not a peace process (political
        # talks with no word of war, or between "both sides", are left to the rules above)
        return Relevance(False, whole, tuple(passages), "no side of a war of its year named, no peace term")
    reason = ", ".join(sorted(set(evidence))) or "belligerents named in peace passages"
    return Relevance(True, whole, tuple(passages), reason)
