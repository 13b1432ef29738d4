"""Cross-report identity rules (pure: no store)."""

from __future__ import annotations

import pytest

from detente.merge import (
    RULES, Candidate, MergedAgreement, MergedIncident, MergedMeeting, days_apart, label, pick, similar_text, split_name, token_key,
)
from detente.records import Actor, Agreement, Meeting, Quote


@pytest.mark.parametrize("a, b", [
    ("Zelenskyy", "Zelensky"), ("Zelenskiy", "Zelenskii"), ("Dmitry", "Dmitriy"), ("Sergei", "Sergey"),
    ("Witkoff", "Witkof"), ("Yevgeny", "Evgeny"), ("Mykhailo", "Mykhaylo"), ("Zelénskyy", "Zelenskyy"),
])
def test_transliterations_share_a_key(a, b):
    assert token_key(a) == token_key(b)


@pytest.mark.parametrize("a, b", [("Putin", "Peskov"), ("Umerov", "Usyk"), ("Trump", "Truman")])
def test_different_names_differ(a, b):
    assert token_key(a) != token_key(b)


@pytest.mark.parametrize("name, first, last", [
    ("President Volodymyr Zelenskyy", "volodimir", "zelenski"), ("Zelensky", None, "zelenski"),
])
def test_split_name(name, first, last):
    assert split_name(name) == (first, last)


def _cands(rule, facts, ctx=None):
    out = []
    for i, f in enumerate(facts, 1):
        merged = rule.start(f, ctx or {})
        out.append(Candidate(i, rule.label(merged), ctx and ctx.get("published"), None, merged))
    return out


@pytest.mark.parametrize("existing, new, merged", [
    (["Volodymyr Zelenskyy"], "Volodymyr Zelensky", True),
    (["Volodymyr Zelenskyy"], "Zelenskiy", True),  # bare surname, one person has it
    (["Volodymyr Zelenskyy"], "V. Zelenskyy", True),
    (["Donald Trump"], "Melania Trump", False),
    (["Donald Trump", "Melania Trump"], "Trump", False),  # ambiguous bare surname
])
def test_person_merge(existing, new, merged):
    rule = RULES["actors"]
    cands = _cands(rule, [Actor(name=n, kind="person") for n in existing])
    assert (pick(rule, cands, Actor(name=new, kind="person"), {}) is not None) is merged


def test_actor_label_prefers_full_commonest_form():
    rule = RULES["actors"]
    attrs = rule.start(Actor(name="Zelensky", kind="person"), {})
    for n in ("Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"):
        attrs = rule.fold(attrs, rule.start(Actor(name=n, kind="person"), {}))
    assert rule.label(attrs) == "Volodymyr Zelenskyy"


@pytest.mark.parametrize("a, b, days", [
    (("2026-02-04", "2026-02-05"), ("2026-02-05", None), 0), (("2026-02-01", None), ("2026-02-05", None), 4),
    (("2025-05", None), ("2025-05-16", None), 0), ((None, None), ("2025-05-16", None), None),
])
def test_days_apart(a, b, days):
    assert days_apart(a[0], b[0], a[1], b[1]) == days


@pytest.mark.parametrize("new, merged", [
    (Meeting(place="Abu Dhabi", start="2026-02-05"), True),
    (Meeting(place="Abu Dhabi", start="2026-02-20"), False),
])
def test_meeting_same_place_near_dates(new, merged):
    rule = RULES["meetings"]
    cands = _cands(rule, [Meeting(place="Abu Dhabi", start="2026-02-04", end="2026-02-05")])
    assert (pick(rule, cands, new, {}) is not None) is merged


@pytest.mark.parametrize("new, merged", [
    (Agreement(kind="prisoner_exchange", parties=["Ukraine", "Russia"], quantity=314, date="2026-02-06"), True),
    (Agreement(kind="prisoner_exchange", parties=[], quantity=None, date="2026-02-05"), True),
    (Agreement(kind="prisoner_exchange", parties=["Russia", "Ukraine"], quantity=157, date="2026-02-05"), False),
    (Agreement(kind="prisoner_exchange", parties=["Russia", "Ukraine"], quantity=314, date="2026-03-05"), False),
    (Agreement(kind="prisoner_exchange", parties=["Israel", "Hamas"], quantity=314, date="2026-02-05"), False),
])
def test_agreement_same_deal(new, merged):
    rule = RULES["agreements"]
    old = Agreement(kind="prisoner_exchange", parties=["Russia", "Ukraine"], quantity=314, date="2026-02-05")
    cands = [Candidate(1, "x", "2026-02-05", "2026-02-05", rule.start(old, {}))]
    assert (pick(rule, cands, new, {}) is not None) is merged


