"""One request that becomes many: hops in series and in parallel, their tails, and retries.

A request graph is a sequence of **steps** run one after another; a step is one or more
**branches** run in parallel (the step lasts as long as its slowest branch), and a branch is
one or more **stages** run in series (its time is their sum). Each stage's
latency is lognormal, given by its median ``m`` and 95th percentile ``q`` [s]:

    ln X ~ Normal(mu, sigma),  mu = ln m,  sigma = ln(q / m) / z_0.95,  z_0.95 = 1.6449

so ``X`` has median ``m`` and 95th percentile ``q``. Percentiles do not add, so the critical
path's median and tail come from a **seeded Monte Carlo** (:class:`calculators.rng.Rng`, the
same generator and draw order as ``docs/assets/js/calculators/request_graph.js``):

    T = sum over steps of (max over the step's branches of (sum over the branch of X_stage))

Per stage a timeout ``tau`` with ``r`` retries re-sends an attempt that has not answered after
``tau`` (the caller waits ``tau`` and tries again; the last attempt fails at ``tau``), and a
hedge after ``h`` sends a second copy when the first has not answered after ``h`` and takes
whichever answers first: ``min(X1, h + X2)``. Both add load: the attempts and copies sent per
request.

Closed forms beside the simulation:

    P(one of k parallel calls is slower than its p-quantile) = 1 - p^k     (tail amplification)
    A_serial = prod_i (1 - (1 - A_i)^(r_i + 1))                           (independent failures)
    W = s / (1 - rho),  rho = lambda * s,  W_p = -ln(1 - p) * W               (M/M/1 hop)

Units: seconds [s], requests per second [1/s], ratios 0-1.
Percentiles are nearest-rank: the ``ceil(p * n)``-th smallest of ``n`` samples.
References: Dean and Barroso, "The Tail at Scale", CACM 56(2), 2013 (fan-out amplification,
hedged requests); Kleinrock, Queueing Systems vol. 1 (M/M/1 sojourn time).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from calculators.collect import Floats
from calculators.fields import require_range
from calculators.rng import Rng

__all__ = [
    "PathSimulation",
    "Stage",
    "Step",
    "Z95",
    "fan_out_slow_ratio",
    "mm1_hop",
    "nearest_rank",
    "path_samples",
    "serial_availability",
    "simulate_path",
]

#: The standard normal's 95th percentile.
Z95 = 1.6448536269514722
MAX_SAMPLES = 100_000


@dataclass(frozen=True)
class Stage:
    """One hop: its latency distribution and the caller's policy for it (seconds)."""

    name: str
    median_seconds: float
    p95_seconds: float
    timeout_seconds: float = 0.0
    retries: int = 0
    hedge_after_seconds: float = 0.0
    #: Measured extra time of each call on top of its lognormal draw (the caller's own cost:
    #: its HTTP stack, scheduling), drawn uniformly from these samples [s]. Empty: none, and no
    #: extra draw, so the draw order is the JavaScript twin's (which has no such samples; no
    #: calculator offers them: the loopback comparison of ``scripts/hops_loopback.py`` does).
    extra_samples: Floats = ()

    def __post_init__(self) -> None:
        require_range(f"{self.name} median", self.median_seconds, 0.0, 3600.0, "seconds")
        require_range(f"{self.name} p95", self.p95_seconds, 0.0, 3600.0, "seconds")
        if self.p95_seconds < self.median_seconds:
            raise ValueError(
                f"{self.name}: the p95 must be at least the median "
                f"({self.median_seconds * 1000:g} ms); got {self.p95_seconds * 1000:g} ms."
            )
        require_range(f"{self.name} timeout", self.timeout_seconds, 0.0, 3600.0, "seconds")
        require_range(f"{self.name} retries", self.retries, 0, 10, "retries")
        require_range(f"{self.name} hedge delay", self.hedge_after_seconds, 0.0, 3600.0,
                      "seconds")
        if len(self.extra_samples) > MAX_SAMPLES:
            raise ValueError(f"{self.name}: at most {MAX_SAMPLES:,} extra-time samples.")
        for extra in self.extra_samples:
            require_range(f"{self.name} extra time", extra, 0.0, 3600.0, "seconds")

    @property
    def mu(self) -> float:
        return math.log(self.median_seconds) if self.median_seconds > 0 else 0.0

    @property
    def sigma(self) -> float:
        if self.median_seconds <= 0:
            return 0.0
        return math.log(self.p95_seconds / self.median_seconds) / Z95


def _draw_latency(stage: Stage, rng: Rng) -> float:
    """One lognormal draw (two uniforms, always, so the draw order never depends on values),
    plus one of the stage's extra-time samples if it has any (one more uniform)."""
    x = rng.lognormal(stage.mu, stage.sigma)
    x = x if stage.median_seconds > 0 else 0.0
    if stage.extra_samples:
        n = len(stage.extra_samples)
        x += stage.extra_samples[min(n - 1, int(rng.uniform() * n))]
    return x


