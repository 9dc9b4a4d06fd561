"""The simulator against a real rate-limited server: configurations, prediction, comparison.

``scripts/loopback_limits.py`` runs an httpx client with each retry policy against a
Starlette/uvicorn server enforcing :class:`calculators.limits_bucket.TokenBucket` on 127.0.0.1
and writes what it counted to ``calculators/data/limits_loopback.json``. This module predicts
every run from fixed settings only, never from what was measured during it: the run's
configuration (:func:`loopback_config`: the seed, hence the arrivals and sizes; the policy; the
bucket rules; the service time) and one fixed network figure, ``overhead_seconds`` in the
committed file (the median loopback round trip, measured once when the file was written and
used unchanged for every later run, fresh ones included). A real client's jitter draws cannot
follow the simulator's once two replies swap places, so the prediction is the mean of the
simulator over ``NUM_JITTER_SEEDS`` jitter streams. A run agrees when

    429 share      |measured - p| <= 3 * sqrt(q (1 - q) / n) + 1 / n   q = max(p, 1/n),
                                   n = the run's attempts  (a three-sigma binomial bound)
    goodput        within 10% of the predicted              [successes/min]
    amplification  within 10% of the predicted              [attempts per success]

The prediction assumes a client that keeps to its plan and a server that answers about as
fast as the committed overhead says. On a busy machine neither holds for a while: a run is
*void* when the 95th percentile of its timers' lateness (arrivals and retry sleeps) exceeds
``MAX_LATE_TIMER_SECONDS`` or that of its round trips exceeds ``MAX_ROUND_TRIP_SECONDS``
(a fifth and a half of the 100 ms between two request tokens). The check re-measures a void
run that disagrees, at most ``MAX_ROUNDS`` times in all; a run that kept to its plan and
disagrees fails at once.

Time is compressed: the limits are per-minute values enforced over a one-second window, so a
bucket holds one second of each limit and a run lasts seconds.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from calculators.collect import Floats
from calculators.limits_sim import SimConfig, percentile, simulate

__all__ = [
    "FULL_LOADS", "FULL_POLICIES", "LOOPBACK_REQUESTS_PER_SECOND", "MAX_LATE_TIMER_SECONDS",
    "MAX_ROUNDS", "MAX_ROUND_TRIP_SECONDS", "NUM_JITTER_SEEDS",
    "OUTPUT", "RELATIVE_TOLERANCE", "SHORT_LOADS", "SHORT_POLICIES", "LoopbackRow",
    "Prediction", "committed_overhead_seconds", "kept_to_plan", "committed_rows", "compare", "loopback_config",
    "predict", "rate_429_bound", "required_rows",
]

OUTPUT = Path(__file__).resolve().parent / "data" / "limits_loopback.json"
SHORT_POLICIES = ("exponential", "full", "queue")
SHORT_LOADS = (0.8, 2.0)
FULL_POLICIES = ("none", "exponential", "full", "equal", "decorrelated", "retry_after", "queue")
FULL_LOADS = (0.8, 2.0)
RELATIVE_TOLERANCE = 0.10
#: Standard deviations of the binomial bound on the 429 share.
RATE_429_SIGMAS = 3.0
NUM_JITTER_SEEDS = 6
#: A run is void (the machine did not run it as planned) past these 95th percentiles.
MAX_LATE_TIMER_SECONDS = 0.02
MAX_ROUND_TRIP_SECONDS = 0.05
#: Measurements of one configuration in a check, at most.
MAX_ROUNDS = 3
#: The server's request limit, in requests per second of wall-clock time.
LOOPBACK_REQUESTS_PER_SECOND = 10.0


def loopback_config(policy: str, load: float, num_requests: int, seed: int = 7,
                    overhead_seconds: float = 0.0) -> SimConfig:
    """The loopback run: Anthropic rules, RPM binding, Poisson arrivals at ``load`` x the limit;
    ``overhead_seconds`` is the simulator's round trip (the client's own runs ignore it)."""
    per_minute = LOOPBACK_REQUESTS_PER_SECOND * 60.0
    return SimConfig(
        provider="anthropic", rpm_limit=per_minute, itpm_limit=per_minute * 400.0,
        otpm_limit=per_minute * 160.0, tpm_limit=0.0, window_seconds=1.0, arrival="poisson",
        requests_per_second=LOOPBACK_REQUESTS_PER_SECOND * load, burst_shape=1.0,
        num_requests=num_requests, input_tokens=200.0, output_tokens=50.0, max_tokens=100.0,
        size_sigma=0.5, service_seconds=0.05, rtt_seconds=overhead_seconds, policy=policy,
        base_seconds=0.05, cap_seconds=1.0, max_retries=6, budget="none",
        deadline_seconds=6.0, seed=seed, pace_ratio=0.9,
    )


def _summary(attempts: int, r429: int, ok: int, first: float, last: float) -> Floats:
    span = last - first
    return (r429 / attempts if attempts else 0.0,
            ok / span * 60.0 if span > 0 else 0.0,
            attempts / ok if ok else float(attempts))


@dataclass(frozen=True)
class Prediction:
    """The simulator's mean over the jitter streams, and the range they span."""

    rate_429_ratio: float
    goodput_per_minute: float
    amplification: float
    p99_seconds: float
    low: tuple[float, float, float]
    high: tuple[float, float, float]


