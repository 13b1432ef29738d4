"""Cross-report identity: when two reports speak of the same person, round of
talks, deal, incident or quote.

Each kind of merged thing has a :class:`Rule`: a blocking ``key`` (the store
looks up candidates by key and a date window, so merging stays cheap at 100k
reports), a ``same`` test against one candidate, and how a new fact's
attributes fold into the merged ones. What a merged thing holds is a typed,
frozen dataclass beside its rule (:class:`MergedActor`, :class:`MergedMeeting`
…); the store keeps it as JSON and gives it back typed (:func:`merged_from`).
The rules are pure; the store drives them.

- **actors**: persons by a phonetic key of the surname (casefold, accents
  stripped, ``-yy/-iy/-ii/-y/-i`` endings collapsed, ``kh→h``, doubled letters
  single …) and a compatible first name (same key or initial); a bare surname
  joins only when exactly one person has it. States, organizations and groups
  by their folded name.
- **meetings**: same place (or, without a place, the same parties), dates
  overlapping or within 3 days.
- **agreements**: same kind, compatible parties (one set within the other),
  quantity equal or within 5 %, dates within 7 days.
- **incidents**: same kind and actor, within a day, targets overlapping.
- **quotes**: same speaker, within 30 days, normalized texts ≥ 85 % similar
  or one contained in the other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from .records import Actor, Agreement, Incident, Meeting, Quote
from .resources import read_json

__all__ = [
    "fold", "token_key", "person_key", "split_name", "day_span", "days_apart",
    "Candidate", "Rule", "RULES", "pick", "Merged", "MergedActor", "MergedMeeting", "MergedAgreement",
    "MergedIncident", "MergedQuote", "MERGED", "merged_from", "merged_json", "label",
]

_TITLES = {
    "president", "mr", "mrs", "ms", "dr", "sir", "gen", "general", "prime", "minister",
    "sheikh", "king", "prince", "emir", "pope", "secretary", "envoy", "ambassador", "col",
}


_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Casefold, strip accents and punctuation, collapse spaces."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """A simple phonetic key for one name token (transliteration variants meet).

    >>> {token_key(t) for t in ("Zelenskyy", "Zelensky", "Zelenskiy", "Zelenskii")}
    {'zelenski'}
    """
    t = fold(token).replace(" ", "")
    t = re.sub(r"^ye", "e", t)
    t = t[:1] + t[1:].replace("y", "i")
    for a, b in (("kh", "h"), ("ck", "k"), ("ph", "f"), ("w", "v"), ("ou", "u"), ("sch", "sh"), ("tch", "ch")):
        t = t.replace(a, b)
    t = re.sub(r"(iy|yy|ij|ii|yi|ey|ei|y|i)$", "i", t)
    return re.sub(r"(.)\1+", r"\1", t)


def split_name(name: str) -> tuple[str | None, str]:
    """(first-name key or None, surname key) of a person's name, titles dropped."""
    tokens = [t for t in fold(name).split() if t not in _TITLES]
    if not tokens:
        return None, fold(name)
    surname = token_key(tokens[-1])
    return (token_key(tokens[0]) if len(tokens) > 1 else None), surname


def person_key(name: str) -> str:
    return split_name(name)[1]


