"""What a person reads when a query parameter is wrong: one sentence per parameter, no pydantic."""

from __future__ import annotations

import pytest

from detente.web.params import explain


@pytest.mark.parametrize("error, says", [
    ({"type": "int_parsing", "loc": ("query", "page"), "input": "two"}, "page: “two” is not a whole number"),
    ({"type": "greater_than_equal", "loc": ("query", "per"), "input": "0", "ctx": {"ge": 1}},
     "per: “0” is out of range; use a whole number from 1"),
    ({"type": "less_than_equal", "loc": ("query", "per"), "input": "9999", "ctx": {"le": 500}}, "up to 500"),
    ({"type": "literal_error", "loc": ("query", "sort"), "input": "colour", "ctx": {"expected": "'published' or 'facts'"}},
     "sort: “colour” is not one of 'published' or 'facts'"),
    ({"type": "value_error", "loc": ("query", "since"), "input": "2026-02-30", "msg": "Value error, “2026-02-30” is not a date",
      "ctx": {"error": ValueError("“2026-02-30” is not a date")}}, "since: “2026-02-30” is not a date"),
    ({"type": "string_pattern_mismatch", "loc": ("query", "until"), "input": "x", "ctx": {"pattern": r"^\d{4}$"}},
     "until: “x” is not in the expected form"),
    ({"type": "something_new", "loc": ("query", "q"), "input": "x"}, "q: “x” is not a valid value"),
])
def test_explain_says_what_is_wrong_in_words(error, says):
    (sentence,) = explain([error])
    assert says in sentence and "\\d" not in sentence and "Input should" not in sentence


def test_calendar_dates_only(client):
    for bad in ("2026-02-30", "2026-13", "last-week", "20260205"):
        r = client.get("/quotes", params={"since": bad})
        assert r.status_code == 400 and "is not a date on the calendar" in r.text, bad
    for good in ("2026", "2026-02", "2026-02-28", ""):
        assert client.get("/quotes", params={"since": good}).status_code == 200, good
