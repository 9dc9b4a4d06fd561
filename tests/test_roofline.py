"""calculators.roofline: prefill, decode, critical batch, implied MBU / MFU."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.memory import model_inputs
from calculators.registry import run
from calculators.inference_fields import accelerator_inputs
from calculators.roofline import allreduce_seconds


def roof(**inputs: object):
    return run("inference_roofline", inputs)


def test_weights_only_decode_bound_h100() -> None:
    # REFERENCES G7-5: 16e9 B of weights on 3.35e12 B/s = 4.78 ms per step, <= 209 tokens/s.
    r = roof(mbu=100, output=1, prompt=1)
    assert r.decode_weight_read_bytes / r.bandwidth_bytes_per_second == pytest.approx(
        16.06e9 / 3.35e12, rel=1e-3)
    assert r.decode_memory_seconds == pytest.approx((r.weight_bytes + 131_072) / 3.35e12)


def test_decode_reads_the_kv_of_every_sequence() -> None:
    one, eight = roof(batch=1), roof(batch=8)
    assert eight.decode_kv_read_bytes == 8 * one.decode_kv_read_bytes
    assert eight.decode_weight_read_bytes == one.decode_weight_read_bytes
    # Mean context 2,000 + 500 // 2 = 2,250 tokens of 128 KiB each.
    assert one.decode_kv_read_bytes == 2250 * 131_072


@pytest.mark.parametrize(("gpu", "expected"), [
    ("h100-sxm", 295.3), ("a100-80gb", 153.0), ("h200", 206.1)])
def test_critical_batch_is_the_ridge_point_for_16_bit_weights(gpu: str, expected: float) -> None:
    # REFERENCES part 1.1: B_crit = peak / bandwidth: A100 ~153, H100 ~295, H200 ~206.
    r = roof(**accelerator_inputs(gpu))
    assert r.critical_batch_size == pytest.approx(expected, rel=2e-3)
    assert roof(**accelerator_inputs(gpu), weight_dtype="fp8").critical_batch_size == pytest.approx(
        expected / 2, rel=2e-3)


def test_prefill_flops_two_per_parameter_plus_causal_attention() -> None:
    # REFERENCES guide 7 example 8: 2 × 70e9 × 2,000 = 2.8e14 FLOPs before attention.
    r = roof(**model_inputs("llama-3.1-70b"), prompt=2000)
    linear = r.prefill_flops - r.prefill_attention_flops
    assert linear == pytest.approx(2 * 70_553_706_496 * 2000, rel=1e-9)
    assert r.prefill_attention_flops == 2 * 80 * 2000**2 * 8192


def test_large_batch_turns_compute_bound() -> None:
    assert roof(batch=1).decode_compute_bound == 0
    big = roof(batch=4096, prompt=16, output=2)
    assert big.decode_compute_bound == 1
    assert big.decode_intensity_flops_per_byte > big.ridge_flops_per_byte * 0.7 / 0.9 - 1e-9


def test_overhead_adds_to_every_step() -> None:
    base, slow = roof(), roof(overhead=2)
    assert slow.tpot_seconds - base.tpot_seconds == pytest.approx(0.002)
    assert slow.ttft_seconds - base.ttft_seconds == pytest.approx(0.002)


def test_allreduce_ring_formula() -> None:
    # Two all-reduces per layer; each moves 2 (n - 1) / n of B × d × 2 bytes, plus latency.
    t = allreduce_seconds(num_gpus=2, num_layers=40, batch_size=1, hidden_size=5120,
                          link_bytes_per_second=300e9, collective_latency_seconds=10e-6)
    assert t == pytest.approx(80 * (1 * 5120 * 2 / 300e9 + 10e-6))
    assert allreduce_seconds(num_gpus=1, num_layers=40, batch_size=1, hidden_size=5120,
                             link_bytes_per_second=300e9, collective_latency_seconds=1) == 0


def test_databricks_mbu_reverse() -> None:
    # Databricks: 14 GB read in a 14 ms step is 1 TB/s, 50% of 2 TB/s. Through the calculator:
    # a model whose step reads 14 GB (7e9 params, 16-bit, one token of context).
    r = run("implied_efficiency", {"total_params": 7, "active_params": 7, "prompt": 1,
                                   "output": 1, "bandwidth": 2000, "tpot": 14, "ttft": 1000,
                                   "kv_heads": 8, "layers": 32})
    assert r.achieved_bandwidth_bytes_per_second == pytest.approx(1e12, rel=1e-5)
    assert r.implied_mbu_ratio == pytest.approx(0.5, rel=1e-5)


def test_a_measurement_faster_than_peak_is_rejected() -> None:
    with pytest.raises(ValueError, match="faster than this hardware's peak"):
        run("implied_efficiency", {"tpot": 1})


def test_context_beyond_the_window_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"Prompt plus output of 131,500"):
        roof(prompt=131_000)


@settings(max_examples=30, deadline=None)
@given(prompt=st.integers(1, 60_000), extra=st.integers(1, 20_000), batch=st.integers(1, 512),
       gpus=st.integers(1, 8))
def test_monotone_and_physical(prompt: int, extra: int, batch: int, gpus: int) -> None:
    a = roof(prompt=prompt, batch=batch, gpus=gpus)
    b = roof(prompt=prompt + extra, batch=batch, gpus=gpus)
    assert b.ttft_seconds >= a.ttft_seconds > 0
    assert roof(prompt=prompt, batch=batch + 1, gpus=gpus).tpot_seconds >= a.tpot_seconds
    assert a.e2e_seconds >= a.ttft_seconds
    assert 0 <= a.decode_share_ratio < 1
    assert a.decode_attainable_flops_per_second <= a.peak_flops_per_second


def test_guide1_budget_takes_the_roofline_figures() -> None:
    # One model, not two: the latency budget's prefill rate and TPOT come from the roofline.
    r = roof()
    budget = run("latency_budget", {"prompt_tokens": r.prompt_tokens, "cached_prompt_tokens": 0,
                                    "prefill_rate": r.prefill_tokens_per_second,
                                    "tpot": r.tpot_seconds * 1000})
    assert budget.prefill_seconds == pytest.approx(r.prefill_seconds, rel=1e-9)
    assert budget.tpot_seconds == pytest.approx(r.tpot_seconds, rel=1e-9)