def draw_stage(stage: Stage, rng: Rng) -> tuple[float, int, bool]:
    """(latency [s], requests sent, failed) of one call through ``stage``'s policy."""
    elapsed = 0.0
    sent = 0
    for attempt in range(stage.retries + 1):
        x = _draw_latency(stage, rng)
        sent += 1
        if stage.hedge_after_seconds > 0:
            y = _draw_latency(stage, rng)
            if x > stage.hedge_after_seconds:
                sent += 1
                x = min(x, stage.hedge_after_seconds + y)
        if stage.timeout_seconds > 0 and x > stage.timeout_seconds:
            elapsed += stage.timeout_seconds
            if attempt == stage.retries:
                return elapsed, sent, True
            continue
        return elapsed + x, sent, False
    raise AssertionError("unreachable")  # pragma: no cover


def nearest_rank(sorted_values: Sequence[float], p: float) -> float:
    """The nearest-rank ``p``-quantile (0 < p <= 1) of already sorted values."""
    n = len(sorted_values)
    index = max(0, math.ceil(p * n) - 1)
    return sorted_values[min(index, n - 1)]


@dataclass(frozen=True)
class PathSimulation:
    """The critical path's distribution from the Monte Carlo, with the load it put on hops."""

    num_samples: int
    seed: int
    median_seconds: float
    p95_seconds: float
    p99_seconds: float
    mean_seconds: float
    #: Share of requests where some hop timed out on its last attempt.
    failed_ratio: float
    #: Requests (attempts and hedged copies) sent to all hops, per end-to-end request.
    calls_per_request: float


#: A step: parallel branches, each a series of stages.
Step = Sequence[Sequence[Stage]]


def simulate_path(steps: Sequence[Step], num_samples: int, seed: int) -> PathSimulation:
    """Seeded Monte Carlo of the critical path through ``steps``: its summary."""
    totals, failed, sent = _run(steps, num_samples, seed)
    return PathSimulation(
        num_samples=num_samples,
        seed=seed,
        median_seconds=nearest_rank(totals, 0.5),
        p95_seconds=nearest_rank(totals, 0.95),
        p99_seconds=nearest_rank(totals, 0.99),
        mean_seconds=math.fsum(totals) / num_samples,
        failed_ratio=failed / num_samples,
        calls_per_request=sent / num_samples,
    )


def path_samples(steps: Sequence[Step], num_samples: int, seed: int) -> list[float]:
    """The simulated critical-path times, sorted (for quantiles and sampling bands)."""
    return _run(steps, num_samples, seed)[0]


def _run(steps: Sequence[Step], num_samples: int, seed: int) -> tuple[list[float], int, int]:
    """(sorted totals, failed requests, calls sent) of the Monte Carlo.

    Draw order: sample by sample, step by step, branch by branch, stage by stage within a
    branch, attempts in order; the JavaScript twin draws in exactly this order.
    """
    require_range("samples", num_samples, 1, MAX_SAMPLES, "samples")
    if not steps or any(not step or any(not branch for branch in step) for step in steps):
        raise ValueError("A request graph needs at least one step, each branch with a stage.")
    rng = Rng(seed)
    totals: list[float] = []
    failed = 0
    sent = 0
    for _ in range(num_samples):
        total = 0.0
        broken = False
        for step in steps:
            slowest = 0.0
            for branch in step:
                elapsed = 0.0
                for stage in branch:
                    latency, calls, fail = draw_stage(stage, rng)
                    elapsed += latency
                    sent += calls
                    broken = broken or fail
                slowest = max(slowest, elapsed)
            total += slowest
        totals.append(total)
        failed += broken
    totals.sort()
    return totals, failed, sent


def fan_out_slow_ratio(num_calls: int, quantile: float = 0.95) -> float:
    """Chance that at least one of ``num_calls`` independent calls is slower than its own
    ``quantile`` (so the fan-out waits for a tail): ``1 - quantile ** num_calls``."""
    require_range("parallel calls", num_calls, 1, 10_000, "calls")
    require_range("quantile", quantile, 0.0, 1.0, "ratio")
    return 1.0 - quantile**num_calls


def serial_availability(availabilities: Sequence[float], retries: Sequence[int]) -> float:
    """Availability of hops in series, each retried ``r`` times on independent failures."""
    if len(availabilities) != len(retries):
        raise ValueError("serial_availability: one retry count per hop is needed.")
    product = 1.0
    for a, r in zip(availabilities, retries, strict=True):
        require_range("hop availability", a, 0.0, 1.0, "ratio")
        require_range("hop retries", r, 0, 10, "retries")
        product *= 1.0 - (1.0 - a) ** (r + 1)
    return product


@dataclass(frozen=True)
class QueueingHop:
    """An M/M/1 hop at an offered load: utilisation and response time (waiting + service)."""

    service_seconds: float
    offered_per_second: float
    utilisation_ratio: float
    mean_seconds: float
    p95_seconds: float


def mm1_hop(service_seconds: float, offered_per_second: float) -> QueueingHop:
    """Response time of one M/M/1 server at ``offered_per_second`` (below its capacity)."""
    require_range("service time", service_seconds, 1e-6, 3600.0, "seconds")
    require_range("offered load", offered_per_second, 0.0, 1e9, "requests/s")
    rho = offered_per_second * service_seconds
    if rho >= 1.0:
        raise ValueError(
            f"Offered load must stay below the hop's capacity of "
            f"{1 / service_seconds:,.4g} requests/s; got {offered_per_second:,.4g} requests/s."
        )
    mean = service_seconds / (1.0 - rho)
    return QueueingHop(service_seconds, offered_per_second, rho, mean, -math.log(0.05) * mean)
