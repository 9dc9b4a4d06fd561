"""Prompt-caching rules and the prices the provider catalog does not carry (guides 4 and 6).

Per-model prices, minimum cacheable lengths and TTLs live in the provider catalog
(``calculators/data/providers.py``, branch ``catalogs``). This module holds the provider-wide
rules (multipliers, TTLs, lookback, OpenAI's overflow and retention figures, ITPM relief), the
Gemini 2.5 Pro prices the catalog does not list (long-context cached input, explicit-cache
storage per token-hour) and the incumbent guide's claims this site checks.
"""

from __future__ import annotations

from datetime import date

from calculators.data.records import READ_NOTE, READ_ON, Constant, register

ANTHROPIC_CACHING_URL = "https://platform.claude.com/docs/en/build-with-claude/prompt-caching"
ANTHROPIC_CACHING_TITLE = "Anthropic: Prompt caching"
ANTHROPIC_COPY = "Copy listing Opus 4.6 (about February 2026). "
ANTHROPIC_LIMITS_URL = "https://platform.claude.com/docs/en/api/rate-limits"
ANTHROPIC_BATCH_URL = "https://platform.claude.com/docs/en/build-with-claude/batch-processing"
OPENAI_GUIDE_URL = "https://platform.openai.com/docs/guides/prompt-caching"
OPENAI_GUIDE_TITLE = "OpenAI: Prompt caching guide"
OPENAI_GUIDE_COPY = "Copy listing gpt-5.2 (about December 2025). "
OPENAI_LAUNCH_URL = "https://openai.com/index/api-prompt-caching/"
OPENAI_LAUNCH_TITLE = "OpenAI: Prompt Caching in the API"
OPENAI_LAUNCH_DATE = date(2024, 10, 1)
GEMINI_PRICING_URL = "https://ai.google.dev/gemini-api/docs/pricing"
GEMINI_PRICING_TITLE = "Google: Gemini Developer API pricing (Gemini 2.5 Pro)"
GEMINI_NOTE = (
    "Secondary: the pricing page as quoted in Google AI developer forum threads on context "
    "cache pricing; standard tier. " + READ_NOTE
)
GEMINI_CACHING_URL = "https://ai.google.dev/gemini-api/docs/caching"
DEEPSEEK_URL = "https://api-docs.deepseek.com/quick_start/pricing-details-usd"
DEEPSEEK_NOTE = "deepseek-chat (DeepSeek-V3), standard hours, early-2025 copy. " + READ_NOTE


def _c(key: str, value: float, unit: str, label: str, url: str, title: str, as_of: date,
       note: str, status: str = "VERIFIED") -> Constant:
    return Constant(key=key, value=value, unit=unit, label=label, source_url=url,
                    source_title=title, as_of=as_of, note=note, status=status)


_A = (ANTHROPIC_CACHING_URL, ANTHROPIC_CACHING_TITLE, READ_ON)
_O = (OPENAI_GUIDE_URL, OPENAI_GUIDE_TITLE, READ_ON)
_L = (OPENAI_LAUNCH_URL, OPENAI_LAUNCH_TITLE, OPENAI_LAUNCH_DATE)
_G = (GEMINI_PRICING_URL, GEMINI_PRICING_TITLE, READ_ON)
_D = (DEEPSEEK_URL, "DeepSeek API: Models & Pricing (USD)", READ_ON)

