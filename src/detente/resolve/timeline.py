"""Timeline sanity: a record's events dated as its report allows, before the store writes it.

A report's meetings, agreements and incidents are checked against the date
the report was published (rules and word lists: ``data/timeline.json``):

- **Nothing happens after its report unless planned.** An event dated after
  its report stays there only when the text says it is planned: a meeting
  the extractor marked ``planned``, an agreement only proposed (a June
  deadline); it is then marked ``planned: true``. An agreement reached
  (``agreed``) with a later date is dated by its report: the later date is
  when it takes effect or ends. Any other such date is a misreading: within
  ``misread_within_days`` of the report, a weekday read forwards ("on
  Tuesday"), dropped; further on, a date missing its year ("three rounds
  of talks in Belarus, ending on March 7" in a February 2026 explainer
  about 2022), which takes the year of the nearest earlier date in the text
  that names one ("in February 2022"), else, for a full date, the latest
  year that puts it before the report; otherwise it is dropped. A dropped
  date leaves the event on the report's date, as undated facts are.
- **Background.** An event that ended more than ``background_days`` before
  its report is history mentioned in passing (the 1994 Budapest Memorandum,
  the 2022 Istanbul talks): kept and marked ``background: true``, so the
  read side can leave it out of the latest round, the default timeline and
  the chart's range, and show it when asked.
- **Units.** A truce's length keeps the unit it was written with
  (``unit: "day"`` for "a 60-day ceasefire"), for labels.

The flags are extra keys of the record's facts, so they round-trip through
the store's fact JSON and reach the merged entities (:mod:`detente.merge`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..merge import day_span
from ..records import Agreement, DateMention, Evidence, Meeting, Record
from ..resources import read_json

__all__ = ["settle", "background", "redate", "duration_unit"]

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@lru_cache(maxsize=1)
def _rules() -> dict:
    return read_json("timeline.json")


def _first(value: str | None) -> int | None:
    span = day_span(value)
    return span[0] if span else None


def _last(value: str | None) -> int | None:
    span = day_span(value)
    return span[1] if span else None


def background(start: str | None, end: str | None, published: str | None) -> bool:
    """True when an event that ran ``start``…``end`` ended well before the report of ``published``."""
    ended, day = _last(end or start), _first(published)
    return ended is not None and day is not None and ended < day - _rules()["background_days"]


def _anchor_year(dates: list[DateMention], evidence: Evidence | None) -> int | None:
    """The year named by the nearest date before ``evidence`` that names one ("February 2022")."""
    if evidence is None:
        return None
    before = [d for d in dates if d.evidence is not None and d.evidence.start < evidence.start and _YEAR.search(d.text)]
    if not before:
        return None
    nearest = max(before, key=lambda d: d.evidence.start)
    return int(_YEAR.findall(nearest.text)[-1])


def redate(value: str, published: str, anchor: int | None = None) -> str | None:
    """``value`` (a date after ``published``) moved to a year that puts it before the report: the
    ``anchor`` year if that does, else (a full date only) the latest such year; else None."""
    m = re.match(r"^(\d{4})(-\d{2}(?:-\d{2})?)", value)
    day = _first(published)
    if not m or day is None:
        return None
    year, rest = int(m[1]), m[2]
    # Without an anchor only a full day ("March 7") is read as the last one before the report; a
    # month alone ("a June deadline") after the report is more likely a plan misread than history.
    guesses = [year - 1, year - 2] if len(rest) == 6 else []
    for y in ([anchor] if anchor and anchor < year else []) + guesses:
        moved = f"{y}{rest}"
        if (_first(moved) or day + 1) <= day:
            return moved
    return None


def _after(value: str | None, published: str | None) -> bool:
    first, day = _first(value), _first(published)
    return first is not None and day is not None and first > day


def _plannable(fact) -> bool:
    if isinstance(fact, Meeting):
        return bool(getattr(fact, "planned", False))
    if isinstance(fact, Agreement):
        return fact.status in _rules()["plannable_statuses"]
    return False


def _effective(fact) -> bool:
    return isinstance(fact, Agreement) and fact.status in _rules()["effective_statuses"]


def duration_unit(agreement: Agreement) -> str | None:
    """The unit of a truce's length as its sentence writes it ("60-day" → ``day``), if the number matches."""
    if agreement.quantity is None or agreement.evidence is None:
        return None
    units = _rules()["units"]
    words = read_json("numbers.json")["units"]
    pattern = rf"\b([\w.,]+)[-\s]({'|'.join(map(re.escape, units))})\b"
    for m in re.finditer(pattern, agreement.evidence.text, flags=re.I):
        raw = m[1].lower().replace(",", "")
        number = int(raw) if raw.isdigit() else words.get(raw)
        if number == agreement.quantity:
            return units[m[2].lower()]
    return None


def _settle_event(fact, dates: list[DateMention], published: str | None):
    """One meeting, agreement or incident, dated and flagged."""
    is_meeting = isinstance(fact, Meeting)
    start = fact.start if is_meeting else fact.date
    end = fact.end if is_meeting else None
    update: dict = {}
    if _after(start, published):
        if _plannable(fact):
            update["planned"] = True
        elif _effective(fact) or _first(start) - _first(published) <= _rules()["misread_within_days"]:
            start, end = None, None
            update.update({"start": None, "end": None} if is_meeting else {"date": None})
        else:
            anchor = _anchor_year(dates, fact.evidence)
            moved = redate(start, published, anchor)
            shift = int(moved[:4]) - int(start[:4]) if moved else 0
            end = f"{int(end[:4]) + shift}{end[4:]}" if moved and end and re.match(r"^\d{4}", end) else None
            start = moved
            update.update({"start": start, "end": end} if is_meeting else {"date": start})
    if background(start, end, published):
        update["background"] = True
    if isinstance(fact, Agreement) and fact.quantity is not None:
        unit = duration_unit(fact)
        if unit:
            update["unit"] = unit
    return fact.model_copy(update=update) if update else fact


def settle(record: Record) -> Record:
    """``record`` with its meetings, agreements and incidents dated sanely and flagged (see the module)."""
    published = record.document.published
    if not published:
        return record
    dates = list(record.dates)

    def fix(items):
        return [_settle_event(f, dates, published) for f in items]

    return record.model_copy(update={"meetings": fix(record.meetings), "agreements": fix(record.agreements),
                                     "incidents": fix(record.incidents)})
