"""Meetings: rounds of talks, with place, dates, mediators, parties,
participants and format.

A report names a round of talks in many sentences ("US-brokered talks", "the
Abu Dhabi meetings", "attending the talks"). Each sentence with a meeting word
is a *mention*; mentions that name the same place are one meeting, and
mentions that name no place are folded into the report's main meeting (the
place mentioned most). A meeting is only emitted where its place is named:
a bare "the talks" cannot be told apart from any other round.

Rules (meeting words, mediator cues, venues) live in ``data/meetings.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..records import Evidence, Meeting
from ._events import is_place_entity, parties_in, party_of_span, place_country, place_name, rules

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


def extract_meetings(doc: Doc, ctx) -> list[Meeting]:
    """Meetings whose place the report names, one per place per round."""
    mentions = [m for sent in doc.sents for m in _mentions(sent, ctx)]
    return [_to_meeting(group, ctx) for group in _group(mentions) if _worth_emitting(group)]


# -- finding mentions ------------------------------------------------------


def _triggers(sent: Span) -> list[Token]:
    data = rules("meetings")
    found = []
    for tok in sent:
        low, lemma = tok.lower_, tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN") and (low in data["nouns"] or low in data["place_only_nouns"]):
            found.append(tok)
        elif tok.pos_ == "VERB" and lemma in data["verbs"]:
            found.append(tok)
        elif lemma == "host" and tok.tag_ in ("VBD", "VBN", "VBZ", "VBP", "VBG", "JJ"):
            found.append(tok)
    return found


def _mentions(sent: Span, ctx) -> list[_Mention]:
    triggers = _triggers(sent)
    if not triggers:
        return []
    data = rules("meetings")
    places = [e for e in sent.ents if is_place_entity(e)]
    mediators, mediator_spans = _mediators(sent, ctx)
    host = _hosted(sent, ctx)
    if host:
        mediators = _union(mediators, host[0])
    found: dict[str | None, _Mention] = {}
    for trig in triggers:
        place_ent = _place_for(trig, places)
        if place_ent is None and trig.lower_ in data["place_only_nouns"]:
            continue
        place = place_name(place_ent.text) if place_ent is not None else None
        mention = found.setdefault(place, _Mention(sent=sent, place=place))
        mention.strong = mention.strong or trig.lower_ in data["strong_nouns"] or bool(host)
    skip = tuple(mediator_spans) + tuple((e.start_char, e.end_char) for e in places)
    parties = host[1] if host else parties_in(ctx, sent.start_char, sent.end_char, skip=skip)
    start, end = _dates(sent, ctx, placed=any(found))
    for mention in found.values():
        mention.mediators = list(mediators)
        mention.parties = [p for p in parties if p not in mediators and p != mention.place]
        mention.participants = _participants(sent, ctx)
        mention.start, mention.end = start, end
        mention.format = _format(sent.text)
    return list(found.values())


def _place_for(trig: Token, places: list[Span]) -> Span | None:
    """The place a meeting word names: "the Istanbul talks", "talks in Geneva"."""
    data = rules("meetings")
    fillers = set(data["prefix_fillers"])
    for ent in places:
        if ent.end <= trig.i and all(t.lower_ in fillers for t in trig.doc[ent.end : trig.i]):
            if trig.i - ent.end <= 3:
                return ent
    window = data["place_window"] * (2 if trig.pos_ == "VERB" else 1)
    stops = set(data["stop_before_place"])
    doc = trig.doc
    for tok in doc[trig.i + 1 : min(trig.sent.end, trig.i + 1 + window)]:
        if tok.lower_ in stops or tok.text in (";",) or (tok.lower_ in data["nouns"] and tok.i != trig.i):
            return None
        if tok.lower_ in data["place_preps"]:
            for ent in places:
                if ent.start in (tok.i + 1, tok.i + 2) and all(t.lower_ == "the" for t in doc[tok.i + 1 : ent.start]):
                    return ent
    return None


_HYPHEN_NAME = r"(?P<name>\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*?)\s?[-\u2010\u2011\u2013]\s?(?:{suffixes})\b"


def _mediators(sent: Span, ctx) -> tuple[list[str], list[tuple[int, int]]]:
    """Mediators a sentence names ("US-brokered", "mediated by Qatar and Egypt",
    "Egyptian and Qatari mediators") and the character ranges that name them."""
    data = rules("meetings")
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
    for tok in sent:
        if tok.lower_ in data["mediator_nouns"] and tok.pos_ == "NOUN":
            s, e = tok.left_edge.idx, tok.idx
            names = parties_in(ctx, s, e, orgs=True)
            found = _union(found, names)
            spans.append((s, e))
    return found, spans


def _org_in(ctx, start: int, end: int) -> str | None:
    for _s, _e, name in ctx.actors.in_range(start, end):
        if ctx.actors.kind(name) == "organization":
            return name
    return None


def _hosted(sent: Span, ctx) -> tuple[list[str], list[str]] | None:
    """("host", "guests") parties for "X hosted A and B" with at least two guests."""
    data = rules("meetings")
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


def _participants(sent: Span, ctx) -> list[str]:
    """People attending or leading: the nearest person before a participation verb."""
    data = rules("meetings")
    found: list[str] = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in data["participant_verbs"]:
            continue
        people = [n for s, e, n in ctx.actors.in_range(sent.start_char, tok.idx) if ctx.actors.kind(n) == "person"]
        if people:
            found = _union(found, people[-1:])
    return found


def _format(text: str) -> str | None:
    low = text.lower()
    for fmt, cues in rules("meetings")["format"].items():
        if any(cue in low for cue in cues):
            return fmt
    return None


def _dates(sent: Span, ctx, *, placed: bool) -> tuple[str | None, str | None]:
    """Start and end of the round a sentence speaks of: its date, stretched back
    over "a second day of talks" / "three days of talks" (anchored on the
    report's date where the sentence gives none). A sentence that names no
    place gives dates only through such a day count: it may be another round."""
    day = ctx.date_in(sent.start_char, sent.end_char)
    days = _day_count(sent.text)
    if days is None:
        return (day, day) if placed else (None, None)
    anchor = day or (ctx.published.isoformat() if ctx.published else None)
    if not anchor or len(anchor) != 10:
        return anchor, anchor
    end = date.fromisoformat(anchor)
    return (end - timedelta(days=days - 1)).isoformat(), anchor


def _day_count(text: str) -> int | None:
    data = rules("meetings")
    ordinals = "|".join(data["day_ordinals"])
    m = re.search(rf"\b({ordinals}) day of\b", text, flags=re.I)
    if m:
        return data["day_ordinals"][m.group(1).lower()]
    m = re.search(r"\b(\w+) days of (?:[\w.-]+ ){0,3}(?:talks|negotiations|meetings|discussions)", text, flags=re.I)
    if m:
        from ._events import parse_number

        return parse_number(m.group(1))
    return None


# -- merging ---------------------------------------------------------------


def _group(mentions: list[_Mention]) -> list[list[_Mention]]:
    """Mentions grouped by place; placeless ones join the main meeting."""
    groups: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.place:
            groups.setdefault(m.place, []).append(m)
    _fold_countries(groups)
    if not groups:
        return []
    main = max(groups, key=lambda p: (len(groups[p]), -groups[p][0].sent.start))
    groups[main].extend(m for m in mentions if not m.place)
    return list(groups.values())


def _fold_countries(groups: dict[str, list[_Mention]]) -> None:
    """"Talks in Saudi Arabia" and "negotiators in Riyadh": one meeting, at the city."""
    for place in list(groups):
        country = place_country(place)
        if country and country != place and country in groups:
            groups[place].extend(groups.pop(country))


def _worth_emitting(group: list[_Mention]) -> bool:
    """Talks, a mediator, or two sides: not every visit or cabinet meeting."""
    parties = {p for m in group for p in m.parties}
    return any(m.strong for m in group) or any(m.mediators for m in group) or len(parties) >= 2


def _to_meeting(group: list[_Mention], ctx) -> Meeting:
    placed = [m for m in group if m.place]
    first = placed[0]
    mediators = _union(*(m.mediators for m in group))
    parties = _union(*(m.parties for m in placed)) or _union(*(m.parties for m in group))
    parties = [p for p in parties if p not in mediators]
    starts = sorted(m.start for m in group if m.start)
    ends = sorted(m.end for m in group if m.end)
    formats = [m.format for m in placed if m.format]
    return Meeting(
        place=first.place,
        start=starts[0] if starts else None,
        end=ends[-1] if ends else None,
        mediators=mediators,
        parties=parties,
        participants=_union(*(m.participants for m in group), _negotiators(ctx)),
        format=formats[0] if formats else None,
        evidence=_sentence_evidence(first.sent),
    )


def _sentence_evidence(sent: Span) -> Evidence:
    text = sent.doc.text
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence.of(text, start, end)


def _negotiators(ctx) -> list[str]:
    """People the report calls negotiators or envoys: at the table."""
    roles = rules("meetings")["participant_roles"]
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
