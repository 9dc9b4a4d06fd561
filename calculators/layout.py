"""Geometry for build-time charts: axes, ticks and where every bar, point and line goes.

Kept here, not in the templates, so that no arithmetic happens outside ``calculators/``:
``macros/charts.py`` only prints these coordinates as SVG. Coordinates are SVG user units of
a ``WIDTH``-wide view box (y grows downwards). Five chart kinds share two layouts, and a
sixth, the flow diagram (:func:`flow`: labelled steps joined by arrows), has its own:

* rows of horizontal spans on one value axis: the stacked bar (:func:`stacked`), the
  waterfall (:func:`waterfall`) and the timeline (:func:`timeline`, serial or parallel);
* points on two axes, linear or logarithmic: the line chart (:func:`lines`) and the scatter
  (:func:`scatter`, with an optional equality line y = x).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Axis", "Bar", "Bars", "Flow", "FlowBox", "Plot", "Point", "Series", "Tick", "WIDTH",
    "axis", "lines", "scatter", "stacked", "timeline", "waterfall",
]

WIDTH = 560.0
ROW_HEIGHT = 36.0  # one row of a bar chart: a label line, then the bar
BAR_HEIGHT = 16.0
PLOT_HEIGHT = 240.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, 32.0, 24.0, 44.0
BAR_LEFT = 28.0  # room for half a tick label left of zero
TICK_GAP, LABEL_GAP = 16.0, 36.0  # below an x axis: tick labels, then the axis label


@dataclass(frozen=True)
class Tick:
    value: float
    position: float  # along the axis
    x: float  # where its label is anchored
    y: float
    grid: tuple[float, float, float, float]  # the grid line across the plot


@dataclass(frozen=True)
class Axis:
    """A value axis mapped onto ``[start, end]`` user units (``end < start`` for y)."""

    lo: float
    hi: float
    log: bool
    start: float
    end: float
    ticks: tuple[Tick, ...] = ()
    line: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    label_at: tuple[float, float] = (0.0, 0.0)

    def position(self, value: float) -> float:
        if self.log:
            if value <= 0:
                raise ValueError(f"a logarithmic axis cannot show {value!r}")
            fraction = (math.log10(value) - math.log10(self.lo)) / (
                math.log10(self.hi) - math.log10(self.lo))
        else:
            fraction = (value - self.lo) / (self.hi - self.lo)
        return self.start + fraction * (self.end - self.start)


def _nice_step(span: float, count: int) -> float:
    raw = span / max(1, count)
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if raw <= m * power * (1 + 1e-9))


def _tick_values(lo: float, hi: float, log: bool, count: int) -> list[float]:
    if log:
        first, last = math.floor(math.log10(lo)), max(math.ceil(math.log10(hi)),
                                                      math.floor(math.log10(lo)) + 1)
        values = [10.0 ** e for e in range(first, last + 1)]
        if len(values) <= 3:  # too few decades to read: add the 2s and 5s
            values = sorted({d * m for d in values[:-1] for m in (1, 2, 5)} | {values[-1]})
        return values
    step = _nice_step(hi - lo, count)
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [float(f"{i * step:.12g}") for i in range(first, last + 1)]  # 0.3, not 0.30000000000000004


def axis(values: Sequence[float], start: float, end: float, cross: float, other_end: float,
         log: bool = False, zero: bool = False, vertical: bool = False, count: int = 5) -> Axis:
    """An axis spanning ``values`` with round ticks, drawn at ``cross`` on the other axis (its
    grid lines reach ``other_end``); ``zero`` keeps 0 in range on a linear axis."""
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        raise ValueError("an axis needs at least one finite value")
    if log and min(finite) <= 0:
        raise ValueError("a logarithmic axis needs positive values")
    lo, hi = min(finite), max(finite)
    if zero and not log:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi == lo:
        lo, hi = (lo / 2, lo * 2) if log else (lo - 1, hi + 1)
    values_at = _tick_values(lo, hi, log, count)
    scale = Axis(values_at[0], values_at[-1], log, start, end)
    ticks = []
    for value in values_at:
        p = scale.position(value)
        if vertical:
            ticks.append(Tick(value, p, cross - 6, p + 4, (cross, p, other_end, p)))
        else:
            ticks.append(Tick(value, p, p, cross + TICK_GAP, (p, cross, p, other_end)))
    if vertical:
        line, label_at = (cross, start, cross, end), (8.0, end - 10)
    else:
        line, label_at = (start, cross, end, cross), (end, cross + LABEL_GAP)
    return Axis(scale.lo, scale.hi, log, start, end, tuple(ticks), line, label_at)


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: float
    begin: float  # in data units, so the table can say where each span starts and ends
    end: float
    share_ratio: float  # of the chart's total (0 when the total is 0)
    x: float
    width: float
    bar_y: float
    label_y: float
    unit_x: float = 0.0  # the same span in 0-100 units of the plot (a live chart's redraw)
    unit_width: float = 0.0


@dataclass(frozen=True)
class Bars:
    bars: tuple[Bar, ...]
    axis: Axis
    height: float
    total: float  # the sum (stacked bar, waterfall) or the finish time (timeline)
    stacked: bool
    span: tuple[float, float] = (0.0, 0.0)  # the plot's x and width in user units


def _rows(spans: Sequence[tuple[str, str, float, float, float]], total: float,
          one_row: bool = False) -> Bars:
    """Spans ``(key, label, value, begin, end)`` on one horizontal axis, a row each (or all
    on ``one_row``)."""
    if not spans:
        raise ValueError("a bar chart needs at least one row")
    rows = 1 if one_row else len(spans)
    bottom = TOP + rows * ROW_HEIGHT
    edges = [edge for _, _, _, begin, end in spans for edge in (begin, end)]
    x_axis = axis(edges, BAR_LEFT, WIDTH - RIGHT, bottom, TOP, zero=True)
    bars = []
    for index, (key, label, value, begin, end) in enumerate(spans):
        x0, x1 = sorted((x_axis.position(begin), x_axis.position(end)))
        top = TOP + (0 if one_row else index) * ROW_HEIGHT
        share = abs(value) / abs(total) if total else 0.0
        plot = x_axis.end - x_axis.start
        bars.append(Bar(key, label, value, begin, end, share, x0, x1 - x0,
                        top + ROW_HEIGHT - BAR_HEIGHT - 4, top + 12,
                        100 * (x0 - x_axis.start) / plot, 100 * (x1 - x0) / plot))
    return Bars(tuple(bars), x_axis, bottom + BOTTOM, total, one_row,
                (x_axis.start, x_axis.end - x_axis.start))


def _cumulative(items: Sequence[tuple[str, str, float]]) -> list[tuple[str, str, float, float, float]]:
    spans, running = [], 0.0
    for key, label, value in items:
        if not math.isfinite(value):
            raise ValueError(f"item {key} is not finite")
        spans.append((key, label, value, running, running + value))
        running += value
    return spans


def stacked(items: Sequence[tuple[str, str, float]], shares: bool = False) -> Bars:
    """``(key, label, value)`` parts of one whole, side by side in order on one bar. Zero
    parts keep their place (zero width) so the table still lists them. With ``shares`` the
    axis runs over shares of the total (0 to 1), which stay true when a live result redraws
    the parts (``begin``/``end`` are then shares too)."""
    if any(value < 0 for _, _, value in items):
        raise ValueError("a stacked bar cannot show a negative part")
    spans = _cumulative(items)
    total = spans[-1][4] if spans else 0.0
    if total <= 0:
        raise ValueError("a stacked bar needs a positive total")
    if shares:
        spans = [(k, label, v, b / total, e / total) for k, label, v, b, e in spans]
    return _rows(spans, total, one_row=True)


def waterfall(items: Sequence[tuple[str, str, float]], total_label: str = "Total") -> Bars:
    """Each step starts where the previous one ended (a negative step goes back), then the
    total as its own bar from zero."""
    spans = _cumulative(items)
    total = spans[-1][4] if spans else 0.0
    return _rows([*spans, ("total", total_label, total, 0.0, total)], total)


def timeline(items: Sequence[Sequence[object]], arrangement: str = "serial") -> Bars:
    """Tasks on a time axis: ``serial`` (``(key, label, duration)``, one after another),
    ``parallel`` (the same, all from zero) or ``given`` (``(key, label, start, duration)``).
    The total is the finish time."""
    if arrangement not in ("serial", "parallel", "given"):
        raise ValueError(f"arrangement must be serial, parallel or given, not {arrangement!r}")
    spans, clock = [], 0.0
    for item in items:
        key, label = str(item[0]), str(item[1])
        if arrangement == "given":
            start, duration = float(item[2]), float(item[3])  # type: ignore[arg-type]
        else:
            start, duration = (clock if arrangement == "serial" else 0.0), float(item[2])  # type: ignore[arg-type]
        if not (math.isfinite(start) and math.isfinite(duration)) or start < 0 or duration < 0:
            raise ValueError(f"task {key} needs a finite start and duration of at least 0")
        spans.append((key, label, duration, start, start + duration))
        clock = start + duration
    if not spans:
        raise ValueError("a timeline needs at least one task")
    return _rows(spans, max(span[4] for span in spans))


@dataclass(frozen=True)
class Point:
    label: str
    x_value: float
    y_value: float
    x: float
    y: float

    @property
    def label_at(self) -> tuple[float, float]:
        """Where a point's own label goes: up and to the right of it."""
        return self.x + 7, self.y - 7


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Plot:
    series: tuple[Series, ...]
    x_axis: Axis
    y_axis: Axis
    height: float
    equality: tuple[float, float, float, float] | None  # the line y = x, corner to corner


