"""Chart geometry, part two: points on two axes (line chart, scatter) and the flow diagram.

The axes, the dimensions and the bar layouts are in :mod:`calculators.layout`, which
re-exports every name here; ``macros/charts.py`` reads them as ``layout.lines`` etc.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from calculators.layout_axes import BOTTOM, LEFT, PLOT_HEIGHT, RIGHT, TOP, WIDTH, Axis, axis

__all__ = ["Flow", "FlowBox", "Plot", "Point", "Series", "flow", "lines", "scatter"]


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
