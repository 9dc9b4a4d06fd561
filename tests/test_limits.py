"""The limits model: REFERENCES guide 5's worked examples, the token bucket, known limiter bugs.

Citations: Anthropic, "Rate limits" (https://platform.claude.com/docs/en/api/rate-limits:
Tier 1 Sonnet 4.x 50 RPM / 30,000 ITPM / 8,000 OTPM; token bucket with continuous refill;
cache reads excluded from ITPM; OTPM estimated from max_tokens); OpenAI, "Rate limits"
(https://platform.openai.com/docs/guides/rate-limits: 20 RPM example, max_tokens counted,
failed requests count); OpenAI Cookbook ``api_request_parallel_processor.py`` (n * max_tokens);
shell_gpt issue 653 (Limit 30000, Requested 36055); Little's law.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run
from calculators.limits_bucket import TokenBucket
from calculators.registry import CHECKS

TIER1_SONNET = {"rpm": 50, "itpm": 30_000, "otpm": 8_000, "tpm": 0, "rpd": 0}


def test_tier1_sonnet_is_itpm_bound_at_15_per_minute() -> None:
    # REFERENCES guide 5 (c) 2 / G5-1: min(50, 30,000/2,000, 8,000/500) = min(50, 15, 16) = 15.
    plan = run("rate_limits", {**TIER1_SONNET, "input_tokens": 2_000, "output_tokens": 500})
    rates = {d.key: d.requests_per_minute for d in plan.dimensions}
    assert rates == {"rpm": 50, "itpm": 15, "otpm": 16}
    assert plan.sustainable_requests_per_minute == 15
    assert plan.binding_dimension == "itpm"
    assert plan.itpm_use_ratio == 1.0 and plan.rpm_use_ratio == pytest.approx(0.3)


def test_cache_reads_relieve_anthropic_itpm_tenfold() -> None:
    # Same example with 90% of a 20,000-token prompt cached: same 15/min, 10x the input.
    plan = run("rate_limits", {**TIER1_SONNET, "input_tokens": 2_000, "cache_read": 18_000})
    assert plan.sustainable_requests_per_minute == 15
    assert plan.input_tokens_per_minute == 300_000
    assert plan.input_relief_multiple == 10
    counted = run("rate_limits", {**TIER1_SONNET, "input_tokens": 2_000, "cache_read": 18_000,
                                  "cache_reads_count": "yes"})
    assert counted.sustainable_requests_per_minute == 1.5  # older Haiku models count reads


def test_openai_rpm_example_rejects_the_21st_request() -> None:
    # OpenAI's guide: RPM 20 with 100-token requests; the 21st is rejected though only 2,000
    # of the 150,000 TPM were used.
    plan = run("rate_limits", {"provider": "openai", "rpm": 20, "itpm": 0, "otpm": 0,
                               "tpm": 150_000, "input_tokens": 50, "output_tokens": 50,
                               "max_tokens": 50, "offered": 21})
    assert plan.burst_requests == 20
    assert plan.binding_dimension == "rpm"
    assert plan.sustainable_requests_per_minute * plan.tpm_charge_tokens == 2_000
    assert plan.served_share_ratio == pytest.approx(20 / 21)
    check = CHECKS["openai_rpm_example"]()
    assert check.predicted == check.measured == 20 and check.error_ratio == 0


def test_max_tokens_reservation_admits_one_at_a_time() -> None:
    # REFERENCES guide 5 (c) 3: OTPM 8,000 with max_tokens 4,096 admits only 1 request from a
    # full bucket, though the settled charge (500 real output tokens) allows 16 per minute.
    plan = run("rate_limits", {**TIER1_SONNET, "max_tokens": 4_096})
    otpm = next(d for d in plan.dimensions if d.key == "otpm")
    assert otpm.burst_requests == 1 and plan.burst_requests == 1
    assert otpm.admission_cost == 4_096 and otpm.settled_cost == 500
    assert otpm.requests_per_minute == 16


def test_n_choices_multiply_the_output_charge() -> None:
    plan = run("rate_limits", {**TIER1_SONNET, "n": 4})
    assert plan.otpm_admission_tokens == 4 * 1_024 and plan.otpm_settled_tokens == 2_000
    assert plan.sustainable_requests_per_minute == 4 and plan.binding_dimension == "otpm"
    openai = run("rate_limits", {"provider": "openai", "rpm": 500, "itpm": 0, "otpm": 0,
                                 "tpm": 150_000, "input_tokens": 1_000, "max_tokens": 500,
                                 "output_tokens": 100, "n": 3})
    assert openai.tpm_charge_tokens == 1_000 + 3 * 500  # cookbook: prompt + n * max_tokens


def test_failed_requests_count_on_openai_only() -> None:
    base = {"itpm": 0, "otpm": 0, "tpm": 10**9, "rpm": 60, "attempts": 3}
    assert run("rate_limits", {**base, "provider": "openai"}).sustainable_requests_per_minute == 20
    assert run("rate_limits", {**base, "provider": "anthropic"}).sustainable_requests_per_minute == 60


def test_littles_law_133_in_flight() -> None:
    # REFERENCES guide 5 (c) 5 / G5-3: 10 requests/s x 13.3 s = 133 in flight.
    plan = run("rate_limits", {"offered": 600, "e2e": 13.3})
    assert plan.concurrency_offered == pytest.approx(133)


def test_a_request_larger_than_the_bucket_never_passes() -> None:
    # REFERENCES guide 5 (c) 6: 36,055 tokens against a 30,000 TPM limit.
    plan = run("rate_limits", {"provider": "openai", "rpm": 500, "itpm": 0, "otpm": 0,
                               "tpm": 30_000, "input_tokens": 35_000, "max_tokens": 1_055,
                               "output_tokens": 500})
    assert plan.tpm_charge_tokens == 36_055
    assert plan.too_large_dimension == "tpm"
    assert plan.sustainable_requests_per_minute == 0 and plan.burst_requests == 0
    assert plan.largest_admission_multiple == pytest.approx(36_055 / 30_000)
    assert math.isinf(TokenBucket.per_minute(30_000).wait_seconds(36_055, 0.0))


def test_short_enforcement_windows() -> None:
    # Anthropic: "60 RPM may be enforced as 1 request per second"; Azure OpenAI: a 600-RPM
    # deployment is limited above 10 requests in a one-second period.
    assert CHECKS["anthropic_short_window"]().predicted == 1
    azure = run("rate_limits", {"provider": "openai", "rpm": 600, "itpm": 0, "otpm": 0,
                                "tpm": 10**9, "window": 1})
    assert azure.burst_requests == 10
    assert azure.sustainable_requests_per_minute == 600  # the long-run rate is unchanged


def test_known_bug_a_one_second_bucket_blocks_requests_over_a_sixtieth() -> None:
    """A limiter that caps the bucket at one second of refill never admits a request costing
    more than limit / 60, however long it waits."""
    limit = 30_000
    capped = TokenBucket(capacity=limit / 60, rate_per_second=limit / 60)
    assert capped.wait_seconds(limit / 60, 0.0) == 0.0
    assert math.isinf(capped.wait_seconds(limit / 60 + 1, 0.0))
    assert capped.wait_seconds(limit / 60 + 1, 3600.0) == math.inf
    plan = run("rate_limits", {**TIER1_SONNET, "window": 1})
    assert plan.too_large_dimension == "rpm"  # 50 RPM over one second holds under one request


def test_known_bug_b_idle_bucket_admits_almost_twice_the_limit_in_a_minute() -> None:
    """A bucket holding a full minute (capacity = the per-minute limit) refilling at limit/60
    per second admits the whole limit at once after an idle spell, then refills another
    minute's worth while the minute runs: almost twice the limit in the first 60 s."""
    limit = 600
    bucket = TokenBucket.per_minute(limit)
    admitted = 0
    t = 0.0
    while t < 60.0:
        if bucket.can_take(1, t):
            bucket.take(1, t)
            admitted += 1
        else:
            t += bucket.wait_seconds(1, t)
    assert 2 * limit - 2 <= admitted <= 2 * limit