@pytest.mark.parametrize("a, b, same", [
    ("We want a just peace,", "We want a just peace.", True),
    ("meaningful and productive, focusing on concrete steps", "Meaningful and productive, focusing on concrete steps.", True),
    ("the talks were meaningful and productive, focusing on concrete steps and practical solutions",
     "focusing on concrete steps and practical solutions", True),
    ("We want a just peace", "We will never accept occupation", False),
    ("yes", "no", False),
])
def test_quote_similarity(a, b, same):
    assert similar_text(a, b) is same


def test_quote_rule_merges_repeats():
    rule = RULES["quotes"]
    cands = _cands(rule, [Quote(speaker="Peskov", kind="direct", text="Our position remains unchanged.")])
    assert pick(rule, cands, Quote(speaker="Peskov", kind="indirect", text="our position remains unchanged"), {})


def test_merged_things_are_typed_and_round_trip_through_json():
    """What the store keeps (JSON) comes back as the same typed value; keys it no longer knows are dropped."""
    from detente.merge import MERGED, MergedActor, merged_from, merged_json

    rule = RULES["actors"]
    merged = rule.fold(rule.start(Actor(name="Zelensky", kind="person"), {}),
                       rule.start(Actor(name="Volodymyr Zelenskyy", kind="person", affiliation="Ukraine"), {}))
    assert isinstance(merged, MergedActor) and merged.affiliation == "Ukraine"
    assert merged_from("actor", {**merged_json(merged), "retired": 1}) == merged
    assert set(MERGED) == {rule.kind for rule in RULES.values()}


@pytest.mark.parametrize("merged, expected", [
    (MergedMeeting(place="Belarus"), "talks in Belarus"),  # not "talks talks in Belarus"
    (MergedMeeting(place="Istanbul", parties=["Russia", "Ukraine"]), "talks in Istanbul"),
    (MergedMeeting(parties=["Israel", "Hamas"]), "talks between Israel and Hamas"),
    (MergedMeeting(), "talks"),
    (MergedAgreement(kind="ceasefire", quantity=60, unit="day"), "60-day ceasefire"),
    (MergedAgreement(kind="humanitarian", quantity=15, unit="day"), "15-day humanitarian truce"),
    (MergedAgreement(kind="ceasefire", quantity=72, unit="hour", parties=["DR Congo", "Rwanda"]), "72-hour ceasefire"),
    (MergedAgreement(kind="ceasefire", quantity=3), "ceasefire"),  # a number without its unit is not shown bare
    (MergedAgreement(kind="prisoner_exchange", quantity=1000), "exchange of 1,000 prisoners"),
    (MergedAgreement(kind="framework"), "framework agreement"),
    (MergedIncident(kind="attack", actor="Russia", target="Kyiv"), "attack by Russia on Kyiv"),
    (MergedIncident(kind="violation", actor="Russia", target="the energy truce"),
     "violation of the energy truce by Russia"),
    (MergedIncident(kind="casualties", actor="Israel", target="67,000 Palestinians"),
     "casualties: 67,000 Palestinians (Israel)"),
    (MergedIncident(kind="attack", actor="Ukraine", target="an oil pumping station in southern Russia that serves a "
                    "pipeline carrying oil"), "attack by Ukraine on an oil pumping station in southern Russia that serves a…"),
])
def test_labels_read_as_a_person_writes_them(merged, expected):
    assert label(merged) == expected


@pytest.mark.parametrize("flags, merged_flags", [
    ([True, True], True), ([True, False], False), ([False, True], False),
])
def test_a_merged_event_is_background_only_if_every_report_says_so(flags, merged_flags):
    rule = RULES["meetings"]
    facts = [Meeting(place="Istanbul", start="2022-03-29", background=b) for b in flags]
    merged = rule.start(facts[0], {})
    for f in facts[1:]:
        merged = rule.fold(merged, rule.start(f, {}))
    assert merged.background is merged_flags
