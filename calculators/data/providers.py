"""Hosted models: list prices (USD per token), cache rules, context limits and rate-limit tiers.

Prices are typed as the providers print them, per million tokens (``3.00 / MTOK``), so a
reader can compare a line with its source. Each record carries the date its source states or,
where the page states none, the day it was read (said in ``note``): prices drift, and
``scripts/freshness.py`` lists these records with their age.

Why the prices are typed here and not taken from ``genai-prices``: that package (pinned in the
dev group, 0.2.3) is a maintained table, but (1) it would put pydantic and an HTTP client into
the site build, (2) its rows carry one "checked" note per provider, not the page and date a
reader can open for each figure, which the sources tables must show, and (3) several of its
rows describe a newer price than the provider page we cite, or a different product tier
(conditional prices by time of day, subscriptions), so a silent swap would change figures
without a source. Instead ``scripts/genai_prices_report.py`` compares every record here with
genai-prices and commits the differences (``calculators/data/genai_prices_report.json``); the
providers reference page shows that table and the test suite fails when it goes stale.

Rate-limit tiers are recorded only where a provider's own page states them (Anthropic's
rate-limits page). OpenAI shows per-model limits only in its console; Google and DeepSeek
publish none we could read, so those records have no tiers.
"""

from __future__ import annotations

from datetime import date

from calculators.data.catalog_records import MTOK, ProviderModel, RateLimitTier, catalog, lookup
from calculators.data.records import READ_NOTE, READ_ON

__all__ = ["PROVIDER_MODELS", "provider_model"]

MINUTES_5 = 5 * 60
HOUR_1 = 60 * 60
HOURS_24 = 24 * 60 * 60

_A_CACHE = "https://platform.claude.com/docs/en/build-with-claude/prompt-caching"
_A_CACHE_TITLE = "Anthropic: Prompt caching (pricing and minimum cacheable length)"
_A_CACHE_NOTE = (
    READ_NOTE + " The archived copy lists Opus 4.6, so it dates from about February 2026. "
    "Writes cost 1.25x input (5 min) or 2x (1 h), reads 0.1x; up to 4 cache_control "
    "breakpoints, 20-block lookback; multipliers stack with the 50% Batch API discount."
)
_A_LIMITS = "https://platform.claude.com/docs/en/api/rate-limits"
_A_LIMITS_TITLE = "Anthropic: Rate limits (standard tiers, Messages API)"
_A_LIMITS_NOTE = (
    READ_NOTE + " The copy lists Opus 4.5, Sonnet 4.5 and Haiku 4.5 (late 2025). Limits are "
    "per organization and model class; cache reads do not count toward ITPM."
)


def _anthropic_tiers(haiku: bool, status: str = "VERIFIED") -> tuple[RateLimitTier, ...]:
    """Anthropic's standard tiers 1-4 (RPM, ITPM, OTPM) for Sonnet/Opus 4.x or Haiku 4.5."""
    rows = (
        ("tier 1", 50, 50_000, 10_000) if haiku else ("tier 1", 50, 30_000, 8_000),
        ("tier 2", 1_000, 450_000, 90_000),
        ("tier 3", 2_000, 1_000_000, 200_000) if haiku else ("tier 3", 2_000, 800_000, 160_000),
        ("tier 4", 4_000, 4_000_000, 800_000) if haiku else ("tier 4", 4_000, 2_000_000, 400_000),
    )
    return tuple(
        RateLimitTier(tier=tier, rpm=rpm, itpm=itpm, otpm=otpm, tpm=None, rpd=None,
                      source_url=_A_LIMITS, source_title=_A_LIMITS_TITLE, as_of=READ_ON,
                      status=status, note=_A_LIMITS_NOTE)
        for tier, rpm, itpm, otpm in rows
    )


