"""Chart geometry, part one: the view-box dimensions, axes and their ticks (linear or log).

:mod:`calculators.layout` (bar rows) and :mod:`calculators.layout_plots` (points, flow) place
everything on these axes; ``layout`` re-exports every name here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "BAR_HEIGHT", "BAR_LEFT", "BOTTOM", "LABEL_GAP", "LEFT", "PLOT_HEIGHT", "RIGHT",
    "ROW_HEIGHT", "TICK_GAP", "TOP", "WIDTH", "Axis", "Tick", "axis",
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
