"""Issue 16: the validation cases, the regression gate, the CLI and the accuracy page."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import calculators.domains  # noqa: F401
from calculators.data.validation_cases import AREAS, MEASURED_CASES
from calculators.data.validation_exact import EXACT_CASES
from calculators.registry import CHECKS
from calculators.validation import (CASES, EFFICIENCY_FIELDS, calibrate, default_efficiencies,
                                    predict, rounds_to, split, validate)
from calculators.validation_report import committed, figures, gate_failures
from macros.format import format_value, percent


@pytest.fixture(scope="module")
def v():
    return validate()


def test_at_least_forty_sourced_cases_with_quotes(v) -> None:
    assert len(CASES) >= 40 and v.num_run >= 40
    assert len({c.key for c in CASES}) == len(CASES)
    for case in CASES:
        assert case.source_url.startswith("https://") and case.source_title and case.quote
        assert case.conditions
    areas = {c.area for c in CASES if not c.missing}
    assert areas == {a for a, _ in AREAS}, "every area has cases that run"


def test_a_case_missing_a_condition_never_runs_nor_counts(v) -> None:
    skipped = [c for c in v.cases if not c.ran]
    assert skipped and all(c.missing.endswith("not stated") for c in skipped)
    assert all(c.half == "not run" for c in skipped)
    for s in v.summaries:
        if s.half == "all":
            assert s.num_cases == sum(1 for c in v.cases if c.area == s.area and c.ran)


def test_every_exact_case_matches(v) -> None:
    exact = [c for c in v.cases if c.kind == "exact"]
    assert exact and all(c.ran for c in exact)
    assert [c.key for c in exact if not c.matches] == []


def test_rounding_rule() -> None:
    assert rounds_to(0.633968, 0.63, 2) and rounds_to(6.71089e9, 6.7e9, 2)
    assert not rounds_to(0.249484, 0.24909, 5) and not rounds_to(14.9, 15, 3)


def test_regression_gate_holds_against_the_committed_figures(v) -> None:
    assert gate_failures(v) == []
    fresh, saved = figures(v), committed()
    assert set(fresh["areas"]) == set(saved["areas"]) and fresh["exact"] == saved["exact"]
    assert saved["margin_ratio"] == v.gate_margin_ratio > 0


def test_changing_a_default_efficiency_changes_the_errors_and_trips_the_gate(v) -> None:
    defaults = default_efficiencies()
    assert defaults["serving"] == {"mfu": 70.0, "mbu": 90.0}   # the sourced constants
    lower = validate({"serving": {"mbu": defaults["serving"]["mbu"] - 30}})
    before = {c.key: c.error_ratio for c in v.cases if c.area == "serving" and c.ran}
    after = {c.key: c.error_ratio for c in lower.cases if c.area == "serving" and c.ran}
    assert sum(before[k] != after[k] for k in before) >= len(before) // 2
    worse = validate({"on-device": {"mbu": 20}})
    assert any("on-device/validation" in p for p in gate_failures(worse))
    # Exact cases do not depend on efficiencies.
    assert [c.matches for c in worse.cases if c.kind == "exact"] == \
        [c.matches for c in v.cases if c.kind == "exact"]


def test_halves_are_seeded_and_balanced() -> None:
    halves = split()
    for area in EFFICIENCY_FIELDS:
        keys = [c.key for c in MEASURED_CASES if c.area == area and not c.missing]
        cal = sum(halves[k] == "calibration" for k in keys)
        assert cal == (len(keys) + 1) // 2 and len(keys) - cal >= 1


def test_calibration_reports_without_changing_defaults() -> None:
    rows = calibrate()
    assert {(r.area, r.field) for r in rows} == {(a, k) for a, (_, ks) in
                                                 EFFICIENCY_FIELDS.items() for k in ks}
    for r in rows:
        assert r.calibrated_calibration_mape_ratio <= r.default_calibration_mape_ratio
        assert 0 < r.calibrated_ratio <= 1 and 0 < r.default_ratio <= 1
    assert default_efficiencies()["serving"] == {"mfu": 70.0, "mbu": 90.0}


def test_cases_that_replay_a_registered_check_agree_with_it() -> None:
    for case in MEASURED_CASES + EXACT_CASES:
        if not case.check:
            continue
        check = CHECKS[case.check]()
        assert check.measured == pytest.approx(case.published, rel=1e-9), case.key
        assert predict(case) == pytest.approx(check.predicted, rel=1e-9), case.key


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", "validate", *args],
                          capture_output=True, text=True, timeout=120)


def test_cli_json_parses_and_agrees_with_the_figures(v) -> None:
    proc = cli("--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["cases"]) == len(CASES)
    got = {(s["area"], s["half"]): s["mean_ape_ratio"] for s in data["summaries"]}
    assert got == {(s.area, s.half): s.mean_ape_ratio for s in v.summaries}


def test_cli_table_and_bad_flag() -> None:
    proc = cli()
    assert proc.returncode == 0 and "exact cases matching" in proc.stdout
    bad = cli("--jsn")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--jsn" in bad.stderr


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_page_shows_the_cli_figures_and_every_case(site_dir: Path) -> None:
    page = (site_dir / "accuracy" / "index.html").read_text(encoding="utf-8")
    text = " ".join(_text(page).split())
    data = json.loads(cli("--json").stdout)
    for s in data["summaries"]:
        assert percent(s["mean_ape_ratio"]) in text and percent(s["median_ape_ratio"]) in text
    for c in data["cases"]:
        assert " ".join(html.unescape(c["description"]).split()) in text, c["key"]
        if c["error_ratio"] is not None:
            assert percent(c["error_ratio"]) in text, c["key"]
    assert page.count('class="chart') >= 1 and "chart-equality" in page
    assert format_value("percent", data["summaries"][0]["mean_ape_ratio"]) in text


def test_every_guide_links_the_accuracy_page_once(site_dir: Path) -> None:
    for guide in sorted((site_dir / "guides").glob("*/index.html")):
        page = guide.read_text(encoding="utf-8")
        links = re.findall(r'<p class="sources-accuracy">[^<]*<a href="([^"]+)"', page)
        assert links == ["../../accuracy/"], guide.parent.name
