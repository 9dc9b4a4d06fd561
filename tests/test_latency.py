"""calculators.latency: hand-checked values, published reference values, properties."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import constant, run
from calculators.latency import (
    SCENARIOS,
    fastertransformer_check,
    fastertransformer_rows,
    first_token_decode_steps,
    latency_budget,
    slo_budgets,
    slow_start_round_trips,
)

BASE = dict(
    prompt_tokens=2000,
    cached_prompt_tokens=0,
    output_tokens=500,
    reasoning_tokens=0,
    connection="new-tls13",
    first_token="prefill",
    dns_seconds=0.02,
    rtt_seconds=0.06,
    upload_bits_per_second=20e6,
    gateway_seconds=0.03,
    queue_seconds=0.1,
    prefill_tokens_per_second=8000.0,
    tpot_seconds=0.025,
)


def test_worked_example_by_hand() -> None:
    r = latency_budget(**BASE)
    # 2,000 tokens x 4 B = 8,000 B; 64,000 bit / 20 Mbit/s = 3.2 ms; fits the first flight.
    assert r.request_bytes == 8000
    assert r.slow_start_round_trips == 0
    assert r.upload_seconds == pytest.approx(0.0032)
    # TCP (1) + TLS 1.3 (1) round trips at 60 ms.
    assert r.connect_round_trips == 2
    assert r.connect_seconds == pytest.approx(0.12)
    assert r.prefill_seconds == pytest.approx(0.25)
    # The first token comes out of the prefill pass (vLLM, TensorRT-LLM): no decode step.
    assert r.first_token_decode_steps == 0
    assert r.first_decode_seconds == 0
    # 20 + 120 + 3.2 + 60 + 30 + 100 + 250 = 583.2 ms
    assert r.ttft_seconds == pytest.approx(0.5832)
    assert r.e2e_seconds == pytest.approx(0.5832 + 499 * 0.025)  # 13,058.2 ms
    assert r.billed_output_tokens == 500
    # A reused connection saves the DNS lookup and two round trips: 20 + 120 = 140 ms.
    assert r.reused_connection_saving_seconds == pytest.approx(0.14)
    assert r.e2e_databricks_seconds - r.e2e_seconds == pytest.approx(0.025)
    assert r.output_tokens_per_second == pytest.approx(40)


def test_registry_defaults_are_the_worked_example() -> None:
    assert run("latency_budget") == latency_budget(**BASE)


def test_databricks_reading_speed() -> None:
    # Databricks, "Conduct your own LLM endpoint benchmarking": a TPOT of 100 ms is
    # 10 tokens/s, about 450 words per minute (REFERENCES G1-1).
    r = latency_budget(**{**BASE, "tpot_seconds": 0.1})
    assert r.output_tokens_per_second == pytest.approx(10)
    assert r.reading_words_per_minute == pytest.approx(450)


def test_incumbent_example_both_conventions() -> None:
    # TTFT 800 ms, TPOT 25 ms, 500 tokens: 13,300 ms (N form) and 13,275 ms (N - 1 form),
    # REFERENCES G1-2. Built with a server-side-only request whose TTFT is 800 ms.
    r = latency_budget(
        **{**BASE, "connection": "reused", "dns_seconds": 0, "rtt_seconds": 0,
           "upload_bits_per_second": 1e12, "gateway_seconds": 0, "queue_seconds": 0,
           "prompt_tokens": 6400, "prefill_tokens_per_second": 8000.0}
    )
    assert r.ttft_seconds == pytest.approx(0.8, abs=1e-6)
    assert r.e2e_databricks_seconds == pytest.approx(13.3, abs=1e-6)
    assert r.e2e_seconds == pytest.approx(13.275, abs=1e-6)


def test_first_token_convention_costs_exactly_one_tpot() -> None:
    prefill = latency_budget(**BASE)
    step = latency_budget(**{**BASE, "first_token": "decode-step"})
    assert step.first_token_decode_steps == 1
    assert step.ttft_seconds - prefill.ttft_seconds == pytest.approx(0.025)
    assert step.e2e_seconds - prefill.e2e_seconds == pytest.approx(0.025)


def test_vllm_and_tensorrt_llm_sample_the_first_token_from_prefill() -> None:
    # vLLM design docs, Metrics: the prefill interval ends at the first NEW_TOKENS event;
    # TensorRT-LLM's context instance returns the first generated token (tech blog 5).
    assert constant("vllm_first_token_decode_steps").value == 0
    assert constant("tensorrt_llm_first_token_decode_steps").value == 0
    assert first_token_decode_steps("prefill") == 0
    with pytest.raises(ValueError, match="first_token must be one of"):
        first_token_decode_steps("guess")


def test_reasoning_tokens_delay_the_first_visible_token_and_are_billed() -> None:
    # 1,000 hidden reasoning tokens at 25 ms: 25 s more before the first visible token,
    # the same streaming after it, and 1,500 billed output tokens for a 500-token answer.
    plain = latency_budget(**BASE)
    r = latency_budget(**{**BASE, "reasoning_tokens": 1000})
    assert r.reasoning_seconds == pytest.approx(25.0)
    assert r.ttft_seconds - plain.ttft_seconds == pytest.approx(25.0)
    assert r.e2e_seconds - r.ttft_seconds == pytest.approx(plain.e2e_seconds - plain.ttft_seconds)
    assert r.billed_output_tokens == 1500
    assert r.ttft_seconds == pytest.approx(25.5832)


def test_reasoning_scenario_by_hand() -> None:
    # 500-token prompt: 2,000 B upload = 0.8 ms; prefill 500 / 8,000 = 62.5 ms;
    # 20 + 120 + 0.8 + 60 + 30 + 100 + 62.5 + 1,000 x 25 = 25,393.3 ms.
    r = run("latency_budget", SCENARIOS["Reasoning model"])
    assert r.ttft_seconds == pytest.approx(25.3933)
    assert r.billed_output_tokens == 1500


def test_scenarios_change_one_thing_at_a_time() -> None:
    shapes = {label: run("latency_budget", inputs) for label, inputs in SCENARIOS.items()}
    long, reused, cached = (shapes["Long prompt"], shapes["+ reused connection"],
                            shapes["+ cached prefix"])
    # Reusing the connection saves only set-up (DNS, handshakes, slow start) ...
    assert long.prefill_seconds == reused.prefill_seconds
    assert long.ttft_seconds - reused.ttft_seconds == pytest.approx(
        long.setup_and_network_seconds - reused.setup_and_network_seconds)
    # ... and caching then saves only prefill: 28,000 of 30,000 tokens at 8,000 tokens/s.
    assert reused.setup_and_network_seconds == cached.setup_and_network_seconds
    assert reused.ttft_seconds - cached.ttft_seconds == pytest.approx(3.5)


def test_mlperf_interactive_budget() -> None:
    # mlcommons/inference loadgen/mlperf.conf: llama2-70b-interactive TTFT 450 ms, TPOT 40 ms;
    # server 2,000 / 200 ms. 450 + 499 x 40 = 20,410 ms; 2,000 + 499 x 200 = 101,800 ms (G1-3).
    budgets = {b.name: b for b in slo_budgets(500)}
    assert budgets["MLPerf Llama-2-70B interactive"].e2e_seconds == pytest.approx(20.41)
    assert budgets["MLPerf Llama-2-70B server"].e2e_seconds == pytest.approx(101.8)


def test_fastertransformer_reference_value() -> None:
    # kipply, "Transformer Inference Arithmetic" (2022), quoted by cli99/llm-analysis
    # examples/fastertransformer/README.md: 13B, A100 40 GB, 512-token prompt, 10 tokens:
    # prefill 63.17 ms, decode 22.0 ms/token, total 283.6 ms measured. The model gives
    # 63.17 + 10 x 22 = 283.17 ms (G1-4), 0.15% below the measurement. The benchmark's
    # figures add up as prefill plus one decode step per generated token.
    check = fastertransformer_check()
    assert check.predicted == pytest.approx(0.28317, abs=1e-6)
    assert check.measured == 0.2836
    assert abs(check.error_ratio) < 0.002


def test_fastertransformer_rows_are_within_rounding_only() -> None:
    # Both runs use the benchmark's own prefill and per-token times, so the check tests only
    # the bookkeeping. One GPU: |283.17 - 283.6| = 0.43 ms; two GPUs: 45.45 + 10 x 13.5 =
    # 180.45 vs 180.86 ms, 0.41 ms; both below 10 x 0.05 ms, the rounding of "22.0" / "13.5".
    one, two = fastertransformer_rows()
    assert one.decode_step_seconds == pytest.approx(0.28317, abs=1e-6)
    assert two.decode_step_seconds == pytest.approx(0.18045, abs=1e-6)
    assert one.rounding_bound_seconds == pytest.approx(0.0005)
    for row in (one, two):
        assert row.decode_step_difference_seconds < row.rounding_bound_seconds
        # Sampling the first token from prefill would leave out one step: about 8% low.
        assert row.prefill_pass_seconds == pytest.approx(row.decode_step_seconds - row.tpot_seconds)
        assert -0.09 < row.prefill_pass_error_ratio < -0.07


def test_slow_start_rounds() -> None:
    mss = constant("tcp_max_segment_bytes").value
    window = constant("tcp_initial_window_segments").value
    assert slow_start_round_trips(1) == 0
    assert slow_start_round_trips(window * mss) == 0
    assert slow_start_round_trips(window * mss + 1) == 1
    # 10 + 20 + 40 + 80 = 150 segments after four flights.
    assert slow_start_round_trips(120_000) == 3
    assert slow_start_round_trips(150 * mss) == 3
    assert slow_start_round_trips(150 * mss + 1) == 4


def test_reused_connection_skips_dns_and_handshakes() -> None:
    r = latency_budget(**{**BASE, "connection": "reused", "dns_seconds": 5.0})
    assert r.dns_lookup_seconds == 0
    assert r.connect_seconds == 0


def test_shares_add_up() -> None:
    r = latency_budget(**BASE)
    total = (r.setup_share_ratio + r.network_share_ratio + r.server_wait_share_ratio
             + r.prefill_share_ratio + r.reasoning_share_ratio + r.decode_share_ratio)
    assert total == pytest.approx(1.0)
    assert sum(seconds for _, _, seconds in r.components) == pytest.approx(r.e2e_seconds)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("rtt_seconds", -0.001, "rtt_seconds must be from 0 to 60 seconds"),
        ("output_tokens", 0, "output_tokens must be from 1 to 2,000,000 tokens"),
        ("tpot_seconds", float("nan"), "tpot_seconds must be from"),
        ("prefill_tokens_per_second", 0, "prefill_tokens_per_second must be from 1"),
        ("connection", "udp", "connection must be one of"),
        ("first_token", "later", "first_token must be one of"),
        ("reasoning_tokens", -1, "reasoning_tokens must be from 0"),
        ("cached_prompt_tokens", 2001, "must be from 0 to the prompt tokens"),
    ],
)
def test_bad_input_names_field_unit_and_range(field: str, value: object, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        latency_budget(**{**BASE, field: value})


inputs = st.fixed_dictionaries(
    {
        "prompt_tokens": st.integers(0, 200_000),
        "output_tokens": st.integers(1, 20_000),
        "reasoning_tokens": st.integers(0, 20_000),
        "connection": st.sampled_from(["reused", "new-tls13", "new-tls12"]),
        "first_token": st.sampled_from(["prefill", "decode-step"]),
        "dns_seconds": st.floats(0, 1),
        "rtt_seconds": st.floats(0, 1),
        "upload_bits_per_second": st.floats(1e3, 1e10),
        "gateway_seconds": st.floats(0, 1),
        "queue_seconds": st.floats(0, 10),
        "prefill_tokens_per_second": st.floats(1, 1e6),
        "tpot_seconds": st.floats(1e-4, 1),
    }
)


def _budget(d: dict, cached: int = 0) -> object:
    return latency_budget(**{**d, "cached_prompt_tokens": min(cached, d["prompt_tokens"])})


@settings(max_examples=200, deadline=None)
@given(inputs, st.integers(1, 100_000))
def test_more_prompt_tokens_never_lower_ttft(d: dict, extra: int) -> None:
    longer = {**d, "prompt_tokens": d["prompt_tokens"] + extra}
    assert _budget(longer).ttft_seconds >= _budget(d).ttft_seconds


@settings(max_examples=200, deadline=None)
@given(inputs)
def test_reused_connection_never_costs_more(d: dict) -> None:
    reused = _budget({**d, "connection": "reused"})
    for connection in ("new-tls13", "new-tls12"):
        assert reused.ttft_seconds <= _budget({**d, "connection": connection}).ttft_seconds


@settings(max_examples=200, deadline=None)
@given(inputs, st.integers(0, 200_000))
def test_caching_never_raises_ttft(d: dict, cached: int) -> None:
    assert _budget(d, cached).ttft_seconds <= _budget(d).ttft_seconds


@settings(max_examples=100, deadline=None)
@given(inputs, st.integers(1, 100_000))
def test_reasoning_tokens_delay_only_the_first_token(d: dict, extra: int) -> None:
    r = _budget(d)
    more = _budget({**d, "reasoning_tokens": d["reasoning_tokens"] + extra})
    assert more.ttft_seconds >= r.ttft_seconds
    assert more.e2e_seconds - more.ttft_seconds == pytest.approx(r.e2e_seconds - r.ttft_seconds)
    assert more.billed_output_tokens == r.billed_output_tokens + extra
    assert more.ttft_seconds >= more.prefill_seconds + more.reasoning_seconds


@settings(max_examples=100, deadline=None)
@given(inputs)
def test_shares_are_ratios_that_add_to_one(d: dict) -> None:
    r = _budget(d)
    shares = (r.setup_share_ratio, r.network_share_ratio, r.server_wait_share_ratio,
              r.prefill_share_ratio, r.reasoning_share_ratio, r.decode_share_ratio)
    assert all(0 <= share <= 1 for share in shares)
    assert sum(shares) == pytest.approx(1.0)
    assert 0 <= r.reused_connection_saving_seconds <= r.ttft_seconds


@settings(max_examples=200, deadline=None)
@given(inputs)
def test_conventions_differ_by_one_tpot_and_halving_output_helps(d: dict) -> None:
    r = _budget(d)
    assert r.e2e_databricks_seconds - r.e2e_seconds == pytest.approx(d["tpot_seconds"])
    assert r.e2e_seconds >= r.ttft_seconds
    assert r.half_output_e2e_seconds <= r.e2e_seconds
    assert 0 <= r.ttft_share_ratio <= 1


def test_result_echoes_inputs() -> None:
    r = latency_budget(**BASE)
    for key, value in BASE.items():
        assert getattr(r, key) == value
    assert dataclasses.is_dataclass(r)
