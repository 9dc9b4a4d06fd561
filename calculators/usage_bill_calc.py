"""The bill-from-usage calculator: a pasted ``usage`` object and a provider model in, the
charge line by line out (formulas in :mod:`calculators.usage_bill`).

Prices come from the provider catalog (``calculators/data/providers.toml``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from calculators.data.providers import PROVIDER_MODELS
from calculators.data.catalog_records import ProviderModel
from calculators.fields import Field, InputError, require_range
from calculators.registry import register
from calculators.spec_files import declared
from calculators.usage_bill import Bill, BillPrices, bill_usage, parse_usage

__all__ = ["PRICES", "UsageBill", "price_table", "usage_bill"]


#: Catalog provider name -> the usage format this calculator reads (Google's usageMetadata
#: is not read yet, so Gemini models are not offered).
FORMATS = {"Anthropic": "anthropic", "OpenAI": "openai", "DeepSeek": "deepseek"}


def bill_prices(record: ProviderModel) -> BillPrices:
    """A catalog record as the bill's price list (long-context prices as multiples)."""
    long_in = long_out = 1.0
    if record.long_context_threshold_tokens is not None:
        long_in = record.long_context_input_usd_per_token / record.input_usd_per_token
        long_out = record.long_context_output_usd_per_token / record.output_usd_per_token
    return BillPrices(
        record.key, record.name, FORMATS[record.provider], record.input_usd_per_token,
        record.output_usd_per_token, record.cache_read_usd_per_token,
        record.cache_write_5m_usd_per_token, record.cache_write_1h_usd_per_token,
        record.batch_discount_ratio, record.long_context_threshold_tokens, long_in, long_out)


def price_table() -> dict[str, BillPrices]:
    """Every catalog model whose usage format the calculator reads."""
    return {k: bill_prices(r) for k, r in PROVIDER_MODELS.items() if r.provider in FORMATS}


PRICES = price_table()


@dataclass(frozen=True)
class UsageBill(Bill):
    model: str
    num_requests: int
    requests_total_usd: float
    mistake_error_usd: float


def usage_bill(*, model: str, num_requests: int, batch: str, usage_json: str) -> UsageBill:
    """Charge of one request from its pasted usage, and of ``num_requests`` like it [USD]."""
    require_range("num_requests", num_requests, 1, 1e9, "requests")
    if model not in PRICES:
        raise InputError(f"Provider model '{model}' has no price in the catalog.", ("model",))
    if batch not in ("no", "yes"):
        raise InputError(f"Batch API must be one of: no, yes; got '{batch}'.", ("batch",))
    try:
        bill = bill_usage(parse_usage(usage_json), PRICES[model], batch == "yes")
    except InputError:
        raise
    except ValueError as error:  # every usage problem marks the usage field
        raise InputError(str(error), ("usage_json",)) from None
    return UsageBill(**{f.name: getattr(bill, f.name) for f in dataclasses.fields(Bill)},
                     model=model, num_requests=num_requests,
                     requests_total_usd=bill.total_usd * num_requests,
                     mistake_error_usd=bill.common_mistake_usd - bill.total_usd)


OPENAI_EXAMPLE = ('{"prompt_tokens": 2006, "completion_tokens": 300, "total_tokens": 2306,\n'
                  ' "prompt_tokens_details": {"cached_tokens": 1920},\n'
                  ' "completion_tokens_details": {"reasoning_tokens": 0}}')
RESPONSES_EXAMPLE = ('{"input_tokens": 2006, "input_tokens_details": {"cached_tokens": 1920}, '
                     '"output_tokens": 300, "output_tokens_details": {"reasoning_tokens": 120}, '
                     '"total_tokens": 2306}')
ANTHROPIC_MIXED = ('{"input_tokens": 50, "cache_creation_input_tokens": 3000, '
                   '"cache_read_input_tokens": 100000, "cache_creation": '
                   '{"ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000}, '
                   '"output_tokens": 500}')
ANTHROPIC_DOC = ('{"cache_creation_input_tokens": 0, "cache_read_input_tokens": 100000, '
                 '"input_tokens": 50, "output_tokens": 503}')
ANTHROPIC_LONG = '{"input_tokens": 250000, "output_tokens": 1000}'
ANTHROPIC_BATCH = ('{"input_tokens": 50, "cache_read_input_tokens": 100000, '
                   '"cache_creation_input_tokens": 0, "output_tokens": 500, '
                   '"service_tier": "batch"}')
ANTHROPIC_INCONSISTENT = ('{"input_tokens": 50, "cache_creation_input_tokens": 248, '
                          '"cache_creation": {"ephemeral_5m_input_tokens": 456, '
                          '"ephemeral_1h_input_tokens": 100}, "output_tokens": 5}')