@cache
def predict(policy: str, load: float, num_requests: int, seed: int,
            overhead_seconds: float) -> Prediction:
    """The prediction for one run, from its fixed settings only (memoized: pure)."""
    config = loopback_config(policy, load, num_requests, seed, overhead_seconds)
    sims = [simulate(replace(config, random_legs=True,
                             jitter_seed=-1 if k == 0 else 1000 + k))
            for k in range(NUM_JITTER_SEEDS)]
    rows = [_summary(s.num_attempts, s.num_429, s.num_success, s.first_arrival_seconds,
                     s.last_event_seconds) for s in sims]
    mean = [sum(r[j] for r in rows) / len(rows) for j in range(3)]
    p99 = sum(percentile(list(s.latencies_seconds), 0.99) for s in sims) / len(sims)
    return Prediction(mean[0], mean[1], mean[2], p99,
                      (min(r[0] for r in rows), min(r[1] for r in rows), min(r[2] for r in rows)),
                      (max(r[0] for r in rows), max(r[1] for r in rows), max(r[2] for r in rows)))


def rate_429_bound(predicted_ratio: float, num_attempts: int) -> float:
    """The largest allowed gap between the measured and the predicted 429 share."""
    n = max(1, num_attempts)
    q = min(1.0 - 1.0 / n, max(predicted_ratio, 1.0 / n))
    return RATE_429_SIGMAS * math.sqrt(q * (1.0 - q) / n) + 1.0 / n


@dataclass(frozen=True)
class LoopbackRow:
    run: str
    policy: str
    load_multiple: float
    num_requests: int
    num_attempts: int
    overhead_seconds: float
    measured_429_ratio: float
    simulated_429_ratio: float
    rate_429_bound_ratio: float
    measured_goodput_per_minute: float
    simulated_goodput_per_minute: float
    measured_amplification: float
    simulated_amplification: float
    measured_p99_seconds: float
    simulated_p99_seconds: float
    rate_429_error_ratio: float
    goodput_error_ratio: float
    amplification_error_ratio: float
    within_tolerance: bool
    kept_to_plan: bool


def kept_to_plan(run: dict[str, Any]) -> bool:
    """Whether the machine ran this run as planned (see the module's docstring)."""
    return (run.get("p95_late_timer_seconds", 0.0) <= MAX_LATE_TIMER_SECONDS
            and run.get("p95_round_trip_seconds", 0.0) <= MAX_ROUND_TRIP_SECONDS)


def _row(run: dict[str, Any], overhead: float) -> LoopbackRow:
    c = run["config"]
    policy, load = c["policy"], c["requests_per_second"] / LOOPBACK_REQUESTS_PER_SECOND
    settings = asdict(loopback_config(policy, load, c["num_requests"], c["seed"]))
    changed = sorted(k for k in settings if k != "rtt_seconds" and settings[k] != c.get(k))
    if changed:
        raise ValueError(f"run {run['run']} was measured with other settings ({', '.join(changed)}); "
                         "re-measure with scripts/loopback_limits.py")
    p = predict(policy, load, c["num_requests"], c["seed"], overhead)
    m429, mgood, mamp = _summary(run["num_attempts"], run["num_429"], run["num_success"],
                                 run["first_arrival_seconds"], run["last_event_seconds"])
    bound = rate_429_bound(p.rate_429_ratio, run["num_attempts"])
    good_err = mgood / p.goodput_per_minute - 1.0 if p.goodput_per_minute else 0.0
    amp_err = mamp / p.amplification - 1.0 if p.amplification else 0.0
    return LoopbackRow(
        run=run["run"], policy=policy, load_multiple=load, num_requests=c["num_requests"],
        num_attempts=run["num_attempts"], overhead_seconds=overhead,
        measured_429_ratio=m429, simulated_429_ratio=p.rate_429_ratio,
        rate_429_bound_ratio=bound, measured_goodput_per_minute=mgood,
        simulated_goodput_per_minute=p.goodput_per_minute, measured_amplification=mamp,
        simulated_amplification=p.amplification,
        measured_p99_seconds=percentile(list(run["latencies_seconds"]), 0.99),
        simulated_p99_seconds=p.p99_seconds, rate_429_error_ratio=abs(m429 - p.rate_429_ratio),
        goodput_error_ratio=good_err, amplification_error_ratio=amp_err,
        within_tolerance=(abs(m429 - p.rate_429_ratio) <= bound
                          and abs(good_err) <= RELATIVE_TOLERANCE
                          and abs(amp_err) <= RELATIVE_TOLERANCE),
        kept_to_plan=kept_to_plan(run),
    )


def committed_overhead_seconds() -> float:
    """The fixed network figure every prediction uses (measured once, committed)."""
    return float(_committed()["overhead_seconds"])


def compare(doc: dict[str, Any], overhead_seconds: float | None = None) -> tuple[LoopbackRow, ...]:
    """Every measured run beside its prediction (``overhead_seconds``: the committed one)."""
    overhead = committed_overhead_seconds() if overhead_seconds is None else overhead_seconds
    return tuple(_row(run, overhead) for run in doc["runs"])


@cache
def _committed() -> dict[str, Any]:
    return json.loads(OUTPUT.read_text(encoding="utf-8"))


def required_rows(rows: tuple[LoopbackRow, ...]) -> tuple[LoopbackRow, ...]:
    """The runs that must agree: the policies of the CI check (no jitter, full jitter, the
    client-side queue) at every load. The others are shown as they came out."""
    return tuple(r for r in rows if r.policy in SHORT_POLICIES)


@cache
def committed_rows() -> tuple[LoopbackRow, ...]:
    """The committed measurement (the guide's table), compared with the prediction."""
    doc = _committed()
    return compare(doc, float(doc["overhead_seconds"]))