def _anthropic(key: str, model_id: str, name: str, usd_per_token: tuple[float, ...],
               min_tokens: int, context: int, max_output: int, haiku: bool, extra: str = "",
               **more: object) -> ProviderModel:
    """``usd_per_token``: input, 5-minute write, 1-hour write, cache read, output."""
    base, write_5m, write_1h, read, output = usd_per_token
    return ProviderModel(
        key=key, provider="Anthropic", model_id=model_id, name=name,
        input_usd_per_token=base, output_usd_per_token=output,
        cache_read_usd_per_token=read, cache_write_5m_usd_per_token=write_5m,
        cache_write_1h_usd_per_token=write_1h,
        batch_discount_ratio=0.5, cache_min_tokens=min_tokens, cache_increment_tokens=None,
        cache_ttls_seconds=(MINUTES_5, HOUR_1), cache_breakpoints_max=4,
        context_window_tokens=context, max_output_tokens=max_output,
        rate_limits=_anthropic_tiers(haiku, str(more.pop("limits_status", "VERIFIED"))),
        source_url=_A_CACHE, source_title=_A_CACHE_TITLE, as_of=READ_ON, status="VERIFIED",
        note=_A_CACHE_NOTE + extra, **more,  # type: ignore[arg-type]
    )


_O_CACHE = "https://openai.com/index/api-prompt-caching/"
_O_CACHE_TITLE = "OpenAI: Prompt Caching in the API"
_O_GUIDE_NOTE = (
    " Caching is automatic from 1,024 prompt tokens in 128-token steps (the 2024 "
    "announcement; the later guide no longer states the step); no write fee; in-memory "
    "entries live 5-10 minutes idle, at most an hour. Cached tokens still count toward TPM. "
    "Per-model rate limits appear only in the account console, so none are recorded."
)
_O_PRICING = "https://platform.openai.com/docs/pricing"
_O_PRICING_TITLE = "OpenAI API pricing"


def _openai(key: str, name: str, input_mtok: float, cached_mtok: float, output_mtok: float,
            context: int, max_output: int, ttls: tuple[int, ...], source_url: str,
            source_title: str, as_of: date, status: str, note: str) -> ProviderModel:
    return ProviderModel(
        key=key, provider="OpenAI", model_id=key, name=name,
        input_usd_per_token=input_mtok / MTOK, output_usd_per_token=output_mtok / MTOK,
        cache_read_usd_per_token=cached_mtok / MTOK, cache_write_5m_usd_per_token=None,
        cache_write_1h_usd_per_token=None, batch_discount_ratio=0.5, cache_min_tokens=1024,
        cache_increment_tokens=128, cache_ttls_seconds=ttls, cache_breakpoints_max=None,
        context_window_tokens=context, max_output_tokens=max_output,
        source_url=source_url, source_title=source_title, as_of=as_of, status=status,
        note=note + _O_GUIDE_NOTE,
    )


_G_PRICING = "https://ai.google.dev/gemini-api/docs/pricing"
_G_PRICING_TITLE = "Gemini Developer API pricing"
_G_NOTE = (
    READ_NOTE + " Read in copies (gemini-cost crate tables, genai-prices); the caching page "
    "(last updated 2026-05-07) gives implicit caching a 90% discount and the minimum cached "
    "prompt per model; later copies list 2,048 for both 2.5 models. Explicit caches live "
    "60 minutes by default and also bill storage per hour. Batch mode halves input and output."
)

