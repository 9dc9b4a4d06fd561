"""calculators.batching, batching_sim and batching_calcs (guide 8): the batch curve on the
roofline, the scaling book's batch table, the prefill stall, Little's law, the seeded
static-against-continuous simulation and the streaming job."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.batching_calcs import scaling_book_table, streaming_wire
from calculators.batching_sim import draw_requests
from calculators.fields import InputError
from calculators.registry import CHECKS, run

#: JAX scaling book, "All About Transformer Inference" (2025-02-03), the LLaMA-2-13B table on
#: eight TPU v5e (https://jax-ml.github.io/scaling-book/inference/), as REFERENCES guide 8 (b)
#: transcribes it: batch -> (step ms, tokens/s) with full KV, then with KV five times smaller.
BOOK = {
    1: (4.98, 200.61, 4.17, 239.94),
    8: (12.13, 659.30, 5.60, 1429.19),
    16: (20.30, 787.99, 7.23, 2212.48),
    32: (36.65, 873.21, 10.50, 3047.62),
    64: (69.33, 923.13, 17.04, 3756.62),
    240: (249.09, 963.53, 52.99, 4529.34),
}


@pytest.mark.parametrize("row", scaling_book_table(), ids=lambda r: f"batch {r.batch_size}")
def test_scaling_book_batch_table(row) -> None:
    # The book rounds one sequence's KV cache to 6.7 GB (exact: 8,192 x 819,200 B = 6.71 GB),
    # so the roofline runs up to 0.2% slower at batch 240; every cell within 0.3%.
    mha_ms, mha_tps, gqa_ms, gqa_tps = BOOK[row.batch_size]
    assert row.mha_step_seconds * 1e3 == pytest.approx(mha_ms, rel=3e-3)
    assert row.mha_tokens_per_second == pytest.approx(mha_tps, rel=3e-3)
    assert row.gqa_step_seconds * 1e3 == pytest.approx(gqa_ms, rel=3e-3)
    assert row.gqa_tokens_per_second == pytest.approx(gqa_tps, rel=3e-3)


def test_scaling_book_worked_example_g8_1() -> None:
    # REFERENCES G8-1: (26e9 + B x 6.71e9) / 6.56e12 -> 4.99 ms (200 tok/s), 249 ms (963 tok/s).
    one, big = scaling_book_table((1, 240))
    assert one.mha_step_seconds == pytest.approx((26e9 + 6.71e9) / 6.56e12, rel=1e-3)
    assert big.mha_step_seconds == pytest.approx((26e9 + 240 * 6.71e9) / 6.56e12, rel=1e-3)
    assert round(one.mha_tokens_per_second) == 201  # 200.5: "200 tok/s"
    assert round(big.mha_tokens_per_second) == 962  # published 963.53 with 6.7e9


def test_checks_within_a_quarter_percent() -> None:
    for name in ("scaling_book_mha", "scaling_book_gqa"):
        assert abs(CHECKS[name]().error_ratio) < 2.5e-3


def test_batch_curve_hand_checked() -> None:
    b = run("batch_throughput", {"batch": 32})
    one = run("inference_roofline", {"batch": 1})
    at = run("inference_roofline", {"batch": 32})
    assert b.step_seconds == at.tpot_seconds
    assert b.output_tokens_per_second == pytest.approx(32 / at.tpot_seconds)
    assert b.throughput_gain == pytest.approx(32 * one.tpot_seconds / at.tpot_seconds)
    # 32 sequences x 2,250 tokens x 128 KiB of KV against 16.06 GB of weights.
    assert b.decode_kv_read_bytes == 32 * 2250 * 131_072
    assert b.kv_read_share_ratio == pytest.approx(9.437e9 / (9.437e9 + 16.06e9), rel=1e-3)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 2000), st.integers(1, 2000))
def test_throughput_never_falls_and_speed_never_rises(a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    x, y = run("batch_throughput", {"batch": lo}), run("batch_throughput", {"batch": hi})
    assert y.output_tokens_per_second >= x.output_tokens_per_second * (1 - 1e-12)
    assert y.output_tokens_per_second_per_user <= x.output_tokens_per_second_per_user * (1 + 1e-12)


def test_prefill_stall_hand_checked() -> None:
    s = run("prefill_stall", {"arriving": 16_000, "chunk": 512})
    full = run("inference_roofline", {"prompt": 16_000, "batch": 1})
    assert s.num_chunks == math.ceil(16_000 / 512) == 32
    assert s.gap_unchunked_seconds == pytest.approx(s.step_seconds + full.prefill_seconds)
    assert s.gap_chunked_seconds == pytest.approx(
        s.step_seconds + full.prefill_compute_seconds / 32)
    assert s.ttft_chunked_seconds == pytest.approx(32 * s.gap_chunked_seconds)
    assert s.stall_cap_multiple > 10


def test_prefill_stall_rejects_a_prompt_beyond_the_window() -> None:
    with pytest.raises(InputError) as err:
        run("prefill_stall", {"arriving": 200_000})
    assert "Arriving prompt of 200,000 tokens" in str(err.value)
    assert err.value.fields == ("arriving", "context_window")


def test_littles_law() -> None:
    c = run("concurrency_needed", {"target": 5000})
    below = run("batch_throughput", {"batch": c.batch_size - 1})
    assert c.output_tokens_per_second >= 5000 > below.output_tokens_per_second
    assert c.in_flight_requests == pytest.approx(5000 / 500 * c.e2e_seconds)
    with pytest.raises(InputError, match="Target throughput"):
        run("concurrency_needed", {"target": 1e9})


def test_draws_follow_the_documented_order() -> None:
    from calculators.rng import Rng

    arrivals, lengths = draw_requests(7, 3, 2.0, 300, 0.5, 4000)
    rng = Rng(7)
    t = 0.0
    for a, n in zip(arrivals, lengths):
        t += rng.exponential(0.5)
        assert a == t
        assert n == math.floor(rng.lognormal(math.log(300) - 0.125, 0.5) + 0.5)


def test_equal_lengths_light_load_static_equals_continuous_one_by_one() -> None:
    # One request at a time (arrivals far apart), every answer the same: both batchers run
    # each request alone, so TTFT is the prefill and TPOT the batch-1 step.
    s = run("batching_sim", {"rate": 0.01, "sigma": 0, "requests": 20})
    assert s.static_ttft_p95_seconds == pytest.approx(s.prefill_seconds)
    assert s.continuous_ttft_p95_seconds == pytest.approx(s.prefill_seconds)
    assert s.static_tpot_p50_seconds == pytest.approx(s.step_one_seconds)
    assert s.continuous_tpot_p50_seconds == pytest.approx(s.step_one_seconds)


def test_continuous_beats_static_at_the_worked_example() -> None:
    s = run("batching_sim")
    assert s.continuous_output_tokens_per_second > s.static_output_tokens_per_second
    assert s.continuous_ttft_p95_seconds < s.static_ttft_p95_seconds
    assert 0 < s.static_useful_slot_ratio < 1
    # Continuous keeps up with the offered load (within the drain at the end).
    assert s.continuous_output_tokens_per_second == pytest.approx(
        s.offered_tokens_per_second, rel=0.05)


def test_same_seed_same_run_other_seed_other_run() -> None:
    a, b = run("batching_sim", {"requests": 50}), run("batching_sim", {"requests": 50})
    assert a == b
    assert run("batching_sim", {"requests": 50, "seed": 1}).output_lengths != a.output_lengths


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(0.1, 20), st.integers(1, 64))
def test_simulation_is_never_impossible(seed: int, rate: float, slots: int) -> None:
    s = run("batching_sim", {"seed": seed, "rate": rate, "max_batch": slots, "requests": 40})
    for prefix in ("static", "continuous"):
        ttft = getattr(s, f"{prefix}_ttft_p50_seconds")
        assert ttft >= s.prefill_seconds * (1 - 1e-9)
        assert getattr(s, f"{prefix}_e2e_p95_seconds") >= getattr(s, f"{prefix}_ttft_p95_seconds") - 1e-9
    assert s.static_mean_batch <= slots and s.continuous_mean_batch <= slots


def test_streaming_job_is_guide_1s_job() -> None:
    # REFERENCES guide 8 (c) 4: streaming does not change the 13.3 s job; first text at 0.8 s.
    j = run("streaming_job")
    assert j.e2e_seconds == pytest.approx(0.8 + 499 * 0.025)
    assert round(j.e2e_seconds, 1) == 13.3
    assert j.first_visible_streaming_seconds == 0.8
    assert j.e2e_streaming_seconds == j.e2e_buffered_seconds


def test_streaming_wire_uses_guide_2s_model() -> None:
    rows = streaming_wire()
    w = run("streaming_bandwidth", {"transport": "sse-h2-tls", "tokens": 500, "rate": 40})
    assert rows[0].response_bytes == w.response_bytes
    assert all(r.response_bytes > r.response_text_bytes for r in rows)


def test_benchmark_file_is_current_and_the_defaults_run_fast() -> None:
    # scripts/bench_batching_sim.py writes the file; the form reruns the simulation on every
    # input change, so its defaults must run well inside a frame budget of human patience.
    import json
    import time
    from pathlib import Path

    from scripts.bench_batching_sim import OUTPUT, RUNS

    doc = json.loads(Path(OUTPUT).read_text(encoding="utf-8"))
    assert doc["runs"] == RUNS
    assert set(doc["python_seconds"]) == set(doc["chromium_seconds"]) == set(RUNS)
    assert doc["chromium_seconds"]["defaults"] < 0.5
    t0 = time.perf_counter()
    run("batching_sim")
    assert time.perf_counter() - t0 < 5
