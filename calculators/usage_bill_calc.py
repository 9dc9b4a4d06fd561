"""The bill-from-usage calculator: a pasted ``usage`` object and a provider model in, the
charge line by line out (formulas in :mod:`calculators.usage_bill`).

Prices come from the provider catalog; this module adds the models whose prices live in
:mod:`calculators.data.caching` (OpenAI's launch-day GPT-4o prices that its documented usage
example uses, DeepSeek chat).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from calculators.data import constant
from calculators.fields import Field, require_range
from calculators.registry import Calculator, Output, register
from calculators.usage_bill import Bill, BillPrices, bill_usage, parse_usage

__all__ = ["PRICES", "UsageBill", "price_table", "usage_bill"]


def _v(key: str) -> float:
    return constant(key).value


def own_prices() -> tuple[BillPrices, ...]:
    """Models priced by this project's own records (the catalog lacks them)."""
    return (
        BillPrices("gpt-4o-2024-10", "GPT-4o (prices at the 2024-10-01 caching launch)",
                   "openai", _v("openai_gpt4o_launch_input_usd_per_token"),
                   _v("openai_gpt4o_launch_output_usd_per_token"),
                   _v("openai_gpt4o_launch_cached_usd_per_token"), None, None,
                   _v("openai_batch_discount_ratio")),
        BillPrices("deepseek-chat", "DeepSeek chat (V3)", "deepseek",
                   _v("deepseek_chat_input_miss_usd_per_token"),
                   _v("deepseek_chat_output_usd_per_token"),
                   _v("deepseek_chat_input_hit_usd_per_token"), None, None, None),
    )


OWN_CONSTANTS = (
    "openai_gpt4o_launch_input_usd_per_token", "openai_gpt4o_launch_output_usd_per_token",
    "openai_gpt4o_launch_cached_usd_per_token", "openai_batch_discount_ratio",
    "deepseek_chat_input_miss_usd_per_token", "deepseek_chat_output_usd_per_token",
    "deepseek_chat_input_hit_usd_per_token",
)


def price_table() -> dict[str, BillPrices]:
    return {p.key: p for p in own_prices()}


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
        raise ValueError(f"Provider model (model) {model!r} has no price in the catalog.")
    if batch not in ("no", "yes"):
        raise ValueError(f"Batch API (batch) must be one of: no, yes; got '{batch}'.")
    bill = bill_usage(parse_usage(usage_json), PRICES[model], batch == "yes")
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
DEEPSEEK_EXAMPLE = ('{"prompt_tokens": 10000, "completion_tokens": 500, "total_tokens": 10500, '
                    '"prompt_cache_hit_tokens": 8000, "prompt_cache_miss_tokens": 2000}')


def fields() -> tuple[Field, ...]:
    return (
        Field("model", "model", "Provider model", "choice", "gpt-4o-2024-10",
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
    Calculator(
        name="usage_bill",
        title="Bill from usage",
        summary="The charge of one request, line by line, from the usage object the API returned.",
        module="usage_bill",
        function=usage_bill,
        fields=fields(),
        outputs=(
            Output("uncached_input_usd", "Input, uncached", "usd"),
            Output("cache_write_5m_usd", "Cache writes, 5 minutes", "usd"),
            Output("cache_write_1h_usd", "Cache writes, 1 hour", "usd"),
            Output("cache_read_usd", "Cache reads", "usd"),
            Output("output_usd", "Output (reasoning included)", "usd"),
            Output("total_usd", "Total for one request", "usd"),
            Output("requests_total_usd", "Total for all requests", "usd"),
            Output("mistake_error_usd", "Error of the common mistake", "usd"),
        ),
        constants=OWN_CONSTANTS,
        data=spec_data,
        scenarios={
            "OpenAI Responses API with reasoning": {"usage": RESPONSES_EXAMPLE},
            "DeepSeek cache hit and miss": {"model": "deepseek-chat", "usage": DEEPSEEK_EXAMPLE},
            "OpenAI batch": {"batch": "yes"},
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
            "bad: zero requests": {"requests": 0},
        },
    )
)
