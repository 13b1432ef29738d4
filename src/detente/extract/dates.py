"""Dates: every explicit and relative date, normalized against ``published``.

Spans come from the regular expressions in ``data/dates/patterns.json`` (run
over the whole text, longest match wins); spaCy's parse decides the tense
that says which Tuesday "on Tuesday" is. Values are ISO 8601 at the precision
the text gives (``2026-02-05``, ``2026-02``, ``2026``); what cannot be
resolved has ``None``.

Rules worth knowing:

- A date without a year ("February 5") takes the year that puts it nearest
  to ``published``, unless that lands in the future and the verb is in the
  past tense (or says nothing and it is over a month ahead): then it is the
  first such date after the previous mention (timelines), else a year back.
- A weekday is the most recent such day on or before ``published``, or the
  next one on or after it when its verb looks ahead ("will", "is set to",
  a present tense like "begins on Sunday"); "last"/"next" force the side.
- Weeks place no date: "this week", "last week" are not listed (the
  annotation guide makes them optional, with no value).
- "today", "yesterday" inside a quotation count from the day the words were
  said when the sentence names it ("said Tuesday ... 'can start today'").
- "the next year", "the day before" count from the last resolved date that
  precedes them ("the day before" falls back to ``published``).
- "the eve of the talks" is the day before the talks began, known when the
  report says which day of the talks it covers ("a second day of talks").
- Durations ("four years", "30-day") are not dates and are not listed;
  "over the past year" is listed with ``None``.
- Without ``published`` every relative date is ``None``, never today's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from ..nlp import text_of
from ..records import DateMention, Evidence

__all__ = ["extract_dates", "parse_published", "resolve_week", "DateRules"]


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class _Pattern:
    name: str
    resolve: str
    regex: re.Pattern


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    day_words: dict[str, int]
    event_nouns: frozenset[str]
    year_blockers: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_infinitive_heads: frozenset[str]
    reporting_verbs: frozenset[str]
    past_auxiliaries: frozenset[str]
    future_auxiliaries_after_preposition: frozenset[str]
    future_cues_before: tuple[str, ...]
    past_cues_before: tuple[str, ...]
    future_window_days: int
    future_nouns_after: frozenset[str]
    weekday_name_nouns: frozenset[str]


@dataclass(frozen=True)
class DateRules:
    """``data/dates/lexicon.json`` and ``data/dates/patterns.json``, compiled (built by
    :func:`detente.rules.load_rules`, reached through ``ctx.rules.dates``)."""

    lexicon: _Lexicon
    patterns: tuple[_Pattern, ...]

    @classmethod
    def from_data(cls, lexicon: dict, patterns: dict) -> "DateRules":
        return cls(lexicon=_lexicon(lexicon), patterns=_patterns(patterns))


def _lexicon(raw: dict) -> _Lexicon:
    return _Lexicon(
        months=raw["months"],
        weekdays=raw["weekdays"],
        numbers=raw["numbers"],
        ordinals=raw["ordinals"],
        day_words=raw["day_words"],
        **{key: frozenset(raw[key]) for key in (
            "event_nouns", "year_blockers", "future_auxiliaries", "future_infinitive_heads", "reporting_verbs",
            "past_auxiliaries", "future_auxiliaries_after_preposition", "future_nouns_after", "weekday_name_nouns")},
        future_cues_before=tuple(raw["future_cues_before"]),
        past_cues_before=tuple(raw["past_cues_before"]),
        future_window_days=raw["future_window_days"],
    )


def _patterns(raw: dict) -> tuple[_Pattern, ...]:
    fills = raw["placeholders"]

    def expand(regex: str) -> str:
        return re.sub(r"\{([A-Z_]+)\}", lambda m: fills[m.group(1)], regex)

    return tuple(_Pattern(p["name"], p["resolve"], re.compile(expand(p["regex"]))) for p in raw["patterns"])


# ---------------------------------------------------------------- values


def _day(d: date) -> str:
    return d.isoformat()


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _nearest_year(published: date, month: int, day: int | None) -> int | None:
    """The year that puts ``month``/``day`` nearest to ``published``."""
    best = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day or 1)
        except ValueError:
            continue
        distance = abs((candidate - published).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def _infer_year(m: re.Match, s: _Scope, month: int, day: int | None) -> int | None:
    """The year of a date written without one: nearest to ``published``; but a
    future date told in the past tense (or, without a tense, over a month
    ahead) moves back to the first such date after the previous mention (a
    timeline), else a year back."""
    if not s.published:
        return None
    year = _nearest_year(s.published, month, day)
    if year is None:
        return None
    ahead = (date(year, month, day or 1) - s.published).days
    if ahead <= 0:
        return year
    start = m.start("span") if m.groupdict().get("span") is not None else m.start()
    tense = 1 if _future_noun_after(m, s) else _tense_at(start, s)
    if tense > 0 or (tense == 0 and ahead <= s.lex.future_window_days):
        return year
    if s.earlier:
        anchor = _first_day(s.earlier[-1][1])
        after = anchor.year if (month, day or 1) >= (anchor.month, anchor.day) else anchor.year + 1
        if (after, month, day or 1) <= (s.published.year, s.published.month, s.published.day):
            return after
    return year - 1


def _future_noun_after(m: re.Match, s: _Scope) -> bool:
    """"a June deadline", "the November elections": a date still to come."""
    following = text_of(s.doc)[m.end() : m.end() + 20].split()
    return bool(following) and following[0].lower().strip(".,;:") in s.lex.future_nouns_after


def resolve_week(monday: date) -> str | None:
    """A week as the month that holds all of it, else None (no ISO weeks)."""
    sunday = monday + timedelta(days=6)
    return _month(monday.year, monday.month) if (monday.year, monday.month) == (sunday.year, sunday.month) else None


# ---------------------------------------------------------------- resolvers


@dataclass
class _Scope:
    """What a resolver may read: the doc, the report's date, the earlier values."""

    doc: Doc
    published: date | None
    earlier: list[tuple[int, str]]  # (start offset, value) of the resolved mentions so far
    lex: _Lexicon

    def token_at(self, offset: int) -> Token | None:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None


