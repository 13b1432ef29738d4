"""Timeline sanity on records (detente.resolve.timeline): dates after the report, background, units."""

from __future__ import annotations

import pytest

from detente.merge import RULES
from detente.records import Agreement, DateMention, Document, Evidence, Incident, Meeting, Record
from detente.resolve.timeline import background, redate, settle

EXPLAINER = ("The first ceasefire talks took place four days after the full-scale invasion in February 2022. "
             "Then, the two sides held three rounds of direct talks in Belarus, ending on March 7, but nothing "
             "was agreed. Ukraine wants to avoid a repeat of the 1994 Budapest Memorandum. "
             "The US gave both sides a June deadline. A 60-day ceasefire was agreed and starts on March 1. "
             "Russia struck Kyiv on Tuesday. A 15-day humanitarian truce held.")


def _ev(phrase: str) -> Evidence:
    start = EXPLAINER.index(phrase)
    return Evidence.of(EXPLAINER, start, start + len(phrase))


def _record(published="2026-02-18", **facts) -> Record:
    doc = Document(id="explainer", text=EXPLAINER, published=published)
    dates = [DateMention(text="February 2022", value="2022-02", evidence=_ev("February 2022")),
             DateMention(text="March 7", value="2026-03-07", evidence=_ev("March 7"))]
    return Record(document=doc.info(), dates=dates, **facts)


BELARUS = Meeting(place="Belarus", start="2026-03-07", end="2026-03-07", evidence=_ev("talks in Belarus"))


def test_talks_mentioned_in_passing_are_redated_and_background():
    (m,) = settle(_record(meetings=[BELARUS])).meetings
    assert (m.start, m.end, m.background) == ("2022-03-07", "2022-03-07", True)
    assert not getattr(m, "planned", False)


@pytest.mark.parametrize("fact, field, value, flags", [
    # the 1994 memorandum: kept, dated, background
    (Agreement(kind="security", status="signed", date="1994", evidence=_ev("1994 Budapest Memorandum")),
     "date", "1994", {"background": True}),
    # a deadline: proposed, after the report → planned
    (Agreement(kind="framework", status="proposed", date="2026-06", evidence=_ev("June deadline")),
     "date", "2026-06", {"planned": True}),
    # agreed now, takes effect later: dated by its report
    (Agreement(kind="ceasefire", status="agreed", quantity=60, date="2026-03-01", evidence=_ev("A 60-day ceasefire")),
     "date", None, {"unit": "day"}),
    # a weekday read forwards: the date is dropped
    (Incident(kind="attack", actor="Russia", date="2026-02-19", evidence=_ev("Russia struck Kyiv on Tuesday")),
     "date", None, {}),
    # a planned meeting keeps its later date
    (Meeting(place="Geneva", start="2026-03-01", planned=True, evidence=_ev("talks in Belarus")),
     "start", "2026-03-01", {"planned": True}),
    # a recent event is neither
    (Agreement(kind="humanitarian", status="agreed", quantity=15, date="2026-02-10",
               evidence=_ev("A 15-day humanitarian truce")), "date", "2026-02-10", {"unit": "day"}),
])
def test_settle(fact, field, value, flags):
    kind = {Agreement: "agreements", Incident: "incidents", Meeting: "meetings"}[type(fact)]
    (out,) = getattr(settle(_record(**{kind: [fact]})), kind)
    assert getattr(out, field) == value
    for flag in ("background", "planned", "unit"):
        assert getattr(out, flag, None) == flags.get(flag, None if flag == "unit" else getattr(fact, flag, None))


def test_no_event_after_its_report_unless_planned():
    facts = {"meetings": [BELARUS, Meeting(place="Riyadh", start="2026-04-01", evidence=_ev("talks in Belarus"))],
             "incidents": [Incident(kind="attack", date="2026-05", evidence=_ev("Russia struck Kyiv"))],
             "agreements": [Agreement(kind="ceasefire", status="signed", date="2026-09-01", evidence=_ev("A 60-day"))]}
    record = settle(_record(**facts))
    for fact in [*record.meetings, *record.incidents, *record.agreements]:
        day = getattr(fact, "start", None) or getattr(fact, "date", None)
        assert getattr(fact, "planned", False) or day is None or day <= "2026-02-18"


def test_flags_round_trip_through_json_and_merge():
    (m,) = settle(_record(meetings=[BELARUS])).meetings
    again = Meeting.model_validate(m.model_dump(mode="json"))
    assert again.background is True
    merged = RULES["meetings"].start(again, {"published": "2026-02-18"})
    assert merged.background and RULES["meetings"].label(merged) == "talks in Belarus"


def test_a_record_without_a_date_is_left_alone():
    record = _record(published=None, meetings=[BELARUS])
    assert settle(record) == record


@pytest.mark.parametrize("value, published, anchor, expected", [
    ("2026-03-07", "2026-02-18", 2022, "2022-03-07"),
    ("2026-03-07", "2026-02-18", None, "2025-03-07"),
    ("2026-03-07", "2026-02-18", 2030, "2025-03-07"),  # an anchor that does not help is ignored
    ("2026-06", "2026-02-18", None, None),  # "a June deadline" misread: no guess
    ("2026-06", "2026-02-18", 2022, "2022-06"),
    ("2027", "2026-02-18", None, None),  # a year alone cannot be mended
])
def test_redate(value, published, anchor, expected):
    assert redate(value, published, anchor) == expected


@pytest.mark.parametrize("start, end, published, expected", [
    ("1994", None, "2025-03-14", True), ("2022-03-07", None, "2026-02-18", True),
    ("2025-11-01", None, "2026-02-18", False), ("2025-01-01", "2025-12-31", "2026-02-18", False),
    (None, None, "2026-02-18", False),
])
def test_background(start, end, published, expected):
    assert background(start, end, published) is expected
