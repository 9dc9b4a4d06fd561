"""The one SVG drawer: build-time charts from ``calculators.layout`` geometry.

Every chart is a ``<figure class="chart">`` holding an inline SVG (``role="img"``, a
``<title>``, fixed ``width``/``height``/``viewBox``, scaled down by CSS on narrow screens), a
caption with the colour key, and the same data as a table (inside a ``<details>`` when it has
more than ``OPEN_ROWS`` rows). Colours are classes ``s0``..``s7`` that ``site.css`` maps to a
palette per colour scheme; the SVG paints with ``currentColor``, so no inline style is needed.
Tick labels and table cells are printed by the format filters. No arithmetic happens here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from calculators import layout
from macros.format import format_value

__all__ = ["flow", "line_chart", "reset", "scatter", "stacked_bar", "timeline", "waterfall"]

COLOURS = 8
OPEN_ROWS = 8
TICK_SIG = 3  # tick values are round: "1 MB", "2.5 s", not "1.00 MB"
_ids: dict[str, int] = {}


def reset() -> None:
    """Forget the ids handed out on the previous page (called before each page renders)."""
    _ids.clear()


def _chart_id(title: str) -> str:
    base = "chart-" + (re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "untitled")
    _ids[base] = _ids.get(base, 0) + 1
    return base if _ids[base] == 1 else f"{base}-{_ids[base]}"


def _n(value: float) -> str:
    return f"{value:.1f}"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return (f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{klass}>{_e(text)}</text>')


def _line(coords: tuple[float, float, float, float], cls: str) -> str:
    x1, y1, x2, y2 = coords
    return f'<line class="{cls}" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"/>'


def _axis(axis: layout.Axis, fmt: str, label: str, vertical: bool = False) -> str:
    parts = [_line(t.grid, "chart-grid") for t in axis.ticks]
    anchor = "end" if vertical else "middle"
    parts += [_text(t.x, t.y, format_value(fmt, t.value, TICK_SIG), anchor) for t in axis.ticks]
    parts.append(_line(axis.line, "chart-axis"))
    if label:
        parts.append(_text(*axis.label_at, label, "start" if vertical else "end", "chart-label"))
    return f'<g class="chart-frame">{"".join(parts)}</g>'


def _svg(chart_id: str, title: str, height: float, body: str) -> str:
    return (
        f'<svg role="img" aria-labelledby="{chart_id}" width="{_n(layout.WIDTH)}" '
        f'height="{_n(height)}" viewBox="0 0 {_n(layout.WIDTH)} {_n(height)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}">{_e(title)}</title>'
        f"{body}</svg>"
    )


def _key(index: int) -> str:
    return f'<span class="chart-key s{index % COLOURS}" aria-hidden="true"></span>'


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], caption: str,
           row_attrs: Sequence[str] = (), cell_classes: Sequence[str] = ()) -> str:
    """The chart's data; ``row_attrs`` (per row) and ``cell_classes`` (per data column) mark
    rows and cells for a live redraw."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    classes = [f' class="{c}"' if c else "" for c in cell_classes] or [""] * len(headers)
    body = "".join(
        f"<tr{row_attrs[i] if i < len(row_attrs) else ''}>" + f'<th scope="row">{row[0]}</th>'
        + "".join(f"<td{classes[j] if j < len(classes) else ''}>{c}</td>"
                  for j, c in enumerate(row[1:]))
        + "</tr>"
        for i, row in enumerate(rows)
    )
    table = (f'<table class="chart-data" aria-label="{_e(caption)}: the data">'
             f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    if len(rows) <= OPEN_ROWS:
        return table
    return f'<details class="chart-details"><summary>The data ({len(rows)} rows)</summary>{table}</details>'


def _figure(kind: str, title: str, height: float, body: str, caption: str, table: str,
            attrs: str = "") -> str:
    chart_id = _chart_id(title)
    return (
        f'<figure class="chart chart-{kind}"{attrs}>{_svg(chart_id, title, height, body)}'
        f"<figcaption>{caption}</figcaption>{table}</figure>"
    )


def _bar_rows(bars: layout.Bars, fmt: str, colours: Sequence[int]) -> str:
    parts = []
    for bar, colour in zip(bars.bars, colours):
        text = f"{bar.label}: {format_value(fmt, bar.value)}"
        parts.append(
            f'<rect class="s{colour % COLOURS}" fill="currentColor" x="{_n(bar.x)}" '
            f'y="{_n(bar.bar_y)}" width="{_n(bar.width)}" height="{_n(layout.BAR_HEIGHT)}">'
            f"<title>{_e(text)}</title></rect>"
        )
        if not bars.stacked:
            parts.append(_text(layout.BAR_LEFT, bar.label_y, text))
    return "".join(parts)


def _live_bar(bars: layout.Bars, fmt: str, fields: Sequence[str]) -> str:
    """The parts in a nested SVG of 0-100 units across the plot, each with ``data-field``, so
    charts-live.js can set x and width from a live result's shares."""
    x, width = bars.span
    top = bars.bars[0].bar_y
    rects = "".join(
        f'<rect class="s{i % COLOURS}" fill="currentColor" data-field="{_e(field)}" '
        f'x="{bar.unit_x:.4f}" y="0" width="{bar.unit_width:.4f}" height="{_n(layout.BAR_HEIGHT)}">'
        f"<title>{_e(bar.label)}: {_e(format_value(fmt, bar.value))}</title></rect>"
        for i, (bar, field) in enumerate(zip(bars.bars, fields))
    )
    return (f'<svg x="{_n(x)}" y="{_n(top)}" width="{_n(width)}" '
            f'height="{_n(layout.BAR_HEIGHT)}" viewBox="0 0 100 {_n(layout.BAR_HEIGHT)}" '
            f'preserveAspectRatio="none">{rects}</svg>')


def stacked_bar(items: Sequence[tuple[str, str, float]], title: str,
                unit_format: str = "duration", axis_label: str = "",
                live: str | None = None) -> str:
    """Parts of one whole on one bar, with a table of each part and its share.

    ``live`` names the calculator on the page whose live result redraws the chart
    (charts-live.js): every value must then be a result field (it carries ``.field``), the
    axis shows shares of the total, and the figure carries ``data-live-calculator``.
    """
    fields = [getattr(value, "field", None) for _, _, value in items] if live else []
    if live and not all(fields):
        raise ValueError(f"stacked_bar(live={live!r}): every value must be a result field")
    bars = layout.stacked(items, shares=bool(live))
    colours = range(len(bars.bars))
    total = format_value(unit_format, bars.total)
    if live:
        body = _axis(bars.axis, "percent", axis_label or "Share of the total") + _live_bar(
            bars, unit_format, [str(f) for f in fields])
    else:
        body = (_axis(bars.axis, unit_format, axis_label) + _bar_rows(bars, unit_format, colours)
                + _text(layout.BAR_LEFT, bars.bars[0].label_y, f"Total: {total}"))
    rows = [(_key(i) + _e(b.label), _e(format_value(unit_format, b.value)),
             _e(format_value("percent", b.share_ratio))) for i, b in zip(colours, bars.bars)]
    if not live:  # a live redraw updates the parts only
        rows.append(("Total", _e(total), _e(format_value("percent", 1.0))))
    # charts-live.js finds each row and its cells by these marks.
    marks = [f' data-field="{_e(field)}"' for field in fields]
    table = _table(("Part", "Value", "Share"), rows, title, marks,
                   ("chart-value", "chart-share") if live else ())
    attrs = (f' data-live-calculator="{_e(live)}" data-format="{_e(unit_format)}"'
             if live else "")
    return _figure("stacked", title, bars.height, body, _e(title), table, attrs)


def waterfall(items: Sequence[tuple[str, str, float]], title: str,
              unit_format: str = "duration", total_label: str = "Total",
              axis_label: str = "") -> str:
    """Steps that add up (negative ones go back) and their total, each on its own row."""
    bars = layout.waterfall(items, total_label)
    colours = [2 if b.key == "total" else (4 if b.value < 0 else 0) for b in bars.bars]
    body = _axis(bars.axis, unit_format, axis_label) + _bar_rows(bars, unit_format, colours)
    rows = [(_key(c) + _e(b.label), _e(format_value(unit_format, b.value)),
             _e(format_value(unit_format, b.end))) for c, b in zip(colours, bars.bars)]
    return _figure("waterfall", title, bars.height, body, _e(title),
                   _table(("Step", "Change", "Running total"), rows, title))


def timeline(items: Sequence[Sequence[Any]], title: str, arrangement: str = "serial",
             unit_format: str = "duration", axis_label: str = "Time") -> str:
    """Tasks as bars on a time axis: serial, parallel or at given start times (a Gantt)."""
    bars = layout.timeline(items, arrangement)
    colours = range(len(bars.bars))
    body = _axis(bars.axis, unit_format, axis_label) + _bar_rows(bars, unit_format, colours)
    rows = [(_key(i) + _e(b.label), _e(format_value(unit_format, b.begin)),
             _e(format_value(unit_format, b.value)), _e(format_value(unit_format, b.end)))
            for i, b in zip(colours, bars.bars)]
    caption = f"{_e(title)} (done at {_e(format_value(unit_format, bars.total))})"
    return _figure("timeline", title, bars.height, body, caption,
                   _table(("Task", "Start", "Duration", "End"), rows, title))


def _points(plot: layout.Plot, joined: bool, x_format: str, y_format: str) -> str:
    parts = []
    for index, series in enumerate(plot.series):
        cls = f"s{index % COLOURS}"
        if joined and len(series.points) > 1:
            coords = " ".join(f"{_n(p.x)},{_n(p.y)}" for p in series.points)
            parts.append(f'<polyline class="{cls}" fill="none" stroke="currentColor" '
                         f'stroke-width="2" points="{coords}"/>')
        for p in series.points:
            name = p.label or series.label
            tip = f"{name}: {format_value(x_format, p.x_value)}, {format_value(y_format, p.y_value)}"
            parts.append(f'<circle class="{cls}" fill="currentColor" cx="{_n(p.x)}" '
                         f'cy="{_n(p.y)}" r="4"><title>{_e(tip)}</title></circle>')
            if p.label:
                parts.append(_text(*p.label_at, p.label, cls="chart-point"))
    return "".join(parts)


def _frame(plot: layout.Plot, x_format: str, y_format: str, x_label: str, y_label: str) -> str:
    return (_axis(plot.x_axis, x_format, x_label)
            + _axis(plot.y_axis, y_format, y_label, vertical=True))


def line_chart(series: Sequence[tuple[str, Sequence[tuple[float, float]]]], title: str,
               x_label: str, y_label: str, x_format: str = "number",
               y_format: str = "duration", x_log: bool = False, y_log: bool = False) -> str:
    """One line per series ``(label, [(x, y), ...])``; the table has a column per series."""
    plot = layout.lines(series, x_log, y_log)
    body = _frame(plot, x_format, y_format, x_label, y_label) + _points(plot, True, x_format,
                                                                         y_format)
    xs = sorted({p.x_value for s in plot.series for p in s.points})
    lookup = [{p.x_value: p.y_value for p in s.points} for s in plot.series]
    rows = [(_e(format_value(x_format, x)),
             *(_e(format_value(y_format, col[x])) if x in col else "" for col in lookup))
            for x in xs]
    legend = " ".join(f'<span class="chart-legend">{_key(i)}{_e(s.label)}</span>'
                      for i, s in enumerate(plot.series))
    return _figure("line", title, plot.height, body, f"{_e(title)}. {legend}",
                   _table((x_label, *(s.label for s in plot.series)), rows, title))


def scatter(points: Sequence[tuple[str, float, float]], title: str, x_label: str,
            y_label: str, unit_format: str = "duration", log: bool = False,
            equality: bool = True, y_format: str | None = None) -> str:
    """Labelled points; with ``equality`` the line y = x (a point on it agrees exactly)."""
    y_fmt = y_format or unit_format
    plot = layout.scatter(points, log, equality)
    body = _frame(plot, unit_format, y_fmt, x_label, y_label)
    if plot.equality:
        body += _line(plot.equality, "chart-equality")
    body += _points(plot, False, unit_format, y_fmt)
    rows = [(_e(p.label), _e(format_value(unit_format, p.x_value)),
             _e(format_value(y_fmt, p.y_value))) for p in plot.series[0].points]
    note = " The dashed line is where both agree." if plot.equality else ""
    return _figure("scatter", title, plot.height, body, _e(title) + "." + note,
                   _table(("Point", x_label, y_label), rows, title))


def flow(steps: Sequence[Sequence[str]], title: str) -> str:
    """A path of steps ``(name, what happens)`` drawn as boxes joined by arrows, top to bottom;
    the table beside it lists each step and what it does."""
    geometry = layout.flow([step[0] for step in steps])
    parts = []
    for index, box in enumerate(geometry.boxes):
        cls = f"s{index % COLOURS}"
        parts.append(
            f'<rect class="{cls} chart-flow-box" x="{_n(box.x)}" y="{_n(box.y)}" '
            f'width="{_n(box.width)}" height="{_n(box.height)}" rx="4" fill="none" '
            f'stroke="currentColor" stroke-width="2"/>'
        )
        parts.append(_text(box.x + box.width / 2, box.y + box.height / 2 + 5, box.label,
                           "middle", "chart-flow-text"))
        if box.arrow:
            x, _, _, tip = box.arrow
            parts.append(_line(box.arrow, "chart-flow-arrow"))
            parts.append(f'<polygon class="chart-flow-head" points="{_n(x - 5)},{_n(tip - 6)} '
                         f'{_n(x + 5)},{_n(tip - 6)} {_n(x)},{_n(tip)}"/>')
    rows = [(_key(i) + _e(step[0]), _e(step[1])) for i, step in enumerate(steps)]
    return _figure("flow", title, geometry.height, "".join(parts), _e(title),
                   _table(("Step", "What happens"), rows, title))
