"""Hosted models: list prices (USD per token), cache rules, context limits and rate-limit tiers.

Prices are typed as the providers print them, per million tokens (``input_usd_per_mtok =
3.0`` in ``providers.toml``; the loader divides by ``MTOK``), so a reader can compare a line
with its source. Each record carries the date its source states or, where the page states
none, the day it was read (said in ``note``): prices drift, and ``scripts/freshness.py`` lists
these records with their age.

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

The records are in ``providers.toml`` beside this module.
"""

from __future__ import annotations

from calculators.data.catalog_records import ProviderModel, catalog, lookup
from calculators.data.loader import load

__all__ = ["PROVIDER_MODELS", "provider_model"]

PROVIDER_MODELS: dict[str, ProviderModel] = catalog("provider model", load("providers")["provider_model"])


def provider_model(key: str) -> ProviderModel:
    """The provider-model record for ``key`` (KeyError listing the known keys)."""
    return lookup("provider model", PROVIDER_MODELS, key)