def _plot(named: Sequence[tuple[str, Sequence[tuple[str, float, float]]]], x_log: bool,
          y_log: bool, same_range: bool = False) -> Plot:
    xs = [x for _, pts in named for _, x, _ in pts]
    ys = [y for _, pts in named for _, _, y in pts]
    if not xs:
        raise ValueError("a plot needs at least one point")
    bottom, right = TOP + PLOT_HEIGHT, WIDTH - RIGHT
    x_values, y_values = (xs + ys, xs + ys) if same_range else (xs, ys)
    x_axis = axis(x_values, LEFT, right, bottom, TOP, log=x_log, zero=not same_range)
    y_axis = axis(y_values, bottom, TOP, LEFT, right, log=y_log, zero=not same_range,
                  vertical=True)
    series = tuple(
        Series(label, tuple(Point(name, x, y, x_axis.position(x), y_axis.position(y))
                            for name, x, y in pts))
        for label, pts in named
    )
    return Plot(series, x_axis, y_axis, bottom + BOTTOM, None)


def lines(series: Sequence[tuple[str, Sequence[tuple[float, float]]]], x_log: bool = False,
          y_log: bool = False) -> Plot:
    """Several series ``(label, [(x, y), ...])`` on shared axes (a sweep: one line each)."""
    return _plot([(label, [("", x, y) for x, y in pts]) for label, pts in series], x_log, y_log)