def day_span(value: str | None) -> tuple[int, int] | None:
    """(first, last) day ordinals an ISO date of any precision covers."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if d:
            o = date(y, mo, d).toordinal()
            return o, o
        if mo:
            first = date(y, mo, 1).toordinal()
            nxt = date(y + (mo == 12), mo % 12 + 1, 1).toordinal()
            return first, nxt - 1
        return date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()
    except ValueError:
        return None


def days_apart(a: str | None, b: str | None, a_end: str | None = None, b_end: str | None = None) -> int | None:
    """Days between two dates or ranges (0 when they overlap), None if either is unknown."""
    sa, sb = day_span(a), day_span(b)
    if sa is None or sb is None:
        return None
    ea, eb = day_span(a_end) or sa, day_span(b_end) or sb
    lo_a, hi_a = sa[0], max(sa[1], ea[1])
    lo_b, hi_b = sb[0], max(sb[1], eb[1])
    return max(0, lo_b - hi_a, lo_a - hi_b)


# -- what a merged thing holds ---------------------------------------------------

@dataclass(frozen=True)
class MergedActor:
    """One person (or state, organization, group) across reports."""

    kind: str = "person"
    #: every spelling seen → how many facts used it
    names: dict[str, int] = field(default_factory=dict)
    #: first-name keys seen (persons): a different first name is a different person
    firsts: list[str] = field(default_factory=list)
    affiliation: str | None = None


@dataclass(frozen=True)
class MergedMeeting:
    """One round of talks."""

    place: str | None = None
    start: str | None = None
    end: str | None = None
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    #: every report gives it as still to come (``detente.resolve.timeline``)
    planned: bool = False
    #: every report mentions it as history in passing
    background: bool = False


@dataclass(frozen=True)
class MergedAgreement:
    """One deal, with every status reports gave it."""

    kind: str
    parties: list[str] = field(default_factory=list)
    quantity: int | None = None
    statuses: list[str] = field(default_factory=list)
    #: the unit of ``quantity`` for a truce's length ("day" in "60-day ceasefire")
    unit: str | None = None
    planned: bool = False
    background: bool = False


@dataclass(frozen=True)
class MergedIncident:
    kind: str
    actor: str | None = None
    target: str | None = None
    quantity: int | None = None
    background: bool = False


@dataclass(frozen=True)
class MergedQuote:
    """One statement: the longest wording seen, direct if any report quoted it directly."""

    speaker: str | None = None
    text: str = ""
    kind: str = "direct"


Merged = MergedActor | MergedMeeting | MergedAgreement | MergedIncident | MergedQuote
#: Entity kind (as stored) → its type.
MERGED: dict[str, type] = {"actor": MergedActor, "meeting": MergedMeeting, "agreement": MergedAgreement,
                           "incident": MergedIncident, "quote": MergedQuote}


def merged_from(kind: str, data: dict | None) -> Merged:
    """The typed merged thing of an entity of ``kind`` from its stored JSON (unknown keys ignored)."""
    cls = MERGED[kind]
    return cls(**{k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__})


def merged_json(merged: Merged) -> dict:
    """What the store keeps of a merged thing."""
    return asdict(merged)


@dataclass
class Candidate:
    """A merged entity as the store hands it to a rule."""

    id: int
    label: str
    date: str | None
    last_date: str | None
    merged: Merged


@dataclass(frozen=True)
class Rule:
    kind: str
    #: fact, context → blocking key
    key: Callable[[object, dict], str]
    #: days either side of the fact's date to look for candidates (None: any date)
    window: int | None
    #: candidate, fact, context → same thing?
    same: Callable[[Candidate, object, dict], bool]
    #: fact, context → the merged thing a new entity starts as
    start: Callable[[object, dict], Merged]
    #: old, new → merged
    fold: Callable[[Merged, Merged], Merged]
    #: merged → display label
    label: Callable[[Merged], str]


def _flags(fact, *names: str) -> dict:
    """The timeline flags a fact carries (extra keys set by ``detente.resolve.timeline``)."""
    return {n: bool(getattr(fact, n, False)) for n in names}


def _both(old, new, *names: str) -> dict:
    """A merged thing keeps a flag only while every report gives it."""
    return {n: getattr(old, n) and getattr(new, n) for n in names}


def _union(a: Sequence, b: Sequence) -> list:
    return list(dict.fromkeys([*a, *b]))


def _parties(values: Sequence[str]) -> list[str]:
    return sorted({fold(v) for v in values if v})


# -- actors ------------------------------------------------------------------

def _actor_key(actor: Actor, ctx: dict) -> str:
    return ("p:" + person_key(actor.name)) if actor.kind == "person" else f"o:{fold(actor.name)}"


def _actor_same(c: Candidate, actor: Actor, ctx: dict) -> bool:
    if actor.kind != "person":
        return True
    first, _ = split_name(actor.name)
    firsts = c.merged.firsts
    if first is None:
        # A bare surname: joins only when one person has it.
        return ctx.get("n_candidates", 1) == 1
    return not firsts or first in firsts or any(f[:1] == first[:1] for f in firsts)


def _actor_start(actor: Actor, ctx: dict) -> MergedActor:
    first, _ = split_name(actor.name) if actor.kind == "person" else (None, None)
    return MergedActor(kind=actor.kind, names={actor.name: 1}, firsts=[first] if first else [],
                       affiliation=actor.affiliation)


def _actor_fold(old: MergedActor, new: MergedActor) -> MergedActor:
    names = dict(old.names)
    for n, k in new.names.items():
        names[n] = names.get(n, 0) + k
    return MergedActor(kind=old.kind or new.kind, names=names, firsts=_union(old.firsts, new.firsts),
                       affiliation=old.affiliation or new.affiliation)


def _actor_label(a: MergedActor) -> str:
    # The fullest form, then the commonest spelling.
    return max(a.names, key=lambda n: (len(n.split()) > 1, a.names[n], len(n)))


# -- meetings ------------------------------------------------------------------

def _meeting_key(m: Meeting, ctx: dict) -> str:
    return f"m:{fold(m.place)}" if m.place else "m:?" + "|".join(_parties(m.parties))


def _fact_date(fact, ctx: dict) -> str | None:
    return getattr(fact, "date", None) or getattr(fact, "start", None) or ctx.get("published")


def _meeting_same(c: Candidate, m: Meeting, ctx: dict) -> bool:
    old = c.merged
    if not m.place and not old.place and not m.parties:
        # Neither place nor parties: only shared participants make it the same meeting.
        if not set(m.participants) & set(old.participants):
            return False
    gap = days_apart(old.start or c.date, m.start or ctx.get("published"), old.end, m.end)
    return gap is not None and gap <= 3


def _meeting_start(m: Meeting, ctx: dict) -> MergedMeeting:
    return MergedMeeting(place=m.place, start=m.start or ctx.get("published"), end=m.end, parties=list(m.parties),
                         mediators=list(m.mediators), participants=list(m.participants),
                         **_flags(m, "planned", "background"))


def _meeting_fold(old: MergedMeeting, new: MergedMeeting) -> MergedMeeting:
    starts = [s for s in (old.start, new.start) if s]
    ends = [e for e in (old.end, new.end, *starts) if e]
    return MergedMeeting(
        place=old.place, start=min(starts) if starts else None,
        end=max(ends) if old.end or new.end else old.end,
        parties=_union(old.parties, new.parties), mediators=_union(old.mediators, new.mediators),
        participants=_union(old.participants, new.participants), **_both(old, new, "planned", "background"),
    )


def _meeting_label(a: MergedMeeting) -> str:
    """"talks in Belarus"; without a place "talks between Israel and Hamas", or just "talks"."""
    if a.place:
        return f"talks in {a.place}"
    if len(a.parties) > 1:
        return f"talks between {', '.join(a.parties[:-1])} and {a.parties[-1]}"
    return "talks"


# -- agreements ----------------------------------------------------------------

def _agreement_key(a: Agreement, ctx: dict) -> str:
    return f"a:{a.kind}"


def _compatible(x: Sequence[str], y: Sequence[str]) -> bool:
    sx, sy = set(_parties(x)), set(_parties(y))
    return not sx or not sy or sx <= sy or sy <= sx


def _agreement_same(c: Candidate, a: Agreement, ctx: dict) -> bool:
    if not _compatible(c.merged.parties, a.parties):
        return False
    q0, q1 = c.merged.quantity, a.quantity
    if q0 is not None and q1 is not None and abs(q0 - q1) > 0.05 * max(q0, q1):
        return False
    gap = days_apart(c.date, _fact_date(a, ctx), c.last_date)
    return gap is not None and gap <= 7


def _agreement_start(a: Agreement, ctx: dict) -> MergedAgreement:
    return MergedAgreement(kind=a.kind, parties=list(a.parties), quantity=a.quantity,
                           statuses=[a.status] if a.status else [], unit=getattr(a, "unit", None),
                           **_flags(a, "planned", "background"))


def _agreement_fold(old: MergedAgreement, new: MergedAgreement) -> MergedAgreement:
    return MergedAgreement(
        kind=old.kind, parties=_union(old.parties, new.parties),
        quantity=old.quantity if old.quantity is not None else new.quantity,
        statuses=_union(old.statuses, new.statuses),
        unit=old.unit or new.unit,
        **_both(old, new, "planned", "background"),
    )


@lru_cache(maxsize=1)
def _names() -> dict:
    return read_json("timeline.json")


def _agreement_label(a: MergedAgreement) -> str:
    """"60-day ceasefire", "15-day humanitarian truce", "exchange of 314 prisoners", "framework agreement";
    a number whose unit is unknown is left out rather than shown bare. Parties and statuses: the detail."""
    data = _names()
    name = data["agreement_names"].get(a.kind, a.kind.replace("_", " "))
    if a.quantity is None:
        return name
    if a.kind == "prisoner_exchange":
        return f"exchange of {a.quantity:,} {data['captives']}"
    if a.unit:
        return f"{a.quantity}-{a.unit} {name}"
    return name


# -- incidents -------------------------------------------------------------------

def _incident_key(i: Incident, ctx: dict) -> str:
    return f"i:{i.kind}:{fold(i.actor)}"


def _incident_same(c: Candidate, i: Incident, ctx: dict) -> bool:
    gap = days_apart(c.date, _fact_date(i, ctx))
    if gap is None or gap > 1:
        return False
    t0, t1 = set(fold(c.merged.target).split()), set(fold(i.target).split())
    return not t0 or not t1 or bool(t0 & t1)


def _incident_start(i: Incident, ctx: dict) -> MergedIncident:
    return MergedIncident(kind=i.kind, actor=i.actor, target=i.target, quantity=i.quantity,
                          **_flags(i, "background"))


def _incident_fold(old: MergedIncident, new: MergedIncident) -> MergedIncident:
    def first(a, b):
        return a if a is not None else b

    return MergedIncident(kind=first(old.kind, new.kind), actor=first(old.actor, new.actor),
                          target=first(old.target, new.target), quantity=first(old.quantity, new.quantity),
                          **_both(old, new, "background"))


def _short(text: str | None, most: int = 60) -> str | None:
    """``text`` cut at a word boundary to about ``most`` characters."""
    if not text or len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _incident_label(a: MergedIncident) -> str:
    """"attack by Russia on Kyiv", "violation of the energy truce by Russia", "casualties: 67,000 Palestinians"."""
    target = _short(a.target)
    if a.kind == "casualties":
        return "casualties" + (f": {target}" if target else "") + (f" ({a.actor})" if a.actor else "")
    if a.kind == "violation":
        return "violation" + (f" of {target}" if target else "") + (f" by {a.actor}" if a.actor else "")
    name = "incident" if a.kind == "other" else a.kind
    return name + (f" by {a.actor}" if a.actor else "") + (f" on {target}" if target else "")


# -- quotes ------------------------------------------------------------------------

def _quote_key(q: Quote, ctx: dict) -> str:
    speaker = ctx.get("speaker_id")
    return f"q:{speaker}" if speaker else f"q:?{fold(q.text)[:24]}"


def similar_text(a: str, b: str) -> bool:
    """Two quotes are one when ≥ 85 % similar or one (5+ words) lies inside the other."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    short, long_ = sorted((fa, fb), key=len)
    if len(short.split()) >= 5 and short in long_:
        return True
    if min(len(fa), len(fb)) < 0.7 * max(len(fa), len(fb)):
        return False
    wa, wb = set(fa.split()), set(fb.split())
    if len(wa & wb) < 0.6 * len(wa | wb):
        return False
    return SequenceMatcher(None, fa, fb, autojunk=False).ratio() >= 0.85


