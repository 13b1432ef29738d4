"""Meetings: rounds of talks, with place, dates, mediators, parties,
participants and format.

A report names a round of talks in many sentences ("US-brokered talks", "the
Abu Dhabi meetings", "attending the talks"). Each sentence with a meeting word
is a *mention*; mentions that name the same place are one meeting, and
mentions that name no place are folded into the report's main meeting (the
place mentioned most); mentions of one place months apart are separate
rounds (a timeline), and so are a round held and one scheduled there. A
meeting is only emitted where its place is named: a bare "the talks" cannot
be told apart from any other round. A venue stands for its city ("the White
House" → Washington).

Its parties are the two sides its meeting words name ("talks between A and
B", "A met B"), not every state of a long sentence; a scheduled round is
marked ``planned: true`` (an extra key the record allows).

Rules (meeting words, mediator cues, venues) live in ``data/meetings.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..nlp import ents_in, text_of
from ..records import Evidence, Meeting, Record
from ._parties import infer_parties, report_mediators
from ._sides import with_sides
from ._events import (
    about_conflict,
    is_place_entity,
    is_question,
    is_state_name,
    located_spans,
    parse_number,
    parties_in,
    party_of_span,
    place_country,
    place_name,
    state_for,
)

if TYPE_CHECKING:
    from .context import Context
    from ..rules import Rules

__all__ = ["extract_meetings"]


@dataclass
class _Mention:
    """One sentence's worth of evidence about a meeting."""

    sent: Span
    place: str | None = None
    mediators: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    format: str | None = None
    strong: bool = False
    #: Parties named as the meeting word's own sides ("talks between A and B", "A met B").
    sides: list[str] = field(default_factory=list)
    triggers: list[Token] = field(default_factory=list)
    planned: bool = False
    #: Placed only by the state that hosts it ("talks hosted by Djibouti").
    hosted: bool = False


def extract_meetings(doc: Doc, ctx: Context) -> list[Meeting]:
    """Meetings whose place the report names, one per place per round."""
    rules = ctx.rules
    ctx = with_sides(ctx, text_of(doc))  # an unlisted rebel movement is a side, not an organization
    mentions = [m for sent in doc.sents if not is_question(sent) for m in _mentions(sent, ctx)]
    meetings = []
    grouped = _group(mentions, rules=rules)
    by_place: dict[str, list[_Mention]] = {}
    for place, group, _main in grouped:
        by_place.setdefault(place, []).extend(group)
    main_round = None
    for place, group, main in grouped:
        if not any(m.place for m in group):
            continue  # a dated round only unplaced mentions speak of: another round, place unknown
        if not _worth_emitting(by_place[place], rules=rules):  # a round of a place the report shows is one of talks
            continue
        if _hosted_by_a_side(group, mentions):
            continue
        meeting = _to_meeting(place, group, ctx, main=main)
        if main and not meeting.mediators:
            meeting = _with_report_mediators(meeting, doc, ctx)
        meetings.append(_host_is_no_side(meeting, group, doc, ctx))
        if main:
            main_round = meetings[-1]
    if main_round is not None:
        meetings = _next_rounds_mediated(meetings, main_round)
    if not meetings:
        meetings.extend(_titled_round(doc, mentions, ctx))
    return meetings


_TITLE_WORDS = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:el|al|de|du|la)?-?[A-Z][\w'’.-]*){0,2}")


def _titled_round(doc: Doc, mentions: list[_Mention], ctx: Context) -> list[Meeting]:
    """The round a report's text speaks of without placing it, placed by its
    title ("Readout of Peace Talks in Geneva" over "held an extensive meeting
    with the Ukrainian delegation"): the title's city or region, where the
    title names a meeting."""
    rules = ctx.rules
    title = ctx.document.title or ""
    words = {w.lower() for w in re.findall(r"[\w-]+", title)}
    if not words & set(rules.meetings["nouns"]):
        return []
    place = next((p for p in _title_places(title, rules=rules)), None)
    group = [replace(m, place=place) for m in mentions if not m.place and m.strong]
    if place is None or not group or not _worth_emitting(group, rules=rules):
        return []
    return [_to_meeting(place, group, ctx, main=True)]


def _title_places(title: str, *, rules: Rules):
    """Cities and regions a title names (not states: "US, Ukraine talks" names sides)."""
    for m in _TITLE_WORDS.finditer(title):
        parts = m.group(0).split()
        for n in range(len(parts), 0, -1):
            for i in range(len(parts) - n + 1):
                name = " ".join(parts[i : i + n]).rstrip(".")
                found = _gaz(name, rules=rules)
                if found is not None and getattr(found, "kind", None) in ("city", "region"):
                    yield found.name


def _gaz(name: str, *, rules: Rules):
    try:
        return rules.gazetteer.lookup(name)
    except Exception:  # a gazetteer bug must not sink the extractor
        return None


def _with_report_mediators(meeting: Meeting, doc: Doc, ctx: Context) -> Meeting:
    """The main round's mediators where its own sentences name none: those the
    report names anywhere ("The U.S. mediation team, led by …", "we thank the
    mediators from Qatar, Egypt and Turkey"), never one of its parties or its place."""
    rules = ctx.rules
    found: list[str] = []
    year = ctx.published.year if ctx.published else None
    for sent in doc.sents:
        if is_question(sent) or _earlier_year(sent, year, ctx):
            continue
        found = _union(found, _mediators(sent, ctx)[0])
    found = [m for m in found if m not in meeting.parties and m != meeting.place]
    if not found:
        return meeting
    return meeting.model_copy(update={"mediators": found})


def _host_is_no_side(meeting: Meeting, group: list[_Mention], doc: Doc, ctx: Context) -> Meeting:
    """The country a round is held in ("talks in Riyadh", "in Rome") hosts it, and a
    state the report says mediates ("Norway, which facilitates the talks") mediates it:
    neither is a party unless the round's sentences make it a side ("US and Ukrainian
    officials met in Jeddah") or it is one of the report's two sides
    (:mod:`detente.extract._parties`)."""
    entry = _gaz(meeting.place, rules=ctx.rules) if meeting.place else None
    host = getattr(entry, "country", None)
    own = {p for m in group for p in m.sides}
    record = Record(document=ctx.document.info(), actors=list(ctx.actors.actors.values()))
    text = text_of(doc)
    if not meeting.parties:  # "The meeting was held on 7 August in Kuala Lumpur": the report's sides met
        sides = infer_parties(record, text, rules=ctx.rules)[:2]
        return meeting.model_copy(update={"parties": [p for p in sides if p not in meeting.mediators and p != host]})
    if len(meeting.parties) == 1:  # "the meeting between India's corps commander and his Chinese counterpart"
        sides = infer_parties(record, text, rules=ctx.rules)[:2]
        if meeting.parties[0] in sides:
            other = [p for p in sides if p not in meeting.parties and p not in meeting.mediators and p != host]
            meeting = meeting.model_copy(update={"parties": [*meeting.parties, *other]})
    brokers = report_mediators(record, text, rules=ctx.rules)
    outside = [p for p in meeting.parties if (p == host or p in brokers) and p not in own]
    if not outside:
        return meeting
    sides = infer_parties(record, text, rules=ctx.rules)[:2]
    outside = [p for p in outside if p not in sides]
    if not outside:
        return meeting
    parties = [p for p in meeting.parties if p not in outside]
    if len(parties) < 2:  # the host was the only other party named: the report's sides met there
        parties = _union(parties, [p for p in sides if p not in meeting.mediators])[:2]
    mediators = _union(meeting.mediators, [p for p in outside if p in brokers])
    return meeting.model_copy(update={"parties": parties, "mediators": mediators})


def _hosted_by_a_side(group: list[_Mention], mentions: list[_Mention]) -> bool:
    """A round only its host places, hosted by a state the report names as a
    side of talks ("talks between Thailand and Cambodia … a border committee
    meeting to be hosted by Cambodia"): its venue is not said (a side hosts at
    home or at a border post)."""
    placed = [m for m in group if m.place]
    if not placed or not all(m.hosted for m in placed):
        return False
    return any(placed[0].place in m.sides for m in mentions)


def _next_rounds_mediated(meetings: list[Meeting], main: Meeting) -> list[Meeting]:
    """Another round of the main round's sides at its place, that names no
    mediator of its own ("the formal talks in July will take place in Oslo"),
    has the main round's mediators."""
    if not main.mediators:
        return meetings
    return [
        m.model_copy(update={"mediators": list(main.mediators)})
        if m is not main and not m.mediators and m.place == main.place and set(m.parties) == set(main.parties) else m
        for m in meetings
    ]


def _earlier_year(sent: Span, year: int | None, ctx: Context) -> bool:
    """A sentence dated in an earlier year ("a 2022 agreement brokered by the
    U.N. and Turkey") tells of another deal's brokers."""
    if year is None:
        return False
    return any(
        m.value and m.evidence and sent.start_char <= m.evidence.start < sent.end_char and m.value[:4].isdigit() and int(m.value[:4]) < year
        for m in ctx.dates
    )


# -- finding mentions ------------------------------------------------------


def _near(triggers: list[Token]) -> tuple[int, int]:
    """Characters around the meeting words, where their dates are named, and
    the sentence's opening adverbial ("On July 19, the two sides met …")."""
    first, last = triggers[0], triggers[-1]
    doc, sent = first.doc, first.sent
    opening = doc[sent.start].lower_ in ("in", "on", "by", "since", "during", "at") or doc[sent.start].ent_type_ == "DATE"
    lo = doc[sent.start if opening else max(sent.start, first.i - 8)]  # "In March 2025, … held talks"
    hi = doc[min(sent.end, last.i + 16) - 1]
    return lo.idx, hi.idx + len(hi)


def _triggers(sent: Span, *, rules: Rules) -> list[Token]:
    """Meeting words: "talks", "negotiations", "met", "hosted", "negotiators"."""
    data = rules.meetings
    found = []
    for tok in sent:
        low, lemma = tok.lower_, tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN") and (low in data["nouns"] or low in data["place_only_nouns"]):
            if not any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ in data["not_meeting_modifiers"] for c in tok.children):
                found.append(tok)  # not "a news conference"
        elif lemma in data["verbs"] + data["place_only_verbs"] and (tok.pos_ == "VERB" or tok.tag_ in ("VBD", "VBN", "JJ")):
            found.append(tok)  # "hosted" parsed as an adjective still hosts
        elif lemma in data["visit_words"] and tok.pos_ in ("NOUN", "VERB"):
            found.append(tok)
    return found


