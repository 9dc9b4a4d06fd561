"""The shared catalogs: every entry sourced and dated, values in sane ranges, a few checked by
hand against their sources."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

import calculators  # noqa: F401  (loads every data module)
from calculators.data.accelerators import ACCELERATORS, accelerator
from calculators.data.models import MODELS, model
from calculators.data.records import ModelSpec

REQUIRED_MODELS = {
    "llama-2-7b", "llama-2-13b", "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b",
    "mistral-7b", "mixtral-8x7b", "qwen2.5-7b", "qwen2.5-72b", "deepseek-v3", "gemma-2-9b",
    "llama-3.2-1b", "llama-3.2-3b",
}
REQUIRED_ACCELERATORS = {
    "h100-sxm", "h100-pcie", "h200", "b200", "a100-40gb", "a100-80gb", "l40s", "l4", "mi300x",
}


def all_records():
    yield from MODELS.values()
    yield from ACCELERATORS.values()


def test_required_entries_present():
    assert REQUIRED_MODELS <= set(MODELS)
    assert REQUIRED_ACCELERATORS <= set(ACCELERATORS)
    apple = [a for a in ACCELERATORS.values() if a.vendor == "Apple"]
    phones = [a for a in ACCELERATORS.values() if a.form_factor.startswith("phone")]
    assert len(apple) >= 2 and len(phones) >= 1


@pytest.mark.parametrize("record", list(all_records()), ids=lambda r: r.key)
def test_every_entry_sourced_and_dated(record):
    assert record.source_url.startswith("https://")
    assert record.source_title.strip() and record.note.strip()
    assert record.status in {"VERIFIED", "SECONDARY", "DERIVED"}
    assert date(2015, 1, 1) <= record.as_of <= date(2027, 1, 1)


@pytest.mark.parametrize("spec", list(MODELS.values()), ids=lambda m: m.key)
def test_model_values_sane(spec):
    assert 5e8 <= spec.params_total <= 2e12
    assert spec.params_active <= spec.params_total
    assert 8 <= spec.num_layers <= 200
    assert spec.head_dim in {64, 96, 128, 256}
    assert spec.num_attention_heads % spec.num_kv_heads == 0
    assert 2048 <= spec.context_window_tokens <= 2_000_000
    assert spec.native_dtype in {"fp32", "bf16", "fp16", "fp8"}
    # params roughly 12 * layers * hidden^2 for dense models (embeddings aside): order of magnitude
    if spec.params_active == spec.params_total and spec.attention != "mla":
        ratio = spec.params_total / (12 * spec.num_layers * spec.hidden_size**2)
        assert 0.7 < ratio < 3.0


def test_models_hand_checked_against_configs():
    m = model("llama-3.1-70b")
    assert (m.num_layers, m.num_attention_heads, m.num_kv_heads, m.head_dim) == (80, 64, 8, 128)
    assert m.hidden_size == 8192 and m.vocab_size == 128_256 and m.attention == "gqa"
    d = model("deepseek-v3")
    assert (d.attention, d.kv_lora_rank, d.qk_rope_head_dim, d.num_layers) == ("mla", 512, 64, 61)
    g = model("gemma-2-9b")
    assert (g.sliding_window_tokens, g.num_sliding_window_layers, g.num_layers) == (4096, 21, 42)
    assert g.head_dim == 256
    assert model("llama-2-7b").attention == "mha"
    mx = model("mixtral-8x7b")
    assert round(mx.params_total / 1e9, 1) == 46.7 and round(mx.params_active / 1e9, 1) == 12.9


def test_kv_bytes_per_token_reproduce_references():
    # REFERENCES part 1.2: KV bytes/token in BF16 = 2 (K and V) x layers x KV heads x d x 2 B
    def kv(key: str) -> int:
        m = model(key)
        return 2 * m.num_layers * m.num_kv_heads * m.head_dim * 2

    assert kv("llama-2-7b") == 524_288
    assert kv("llama-2-13b") == 819_200
    assert kv("llama-3.1-8b") == 131_072
    assert kv("llama-3.1-70b") == 327_680
    assert kv("llama-3.1-405b") == 516_096
    d = model("deepseek-v3")  # MLA: (512 + 64) x 61 layers x 2 B = 70,272 B = 68.6 KiB
    assert round((d.kv_lora_rank + d.qk_rope_head_dim) * d.num_layers * 2 / 1024, 1) == 68.6


@pytest.mark.parametrize("dev", list(ACCELERATORS.values()), ids=lambda a: a.key)
def test_accelerator_values_sane(dev):
    assert 4e9 <= dev.memory_bytes <= 1e12
    assert 5e10 <= dev.memory_bandwidth_bytes_per_second <= 2e13
    for dtype, flops in dev.dense_flops_per_second.items():
        assert 1e13 <= flops <= 2e16, dtype
    if "fp8" in dev.dense_flops_per_second and "bf16" in dev.dense_flops_per_second:
        assert dev.dense_flops_per_second["fp8"] == pytest.approx(
            2 * dev.dense_flops_per_second["bf16"], rel=0.03)


def test_accelerators_hand_checked():
    h = accelerator("h100-sxm")
    assert h.memory_bytes == 80e9 and h.memory_bandwidth_bytes_per_second == 3.35e12
    assert h.dense_flops_per_second["bf16"] == pytest.approx(989.4e12)
    assert accelerator("a100-80gb").memory_bandwidth_bytes_per_second == 2.039e12
    assert accelerator("b200").alternate  # the book's table and prose disagree
    # REFERENCES 1.1 critical batch: H100 SXM 989e12 / 3.35e12 ~ 295
    assert round(h.dense_flops_per_second["bf16"] / h.memory_bandwidth_bytes_per_second) == 295


def test_unknown_key_lists_known():
    with pytest.raises(KeyError, match="llama-3.1-8b"):
        model("llama-9")
    with pytest.raises(KeyError, match="h100-sxm"):
        accelerator("h900")


def test_records_validate_like_constants():
    good = model("llama-3.1-8b")
    with pytest.raises(ValueError, match="https"):
        dataclasses.replace(good, source_url="http://example.com")
    with pytest.raises(ValueError, match="status"):
        dataclasses.replace(good, status="GUESSED")
    with pytest.raises(ValueError, match="checked_on"):
        dataclasses.replace(good, checked_on=date(2000, 1, 1))
    with pytest.raises(ValueError, match="gqa"):
        dataclasses.replace(good, num_kv_heads=32)
    with pytest.raises(ValueError, match="sliding"):
        dataclasses.replace(good, sliding_window_tokens=4096)
    assert isinstance(good, ModelSpec)