Resolver = Callable[[re.Match, _Scope], str | None]


def _month_number(name: str, lex: _Lexicon) -> int:
    return lex.months[name.rstrip(".")]


def _mdy(m: re.Match, s: _Scope) -> str | None:
    month = _month_number(m["month"], s.lex)
    day = int(re.match(r"\d+", m["day"]).group())
    year = int(m["year"]) if m["year"] else _infer_year(m, s, month, day)
    if not year:
        return None
    try:
        return _day(date(year, month, day))
    except ValueError:
        return None


def _mdy_rel_year(m: re.Match, s: _Scope) -> str | None:
    """'December 14 last year': the day in the year before the report's."""
    if not s.published:
        return None
    year = s.published.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    try:
        return _day(date(year, _month_number(m["month"], s.lex), int(re.match(r"\d+", m["day"]).group())))
    except ValueError:
        return None


def _iso(m: re.Match, s: _Scope) -> str | None:
    try:
        return _day(date(int(m["year"]), int(m["month"]), int(m["day"])))
    except ValueError:
        return None


def _month_year(m: re.Match, s: _Scope) -> str | None:
    month = _month_number(m["month"], s.lex)
    year = int(m["year"]) if m.groupdict().get("year") else _infer_year(m, s, month, None)
    return _month(year, month) if year else None


def _month_rel_year(m: re.Match, s: _Scope) -> str | None:
    if not s.published:
        return None
    shift = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return _month(s.published.year + shift, _month_number(m["month"], s.lex))


def _rel_month_name(m: re.Match, s: _Scope) -> str | None:
    """'last March': the most recent March before this month; 'next March' the
    first after it; 'this March' the one in this year."""
    if not s.published:
        return None
    month, rel, year = _month_number(m["month"], s.lex), m["rel"].lower().split()[-1], s.published.year
    if rel == "last":
        year -= 1 if month >= s.published.month else 0
    elif rel == "next":
        year += 1 if month <= s.published.month else 0
    return _month(year, month)


