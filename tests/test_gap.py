"""The gap rule table and its series over time (pure)."""

from __future__ import annotations

import pytest

from detente.gap import GAP, Point, Stated, gap_of, in_force, overall, paired, same_proposal, series, trend, within


@pytest.mark.parametrize("a, b, gap", [
    ("accept", "accept", 0.0), ("propose", "accept", 0.0), ("propose", "reject", 1.0), ("demand", "reject", 1.0),
    ("demand", "accept", 0.5), ("propose", "propose", 0.5), ("reject", "reject", 0.5), (None, "accept", None),
])
def test_rule_table(a, b, gap):
    assert gap_of(a, b) == gap
    assert gap_of(b, a) == gap  # symmetric


def test_table_is_complete_and_symmetric():
    assert len(GAP) == 16 and all(GAP[a, b] == GAP[b, a] for a, b in GAP)


def _s(*rows):
    return [Stated(p, s, d, f"{p}-{d}") for p, s, d in rows]


@pytest.mark.parametrize("rows, gaps, expected_trend", [
    ([("A", "demand", "2026-01-01"), ("B", "reject", "2026-01-02"), ("B", "accept", "2026-02-01")],
     [None, 1.0, 0.5], "narrowing"),
    ([("A", "accept", "2026-01-01"), ("B", "accept", "2026-01-01"), ("B", "reject", "2026-03-01")],
     [0.0, 1.0], "widening"),
    ([("A", "reject", "2026-01-01"), ("B", "propose", "2026-01-02"), ("A", "unchanged", "2026-02-01")],
     [None, 1.0], "steady"),
    ([("A", "propose", "2026-01-01")], [None], None),
    ([("C", "propose", "2026-01-01")], [], None),  # not one of the two parties
])
def test_series_and_trend(rows, gaps, expected_trend):
    points = series(_s(*rows), ["A", "B"])
    assert [p.gap for p in points] == gaps
    assert trend(points) == expected_trend


def test_points_carry_every_source():
    points = series(_s(("A", "reject", "2026-01-01"), ("B", "propose", "2026-01-01"),
                       ("A", "unchanged", "2026-01-05")), ["A", "B"])
    assert [p.sources for p in points] == [["A-2026-01-01", "B-2026-01-01", "A-2026-01-05"]]
    assert points[0].stances == {"A": "reject", "B": "propose"}


# -- the stance in force: outlets, recency, a lone sentence --------------------------

def _by(rows):
    """(stance, date, outlet) rows of party A."""
    return [Stated("A", s, d, f"{o}-{d}", outlet=o, report=f"{o}-{d}") for s, d, o in rows]


@pytest.mark.parametrize("rows, expected, outlets, dissent", [
    # several outlets confirm a rejection; one sentence says accept the week after → still reject
    ([("reject", "2026-01-01", "AP"), ("reject", "2026-01-02", "BBC"), ("reject", "2026-01-03", "TASS"),
      ("accept", "2026-01-10", "NPR")], "reject", 3, 1),
    # … even months later: a confirmed stance waits for the change to be confirmed
    ([("reject", "2026-01-01", "AP"), ("reject", "2026-01-02", "BBC"), ("accept", "2026-06-10", "NPR")],
     "reject", 2, 1),
    # a change two outlets report is a change
    ([("reject", "2026-01-01", "AP"), ("reject", "2026-01-02", "BBC"), ("accept", "2026-06-10", "NPR"),
      ("accept", "2026-06-11", "Reuters")], "accept", 2, 0),
    # one outlet repeating itself is one outlet: the other stance, stated by two, wins
    ([("reject", "2026-01-01", "AP"), ("reject", "2026-01-02", "AP"), ("reject", "2026-01-03", "AP"),
      ("accept", "2026-01-04", "BBC"), ("accept", "2026-01-05", "NPR")], "accept", 2, 3),
    # single statements, one outlet each: the latest wins (recency)
    ([("reject", "2026-01-01", "AP"), ("accept", "2026-01-05", "BBC")], "accept", 1, 1),
    # beyond the recency window an old single statement no longer weighs
    ([("reject", "2026-01-01", "AP"), ("accept", "2026-03-01", "BBC")], "accept", 1, 0),
    # "unchanged" restates the stance in force and counts as support
    ([("reject", "2026-01-01", "AP"), ("unchanged", "2026-01-02", "BBC"), ("accept", "2026-01-03", "NPR")],
     "reject", 2, 1),
    ([("unchanged", "2026-01-01", "AP")], None, 0, 0),
])
def test_stance_in_force(rows, expected, outlets, dissent):
    verdict = in_force(_by(rows), "A")
    assert (verdict.stance if verdict else None) == expected
    if verdict:
        assert (verdict.outlets, verdict.dissent) == (outlets, dissent)


def test_stance_in_force_on_a_date():
    rows = _by([("reject", "2026-01-01", "AP"), ("accept", "2026-03-01", "BBC")])
    assert in_force(rows, "A", "2026-02-01").stance == "reject"
    assert in_force(rows, "A", "2025-12-31") is None


