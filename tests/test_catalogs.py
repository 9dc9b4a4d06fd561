"""The shared catalogs: every entry sourced and dated, values in sane ranges, a few checked by
hand against their sources."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

import calculators  # noqa: F401  (loads every data module)
from calculators.data.accelerators import ACCELERATORS, accelerator
from calculators.data.models import MODELS, model
from calculators.data.providers import PROVIDER_MODELS, provider_model
from calculators.data.catalog_records import MTOK, ModelSpec
from conftest import ROOT

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
    for record in PROVIDER_MODELS.values():
        yield record
        yield from record.rate_limits


def test_required_entries_present():
    assert REQUIRED_MODELS <= set(MODELS)
    assert REQUIRED_ACCELERATORS <= set(ACCELERATORS)
    apple = [a for a in ACCELERATORS.values() if a.vendor == "Apple"]
    phones = [a for a in ACCELERATORS.values() if a.form_factor.startswith("phone")]
    assert len(apple) >= 2 and len(phones) >= 1


@pytest.mark.parametrize("record", list(all_records()),
                         ids=lambda r: getattr(r, "key", getattr(r, "tier", "")))
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


def test_provider_families_present():
    providers = {p.provider for p in PROVIDER_MODELS.values()}
    assert providers == {"Anthropic", "OpenAI", "Google", "DeepSeek"}
    names = " ".join(PROVIDER_MODELS)
    for family in ("opus", "sonnet", "haiku", "gpt-4o", "gpt-4.1", "gpt-5", "gpt-5-mini",
                   "gemini-2.5-pro", "gemini-2.5-flash", "deepseek"):
        assert family in names, family


@pytest.mark.parametrize("pm", list(PROVIDER_MODELS.values()), ids=lambda p: p.key)
def test_provider_values_sane(pm):
    assert 0.01 / MTOK <= pm.input_usd_per_token <= 100 / MTOK
    assert pm.input_usd_per_token <= pm.output_usd_per_token <= 20 * pm.input_usd_per_token
    if pm.cache_read_usd_per_token is not None:
        assert pm.cache_read_usd_per_token < pm.input_usd_per_token
    if pm.cache_write_5m_usd_per_token is not None:
        assert pm.cache_write_5m_usd_per_token > pm.input_usd_per_token
        assert pm.cache_write_1h_usd_per_token >= pm.cache_write_5m_usd_per_token
    assert 32_000 <= pm.context_window_tokens <= 2_000_000
    assert all(t > 0 for t in pm.cache_ttls_seconds)
    for tier in pm.rate_limits:
        assert tier.rpm and (tier.tpm or (tier.itpm and tier.otpm))


def test_providers_hand_checked():
    # REFERENCES 1.5 / guide 4: Anthropic multipliers 1.25x, 2x, 0.1x on Sonnet 4.5 ($3)
    s = provider_model("claude-sonnet-4.5")
    assert s.input_usd_per_token * MTOK == pytest.approx(3.00)
    assert s.cache_write_5m_usd_per_token / s.input_usd_per_token == pytest.approx(1.25)
    assert s.cache_write_1h_usd_per_token / s.input_usd_per_token == pytest.approx(2.0)
    assert s.cache_read_usd_per_token / s.input_usd_per_token == pytest.approx(0.1)
    assert s.cache_min_tokens == 1024 and s.cache_breakpoints_max == 4
    assert provider_model("claude-haiku-4.5").cache_min_tokens == 4096
    tier1 = s.rate_limits[0]
    assert (tier1.tier, tier1.rpm, tier1.itpm, tier1.otpm) == ("tier 1", 50, 30_000, 8_000)
    # guide 4 worked example 1: 100,000 cached + 50 fresh, 10 requests -> $0.6465
    first = 100_000 * s.cache_write_5m_usd_per_token + 50 * s.input_usd_per_token
    rest = 9 * (100_000 * s.cache_read_usd_per_token + 50 * s.input_usd_per_token)
    assert first + rest == pytest.approx(0.6465)
    # guide 4 worked example 4: OpenAI GPT-4o, 2,006 prompt (1,920 cached), 300 out
    o = provider_model("gpt-4o")
    cost = 86 * o.input_usd_per_token + 1920 * o.cache_read_usd_per_token + 300 * o.output_usd_per_token
    assert cost == pytest.approx(0.005615)
    assert (o.cache_min_tokens, o.cache_increment_tokens, o.cache_write_5m_usd_per_token) == (
        1024, 128, None)
    assert provider_model("gpt-5").cache_read_usd_per_token / provider_model(
        "gpt-5").input_usd_per_token == pytest.approx(0.1)


def test_genai_prices_report_is_current():
    """The committed comparison with genai-prices matches a fresh run (see the script)."""
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location(
        "genai_prices_report", ROOT / "scripts" / "genai_prices_report.py")
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)
    committed = json.loads(report.REPORT_PATH.read_text(encoding="utf-8"))
    assert report.render() == report.REPORT_PATH.read_text(encoding="utf-8"), (
        "run: uv run python scripts/genai_prices_report.py")
    keys = {row["key"] for row in committed["rows"]}
    assert keys == set(PROVIDER_MODELS)
    # every price genai-prices knows for Anthropic agrees with the cited doc
    assert all(row["agree"] for row in committed["rows"]
               if row["key"].startswith("claude") and row["quantity"].endswith("per_token"))


PAGES = {"reference/models": MODELS, "reference/accelerators": ACCELERATORS,
         "reference/providers": PROVIDER_MODELS}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_reference_pages_list_every_entry_with_source_and_date(site_dir, page):
    """The strict build (conftest) renders every catalog entry, its source link and date."""
    import html as htmllib

    text = htmllib.unescape((site_dir / page / "index.html").read_text(encoding="utf-8"))
    for key, record in PAGES[page].items():
        assert record.name in text, key
        assert f'href="{record.source_url}"' in text, key
        assert f'datetime="{record.as_of.isoformat()}"' in text, key
        if hasattr(record, "key"):
            assert f"<code>{key}</code>" in text, key
    for record in PAGES[page].values():
        for tier in getattr(record, "rate_limits", ()):
            assert f'href="{tier.source_url}"' in text


def test_providers_page_shows_the_genai_prices_comparison(site_dir):
    text = (site_dir / "reference/providers/index.html").read_text(encoding="utf-8")
    assert "genai-prices 0.2.3" in text and "values agree" in text
