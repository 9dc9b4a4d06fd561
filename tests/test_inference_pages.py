"""Guides 7 and 10 as built: the roofline chart marks prefill and decode, the request lifecycle
is drawn, and each page shows its predicted-versus-published table with tolerances."""

from __future__ import annotations

import re
from pathlib import Path

from calculators import layout
from calculators.inference_checks import GUIDE_CHECKS
from calculators.registry import CHECKS
from macros.charts import flow

GUIDE7 = "guides/llm-inference-latency-components/index.html"
GUIDE10 = "guides/inference-server-architecture/index.html"


def test_flow_geometry_stacks_boxes_with_arrows() -> None:
    f = layout.flow(["a", "b", "c"])
    assert [b.label for b in f.boxes] == ["a", "b", "c"]
    assert f.boxes[0].arrow is not None and f.boxes[-1].arrow is None
    assert all(b2.y > b1.y + b1.height for b1, b2 in zip(f.boxes, f.boxes[1:]))
    assert f.height >= f.boxes[-1].y + f.boxes[-1].height
    svg = flow([("Frontend", "accepts"), ("Engine", "runs")], "Two steps")
    assert 'role="img"' in svg and "<title" in svg and "chart-data" in svg


def test_roofline_chart_marks_prefill_and_decode(site_dir: Path) -> None:
    page = (site_dir / GUIDE7).read_text(encoding="utf-8")
    figure = re.search(r'<figure class="chart chart-line">.*?</figure>', page, re.S).group(0)
    assert "Attainable FLOP/s against arithmetic intensity" in figure
    for series in ("Prefill of the prompt", "Decode, batch of one", "Decode, batch of 256"):
        assert series in figure
    assert figure.count("<circle") >= 9  # the roof's samples plus the three marked points


def test_lifecycle_diagram_has_every_stage(site_dir: Path) -> None:
    page = (site_dir / GUIDE10).read_text(encoding="utf-8")
    figure = re.search(r'<figure class="chart chart-flow">.*?</figure>', page, re.S).group(0)
    for stage in ("Frontend", "Tokenizer", "Scheduler", "Continuous batching",
                  "Paged KV-cache manager", "Model engine", "Detokenizer", "Output streamer"):
        assert stage in figure


def test_each_page_shows_its_checks_with_errors_and_tolerances(site_dir: Path) -> None:
    from macros.format import format_value

    for path, guide in ((GUIDE7, "guide7"), (GUIDE10, "guide10")):
        page = (site_dir / path).read_text(encoding="utf-8")
        section = page.split('id="checked-against-published-numbers"', 1)[1]
        for name in GUIDE_CHECKS[guide]:
            check = CHECKS[name]()
            assert check.description in section, name
            assert format_value("percent", check.error_ratio) in section, name
