"""SVG chart geometry: dates at any precision on one axis, markers inside the plot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from detente.web.charts import (
    LEFT, RIGHT, WIDTH, TimeScale, build_gap_chart, build_timeline, chart_span, parse_day,
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
class S:
    name: str
    points: list
    trend: str | None = None


def test_gap_chart_scales_zero_to_one():
    chart = build_gap_chart([S("ceasefire", [("2025-01-01", 1.0), ("2025-06-01", 0.5), ("2025-09", None)], "narrowing"),
                             S("territory", [(None, 1.0)])])
    assert len(chart.series) == 1
    (x0, y0, _, v0), (x1, y1, _, v1) = chart.series[0].points
    assert (v0, v1) == (1.0, 0.5) and y0 == chart.top and y1 == pytest.approx((chart.top + chart.bottom) / 2, abs=1)
    assert chart.series[0].path.startswith("M") and " L" in chart.series[0].path
    assert build_gap_chart([S("x", [])]) is None


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


def test_gap_chart_range_starts_with_the_gap_in_force():
    span = (date(2025, 2, 10), date(2026, 2, 20))
    chart = build_gap_chart([S("territory", [("2014", 1.0), ("2024-11", 0.5), ("2025-06-01", 1.0)])], span=span)
    (x0, _, d0, v0), (_, _, d1, v1) = chart.series[0].points
    assert (d0, v0, d1, v1) == ("2025-02-10", 0.5, "2025-06-01", 1.0) and x0 == LEFT
