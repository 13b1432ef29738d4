"""Geometry for the server-rendered SVG charts (timeline, gap over time).

Plain numbers and strings out; the templates draw them, autoescaping every
label, so no chart library and no script is needed in the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

__all__ = ["parse_day", "TimeScale", "Marker", "Timeline", "chart_span", "build_timeline", "Step", "Segment", "Lane",
           "StepChart", "build_step_chart"]

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


#: Small multiples: one step chart per issue, this wide, the stance lanes under the plot.
STEP_WIDTH = 340
STEP_LEFT = 86
STEP_RIGHT = 12
#: The gap's three levels, as the rule table in :mod:`detente.gap` gives them.
GAP_LEVELS = ((1.0, "open"), (0.5, "partial"), (0.0, "closed"))


@dataclass(frozen=True)
class Step:
    """One point of a step chart: where the gap (or a party's stance) changes."""

    x: float
    y: float | None  # None: the gap is unknown from here
    date: str
    gap: float | None
    stances: dict[str, str]
    href: str | None = None


@dataclass(frozen=True)
class Segment:
    """A stretch of time over which one party's stance in force stays the same."""

    x: float
    width: float
    stance: str | None  # None: nothing said yet
    text: str  # the stance, its first letter, or nothing: whatever fits
    full: str  # the stance and since when, for the tooltip


@dataclass
class Lane:
    party: str
    short: str  # the party's name cut to fit the left margin
    css: str  # party-a / party-b: two colour-blind-safe colours
    y: float  # top of the lane's bar
    segments: list[Segment] = field(default_factory=list)


@dataclass
class StepChart:
    """The gap on one issue over the reporting window, both parties' stances labelled at each step."""

    issue: str
    width: int
    height: int
    top: float
    bottom: float
    left: float
    right: float
    levels: list[tuple[float, str]]
    ticks: list[Tick]
    steps: list[Step]
    path: str
    lanes: list[Lane]
    trend: str | None = None
    current: float | None = None


def _gap_y(value: float, top: float, bottom: float) -> float:
    return round(bottom - value * (bottom - top), 1)


def _step_path(steps: list[Step], right: float) -> str:
    """Horizontal runs at each known gap, joined by verticals; an unknown gap breaks the line."""
    parts: list[str] = []
    pen = False
    for i, st in enumerate(steps):
        end = steps[i + 1].x if i + 1 < len(steps) else right
        if st.y is None:
            pen = False
            continue
        parts.append(f"V{st.y}" if pen else f"M{st.x},{st.y}")
        parts.append(f"H{end}")
        pen = True
    return " ".join(parts)


def _fit(stance: str | None, width: float) -> str:
    """The label that fits in ``width`` pixels: the stance, its first letter, or nothing."""
    text = stance or "?"
    if width >= 7 * len(text) + 6:
        return text
    return text[:1] if width >= 10 else ""


def _segments(party: str, steps: list[Step], right: float) -> list[Segment]:
    """One segment per run of the same stance, from step to step."""
    runs: list[tuple[float, str | None, str]] = []
    for st in steps:
        stance = st.stances.get(party)
        if not runs or runs[-1][1] != stance:
            runs.append((st.x, stance, st.date))
    out = []
    for i, (x, stance, since) in enumerate(runs):
        end = runs[i + 1][0] if i + 1 < len(runs) else right
        width = round(max(end - x, 2.0), 1)
        out.append(Segment(x, width, stance, _fit(stance, width), f"{party}: {stance or 'nothing said'} from {since}"))
    return out


def build_step_chart(issue: str, points, parties: list[str], first, last, *, trend: str | None = None,
                     current: float | None = None, href=lambda point: None) -> StepChart | None:
    """One small step chart for one issue, on the window ``first``…``last``.

    ``points`` need ``date``, ``gap`` and ``stances`` (party → stance in force), oldest first; a point
    before the window sets the state the chart opens with, points after it are left out. ``href(point)``
    links a step to its evidence.
    """
    first, last = parse_day(first), parse_day(last)
    dated = [(parse_day(p.date), p) for p in points]
    dated = [(d, p) for d, p in dated if d is not None]
    if not dated or len(parties) < 2:
        return None
    first = first or dated[0][0]
    last = last or max(d for d, _ in dated)
    if last < first:
        first, last = last, first
    if first == last:
        first, last = date.fromordinal(first.toordinal() - 15), date.fromordinal(last.toordinal() + 15)
    before = [p for d, p in dated if d < first]
    inside = [(d, p) for d, p in dated if first <= d <= last]
    if before:
        inside.insert(0, (first, before[-1]))
    if not inside:
        return None
    top, bottom = 12.0, 70.0
    scale = TimeScale(first, last, left=STEP_LEFT, right=STEP_WIDTH - STEP_RIGHT)
    steps = [Step(scale.x(d), _gap_y(p.gap, top, bottom) if p.gap is not None else None, p.date or d.isoformat(),
                  p.gap, dict(p.stances), href(p)) for d, p in inside]
    lanes = [Lane(party, party if len(party) <= 12 else party[:11] + "…", f"party-{'ab'[i]}", bottom + 26 + 20 * i,
                  _segments(party, steps, scale.right)) for i, party in enumerate(parties[:2])]
    return StepChart(issue, STEP_WIDTH, int(lanes[-1].y + 22), top, bottom, scale.left, scale.right,
                     [(_gap_y(v, top, bottom), name) for v, name in GAP_LEVELS], scale.ticks(most=3), steps,
                     _step_path(steps, scale.right), lanes, trend, current)
