"""The simulator against a real rate-limited server: configurations, tolerances, comparison.

``scripts/loopback_limits.py`` runs an httpx client with each retry policy against a
Starlette/uvicorn server enforcing :class:`calculators.limits_bucket.TokenBucket` on 127.0.0.1
and writes what it counted to ``calculators/data/limits_loopback.json``. This module builds the
run configurations both sides use and replays every run in the simulator with the same seed
(the same arrivals and sizes), the delays measured during that run (:func:`replay_config`),
and ``NUM_JITTER_SEEDS``
different jitter streams: a real client's jitter draws cannot follow the simulator's, so the
prediction is the range those runs span. A run agrees when

    429 rate       within [min - 0.03, max + 0.03] of the simulated runs   (absolute share)
    goodput        within [min * 0.9, max * 1.1]
    amplification  within [min * 0.9, max * 1.1]

The 0.03 and the 10% leave room for the scheduling delay of a real event loop (milliseconds
against a one-second bucket). Time is compressed: the limits are per-minute values enforced
over a one-second window, so a bucket holds one second of each limit and a run lasts seconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from calculators.limits_sim import SimConfig, percentile, simulate

__all__ = [
    "FULL_LOADS", "FULL_POLICIES", "LOOPBACK_REQUESTS_PER_SECOND", "NUM_JITTER_SEEDS",
    "OUTPUT", "RATE_429_ABS_TOLERANCE", "RELATIVE_TOLERANCE", "SHORT_LOADS", "SHORT_POLICIES",
    "LoopbackRow", "compare", "committed_rows", "loopback_config", "replay_config",
]

OUTPUT = Path(__file__).resolve().parent / "data" / "limits_loopback.json"
SHORT_POLICIES = ("exponential", "full", "queue")
SHORT_LOADS = (0.8, 2.0)
FULL_POLICIES = ("none", "exponential", "full", "equal", "decorrelated", "retry_after", "queue")
FULL_LOADS = (0.8, 2.0, 3.0)
RELATIVE_TOLERANCE = 0.10
RATE_429_ABS_TOLERANCE = 0.03
NUM_JITTER_SEEDS = 12
#: The server's request limit, in requests per second of wall-clock time.
LOOPBACK_REQUESTS_PER_SECOND = 10.0


def loopback_config(policy: str, load: float, num_requests: int, seed: int = 7) -> SimConfig:
    """The loopback run: Anthropic rules, RPM binding, Poisson arrivals at ``load`` x the limit."""
    per_minute = LOOPBACK_REQUESTS_PER_SECOND * 60.0
    return SimConfig(
        provider="anthropic", rpm_limit=per_minute, itpm_limit=per_minute * 400.0,
        otpm_limit=per_minute * 160.0, tpm_limit=0.0, window_seconds=1.0, arrival="poisson",
        requests_per_second=LOOPBACK_REQUESTS_PER_SECOND * load, burst_shape=1.0,
        num_requests=num_requests, input_tokens=200.0, output_tokens=50.0, max_tokens=100.0,
        size_sigma=0.5, service_seconds=0.05, rtt_seconds=0.0, policy=policy,
        base_seconds=0.05, cap_seconds=1.0, max_retries=6, budget="none",
        deadline_seconds=6.0, seed=seed, pace_ratio=0.9,
    )


@dataclass(frozen=True)
class LoopbackRow:
    run: str
    policy: str
    load_multiple: float
    num_requests: int
    measured_429_ratio: float
    simulated_429_ratio: float
    simulated_429_low_ratio: float
    simulated_429_high_ratio: float
    measured_goodput_per_minute: float
    simulated_goodput_per_minute: float
    simulated_goodput_low_per_minute: float
    simulated_goodput_high_per_minute: float
    measured_amplification: float
    simulated_amplification: float
    simulated_amplification_low: float
    simulated_amplification_high: float
    measured_p99_seconds: float
    simulated_p99_seconds: float
    goodput_error_ratio: float
    amplification_error_ratio: float
    within_tolerance: bool


def replay_config(run: dict[str, Any]) -> SimConfig:
    """The simulator's configuration for a measured run: the same seed (so the same arrivals
    and sizes), policy and buckets, with the delays measured during that run drawn at random
    for each attempt: from the moment the policy meant to send it (the planned arrival, the
    queue's go-ahead, the end of a backoff sleep) to the server's decision, and from the
    decision (or the end of service) to the client reading the reply. The server stamps its
    decision with the system-wide monotonic clock, so both legs are measured. A busy machine
    thus slows the prediction the way it slows the client; the limits, the arrivals and the
    policy stay the simulator's own."""
    c = SimConfig(**run["config"])
    rtt = run["mean_round_trip_seconds"]
    return replace(c, rtt_seconds=rtt,
                   out_leg_samples=tuple(run["out_leg_samples_seconds"]),
                   back_leg_samples=tuple(run["back_leg_samples_seconds"]))


def _summary(attempts: int, r429: int, ok: int, first: float, last: float) -> tuple[float, ...]:
    span = last - first
    return (r429 / attempts if attempts else 0.0,
            ok / span * 60.0 if span > 0 else 0.0,
            attempts / ok if ok else float(attempts))


def compare(doc: dict[str, Any]) -> tuple[LoopbackRow, ...]:
    """Every measured run beside the simulator's runs of the same configuration."""
    rows = []
    for run in doc["runs"]:
        config = replace_config = replay_config(run)
        sims = [simulate(replace(replace_config, jitter_seed=-1 if k == 0 else 1000 + k))
                for k in range(NUM_JITTER_SEEDS)]
        summaries = [_summary(s.num_attempts, s.num_429, s.num_success,
                              s.first_arrival_seconds, s.last_event_seconds) for s in sims]
        m429, mgood, mamp = _summary(run["num_attempts"], run["num_429"], run["num_success"],
                                     run["first_arrival_seconds"], run["last_event_seconds"])
        s429, sgood, samp = summaries[0]
        lo = [min(x[j] for x in summaries) for j in range(3)]
        hi = [max(x[j] for x in summaries) for j in range(3)]
        ok = (lo[0] - RATE_429_ABS_TOLERANCE <= m429 <= hi[0] + RATE_429_ABS_TOLERANCE
              and lo[1] * (1 - RELATIVE_TOLERANCE) <= mgood <= hi[1] * (1 + RELATIVE_TOLERANCE)
              and lo[2] * (1 - RELATIVE_TOLERANCE) <= mamp <= hi[2] * (1 + RELATIVE_TOLERANCE))
        rows.append(LoopbackRow(
            run=run["run"], policy=config.policy,
            load_multiple=config.requests_per_second / LOOPBACK_REQUESTS_PER_SECOND,
            num_requests=config.num_requests, measured_429_ratio=m429, simulated_429_ratio=s429,
            simulated_429_low_ratio=lo[0], simulated_429_high_ratio=hi[0],
            measured_goodput_per_minute=mgood, simulated_goodput_per_minute=sgood,
            simulated_goodput_low_per_minute=lo[1], simulated_goodput_high_per_minute=hi[1],
            measured_amplification=mamp, simulated_amplification=samp,
            simulated_amplification_low=lo[2], simulated_amplification_high=hi[2],
            measured_p99_seconds=percentile(list(run["latencies_seconds"]), 0.99),
            simulated_p99_seconds=percentile(list(sims[0].latencies_seconds), 0.99),
            goodput_error_ratio=mgood / sgood - 1.0 if sgood else 0.0,
            amplification_error_ratio=mamp / samp - 1.0 if samp else 0.0,
            within_tolerance=ok,
        ))
    return tuple(rows)


@cache
def committed_rows() -> tuple[LoopbackRow, ...]:
    """The committed measurement (the guide's table), compared with the simulator."""
    return compare(json.loads(OUTPUT.read_text(encoding="utf-8")))