# -- the trend over a window ------------------------------------------------------------

def _points(gaps, start=1):
    return [Point(f"2026-01-{start + i:02d}", g, {}) for i, g in enumerate(gaps)]


@pytest.mark.parametrize("gaps, expected", [
    ([0, 1, 0, 1], "volatile"),  # swings, no net move: never "steady"
    ([1, 0, 1, 0, 1], "volatile"),
    ([0.5, 1, 0.5], "volatile"),
    ([1, 1, 1, 0], "narrowing"),  # a monotone series: its ends
    ([0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], "widening"),
    ([1, 0.5, 1, 0.5, 0, 0], "narrowing"),  # swings, but the last third is well below the first
    ([0, 1, 0, 1, 1, 1], "widening"),
    ([0.5, 0.5], "steady"),
    ([1], "steady"),
    ([None, None], None),
])
def test_trend(gaps, expected):
    assert trend(_points(gaps)) == expected


@pytest.mark.parametrize("since, until, expected", [
    (None, None, "volatile"),
    ("2026-01-04", None, "narrowing"),  # 1, 0.5, 0.5: the window's own movement
    (None, "2026-01-02", "widening"),
    ("2026-01-03", "2026-01-03", "steady"),
    ("2026-01-05T12", None, "steady"),  # 0.5 in force when the window opens, 0.5 after
])
def test_trend_over_a_window(since, until, expected):
    points = _points([0, 1, 0, 1, 0.5, 0.5])
    assert trend(points, since=since, until=until) == expected
    assert within(points, "2026-01-04", None)[0].date == "2026-01-04"
    assert within(points, "2026-01-04", "2026-01-04")[0].date == "2026-01-04"
    assert within(points, "2026-01-03T12", None)[0].date == "2026-01-03"  # the gap in force at the start


def test_series_swinging_ceasefire_is_not_steady():
    rows = [("A", "propose", "2026-01-01"), ("B", "accept", "2026-01-02"), ("B", "reject", "2026-02-15"),
            ("B", "accept", "2026-04-01"), ("B", "reject", "2026-05-15")]
    points = series(_s(*rows), ["A", "B"])
    assert [p.gap for p in points] == [None, 0.0, 1.0, 0.0, 1.0]
    assert trend(points) == "volatile"


@pytest.mark.parametrize("trends, expected", [
    (["narrowing", "widening", "narrowing"], "narrowing"),
    (["volatile", "steady"], "volatile"),
    (["steady", None], "steady"),
    ([None], None),
])
def test_overall(trends, expected):
    assert overall(trends) == expected


# -- positions on the same proposal ---------------------------------------------------------

@pytest.mark.parametrize("a, b, same", [
    ("Russia demands Ukraine withdraw from Donbas.", "Ukraine rejects withdrawal.", True),
    ("Russia demands Ukraine withdraw from Donbas.", "Ukraine accepts a prisoner exchange.", False),
    ("Russia rejected a ceasefire.", "Ukraine demands a full ceasefire.", True),
    ("Ukraine wants security guarantees from Europe.", "Russia rejected a ceasefire.", False),
])
def test_same_proposal_by_words(a, b, same):
    names = frozenset({"russia", "ukraine"})
    assert same_proposal(Stated("Russia", "demand", None, claim=a), Stated("Ukraine", "reject", None, claim=b),
                         names) is same


def test_same_proposal_by_vectors():
    a = Stated("A", "demand", None, claim="withdraw from Donbas", vector=(127, 0))
    assert same_proposal(a, Stated("B", "reject", None, claim="no withdrawal", vector=(120, 40)))
    assert not same_proposal(a, Stated("B", "reject", None, claim="no withdrawal", vector=(0, 127)))
    assert not same_proposal(a, Stated("B", "reject", None, claim="a ceasefire", vector=(127, 0)))  # no word shared


def test_paired_makes_the_open_gap():
    demand = Stated("Russia", "demand", "2026-01-01", "r", claim="Russia demands Ukraine withdraw from Donbas.")
    reject = Stated("Ukraine", "reject", "2026-01-02", "u", claim="Ukraine rejects withdrawal.")
    other = Stated("Ukraine", "accept", "2026-01-02", "x", claim="Ukraine accepts a prisoner exchange.")
    far = Stated("Ukraine", "reject", "2026-06-02", "f", claim="Ukraine rejects withdrawal again.")
    by_issue = paired({"territory": [demand], "security_guarantees": [reject, far], "prisoners": [other]},
                      ["Russia", "Ukraine"])
    assert [s.source for s in by_issue["territory"]] == ["r", "u"]  # not "f": months apart
    assert series(by_issue["territory"], ["Russia", "Ukraine"])[-1].gap == 1.0
    assert [s.source for s in by_issue["prisoners"]] == ["x"]
    assert paired({"territory": [demand, demand]}, ["Russia", "Ukraine"])["territory"] == [demand, demand]
