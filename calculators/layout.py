"""Geometry for build-time charts: axes, ticks and where every bar, point and line goes.

Kept here, not in the templates, so that no arithmetic happens outside ``calculators/``:
``macros/charts.py`` only prints these coordinates as SVG. Coordinates are SVG user units of
a ``WIDTH``-wide view box (y grows downwards). Five chart kinds share two layouts, and a
sixth, the flow diagram (:func:`flow`: labelled steps joined by arrows), has its own:

* rows of horizontal spans on one value axis: the stacked bar (:func:`stacked`), the
  waterfall (:func:`waterfall`) and the timeline (:func:`timeline`, serial or parallel);
* points on two axes, linear or logarithmic: the line chart (:func:`lines`) and the scatter
  (:func:`scatter`, with an optional equality line y = x).

This module holds the bar rows; the dimensions and axes are in :mod:`calculators.layout_axes`,
the point layouts and the flow in :mod:`calculators.layout_plots`. Every name is importable
from here (``layout.lines``, ``layout.WIDTH``), as ``macros/charts.py`` uses them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from calculators.layout_axes import (  # the dimensions and axes, re-exported
    BAR_HEIGHT, BAR_LEFT, BOTTOM, LABEL_GAP, LEFT, PLOT_HEIGHT, RIGHT, ROW_HEIGHT, TICK_GAP, TOP,
    WIDTH, Axis, Tick, axis,
)
from calculators.layout_plots import (  # the point layouts and the flow diagram, re-exported
    Flow, FlowBox, Plot, Point, Series, flow, lines, scatter,
)

__all__ = [
    "BAR_HEIGHT", "BAR_LEFT", "BOTTOM", "LABEL_GAP", "LEFT", "PLOT_HEIGHT", "RIGHT",
    "ROW_HEIGHT", "TICK_GAP", "TOP", "WIDTH", "Axis", "Bar", "Bars", "Flow", "FlowBox", "Plot",
    "Point", "Series", "Tick", "axis", "flow", "lines", "scatter", "stacked", "timeline",
    "waterfall",
]


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

