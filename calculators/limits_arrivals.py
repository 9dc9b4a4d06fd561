"""The simulator's arrival plan (when each request arrives, and its sizes) and percentiles.

Arrivals are steady (evenly spaced), Poisson (exponential gaps) or bursty (gamma gaps of shape
``k``, whose coefficient of variation is ``1 / sqrt(k)``), all drawn from ``Rng(seed)``. With a
size spread ``sigma > 0`` each request's input and actual output sizes are lognormal with the
given means (``mu = log(mean) - sigma**2 / 2``), rounded with ``floor(x + 0.5)``, the output
capped at ``max_tokens``. The JavaScript twin (``arrival_plan`` in
``docs/assets/js/calculators/limits_sim.js``) draws the same numbers in the same order.
"""

from __future__ import annotations

import math
from functools import lru_cache

from calculators.collect import Floats
from calculators.rng import Rng

__all__ = ["percentile", "plan_arrivals"]


@lru_cache(maxsize=32)
def plan_arrivals(seed: int, arrival: str, requests_per_second: float, burst_shape: float,
                  num_requests: int, input_tokens: float, output_tokens: float,
                  max_tokens: float, size_sigma: float,
                  ) -> tuple[Floats, Floats, Floats]:
    """(arrival times [s], input tokens, actual output tokens) of every request. Memoized:
    runs that differ only in policy, limits or jitter (the policy sweep, the loopback
    prediction's jitter streams) share one plan."""
    rng = Rng(seed)
    times, inputs, outputs = [], [], []
    t = 0.0
    mean_gap = 1.0 / requests_per_second
    half_var = size_sigma * size_sigma / 2.0
    mu_in = math.log(max(input_tokens, 1.0)) - half_var
    mu_out = math.log(max(output_tokens, 1.0)) - half_var
    for i in range(num_requests):
        if arrival == "steady":
            t = i * mean_gap
        elif arrival == "poisson":
            t += rng.exponential(mean_gap)
        else:
            t += rng.gamma(burst_shape, mean_gap / burst_shape)
        if size_sigma > 0:
            size_in = max(0.0, math.floor(rng.lognormal(mu_in, size_sigma) + 0.5))
            size_out = min(max_tokens, max(0.0, math.floor(rng.lognormal(mu_out, size_sigma)
                                                           + 0.5)))
        else:
            size_in, size_out = input_tokens, output_tokens
        times.append(t)
        inputs.append(size_in)
        outputs.append(size_out)
    return tuple(times), tuple(inputs), tuple(outputs)


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values (0 for none)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(p * len(sorted_values) - 1e-9))
    return sorted_values[rank - 1]