def _mentions(sent: Span, ctx: Context) -> list[_Mention]:
    """One mention per place the sentence's meeting words name (or none)."""
    rules = ctx.rules
    triggers = _triggers(sent, rules=rules)
    if not triggers:
        return []
    data = rules.meetings
    places = _places(sent, rules=rules)
    mediators, mediator_spans = _mediators(sent, ctx)
    host = _hosted(sent, ctx)
    if host:
        mediators = _union(mediators, host[0])
    found: dict[str | None, _Mention] = {}
    used: list[tuple[int, int]] = []
    for trig in triggers:
        if _suppressed(trig, rules=rules):
            continue
        place_ent = _place_for(trig, places, rules=rules)
        if place_ent is not None:
            used.append((place_ent.start_char, place_ent.end_char))
        if place_ent is None and _place_only(trig, rules=rules):
            continue  # "negotiators", "signed": a meeting only where they are placed
        if place_ent is not None and _listed_places(place_ent, places, rules=rules):
            place_ent = None  # "seven rounds of talks in Senegal, Cape Verde and Guinea-Bissau": no one round
        place = place_name(place_ent.text, rules=rules) if place_ent is not None else None
        mention = found.setdefault(place, _Mention(sent=sent, place=place))
        signing = trig.lemma_.lower() in data["place_only_verbs"] or trig.lower_ in data["signing_nouns"]
        mention.strong = mention.strong or trig.lower_ in data["strong_nouns"] or bool(host) or _two_sided(trig, rules=rules) or signing or _held(trig, rules=rules)
        mention.triggers.append(trig)
    if set(found) == {None}:
        hosted_in = _host_state(sent, ctx)
        if hosted_in is not None:  # "three days of talks hosted by Djibouti": held in the host's country
            found = {hosted_in: replace(found[None], place=hosted_in, hosted=True)}
    skip = tuple(mediator_spans) + tuple(used) + located_spans(sent, rules=rules)
    parties = host[1] if host else parties_in(ctx, sent.start_char, sent.end_char, skip=skip)
    start, end = _dates(sent, ctx, near=_near(triggers) if any(found) else None)
    for mention in found.values():
        mention.mediators = list(mediators)
        mention.parties = [p for p in parties if p not in mediators]
        ranges = [r for trig in mention.triggers for r in _side_ranges(trig, rules=rules)]
        sides = [p for s, e in ranges for p in parties_in(ctx, s, e, skip=skip)]
        paired = [p for trig in mention.triggers for p in _hyphen_pair(trig, ctx) if p not in mediators]
        mention.parties = _union(mention.parties, paired)
        mention.sides = _union([p for p in mention.parties if p in sides], paired)
        if len(mention.sides) == 1 and _both_sides_named(sent.doc.text, ranges, rules=rules):
            broker = mention.sides[0]  # "a meeting between Chinese diplomat Wang Yi and officials from the two countries"
            mention.sides, mention.parties = [], [p for p in mention.parties if p != broker]
            mention.mediators = _union(mention.mediators, [broker])
        if len(mention.sides) >= 2 and not set(mention.sides) & ctx.rules.mediators:  # "the EU envoy met the negotiators of Serbia and Kosovo"
            mention.mediators = _union(mention.mediators, _side_orgs(ctx, mention.triggers, skip=skip))
        mention.strong = mention.strong or len(mention.sides) >= 2  # "the Cambodia-Thailand GBC Meeting", "A met B in a meeting"
        mention.participants = _participants(sent, ctx)
        mention.start, mention.end = start, end
        mention.planned = all(_planned(t, rules=rules) for t in mention.triggers) or (
            _after(start, ctx) and not any(_past(t) for t in mention.triggers)
        )
        if mention.planned and start != end and _named_day_count(sent, ctx, near=_near(triggers) if any(found) else None):
            mention.start, mention.end = _forward(start, end)  # "to meet in Paris on Monday for two days": Monday on
        if mention.planned and _begun(mention.start, ctx):
            mention.planned = False  # "were scheduled to meet on Monday" in a report of that Monday: begun
        mention.format = _format(sent.text, rules=rules)
    return list(found.values())


