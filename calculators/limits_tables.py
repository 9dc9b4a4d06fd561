"""Tables and chart series for guide 5, computed here so the page only formats them.

* :func:`tier_rows`: every catalog tier of each rate-limited provider model, with the worked
  example's sustainable rate and binding limit under it.
* :func:`binding_sweep`: the per-limit rates as the uncached prompt grows (which limit binds).
* :func:`policy_sweep`: the simulator at several offered loads for every retry policy.
* :func:`example_headers`: the headers of a 429 the loopback server would send for the worked
  example after a burst, with what each means.
* :func:`benchmark`: the committed timing of the simulator (``scripts/bench_limits_sim.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from calculators.collect import table
from calculators.data.providers import PROVIDER_MODELS
from calculators.limits import LIMITED_MODELS, WORKED_EXAMPLE
from calculators.limits_backoff import POLICIES, backoff_schedule
from calculators.limits_bucket import TokenBucket
from calculators.limits_loopback import (
    NUM_JITTER_SEEDS, RATE_429_SIGMAS, RELATIVE_TOLERANCE, committed_overhead_seconds,
    committed_rows, required_rows,
)
from calculators.registry import register_table, run

__all__ = ["BenchmarkRow", "HeaderRow", "PolicyPoint", "TierRow", "benchmark",
           "binding_sweep", "example_headers", "policy_sweep", "tier_rows"]

BENCHMARK = Path(__file__).resolve().parent / "data" / "limits_benchmark.json"
#: Offered loads of the policy sweep, as multiples of the worked example's sustainable rate.
LOAD_MULTIPLES = (0.5, 0.8, 1.0, 1.2, 1.5, 2.0)
#: The load of the queue-versus-retry comparison, a multiple of the sustainable rate.
COMPARE_MULTIPLE = 1.5
#: Requests per sweep point: enough for the 429 share and p99 to settle, few enough that the
#: 42 points cost about a second of the site build.
SWEEP_REQUESTS = 500
#: Retries in the schedule chart (REFERENCES guide 5, example 4: attempts 0 to 7).
SCHEDULE_RETRIES = 8


@dataclass(frozen=True)
class TierRow:
    model: str
    tier: str
    rpm: float
    itpm: float
    otpm: float
    sustainable_requests_per_minute: float
    binding_label: str
    status: str


@table
def tier_rows() -> Iterator[TierRow]:
    for key in LIMITED_MODELS:
        m = PROVIDER_MODELS[key]
        for t in m.rate_limits:
            plan = run("rate_limits", {"model": "custom", "rpm": t.rpm or 0,
                                       "itpm": t.itpm or 0, "otpm": t.otpm or 0,
                                       "tpm": t.tpm or 0, "rpd": t.rpd or 0})
            yield TierRow(m.name, t.tier, t.rpm or 0, t.itpm or 0, t.otpm or 0,
                          plan.sustainable_requests_per_minute, plan.binding_label,
                          t.status.lower())


def binding_sweep(model: str = "claude-sonnet-4.5") -> tuple[tuple[str, tuple[tuple[float, float], ...]], ...]:
    """(limit label, [(uncached input tokens, requests/min that limit allows), ...])."""
    sizes = (500, 1_000, 1_500, 2_000, 3_000, 4_000, 6_000, 8_000)
    series: dict[str, list[tuple[float, float]]] = {}
    for size in sizes:
        plan = run("rate_limits", {"model": model, "input_tokens": size})
        for d in plan.dimensions:
            series.setdefault(d.label, []).append((float(size), d.requests_per_minute))
    return tuple((label, tuple(points)) for label, points in series.items())


@dataclass(frozen=True)
class PolicyPoint:
    policy: str
    label: str
    load_multiple: float
    offered_requests_per_minute: float
    rate_429_ratio: float
    success_ratio: float
    goodput_requests_per_minute: float
    amplification: float
    p50_seconds: float
    p99_seconds: float


@cache
def policy_sweep() -> tuple[PolicyPoint, ...]:
    sustainable = run("rate_limits").sustainable_requests_per_minute
    points = []
    for policy, label in POLICIES.items():
        for multiple in LOAD_MULTIPLES:
            offered = sustainable * multiple
            r = run("rate_limit_sim", {"policy": policy, "rate": offered,
                                       "requests": SWEEP_REQUESTS})
            points.append(PolicyPoint(policy, label, multiple, offered, r.rate_429_ratio,
                                      r.success_ratio, r.goodput_requests_per_minute,
                                      r.amplification, r.p50_seconds, r.p99_seconds))
    return tuple(points)


def policy_series(field: str) -> tuple[tuple[str, tuple[tuple[float, float], ...]], ...]:
    """One chart series per policy: (offered requests/min, ``field``)."""
    out = []
    for policy, label in POLICIES.items():
        pts = tuple((p.offered_requests_per_minute, getattr(p, field))
                    for p in policy_sweep() if p.policy == policy)
        out.append((label, pts))
    return tuple(out)


def schedule_series(base: float, cap: float, retries: int = SCHEDULE_RETRIES):  # noqa: ANN201
    rows = backoff_schedule(base, cap, retries)
    return tuple((label, tuple((float(r.retry), getattr(r, field)) for r in rows)) for label, field in (
        ("Capped exponential", "exponential_seconds"), ("Full jitter (mean)", "full_mean_seconds"),
        ("Equal jitter (mean)", "equal_mean_seconds"),
        ("Decorrelated jitter (one draw)", "decorrelated_draw_seconds")))


@dataclass(frozen=True)
class HeaderRow:
    name: str
    value: str
    meaning: str


def example_headers() -> tuple[HeaderRow, ...]:
    """A 429 for the worked example after a burst of worked-example requests emptied ITPM."""
    plan = run("rate_limits")
    buckets = {"requests": TokenBucket.per_minute(plan.rpm_limit),
               "input-tokens": TokenBucket.per_minute(plan.itpm_limit),
               "output-tokens": TokenBucket.per_minute(plan.otpm_limit)}
    costs = {"requests": 1.0, "input-tokens": plan.itpm_charge_tokens,
             "output-tokens": plan.otpm_admission_tokens}
    t = 0.0
    for _ in range(plan.burst_requests):
        for name, b in buckets.items():
            b.take(costs[name], t)
    wait = max(b.wait_seconds(costs[n], t) for n, b in buckets.items())
    rows = [HeaderRow("retry-after", str(max(1, math.ceil(wait))),
                      "Whole seconds to wait before the next attempt can fit")]
    meaning = {"limit": "The limit of this kind (per minute)",
               "remaining": "What is left now (Anthropic rounds tokens to the nearest thousand)",
               "reset": "When the bucket will be full again (RFC 3339 time)"}
    for name, b in buckets.items():
        level = b.refresh(t)
        rows.append(HeaderRow(f"anthropic-ratelimit-{name}-limit", f"{b.capacity:.0f}",
                              meaning["limit"]))
        remaining = round(level / 1000) * 1000 if name != "requests" else math.floor(level)
        rows.append(HeaderRow(f"anthropic-ratelimit-{name}-remaining", f"{max(0, remaining):.0f}",
                              meaning["remaining"]))
        full = (b.capacity - level) / b.rate_per_second
        rows.append(HeaderRow(f"anthropic-ratelimit-{name}-reset",
                              f"(now + {full:.0f} s)", meaning["reset"]))
    return tuple(rows)


@dataclass(frozen=True)
class BenchmarkRow:
    policy: str
    label: str
    python_seconds: float
    chromium_seconds: float


@cache
def benchmark() -> tuple[tuple[BenchmarkRow, ...], dict]:
    doc = json.loads(BENCHMARK.read_text(encoding="utf-8"))
    rows = tuple(BenchmarkRow(p, POLICIES[p], doc["python_seconds"][p], doc["chromium_seconds"][p])
                 for p in POLICIES)
    return rows, doc


def compare_points() -> dict:
    """The sweep's points at ``COMPARE_MULTIPLE``, by policy, plus the multiple itself."""
    points = {p.policy: p for p in policy_sweep() if p.load_multiple == COMPARE_MULTIPLE}
    return {"multiple": COMPARE_MULTIPLE, "points": points, "num_requests": SWEEP_REQUESTS,
            "low": min(p.offered_requests_per_minute for p in policy_sweep()),
            "high": max(p.offered_requests_per_minute for p in policy_sweep())}


