"""Guides 12 and 13 checked: published figures replayed, and the loopback measurements.

* Dean and Barroso, "The Tail at Scale" (CACM 56(2), 2013): a server that is slow one time in
  a hundred makes 63% of requests that fan out to 100 such servers slow. The fan-out formula
  ``1 - p^k`` with ``p = 0.99``, ``k = 100`` replays it.
* The incumbent site's function-calling example: three chained tools take about 5 s at about
  1 s of TTFT per LLM call and about 200 ms per tool. The tool-rounds model replays it with
  the same inputs (ignoring argument generation, as the example does).
* The loopback run of ``scripts/hops_loopback.py`` (committed in
  ``calculators/data/hop_measurements.json``): median and p95 of three request shapes through
  real HTTP services, measured against the request-graph model.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from calculators.collect import table
from calculators.data import constant
from calculators.registry import (
    ReferenceCheck,
    reference_check,
    register_check,
    register_table,
    run,
)
from calculators.fields import require_range
from calculators.request_graph import fan_out_slow_ratio, nearest_rank

__all__ = ["HopMeasurement", "hop_measurements", "quantile_band", "tail_at_scale_check",
           "tool_example_check"]

MEASUREMENTS = "hop_measurements.json"
SHAPE_LABELS = {
    "serial": "Serial chain: embed, search, LLM first token",
    "fan-out": "Fan-out: (embed, search) in parallel with keyword, then LLM",
    "tool-rounds": "Three tool rounds, then the answer's first token",
}


def tail_at_scale_check() -> ReferenceCheck:
    return reference_check(
        "tail_at_scale",
        "Fan-out to 100 servers, each slow 1% of the time: share of slow requests",
        fan_out_slow_ratio(100, 1 - constant("tail_at_scale_slow_ratio").value),
        constant("tail_at_scale_fanout_slow_ratio").value,
        "ratio",
        ("tail_at_scale_slow_ratio", "tail_at_scale_fanout_slow_ratio"),
    )


def tool_example_check() -> ReferenceCheck:
    r = run("tool_rounds", {"call_tokens": 0})
    return reference_check(
        "incumbent_tool_example",
        "Three chained tools, about 1 s TTFT per call and 200 ms per tool",
        r.simple_seconds,
        constant("incumbent_three_tools_seconds").value,
        "seconds",
        ("incumbent_three_tools_seconds", "incumbent_tool_call_ttft_seconds",
         "incumbent_tool_seconds"),
    )


def _at_least_k_ratio(n: int, k: int, u: float) -> float:
    """P(Binomial(n, u) >= k): the chance that the k-th smallest of n draws is below the
    u-quantile of their distribution."""
    if u <= 0.0:
        return 0.0
    if u >= 1.0:
        return 1.0
    log_u, log_v = math.log(u), math.log1p(-u)
    base = math.lgamma(n + 1)
    return min(1.0, math.fsum(
        math.exp(base - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_u + (n - i) * log_v)
        for i in range(k, n + 1)))


def quantile_band(sorted_model: Sequence[float], p: float, n: int,
                  coverage_ratio: float = 0.99) -> tuple[float, float]:
    """Where the nearest-rank ``p``-quantile of ``n`` independent draws falls with chance
    ``coverage_ratio``, read off the model's sorted samples [s].

    Exact order statistics: the ``k = ceil(p n)``-th smallest of ``n`` draws lies below the
    distribution's ``u``-quantile with chance ``P(Binomial(n, u) >= k)``; the band runs from the
    ``u`` where that chance is ``(1 - coverage) / 2`` to the one where it is ``(1 + coverage) / 2``
    (bisection)."""
    require_range("quantile", p, 1e-9, 1.0, "ratio")
    require_range("draws", n, 1, 1_000_000, "draws")
    require_range("coverage", coverage_ratio, 0.0, 1.0 - 1e-9, "ratio")
    k = max(1, math.ceil(p * n))

    def solve(target: float) -> float:
        low, high = 0.0, 1.0
        for _ in range(50):
            mid = (low + high) / 2
            if _at_least_k_ratio(n, k, mid) < target:
                low = mid
            else:
                high = mid
        return (low + high) / 2

    tail = (1.0 - coverage_ratio) / 2
    return (nearest_rank(sorted_model, max(1e-9, solve(tail))),
            nearest_rank(sorted_model, solve(1.0 - tail)))


@dataclass(frozen=True)
class HopMeasurement:
    """One request shape on loopback: measured against predicted (seconds, bytes)."""

    shape: str
    label: str
    num_requests: int
    measured_median_seconds: float
    predicted_median_seconds: float
    median_error_ratio: float
    measured_p95_seconds: float
    predicted_p95_seconds: float
    p95_error_ratio: float
    within_tolerance: bool
    measured_bytes: float
    predicted_bytes: float
    #: The median own cost of one plain call in this shape's run (HTTP stack, event loops).
    call_cost_median_seconds: float


def _committed() -> dict:
    return json.loads(resources.files("calculators.data").joinpath(MEASUREMENTS)
                      .read_text("utf-8"))


@table
def hop_measurements() -> Iterator[HopMeasurement]:
    """The committed loopback run, one row per shape."""
    for shape, row in _committed()["shapes"].items():
        m, p = row["median"], row["p95"]
        b = row["bytes"]
        yield HopMeasurement(
            shape, SHAPE_LABELS[shape], row["num_requests"],
            m["measured_seconds"], m["predicted_seconds"], m["error_ratio"],
            p["measured_seconds"], p["predicted_seconds"], p["error_ratio"],
            m["within_tolerance"] and p["within_tolerance"],
            b["measured_sent"] + b["measured_received"],
            b["predicted_sent"] + b["predicted_received"],
            row["call_cost_median_seconds"]["call"],
        )


def hop_measurement_info() -> dict[str, object]:
    """When and how the committed run was made (for the page's caption)."""
    data = _committed()
    settings = data["settings"]
    return {"measured_on": data["measured_on"],
            "idle_overhead_seconds": data["idle_overhead_seconds"],
            "calibrated_overhead_seconds": data["calibrated_overhead_seconds"],
            "calibration_delay_seconds": settings["calibration_delay_seconds"],
            "tolerance_ratio": settings["tolerance_ratio"],
            "tolerance_seconds": settings["tolerance_seconds"],
            "band_coverage_ratio": settings["band_coverage_ratio"],
            "concurrency": settings["concurrency"], "packages": data["packages"],
            "all_within_tolerance": all(r.within_tolerance for r in hop_measurements()),
            "constants": ()}


register_check("tail_at_scale", tail_at_scale_check)
register_check("incumbent_tool_example", tool_example_check)
register_table("hop_measurements", hop_measurements)
register_table("hop_measurement_info", hop_measurement_info)