def _listed_places(ent: Span, places: list[Span], *, rules: Rules) -> bool:
    """A place listed with two or more others ("seven rounds of talks in Senegal,
    Cape Verde and Guinea-Bissau"): rounds held in turn, none of them this round."""
    listed, todo = set(), [ent.root]
    while todo:  # the whole list: "Senegal, Cape Verde and Guinea-Bissau" chains its conjuncts
        tok = todo.pop()
        near = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
        todo.extend(t for t in near if t.i not in listed)
        listed.update(t.i for t in near)
    country = place_country(ent.text, rules=rules)  # not "Putrajaya, Malaysia"
    others = [p for p in places if p != ent and p.text != country and any(p.start <= i < p.end for i in listed)]
    # three or more places written as one list ("in A, B and C"), not a list the parser ran on from far away
    return len(others) >= 2 and min(p.start for p in others) <= ent.end + 2


def _host_state(sent: Span, ctx: Context) -> str | None:
    """The state a sentence says hosts its round, itself or through its leader:
    "talks hosted by Djibouti", "hosted and chaired by President X of Djibouti",
    "Norway hosted the talks", "grateful to Malaysia for hosting the talks".
    Not a mediator: a broker may meet the sides anywhere."""
    rules = ctx.rules
    verbs = set(rules.meetings["host_place_verbs"])
    nouns = set(rules.meetings["nouns"])
    for tok in sent:
        if tok.lemma_.lower() not in verbs:
            continue
        spans = []
        if tok.tag_ == "VBN":
            chain = [tok, *(c for c in tok.children if c.dep_ == "conj")]
            spans = [(a.idx, a.right_edge.idx + len(a.right_edge)) for v in chain for a in v.children if a.dep_ == "agent"]
        elif tok.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ in nouns for c in tok.children):
            spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in tok.children if c.dep_ == "nsubj"]
        for s, e in spans:
            states = [p for p in parties_in(ctx, s, e) if is_state_name(p, rules=rules)]
            if len(states) == 1:
                return states[0]
    for s, e in _credited(sent, rules=rules, hosting_only=True):  # "grateful to Malaysia for hosting the talks"
        states = [p for p in parties_in(ctx, s, e) if is_state_name(p, rules=rules)]
        if len(states) == 1:
            return states[0]
    return None


def _capital(state: str, *, rules: Rules) -> str | None:
    """The capital the gazetteer gives a state, where it gives one."""
    for entry in rules.gazetteer.states():
        if entry.get("name") == state:
            capitals = entry.get("capitals") or []
            if any(c.startswith(state) for c in capitals):  # "Djibouti", as reports write it, not "Djibouti City"
                return state
            return capitals[0] if capitals else None
    return None


def _both_sides_named(text: str, ranges: list[tuple[int, int]], *, rules: Rules) -> bool:
    """The meeting word's sides include "the two countries" / "both sides": whoever
    else it names meets both of them, a broker."""
    phrases = rules.meetings["both_sides_phrases"]
    return any(re.search(r"\b" + re.escape(p) + r"\b", text[s:e], flags=re.I) for s, e in ranges for p in phrases)


def _side_orgs(ctx: Context, triggers: list[Token], *, skip: tuple[tuple[int, int], ...]) -> list[str]:
    """Organizations that meet two sides, themselves or through their people
    ("the EU's special representative met the chief negotiators of Serbia and
    Kosovo", "UN envoy X met Houthi and Saudi officials"): brokers."""
    verbs = ctx.rules.meetings["two_sided"]["verbs"]
    subjects = [c for t in triggers if t.pos_ == "VERB" and t.lemma_.lower() in verbs for c in t.children if c.dep_ == "nsubj"]
    found: list[str] = []
    for s, e in ((c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in subjects):
        for a, b, name in ctx.actors.in_range(s, e):
            if any(x <= a and b <= y for x, y in skip):
                continue
            kind = ctx.actors.kind(name)
            org = name if kind == "organization" else ctx.actors.party_of(name) if kind == "person" else None
            if org and ctx.actors.kind(org) == "organization" and org in ctx.rules.mediators:
                found = _union(found, [org])
    return found


def _hyphen_pair(trig: Token, ctx: Context) -> list[str]:
    """The two states of a hyphenated pair before a meeting word, also where
    the tagger ran them into a name ("the Cambodia-Thailand General Border
    Committee meeting", "Armenian-Azerbaijani talks")."""
    doc = trig.doc
    words = doc[max(trig.left_edge.i, trig.i - 10) : trig.i]
    for tok in words:
        if tok.i + 2 >= trig.i or doc[tok.i + 1].text not in _HYPHENS:
            continue
        pair = [state_for(doc[i].text, rules=ctx.rules) for i in (tok.i, tok.i + 2)]
        if all(pair) and pair[0] != pair[1]:
            return pair
    return []


_HYPHENS = ("-", "\u2010", "\u2011", "\u2013", "/")


def _place_only(trig: Token, *, rules: Rules) -> bool:
    """"negotiators", "signed", "visit": a meeting only where they are placed."""
    data = rules.meetings
    lemma = trig.lemma_.lower()
    return trig.lower_ in data["place_only_nouns"] or lemma in data["place_only_verbs"] or lemma in data["visit_words"]


def _side_ranges(trig: Token, *, rules: Rules) -> list[tuple[int, int]]:
    """Where a meeting word names its sides: "talks between A and B", "A and
    B held talks", "A met B", "talks with B", "A's envoy travelled to meet B";
    not the rest of a long sentence."""
    data = rules.meetings
    words = [trig]
    if trig.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "xcomp", "advcl"):
        head = trig.head.head if trig.dep_ == "pobj" else trig.head
        if head.pos_ in ("VERB", "AUX"):
            words.append(head)
    ranges = []
    for word in words:
        for child in word.children:
            if child.dep_ in data["side_deps"] or (child.dep_ == "prep" and child.lower_ in data["side_preps"]):
                ranges.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
    return ranges


def _places(sent: Span, *, rules: Rules) -> list[Span]:
    """Place entities, the city alone where the tagger ran a country into it
    ("Saudi Arabia's Jeddah"), and names a place word describes ("the island
    prison Imrali", "the İmralı prison island", "the town of Hasaka")."""
    found = []
    for ent in ents_in(sent):
        cut = [t.i for t in ent[:-1] if t.lower_ in _POSSESSIVE]
        if cut:
            ent = ent.doc[cut[-1] + 1 : ent.end]
        if is_place_entity(ent, rules=rules):
            found.append(ent)
    for name in [*_described_names(sent, rules=rules), *_bare_names(sent, rules=rules)]:
        if not any(e.start < name.end and name.start < e.end for e in found):
            found.append(name)
    return sorted(found, key=lambda e: e.start)


def _bare_names(sent: Span, *, rules: Rules):
    """A name the tagger and gazetteer do not know as a place, where a place
    preposition holds it: "met at Chushul", "the meeting at Moldo" (a border
    post or small town the tagger calls a person or body). Not an acronym
    ("at NATO"), not a date, not a name a noun follows ("at Fatah headquarters")."""
    doc = sent.doc
    preps = set(rules.meetings["place_preps"])
    for tok in sent:
        if tok.lower_ not in preps or tok.i + 1 >= sent.end:
            continue
        j = tok.i + 1
        while j < sent.end and j - tok.i <= 2 and doc[j].pos_ == "PROPN" and doc[j].ent_type_ not in ("DATE", "TIME", "NORP"):
            j += 1
        run = doc[tok.i + 1 : j]
        if not run or j - tok.i > 2 or run[-1].dep_ != "pobj" or run[-1].head != tok:
            continue
        if tok.head.pos_ not in ("VERB", "AUX") and tok.head.lower_ not in rules.meetings["nouns"]:
            continue  # "Oman's mission in Chambésy": a building's place, not the round's
        if j < sent.end and (doc[j].pos_ in ("NOUN", "PROPN") or doc[j].lower_ in _POSSESSIVE):
            continue
        if any(t.text.isupper() or not t.text[:1].isupper() for t in run) or _gaz(run.text, rules=rules) is not None:
            continue
        yield run


