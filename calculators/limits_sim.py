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
arrivals and sizes come from ``Rng(seed)`` (:mod:`calculators.limits_arrivals`), jitter from
``Rng(seed + 0x9E3779B9 mod 2**32)``, and sizes are rounded with ``floor(x + 0.5)`` in both
languages.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from calculators.collect import Floats, Texts
from calculators.limits_backoff import RetryBudget, backoff_seconds
from calculators.limits_arrivals import percentile, plan_arrivals
from calculators.limits_bucket import FIT_TOLERANCE, TokenBucket
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
    #: Each network leg (client to server decision, decision or end of service to the client)
    #: takes half the round trip exactly (False, the only form the twin knows) or an
    #: exponentially distributed time with that mean (True), drawn from a third seeded stream:
    #: how the loopback prediction stands for a real event loop's scheduling delays.
    random_legs: bool = False


@dataclass(frozen=True)
class SimRun:
    num_attempts: int
    num_429: int
    num_success: int
    num_gave_up: int
    num_never_fit: int
    first_arrival_seconds: float
    last_event_seconds: float
    latencies_seconds: Floats
    event_times_seconds: Floats
    event_labels: Texts


def arrival_plan(c: SimConfig) -> tuple[list[float], list[float], list[float]]:
    """Arrival times, input tokens and actual output tokens of every request."""
    times, inputs, outputs = plan_arrivals(
        c.seed, c.arrival, c.requests_per_second, c.burst_shape, c.num_requests,
        c.input_tokens, c.output_tokens, c.max_tokens, c.size_sigma)
    return list(times), list(inputs), list(outputs)


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


