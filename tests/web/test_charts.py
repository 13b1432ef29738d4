"""SVG chart geometry: dates at any precision on one axis, markers inside the plot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from detente.web.charts import (
    LEFT, RIGHT, STEP_WIDTH, WIDTH, TimeScale, build_step_chart, build_timeline, chart_span, parse_day,
)


@pytest.mark.parametrize(
    "raw, expected",
    [("2026-02-05", date(2026, 2, 5)), ("2025-05", date(2025, 5, 1)), ("1994", date(1994, 1, 1)),
     (None, None), ("", None), ("soon", None), ("2026-13-01", None), ("2026-02-05T10:00:00", date(2026, 2, 5))],
)
def test_parse_day(raw, expected):
    assert parse_day(raw) == expected


def test_scale_ends_and_ticks():
    scale = TimeScale(date(2025, 1, 1), date(2025, 12, 31))
    assert scale.x(date(2025, 1, 1)) == LEFT and scale.x(date(2025, 12, 31)) == WIDTH - RIGHT
    ticks = scale.ticks()
    assert 2 <= len(ticks) <= 12 and all(LEFT <= t.x <= WIDTH - RIGHT for t in ticks)
    years = TimeScale(date(2010, 1, 1), date(2026, 1, 1)).ticks()
    assert all(t.label.isdigit() for t in years) and len(years) <= 10
    days = TimeScale(date(2026, 2, 6), date(2026, 2, 16)).ticks()
    assert days[0].label == "6 Feb" and 2 <= len(days) <= 10 and days[0].x == LEFT


@dataclass
class Ev:
    date: str | None
    kind: str
    title: str


def test_timeline_lanes_and_undated():
    events = [Ev("2025-05-16", "meeting", "Istanbul"), Ev("2025-05-16", "meeting", "Istanbul, day 2"),
              Ev("2025-06", "agreement", "swap"), Ev(None, "incident", "strike"), Ev("2026-01-01", "odd", "x")]
    tl = build_timeline(events, lambda e: f"/e/{e.title}")
    assert tl.undated == 1 and len(tl.markers) == 4
    lanes = dict(tl.lanes)
    meeting = [m for m in tl.markers if m.lane == "meeting"]
    assert meeting[0].x == meeting[1].x and meeting[0].y != meeting[1].y  # stacked, not hidden
    assert [m.lane for m in tl.markers if m.title == "x"] == ["statement"]
    assert all(LEFT <= m.x <= WIDTH - RIGHT for m in tl.markers)
    assert abs(tl.markers[2].y - lanes["agreement"]) < 1
    assert build_timeline([Ev(None, "meeting", "x")]) is None


def test_one_day_timeline_has_room():
    tl = build_timeline([Ev("2025-05-16", "meeting", "a")])
    assert LEFT < tl.markers[0].x < WIDTH - RIGHT


@dataclass
class P:
    date: str | None
    gap: float | None
    stances: dict


PARTIES = ["Russia", "Ukraine"]
POINTS = [P("2024-06-01", None, {"Russia": "reject"}),
          P("2025-01-01", 1.0, {"Russia": "reject", "Ukraine": "propose"}),
          P("2025-06-01", 0.5, {"Russia": "demand", "Ukraine": "propose"}),
          P("2025-09-01", 0.0, {"Russia": "accept", "Ukraine": "propose"})]


def test_step_chart_steps_and_levels():
    chart = build_step_chart("ceasefire", POINTS, PARTIES, "2024-06-01", "2025-12-31", trend="narrowing")
    assert [s.gap for s in chart.steps] == [None, 1.0, 0.5, 0.0]
    open_, partial, closed = (y for y, _ in chart.levels)
    assert [s.y for s in chart.steps[1:]] == [open_, partial, closed]
    # the unknown start draws nothing; then a run, a drop, a run ... to the right edge
    assert chart.path.startswith(f"M{chart.steps[1].x},{open_} H{chart.steps[2].x} V{partial}")
    assert chart.path.endswith(f"H{chart.right}")
    assert all(chart.left <= s.x <= chart.right <= STEP_WIDTH for s in chart.steps)


def test_each_party_has_its_lane_with_every_stance():
    chart = build_step_chart("ceasefire", POINTS, PARTIES, "2024-06-01", "2025-12-31")
    russia, ukraine = chart.lanes
    assert (russia.party, russia.css, ukraine.css) == ("Russia", "party-a", "party-b")
    assert [g.stance for g in russia.segments] == ["reject", "demand", "accept"]
    assert [g.stance for g in ukraine.segments] == [None, "propose"]
    assert [g.text for g in ukraine.segments] == ["?", "propose"]
    ends = [g.x + g.width for g in russia.segments]
    assert ends[:-1] == [g.x for g in russia.segments[1:]] and ends[-1] == pytest.approx(chart.right, abs=0.2)


def test_window_carries_the_state_in_and_leaves_later_points_out():
    chart = build_step_chart("ceasefire", POINTS, PARTIES, "2025-03-01", "2025-07-01")
    assert [s.gap for s in chart.steps] == [1.0, 0.5]  # the state on 1 March, then the June change
    assert chart.steps[0].x == chart.left and chart.steps[0].date == "2025-01-01"


def test_narrow_segments_get_a_letter_or_nothing():
    crowded = [P(f"2025-01-{d:02d}", 0.5, {"Russia": s, "Ukraine": "demand"})
               for d, s in [(1, "propose"), (2, "demand"), (3, "accept"), (28, "reject")]]
    chart = build_step_chart("x", crowded, PARTIES, "2025-01-01", "2025-12-31")
    texts = [g.text for g in chart.lanes[0].segments]
    assert texts[-1] == "reject" and all(len(t) <= 1 for t in texts[:-1])


def test_no_chart_without_dated_points_or_two_parties():
    assert build_step_chart("x", [P(None, 1.0, {})], PARTIES, None, None) is None
    assert build_step_chart("x", POINTS, ["Russia"], None, None) is None
    assert build_step_chart("x", POINTS, PARTIES, "2026-01-01", "2026-06-01").steps[0].gap == 0.0


def test_timeline_range_is_the_reporting_window_plus_planned():
    events = [Ev("1994", "agreement", "memorandum"), Ev("2025-03-01", "meeting", "Riyadh"),
              Ev("2026-02-01", "meeting", "Abu Dhabi"), Ev(None, "incident", "strike")]
    planned = Ev("2026-06", "agreement", "deadline")
    planned.planned = True
    span = chart_span("2025-02-10", "2026-02-20", [*events, planned])
    assert span == (date(2025, 2, 10), date(2026, 6, 1))
    tl = build_timeline([*events, planned], span=span)
    assert [m.title for m in tl.markers] == ["Riyadh", "Abu Dhabi", "deadline"]
    assert (tl.outside, tl.undated) == (1, 1) and "1994" not in [t.label for t in tl.ticks]
    one_day = build_timeline([Ev("2024-09-17", "incident", "attack")], span=chart_span("2024-09-20", "2024-09-20", []))
    assert [m.title for m in one_day.markers] == ["attack"]  # a one-report process keeps room around its day
    assert chart_span(None, "2026-01-01", events) is None