def _described_names(sent: Span, *, rules: Rules):
    """Proper names next to a place word ("island", "prison", "palace"): before
    it ("the İmralı prison island"), after it ("the island prison Imrali") or
    after its "of" ("the town of Hasaka"). Not a person's or body's name."""
    kinds = set(rules.meetings["place_descriptors"]) | set(rules.meetings["named_place_words"])
    doc = sent.doc
    for tok in sent:
        if tok.lower_ not in kinds or tok.pos_ != "NOUN":
            continue
        i = tok.i - 1
        while i >= sent.start and doc[i].lower_ in kinds:
            i -= 1
        before = _name_run(doc, i, -1, sent, rules=rules)
        if before is not None:
            yield before
        j = tok.i + 1
        while j < sent.end and doc[j].lower_ in kinds:
            j += 1
        if j < sent.end and doc[j].lower_ == "of":
            j += 1
        after = _name_run(doc, j, 1, sent, rules=rules)
        if after is not None:
            yield after


_NOT_PLACE_LABELS = {"PERSON", "ORG", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT", "LAW", "WORK_OF_ART"}


def _name_run(doc: Doc, i: int, step: int, sent: Span, *, rules: Rules) -> Span | None:
    """The run of proper nouns starting at ``i`` going ``step``, if it is one
    (a name the tagger calls a body counts where the gazetteer knows no such body)."""
    j = i
    while sent.start <= j < sent.end and doc[j].pos_ == "PROPN" and doc[j].ent_type_ not in _NOT_PLACE_LABELS - {"ORG"}:
        j += step
    lo, hi = (i, j) if step > 0 else (j + 1, i + 1)
    if hi <= lo:
        return None
    span = doc[lo:hi]
    if any(t.ent_type_ == "ORG" for t in span) and _gaz(span.text, rules=rules) is not None:
        return None  # "the UN compound", "the Hamas base"
    return span


def _two_sided(trig: Token, *, rules: Rules) -> bool:
    """A meeting of two sides, not a gathering: "a meeting between A and B",
    "a meeting with the rebels", "a second meeting", "a meeting of A and B";
    "A met with B", "A met B", "A and B met", "the two teams will meet"."""
    data = rules.meetings["two_sided"]
    if trig.pos_ == "VERB":
        if trig.lemma_.lower() not in data["verbs"]:
            return False
        counterparts = rules.meetings["counterpart_nouns"]
        return any(
            (c.dep_ == "prep" and c.lower_ in data["preps"])
            or c.dep_ == "dobj"
            or (c.dep_ == "nsubj" and (c.lower_ in counterparts or any(g.dep_ == "conj" for g in c.children)))
            for c in trig.children
        )
    if trig.pos_ != "NOUN":
        return False
    return any(
        (c.dep_ == "prep" and c.lower_ in data["preps"])
        or (c.dep_ == "amod" and c.lower_ in data["ordinals"])
        or (c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and any(h.dep_ == "conj" for h in g.children) for g in c.children))
        for c in trig.children
    )


def _held(trig: Token, *, rules: Rules) -> bool:
    """A meeting the text says was held or convened ("the Special Meeting held
    on 28 July in Putrajaya", "held a meeting in Doha"): a round, not a gathering."""
    verbs = rules.meetings["held_verbs"]
    if trig.pos_ not in ("NOUN", "PROPN"):
        return False
    if trig.dep_ in ("dobj", "nsubjpass") and trig.head.lemma_.lower() in verbs:
        return True
    if any(c.dep_ == "acl" and c.lemma_.lower() in verbs for c in trig.children):
        return True
    nxt = trig.nbor(1) if trig.i + 1 < len(trig.doc) else None  # the parser may hang "held" elsewhere
    return nxt is not None and nxt.tag_ == "VBN" and nxt.lemma_.lower() in verbs


def _planned(trig: Token, *, rules: Rules) -> bool:
    """Scheduled, not yet held: "will meet", "talks are expected to resume",
    "proposed holding the next round", "the upcoming talks"."""
    data = rules.meetings["planned"]
    if any(c.dep_ == "amod" and c.lower_ in data["modifiers"] for c in trig.children):
        return True
    for verb in [trig, *list(trig.ancestors)[:4]]:
        if verb.pos_ == "VERB" and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in data["agreed_lemmas"]:
            return True  # "the parties agreed to meet again in Oslo for a new round", "decided to hold talks in Doha"
    word = trig
    for _ in range(5):
        if any(c.dep_ == "aux" and c.lower_ in data["aux"] for c in word.children):
            return True
        if word.lemma_.lower() in data["lemmas"] and word is not trig:
            return True
        if word.dep_ in ("ROOT",) or word.head is word:
            break
        word = word.head
    return False


def _past(trig: Token) -> bool:
    """"held talks", "met": told in the past tense (whatever date was read)."""
    verb = next((t for t in [trig, *trig.ancestors] if t.pos_ in ("VERB", "AUX")), trig)
    return verb.tag_ == "VBD"


def _begun(day: str | None, ctx: Context) -> bool:
    """A day no later than the report's: a round scheduled for it has begun."""
    return bool(day and len(day) == 10 and ctx.published and day <= ctx.published.isoformat())


def _named_day_count(sent: Span, ctx: Context, *, near: tuple[int, int] | None) -> bool:
    """A count of days ("for two days of talks") from a day the sentence names."""
    return bool(near and _days_near(ctx, *near) and _day_count(sent.text, rules=ctx.rules))


def _forward(start: str, end: str) -> tuple[str, str]:
    """The same span of days counted on from its named last day (a round to come starts there)."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return end, (last + (last - first)).isoformat()


def _after(day: str | None, ctx: Context) -> bool:
    """A day after the report's."""
    return bool(day and len(day) == 10 and ctx.published and day > ctx.published.isoformat())


def _suppressed(trig: Token, *, rules: Rules) -> bool:
    """"refused to meet", "would not meet": no meeting."""
    words = set(rules.meetings["suppressors"])
    return bool({t.lower_ for t in trig.doc[max(trig.sent.start, trig.i - 3) : trig.i]} & words)


def _travel_place(trig: Token, places: list[Span], *, rules: Rules) -> Span | None:
    """"arrived in Geneva … for talks", "return to Geneva this week for talk",
    "travelled to Moscow to meet Putin"."""
    data = rules.meetings
    if trig.dep_ == "pobj" and trig.head.lower_ == "for":
        verb = trig.head.head
        if verb.pos_ != "VERB":  # "arrive in Geneva … before heading to Oman's mission … for talks"
            travels = [a for a in verb.ancestors if a.pos_ == "VERB" and a.lemma_.lower() in data["travel_verbs"]]
            return next((p for p in (_travel_destination(v, places, rules=rules) for v in travels) if p is not None), None)
    elif trig.pos_ == "VERB" and trig.dep_ in ("xcomp", "advcl") and trig.head.lemma_.lower() in data["travel_verbs"]:
        verb = trig.head
    else:
        return None
    return _travel_destination(verb, places, rules=rules)


def _travel_destination(verb: Token, places: list[Span], *, rules: Rules) -> Span | None:
    """The place a travel verb goes to ("flew to Moscow", "arrived in Doha")."""
    preps = rules.meetings["travel_preps"]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            ent = _place_after(prep, places, rules=rules)
            if ent is not None:
                return ent
    return None