PROVIDER_MODELS: dict[str, ProviderModel] = catalog("provider model", [
    _anthropic("claude-opus-4.6", "claude-opus-4-6", "Claude Opus 4.6",
               (5.00 / MTOK, 6.25 / MTOK, 10.00 / MTOK, 0.50 / MTOK, 25.00 / MTOK),
               min_tokens=4096, context=1_000_000, max_output=128_000, haiku=False,
               limits_status="SECONDARY",
               extra=" Context 1M and 128K output as genai-prices and 2026 model-overview "
                     "copies state (SECONDARY); its limits share the Opus 4.x pool."),
    _anthropic("claude-opus-4.5", "claude-opus-4-5", "Claude Opus 4.5",
               (5.00 / MTOK, 6.25 / MTOK, 10.00 / MTOK, 0.50 / MTOK, 25.00 / MTOK),
               min_tokens=4096, context=200_000, max_output=64_000, haiku=False),
    _anthropic("claude-sonnet-4.5", "claude-sonnet-4-5", "Claude Sonnet 4.5",
               (3.00 / MTOK, 3.75 / MTOK, 6.00 / MTOK, 0.30 / MTOK, 15.00 / MTOK),
               min_tokens=1024, context=200_000, max_output=64_000, haiku=False,
               extra=" 200K context and 64K output from the model page (2025-09-29 "
                     "release). Prompts over 200K tokens (1M beta, tier 4+) bill at the "
                     "long-context rates, as Anthropic's pricing page and genai-prices state.",
               long_context_threshold_tokens=200_000,
               long_context_input_usd_per_token=6.00 / MTOK,
               long_context_output_usd_per_token=22.50 / MTOK),
    _anthropic("claude-haiku-4.5", "claude-haiku-4-5", "Claude Haiku 4.5",
               (1.00 / MTOK, 1.25 / MTOK, 2.00 / MTOK, 0.10 / MTOK, 5.00 / MTOK),
               min_tokens=4096, context=200_000, max_output=64_000, haiku=True),
    _openai("gpt-4o", "GPT-4o", 2.50, 1.25, 10.00, context=128_000, max_output=16_384,
            ttls=(MINUTES_5, HOUR_1), source_url=_O_CACHE, source_title=_O_CACHE_TITLE,
            as_of=date(2024, 10, 1), status="VERIFIED",
            note="Launch table: cached input at 50% off. Context and output limits from a "
                 "third-party table (SECONDARY)."),
    _openai("gpt-4o-mini", "GPT-4o mini", 0.15, 0.075, 0.60, context=128_000,
            max_output=16_384, ttls=(MINUTES_5, HOUR_1), source_url=_O_CACHE,
            source_title=_O_CACHE_TITLE, as_of=date(2024, 10, 1), status="VERIFIED",
            note="Launch table: cached input at 50% off."),
    _openai("gpt-4.1", "GPT-4.1", 2.00, 0.50, 8.00, context=1_047_576, max_output=32_768,
            ttls=(MINUTES_5, HOUR_1, HOURS_24), source_url=_O_PRICING,
            source_title=_O_PRICING_TITLE, as_of=READ_ON, status="SECONDARY",
            note=READ_NOTE + " Cached input at 75% off, read in third-party copies (Vercel "
                 "model page); 1,047,576-token context and 32,768 output from Simon "
                 "Willison's 2025-04-14 notes. 24 h extended retention is offered."),
    _openai("gpt-4.1-mini", "GPT-4.1 mini", 0.40, 0.10, 1.60, context=1_047_576,
            max_output=32_768, ttls=(MINUTES_5, HOUR_1, HOURS_24), source_url=_O_PRICING,
            source_title=_O_PRICING_TITLE, as_of=READ_ON, status="SECONDARY",
            note=READ_NOTE + " Prices as genai-prices 0.2.3 records them (cached at 75% "
                 "off, like GPT-4.1); limits as GPT-4.1's family page."),
    _openai("gpt-5", "GPT-5", 1.25, 0.125, 10.00, context=400_000, max_output=128_000,
            ttls=(MINUTES_5, HOUR_1, HOURS_24), source_url=_O_PRICING,
            source_title=_O_PRICING_TITLE, as_of=READ_ON, status="SECONDARY",
            note=READ_NOTE + " Cached input at 90% off, read in third-party copies of the "
                 "pricing page; 400K context and 128K output from the same copies."),
    _openai("gpt-5-mini", "GPT-5 mini", 0.25, 0.025, 2.00, context=400_000,
            max_output=128_000, ttls=(MINUTES_5, HOUR_1, HOURS_24), source_url=_O_PRICING,
            source_title=_O_PRICING_TITLE, as_of=READ_ON, status="SECONDARY",
            note=READ_NOTE + " Prices as genai-prices 0.2.3 records them (cached at 90% off); "
                 "limits as the GPT-5 family."),
    ProviderModel(
        key="gemini-2.5-pro", provider="Google", model_id="gemini-2.5-pro",
        name="Gemini 2.5 Pro", input_usd_per_token=1.25 / MTOK,
        output_usd_per_token=10.00 / MTOK, cache_read_usd_per_token=0.125 / MTOK,
        cache_write_5m_usd_per_token=None, cache_write_1h_usd_per_token=None,
        batch_discount_ratio=0.5, cache_min_tokens=4096, cache_increment_tokens=None,
        cache_ttls_seconds=(HOUR_1,), cache_breakpoints_max=None,
        context_window_tokens=1_048_576, max_output_tokens=65_536,
        long_context_threshold_tokens=200_000,
        long_context_input_usd_per_token=2.50 / MTOK,
        long_context_output_usd_per_token=15.00 / MTOK,
        source_url=_G_PRICING, source_title=_G_PRICING_TITLE, as_of=READ_ON,
        status="SECONDARY",
        note=_G_NOTE + " Prompts over 200K tokens bill at the higher rates (cache reads "
                       "0.25 per MTok there).",
    ),
    ProviderModel(
        key="gemini-2.5-flash", provider="Google", model_id="gemini-2.5-flash",
        name="Gemini 2.5 Flash", input_usd_per_token=0.30 / MTOK,
        output_usd_per_token=2.50 / MTOK, cache_read_usd_per_token=0.03 / MTOK,
        cache_write_5m_usd_per_token=None, cache_write_1h_usd_per_token=None,
        batch_discount_ratio=0.5, cache_min_tokens=1024, cache_increment_tokens=None,
        cache_ttls_seconds=(HOUR_1,), cache_breakpoints_max=None,
        context_window_tokens=1_048_576, max_output_tokens=65_536,
        source_url=_G_PRICING, source_title=_G_PRICING_TITLE, as_of=READ_ON,
        status="SECONDARY", note=_G_NOTE + " Text, image and video input price.",
    ),
    ProviderModel(
        key="deepseek-chat", provider="DeepSeek", model_id="deepseek-chat",
        name="DeepSeek-V3 (deepseek-chat)", input_usd_per_token=0.27 / MTOK,
        output_usd_per_token=1.10 / MTOK, cache_read_usd_per_token=0.07 / MTOK,
        cache_write_5m_usd_per_token=None, cache_write_1h_usd_per_token=None,
        batch_discount_ratio=None, cache_min_tokens=64, cache_increment_tokens=64,
        cache_ttls_seconds=(), cache_breakpoints_max=None,
        context_window_tokens=64_000, max_output_tokens=8_000,
        source_url="https://api-docs.deepseek.com/quick_start/pricing",
        source_title="DeepSeek API Docs: Models & Pricing", as_of=date(2025, 2, 8),
        status="VERIFIED",
        note="The standard rates that applied after the launch discount ended on 2025-02-08 "
             "(cache miss 0.27, hit 0.07, output 1.10 per MTok; 64K context, 8K output). "
             "Caching is automatic on disk in 64-token units; entries are cleared after "
             "hours to days, with no stated TTL. No batch discount. genai-prices 0.2.3 has "
             "the same rates at midday UTC and half of them in DeepSeek's off-peak hours, "
             "which this record does not model.",
    ),
])


def provider_model(key: str) -> ProviderModel:
    """The provider-model record for ``key`` (KeyError listing the known keys)."""
    return lookup("provider model", PROVIDER_MODELS, key)
