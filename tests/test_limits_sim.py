"""The retry simulator: backoff schedules (AWS Architecture Blog, "Exponential Backoff And
Jitter", Marc Brooker, 2015: https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/),
gRPC retry throttling (proposal A6), conservation of requests, determinism by seed, and the
edge cases the shared vectors carry."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run
from calculators.limits_backoff import RetryBudget, backoff_schedule, backoff_seconds
from calculators.limits_sim import SimConfig, percentile, simulate
from calculators.rng import Rng

SMALL = {"requests": 80}


def test_capped_exponential_schedule_base_1_cap_60() -> None:
    # REFERENCES guide 5 (c) 4 / G5-2: 1, 2, 4, 8, 16, 32, 60, 60 s; Full Jitter means half.
    rows = backoff_schedule(1.0, 60.0, 8)
    assert [r.exponential_seconds for r in rows] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert [r.full_mean_seconds for r in rows] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert [r.equal_mean_seconds for r in rows] == [0.75 * x for x in (1, 2, 4, 8, 16, 32, 60, 60)]
    for r in rows:
        assert 0 <= r.full_draw_seconds < r.exponential_seconds
        assert r.exponential_seconds / 2 <= r.equal_draw_seconds < r.exponential_seconds
        assert 1.0 <= r.decorrelated_draw_seconds <= 60.0


def test_jitter_draws_stay_in_their_ranges() -> None:
    rng = Rng(3)
    previous = 1.0
    for j in range(12):
        ceiling = min(60.0, 2.0 ** j)
        assert 0 <= backoff_seconds("full", j, 1, 60, 0, -1, rng) < ceiling
        assert ceiling / 2 <= backoff_seconds("equal", j, 1, 60, 0, -1, rng) < ceiling
        d = backoff_seconds("decorrelated", j, 1, 60, previous, -1, rng)
        assert 1.0 <= d <= min(60.0, 3 * previous)
        previous = d
    assert backoff_seconds("retry_after", 0, 1, 60, 0, 7.5, rng) == 7.5
    with pytest.raises(ValueError):
        backoff_seconds("none", 0, 1, 60, 0, -1, rng)


def test_grpc_retry_budget() -> None:
    # gRPC A6: maxTokens 10, tokenRatio 0.1; no retries once token_count <= maxTokens / 2.
    budget = RetryBudget(True)
    for _ in range(4):
        budget.on_failure()
    assert budget.allows_retry()  # 6 > 5
    budget.on_failure()
    assert not budget.allows_retry()  # 5 <= 5
    budget.on_success()
    assert budget.allows_retry()
    assert RetryBudget(False).allows_retry()


def test_same_seed_same_run_other_seed_other_run() -> None:
    a, b = run("rate_limit_sim", SMALL), run("rate_limit_sim", SMALL)
    assert a == b
    c = run("rate_limit_sim", {**SMALL, "seed": 2})
    assert c.event_times_seconds != a.event_times_seconds


def test_zero_retries_is_the_no_retry_policy() -> None:
    zero = run("rate_limit_sim", {**SMALL, "retries": 0})
    none = run("rate_limit_sim", {**SMALL, "policy": "none"})
    assert zero.num_attempts == none.num_attempts == 80
    assert zero.amplification == none.amplification
    assert zero.num_429 == zero.num_gave_up


def test_client_side_queue_sends_no_doomed_request() -> None:
    queued = run("rate_limit_sim", {**SMALL, "policy": "queue"})
    assert queued.num_429 == 0 and queued.amplification == 1.0
    retried = run("rate_limit_sim", {**SMALL, "policy": "full"})
    assert retried.num_429 > 0 and retried.amplification > 1.0


def test_request_larger_than_the_bucket() -> None:
    big = {"input_tokens": 40_000, "size_sigma": 0, "requests": 5, "retries": 3}
    retried = run("rate_limit_sim", big)
    assert retried.num_success == 0 and retried.num_attempts == 5 * 4  # every retry wasted
    assert retried.rate_429_ratio == 1.0 and retried.goodput_requests_per_minute == 0
    queued = run("rate_limit_sim", {**big, "policy": "queue"})
    assert queued.num_attempts == 0 and queued.num_never_fit == 5


def test_retry_after_longer_than_the_horizon_gives_up_at_once() -> None:
    # OTPM 1,000 with max_tokens 1,000: after the first admission the next request must wait
    # about a minute (the server cannot know the refund to come), past the 30 s deadline.
    r = run("rate_limit_sim", {"policy": "retry_after", "otpm": 1_000, "max_tokens": 1_000,
                               "output_tokens": 10, "size_sigma": 0, "requests": 6,
                               "deadline": 30})
    assert r.num_gave_up > 0
    assert r.num_attempts == r.num_requests  # nobody retried
    assert any(label.startswith("429") for label in r.event_labels)


def test_steady_load_below_every_limit_sees_no_429() -> None:
    r = run("rate_limit_sim", {"arrival": "steady", "rate": 10, "size_sigma": 0,
                               "requests": 100})
    assert r.num_429 == 0 and r.success_ratio == 1.0
    assert r.p99_seconds == pytest.approx(13.3 + 0.05)  # service plus one round trip


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.99) == 99 and percentile(values, 0.5) == 50
    assert percentile(values, 1.0) == 100 and percentile([], 0.5) == 0.0


@settings(max_examples=25, deadline=None)
@given(policy=st.sampled_from(["none", "exponential", "full", "equal", "decorrelated",
                               "retry_after", "queue"]),
       arrival=st.sampled_from(["steady", "poisson", "bursty"]),
       rate=st.floats(1, 200), seed=st.integers(0, 2**32 - 1),
       provider=st.sampled_from(["anthropic", "openai"]), budget=st.sampled_from(["none", "grpc"]))
def test_conservation_and_bounds(policy: str, arrival: str, rate: float, seed: int,
                                 provider: str, budget: str) -> None:
    r = run("rate_limit_sim", {"policy": policy, "arrival": arrival, "rate": rate, "seed": seed,
                               "provider": provider, "budget": budget, "requests": 60,
                               "service": 2, "deadline": 120})
    assert r.num_success + r.num_gave_up + r.num_never_fit == r.num_requests
    assert r.num_attempts == r.num_success + r.num_429
    assert 0 <= r.rate_429_ratio <= 1 and 0 <= r.success_ratio <= 1
    assert r.p50_seconds <= r.p95_seconds <= r.p99_seconds
    for value in (r.goodput_requests_per_minute, r.amplification, r.p99_seconds):
        assert math.isfinite(value) and value >= 0
    if r.num_success:
        assert r.p50_seconds >= 2  # never faster than the service time


def test_openai_rules_drain_rpm_on_rejection() -> None:
    base = SimConfig(provider="anthropic", rpm_limit=60, itpm_limit=0, otpm_limit=0,
                     tpm_limit=0, window_seconds=60, arrival="steady", requests_per_second=4,
                     burst_shape=1, num_requests=200, input_tokens=10, output_tokens=10,
                     max_tokens=10, size_sigma=0, service_seconds=0.1, rtt_seconds=0.01,
                     policy="exponential", base_seconds=0.5, cap_seconds=4, max_retries=4,
                     budget="none", deadline_seconds=60, seed=1)
    anthropic = simulate(base)
    openai = simulate(replace(base, provider="openai"))
    assert openai.num_success < anthropic.num_success  # failed attempts count against RPM


def _loopback_like(policy: str) -> SimConfig:
    from calculators.limits_loopback import loopback_config

    return loopback_config(policy, 2.0, 60, seed=3)


def test_random_legs_with_no_round_trip_change_nothing() -> None:
    # Legs drawn with mean 0 are 0: the same events as the fixed half round trips.
    for policy in ("full", "queue", "retry_after"):
        c = _loopback_like(policy)
        assert simulate(replace(c, random_legs=True)) == simulate(c)


def test_random_legs_are_seeded_and_keep_every_request_accounted_for() -> None:
    c = replace(_loopback_like("full"), rtt_seconds=0.004, random_legs=True)
    a, b = simulate(c), simulate(c)
    assert a == b
    assert a.num_success + a.num_gave_up + a.num_never_fit == c.num_requests
    assert a != simulate(replace(c, random_legs=False))


def test_arrival_plan_is_shared_but_never_changed_by_a_caller() -> None:
    from calculators.limits_sim import arrival_plan

    c = _loopback_like("none")
    times, _, _ = arrival_plan(c)
    times[0] = -1.0
    assert arrival_plan(c)[0][0] >= 0.0
    assert simulate(replace(c, policy="full")).num_attempts > simulate(c).num_attempts
