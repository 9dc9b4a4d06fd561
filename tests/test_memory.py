"""calculators.memory: weight and KV-cache bytes, reproduced exactly from published figures."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.data.models import MODELS
from calculators.memory import kv_bytes_for_context, kv_bytes_per_token_layer, model_inputs
from calculators.registry import run


def mem(key: str, **inputs: object):
    return run("model_memory", {**model_inputs(key), **inputs})


def test_llama2_7b_fp16_4096_tokens_nvidia() -> None:
    # NVIDIA, "Mastering LLM Techniques: Inference Optimization": 1 × 4096 × 2 × 32 × 4096 × 2
    # = 2,147,483,648 B for Llama 2 7B at batch 1 (REFERENCES guide 7, G7-1).
    m = mem("llama-2-7b", context=4096)
    assert m.kv_bytes_per_sequence == 2_147_483_648
    assert m.kv_bytes_per_token == 524_288  # 512 KiB (REFERENCES part 1.2)


def test_opt13b_vllm_paper() -> None:
    # vLLM paper §3: OPT-13B stores 2 × 5120 × 40 × 2 = 819,200 B per token; 2,048 tokens
    # = 1,677,721,600 B (~1.7 GB, the blog's "LLaMA-13B" figure). OPT-13B: 40 layers,
    # 40 heads of 128 (not in the catalog, typed from the paper).
    per_layer = kv_bytes_per_token_layer(attention="mha", num_kv_heads=40, head_dim=128,
                                         kv_lora_rank=0, qk_rope_head_dim=0, kv_dtype="bf16")
    assert per_layer * 40 == 819_200
    assert kv_bytes_for_context(per_layer, 40, 0, 0, 2048) == 1_677_721_600
    # LLaMA-13B has the same shape (vLLM blog: "up to 1.7GB for a single sequence").
    assert mem("llama-2-13b", context=2048).kv_bytes_per_sequence == 1_677_721_600


def test_llama2_13b_8192_tokens_scaling_book() -> None:
    # JAX scaling book: 8192 × 40 × 128 × 40 × 2 × 2 = 6.7 GB (REFERENCES G7-3).
    m = run("model_memory", {**model_inputs("llama-2-13b"), "context_window": 8192,
                             "context": 8192})
    assert m.kv_bytes_per_sequence == 6_710_886_400


@pytest.mark.parametrize(("key", "per_token"), [
    ("llama-3.1-8b", 131_072),     # 128 KiB (Llama 3 Herd paper table 3, as quoted)
    ("llama-3.1-70b", 327_680),    # 320 KiB
    ("llama-3.1-405b", 516_096),   # 504 KiB
    ("deepseek-v3", 70_272),       # (512 + 64) × 61 × 2 = 68.625 KiB ("68.6 KiB"), not doubled
])
def test_gqa_and_mla_per_token_bytes(key: str, per_token: int) -> None:
    assert mem(key, context=1).kv_bytes_per_token == per_token


def test_llama31_70b_128k_is_40_gib() -> None:
    # REFERENCES G7-4 and guide 9 example 3: 327,680 × 131,072 = 42,949,672,960 B = 40 GiB.
    m = mem("llama-3.1-70b", context=131_072)
    assert m.kv_bytes_per_sequence == 42_949_672_960 == 40 * 2**30


def test_weights_per_dtype() -> None:
    # Llama 3.1 8B BF16 loads 16.06 GB (REFERENCES guide 9 example 4); 70B in FP8 70.55 GB.
    assert mem("llama-3.1-8b").weight_bytes == pytest.approx(16.06e9, rel=1e-3)
    assert mem("llama-3.1-70b", weight_dtype="fp8").weight_bytes == pytest.approx(70.55e9, rel=1e-4)
    m = mem("llama-3.1-8b")
    assert m.weight_fp8_bytes == m.weight_bf16_bytes / 2 == 2 * m.weight_int4_bytes
    assert mem("llama-3.1-8b", weight_dtype="int4").weight_bytes == pytest.approx(8.03e9 / 2, rel=1e-3)


def test_moe_keeps_every_expert_resident() -> None:
    m = mem("deepseek-v3", weight_dtype="fp8")
    assert m.weight_bytes == pytest.approx(671e9, rel=1e-9)
    assert m.active_weight_bytes == pytest.approx(37e9, rel=1e-9)


def test_sliding_window_layers_stop_growing() -> None:
    # Gemma-2-9B: 21 of 42 layers keep 4,096 tokens; per layer 2 × 8 × 256 × 2 = 8,192 B.
    m = mem("gemma-2-9b", context=8192)
    assert m.kv_bytes_per_token_layer == 8192
    assert m.kv_bytes_per_sequence == 8192 * (21 * 8192 + 21 * 4096)
    below = mem("gemma-2-9b", context=4096)
    assert below.kv_bytes_per_sequence == 8192 * 42 * 4096


def test_quantised_kv_halves_the_cache() -> None:
    assert mem("llama-3.1-8b", kv_dtype="fp8").kv_bytes_per_token == 65_536


def test_mqa_has_one_kv_head() -> None:
    m = run("model_memory", {"attention": "mqa", "kv_heads": 1})
    assert m.kv_bytes_per_token == 2 * 1 * 128 * 2 * 32


@pytest.mark.parametrize(("inputs", "fragment"), [
    ({"context": 200_000}, "beyond the model's context window of 131,072"),
    ({"active_params": 9000}, "cannot exceed total parameters"),
    ({"attention": "mla"}, "needs an MLA latent rank above 0"),
    ({"attention": "mqa"}, "exactly one KV head; got 8"),
    ({"window": 4096, "window_layers": 40}, "cannot exceed layers; got 40 > 32"),
    ({"window_layers": 4}, "need a sliding window above 0"),
    ({"context": -1}, "Context per sequence must be a whole number from 0"),
])
def test_bad_input_names_the_field(inputs: dict, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        run("model_memory", inputs)


@settings(max_examples=40, deadline=None)
@given(key=st.sampled_from(sorted(MODELS)), context=st.integers(0, 8192),
       extra=st.integers(1, 4096), sequences=st.integers(1, 64))
def test_kv_grows_with_context_and_sequences(key: str, context: int, extra: int,
                                             sequences: int) -> None:
    window = model_inputs(key)["context_window"]
    context = min(context, int(window) - extra)
    a = mem(key, context=context, sequences=sequences)
    b = mem(key, context=context + extra, sequences=sequences)
    assert 0 <= a.kv_total_bytes <= b.kv_total_bytes
    assert 0 <= a.kv_share_ratio < 1
    assert a.kv_total_bytes == a.kv_bytes_per_sequence * sequences


def test_cli_gives_the_same_numbers_for_a_preset() -> None:
    import json
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "calculators", "model_memory", "--model", "llama-3.1-70b"]
    proc = subprocess.run([*cmd, "--context", "131072", "--json"], capture_output=True, text=True,
                          timeout=60)
    out = json.loads(proc.stdout)
    assert out["kv_bytes_per_sequence"] == 42_949_672_960
    assert out["kv_bytes_per_token"] == 327_680
    bad = subprocess.run([*cmd, "--context", "200000"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert "beyond the model's context window" in bad.stderr