def loopback_points() -> list[tuple[str, float, float]]:
    return [(r.run, r.measured_429_ratio, r.simulated_429_ratio) for r in committed_rows()]


def loopback_tolerances() -> dict:
    rows = committed_rows()
    required = required_rows(rows)
    return {"relative_ratio": RELATIVE_TOLERANCE, "sigmas": RATE_429_SIGMAS,
            "num_seeds": NUM_JITTER_SEEDS, "overhead_seconds": committed_overhead_seconds(),
            "num_runs": len(rows), "num_agree": sum(r.within_tolerance for r in rows),
            "num_required": len(required),
            "num_required_agree": sum(r.within_tolerance for r in required),
            "disagree": [r for r in rows if not r.within_tolerance],
            "only_retry_after_disagrees": all(r.policy == "retry_after" for r in rows
                                              if not r.within_tolerance)}


register_table("limits_compare", compare_points)
register_table("limits_loopback_points", loopback_points)
register_table("limits_loopback_tolerances", loopback_tolerances)
register_table("limits_tiers", tier_rows)
register_table("limits_binding_sweep", binding_sweep)
register_table("limits_policy_sweep", policy_sweep)
register_table("limits_policy_series", policy_series)
register_table("limits_schedule_series", schedule_series)
register_table("limits_schedule", backoff_schedule)
register_table("limits_headers", example_headers)
register_table("limits_benchmark", benchmark)
register_table("limits_loopback", committed_rows)
register_table("limits_worked_example", lambda: dict(WORKED_EXAMPLE))


def default_model():  # noqa: ANN201
    """The catalog entry the guide's worked example and forms open on."""
    from calculators.limits import DEFAULT_MODEL

    return PROVIDER_MODELS[DEFAULT_MODEL]


register_table("limits_default_model", default_model)
