"""Guides 4 and 6 on the built site: a catalog price change moves both rebuilt pages; the
bill-from-usage CLI and the prices every page shows come from the catalog."""

from __future__ import annotations

import re
from pathlib import Path

from calculators import run
from conftest import build_site, copy_project
from macros.format import format_value

GUIDE4 = "guides/prompt-caching-how-it-works/index.html"
GUIDE6 = "guides/llm-api-cost-optimization/index.html"


def _lead(page: str) -> str:
    body = page.split("</h1>", 1)[1]
    return re.search(r"<p>(.*?)</p>", body, re.S).group(1)


def test_both_guides_show_their_headline_numbers(site_dir: Path) -> None:
    g4 = (site_dir / GUIDE4).read_text(encoding="utf-8")
    g6 = (site_dir / GUIDE6).read_text(encoding="utf-8")
    saving = format_value("percent", run("prompt_cache").window_saving_ratio)
    multiple = format_value("number", run("cost_optimization").total_multiple)
    assert f"<strong>{saving}</strong>" in _lead(g4)
    assert f"<strong>{multiple} times cheaper</strong>" in _lead(g6)
    assert "$0.6465" in g4 and "$3.0015" in g4  # the published document example
    assert "$0.005615" in g4                      # the published OpenAI usage example
    assert "$1,100.00" in g6 and "$12,000.00" in g6  # the monthly workload table


def test_changing_a_catalog_price_changes_both_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "calculators/data/providers.toml"
    text = data.read_text(encoding="utf-8")
    marker = ('name = "Claude Sonnet 4.5"\ninput_usd_per_mtok = 3.0\noutput_usd_per_mtok = 15.0\n'
              "cache_read_usd_per_mtok = 0.3\ncache_write_5m_usd_per_mtok = 3.75\n"
              "cache_write_1h_usd_per_mtok = 6.0\n")
    assert text.count(marker) == 1, "Sonnet 4.5's price lines moved; update this test"
    data.write_text(text.replace(marker, (
        'name = "Claude Sonnet 4.5"\ninput_usd_per_mtok = 4.0\noutput_usd_per_mtok = 20.0\n'
        "cache_read_usd_per_mtok = 0.4\ncache_write_5m_usd_per_mtok = 5.0\n"
        "cache_write_1h_usd_per_mtok = 8.0\n")), encoding="utf-8")
    proc = build_site(project, tmp_path / "out")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    g4 = (tmp_path / "out" / GUIDE4).read_text(encoding="utf-8")
    g6 = (tmp_path / "out" / GUIDE6).read_text(encoding="utf-8")
    # Guide 4: 100,000 x $5/M + 50 x $4/M + 9 x (100,000 x $0.40/M + 50 x $4/M) = $0.862
    # instead of $0.6465; uncached 10 x 100,050 x $4/M = $4.002 instead of $3.0015.
    assert "$0.862" in _lead(g4) and "$4.002" in _lead(g4)
    assert "$0.6465" not in _lead(g4)
    # Guide 6: 1M x (2,500 x $4/M + 300 x $20/M) = $16,000 a month before the levers.
    assert "$16,000.00" in _lead(g6)
    assert "$12,000.00" not in _lead(g6)