def test_refill_is_continuous_not_a_reset_at_the_minute() -> None:
    bucket = TokenBucket.per_minute(8_000)
    bucket.take(8_000, 0.0)
    assert bucket.refresh(15.0) == pytest.approx(2_000)
    assert bucket.wait_seconds(4_096, 15.0) == pytest.approx((4_096 - 2_000) / (8_000 / 60))
    bucket.give_back(1_000_000, 16.0)
    assert bucket.level == 8_000  # never above capacity


@settings(max_examples=60, deadline=None)
@given(rpm=st.integers(0, 5_000), itpm=st.integers(0, 2_000_000), otpm=st.integers(0, 400_000),
       tokens_in=st.integers(0, 200_000), tokens_out=st.integers(0, 8_000),
       extra=st.integers(0, 8_000), window=st.sampled_from([1, 10, 60]),
       provider=st.sampled_from(["anthropic", "openai"]))
def test_properties(rpm: int, itpm: int, otpm: int, tokens_in: int, tokens_out: int,
                    extra: int, window: int, provider: str) -> None:
    inputs = {"provider": provider, "rpm": rpm, "itpm": itpm, "otpm": otpm, "tpm": 0,
              "input_tokens": tokens_in, "output_tokens": tokens_out,
              "max_tokens": max(1, tokens_out + extra), "window": window}
    try:
        plan = run("rate_limits", inputs)
    except ValueError as error:
        assert "limit" in str(error) or "charges nothing" in str(error)
        return
    assert plan.sustainable_requests_per_minute >= 0 and math.isfinite(plan.sustainable_requests_per_minute)
    for d in plan.dimensions:
        assert 0 <= d.use_ratio <= 1
        assert plan.sustainable_requests_per_minute <= d.requests_per_minute + 1e-9
    if plan.too_large_dimension:
        assert plan.largest_admission_multiple > 1 and plan.sustainable_requests_per_minute == 0
    else:
        binding = next(d for d in plan.dimensions if d.key == plan.binding_dimension)
        assert binding.use_ratio == pytest.approx(1.0)
    assert 0 <= plan.served_share_ratio <= 1


def test_a_subnormal_request_size_is_refused_not_overflowed() -> None:
    """Hypothesis found it: 2e-311 input tokens made the burst size infinite (OverflowError)."""
    with pytest.raises(ValueError, match="charges nothing per request"):
        run("rate_limit_sim", {"rpm": 0, "itpm": 1e12, "otpm": 0, "tpm": 0,
                               "input_tokens": 2.225073858507e-311, "output_tokens": 0,
                               "max_tokens": 1, "requests": 1})
