"""A seeded discrete-event simulation of one client against a provider's token buckets.

Requests arrive (steady, Poisson, or bursty with gamma-distributed gaps whose coefficient of
variation is ``1 / sqrt(shape)``), each with an input size, an actual output size and a
``max_tokens`` reservation. Every attempt reaches the server half a round trip after it is
sent; the server admits it when every bucket (:class:`calculators.limits_bucket.TokenBucket`)
can pay its charge, replies 429 with ``retry-after`` (the wait until it would fit, rounded up
to the millisecond) otherwise, and refunds the unused part of the output reservation when an
admitted request finishes (Anthropic's end-of-request correction). On OpenAI rules a rejected
attempt still drains one request from the RPM bucket. The client then follows its policy
(:mod:`calculators.limits_backoff`), or with ``queue`` holds requests in a FIFO and sends each
only when its own copy of the buckets says it fits, so nothing is retried.

Events are ordered by (time, sequence number), so the order is total and the JavaScript twin
``docs/assets/js/calculators/limits_sim.js`` reproduces it event by event for the same seed:
arrivals and sizes come from ``Rng(seed)``, jitter from ``Rng(seed + 0x9E3779B9 mod 2**32)``,
and sizes are rounded with ``floor(x + 0.5)`` in both languages.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from calculators.limits_backoff import RetryBudget, backoff_seconds
from calculators.limits_bucket import TokenBucket
from calculators.rng import MASK32, Rng

__all__ = ["JITTER_STREAM", "SimConfig", "SimRun", "arrival_plan", "percentile", "simulate"]

JITTER_STREAM = 0x9E3779B9
#: Events kept in a run's log (the shared vectors compare them one by one).
LOG_EVENTS = 120

ARRIVE, SERVER, REJECTED, DONE, SETTLE, RETRY, WAKE = range(7)
KIND_NAMES = ("arrive", "server", "429", "done", "settle", "retry", "wake")


@dataclass(frozen=True)
class SimConfig:
    provider: str
    rpm_limit: float
    itpm_limit: float
    otpm_limit: float
    tpm_limit: float
    window_seconds: float
    arrival: str
    requests_per_second: float
    burst_shape: float
    num_requests: int
    input_tokens: float
    output_tokens: float
    max_tokens: float
    size_sigma: float
    service_seconds: float
    rtt_seconds: float
    policy: str
    base_seconds: float
    cap_seconds: float
    max_retries: int
    budget: str
    deadline_seconds: float
    seed: int
    #: Share of each limit the client-side queue paces to (headroom against clock drift).
    pace_ratio: float = 1.0
    #: Seed of the jitter stream; -1 derives it from ``seed`` (the only form the twin knows).
    jitter_seed: int = -1
    #: Replaying a real client: measured delays drawn at random (uniformly from each list)
    #: instead of the fixed half round trips: sending to the server's decision, the decision
    #: (or the end of service) to the client's reading of the reply, and how late a retry
    #: timer fired. Empty tuples draw nothing (the only form the twin knows).
    out_leg_samples: tuple[float, ...] = ()
    back_leg_samples: tuple[float, ...] = ()
    oversleep_samples: tuple[float, ...] = ()


@dataclass(frozen=True)
class SimRun:
    num_attempts: int
    num_429: int
    num_success: int
    num_gave_up: int
    num_never_fit: int
    first_arrival_seconds: float
    last_event_seconds: float
    latencies_seconds: tuple[float, ...]
    event_times_seconds: tuple[float, ...]
    event_labels: tuple[str, ...]


def _round(x: float) -> float:
    return math.floor(x + 0.5)


def arrival_plan(c: SimConfig) -> tuple[list[float], list[float], list[float]]:
    """Arrival times, input tokens and actual output tokens of every request."""
    rng = Rng(c.seed)
    times, inputs, outputs = [], [], []
    t = 0.0
    mean_gap = 1.0 / c.requests_per_second
    half_var = c.size_sigma * c.size_sigma / 2.0
    for i in range(c.num_requests):
        if c.arrival == "steady":
            t = i * mean_gap
        elif c.arrival == "poisson":
            t += rng.exponential(mean_gap)
        else:
            t += rng.gamma(c.burst_shape, mean_gap / c.burst_shape)
        if c.size_sigma > 0:
            size_in = max(0.0, _round(rng.lognormal(math.log(max(c.input_tokens, 1.0)) - half_var,
                                                    c.size_sigma)))
            size_out = min(c.max_tokens, max(0.0, _round(
                rng.lognormal(math.log(max(c.output_tokens, 1.0)) - half_var, c.size_sigma))))
        else:
            size_in, size_out = c.input_tokens, c.output_tokens
        times.append(t)
        inputs.append(size_in)
        outputs.append(size_out)
    return times, inputs, outputs


def _buckets(c: SimConfig, share: float = 1.0) -> list[tuple[int, TokenBucket]]:
    """(dimension, bucket): 0 requests, 1 input tokens, 2 output tokens, 3 all tokens.

    ``share`` scales each limit (the client-side queue's pacing), capacity and refill alike.
    """
    out = []
    for dim, limit in enumerate((c.rpm_limit, c.itpm_limit, c.otpm_limit, c.tpm_limit)):
        if limit > 0:
            out.append((dim, TokenBucket.per_minute(limit * share, c.window_seconds)))
    return out


def _cost(dim: int, size_in: float, c: SimConfig) -> float:
    if dim == 0:
        return 1.0
    if dim == 1:
        return size_in
    if dim == 2:
        return c.max_tokens
    return size_in + c.max_tokens


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values (0 for none)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(p * len(sorted_values) - 1e-9))
    return sorted_values[rank - 1]


def simulate(c: SimConfig) -> SimRun:
    times, inputs, outputs = arrival_plan(c)
    jitter = Rng(c.jitter_seed if c.jitter_seed >= 0 else (c.seed + JITTER_STREAM) & MASK32)
    noise = Rng((jitter.state ^ 0x5BD1E995) & MASK32)
    server = _buckets(c)
    mirror = _buckets(c, c.pace_ratio)
    budget = RetryBudget(c.budget == "grpc")
    half = c.rtt_seconds / 2.0

    def leg(samples: tuple[float, ...]) -> float:
        if not samples:
            return half
        return samples[min(len(samples) - 1, int(noise.uniform() * len(samples)))]
    n = c.num_requests
    attempts = [0] * n
    previous = [c.base_seconds] * n
    heap: list[tuple[float, int, int, int, float]] = []
    seq = 0
    log_t: list[float] = []
    log_l: list[str] = []
    queue: list[int] = []
    head = 0
    wake_at = -1.0
    stats = {"attempts": 0, "r429": 0, "ok": 0, "gave_up": 0, "never": 0}
    latencies: list[float] = []
    last = 0.0

    def push(t: float, kind: int, i: int, value: float = 0.0) -> None:
        nonlocal seq
        heapq.heappush(heap, (t, seq, kind, i, value))
        seq += 1

    def send(t: float, i: int) -> None:
        attempts[i] += 1
        stats["attempts"] += 1
        push(t + leg(c.out_leg_samples), SERVER, i)

    def give_up(t: float, never: bool) -> None:
        nonlocal last
        stats["never" if never else "gave_up"] += 1
        last = t

    def dispatch(t: float) -> None:
        nonlocal head, wake_at
        while head < len(queue):
            i = queue[head]
            wait = 0.0
            for dim, bucket in mirror:
                wait = max(wait, bucket.wait_seconds(_cost(dim, inputs[i], c), t))
            if math.isinf(wait):
                head += 1
                give_up(t, True)
                continue
            if t + wait > times[i] + c.deadline_seconds:
                head += 1
                give_up(t, False)
                continue
            if wait > 0.0:
                if wake_at < 0.0:
                    wake_at = t + wait
                    push(wake_at, WAKE, i)
                return
            for dim, bucket in mirror:
                bucket.take(_cost(dim, inputs[i], c), t)
            head += 1
            send(t, i)

    for i in range(n):
        push(times[i], ARRIVE, i)
    while heap:
        t, _, kind, i, value = heapq.heappop(heap)
        if len(log_t) < LOG_EVENTS:
            log_t.append(t)
            log_l.append(f"{KIND_NAMES[kind]} {i} {attempts[i]}")
        if kind == ARRIVE:
            if c.policy == "queue":
                queue.append(i)
                dispatch(t)
            else:
                send(t, i)
        elif kind == SERVER:
            costs = [(bucket, _cost(dim, inputs[i], c)) for dim, bucket in server]
            if all(bucket.can_take(cost, t) for bucket, cost in costs):
                for bucket, cost in costs:
                    bucket.take(cost, t)
                push(t + c.service_seconds + leg(c.back_leg_samples), DONE, i)
                if c.otpm_limit > 0:
                    push(t + c.service_seconds, SETTLE, i)
            else:
                wait = max(bucket.wait_seconds(cost, t) for bucket, cost in costs)
                retry_after = -1.0 if math.isinf(wait) else math.ceil(wait * 1000.0 - 1e-6) / 1000.0
                if c.provider == "openai":
                    for dim, bucket in server:
                        if dim == 0:
                            bucket.drain(1.0, t)
                push(t + leg(c.back_leg_samples), REJECTED, i, retry_after)
        elif kind == SETTLE:
            for dim, bucket in server:
                if dim == 2:
                    bucket.give_back(c.max_tokens - outputs[i], t)
        elif kind == DONE:
            stats["ok"] += 1
            budget.on_success()
            latencies.append(t - times[i])
            last = t
            if c.policy == "queue":
                for dim, bucket in mirror:
                    if dim == 2:
                        bucket.give_back(c.max_tokens - outputs[i], t)
                dispatch(t)
        elif kind == REJECTED:
            stats["r429"] += 1
            budget.on_failure()
            retries_done = attempts[i] - 1
            if (c.policy == "none" or retries_done >= c.max_retries
                    or not budget.allows_retry()):
                give_up(t, False)
                continue
            sleep = backoff_seconds(c.policy, retries_done, c.base_seconds, c.cap_seconds,
                                    previous[i], value, jitter)
            previous[i] = sleep
            if t + sleep > times[i] + c.deadline_seconds:
                give_up(t, False)
                continue
            late = leg(c.oversleep_samples) if c.oversleep_samples else 0.0
            push(t + sleep + late, RETRY, i)
        elif kind == RETRY:
            send(t, i)
        else:
            wake_at = -1.0
            dispatch(t)
    latencies.sort()
    return SimRun(
        num_attempts=stats["attempts"], num_429=stats["r429"], num_success=stats["ok"],
        num_gave_up=stats["gave_up"], num_never_fit=stats["never"],
        first_arrival_seconds=times[0] if times else 0.0, last_event_seconds=last,
        latencies_seconds=tuple(latencies), event_times_seconds=tuple(log_t),
        event_labels=tuple(log_l),
    )
