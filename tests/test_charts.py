"""Chart geometry (calculators/layout.py) and the SVG drawn from it (macros/charts.py)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import layout
from macros import charts

SVG = "{http://www.w3.org/2000/svg}"
values = st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e6))
positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False)


def svg_of(html: str) -> ET.Element:
    match = re.search(r"<svg.*</svg>", html, re.S)  # the outer one (a live bar nests one)
    assert match, "no <svg> in the chart"
    return ET.fromstring(match.group(0))


def check_common(html: str, title: str) -> ET.Element:
    """Every chart: role=img, a <title> it is labelled by, width/height/viewBox, a table."""
    svg = svg_of(html)
    assert svg.get("role") == "img"
    title_el = svg.find(f"{SVG}title")
    assert title_el is not None and title_el.text == title
    assert svg.get("aria-labelledby") == title_el.get("id")
    width, height = float(svg.get("width")), float(svg.get("height"))
    assert svg.get("viewBox") == f"0 0 {width:.1f} {height:.1f}"
    for el in svg.iter():
        for attr in ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "width"):
            if el.get(attr) is not None:
                value = float(el.get(attr))
                assert -0.05 <= value <= (width if "x" in attr or attr == "width" else height) + 0.05, (
                    f"{el.tag} {attr}={value} outside the view box")
    assert '<table class="chart-data"' in html
    assert "style=" not in html, "colours come from classes (CSP forbids inline styles)"
    return svg


def test_stacked_bar_parts_and_shares() -> None:
    bars = layout.stacked([("a", "A", 1.0), ("b", "B", 0.0), ("c", "C", 3.0)])
    assert [b.share_ratio for b in bars.bars] == [0.25, 0.0, 0.75]
    assert bars.bars[1].width == 0.0  # zero parts keep their place
    assert math.isclose(bars.bars[2].x + bars.bars[2].width, bars.axis.position(4.0))
    html = charts.stacked_bar([("a", "A", 0.12), ("c", "C", 0.36)], "Where the time goes")
    check_common(html, "Where the time goes")
    assert "<td>120 ms</td><td>25%</td>" in html and "Total: 480 ms" in html


class Field(float):
    """A result number that knows its field, as the macros hand results to pages."""

    field: str | None = None


def field(value: float, name: str) -> Field:
    out = Field(value)
    out.field = name
    return out


def test_live_stacked_bar_marks_fields_for_a_redraw() -> None:
    items = [("dns", "DNS", field(0.1, "dns_seconds")), ("rtt", "RTT", field(0.3, "rtt_seconds"))]
    html = charts.stacked_bar(items, "Live", live="latency_budget")
    svg = check_common(html, "Live")
    assert 'data-live-calculator="latency_budget" data-format="duration"' in html
    inner = svg.find(f"{SVG}svg")
    assert inner.get("viewBox").startswith("0 0 100 ")  # parts in 0-100 units of the plot
    rects = inner.findall(f"{SVG}rect")
    assert [(r.get("data-field"), r.get("x"), r.get("width")) for r in rects] == [
        ("dns_seconds", "0.0000", "25.0000"), ("rtt_seconds", "25.0000", "75.0000")]
    assert '<tr data-field="rtt_seconds">' in html and '<td class="chart-share">75' in html
    assert ">100%</text>" in html and "Total" not in html  # shares stay true after a redraw
    with pytest.raises(ValueError, match="result field"):
        charts.stacked_bar([("a", "A", 0.1)], "Live", live="latency_budget")


def test_waterfall_steps_run_on_and_total_from_zero() -> None:
    bars = layout.waterfall([("a", "A", 2.0), ("b", "B", -0.5), ("c", "C", 1.0)])
    assert [(b.begin, b.end) for b in bars.bars] == [(0, 2), (2, 1.5), (1.5, 2.5), (0, 2.5)]
    assert bars.total == 2.5 and bars.bars[-1].key == "total"
    assert all(b.width >= 0 for b in bars.bars)
    html = charts.waterfall([("a", "Input", 2.0), ("b", "Cache", -0.5)], "Bill", "usd")
    check_common(html, "Bill")
    assert "-$0.500" in html and "Running total" in html


def test_timeline_serial_and_parallel() -> None:
    tasks = [("a", "Tool A", 1.0), ("b", "Tool B", 2.0)]
    serial, parallel = layout.timeline(tasks, "serial"), layout.timeline(tasks, "parallel")
    assert serial.total == 3.0 and parallel.total == 2.0
    assert [b.begin for b in serial.bars] == [0.0, 1.0]
    assert [b.begin for b in parallel.bars] == [0.0, 0.0]
    given_ = layout.timeline([("a", "A", 0.5, 1.0)], "given")
    assert (given_.bars[0].begin, given_.bars[0].end) == (0.5, 1.5)
    html = charts.timeline(tasks, "Two tools one after the other")
    check_common(html, "Two tools one after the other")
    assert "done at 3 s" in html
    with pytest.raises(ValueError, match="arrangement"):
        layout.timeline(tasks, "sideways")
    with pytest.raises(ValueError, match="task a"):
        layout.timeline([("a", "A", -1.0)])


def test_line_chart_several_series_log_axes() -> None:
    series = [("SSE", [(1, 0.001), (10, 0.01), (1000, 1.0)]), ("WebSocket", [(1, 0.002)])]
    plot = layout.lines(series, x_log=True, y_log=True)
    assert plot.x_axis.lo == 1 and plot.x_axis.hi == 1000
    assert [t.value for t in plot.x_axis.ticks] == [1, 10, 100, 1000]
    first = plot.series[0].points
    assert first[0].x < first[1].x < first[2].x and first[0].y > first[2].y  # y grows down
    html = charts.line_chart(series, "Sweep", "Tokens", "Time", x_log=True, y_log=True)
    svg = check_common(html, "Sweep")
    assert len(svg.findall(f"{SVG}polyline")) == 1  # a one-point series draws only its dot
    assert len(svg.findall(f"{SVG}circle")) == 4
    assert "<th scope=\"col\">WebSocket</th>" in html
    with pytest.raises(ValueError, match="logarithmic"):
        layout.lines([("x", [(0, 1)])], x_log=True)


def test_scatter_equality_line_spans_a_shared_range() -> None:
    plot = layout.scatter([("p", 1.0, 2.0), ("q", 3.0, 2.5)])
    assert (plot.x_axis.lo, plot.x_axis.hi) == (plot.y_axis.lo, plot.y_axis.hi)
    x1, y1, x2, y2 = plot.equality
    assert (x1, y2) == (layout.LEFT, layout.TOP) and x2 > x1 and y1 > y2
    html = charts.scatter([("p", 0.1, 0.2), ("q", 1.0, 0.9)], "Predicted against published",
                          "Published", "Predicted", log=True)
    svg = check_common(html, "Predicted against published")
    assert svg.find(f"{SVG}line[@class='chart-equality']") is not None
    assert layout.scatter([("p", 1.0, 2.0)], equality=False).equality is None


def test_long_tables_fold_into_details_and_ids_stay_unique() -> None:
    charts.reset()
    series = [("s", [(float(i), float(i)) for i in range(1, 12)])]
    first = charts.line_chart(series, "Same", "x", "y", y_format="number")
    second = charts.line_chart(series, "Same", "x", "y", y_format="number")
    assert "<details" in first and "(11 rows)" in first
    assert 'id="chart-same"' in first and 'id="chart-same-2"' in second


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        layout.stacked([("a", "A", -1.0), ("b", "B", 2.0)])
    with pytest.raises(ValueError, match="positive total"):
        layout.stacked([("a", "A", 0.0)])
    with pytest.raises(ValueError, match="at least one"):
        layout.lines([])
    with pytest.raises(ValueError, match="not finite"):
        layout.waterfall([("a", "A", math.inf)])


@settings(max_examples=40, deadline=None)
@given(st.lists(values, min_size=1, max_size=6).filter(lambda v: sum(v) > 0))
def test_stacked_parts_tile_the_bar(parts: list[float]) -> None:
    bars = layout.stacked([(str(i), str(i), v) for i, v in enumerate(parts)])
    assert math.isclose(sum(b.share_ratio for b in bars.bars), 1.0)
    for left, right in zip(bars.bars, bars.bars[1:]):
        assert math.isclose(left.x + left.width, right.x, abs_tol=1e-6)
    assert bars.axis.lo <= 0 and bars.axis.hi >= bars.total * (1 - 1e-9)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(positive, positive), min_size=1, max_size=8), st.booleans())
def test_points_stay_inside_the_plot(pts: list[tuple[float, float]], log: bool) -> None:
    plot = layout.lines([("s", pts)], x_log=log, y_log=log)
    for p in plot.series[0].points:
        assert layout.LEFT - 1e-6 <= p.x <= layout.WIDTH - layout.RIGHT + 1e-6
        assert layout.TOP - 1e-6 <= p.y <= layout.TOP + layout.PLOT_HEIGHT + 1e-6
    ticks = [t.value for t in plot.y_axis.ticks]
    low, high = min(y for _, y in pts), max(y for _, y in pts)
    assert ticks == sorted(ticks) and ticks[0] <= low * (1 + 1e-9) and high <= ticks[-1] * (1 + 1e-9)
