"""Tables, curves and published checks for the prompt-caching guide (guide 4).

Everything a page prints beyond the calculator itself: the break-even table from Anthropic's
multipliers, the hit-probability curve (Poisson arrivals, TTL refreshed on a hit), the
provider-rules table from the catalog, the invalidation order, ITPM leverage, OpenAI's key
split, Anthropic's lookback, mixed-TTL billing and Gemini's explicit-cache storage, plus the
published worked examples replayed as reference checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators import caching as cm
from calculators.caching_calc import COMPARED, OPENAI_GPT4O, preset_values
from calculators.collect import Ints, Texts, table
from calculators.data import constant
from calculators.data.providers import provider_model
from calculators.registry import (
    ReferenceCheck, reference_check, register_check, register_table, run,
)

__all__ = ["BreakEvenRow", "HitCurve", "ProviderRules", "break_even_table", "hit_curve",
           "provider_rules"]

MULTIPLES = ("anthropic_cache_write_5m_input_multiple", "anthropic_cache_write_1h_input_multiple",
             "anthropic_cache_read_input_multiple")
TTLS = ("anthropic_cache_ttl_5m_seconds", "anthropic_cache_ttl_1h_seconds")


@dataclass(frozen=True)
class BreakEvenRow:
    """Cost of a cached prefix used ``num_uses`` times in one TTL, per TTL, relative to
    sending it uncached each time [multiple of the uncached cost]."""

    num_uses: int
    relative_5m: float
    relative_1h: float
    constants: Texts = MULTIPLES


def break_even_table(uses: Ints = (1, 2, 3, 5, 10, 100)) -> tuple[BreakEvenRow, ...]:
    """Prefix cost relative to uncached for N uses in one TTL (REFERENCES guide 4 (c) 3)."""
    w5, w1, r = (constant(k).value for k in MULTIPLES)
    return tuple(BreakEvenRow(n, cm.relative_prefix_cost(w5, r, n),
                              cm.relative_prefix_cost(w1, r, n)) for n in uses)


@dataclass(frozen=True)
class BreakEvenSummary:
    """Fewest uses within one TTL that repay the cache write, per TTL [requests]."""

    uses_5m: int
    uses_1h: int
    constants: Texts = MULTIPLES


def break_even_summary() -> BreakEvenSummary:
    w5, w1, r = (constant(k).value for k in MULTIPLES)
    return BreakEvenSummary(cm.break_even_uses(w5, r), cm.break_even_uses(w1, r))


@dataclass(frozen=True)
class HitCurve:
    series: tuple[tuple[str, tuple[tuple[float, float], ...]], ...]
    constants: Texts = TTLS


INTERVALS_SECONDS = (30, 60, 120, 180, 300, 450, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200)


def hit_curve() -> HitCurve:
    """P(hit) against the mean gap between requests, one series per TTL (DERIVED model)."""
    out = []
    for key, label in zip(TTLS, ("5-minute cache", "1-hour cache")):
        ttl = constant(key).value
        out.append((label, tuple((t, cm.hit_probability(t, ttl)) for t in INTERVALS_SECONDS)))
    return HitCurve(tuple(out))


@dataclass(frozen=True)
class ProviderRules:
    key: str
    name: str
    provider: str
    min_tokens: int
    increment_tokens: int
    write_5m_multiple: float
    read_multiple: float
    break_even_5m: int
    breakpoints: str
    ttls: str
    source_url: str
    constants: Texts = ()


def _ttl_text(seconds: Ints) -> str:
    names = {300: "5 min", 3600: "1 h", 86400: "24 h"}
    return ", ".join(names.get(s, f"{s} s") for s in seconds) or "not stated"


@table
def provider_rules() -> Iterator[ProviderRules]:
    """The caching rules of each compared catalog model, as the calculator uses them."""
    for key in COMPARED:
        m, p = provider_model(key), preset_values(key)
        w = round(p["write_5m_price"] / p["input_price"], 9)
        r = round(p["read_price"] / p["input_price"], 9)
        yield ProviderRules(
            key, m.name, m.provider, int(p["min_tokens"]), int(p["increment_tokens"]), w, r,
            cm.break_even_uses(w, r),
            "automatic" if m.cache_breakpoints_max is None else f"up to {m.cache_breakpoints_max}",
            _ttl_text(m.cache_ttls_seconds), m.source_url)


@dataclass(frozen=True)
class CachingFacts:
    """Single figures the guide prints (each from a sourced rule)."""

    itpm_tokens_per_minute: float
    itpm_read_share_ratio: float
    effective_tokens_per_minute: float
    openai_overflow_rpm: float
    openai_example_rpm: float
    openai_keys_needed: int
    lookback_blocks: float
    lookback_example_blocks: int
    lookback_breakpoints_needed: int
    max_breakpoints: int
    mixed_reads: int
    mixed_write_1h: int
    mixed_write_5m: int
    gemini_storage_usd_per_token_hour: float
    gemini_storage_tokens: int
    gemini_storage_hours: float
    gemini_storage_usd: float
    gemini_read_usd: float
    gemini_reads_per_hour_to_pay: float
    openai_extended_seconds: float
    openai_in_memory_max_seconds: float
    constants: Texts = (
        "anthropic_itpm_example_tokens_per_minute", "openai_cache_overflow_requests_per_minute",
        "anthropic_cache_lookback_blocks", "gemini_25_pro_storage_usd_per_mtok_hour",
        "openai_cache_extended_retention_seconds", "openai_cache_max_in_memory_seconds")


def caching_facts() -> CachingFacts:
    itpm = constant("anthropic_itpm_example_tokens_per_minute").value
    overflow = constant("openai_cache_overflow_requests_per_minute").value
    lookback = constant("anthropic_cache_lookback_blocks").value
    storage = constant("gemini_25_pro_storage_usd_per_mtok_hour").value * 1e-6
    gem = provider_model("gemini-2.5-pro")
    split = cm.mixed_ttl_split(8000, 12000, 15000)
    tokens, hours = 100_000, 1.0
    saving_per_read = tokens * (gem.input_usd_per_token - gem.cache_read_usd_per_token)
    return CachingFacts(
        itpm_tokens_per_minute=itpm, itpm_read_share_ratio=0.8,
        effective_tokens_per_minute=cm.effective_input_tokens_per_minute(itpm, 0.8),
        openai_overflow_rpm=overflow, openai_example_rpm=100,
        openai_keys_needed=cm.openai_cache_keys_needed(100, overflow),
        lookback_blocks=lookback, lookback_example_blocks=50,
        lookback_breakpoints_needed=cm.lookback_breakpoints_needed(50, int(lookback)),
        max_breakpoints=provider_model("claude-sonnet-4.5").cache_breakpoints_max or 0,
        mixed_reads=split.read_tokens, mixed_write_1h=split.write_1h_tokens,
        mixed_write_5m=split.write_5m_tokens,
        gemini_storage_usd_per_token_hour=storage, gemini_storage_tokens=tokens,
        gemini_storage_hours=hours, gemini_storage_usd=tokens * hours * storage,
        gemini_read_usd=tokens * gem.cache_read_usd_per_token,
        gemini_reads_per_hour_to_pay=tokens * storage / saving_per_read,
        openai_extended_seconds=constant("openai_cache_extended_retention_seconds").value,
        openai_in_memory_max_seconds=constant("openai_cache_max_in_memory_seconds").value,
    )


# --- Published worked examples, replayed (REFERENCES guide 4 (c) and 15.5) ---

def _sonnet_document() -> ReferenceCheck:
    r = run("prompt_cache")
    return reference_check(
        "anthropic_document", "Anthropic, Sonnet 4.5: a 100,000-token document and a 50-token "
        "question, ten requests in one TTL (input cost)", r.window_input_cached_usd, 0.6465,
        "USD", TTLS)


def _openai_usage() -> ReferenceCheck:
    r = run("usage_bill")
    return reference_check(
        "openai_usage", "OpenAI documented usage (2,006 prompt, 1,920 cached, 300 output) at "
        "GPT-4o launch prices", r.total_usd, 0.005615, "USD", ())


def _itpm() -> ReferenceCheck:
    f = caching_facts()
    return reference_check("anthropic_itpm", "Anthropic: 2,000,000 ITPM with an 80% read share",
                           round(f.effective_tokens_per_minute), 10_000_000, "tokens/min",
                           CachingFacts.constants)


register_check("anthropic_document", _sonnet_document)
register_check("openai_usage", _openai_usage)
register_check("anthropic_itpm", _itpm)
register_table("break_even_table", break_even_table)
register_table("break_even_summary", break_even_summary)
register_table("hit_curve", hit_curve)
register_table("provider_rules", provider_rules)
register_table("caching_facts", caching_facts)


@dataclass(frozen=True)
class Invalidation:
    change: str
    kept: str
    invalidated: str
    constants: Texts = ()


def invalidation_table() -> tuple[Invalidation, ...]:
    return tuple(Invalidation(*row) for row in cm.INVALIDATION)


register_table("invalidation_table", invalidation_table)
register_table("provider_model", provider_model)


def openai_example() -> object:
    """OpenAI's documented usage shape (2,006-token prompt) run through the cache model."""
    return run("prompt_cache", OPENAI_GPT4O)


register_table("openai_example", openai_example)
