"""The validation results as data: the terminal table and JSON of ``python -m calculators
validate``, and the committed figures the regression gate re-checks.

``calculators/data/validation_figures.json`` holds, per area and half, the case count and the
median and mean absolute percentage error at the defaults, and the number of exact cases that
match. ``tests/test_validation.py`` fails when an exact case stops matching or when an area's
validation MAPE exceeds its committed figure by more than :data:`GATE_MARGIN_RATIO`.
Regenerate after an intended change: ``uv run python -m calculators.validation_report``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from calculators.validation import GATE_MARGIN_RATIO, Validation, calibrate, validate

__all__ = ["FIGURES_PATH", "GATE_MARGIN_RATIO", "committed", "figures", "gate_failures",
           "report", "table_lines"]

FIGURES_PATH = Path(__file__).parent / "data" / "validation_figures.json"


def figures(v: Validation) -> dict[str, Any]:
    """The committed figures: per area and half, counts and errors; the exact matches."""
    return {
        "margin_ratio": GATE_MARGIN_RATIO,
        "areas": {f"{s.area}/{s.half}": {"num_cases": s.num_cases,
                                         "median_ape_ratio": round(s.median_ape_ratio, 6),
                                         "mean_ape_ratio": round(s.mean_ape_ratio, 6)}
                  for s in v.summaries},
        "exact": {c.key: c.published for c in v.cases if c.kind == "exact" and c.ran},
    }


def committed() -> dict[str, Any]:
    return json.loads(FIGURES_PATH.read_text(encoding="utf-8"))


def gate_failures(v: Validation, figures_: dict[str, Any] | None = None) -> list[str]:
    """What breaks the regression gate: an exact case that no longer matches, or an area's
    validation MAPE above its committed figure by more than the committed margin."""
    figures_ = figures_ or committed()
    margin = figures_["margin_ratio"]
    problems = [f"exact case {c.key}: {c.predicted!r} no longer rounds to {c.published!r}"
                for c in v.cases if c.kind == "exact" and c.ran and not c.matches]
    problems += [f"exact case {key} is gone" for key in figures_["exact"]
                 if key not in {c.key for c in v.cases if c.ran}]
    for s in v.summaries:
        name = f"{s.area}/{s.half}"
        if s.half != "validation" or name not in figures_["areas"]:
            continue
        limit = figures_["areas"][name]["mean_ape_ratio"] + margin
        if s.mean_ape_ratio > limit:
            problems.append(f"{name}: MAPE {s.mean_ape_ratio:.4f} exceeds {limit:.4f} "
                            f"(committed + margin)")
    return problems


def report(v: Validation | None = None) -> dict[str, Any]:
    """Everything the page shows, as plain data (the ``--json`` output)."""
    v = v or validate()
    return {
        "efficiencies_percent": [{"area": a, "field": k, "value": x} for a, k, x in v.efficiencies],
        "cases": [{"key": c.key, "area": c.area, "kind": c.kind, "half": c.half,
                   "description": c.description, "published": c.published,
                   "predicted": c.predicted if c.ran else None,
                   "error_ratio": c.error_ratio if c.ran else None,
                   "exact_match": bool(c.matches) if c.kind == "exact" and c.ran else None,
                   "missing": c.missing or None, "source_url": c.source_url,
                   "source_title": c.source_title, "date": c.date_text, "quote": c.quote,
                   "conditions": dict(c.conditions)} for c in v.cases],
        "summaries": [{"area": s.area, "half": s.half, "num_cases": s.num_cases,
                       "median_ape_ratio": s.median_ape_ratio, "mean_ape_ratio": s.mean_ape_ratio}
                      for s in v.summaries],
        "calibration": [{"area": c.area, "field": c.field, "default_ratio": c.default_ratio,
                         "calibrated_ratio": c.calibrated_ratio,
                         "default_validation_mape_ratio": c.default_validation_mape_ratio,
                         "calibrated_validation_mape_ratio": c.calibrated_validation_mape_ratio}
                        for c in calibrate()],
    }


def table_lines(v: Validation | None = None) -> list[str]:
    """The page's per-case and per-area tables as plain text lines."""
    v = v or validate()
    lines = [f"{'case':<30} {'area':<10} {'half':<12} {'published':>12} {'predicted':>12} "
             f"{'error':>8}"]
    for c in v.cases:
        predicted = f"{c.predicted:>12.6g}" if c.ran else f"{'not run':>12}"
        error = f"{c.error_ratio:>+8.1%}" if c.ran else f"{'':>8}"
        lines.append(f"{c.key:<30} {c.area:<10} {c.half:<12} {c.published:>12.6g} {predicted} "
                     f"{error}")
    lines.append("")
    lines.append(f"{'area':<10} {'half':<12} {'cases':>5} {'median APE':>11} {'MAPE':>8}")
    for s in v.summaries:
        lines.append(f"{s.area:<10} {s.half:<12} {s.num_cases:>5} {s.median_ape_ratio:>11.1%} "
                     f"{s.mean_ape_ratio:>8.1%}")
    lines.append(f"\nexact cases matching: {v.num_exact_matches} of {v.num_exact}; "
                 f"cases run: {v.num_run} of {v.num_cases}")
    return lines


def main(argv: list[str] | None = None) -> int:
    text = json.dumps(figures(validate()), indent=1, sort_keys=True) + "\n"
    if "--check" in (argv or sys.argv[1:]):
        return 0 if FIGURES_PATH.read_text() == text else 1
    FIGURES_PATH.write_text(text)
    print(f"wrote {FIGURES_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
