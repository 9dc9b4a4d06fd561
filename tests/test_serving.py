"""calculators.serving and calculators.parallel: capacity, paging, preemption, TP, handover."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.memory import model_inputs
from calculators.registry import run
from calculators.inference_fields import accelerator_inputs

L70 = model_inputs("llama-3.1-70b")
H200 = accelerator_inputs("h200", memory=True)["memory"]


def serve(**inputs: object):
    return run("serving_capacity", inputs)


def test_llama31_8b_on_one_h100_reproduces_the_article() -> None:
    # REFERENCES G10-1: (80e9 × 0.92 − 16.06e9 − 2.5e9) / 131,072 = 419,922 tokens; 26,245
    # blocks of 16; 51 concurrent 8K sessions; 3 full 128K sessions (guide 10 example 1).
    # The article loads 16.06 GB of weights (8.03e9 parameters × 2 bytes).
    s = serve(total_params=8.03, active_params=8.03)
    assert round(s.token_capacity) == 419_922
    assert s.num_blocks == 26_245
    assert s.concurrent_sequences == 51
    assert s.contiguous_sequences == 3
    # With the catalog's exact count (8,030,261,248) the pool is 16 tokens smaller: one block.
    assert serve().num_blocks == 26_244


def test_h200_and_70b_fp8_reproduce_the_article() -> None:
    # REFERENCES guide 9 example 4: 8B BF16 on H200 848,083; 70B FP8 on H100 1,678, on H200 172,943.
    assert round(serve(memory=H200, total_params=8.03, active_params=8.03).token_capacity) == 848_083
    # The article's 70B FP8 weights are 70.55e9 B (REFERENCES derives it from its table).
    a70 = {**L70, "total_params": 70.55, "active_params": 70.55, "weight_dtype": "fp8"}
    s200 = serve(**a70, memory=H200)
    assert round(s200.token_capacity) == 172_943
    s100 = serve(**a70, max_model_len=1024, context=1024)
    assert round(s100.token_capacity) == 1_678


def test_paged_against_contiguous_vllm_example() -> None:
    # REFERENCES guide 10 example 2: a 542-token request with max 2,048 wastes 1,506 / 2,048
    # = 73.5% reserved contiguously; paged in 16-token blocks it takes 34 blocks, 2 wasted.
    s = serve(context=542, max_model_len=2048)
    assert s.blocks_per_sequence == 34
    assert s.last_block_waste_tokens == 2
    assert s.paged_waste_ratio == pytest.approx(2 / 544)
    assert s.contiguous_waste_ratio == pytest.approx(1506 / 2048)
    assert s.paged_waste_ratio < 0.04  # the vLLM blog's "under 4%"


def test_preemption_when_the_pool_runs_out() -> None:
    s = serve(requested=64)
    assert s.admitted_sequences == 51 and s.preempted_sequences == 13
    assert serve(requested=10).preempted_sequences == 0


def test_vllm_startup_error_names_the_longest_context() -> None:
    with pytest.raises(ValueError, match=r"KV cache needed for one sequence of the maximum model length, "
                                         r"131,072 tokens .* The longest that fits is about 1,664 tokens"):
        serve(**L70, weight_dtype="fp8")


def test_model_that_does_not_fit() -> None:
    with pytest.raises(ValueError, match=r"The model does not fit: its weights \(141\.11 GB\)"):
        serve(**L70)


def test_tensor_parallel_splits_weights_and_kv() -> None:
    four = serve(**L70, gpus=4)
    assert four.weight_bytes_per_gpu == pytest.approx(four.weight_bytes / 4)
    assert four.kv_bytes_per_token_per_gpu == 327_680 / 4
    # Eight KV heads over 16 GPUs: each GPU keeps one head, so the cache stops shrinking.
    sixteen = serve(**L70, gpus=16)
    assert sixteen.kv_bytes_per_token_per_gpu == 327_680 / 8


def test_mla_latent_is_replicated_under_tp() -> None:
    s = serve(**model_inputs("deepseek-v3"), weight_dtype="fp8", memory=H200, gpus=8)
    assert s.kv_bytes_per_token_per_gpu == 70_272


def test_tp_speedup_is_below_n() -> None:
    t = run("tensor_parallel", {"gpus": 8})
    assert 1 < t.speedup_ratio < 8
    assert t.scaling_efficiency_ratio < 1
    assert run("tensor_parallel", {"gpus": 1}).speedup_ratio == 1


def test_disaggregation_handover_bytes_and_links() -> None:
    # REFERENCES guide 10 formula 5: t = KV per token × prompt / link bandwidth.
    d = run("disaggregation", {"prompt": 2000, "link_type": "infiniband"})
    assert d.handover_bytes == 131_072 * 2000
    assert d.transfer_seconds == pytest.approx(131_072 * 2000 / 50e9)
    nv = run("disaggregation", {"prompt": 2000, "link_type": "nvlink"})
    assert nv.transfer_seconds < d.transfer_seconds
    assert d.break_even_link_bytes_per_second == pytest.approx(d.handover_bytes / d.prefill_seconds)


@settings(max_examples=30, deadline=None)
@given(context=st.integers(1, 65_536), extra=st.integers(1, 65_536), block=st.sampled_from(
    [1, 8, 16, 32, 64, 128]), requested=st.integers(1, 10_000))
def test_capacity_properties(context: int, extra: int, block: int, requested: int) -> None:
    a = serve(context=context, block=block, requested=requested)
    b = serve(context=min(context + extra, 131_072), block=block, requested=requested)
    assert b.concurrent_sequences <= a.concurrent_sequences
    assert a.concurrent_sequences >= a.contiguous_sequences >= 1
    assert 0 <= a.last_block_waste_tokens < block
    assert 0 <= a.paged_waste_ratio < 1 and 0 <= a.contiguous_waste_ratio < 1
    assert a.admitted_sequences + a.preempted_sequences == requested