def _guest_place(trig: Token, places: list[Span], *, rules: Rules) -> Span | None:
    """"talks with the envoy, who had flown to Moscow": where the other side came."""
    data = rules.meetings
    preps = [c for c in trig.children if c.dep_ == "prep" and c.lower_ == "with"]
    if trig.dep_ == "dobj":
        preps += [c for c in trig.head.children if c.dep_ == "prep" and c.lower_ == "with"]
    for prep in preps:
        for guest in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in (c for c in guest.children if c.dep_ == "relcl" and c.lemma_.lower() in data["travel_verbs"]):
                ent = _travel_destination(clause, places, rules=rules)
                if ent is not None:
                    return ent
    return None


def _place_after(prep: Token, places: list[Span], *, rules: Rules) -> Span | None:
    """The place right after a preposition ("in Geneva", "at the White House"),
    the city where a country or venue names it ("in Saudi Arabia's Jeddah",
    "at the Palais des Nations in Geneva")."""
    doc = prep.doc
    for i, ent in enumerate(places):
        if ent.start <= prep.i:
            continue
        before = doc[prep.i + 1 : ent.start]
        if len(before) <= 1 and all(t.lower_ == "the" for t in before):
            place = _narrowed(ent, places[i + 1 :], rules=rules)
            return None if place is ent and _possessed(ent) else place  # "in Moscow's court"
        if before and before[-1].lower_ in _POSSESSIVE and all(t.ent_type_ for t in before):
            return ent  # the city of the tagger's "Saudi Arabia's Jeddah"
        if _described(before, rules=rules):
            return ent  # "in the Omani capital of Muscat", "at the Egyptian resort of Sharm el-Sheikh"
        if _qualified(before, rules=rules) and not _possessed(ent):
            return _narrowed(ent, places[i + 1 :], rules=rules)  # "in the neighbouring Djibouti", "in neutral Vienna"
        if _venue_near(before, rules=rules):
            return ent  # "at a remote facility just outside Stockholm", "at a hotel near Nairobi"
    return None


def _qualified(words: Span, *, rules: Rules) -> bool:
    """Only an article and adjectives between a preposition and its place:
    "in the neighbouring Djibouti", "in nearby Entebbe", "in neutral Vienna"."""
    if not words or len(words) > 3:
        return False
    adjectives = [t for t in words if t.pos_ == "ADJ" and t.tag_ == "JJ"]
    if any(t.lower_ in rules.meetings["region_adjectives"] for t in adjectives):
        return False  # "in northern Iraq": a region of the country, no venue
    return bool(adjectives) and all(t.lower_ in ("the", "a") or t in adjectives for t in words)


def _venue_near(words: Span, *, rules: Rules) -> bool:
    """A venue placed by the place after it: "(at) a remote facility just
    outside", "(at) a hotel near", "(at) the state guest house in"."""
    data = rules.meetings
    if not 1 < len(words) <= data["descriptor_window"] or words[-1].lower_ not in data["venue_preps"]:
        return False
    nouns = [t for t in words[:-1] if t.pos_ in ("NOUN", "PROPN")]
    return bool(nouns) and nouns[-1].lower_ in data["venue_nouns"] and all(
        t.pos_ in ("DET", "ADJ", "NOUN", "ADV", "ADP") and t.ent_type_ == "" for t in words
    )


def _described(words: Span, *, rules: Rules) -> bool:
    """Words that describe the place that follows them: "the Omani capital
    (of)", "the Red Sea resort of", "a rural area of the municipality of"."""
    data = rules.meetings
    kinds = set(data["place_descriptors"]) | set(data["named_place_words"])
    if not 1 < len(words) <= data["descriptor_window"]:
        return False
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("GPE", "NORP", "LOC")]
    if not nouns or nouns[-1].lower_ not in kinds:
        return False
    tail = [t for t in words if t.i > nouns[-1].i]
    allowed = {"DET", "ADJ", "NOUN", "PROPN", "ADP", "PUNCT"}
    return all(t.lower_ in ("of", ",") for t in tail) and all(
        t.pos_ in allowed and (t.pos_ != "ADP" or t.lower_ == "of") and (t.pos_ != "PUNCT" or t.text == ",") for t in words
    )


_POSSESSIVE = ("'s", "\u2019s")