def _year(m: re.Match, s: _Scope) -> str | None:
    return m["year"]


def _rel_unit(m: re.Match, s: _Scope) -> str | None:
    """'last month', 'this year'; 'the end of the month' is the month last
    mentioned (a timeline's), else this one."""
    if not s.published:
        return None
    rel, unit, p = m["rel"].lower().split()[-1], m["unit"].lower(), s.published
    if rel == "the":
        width = 7 if unit == "month" else 4
        earlier = [value for _, value in s.earlier if len(value) >= width]
        if earlier:
            return earlier[-1][:width]
    shift = {"last": -1, "this": 0, "the": 0, "next": 1}[rel]
    if unit == "year":
        return f"{p.year + shift:04d}"
    if unit == "month":
        return _month(*_add_months(p.year, p.month, shift))
    return resolve_week(p - timedelta(days=p.weekday()) + timedelta(weeks=shift))


def _count(word: str, lex: _Lexicon) -> int:
    return int(word) if word.isdigit() else lex.numbers[word.lower()]


def _shift(anchor: date, unit: str, n: int) -> str:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return _day(anchor + timedelta(days=n))
    if unit == "week":
        target = anchor + timedelta(weeks=n)
        return resolve_week(target - timedelta(days=target.weekday()))
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, n))
    return f"{anchor.year + n:04d}"


def _ago(m: re.Match, s: _Scope) -> str | None:
    if not s.published:
        return None
    return _shift(s.published, m["unit"], -_count(m["num"], s.lex))


def _first_day(value: str) -> date:
    """The first day of an ISO year, month or day value."""
    return date.fromisoformat(value + "-01-01"[len(value) - 4 :])


def _anchored(m: re.Match, s: _Scope) -> str | None:
    """'the next year', 'the day before', 'two days later': counted from the
    last resolved date of the unit's precision before the phrase."""
    unit = m["unit"].lower().rstrip("s")
    n = _count(m["num"], s.lex) if m.groupdict().get("num") else 1
    if m["dir"].lower() in ("previous", "preceding", "before", "earlier"):
        n = -n
    width = {"day": 10, "month": 7, "year": 4}[unit]
    for _, value in reversed(s.earlier):
        if len(value) >= width:
            return _shift(_first_day(value[:width]), unit, n)
    if unit == "day" and s.published:
        return _shift(s.published, unit, n)
    return None


def _same_day(m: re.Match, s: _Scope) -> str | None:
    """'earlier that day', 'the same day': the day last mentioned."""
    return next((value for _, value in reversed(s.earlier) if len(value) == 10), None)


def _sentence_start(token: Token) -> int:
    """Where ``token``'s sentence starts (the text's start without a parse)."""
    try:
        return token.sent.start_char
    except ValueError:
        return 0