DEEPSEEK_EXAMPLE = ('{"prompt_tokens": 10000, "completion_tokens": 500, "total_tokens": 10500, '
                    '"prompt_cache_hit_tokens": 8000, "prompt_cache_miss_tokens": 2000}')


def fields() -> tuple[Field, ...]:
    return (
        Field("model", "model", "Provider model", "choice", "gpt-4o",
              choices=tuple((p.key, p.name) for p in PRICES.values())),
        Field("requests", "num_requests", "Requests like this one", "requests", 1, 1,
              1_000_000_000, 1, integer=True, help="Multiplies the charge of one request."),
        Field("batch", "batch", "Batch API", "choice", "no",
              choices=(("no", "No"), ("yes", "Yes (batch discount)"))),
        Field("usage", "usage_json", "Usage JSON", "JSON",
              OPENAI_EXAMPLE, 0, 20_000, multiline=True,
              help="The usage object (or the whole response) from Anthropic or OpenAI."),
    )


def spec_data() -> dict[str, Any]:
    return {"prices": {k: p.plain() for k, p in PRICES.items()}}


register(
    declared("usage_bill", usage_bill, fields(),
        data=spec_data,
        scenarios={
            "OpenAI Responses API with reasoning": {"usage": RESPONSES_EXAMPLE},
            "DeepSeek cache hit and miss": {"model": "deepseek-chat", "usage": DEEPSEEK_EXAMPLE},
            "OpenAI batch": {"batch": "yes"},
            "Anthropic mixed 5-minute and 1-hour writes": {"model": "claude-sonnet-4.5",
                                                           "usage": ANTHROPIC_MIXED},
            "Anthropic documented read example": {"model": "claude-sonnet-4.5",
                                                  "usage": ANTHROPIC_DOC},
            "Anthropic long context": {"model": "claude-sonnet-4.5", "usage": ANTHROPIC_LONG},
            "Anthropic batch with cache reads": {"model": "claude-sonnet-4.5", "batch": "yes",
                                                 "usage": ANTHROPIC_BATCH},
        },
        cases={
            "a whole response pasted": {"usage": '{"id": "x", "usage": ' + OPENAI_EXAMPLE + "}"},
            "no cache details": {"usage": '{"prompt_tokens": 500, "completion_tokens": 20}'},
            "a million requests": {"requests": 1_000_000},
            "bad: malformed JSON": {"usage": '{"prompt_tokens": 2006,'},
            "bad: not an object": {"usage": "[1, 2]"},
            "bad: empty": {"usage": "  "},
            "bad: unknown field": {"usage": '{"prompt_tokens": 10, "completion_tokens": 1, '
                                            '"cache_creation_input_tokens": 5}'},
            "bad: negative count": {"usage": '{"prompt_tokens": -5, "completion_tokens": 1}'},
            "bad: fractional count": {"usage": '{"prompt_tokens": 1.5, "completion_tokens": 1}'},
            "bad: count as text": {"usage": '{"prompt_tokens": "12", "completion_tokens": 1}'},
            "bad: true as a count": {"usage": '{"prompt_tokens": true}'},
            "bad: NaN": {"usage": '{"prompt_tokens": NaN}'},
            "bad: cached above prompt": {"usage": '{"prompt_tokens": 100, "completion_tokens": 1, '
                                                  '"prompt_tokens_details": {"cached_tokens": 200}}'},
            "bad: reasoning above output": {"usage": RESPONSES_EXAMPLE.replace("120", "400")},
            "bad: total disagrees": {"usage": OPENAI_EXAMPLE.replace("2306", "2000")},
            "bad: audio tokens": {"usage": '{"prompt_tokens": 100, "completion_tokens": 1, '
                                           '"prompt_tokens_details": {"audio_tokens": 5}}'},
            "bad: details not an object": {"usage": '{"prompt_tokens": 100, '
                                                    '"prompt_tokens_details": 5}'},
            "bad: no cache-write price": {"model": "deepseek-chat", "batch": "yes"},
            "bad: unknown model": {"model": "gpt-9"},
            "bad: Anthropic inconsistent split": {"model": "claude-sonnet-4.5",
                                                  "usage": ANTHROPIC_INCONSISTENT},
            "bad: OpenAI usage on an Anthropic model": {"model": "claude-sonnet-4.5"},
            "bad: batch tier but batch off": {"model": "claude-sonnet-4.5",
                                              "usage": ANTHROPIC_BATCH},
            "bad: priority tier": {"model": "claude-sonnet-4.5",
                                   "usage": ANTHROPIC_DOC.replace("}", ', "service_tier": '
                                                                  '"priority"}')},
            "bad: Anthropic negative read": {"model": "claude-sonnet-4.5",
                                             "usage": '{"cache_read_input_tokens": -1}'},
            "bad: zero requests": {"requests": 0},
        },
    )
)
