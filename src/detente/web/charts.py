"""Geometry for the server-rendered SVG charts (timeline, gap over time).

Plain numbers and strings out; the templates draw them, autoescaping every
label, so no chart library and no script is needed in the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

__all__ = ["parse_day", "TimeScale", "Marker", "Timeline", "chart_span", "build_timeline", "Series", "GapChart", "build_gap_chart"]

WIDTH = 960
LEFT = 110
RIGHT = 20
LANES = ("meeting", "agreement", "incident", "statement")


def parse_day(value) -> date | None:
    """A date from ISO text at any precision (``2026-02-05``, ``2026-02``, ``2026``)."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    parts = str(value).strip()[:10].split("-")
    try:
        nums = [int(p) for p in parts if p]
        if not nums or not 1 <= nums[0] <= 9999:
            return None
        return date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1)
    except (ValueError, TypeError):
        return None


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class TimeScale:
    """Days → x pixels, with readable month or year ticks."""

    first: date
    last: date
    left: float = LEFT
    right: float = WIDTH - RIGHT

    def x(self, day: date) -> float:
        span = (self.last - self.first).days or 1
        return round(self.left + (day - self.first).days / span * (self.right - self.left), 1)

    def ticks(self, most: int = 10) -> list[Tick]:
        months = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month
        span = (self.last - self.first).days
        if span <= 92:  # a few weeks: ticks every 1, 2, 7 or 14 days
            step = next(s for s in (1, 2, 7, 14, 31) if span // s + 1 <= most)
            days = [date.fromordinal(self.first.toordinal() + k) for k in range(0, span + 1, step)]
            return [Tick(self.x(d), f"{d.day} {d:%b}") for d in days]
        if months > 36:
            step = max(1, math.ceil((self.last.year - self.first.year + 1) / most))
            days = [date(y, 1, 1) for y in range(self.first.year, self.last.year + 1, step)]
            fmt = "%Y"
        else:
            step = max(1, math.ceil((months + 1) / most))
            days = []
            y, m = self.first.year, self.first.month
            while (y, m) <= (self.last.year, self.last.month):
                days.append(date(y, m, 1))
                m += step
                y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
            fmt = "%b %Y"
        return [Tick(self.x(d), d.strftime(fmt)) for d in days if self.first <= d <= self.last]

    @classmethod
    def around(cls, days: list[date], **kw) -> "TimeScale":
        first, last = min(days), max(days)
        if first == last:
            first, last = date.fromordinal(first.toordinal() - 15), date.fromordinal(last.toordinal() + 15)
        return cls(first, last, **kw)


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    lane: str
    date: str
    title: str
    href: str | None


@dataclass
class Timeline:
    width: int
    height: int
    lanes: list[tuple[str, float]]
    ticks: list[Tick]
    markers: list[Marker]
    axis_y: float
    undated: int = 0
    #: dated events outside the chart's range (history before the reporting window), listed only
    outside: int = 0


def chart_span(first, last, events) -> tuple[date, date] | None:
    """The default range of a process's chart: its reporting window (``first`` … ``last`` report),
    stretched to planned events; background events never stretch it."""
    lo, hi = parse_day(first), parse_day(last)
    if lo is None or hi is None:
        return None
    planned = [d for e in events if getattr(e, "planned", False) and (d := parse_day(e.date))]
    return lo, max([hi, *planned])


def build_timeline(events, href=lambda event: None, *, lane_height: int = 44,
                   span: tuple[date, date] | None = None) -> Timeline | None:
    """Markers per lane (meeting, agreement, incident, statement) on a date axis.

    ``events`` need ``date``, ``kind`` and ``title``; ``href(event)`` links a
    marker to its evidence. Same-day markers in a lane are stacked. With a
    ``span`` (:func:`chart_span`) the axis is that range and events outside
    it are left to the list below the chart (counted in ``outside``).
    """
    events = list(events)
    dated = [(parse_day(e.date), e) for e in events]
    undated = sum(1 for d, _ in dated if d is None)
    if span is not None:
        axis = TimeScale.around(list(span))  # a one-day window gets room either side
        dated = [(d, e) for d, e in dated if d is None or axis.first <= d <= axis.last]
    days = [d for d, _ in dated if d]
    if not days:
        return None
    scale = axis if span is not None else TimeScale.around(days)
    lanes = {name: 30 + i * lane_height for i, name in enumerate(LANES)}
    seen: dict[tuple[str, float], int] = {}
    markers = []
    for day, event in dated:
        if day is None:
            continue
        lane = event.kind if event.kind in lanes else "statement"
        x = scale.x(day)
        n = seen.get((lane, x), 0)
        seen[(lane, x)] = n + 1
        y = lanes[lane] + (0, -11, 11, -5.5, 5.5)[n % 5]
        markers.append(Marker(x, y, lane, str(event.date), str(event.title), href(event)))
    axis_y = 30 + len(LANES) * lane_height - lane_height / 2
    return Timeline(WIDTH, int(axis_y + 30), list(lanes.items()), scale.ticks(), markers, axis_y, undated,
                    len(events) - len(dated))


@dataclass
class Series:
    name: str
    css: str
    points: list[tuple[float, float, str, float]]  # x, y, date, value
    path: str
    trend: str | None = None


@dataclass
class GapChart:
    width: int
    height: int
    top: float
    bottom: float
    ticks: list[Tick]
    y_ticks: list[Tick] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)


def _clip(pts: list[tuple[date, float]], span: tuple[date, date]) -> list[tuple[date, float]]:
    """``pts`` inside ``span``, led by the value in force when it opens (drawn at its first day)."""
    before = [(span[0], v) for d, v in pts if d < span[0]][-1:]
    return before + [(d, v) for d, v in pts if span[0] <= d <= span[1] and (not before or d > span[0])]


def build_gap_chart(series, *, height: int = 260, span: tuple[date, date] | None = None) -> GapChart | None:
    """One line per issue: ``series`` items need ``name``, ``trend`` and ``points``
    of ``(date, value)``; the y axis runs from 0 to the largest value (at least 1).
    With a ``span`` (:func:`chart_span`) the x axis is that range: a gap stated
    before it shows as the value in force when it opens."""
    axis = TimeScale.around(list(span)) if span is not None else None
    clean = []
    for s in series:
        pts = sorted((parse_day(d), float(v)) for d, v in s.points if parse_day(d) is not None and v is not None)
        pts = _clip(pts, (axis.first, axis.last)) if axis else pts
        if pts:
            clean.append((s, pts))
    if not clean:
        return None
    scale = axis or TimeScale.around([d for _, pts in clean for d, _ in pts])
    top, bottom = 20.0, float(height - 30)
    high = max(1.0, max(v for _, pts in clean for _, v in pts))
    low = min(0.0, min(v for _, pts in clean for _, v in pts))

    def y(v: float) -> float:
        return round(bottom - (v - low) / ((high - low) or 1) * (bottom - top), 1)

    out = []
    for i, (s, pts) in enumerate(clean):
        points = [(scale.x(d), y(v), d.isoformat(), v) for d, v in pts]
        path = " ".join(f"{'M' if j == 0 else 'L'}{px},{py}" for j, (px, py, _, _) in enumerate(points))
        out.append(Series(str(s.name), f"series-{i % 8}", points, path, getattr(s, "trend", None)))
    y_ticks = [Tick(y(low + (high - low) * k / 4), f"{low + (high - low) * k / 4:g}") for k in range(5)]
    return GapChart(WIDTH, height, top, bottom, scale.ticks(), y_ticks, out)
