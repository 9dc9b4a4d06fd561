"""Inputs the hop calculators of guides 12 and 13 share: the provider model that answers (its
form field, its check, its prices for the JavaScript twin), the answer's length and the
defaults taken from sourced constants and guide 1's calculator.

One place for each, so the RAG context calculator (:mod:`calculators.rag_context`), the RAG hop
budget (:mod:`calculators.rag`) and the tool rounds (:mod:`calculators.tool_rounds`) accept,
reject and price a model the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from calculators.data import constant
from calculators.data.providers import provider_model
from calculators.fields import Field

__all__ = ["answer_tokens_field", "check_model", "constant_ms", "model_field", "model_prices",
           "tpot_default_ms"]


def constant_ms(key: str) -> float:
    """A sourced constant in seconds, as a millisecond field default."""
    return round(constant(key).value * 1000, 6)


def tpot_default_ms() -> float:
    """Guide 1's default time per output token [ms], so the guides start from one figure."""
    from calculators.registry import get

    return float(get("latency_budget").field("tpot").default)


def answer_tokens_field(key: str = "answer_tokens", name: str = "answer_tokens") -> Field:
    """The answer's length in tokens (default 300, as in guide 1)."""
    return Field(key, name, "Answer length", "tokens", 300, 1, 200_000, 1, integer=True)


def model_field(models: Sequence[str], label: str = "Model") -> Field:
    """A choice among ``models`` (provider catalog keys), named as the catalog names them."""
    return Field("model", "model", label, "choice", models[0],
                 choices=tuple((key, provider_model(key).name) for key in models))


def check_model(model: str, models: Sequence[str]) -> None:
    """Refuse a model the calculator does not offer, naming the ones it does."""
    if model not in models:
        raise ValueError(f"Model must be one of: {', '.join(models)}; got {model!r}.")


def model_prices(model: str, *, cache: bool = False) -> dict[str, float]:
    """A model's input and output prices per token [USD], for the function and its twin; with
    ``cache``, also the cache read and 5-minute write prices and the minimum cacheable length
    [tokens]."""
    record = provider_model(model)
    prices = {"input": record.input_usd_per_token, "output": record.output_usd_per_token}
    if cache:
        prices.update(read=record.cache_read_usd_per_token,
                      write=record.cache_write_5m_usd_per_token,
                      min_tokens=float(record.cache_min_tokens))
    return prices
