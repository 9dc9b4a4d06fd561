"""Bill from usage: every bucket billed once, at its own price; every combination of batch,
cache lifetime, long-context tier and service tier a provider prices (golden table); bad
input rejected with a message in Python and on the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run
from calculators.data import constant
from calculators.data.providers import provider_model
from calculators.usage_bill import BillPrices, bill_usage

A_CACHE = "Anthropic Prompt caching: 1.25x / 2x writes, 0.1x reads, stacked with batch and long context"
A_BATCH = "Anthropic Batch processing: 50% off input and output"
A_LONG = "Anthropic pricing: prompts over 200K tokens bill input 2x and output 1.5x (Sonnet 4.5)"
O_CACHE = "OpenAI Prompt caching: cached_tokens are part of prompt_tokens, billed at the cached price"
O_BATCH = "OpenAI Batch API: 50% off, cached input included"
D_CACHE = "DeepSeek pricing: cache-hit and cache-miss input prices; no batch API"


def bill(model: str, usage: dict, batch: bool = False):
    return run("usage_bill", {"model": model, "usage": json.dumps(usage),
                              "batch": "yes" if batch else "no"})


def test_cached_openai_request_hand_checked() -> None:
    # 2,006 prompt tokens of which 1,920 cached, 300 completion, GPT-4o launch prices:
    # 86 x $2.50/M = $0.000215; 1,920 x $1.25/M = $0.0024; 300 x $10/M = $0.003 -> $0.005615.
    b = bill("gpt-4o", {"prompt_tokens": 2006, "completion_tokens": 300,
                        "prompt_tokens_details": {"cached_tokens": 1920}})
    assert b.num_uncached_input_tokens == 86
    assert b.uncached_input_usd == pytest.approx(0.000215, abs=1e-12)
    assert b.cache_read_usd == pytest.approx(0.0024, abs=1e-12)
    assert b.output_usd == pytest.approx(0.003, abs=1e-12)
    assert round(b.total_usd, 6) == 0.005615
    # The peer bug (prompt_tokens at the full price, then cached_tokens again at the cached
    # price) over-bills by 1,920 x $2.50/M = $0.0048, 85% on top of the right charge.
    assert b.mistake_error_usd == pytest.approx(0.0048, abs=1e-12)


def test_responses_api_and_reasoning_are_not_double_billed() -> None:
    # Responses API: input_tokens includes input_tokens_details.cached_tokens; output_tokens
    # includes reasoning_tokens. Same charge as the Chat Completions form.
    b = bill("gpt-4o", {"input_tokens": 2006, "input_tokens_details": {"cached_tokens": 1920},
                        "output_tokens": 300, "output_tokens_details": {"reasoning_tokens": 120}})
    assert round(b.total_usd, 6) == 0.005615
    assert b.num_reasoning_tokens == 120 and b.num_output_tokens == 300


def test_mixed_ttl_anthropic_request_hand_checked() -> None:
    # Sonnet 4.5: 50 x $3 + 1,000 x $3.75 (5 min) + 2,000 x $6 (1 h) + 100,000 x $0.30 + 500 x $15
    # per million = $0.00015 + $0.00375 + $0.012 + $0.03 + $0.0075 = $0.0534.
    b = bill("claude-sonnet-4.5", {
        "input_tokens": 50, "cache_creation_input_tokens": 3000, "cache_read_input_tokens": 100000,
        "cache_creation": {"ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000},
        "output_tokens": 500})
    assert b.num_input_tokens == 103_050
    assert b.cache_write_5m_usd == pytest.approx(0.00375, abs=1e-12)
    assert b.cache_write_1h_usd == pytest.approx(0.012, abs=1e-12)
    assert b.cache_read_usd == pytest.approx(0.03, abs=1e-12)
    assert round(b.total_usd, 6) == 0.0534
    # Billing the writes as plain input (the other peer bug) under-bills by $0.00675.
    assert b.mistake_error_usd == pytest.approx(-0.00675, abs=1e-12)


def test_anthropic_documented_usage_total() -> None:
    # Anthropic doc: cache_read 100,000 + creation 0 + input 50 = 100,050 tokens processed.
    b = bill("claude-sonnet-4.5", {"cache_creation_input_tokens": 0,
                                   "cache_read_input_tokens": 100000, "input_tokens": 50,
                                   "output_tokens": 0})
    assert b.num_input_tokens == 100_050


def test_creation_without_split_is_a_5_minute_write() -> None:
    b = bill("claude-sonnet-4.5", {"input_tokens": 0, "cache_creation_input_tokens": 1000})
    assert b.cache_write_5m_usd == pytest.approx(1000 * 3.75e-6)


# Golden table: (model, bucket, batch, long context) -> USD per million tokens, with the rule.
GOLDEN = [
    # Anthropic Sonnet 4.5: base $3 input, $15 output.
    ("claude-sonnet-4.5", "input", False, False, 3.00, A_CACHE),
    ("claude-sonnet-4.5", "write_5m", False, False, 3.75, A_CACHE),
    ("claude-sonnet-4.5", "write_1h", False, False, 6.00, A_CACHE),
    ("claude-sonnet-4.5", "read", False, False, 0.30, A_CACHE),
    ("claude-sonnet-4.5", "output", False, False, 15.00, A_CACHE),
    ("claude-sonnet-4.5", "input", True, False, 1.50, A_BATCH),
    ("claude-sonnet-4.5", "write_5m", True, False, 1.875, A_BATCH + "; " + A_CACHE),
    ("claude-sonnet-4.5", "write_1h", True, False, 3.00, A_BATCH + "; " + A_CACHE),
    ("claude-sonnet-4.5", "read", True, False, 0.15, A_BATCH + "; " + A_CACHE),
    ("claude-sonnet-4.5", "output", True, False, 7.50, A_BATCH),
    ("claude-sonnet-4.5", "input", False, True, 6.00, A_LONG),
    ("claude-sonnet-4.5", "write_5m", False, True, 7.50, A_LONG + "; " + A_CACHE),
    ("claude-sonnet-4.5", "write_1h", False, True, 12.00, A_LONG + "; " + A_CACHE),
    ("claude-sonnet-4.5", "read", False, True, 0.60, A_LONG + "; " + A_CACHE),
    ("claude-sonnet-4.5", "output", False, True, 22.50, A_LONG),
    ("claude-sonnet-4.5", "input", True, True, 3.00, A_LONG + "; " + A_BATCH),
    ("claude-sonnet-4.5", "write_5m", True, True, 3.75, A_LONG + "; " + A_BATCH + "; " + A_CACHE),
    ("claude-sonnet-4.5", "write_1h", True, True, 6.00, A_LONG + "; " + A_BATCH + "; " + A_CACHE),
    ("claude-sonnet-4.5", "read", True, True, 0.30, A_LONG + "; " + A_BATCH + "; " + A_CACHE),
    ("claude-sonnet-4.5", "output", True, True, 11.25, A_LONG + "; " + A_BATCH),
    # Anthropic Haiku 4.5 (no long-context tier): $1 / $1.25 / $2 / $0.10 / $5.
    ("claude-haiku-4.5", "write_1h", False, False, 2.00, A_CACHE),
    ("claude-haiku-4.5", "read", True, False, 0.05, A_BATCH + "; " + A_CACHE),
    ("claude-haiku-4.5", "input", False, True, 1.00, "No long-context tier: base price above 200K"),
    # OpenAI: no write fee; batch halves uncached and cached input and output.
    ("gpt-4o", "input", False, False, 2.50, O_CACHE),
    ("gpt-4o", "read", False, False, 1.25, O_CACHE),
    ("gpt-4o", "output", False, False, 10.00, O_CACHE),
    ("gpt-4o", "input", True, False, 1.25, O_BATCH),
    ("gpt-4o", "read", True, False, 0.625, O_BATCH),
    ("gpt-4o", "output", True, False, 5.00, O_BATCH),
    ("gpt-5", "read", False, False, 0.125, O_CACHE + " (GPT-5 family: 90% off)"),
    ("gpt-4.1", "read", False, False, 0.50, O_CACHE + " (GPT-4.1 family: 75% off)"),
    ("gpt-5", "read", True, False, 0.0625, O_BATCH),
    # DeepSeek: hit and miss prices, no batch.
    ("deepseek-chat", "input", False, False, 0.27, D_CACHE),
    ("deepseek-chat", "read", False, False, 0.07, D_CACHE),
    ("deepseek-chat", "output", False, False, 1.10, D_CACHE),
]


def _usage(model: str, bucket: str, long: bool) -> tuple[dict, str, int]:
    n = 300_000 if long else 100_000
    provider = provider_model(model).provider
    if provider == "Anthropic":
        base = {"input_tokens": 0, "output_tokens": 0}
        if bucket == "input":
            return {**base, "input_tokens": n}, "uncached_input_usd", n
        if bucket == "read":
            return {**base, "cache_read_input_tokens": n}, "cache_read_usd", n
        if bucket == "output":
            return {**base, "input_tokens": n, "output_tokens": 1000}, "output_usd", 1000
        split = {"ephemeral_5m_input_tokens": n if bucket == "write_5m" else 0,
                 "ephemeral_1h_input_tokens": n if bucket == "write_1h" else 0}
        return ({**base, "cache_creation_input_tokens": n, "cache_creation": split},
                f"cache_{bucket}_usd", n)
    if bucket == "input":
        return {"prompt_tokens": n, "completion_tokens": 0}, "uncached_input_usd", n
    if bucket == "read":
        return ({"prompt_tokens": n, "completion_tokens": 0,
                 "prompt_tokens_details": {"cached_tokens": n}}, "cache_read_usd", n)
    return {"prompt_tokens": n, "completion_tokens": 1000}, "output_usd", 1000


@pytest.mark.parametrize(("model", "bucket", "batch", "long", "usd_per_mtok", "rule"), GOLDEN,
                         ids=[f"{m}-{b}-{'batch' if t else 'std'}-{'long' if lc else 'short'}"
                              for m, b, t, lc, _, _ in GOLDEN])
def test_golden_combinations(model: str, bucket: str, batch: bool, long: bool,
                             usd_per_mtok: float, rule: str) -> None:
    usage, line, tokens = _usage(model, bucket, long)
    b = bill(model, usage, batch)
    assert b.long_context == int(long and provider_model(model).long_context_threshold_tokens
                                 is not None), rule
    assert getattr(b, line) == pytest.approx(usd_per_mtok * tokens / 1e6, rel=1e-12), rule


def test_gemini_long_context_cached_price_matches_its_source() -> None:
    # The catalog's long-context input multiple (2.50 / 1.25) applied to the cached price gives
    # the pricing page's long-context cached price (0.25 per MTok, data/caching.toml).
    g = provider_model("gemini-2.5-pro")
    multiple = g.long_context_input_usd_per_token / g.input_usd_per_token
    assert g.cache_read_usd_per_token * multiple * 1e6 == pytest.approx(
        constant("gemini_25_pro_cached_long_usd_per_mtok").value)


def test_anthropic_service_tiers() -> None:
    usage = {"input_tokens": 10, "output_tokens": 1, "service_tier": "batch"}
    assert bill("claude-sonnet-4.5", usage, batch=True).batch_factor == 0.5
    with pytest.raises(ValueError, match='choose Batch API: yes'):
        bill("claude-sonnet-4.5", usage, batch=False)
    with pytest.raises(ValueError, match="not list-priced"):
        bill("claude-sonnet-4.5", {**usage, "service_tier": "priority"}, batch=True)
    with pytest.raises(ValueError, match="no batch price"):
        bill("deepseek-chat", {"prompt_tokens": 1}, batch=True)


def test_a_model_without_a_price_is_an_error_never_zero() -> None:
    unpriced = BillPrices("x", "X", "anthropic", 3e-6, 15e-6, None, 3.75e-6, None, None)
    with pytest.raises(ValueError, match="has no 1-hour cache write price"):
        bill_usage({"cache_creation_input_tokens": 5, "cache_creation":
                    {"ephemeral_1h_input_tokens": 5}}, unpriced, False)
    with pytest.raises(ValueError, match="has no cache read price"):
        bill_usage({"cache_read_input_tokens": 5}, unpriced, False)
    free = BillPrices("free", "Free", "openai", 0.0, 0.0, 0.0, None, None, 0.5)
    with pytest.raises(ValueError, match="at \\$0"):
        bill_usage({"prompt_tokens": 5, "completion_tokens": 1}, free, False)


@pytest.mark.parametrize(("usage", "fragment"), [
    ('{"prompt_tokens": 2006,', "is not valid JSON"),
    ("[1, 2]", "must be a JSON object; got a list"),
    ('{"prompt_tokens": -5}', "got -5"),
    ('{"prompt_tokens": NaN}', "is not valid JSON"),
    ('{"prompt_tokens": 10, "cache_creation_input_tokens": 5}', "is not among the OpenAI"),
    ('{"prompt_tokens": 100, "prompt_tokens_details": {"cached_tokens": 200}}',
     "already includes them"),
])
def test_bad_input_in_python_and_on_the_cli(usage: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment.replace("(", "\\(")):
        run("usage_bill", {"usage": usage})
    proc = subprocess.run([sys.executable, "-m", "calculators", "usage_bill", "--usage", usage],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert fragment in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 300_000), st.integers(0, 300_000), st.integers(0, 5000),
       st.sampled_from(["gpt-4o", "gpt-5", "deepseek-chat"]))
def test_openai_each_token_billed_once(prompt: int, cached: int, out: int, model: str) -> None:
    cached = min(cached, prompt)
    b = bill(model, {"prompt_tokens": prompt, "completion_tokens": out,
                     "prompt_tokens_details": {"cached_tokens": cached}})
    m = provider_model(model)
    assert b.total_usd == pytest.approx((prompt - cached) * m.input_usd_per_token
                                        + cached * m.cache_read_usd_per_token
                                        + out * m.output_usd_per_token, rel=1e-12, abs=1e-15)
    assert b.total_usd <= prompt * m.input_usd_per_token + out * m.output_usd_per_token + 1e-15
    assert b.mistake_error_usd >= 0