def scatter(points: Sequence[tuple[str, float, float]], log: bool = False,
            equality: bool = True) -> Plot:
    """Labelled points ``(label, x, y)``; with ``equality`` both axes share one range and the
    line y = x runs corner to corner (predicted against published: on the line is exact)."""
    plot = _plot([("", points)], log, log, same_range=equality)
    if not equality:
        return plot
    lo, hi = plot.x_axis.lo, plot.x_axis.hi
    line = (plot.x_axis.position(lo), plot.y_axis.position(lo),
            plot.x_axis.position(hi), plot.y_axis.position(hi))
    return Plot(plot.series, plot.x_axis, plot.y_axis, plot.height, line)


FLOW_BOX_HEIGHT, FLOW_GAP, FLOW_MARGIN = 30.0, 16.0, 8.0


@dataclass(frozen=True)
class FlowBox:
    label: str
    x: float
    y: float
    width: float
    height: float
    #: The arrow from this box to the next (x1, y1, x2, y2), or None for the last box.
    arrow: tuple[float, float, float, float] | None


@dataclass(frozen=True)
class Flow:
    boxes: tuple[FlowBox, ...]
    height: float


def flow(labels: Sequence[str]) -> Flow:
    """Steps one under another, joined by downward arrows (a request's path through a server)."""
    if not labels:
        raise ValueError("a flow needs at least one step")
    width = WIDTH - 2 * FLOW_MARGIN
    boxes = []
    for index, label in enumerate(labels):
        y = FLOW_MARGIN + index * (FLOW_BOX_HEIGHT + FLOW_GAP)
        last = index == len(labels) - 1
        mid = FLOW_MARGIN + width / 2
        arrow = None if last else (mid, y + FLOW_BOX_HEIGHT, mid, y + FLOW_BOX_HEIGHT + FLOW_GAP - 2)
        boxes.append(FlowBox(str(label), FLOW_MARGIN, y, width, FLOW_BOX_HEIGHT, arrow))
    height = 2 * FLOW_MARGIN + len(labels) * FLOW_BOX_HEIGHT + (len(labels) - 1) * FLOW_GAP
    return Flow(tuple(boxes), height)
