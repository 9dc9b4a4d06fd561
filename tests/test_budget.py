"""calculators.budget and budget_calcs (guide 9): window budgets and providers' rules, hidden
tokens, multi-turn growth with caching, long-context serving cost, with REFERENCES guide 9's
worked examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.budget_tables import long_context_costs, window_rules
from calculators.fields import InputError
from calculators.memory import model_inputs
from calculators.registry import CHECKS, run

EMPTY = {"system": 0, "tools": 0, "tool_prompt": 0, "retrieved": 0, "history": 0, "user": 0,
         "messages": 0, "per_message": 0, "priming": 0, "reasoning": 0, "answer": 0,
         "margin": 0}


def test_original_site_128k_minus_4k() -> None:
    # REFERENCES guide 9 (c) 1: a 128K window less a 4K response leaves 124K of input.
    r = run("context_budget", {**EMPTY, "provider": "custom", "rule": "total",
                               "window": 128_000, "max_output": 16_000, "max_tokens": 4_000})
    assert r.input_limit_tokens == 124_000


def test_sonnet_45_validation_error_limit() -> None:
    # REFERENCES guide 9 (c) 2: 200,000 window, max_tokens 64,000 -> prompt <= 136,000
    # (Anthropic, Context windows: a validation error rather than silent truncation).
    r = run("context_budget", {**EMPTY, "provider": "claude-sonnet-4.5", "max_tokens": 64_000,
                               "history": 136_000})
    assert r.input_limit_tokens == 136_000 and r.fits == 1
    over = run("context_budget", {**EMPTY, "provider": "claude-sonnet-4.5",
                                  "max_tokens": 64_000, "history": 136_001})
    assert over.fits == 0 and over.over_tokens == 1
    assert over.outcome.startswith("rejected") and over.request_cost_usd == 0


def test_hidden_tokens_and_reasoning() -> None:
    r = run("context_budget", {"provider": "gpt-4o", "messages": 10, "max_tokens": 1000,
                               "reasoning": 1000, "answer": 500})
    assert r.hidden_input_tokens == 10 * 3 + 3  # OpenAI Cookbook: 3 per message + 3 priming
    assert r.visible_output_tokens == 0 and r.billed_output_tokens == 1000
    assert r.reasoning_share_ratio == 1
    c = run("context_budget", {"provider": "claude-sonnet-4.5"})
    assert c.hidden_input_tokens == 346  # Anthropic tool-use system prompt


def test_rules_by_model() -> None:
    rows = {r.key: r for r in window_rules()}
    assert rows["gpt-5"].input_limit_tokens == 272_000       # 400,000 = 272,000 in + 128,000 out
    assert rows["gemini-2.5-pro"].input_limit_tokens == 1_048_576
    assert rows["claude-sonnet-4.5"].input_limit_tokens == 136_000


def test_long_context_tier_and_costs() -> None:
    r = run("context_budget", {**EMPTY, "provider": "gemini-2.5-pro", "history": 300_000,
                               "max_tokens": 1000, "answer": 1000})
    assert r.long_context_tier == 1
    assert r.request_cost_usd == pytest.approx(300_000 * 2.5e-6 + 1000 * 15e-6)
    costs = {row.key: row for row in long_context_costs()}
    assert costs["gpt-4.1"].request_cost_usd == pytest.approx(1_047_576 * 2e-6 + 1000 * 8e-6)


def test_max_tokens_above_max_output_names_both_fields() -> None:
    with pytest.raises(InputError) as err:
        run("context_budget", {"max_tokens": 70_000})
    assert err.value.fields == ("max_tokens", "max_output")
    assert "max_tokens of 70,000 is above the model's max output of 64,000 tokens" in str(err.value)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 200_000), st.integers(0, 200_000), st.integers(0, 64_000))
def test_shares_sum_to_one(retrieved: int, history: int, max_tokens: int) -> None:
    r = run("context_budget", {"retrieved": retrieved, "history": history,
                               "max_tokens": max_tokens})
    parts = (r.system_share_ratio, r.tools_share_ratio, r.retrieved_share_ratio,
             r.history_share_ratio, r.user_share_ratio, r.output_share_ratio, r.free_share_ratio)
    assert sum(parts) == pytest.approx(1.0)
    assert r.fits == int(r.input_tokens <= r.input_limit_tokens)


def test_twenty_turn_chat_g9_1() -> None:
    # REFERENCES G9-1: 20 turns, 1,000 system, 200 user + 300 assistant: last request 10,700,
    # total input billed 20 x 1,200 + 500 x (0 + ... + 19) = 119,000 (11x).
    m = run("multi_turn", {"turns": 20, "system": 1000, "user": 200, "assistant": 300})
    assert m.last_request_tokens == 10_700
    assert m.total_input_tokens == 119_000 == 20 * 1200 + 500 * sum(range(20))
    assert round(m.growth_multiple) == 11


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 300), st.integers(0, 5000), st.integers(0, 2000), st.integers(0, 2000))
def test_multi_turn_closed_form(k: int, s: int, u: int, a: int) -> None:
    m = run("multi_turn", {"turns": k, "system": s, "user": u, "assistant": a})
    assert m.total_input_tokens == k * (s + u) + (u + a) * k * (k - 1) // 2
    assert m.cache_read_tokens + m.cache_write_tokens + m.uncached_input_tokens == m.total_input_tokens


def test_caching_prices() -> None:
    m = run("multi_turn", {"provider": "claude-sonnet-4.5"})
    # Turn 1 writes 1,200; later turns read the previous prompt and write 500 new tokens.
    assert m.cache_write_tokens == 1200 + 19 * 500
    assert m.cost_cached_usd == pytest.approx(
        m.cache_read_tokens * 0.3e-6 + m.cache_write_tokens * 3.75e-6 + 6000 * 15e-6)
    short = run("multi_turn", {"system": 10, "turns": 2})  # 210 and 710: below the 1,024 minimum
    assert short.cache_read_tokens == 0 and short.cached_cost_multiple == pytest.approx(1)


def test_llama_70b_128k_session_is_40_gib() -> None:
    # REFERENCES guide 9 (c) 3: 327,680 B x 131,072 = 40 GiB of KV for one session.
    r = run("context_serving", {"model": "llama-3.1-70b", "weight_dtype": "fp8",
                                "accelerator": "h200"})
    assert r.kv_bytes_per_session == 327_680 * 131_072 == 40 * 2**30
    assert r.concurrent_sessions == 1


@pytest.mark.parametrize(("model", "dtype", "gpu", "published"), [
    ("llama-3.1-8b", "bf16", "h100-sxm", 419_922),
    ("llama-3.1-8b", "bf16", "h200", 848_083),
    ("llama-3.1-70b", "fp8", "h100-sxm", 1_678),
    ("llama-3.1-70b", "fp8", "h200", 172_943),
])
def test_kv_token_capacity_article(model: str, dtype: str, gpu: str, published: int) -> None:
    # REFERENCES guide 9 (c) 4 (archived article; vLLM utilisation 0.92, 2.5 GB reserve):
    # H100 against H200 KV tokens. The catalog's weight bytes differ slightly from the
    # article's, so within 0.5% (the 70B-on-H100 case is a small difference of large numbers).
    r = run("context_serving", {"model": model, "weight_dtype": dtype, "accelerator": gpu,
                                "context": 1024})
    assert r.token_capacity == pytest.approx(published, rel=5e-3 if published > 10_000 else 2e-2)


def test_vllm_blog_check() -> None:
    c = CHECKS["vllm_13b_sequence_kv"]()
    assert c.predicted == 2048 * 819_200  # vLLM paper: 800 KB per token for a 13B model
    assert abs(c.error_ratio) < 0.02


def test_context_beyond_the_window() -> None:
    with pytest.raises(InputError) as err:
        run("context_serving", {"context": 200_000})
    assert err.value.fields == ("context", "context_window")
    inputs = model_inputs("llama-3.1-8b")
    assert inputs["context_window"] == 131_072