def _quote_same(c: Candidate, q: Quote, ctx: dict) -> bool:
    return similar_text(c.merged.text, q.text)


def _quote_start(q: Quote, ctx: dict) -> MergedQuote:
    return MergedQuote(speaker=q.speaker, text=q.text, kind=q.kind)


def _quote_fold(old: MergedQuote, new: MergedQuote) -> MergedQuote:
    # Keep the longest wording; "direct" wins over "indirect".
    return MergedQuote(speaker=old.speaker or new.speaker, text=new.text if len(new.text) > len(old.text) else old.text,
                       kind="direct" if new.kind == "direct" else old.kind)


def _quote_label(a: MergedQuote) -> str:
    return a.text


RULES: dict[str, Rule] = {
    "actors": Rule("actor", _actor_key, None, _actor_same, _actor_start, _actor_fold, _actor_label),
    "meetings": Rule("meeting", _meeting_key, 10, _meeting_same, _meeting_start, _meeting_fold, _meeting_label),
    "agreements": Rule("agreement", _agreement_key, 10, _agreement_same, _agreement_start, _agreement_fold, _agreement_label),
    "incidents": Rule("incident", _incident_key, 2, _incident_same, _incident_start, _incident_fold, _incident_label),
    "quotes": Rule("quote", _quote_key, 30, _quote_same, _quote_start, _quote_fold, _quote_label),
}


_LABELS = {MergedActor: _actor_label, MergedMeeting: _meeting_label, MergedAgreement: _agreement_label,
           MergedIncident: _incident_label, MergedQuote: _quote_label}


def label(merged: Merged) -> str:
    """How a merged thing is named wherever it is shown (the store keeps it; the read side asks again
    so a store written before a label change reads the same)."""
    return _LABELS[type(merged)](merged)


def pick(rule: Rule, candidates: Sequence[Candidate], fact, ctx: dict) -> Candidate | None:
    """The candidate the fact merges into, or None for a new entity."""
    ctx = {**ctx, "n_candidates": len(candidates)}
    if rule.kind == "actor" and getattr(fact, "kind", None) == "person" and split_name(fact.name)[0] is None:
        # A bare surname joins a bare-surname entity, or the only full-name one.
        bare = [c for c in candidates if not c.merged.firsts]
        if bare:
            return bare[0]
        return candidates[0] if len(candidates) == 1 else None
    for c in candidates:
        if rule.same(c, fact, ctx):
            return c
    return None