def _inside_quote(s: _Scope, start: int) -> bool:
    token = s.token_at(start)
    if token is None:
        return False
    before = text_of(s.doc)[_sentence_start(token) : start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _speech_day(s: _Scope, start: int) -> date | None:
    """The day named earlier in the same sentence, outside the quotation."""
    token = s.token_at(start)
    if token is None:
        return None
    sent_start = _sentence_start(token)
    for offset, value in reversed(s.earlier):
        if sent_start <= offset < start and len(value) == 10:
            return date.fromisoformat(value)
    return None


def _day_word(m: re.Match, s: _Scope) -> str | None:
    if not s.published:
        return None
    word = " ".join(m["word"].lower().split())
    shift = {"this": 0, "before yesterday": -2, "after tomorrow": 2}.get(word)
    if shift is None:
        shift = s.lex.day_words[word]
    anchor = (_speech_day(s, m.start()) if _inside_quote(s, m.start()) else None) or s.published
    return _day(anchor + timedelta(days=shift))


def _governing_verb(token: Token) -> Token | None:
    verb = token
    for _ in range(5):
        if verb.pos_ in ("VERB", "AUX"):
            return verb
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _auxiliaries(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _cue_before(token: Token, cues: tuple[str, ...]) -> bool:
    before = " ".join(text_of(token.doc)[max(0, token.idx - 30) : token.idx].lower().split())
    return any(before.endswith(cue) or before.endswith(cue + " the") for cue in cues)


def _tense(token: Token, lex: _Lexicon, depth: int = 0) -> int:
    """Whether the verb governing ``token`` speaks of the future (1), the past
    (-1), or does not say (0)."""
    if _cue_before(token, lex.past_cues_before):
        return -1
    if _cue_before(token, lex.future_cues_before):
        return 1
    verb = _governing_verb(token)
    if verb is None:
        return 0
    aux = _auxiliaries(verb)
    if not aux and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb, aux = verb.head, _auxiliaries(verb.head)  # "expected to kick off ... and last until Wednesday"
    after_preposition = token.i > 0 and token.doc[token.i - 1].dep_ == "prep"
    if aux & lex.future_auxiliaries or (after_preposition and aux & lex.future_auxiliaries_after_preposition):
        return 1
    if aux & lex.past_auxiliaries or verb.tag_ == "VBD":
        return -1
    if verb.tag_ == "VB" and "to" in aux:  # an infinitive looks ahead of its head
        head = verb.head
        return -1 if head.tag_ == "VBD" or _auxiliaries(head) & lex.past_auxiliaries else 1
    if verb.lemma_.lower() in lex.future_infinitive_heads and verb.tag_ in ("VBN", "VBZ", "VBP"):
        return 1  # "is expected on Sunday", "is set for Monday"
    if verb.tag_ == "VBG" and verb.head.lemma_.lower() == "be" and verb.head.tag_ in ("VBZ", "VBP"):
        return 1  # "is meeting on Friday"
    if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_.lower() == "be" for c in verb.children):
        return 1  # "are coming to the White House on Monday"
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() not in lex.reporting_verbs and not aux:
        return 1  # "the holiday begins on Sunday"
    if verb.tag_ == "VBG" and not aux and depth < 3:
        clause = verb
        while clause.dep_ == "conj" and clause.head.tag_ == "VBG":
            clause = clause.head  # "Starting Tuesday and continuing until Saturday, …"
        if clause.dep_ == "advcl" and clause.head.pos_ in ("VERB", "AUX"):
            return _tense(clause.head, lex, depth + 1)  # "…, the negotiators plan to": the participle's head tells
    return 0


def _tense_at(offset: int, s: _Scope) -> int:
    token = s.token_at(offset)
    return _tense(token, s.lex) if token is not None else 0


def _weekday(m: re.Match, s: _Scope) -> str | None:
    if not s.published:
        return None
    target = s.lex.weekdays[m["weekday"]]
    back = (s.published.weekday() - target) % 7
    rel = (m["rel"] or "").lower()
    if rel == "last" or rel == "past":
        back = back or 7
    elif rel in ("next", "coming") or (back and not rel and _tense_at(m.start("weekday"), s) > 0):
        return _day(s.published + timedelta(days=((target - s.published.weekday()) % 7) or 7))
    return _day(s.published - timedelta(days=back))


def _ordinal_day(m: re.Match, s: _Scope) -> str | None:
    """'on the 17th': that day of the report's month, or of the next month when
    the verb looks ahead past it, or of the last when it looks back."""
    if not s.published:
        return None
    day, p = int(m["day"]), s.published
    shift = 0
    tense = _tense_at(m.start("span"), s)
    if tense > 0 and day < p.day:
        shift = 1
    elif tense < 0 and day > p.day:
        shift = -1
    year, month = _add_months(p.year, p.month, shift)
    try:
        return _day(date(year, month, day))
    except ValueError:
        return None


def _eve(m: re.Match, s: _Scope) -> str | None:
    """The day before the talks began; their first day is known when the report
    says which day of them it covers."""
    if not s.published:
        return None
    ordinals = "|".join(s.lex.ordinals)
    nouns = "|".join(sorted(s.lex.event_nouns))
    found = re.search(
        rf"\b(?:a|the)\s+({ordinals})\s+day\s+of\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b", text_of(s.doc), re.IGNORECASE
    )
    if not found:
        return None
    first_day = s.published - timedelta(days=s.lex.ordinals[found.group(1).lower()] - 1)
    return _day(first_day - timedelta(days=1))


def _unresolved(m: re.Match, s: _Scope) -> str | None:
    return None


_RESOLVERS: dict[str, Resolver] = {
    "iso": _iso,
    "mdy": _mdy,
    "mdy_rel_year": _mdy_rel_year,
    "month_year": _month_year,
    "month_rel_year": _month_rel_year,
    "rel_month_name": _rel_month_name,
    "year": _year,
    "rel_unit": _rel_unit,
    "ago": _ago,
    "anchored": _anchored,
    "same_day": _same_day,
    "day_word": _day_word,
    "weekday": _weekday,
    "ordinal_day": _ordinal_day,
    "eve": _eve,
    "unresolved": _unresolved,
}


# ---------------------------------------------------------------- spans


def _candidates(text: str, patterns: tuple[_Pattern, ...]) -> list[tuple[int, int, _Pattern, re.Match]]:
    """Non-overlapping matches: longest first, then the earliest-listed pattern."""
    found = []
    for rank, pattern in enumerate(patterns):
        for m in pattern.regex.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), rank, pattern, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int]] = []
    kept = []
    for start, end, _, pattern, m in found:
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            kept.append((start, end, pattern, m))
    return sorted(kept, key=lambda k: k[0])


