"""calculators.request_graph, rag, rag_context and tool_rounds: hand-checked values, the
published worked examples of REFERENCES guides 12 and 13, and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run
from calculators.request_graph import (
    Stage,
    fan_out_slow_ratio,
    mm1_hop,
    nearest_rank,
    path_samples,
    serial_availability,
    simulate_path,
)


def fixed(name: str, seconds: float) -> Stage:
    return Stage(name, seconds, seconds)


def test_fixed_delays_add_in_series_and_take_the_max_in_parallel() -> None:
    serial = simulate_path([[[fixed("a", 0.05)]], [[fixed("b", 0.1)]]], 200, 1)
    assert serial.median_seconds == pytest.approx(0.15) == serial.p99_seconds
    parallel = simulate_path([[[fixed("a", 0.05), fixed("b", 0.1)], [fixed("c", 0.2)]]], 200, 1)
    assert parallel.median_seconds == pytest.approx(0.2)


def test_lognormal_stage_has_its_median_and_p95() -> None:
    samples = path_samples([[[Stage("x", 0.1, 0.3)]]], 20_000, 7)
    assert nearest_rank(samples, 0.5) == pytest.approx(0.1, rel=0.03)
    assert nearest_rank(samples, 0.95) == pytest.approx(0.3, rel=0.05)


def test_timeout_retry_and_hedge_add_calls() -> None:
    slow = Stage("x", 0.1, 0.4, timeout_seconds=0.15, retries=1)
    sim = simulate_path([[[slow]]], 4000, 3)
    # An attempt times out with p = P(X > 150 ms); both attempts with p**2; calls 1 + p.
    p = 0.5 * math.erfc(math.log(0.15 / 0.1) / slow.sigma / math.sqrt(2))
    assert sim.failed_ratio == pytest.approx(p**2, abs=0.015)
    assert sim.calls_per_request == pytest.approx(1 + p, abs=0.02)
    hedged = simulate_path([[[Stage("x", 0.1, 0.4, hedge_after_seconds=0.12)]]], 4000, 3)
    plain = simulate_path([[[Stage("x", 0.1, 0.4)]]], 4000, 3)
    assert hedged.p95_seconds < plain.p95_seconds
    assert 1.0 < hedged.calls_per_request < 1.5


def test_closed_forms() -> None:
    # Dean and Barroso, "The Tail at Scale" (CACM 2013): with 100 servers each slow 1% of
    # the time, 63% of fan-out requests wait for a slow one: 1 - 0.99**100.
    assert fan_out_slow_ratio(100, 0.99) == pytest.approx(0.634, abs=0.001)
    # REFERENCES guide 12 worked example 4: 99.9% x 99.95% x 99.9% = 99.75%.
    assert serial_availability((0.999, 0.9995, 0.999), (0, 0, 0)) == pytest.approx(0.9975, abs=5e-5)
    # ... and one retry per hop: each hop 1 - 0.001**2 = 99.9999%.
    assert serial_availability((0.999,), (1,)) == pytest.approx(0.999999)
    hop = mm1_hop(0.01, 50)
    assert hop.utilisation_ratio == pytest.approx(0.5)
    assert hop.mean_seconds == pytest.approx(0.02)
    with pytest.raises(ValueError, match="capacity of 100 requests/s"):
        mm1_hop(0.01, 100)


def test_rag_hop_budget_reproduces_the_985_ms_example() -> None:
    # REFERENCES guide 12 worked example 1: 50 + 100 + 30 + 5 ms + TTFT 800 ms = 985 ms.
    r = run("rag_latency")
    assert r.hop_budget_seconds == pytest.approx(0.985)
    assert r.first_token_p95_seconds >= r.first_token_median_seconds
    parallel = run("rag_latency", {"keyword": "parallel"})
    assert parallel.hop_budget_seconds == pytest.approx(0.985)  # max(130, 30) = 130 ms


def test_rag_retrieval_cost_reproduces_the_example() -> None:
    # REFERENCES guide 12 worked example 2: 5 x 500 = 2,500 tokens x $3/MTok (Sonnet 4.5)
    # = $0.0075 per query, $75 per day at 10,000 queries.
    r = run("rag_context")
    assert r.retrieved_tokens == 2500
    assert r.retrieval_cost_usd == pytest.approx(0.0075)
    assert r.retrieval_cost_per_day_usd == pytest.approx(75.0)
    assert r.availability_ratio == pytest.approx(0.9975, abs=5e-5)


def test_tool_rounds_reproduce_the_examples() -> None:
    # REFERENCES guide 13 worked examples 1-4 (S = 2,000, U = 100, a = 50, t = 500).
    seq = run("tool_rounds")
    par = run("tool_rounds", {"rounds": 1, "calls": 3})
    assert (seq.input_tokens, par.input_tokens) == (11_700, 5_850)
    assert [r.input_tokens for r in seq.rows] == [2100, 2650, 3200, 3750]
    assert seq.simple_seconds == pytest.approx(4.6)
    assert par.simple_seconds == pytest.approx(2.2)
    assert seq.first_answer_token_seconds == pytest.approx(8.35)
    assert par.first_answer_token_seconds == pytest.approx(5.95)


def test_tool_round_caching_bills_reads_and_writes() -> None:
    growing = run("tool_rounds", {"cache": "growing"})
    # Call 2 reads call 1's 2,100 tokens and writes the 550 new ones.
    assert (growing.rows[1].cache_read_tokens, growing.rows[1].cache_write_tokens) == (2100, 550)
    stuck = run("tool_rounds", {"cache": "stuck"})
    assert all(row.cache_read_tokens == 2000 for row in stuck.rows[1:])
    assert growing.cost_usd < stuck.cost_usd < growing.uncached_cost_usd
    tiny = run("tool_rounds", {"prefix_tokens": 400, "cache": "growing", "rounds": 0})
    assert tiny.rows[0].cache_write_tokens == 0  # below the minimum: nothing cached


@settings(max_examples=40, deadline=None)
@given(st.floats(0.001, 1.0), st.floats(1.0, 5.0), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_more_parallel_branches_never_speed_up_a_step(median, spread, k, seed) -> None:
    stage = Stage("x", median, median * spread)
    fewer = simulate_path([[[stage]] * k], 300, seed)
    more = simulate_path([[[stage]] * (k + 1)], 300, seed)
    assert more.median_seconds >= fewer.median_seconds * 0.8
    assert fewer.p99_seconds >= fewer.p95_seconds >= fewer.median_seconds > 0
    assert math.isfinite(more.mean_seconds)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10), st.integers(1, 5))
def test_sequential_rounds_cost_at_least_parallel(rounds, calls) -> None:
    seq = run("tool_rounds", {"rounds": rounds * calls, "calls": 1})
    par = run("tool_rounds", {"rounds": rounds, "calls": calls})
    assert seq.input_tokens >= par.input_tokens
    assert seq.first_answer_token_seconds >= par.first_answer_token_seconds - 1e-9


def test_extra_samples_add_a_measured_cost_to_every_call() -> None:
    # A fixed 50 ms hop plus a cost drawn from {1, 3} ms: every sample is 51 or 53 ms, both
    # drawn about half the time; two such hops in series add two independent draws.
    hop = Stage("x", 0.05, 0.05, extra_samples=(0.001, 0.003))
    one = path_samples([[[hop]]], 2000, 5)
    assert set(round(t, 9) for t in one) == {0.051, 0.053}
    assert sum(t > 0.052 for t in one) / len(one) == pytest.approx(0.5, abs=0.05)
    two = path_samples([[[hop, hop]]], 2000, 5)
    assert set(round(t, 9) for t in two) == {0.102, 0.104, 0.106}
    # No samples: no extra draw, so the sequence is the twin's (unchanged by the feature).
    assert path_samples([[[Stage("y", 0.1, 0.3)]]], 50, 9) == path_samples(
        [[[Stage("y", 0.1, 0.3, extra_samples=())]]], 50, 9)
    with pytest.raises(ValueError, match="x extra time"):
        Stage("x", 0.05, 0.05, extra_samples=(-0.001,))


def test_quantile_band_follows_order_statistics() -> None:
    from calculators.hop_checks import quantile_band

    uniform = [i / 100_000 for i in range(1, 100_001)]  # its u-quantile is u
    # The median of 150 draws: normal approximation 0.5 +- 2.576 * sqrt(0.25 / 150).
    low, high = quantile_band(uniform, 0.5, 150)
    assert low == pytest.approx(0.5 - 2.576 * math.sqrt(0.25 / 150), abs=0.006)
    assert high == pytest.approx(0.5 + 2.576 * math.sqrt(0.25 / 150), abs=0.006)
    # The p95 of 150 draws: the 143rd smallest, a skewed band that stays below the maximum.
    low95, high95 = quantile_band(uniform, 0.95, 150)
    assert 0.87 < low95 < 0.95 < high95 < 0.99
    # More draws, a narrower band.
    low600, high600 = quantile_band(uniform, 0.95, 600)
    assert low95 < low600 < 0.95 < high600 < high95


def test_self_hosted_retrieval_prefill_goes_through_the_roofline() -> None:
    from calculators.registry import TABLES

    # REFERENCES guide 12 worked example 3 (DERIVED): 2,500 retrieved tokens on Llama-3-70B,
    # 8 x H100 at 50% MFU: 2 x 70e9 x 2,500 / (8 x 989e12 x 0.5) = 88 ms before communication.
    # The roofline uses the catalog's 70.55e9 parameters and adds attention's quadratic term
    # (2 L T^2 d), so it lands a few per cent above.
    sh = TABLES["rag_self_hosted_prefill"]()
    assert sh.retrieved_tokens == 2500 and sh.num_gpus == 8 and sh.mfu_ratio == 0.5
    assert sh.retrieval_prefill_compute_seconds == pytest.approx(0.088, rel=0.06)
    # The same figure straight from guide 7's calculator: the difference of two runs.
    shape = {"model": "llama-3.1-70b", "accelerator": "h100-sxm", "gpus": 8, "mfu": 50,
             "output": 1}
    with_chunks = run("inference_roofline", {**shape, "prompt": 3050})
    without = run("inference_roofline", {**shape, "prompt": 550})
    assert sh.retrieval_prefill_seconds == with_chunks.prefill_seconds - without.prefill_seconds
    # All-reduces over eight GPUs add to the compute term, never take from it.
    assert sh.retrieval_prefill_seconds > sh.retrieval_prefill_compute_seconds > 0
    assert {row.label for row in sh.source_rows} >= {"Llama-3.1-70B: Layers",
                                                     "NVIDIA H100 SXM: Peak dense FLOP/s per GPU"}
    # No chunks, no added prefill.
    assert TABLES["rag_self_hosted_prefill"](num_chunks=0).retrieval_prefill_seconds == 0


def test_the_hop_calculators_share_one_model_check() -> None:
    from calculators.hop_fields import check_model
    from calculators.rag_context import MODELS as RAG_MODELS
    from calculators.tool_rounds import MODELS as TOOL_MODELS

    for name in ("rag_context", "tool_rounds"):  # the form's choice field
        with pytest.raises(ValueError, match='odel must be one of: .*got "gpt-2"'):
            run(name, {"model": "gpt-2"})
    for models in (RAG_MODELS, TOOL_MODELS):  # the pure functions' own check
        with pytest.raises(ValueError, match="Model must be one of: .*got 'gpt-2'"):
            check_model("gpt-2", models)
    rag, tools = run("rag_context"), run("tool_rounds")
    assert rag.model_name == "Claude Sonnet 4.5" and tools.model == "claude-sonnet-4.5"