def simulate(c: SimConfig) -> SimRun:
    """Run the simulation. Arrivals are already in time order, so they are merged with the
    event heap rather than pushed onto it (an arrival sorts before any other event at the
    same time, as its sequence number would make it); bucket charges are computed once per
    request; counters are plain locals. The event order is the plain heap's."""
    times, inputs, outputs = arrival_plan(c)
    jitter = Rng(c.jitter_seed if c.jitter_seed >= 0 else (c.seed + JITTER_STREAM) & MASK32)
    noise = Rng((jitter.state ^ 0x5BD1E995) & MASK32) if c.random_legs else None
    server = _buckets(c)
    mirror = [b for _, b in _buckets(c, c.pace_ratio)]
    dims = [dim for dim, _ in server]
    sb = [b for _, b in server]
    s_rpm = sb[dims.index(0)] if 0 in dims else None
    s_otpm = sb[dims.index(2)] if 2 in dims else None
    m_otpm = mirror[dims.index(2)] if 2 in dims else None
    mt = c.max_tokens
    costs = [tuple(_cost(dim, x, c) for dim in dims) for x in inputs]
    paired = [tuple(zip(sb, k)) for k in costs]
    budget = RetryBudget(c.budget == "grpc")
    half = c.rtt_seconds / 2.0
    service = c.service_seconds
    deadline = c.deadline_seconds
    policy = c.policy
    queued = policy == "queue"
    never_retry = policy == "none"
    openai = c.provider == "openai"
    settle = c.otpm_limit > 0
    max_retries = c.max_retries
    base, cap = c.base_seconds, c.cap_seconds
    n = c.num_requests
    attempts = [0] * n
    previous = [base] * n
    heap: list[tuple[float, int, int, int, float]] = []
    push = heapq.heappush
    pop = heapq.heappop
    seq = 0
    log_max = LOG_EVENTS
    log_t: list[float] = []
    log_l: list[str] = []
    queue: list[int] = []
    head = 0
    wake_at = -1.0
    num_attempts = num_429 = num_ok = num_gave_up = num_never = 0
    latencies: list[float] = []
    last = 0.0
    nxt = 0  # the next arrival

    while True:
        if nxt < n and (not heap or times[nxt] <= heap[0][0]):
            t = times[nxt]
            i = nxt
            nxt += 1
            kind = ARRIVE
            value = 0.0
        elif heap:
            t, _, kind, i, value = pop(heap)
        else:
            break
        if len(log_t) < log_max:
            log_t.append(t)
            log_l.append(f"{KIND_NAMES[kind]} {i} {attempts[i]}")
        if kind == SERVER:
            pairs = paired[i]
            # can_take, then take: the bucket is refreshed to t by the first, so the second
            # only subtracts (time never runs backwards here).
            for bucket, cost in pairs:
                if bucket.refresh(t) + FIT_TOLERANCE < cost:
                    break
            else:
                for bucket, cost in pairs:
                    bucket.level -= cost
                push(heap, (t + service + (half if noise is None else noise.exponential(half)), seq,
                            DONE, i, 0.0))
                seq += 1
                if settle:
                    push(heap, (t + service, seq, SETTLE, i, 0.0))
                    seq += 1
                continue
            wait = max(bucket.wait_seconds(cost, t) for bucket, cost in pairs)
            retry_after = -1.0 if wait == math.inf else math.ceil(wait * 1000.0 - 1e-6) / 1000.0
            if openai and s_rpm is not None:
                s_rpm.drain(1.0, t)
            push(heap, (t + (half if noise is None else noise.exponential(half)), seq, REJECTED, i,
                        retry_after))
            seq += 1
            continue
        if kind == REJECTED:
            num_429 += 1
            budget.on_failure()
            retries_done = attempts[i] - 1
            if never_retry or retries_done >= max_retries or not budget.allows_retry():
                num_gave_up += 1
                last = t
                continue
            sleep = backoff_seconds(policy, retries_done, base, cap, previous[i], value, jitter)
            previous[i] = sleep
            if t + sleep > times[i] + deadline:
                num_gave_up += 1
                last = t
                continue
            push(heap, (t + sleep, seq, RETRY, i, 0.0))
            seq += 1
            continue
        if kind == ARRIVE or kind == RETRY:
            if kind == ARRIVE and queued:
                queue.append(i)
            else:
                attempts[i] += 1
                num_attempts += 1
                push(heap, (t + (half if noise is None else noise.exponential(half)), seq, SERVER,
                            i, 0.0))
                seq += 1
                continue
        elif kind == SETTLE:
            if s_otpm is not None:
                s_otpm.give_back(mt - outputs[i], t)
            continue
        elif kind == DONE:
            num_ok += 1
            budget.on_success()
            latencies.append(t - times[i])
            last = t
            if not queued:
                continue
            if m_otpm is not None:
                m_otpm.give_back(mt - outputs[i], t)
        else:
            wake_at = -1.0
        # The client-side queue: send every request at its head that fits the client's own
        # copy of the buckets; set one wake-up for the first that does not yet.
        while head < len(queue):
            q = queue[head]
            k = costs[q]
            wait = 0.0
            for bucket, cost in zip(mirror, k):
                wait = max(wait, bucket.wait_seconds(cost, t))
            if wait == math.inf:
                head += 1
                num_never += 1
                last = t
                continue
            if t + wait > times[q] + deadline:
                head += 1
                num_gave_up += 1
                last = t
                continue
            if wait > 0.0:
                if wake_at < 0.0:
                    wake_at = t + wait
                    push(heap, (wake_at, seq, WAKE, q, 0.0))
                    seq += 1
                break
            for bucket, cost in zip(mirror, k):  # refreshed to t by wait_seconds above
                bucket.level -= cost
            head += 1
            attempts[q] += 1
            num_attempts += 1
            push(heap, (t + (half if noise is None else noise.exponential(half)), seq, SERVER, q,
                        0.0))
            seq += 1
    latencies.sort()
    return SimRun(
        num_attempts=num_attempts, num_429=num_429, num_success=num_ok,
        num_gave_up=num_gave_up, num_never_fit=num_never,
        first_arrival_seconds=times[0] if times else 0.0, last_event_seconds=last,
        latencies_seconds=tuple(latencies), event_times_seconds=tuple(log_t),
        event_labels=tuple(log_l),
    )
