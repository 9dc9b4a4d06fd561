"""The inference models against published measurements, with the tolerance the pages print.

Measurements: kipply's FasterTransformer 13B run on A100 40 GB (via llm-analysis), the
Databricks MBU example (2023-10-12), TensorRT-LLM's v0.5 low-latency table, NVIDIA NIM's
Llama-3.3-70B benchmark (NIM 1.8.0) and DistServe's KV-transfer example. Every prediction uses
the default efficiencies (kipply's profiled MFU 0.7 and MBU 0.9), never a per-case fit.
"""

from __future__ import annotations

import pytest

from calculators.data import constant
from calculators.inference_checks import CHECK_TOLERANCES, GUIDE_CHECKS, inference_checks
from calculators.registry import CHECKS


@pytest.mark.parametrize("name", sorted(CHECK_TOLERANCES))
def test_error_stays_within_its_stated_tolerance(name: str) -> None:
    check = CHECKS[name]()
    assert abs(check.error_ratio) <= CHECK_TOLERANCES[name], (
        f"{name}: predicted {check.predicted:.6g} vs published {check.measured:.6g} "
        f"({check.error_ratio:+.1%}) is outside ±{CHECK_TOLERANCES[name]:.0%}"
    )


def test_databricks_mbu_is_reproduced_exactly() -> None:
    assert CHECKS["databricks_mbu"]().predicted == pytest.approx(0.5, rel=1e-12)


def test_predictions_use_the_default_efficiencies() -> None:
    assert constant("default_mfu_ratio").value == 0.7
    assert constant("default_mbu_ratio").value == 0.9
    for name in ("ft13b_tpot", "nim_70b_itl"):
        assert "default_mbu_ratio" in CHECKS[name]().constants


def test_roofline_without_overhead_is_optimistic() -> None:
    # A pure roofline leaves out scheduling and launches, so it predicts faster than measured.
    for name in ("ft13b_tpot", "ft13b_tp2_tpot", "nim_70b_itl", "nim_70b_ttft"):
        assert CHECKS[name]().error_ratio < 0


def test_tables_cover_both_guides() -> None:
    for guide, names in GUIDE_CHECKS.items():
        rows = inference_checks(guide)
        assert [r.name for r in rows] == list(names)
        assert all(r.abs_error_ratio <= r.tolerance_ratio for r in rows)
