"""Static against continuous batching, as a seeded simulation (guide 8).

Requests arrive as a Poisson process with mixed output lengths; one server runs them with at
most ``max_batch`` sequences at a time. Step and prefill times come from the roofline
(:func:`calculators.roofline.roofline`: decode step at each batch size, prefill of one prompt).

Draws, per request in order (``calculators/rng.py``, twin ``docs/assets/js/rng.js``): first the
gap to the previous arrival, ``exponential(1 / rate)``; then the output length,
``lognormal(ln(mean) - sigma² / 2, sigma)`` rounded half up and clamped to 1 .. max_tokens.

* **Static**: when the server is idle it takes every queued request (up to ``max_batch``),
  prefills them one after another, then decodes them together until the longest is done; the
  batch keeps its size (finished sequences are padding) and later arrivals wait.
* **Continuous** (Orca's iteration-level scheduling): before every decode step the server admits
  queued requests into free slots, prefilling each (the running decodes stall meanwhile), and a
  sequence leaves the batch as soon as its last token is out.

A request's first token comes out of its prefill; TTFT = first token - arrival; TPOT = (last
token - first token) / (N - 1) over requests with N > 1; throughput = output tokens / (last
token - first arrival). Percentiles are nearest-rank (:func:`calculators.limits_sim.percentile`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

from calculators.collect import Floats, Ints, Texts
from calculators.limits_sim import percentile
from calculators.rng import Rng
from calculators.roofline import roofline

__all__ = ["BatchingSim", "batching_sim", "draw_requests", "VECTOR_ITEMS"]

#: How many requests of each run the shared vectors compare one by one.
VECTOR_ITEMS = 24


def draw_requests(seed: int, num_requests: int, requests_per_second: float,
                  mean_output_tokens: float, output_sigma: float,
                  max_tokens: int) -> tuple[list[float], list[int]]:
    """Arrival times [s] and output lengths [tokens], drawn in the documented order."""
    rng = Rng(seed)
    mu = math.log(mean_output_tokens) - output_sigma * output_sigma / 2
    t = 0.0
    arrivals: list[float] = []
    lengths: list[int] = []
    for _ in range(num_requests):
        t += rng.exponential(1.0 / requests_per_second)
        n = math.floor(rng.lognormal(mu, output_sigma) + 0.5)
        arrivals.append(t)
        lengths.append(min(max(n, 1), max_tokens))
    return arrivals, lengths


def _static(arrivals: list[float], lengths: list[int], prefill: float, step: list[float],
            max_batch: int) -> tuple[list[float], list[float], float, float]:
    n = len(arrivals)
    first = [0.0] * n
    last = [0.0] * n
    clock, start, slot_steps, useful, steps = 0.0, 0, 0, 0, 0
    while start < n:
        clock = max(clock, arrivals[start])
        end = start + 1
        while end < n and end - start < max_batch and arrivals[end] <= clock:
            end += 1
        k = end - start
        clock += k * prefill
        longest = 0
        for j in range(start, end):
            first[j] = clock
            last[j] = clock + (lengths[j] - 1) * step[k]
            longest = max(longest, lengths[j] - 1)
            useful += lengths[j] - 1
        clock += longest * step[k]
        slot_steps += k * longest
        steps += longest
        start = end
    return (first, last, slot_steps / steps if steps else 0.0,
            useful / slot_steps if slot_steps else 1.0)


def _continuous(arrivals: list[float], lengths: list[int], prefill: float, step: list[float],
                max_batch: int) -> tuple[list[float], list[float], float, float]:
    n = len(arrivals)
    first = [0.0] * n
    last = [0.0] * n
    remaining = [0] * n
    active: list[int] = []
    clock, admitted, done, steps, occupied = 0.0, 0, 0, 0, 0
    while done < n:
        if not active and admitted < n:
            clock = max(clock, arrivals[admitted])
        while admitted < n and len(active) < max_batch and arrivals[admitted] <= clock:
            j = admitted
            admitted += 1
            clock += prefill
            first[j] = clock
            remaining[j] = lengths[j] - 1
            if remaining[j] == 0:
                last[j] = clock
                done += 1
            else:
                active.append(j)
        if not active:
            continue
        clock += step[len(active)]
        steps += 1
        occupied += len(active)
        still: list[int] = []
        for j in active:
            remaining[j] -= 1
            if remaining[j] == 0:
                last[j] = clock
                done += 1
            else:
                still.append(j)
        active = still
    return first, last, occupied / steps if steps else 0.0, 1.0


@dataclass(frozen=True)
class BatchingSim:
    VECTOR_SEQUENCES: ClassVar[Texts] = (
        "output_lengths", "static_ttft_seconds", "continuous_ttft_seconds",
        "static_last_token_seconds", "continuous_last_token_seconds")

    seed: int
    num_requests: int
    requests_per_second: float
    max_batch: int
    prefill_seconds: float
    step_one_seconds: float
    step_full_seconds: float
    mean_output_tokens_drawn: float
    offered_tokens_per_second: float
    static_output_tokens_per_second: float
    continuous_output_tokens_per_second: float
    throughput_gain: float
    static_ttft_p50_seconds: float
    static_ttft_p95_seconds: float
    static_ttft_p99_seconds: float
    continuous_ttft_p50_seconds: float
    continuous_ttft_p95_seconds: float
    continuous_ttft_p99_seconds: float
    static_tpot_p50_seconds: float
    static_tpot_p95_seconds: float
    continuous_tpot_p50_seconds: float
    continuous_tpot_p95_seconds: float
    static_e2e_p95_seconds: float
    continuous_e2e_p95_seconds: float
    static_mean_batch: float
    continuous_mean_batch: float
    static_useful_slot_ratio: float
    output_lengths: Ints
    static_ttft_seconds: Floats
    continuous_ttft_seconds: Floats
    static_last_token_seconds: Floats
    continuous_last_token_seconds: Floats


def _summary(arrivals: list[float], lengths: list[int], first: list[float],
             last: list[float]) -> dict[str, float]:
    ttft = sorted(f - a for f, a in zip(first, arrivals))
    tpot = sorted((end - f) / (n - 1) for f, end, n in zip(first, last, lengths) if n > 1)
    e2e = sorted(end - a for end, a in zip(last, arrivals))
    span = max(last) - arrivals[0]
    return {"tput": sum(lengths) / span, "ttft50": percentile(ttft, 0.5),
            "ttft95": percentile(ttft, 0.95), "ttft99": percentile(ttft, 0.99),
            "tpot50": percentile(tpot, 0.5), "tpot95": percentile(tpot, 0.95),
            "e2e95": percentile(e2e, 0.95)}


def batching_sim(*, seed: int, num_requests: int, requests_per_second: float,
                 mean_output_tokens: float, output_sigma: float, max_tokens: int,
                 max_batch: int, **shape: Any) -> BatchingSim:
    """Run the same seeded arrivals through a static and a continuous batcher."""
    from calculators.fields import InputError

    if mean_output_tokens > max_tokens:
        raise InputError("Mean output tokens cannot exceed max_tokens, the longest answer.",
                         ("mean_output_tokens", "max_tokens"))
    base = roofline(**{**shape, "output_tokens": max(1, math.floor(mean_output_tokens + 0.5)),
                       "batch_size": 1})
    step = [0.0] + [roofline(**{**shape, "output_tokens": base.output_tokens,
                                "batch_size": b}).tpot_seconds
                    for b in range(1, max_batch + 1)]
    arrivals, lengths = draw_requests(seed, num_requests, requests_per_second,
                                      mean_output_tokens, output_sigma, max_tokens)
    s_first, s_last, s_batch, s_useful = _static(arrivals, lengths, base.prefill_seconds,
                                                 step, max_batch)
    c_first, c_last, c_batch, _ = _continuous(arrivals, lengths, base.prefill_seconds,
                                              step, max_batch)
    s = _summary(arrivals, lengths, s_first, s_last)
    c = _summary(arrivals, lengths, c_first, c_last)
    k = min(VECTOR_ITEMS, num_requests)
    return BatchingSim(
        seed=seed, num_requests=num_requests, requests_per_second=requests_per_second,
        max_batch=max_batch, prefill_seconds=base.prefill_seconds, step_one_seconds=step[1],
        step_full_seconds=step[max_batch],
        mean_output_tokens_drawn=sum(lengths) / num_requests,
        offered_tokens_per_second=requests_per_second * sum(lengths) / num_requests,
        static_output_tokens_per_second=s["tput"],
        continuous_output_tokens_per_second=c["tput"],
        throughput_gain=c["tput"] / s["tput"],
        static_ttft_p50_seconds=s["ttft50"], static_ttft_p95_seconds=s["ttft95"],
        static_ttft_p99_seconds=s["ttft99"],
        continuous_ttft_p50_seconds=c["ttft50"], continuous_ttft_p95_seconds=c["ttft95"],
        continuous_ttft_p99_seconds=c["ttft99"],
        static_tpot_p50_seconds=s["tpot50"], static_tpot_p95_seconds=s["tpot95"],
        continuous_tpot_p50_seconds=c["tpot50"], continuous_tpot_p95_seconds=c["tpot95"],
        static_e2e_p95_seconds=s["e2e95"], continuous_e2e_p95_seconds=c["e2e95"],
        static_mean_batch=s_batch, continuous_mean_batch=c_batch,
        static_useful_slot_ratio=s_useful,
        output_lengths=tuple(lengths[:k]),
        static_ttft_seconds=tuple(f - a for f, a in zip(s_first[:k], arrivals)),
        continuous_ttft_seconds=tuple(f - a for f, a in zip(c_first[:k], arrivals)),
        static_last_token_seconds=tuple(s_last[:k]),
        continuous_last_token_seconds=tuple(c_last[:k]),
    )
