"""The gap rule table and its series over time (pure)."""

from __future__ import annotations

import pytest

from detente.gap import GAP, Stated, gap_of, series, trend


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