def _possessed(ent: Span) -> bool:
    """"Moscow's court": the capital stands for its state, no place is named."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return ent[-1].lower_ in _POSSESSIVE or (nxt is not None and nxt.lower_ in _POSSESSIVE)


def _narrowed(ent: Span, later: list[Span], *, rules: Rules) -> Span:
    """"Saudi Arabia's Jeddah" → Jeddah; "the White House in Washington" →
    Washington; "the US, likely in Miami" → Miami."""
    if not later:
        return ent
    nxt = later[0]
    between = [t.lower_ for t in ent.doc[ent.end : nxt.start]]
    if (ent[-1].lower_ in _POSSESSIVE and not between) or between in ([p] for p in _POSSESSIVE):
        return nxt
    if _venue(ent.text, rules=rules) and between in (["in"], [","]):
        return nxt
    fillers = set(rules.meetings["city_fillers"])
    if between and set(between) <= fillers and place_country(nxt.text, rules=rules) == place_name(ent.text, rules=rules):
        return nxt  # "in the US, likely in Miami"
    return ent


def _venue(text: str, *, rules: Rules) -> str | None:
    """The city of a venue ("the White House" → Washington), if it is one."""
    bare = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    return rules.meetings["venues"].get(bare)


def _place_for(trig: Token, places: list[Span], *, rules: Rules) -> Span | None:
    """The place a meeting word names: "the Istanbul talks", "talks in Geneva"."""
    data = rules.meetings
    travelled = _travel_place(trig, places, rules=rules) or _guest_place(trig, places, rules=rules)
    if travelled is not None:
        return travelled
    if trig.lemma_.lower() in data["visit_words"]:
        place = _visited(trig, places, rules=rules)
        return place if place is not None and _met_someone(trig, place, rules=rules) else None
    for held in (c for c in trig.children if c.dep_ == "acl" and c.lemma_.lower() in data["held_verbs"]):
        ent = _attached_place(held, places, rules=rules)  # "the Summit on Peace in X, held at Y's Z resort"
        if ent is not None:
            return ent
    fillers = set(data["prefix_fillers"])
    prefix_ok = trig.lower_ not in data["place_only_nouns"]
    prefix_ok = prefix_ok and trig.pos_ != "VERB"  # "Washington and Kyiv met": sides, not a place
    for ent in places:
        if prefix_ok and ent.end <= trig.i and all(t.lower_ in fillers for t in trig.doc[ent.end : trig.i]):
            if trig.i - ent.end <= 3 and not is_state_name(ent.text, rules=rules):
                return ent
    window = data["place_window_verbs" if trig.pos_ == "VERB" else "place_window"]
    deal = trig.lemma_.lower() in data["place_only_verbs"]  # "agreed in Brussels", not "agreed to free hostages held in Gaza"
    stops = set(data["stop_before_place"])
    doc = trig.doc
    for tok in doc[trig.i + 1 : min(trig.sent.end, trig.i + 1 + window)]:
        if tok.lower_ in stops or tok.text in (";",) or (tok.lower_ in data["nouns"] and tok.i != trig.i):
            break  # "talks on the war in Ukraine": only a place the verb itself holds
        if tok.lower_ in data["place_preps"] and _attaches(tok, trig, rules=rules) and (tok.head == trig or not deal) and _team_met(trig, tok, rules=rules):
            ent = _place_after(tok, places, rules=rules)
            if ent is not None:
                return ent
    return _attached_place(trig, places, rules=rules)


def _team_met(trig: Token, prep: Token, *, rules: Rules) -> bool:
    """"negotiating teams met in Doha", "the delegations in Geneva"; not "teams
    that will work in the Philippines between the rounds": a team or delegation
    is at a round only through a meeting, travel or holding verb."""
    data = rules.meetings
    if trig.lower_ not in data["place_only_nouns"] or trig.lower_ in data["signing_nouns"] or prep.head == trig or prep.head.pos_ != "VERB":
        return True
    verbs = set(data["verbs"]) | set(data["travel_verbs"]) | set(data["held_verbs"]) | set(data["venue_verbs"])
    return prep.head.lemma_.lower() in verbs


def _attached_place(trig: Token, places: list[Span], *, rules: Rules) -> Span | None:
    """A place phrase the parser hangs on the meeting verb, before it or past
    the window: "Three weeks ago in Brussels, A and B agreed", "A met with B,
    chair of the committee implementing their deal, and C in Hasaka"; or the
    city in the name of the gathering a meeting was on the sidelines of ("on
    the sidelines of the Antalya Diplomacy Forum")."""
    if trig.pos_ != "VERB":
        return None
    data = rules.meetings
    for prep in trig.children:
        if prep.dep_ == "prep" and prep.lower_ in data["place_preps"]:
            ent = _place_after(prep, places, rules=rules)
            if ent is not None:
                return ent
        if prep.dep_ == "prep" and prep.lower_ == "on":
            for word in (c for c in prep.children if c.dep_ == "pobj" and c.lower_ in data["occasion_words"]):
                for of in (c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"):
                    ent = _place_after(of, places, rules=rules) or _gathering_city(of, rules=rules)
                    if ent is not None:
                        return ent
    return None


def _gathering_city(of: Token, *, rules: Rules) -> Span | None:
    """The city a gathering's name opens with ("of the Antalya Diplomacy
    Forum", "of the Munich Security Conference")."""
    for ent in of.doc.ents:
        if ent.start in (of.i + 1, of.i + 2) and ent.label_ in ("ORG", "EVENT", "FAC") and len(ent) > 1:
            head = ent[1:2] if ent[0].lower_ == "the" else ent[0:1]
            if head.end < ent.end and getattr(_gaz(head.text, rules=rules), "kind", None) == "city":
                return head
    return None


def _visited(trig: Token, places: list[Span], *, rules: Rules) -> Span | None:
    """Where a visit goes: "visited Yerevan", "a visit to Yerevan", "visited
    the leader on the island of Imrali"."""
    for child in trig.children:
        if child.dep_ == "dobj":
            ent = next((e for e in places if e.start <= child.i < e.end), None)
            if ent is not None:
                return ent
        if child.dep_ == "prep" and child.lower_ in rules.meetings["visit_preps"]:
            ent = _place_after(child, places, rules=rules)
            if ent is not None:
                return ent
    return None


def _met_someone(trig: Token, place: Span, *, rules: Rules) -> bool:
    """A visit of a delegation, or to someone, not a leader's trip: "a
    delegation visited Kyiv and St Petersburg", "visited the jailed leader on
    the island", "a visit to Moscow to meet Putin"; not "speaking during a
    visit to Paris"."""
    data = rules.meetings
    for child in trig.children:
        if child.dep_ in ("nsubj", "poss") and child.lower_ in data["counterpart_nouns"]:
            return True
        if child.dep_ == "dobj" and not place.start <= child.i < place.end:
            return True
        if child.dep_ in ("xcomp", "advcl", "relcl", "acl") and child.lemma_.lower() in data["two_sided"]["verbs"]:
            return True
        if child.dep_ == "prep" and child.lower_ in data["two_sided"]["preps"]:
            return True
    return False


def _attaches(prep: Token, trig: Token, *, rules: Rules) -> bool:
    """"talks in Geneva", "held talks in Geneva", not "the government in Kabul"."""
    head = prep.head
    if head.ent_type_ in ("DATE", "TIME"):  # "talks in recent days in Abu Dhabi"
        return True
    if head.lower_ in rules.meetings["counterpart_nouns"] and trig in head.ancestors:
        return True  # "negotiations with Russian officials in Saudi Arabia"
    if head.pos_ == "VERB" and head != trig and head not in list(trig.ancestors) and _other_clause(head, rules=rules):
        return False  # "talks to disengage in the Galwan valley", "teams that will work in X": another verb's place
    return head == trig or head.pos_ != "NOUN" or head in list(trig.ancestors)[:2]


def _other_clause(verb: Token, *, rules: Rules) -> bool:
    """"to disengage", "that will work": a clause of its own whose verb neither
    meets, holds, travels nor signs (not "talks held in", "talks that took place in")."""
    data = rules.meetings
    own = set(data["verbs"]) | set(data["held_verbs"]) | set(data["travel_verbs"]) | set(data["venue_verbs"]) | set(data["place_only_verbs"])
    if verb.lemma_.lower() in own:
        return False
    return verb.dep_ in ("relcl", "advcl", "ccomp") or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


_HYPHEN_NAME = r"(?P<name>\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*?)\s?[-\u2010\u2011\u2013]\s?(?:{suffixes})\b"


def _mediators(sent: Span, ctx: Context) -> tuple[list[str], list[tuple[int, int]]]:
    """Mediators a sentence names ("US-brokered", "mediated by Qatar and Egypt",
    "Egyptian and Qatari mediators") and the character ranges that name them."""
    rules = ctx.rules
    data = rules.meetings
    text, base = sent.text, sent.start_char
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    pattern = _HYPHEN_NAME.format(suffixes="|".join(map(re.escape, data["mediator_suffixes"])))
    for m in re.finditer(pattern, text):
        s, e = base + m.start("name"), base + m.end("name")
        party = party_of_span(ctx, s, e, m.group("name")) or _org_in(ctx, s, e)
        if party:
            found = _union(found, [party])
            spans.append((s, e))
    for cue in data["mediator_by"]:
        for m in re.finditer(r"\b" + re.escape(cue) + r"\s+", text, flags=re.I):
            stop = re.search(r"[,;.]|\s(?:to|in|at|on|for|which|that|who)\s", text[m.end() :])
            s, e = base + m.end(), base + m.end() + (stop.start() if stop else len(text) - m.end())
            names = parties_in(ctx, s, e, orgs=True)
            found = _union(found, names)
            spans.append((s, e))
    for s, e in _credited(sent, rules=rules):
        found = _union(found, parties_in(ctx, s, e, orgs=True))
        spans.append((s, e))
    for s, e in _hosted_by(sent, rules=rules):
        found = _union(found, parties_in(ctx, s, e, orgs=True))
        spans.append((s, e))
    for tok in sent:
        if tok.lower_ in data["mediator_nouns"] and tok.pos_ == "NOUN":
            for s, e in _mediator_ranges(tok, rules=rules):
                names = parties_in(ctx, s, e, orgs=True)
                found = _union(found, names)
                spans.append((s, e))
    return found, spans


def _credited(sent: Span, *, rules: Rules, hosting_only: bool = False) -> list[tuple[int, int]]:
    """Whom a sentence thanks for hosting or brokering: "grateful to Malaysia
    for hosting the talks", "thanked Washington for its mediation efforts"
    (with ``hosting_only``, for hosting alone)."""
    data = rules.meetings
    ranges = []
    for tok in sent:
        hosting = tok.tag_ == "VBG" and tok.lemma_.lower() in data["host_place_verbs" if hosting_only else "host_verbs"]
        if not (hosting or (not hosting_only and tok.lower_ in data["mediator_nouns"] and tok.pos_ == "NOUN")):
            continue
        word = tok.head if tok.dep_ == "compound" else tok
        if word.head.lower_ != "for" or word.dep_ not in ("pcomp", "pobj"):
            continue
        verb = word.head.head  # "it is grateful to Malaysia for hosting": the verb's adjective holds "to"
        words = [verb, *(c for c in verb.children if c.dep_ == "acomp")]
        for child in (c for w in words for c in w.children):
            target = child if child.dep_ == "dobj" else None
            if child.dep_ == "prep" and child.lower_ == "to":
                target = next((g for g in child.children if g.dep_ == "pobj"), None)
            if target is not None:  # the name and those listed with it, not a clause hanging on it
                last = max([target, *(c for c in target.children if c.dep_ == "conj")], key=lambda t: t.i)
                ranges.append((target.left_edge.idx, last.idx + len(last)))
    return ranges


def _hosted_by(sent: Span, *, rules: Rules) -> list[tuple[int, int]]:
    """The "by" phrase of a hosting verb, also across a list of verbs: "which
    was chaired, hosted, and witnessed by the Prime Minister of Malaysia"."""
    verbs = set(rules.meetings["hosted_by_verbs"])
    ranges = []
    for tok in sent:
        if tok.lemma_.lower() not in verbs or tok.tag_ != "VBN":
            continue
        chain = [tok, *[c for c in tok.children if c.dep_ == "conj"]]
        if tok.dep_ == "conj":
            chain += [tok.head, *[c for c in tok.head.children if c.dep_ == "conj"]]
        for verb in (v for v in chain if v.lemma_.lower() in verbs):
            for agent in (c for c in verb.children if c.dep_ == "agent"):
                right = agent.right_edge
                ranges.append((agent.idx, right.idx + len(right)))
    return ranges


def _mediator_ranges(tok: Token, *, rules: Rules) -> list[tuple[int, int]]:
    """Where a mediator noun's mediators are named: before it ("Egyptian and
    Qatari mediators"; "the U.S. mediation team", the noun being a modifier),
    after "from" ("the mediators from Qatar, Egypt, and Turkey"), or as the
    subject of "acting as"."""
    acting = _acting_as(tok, rules=rules)
    if acting:
        return [acting]
    head = tok.head if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") else tok
    ranges = [(head.left_edge.idx, tok.idx)]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "from":  # the parser may hang it on the verb
        right = nxt.right_edge
        ranges.append((nxt.idx, right.idx + len(right)))
    return ranges


def _acting_as(tok: Token, *, rules: Rules) -> tuple[int, int] | None:
    """"with Cuba and Norway acting as guarantors": the clause before "acting"."""
    prep = tok.head
    if prep.lower_ != "as" or prep.head.lemma_.lower() not in rules.meetings["acting_verbs"]:
        return None
    verb = prep.head
    sent = tok.sent
    start = sent.start
    for t in sent.doc[sent.start : verb.i]:
        if t.text in (",", ";") or t.lower_ == "with":
            start = t.i + 1
    return sent.doc[start].idx, verb.idx


def _org_in(ctx: Context, start: int, end: int) -> str | None:
    for _s, _e, name in ctx.actors.in_range(start, end):
        if ctx.actors.kind(name) == "organization":
            return name
    return None


def _hosted(sent: Span, ctx: Context) -> tuple[list[str], list[str]] | None:
    """("host", "guests") parties for "X hosted A and B" with at least two guests."""
    rules = ctx.rules
    data = rules.meetings
    for tok in sent:
        if tok.lemma_.lower() not in data["host_verbs"] or tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "JJ"):
            continue
        if any(c.lower_ == "by" for c in tok.children):
            continue
        left = sent.text[: tok.idx - sent.start_char]
        clause_start = sent.start_char + max(left.rfind(","), left.rfind(";"), -1) + 1
        host = parties_in(ctx, clause_start, tok.idx)
        rest = sent.text[tok.idx + len(tok.text) - sent.start_char :]
        stop = re.search(r"\s(?:at|in|on|for|to)\s|[,;]", rest)
        end = tok.idx + len(tok.text) + (stop.start() if stop else len(rest))
        guests = [p for p in parties_in(ctx, tok.idx + len(tok.text), end) if p not in host]
        if host and len(guests) >= 2:
            return host, guests
    return None


def _participants(sent: Span, ctx: Context) -> list[str]:
    """People attending or leading: the nearest person before a participation verb."""
    rules = ctx.rules
    data = rules.meetings
    found: list[str] = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in data["participant_verbs"]:
            continue
        people = [n for s, e, n in ctx.actors.in_range(sent.start_char, tok.idx) if ctx.actors.kind(n) == "person"]
        if people:
            found = _union(found, people[-1:])
    return found


def _format(text: str, *, rules: Rules) -> str | None:
    for fmt, cues in rules.meetings["format"].items():
        if any(re.search(r"(?<![\w-])" + re.escape(cue) + r"\b", text, flags=re.I) for cue in cues):
            return fmt
    return None


def _dates(sent: Span, ctx: Context, *, near: tuple[int, int] | None) -> tuple[str | None, str | None]:
    """Start and end of the round a sentence speaks of: the days named near
    the meeting words ("talks in Cairo on Sunday and Monday"), stretched back
    over "a second day of talks" / "three days of talks" (anchored on the
    report's date where none is named). A sentence that names no place gives
    dates only through such a day count: it may be another round."""
    rules = ctx.rules
    days = _days_near(ctx, *near) if near else []
    count = _day_count(sent.text, rules=rules)
    if count is None:
        return (days[0], days[-1]) if days else (None, None)
    anchor = days[-1] if days else (ctx.published.isoformat() if ctx.published else None)
    if not anchor or len(anchor) != 10:
        return anchor, anchor
    end = date.fromisoformat(anchor)
    return (end - timedelta(days=count - 1)).isoformat(), anchor


def _days_near(ctx: Context, start: int, end: int) -> list[str]:
    """Dates mentioned in ``[start, end)``: the first and those within a week of it."""
    found = [
        m.value
        for m in ctx.dates
        if m.evidence and m.value and start <= m.evidence.start and m.evidence.end <= end
    ]
    if not found:
        return []
    first = found[0]
    if len(first) != 10:
        return [first]
    anchor = date.fromisoformat(first)
    close = [v for v in found if len(v) == 10 and abs((date.fromisoformat(v) - anchor).days) <= 7]
    return sorted(close)


def _day_count(text: str, *, rules: Rules) -> int | None:
    data = rules.meetings
    ordinals = "|".join(data["day_ordinals"])
    m = re.search(rf"\b({ordinals}) day of\b", text, flags=re.I)
    if m:
        return data["day_ordinals"][m.group(1).lower()]
    m = re.search(r"\b(\w+) days of (?:[\w.-]+ ){0,3}(?:talks|negotiations|meetings|discussions)", text, flags=re.I)
    if m:
        return parse_number(m.group(1), rules=rules)
    return None


# -- merging ---------------------------------------------------------------


def _group(mentions: list[_Mention], *, rules: Rules) -> list[tuple[str, list[_Mention], bool]]:
    """Mentions grouped by place, in the order of the report, with a flag for
    the main meeting (the place named most); placeless mentions join it."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.place:
            groups.setdefault(m.place, []).append(m)
    _fold_countries(groups, rules=rules)
    if not groups:
        return []
    main = max(groups, key=lambda p: (len(groups[p]), -groups[p][0].sent.start))
    near = [m.sent.start for m in groups[main]]
    groups[main].extend(m for m in mentions if not m.place and _close(m, near))
    out = []
    for place, group in groups.items():
        rounds = _rounds(sorted(group, key=lambda m: m.sent.start))
        rounds = [part for r in rounds for part in _held_and_planned(r)]
        biggest = max(range(len(rounds)), key=lambda i: len(rounds[i]))
        out.extend((_host_city(_own_place(place, r), r, rules=rules), r, place == main and i == biggest)
                   for i, r in enumerate(rounds))
    return out


def _held_and_planned(group: list[_Mention]) -> list[list[_Mention]]:
    """"They met in Abu Dhabi … negotiators will return to Abu Dhabi on
    Feb. 1": a round held and one scheduled at one place are two rounds
    (mentions that name no place stay with the one held)."""
    planned = [m for m in group if m.place and m.planned]
    held = [m for m in group if not (m.place and m.planned)]
    if not planned or not any(m.place for m in held):
        return [group]
    return [held, planned]


def _own_place(place: str, group: list[_Mention]) -> str:
    """The place a round's own mentions name, where they all name one (a
    round "in the United Arab Emirates" split from the one "in Abu Dhabi")."""
    named = {m.place for m in group if m.place}
    return named.pop() if len(named) == 1 else place


def _host_city(place: str, group: list[_Mention], *, rules: Rules) -> str:
    """A round only its host state places ("talks hosted by Guinea-Bissau") is
    at the host's capital; where a city of that state is named, the mentions
    already joined it (:func:`_fold_countries`)."""
    if not all(m.hosted for m in group if m.place):
        return place
    return _capital(place, rules=rules) or place


def _month(day: str | None) -> int | None:
    """Months since year 0 of an ISO date of month precision or finer."""
    if not day or len(day) < 7:
        return None
    return int(day[:4]) * 12 + int(day[5:7])


def _rounds(group: list[_Mention]) -> list[list[_Mention]]:
    """One place's mentions split into rounds months apart ("talks in Geneva
    in November" and "talks in Geneva on February 17" in a timeline). A
    mention without a date joins the round named nearest to it."""
    runs: list[list[int]] = []
    for month in sorted({k for k in map(_month, (m.start for m in group)) if k is not None}):
        if runs and month - runs[-1][-1] <= 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    if len(runs) <= 1:
        return [group]
    run_of = {month: i for i, run in enumerate(runs) for month in run}
    dated = [(m, run_of[_month(m.start)]) for m in group if _month(m.start) is not None]
    rounds: dict[int, list[_Mention]] = {}
    for m in group:
        month = _month(m.start)
        if month is None:
            key = min(dated, key=lambda d: abs(d[0].sent.start - m.sent.start))[1]
        else:
            key = run_of[month]
        rounds.setdefault(key, []).append(m)
    return list(rounds.values())


#: A mention that names no place belongs to the main round if it is this many
#: tokens or fewer from one that does (long briefings talk of many things).
_REACH = 600


def _close(mention: _Mention, starts: list[int]) -> bool:
    return any(abs(mention.sent.start - s) <= _REACH for s in starts)


def _fold_countries(groups: dict[str, list[_Mention]], *, rules: Rules) -> None:
    """"Talks in Saudi Arabia" and "negotiators in Riyadh": one meeting, at the city."""
    for place in list(groups):
        country = place_country(place, rules=rules)
        if country and country != place and country in groups:
            groups[place].extend(groups.pop(country))


def _worth_emitting(group: list[_Mention], *, rules: Rules) -> bool:
    """Talks, a mediator, or two sides where the place is named: not every
    visit or cabinet meeting."""
    placed = [m for m in group if m.place]
    if any(m.strong and (m.mediators or len(m.parties) >= 2) for m in placed):
        return True  # "Armenia and Azerbaijan held talks in Abu Dhabi"
    if any(m.strong for m in placed) and any(m.mediators or len(m.parties) >= 2 for m in placed):
        return True  # "A and B held a meeting in Djibouti. The meeting was hosted by Djibouti's president."
    # the main round's unplaced sentences tell what it was ("The meeting between India and China … to ease tensions")
    rivals = frozenset(rules.meetings["rival_context"])
    if not any(about_conflict(m.sent, rules=rules, extra=rivals) for m in group):
        return False
    return any(m.strong or m.mediators or len(m.parties) >= 2 for m in group)


def _to_meeting(place: str, group: list[_Mention], ctx: Context, *, main: bool) -> Meeting:
    rules = ctx.rules
    placed = [m for m in group if m.place and not m.hosted] or [m for m in group if m.place]  # a host's sentence names the round's place, not its sides
    first = placed[0]
    usual = ctx.rules.mediators
    own_sides = [p for p in _union(*(m.sides for m in placed)) if p not in usual]
    mediators = [m for m in _union(*(m.mediators for m in group)) if m not in own_sides]  # a host that is a side is a party
    parties = _sides(placed, mediators, usual, rules=rules) or _sides(group, mediators, usual, rules=rules)
    for m in placed:  # "talks between envoys from Ukraine, Russia and the United States"
        third = [p for p in m.sides if p not in parties]
        if len(parties) == 2 and len(m.sides) == 3 and set(parties) < set(m.sides) and third[0] in usual:
            mediators = _union(mediators, third)
    starts = sorted(m.start for m in group if m.start)
    ends = sorted(m.end for m in group if m.end)
    formats = [m.format for m in placed if m.format]
    planned = {"planned": True} if all(m.planned for m in placed) else {}
    return Meeting(
        place=place,
        start=starts[0] if starts else None,
        end=ends[-1] if ends else None,
        mediators=mediators,
        parties=parties,
        participants=_union(*(m.participants for m in group), _negotiators(ctx) if main else []),
        format=formats[0] if formats else None,
        evidence=_sentence_evidence(first.sent),
        **planned,
    )


def _sides(group: list[_Mention], mediators: list[str], usual: frozenset[str], *, rules: Rules) -> list[str]:
    """The two sides that meet: the parties named most as the meeting words'
    own sides, then in its sentences at all (a long sentence names every
    state it touches on), in the order the report first names them."""
    score: dict[str, int] = {}
    for m in group:
        for p in m.parties:
            if p not in mediators:
                score[p] = score.get(p, 0) + 1 + 2 * (p in m.sides)
    # usual mediators (the United States, Qatar …): sides less often than brokers

    def key(p: str) -> int:
        return -(score[p] - 2 * (p in usual))

    top = sorted(score, key=key)[: rules.meetings["max_sides"]]
    return [p for p in score if p in top]


def _sentence_evidence(sent: Span) -> Evidence:
    return Evidence.trimmed(text_of(sent.doc), sent.start_char, sent.end_char)


def _negotiators(ctx: Context) -> list[str]:
    """People the report calls negotiators or envoys: at the table."""
    rules = ctx.rules
    roles = rules.meetings["participant_roles"]
    return [
        name
        for name, actor in ctx.actors.actors.items()
        if actor.kind == "person" and any(r in role.lower() for role in actor.roles for r in roles)
    ]


def _union(*lists: list[str]) -> list[str]:
    out: list[str] = []
    for items in lists:
        for item in items:
            if item and item not in out:
                out.append(item)
    return out
