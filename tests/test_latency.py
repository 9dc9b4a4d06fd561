"""calculators.latency: hand-checked values, published reference values, properties."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import constant, run
from calculators.latency import (
    fastertransformer_check,
    latency_budget,
    slo_budgets,
    slow_start_round_trips,
)

BASE = dict(
    prompt_tokens=2000,
    cached_prompt_tokens=0,
    output_tokens=500,
    connection="new-tls13",
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
    # 20 + 120 + 3.2 + 60 + 30 + 100 + 250 + 25 = 608.2 ms
    assert r.ttft_seconds == pytest.approx(0.6082)
    assert r.e2e_seconds == pytest.approx(0.6082 + 499 * 0.025)
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
           "prompt_tokens": 6200, "prefill_tokens_per_second": 8000.0}
    )
    assert r.ttft_seconds == pytest.approx(0.8, abs=1e-6)
    assert r.e2e_databricks_seconds == pytest.approx(13.3, abs=1e-6)
    assert r.e2e_seconds == pytest.approx(13.275, abs=1e-6)


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
    # 63.17 + 10 x 22 = 283.17 ms (G1-4), 0.15% below the measurement.
    check = fastertransformer_check()
    assert check.predicted == pytest.approx(0.28317, abs=1e-6)
    assert check.measured == 0.2836
    assert abs(check.error_ratio) < 0.002


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
             + r.prefill_share_ratio + r.decode_share_ratio)
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
        "connection": st.sampled_from(["reused", "new-tls13", "new-tls12"]),
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