register(
    _c("anthropic_cache_write_5m_input_multiple", 1.25, "times the input price",
       "Anthropic 5-minute cache write price", *_A,
       ANTHROPIC_COPY + "Stacks with batch, long-context and data-residency multipliers. "
       + READ_NOTE),
    _c("anthropic_cache_write_1h_input_multiple", 2.0, "times the input price",
       "Anthropic 1-hour cache write price", *_A, ANTHROPIC_COPY + READ_NOTE),
    _c("anthropic_cache_read_input_multiple", 0.1, "times the input price",
       "Anthropic cache read (hit or refresh) price", *_A,
       ANTHROPIC_COPY + "Later copies list lower read multiples for some 2026 models. "
       + READ_NOTE),
    _c("anthropic_cache_ttl_5m_seconds", 300, "seconds", "Anthropic default cache lifetime",
       *_A, ANTHROPIC_COPY + "Refreshed at no cost each time the entry is read. " + READ_NOTE),
    _c("anthropic_cache_ttl_1h_seconds", 3600, "seconds", "Anthropic extended cache lifetime",
       *_A, ANTHROPIC_COPY + "Written at the 1-hour price. " + READ_NOTE),
    _c("anthropic_cache_lookback_blocks", 20, "content blocks",
       "Anthropic lookback for an earlier cache hit, per breakpoint", *_A,
       ANTHROPIC_COPY + READ_NOTE),
    _c("anthropic_itpm_example_tokens_per_minute", 2_000_000, "tokens per minute",
       "Anthropic example input-tokens-per-minute limit", ANTHROPIC_LIMITS_URL,
       "Anthropic: Rate limits", READ_ON,
       "Doc example with an 80% cache-read share; reads excluded from ITPM on most models. "
       + READ_NOTE),
    _c("openai_cache_overflow_requests_per_minute", 15, "requests per minute",
       "OpenAI rate per prefix and prompt_cache_key above which requests may overflow", *_O,
       OPENAI_GUIDE_COPY + "Overflowing requests land on other machines and miss. "
       + READ_NOTE),
    _c("openai_cache_max_in_memory_seconds", 3600, "seconds",
       "OpenAI in-memory retention, longest", *_O,
       OPENAI_GUIDE_COPY + "5 to 10 minutes of inactivity, at most an hour. " + READ_NOTE),
    _c("openai_cache_extended_retention_seconds", 86400, "seconds",
       "OpenAI extended retention (prompt_cache_retention 24h)", *_O,
       OPENAI_GUIDE_COPY + "gpt-5.x, gpt-5 and gpt-4.1 only. " + READ_NOTE),
    _c("gemini_25_pro_cached_long_usd_per_mtok", 0.25, "usd per million tokens",
       "Gemini 2.5 Pro cached input price, longer prompts", *_G, GEMINI_NOTE, "SECONDARY"),
    _c("gemini_25_pro_storage_usd_per_mtok_hour", 4.5, "usd per million tokens per hour",
       "Gemini 2.5 Pro explicit cache storage", *_G, GEMINI_NOTE, "SECONDARY"),
)

INCUMBENT_URL = "https://sthq.pages.dev/guides/ai/llm-api-cost-optimization"
INCUMBENT_TITLE = "sthq.pages.dev: LLM API Cost Optimization (the incumbent guide)"
INCUMBENT_NOTE = "A claim printed without a derivation, checked on this site. " + READ_NOTE
register(
    _c("incumbent_overpay_low_multiple", 5, "times", "Incumbent claim: teams overpay by at least",
       INCUMBENT_URL, INCUMBENT_TITLE, READ_ON, INCUMBENT_NOTE),
    _c("incumbent_overpay_high_multiple", 10, "times", "Incumbent claim: teams overpay by at most",
       INCUMBENT_URL, INCUMBENT_TITLE, READ_ON, INCUMBENT_NOTE),
    _c("incumbent_top_three_low_multiple", 20, "times",
       "Incumbent claim: stacking the top three levers saves at least", INCUMBENT_URL,
       INCUMBENT_TITLE, READ_ON, INCUMBENT_NOTE),
    _c("incumbent_top_three_high_multiple", 50, "times",
       "Incumbent claim: stacking the top three levers saves at most", INCUMBENT_URL,
       INCUMBENT_TITLE, READ_ON, INCUMBENT_NOTE),
    _c("llm_numbers_concise_saving_ratio", 0.4, "ratio",
       "Output saved by asking for concise answers (low end)",
       "https://github.com/ray-project/llm-numbers",
       "ray-project/llm-numbers: Numbers every LLM developer should know", date(2023, 5, 17),
       "Historical (OpenAI models of May 2023); the source gives 40-90%."),
)