def _is_bare_year_noise(m: re.Match, s: _Scope) -> bool:
    """A four-digit number that is a count, an id or part of an amount."""
    token = s.token_at(m.start("year"))
    if token is None:
        return True
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "TIME"):
        return True
    prev = s.doc[token.i - 1] if token.i > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in s.lex.year_blockers:
        return True
    nxt = s.doc[token.i + 1] if token.i + 1 < len(s.doc) else None
    return nxt is not None and nxt.tag_ == "NNS" and not token.ent_type_ == "DATE"


def _is_weekday_name(m: re.Match, s: _Scope) -> bool:
    """A weekday inside a name ("Fox News Sunday", "Sunday Morning Futures")
    or naming a programme ("the Sunday shows"), not a day."""
    token = s.token_at(m.start("weekday"))
    if token is None or m["rel"]:
        return False
    doc, lex = s.doc, s.lex
    prev = doc[token.i - 1] if token.i > 0 else None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if prev is not None and prev.pos_ == "PROPN" and prev.is_title and prev.text not in lex.months and not prev.is_sent_start:
        return True  # not "Talks Monday in Riyadh …"
    if nxt is not None and nxt.lower_ in lex.weekday_name_nouns:
        return True
    return nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and nxt.text not in lex.months and token.ent_type_ != "DATE"


def extract_dates(doc: Doc, published: date | None, rules: DateRules) -> list[DateMention]:
    """Every date the text mentions, in text order, with its resolved value."""
    scope = _Scope(doc=doc, published=published, earlier=[], lex=rules.lexicon)
    mentions: list[DateMention] = []
    for _, _, pattern, m in _candidates(doc.text, rules.patterns):
        if pattern.name == "year" and _is_bare_year_noise(m, scope):
            continue
        if pattern.name == "weekday" and _is_weekday_name(m, scope):
            continue
        if pattern.resolve == "unlisted" or (pattern.resolve == "rel_unit" and m["unit"][0].isupper()):
            continue  # "last week" places no date; "This Week" is a programme
        value = _RESOLVERS[pattern.resolve](m, scope)
        start, end = m.span("span") if m.groupdict().get("span") is not None else m.span()
        if value:
            scope.earlier.append((start, value))
        mentions.append(DateMention(text=text_of(doc)[start:end], value=value, evidence=Evidence.of(text_of(doc), start, end)))
    return mentions
