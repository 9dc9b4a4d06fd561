"""calculators.caching and caching_calc: cached length, cost, break-even, hit probability,
TTFT saved; the published worked examples of REFERENCES guide 4 reproduced to the cent."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import caching as cm
from calculators import run
from calculators.caching_calc import preset_values
from calculators.registry import TABLES


def test_openai_128_token_steps() -> None:
    # OpenAI "Prompt Caching in the API" (2024-10-01): from 1,024 in 128-token increments;
    # its usage example caches 1,920 of 2,006 prompt tokens (1,024 + 7 x 128).
    assert cm.cached_prefix_tokens(2006, 1024, 128) == 1920
    assert cm.cached_prefix_tokens(1023, 1024, 128) == 0
    assert cm.cached_prefix_tokens(1024, 1024, 128) == 1024
    assert cm.cached_prefix_tokens(1151, 1024, 128) == 1024
    assert cm.cached_prefix_tokens(1152, 1024, 128) == 1152


def test_silent_miss_below_the_minimum() -> None:
    # REFERENCES guide 4 (c) 6: a 3,000-token prompt on Haiku 4.5 (minimum 4,096) never caches.
    r = run("prompt_cache", {"prefix_tokens": 3000, **preset_values("claude-haiku-4.5")})
    assert r.num_cached_tokens == 0
    assert r.window_cached_usd == pytest.approx(r.window_uncached_usd)
    assert r.ttft_saved_seconds == 0


def test_anthropic_document_example_to_the_cent() -> None:
    # REFERENCES guide 4 (c) 1 / G4-1 (Anthropic prices, Sonnet 4.5 $3 input): first request
    # 100,000 x $3.75/M + 50 x $3/M = $0.37515, nine reads at $0.03015, total $0.6465 against
    # $3.0015 uncached (-78.5%).
    r = run("prompt_cache")
    assert r.request_write_usd == pytest.approx(0.37515, abs=1e-12)
    assert r.request_read_usd == pytest.approx(0.03015, abs=1e-12)
    assert round(r.window_input_cached_usd, 4) == 0.6465
    assert round(r.window_input_uncached_usd, 4) == 3.0015
    assert round(r.window_saving_ratio, 3) == 0.785


def test_opus_same_shape() -> None:
    # Same shape on Opus 4.5 ($5): $1.075 vs $5.00 (the published figure leaves out the
    # 50-token question).
    r = run("prompt_cache", {**preset_values("claude-opus-4.5"), "unique_tokens": 0})
    assert round(r.window_input_cached_usd, 3) == 1.075
    assert round(r.window_input_uncached_usd, 2) == 5.00


def test_openai_usage_example_to_the_cent() -> None:
    # REFERENCES guide 4 (c) 4 / G4-2 at GPT-4o launch prices: 86 x $2.50/M + 1,920 x $1.25/M
    # + 300 x $10/M = $0.005615 against $0.008015 uncached.
    r = run("prompt_cache", {"prefix_tokens": 2006, "unique_tokens": 0, "output_tokens": 300,
                             **preset_values("gpt-4o")})
    assert r.num_cached_tokens == 1920
    assert r.request_read_usd == pytest.approx(0.005615, abs=1e-12)
    assert r.request_uncached_usd == pytest.approx(0.008015, abs=1e-12)


@pytest.mark.parametrize(("uses", "five", "hour"), [
    (1, 1.25, 2.0), (2, 0.675, 1.05), (3, None, 0.733), (10, 0.215, None), (100, 0.1115, None),
])
def test_break_even_table(uses: int, five: float | None, hour: float | None) -> None:
    # REFERENCES guide 4 (c) 3 / G4-3, G4-4 (DERIVED from 1.25 / 2 / 0.1).
    row = next(r for r in TABLES["break_even_table"]() if r.num_uses == uses)
    if five is not None:
        assert row.relative_5m == pytest.approx(five, abs=5e-5)
    if hour is not None:
        assert row.relative_1h == pytest.approx(hour, abs=5e-4)
    summary = TABLES["break_even_summary"]()
    assert (summary.uses_5m, summary.uses_1h) == (2, 3)


def test_break_even_no_write_fee() -> None:
    assert cm.break_even_uses(1.0, 0.5) == 2
    assert cm.break_even_uses(1.25, 0.1) == 2
    assert cm.break_even_uses(2.0, 0.1) == 3
    with pytest.raises(ValueError, match="below the input price"):
        cm.break_even_uses(1.25, 1.0)


def test_poisson_hit_probability() -> None:
    # REFERENCES guide 4 (c) 7 / G4-6: one request every 10 minutes: 0.393 (5 min), 0.9975 (1 h).
    assert round(cm.hit_probability(600, 300), 3) == 0.393
    assert round(cm.hit_probability(600, 3600), 4) == 0.9975
    curve = TABLES["hit_curve"]()
    assert [label for label, _ in curve.series] == ["5-minute cache", "1-hour cache"]


def test_itpm_leverage() -> None:
    # REFERENCES guide 4 (c) 5 / G4-5: 2,000,000 ITPM with 80% reads -> 10,000,000 tokens/min.
    assert cm.effective_input_tokens_per_minute(2_000_000, 0.8) == pytest.approx(10_000_000)


def test_mixed_ttl_split() -> None:
    # Anthropic: A reads, B - A one-hour writes, C - B five-minute writes.
    s = cm.mixed_ttl_split(8000, 12000, 15000)
    assert (s.read_tokens, s.write_1h_tokens, s.write_5m_tokens) == (8000, 4000, 3000)
    assert cm.mixed_ttl_split(8000, 0, 15000).write_1h_tokens == 0
    with pytest.raises(ValueError):
        cm.mixed_ttl_split(0, 20000, 15000)


def test_concurrency_trap() -> None:
    # Ten parallel first requests: ten writes, nine of them wasted at (write - read) each.
    r = run("prompt_cache", {"parallel": 10})
    assert r.num_writes == 10 and r.num_reads == 0
    assert r.concurrency_extra_usd == pytest.approx(9 * 100_000 * (3.75e-6 - 0.3e-6))
    assert r.window_cached_usd > run("prompt_cache").window_cached_usd


def test_openai_overflow_and_lookback() -> None:
    facts = TABLES["caching_facts"]()
    assert facts.openai_keys_needed == 7  # 100 RPM / 15 RPM per key, rounded up
    assert facts.lookback_breakpoints_needed == 3  # 50 blocks / 20-block lookback
    assert cm.openai_cache_keys_needed(0, 15) == 1


def test_gemini_storage_break_even() -> None:
    # Gemini 2.5 Pro explicit cache: $4.50 per MTok-hour storage; each read saves
    # 100,000 x ($1.25 - $0.125)/M = $0.1125, so it pays from 4 reads an hour.
    facts = TABLES["caching_facts"]()
    assert facts.gemini_storage_usd == pytest.approx(0.45)
    assert facts.gemini_reads_per_hour_to_pay == pytest.approx(4.0)


def test_ttft_saved_goes_through_the_latency_model() -> None:
    # 100,000 cached tokens at 8,000 tokens/s of prefill: 12.5 s less before the first token.
    r = run("prompt_cache")
    assert r.ttft_saved_seconds == pytest.approx(12.5)
    assert r.ttft_cached_seconds < r.ttft_uncached_seconds


@pytest.mark.parametrize(("inputs", "fragment"), [
    ({"read_price": 4}, "Cache read price must be below the input price."),
    ({"write_5m_price": 2}, "must not be below the input price"),
    ({"input_price": 0}, "must be above 0 USD per million tokens"),
    ({"interval": 0}, "Mean time between requests must be a number from 0.01"),
    ({"ttl": "2h"}, "Cache lifetime must be one of: 5m, 1h"),
])
def test_bad_input(inputs: dict, fragment: str) -> None:
    with pytest.raises(ValueError) as error:
        run("prompt_cache", inputs)
    assert fragment in str(error.value)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 200_000), st.integers(0, 5000), st.integers(1, 200), st.floats(1, 1e5),
       st.sampled_from(["5m", "1h"]))
def test_properties(prefix: int, unique: int, uses: int, gap: float, ttl: str) -> None:
    r = run("prompt_cache", {"prefix_tokens": prefix, "unique_tokens": unique, "requests": uses,
                             "interval": gap, "ttl": ttl, "output_tokens": 100})
    for value in (r.window_cached_usd, r.window_uncached_usd, r.steady_cached_usd):
        assert math.isfinite(value) and value >= 0
    assert 0 <= r.hit_probability_ratio <= 1
    assert r.hit_probability_5m_ratio <= r.hit_probability_1h_ratio
    assert 0 <= r.num_cached_tokens <= prefix
    assert r.ttft_cached_seconds <= r.ttft_uncached_seconds
    if uses >= (r.break_even_uses_5m if ttl == "5m" else r.break_even_uses_1h) and r.num_cached_tokens:
        assert r.window_input_cached_usd < r.window_input_uncached_usd
    # A higher hit probability (shorter gap) never raises the steady-state cost.
    faster = run("prompt_cache", {"prefix_tokens": prefix, "unique_tokens": unique,
                                  "interval": gap / 2, "ttl": ttl, "output_tokens": 100})
    assert faster.steady_cached_usd <= r.steady_cached_usd * (1 + 1e-12)
