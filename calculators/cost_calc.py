"""The cost-optimization calculator of guide 6: the reference workload, five stacked levers,
the total multiple, each lever's share, and a check of the incumbent's claims.

The top three levers (routing, caching, batch) at their ceiling (every request routed, every
prefix read from the cache, every request batched) give

    x_top3(S) = (U*a + S*a + O*b) / ((1 - d) * (U*a' + S*r' + O*b'))

with a, b the large model's input and output prices and a', r', b' the small model's input,
cache-read and output prices. The multiple grows with the prefix S towards a / ((1 - d)*r');
the prefix that reaches a claimed multiple X solves x_top3(S) = X:

    S_X = (X*(1 - d)*(U*a' + O*b') - (U*a + O*b)) / (a - X*(1 - d)*r')   (if a > X*(1 - d)*r')
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from calculators import cost as cm
from calculators.data import constant
from calculators.fields import Field, InputError
from calculators.presets import preset_field, with_preset_defaults
from calculators.registry import register
from calculators.spec_files import declared

__all__ = ["CostPlan", "cost_optimization", "prefix_for_multiple"]

CLAIMS = ("incumbent_overpay_low_multiple", "incumbent_overpay_high_multiple",
          "incumbent_top_three_low_multiple", "incumbent_top_three_high_multiple")


@dataclass(frozen=True)
class CostPlan(cm.Workload):
    """The workload and levers it was computed for, then the bill after each lever."""

    caching_break_even_hit_ratio: float
    baseline_usd: float
    after_routing_usd: float
    after_caching_usd: float
    after_batch_usd: float
    after_output_usd: float
    after_compression_usd: float
    routing_saving_usd: float
    caching_saving_usd: float
    batch_saving_usd: float
    output_saving_usd: float
    compression_saving_usd: float
    routing_share: float
    caching_share: float
    batch_share: float
    output_share: float
    compression_share: float
    routing_multiple: float
    caching_multiple: float
    batch_multiple: float
    output_multiple: float
    compression_multiple: float
    total_multiple: float
    total_saving_ratio: float
    top_three_multiple: float
    top_three_ceiling_multiple: float
    top_three_limit_multiple: float
    claim_overpay_low_multiple: float
    claim_overpay_high_multiple: float
    claim_top_three_low_multiple: float
    claim_top_three_high_multiple: float
    total_within_overpay_claim: int
    ceiling_reaches_top_three_claim: int
    prefix_for_top_three_low_tokens: float
    prefix_for_top_three_high_tokens: float
    top_three_low_reachable: int
    top_three_high_reachable: int
    output_input_price_multiple: float


def prefix_for_multiple(w: cm.Workload, large: cm.ModelPrices, small: cm.ModelPrices,
                        multiple: float) -> float:
    """Shared prefix [tokens] at which the top three levers at their ceiling reach
    ``multiple``; 0 when any prefix does, -1 when none does."""
    keep = (1 - w.batch_discount_ratio) * multiple
    a, b = large.input_usd_per_token, large.output_usd_per_token
    rest_small = w.unique_tokens * small.input_usd_per_token + w.output_tokens * small.output_usd_per_token
    rest_large = w.unique_tokens * a + w.output_tokens * b
    slope = a - keep * small.read_usd_per_token
    need = keep * rest_small - rest_large
    if need <= 0:
        return 0.0
    if slope <= 0:
        return -1.0
    return need / slope


def cost_optimization(
    *, requests_per_month: int, prefix_tokens: int, unique_tokens: int, output_tokens: int,
    large_input_usd_per_token: float, large_output_usd_per_token: float,
    large_read_usd_per_token: float, large_write_usd_per_token: float,
    small_input_usd_per_token: float, small_output_usd_per_token: float,
    small_read_usd_per_token: float, small_write_usd_per_token: float,
    routed_share_ratio: float, hit_ratio: float, batch_share_ratio: float,
    batch_discount_ratio: float, output_cut_ratio: float, compression_ratio: float,
) -> CostPlan:
    """The month's bill before and after each lever, in the fixed order of :data:`cm.LEVERS`."""
    w = cm.Workload(requests_per_month, prefix_tokens, unique_tokens, output_tokens,
                    routed_share_ratio, hit_ratio, batch_share_ratio, batch_discount_ratio,
                    output_cut_ratio, compression_ratio)
    large = cm.ModelPrices(large_input_usd_per_token, large_output_usd_per_token,
                           large_read_usd_per_token, large_write_usd_per_token)
    small = cm.ModelPrices(small_input_usd_per_token, small_output_usd_per_token,
                           small_read_usd_per_token, small_write_usd_per_token)
    for label, side, p in (("Large model", "large", large), ("Small model", "small", small)):
        if p.input_usd_per_token <= 0 or p.output_usd_per_token <= 0:
            raise InputError(f"{label}: input and output prices must be above 0 USD per "
                             "million tokens.", (f"{side}_input_usd_per_token",
                                                 f"{side}_output_usd_per_token"))
    costs = cm.lever_costs(w, large, small)
    if costs[0] <= 0:
        raise InputError("The workload costs nothing: give it requests and tokens.",
                         ("requests_per_month",))
    if costs[-1] <= 0:
        raise InputError("These levers remove the whole bill (nothing left to price); keep "
                         "some output or input.", ("output_cut_ratio", "compression_ratio"))
    saved = [costs[k] - costs[k + 1] for k in range(len(cm.LEVERS))]
    total_saved = costs[0] - costs[-1]
    shares = [s / total_saved if total_saved else 0.0 for s in saved]
    multiples = [costs[k] / costs[k + 1] for k in range(len(cm.LEVERS))]
    ceiling = dataclasses.replace(w, routed_share_ratio=1.0, hit_ratio=1.0, batch_share_ratio=1.0)
    ceiling_cost = cm.month_cost_usd(ceiling, large, small, 3)
    low, high, top_low, top_high = (constant(k).value for k in CLAIMS)
    s_low = prefix_for_multiple(w, large, small, top_low)
    s_high = prefix_for_multiple(w, large, small, top_high)
    total = costs[0] / costs[-1]
    limit = large.input_usd_per_token / ((1 - batch_discount_ratio) * small.read_usd_per_token) \
        if small.read_usd_per_token > 0 else 0.0
    names = [k for k, _ in cm.LEVERS]
    w_l, r_l = (large.write_usd_per_token / large.input_usd_per_token,
                large.read_usd_per_token / large.input_usd_per_token)
    return CostPlan(
        **vars(w),
        # Hit rate above which caching costs less than sending the prefix uncached (1: never).
        caching_break_even_hit_ratio=(1.0 if r_l >= 1 else 0.0 if w_l <= 1
                                      else (w_l - 1) / (w_l - r_l)),
        baseline_usd=costs[0],
        **{f"after_{n}_usd": costs[i + 1] for i, n in enumerate(names)},
        **{f"{n}_saving_usd": saved[i] for i, n in enumerate(names)},
        **{f"{n}_share": shares[i] for i, n in enumerate(names)},
        **{f"{n}_multiple": multiples[i] for i, n in enumerate(names)},
        total_multiple=total,
        total_saving_ratio=1 - costs[-1] / costs[0],
        top_three_multiple=costs[0] / costs[3],
        top_three_ceiling_multiple=costs[0] / ceiling_cost,
        top_three_limit_multiple=limit,
        claim_overpay_low_multiple=low, claim_overpay_high_multiple=high,
        claim_top_three_low_multiple=top_low, claim_top_three_high_multiple=top_high,
        total_within_overpay_claim=int(low <= total <= high),
        ceiling_reaches_top_three_claim=int(costs[0] / ceiling_cost >= top_low),
        prefix_for_top_three_low_tokens=max(s_low, 0.0),
        prefix_for_top_three_high_tokens=max(s_high, 0.0),
        top_three_low_reachable=int(s_low >= 0), top_three_high_reachable=int(s_high >= 0),
        output_input_price_multiple=large.output_usd_per_token / large.input_usd_per_token,
    )


LARGE, SMALL = "claude-sonnet-4.5", "claude-haiku-4.5"


def _fills(side: str) -> dict[str, Any]:
    """What a model preset fills (base units); no write fee writes at the input price."""
    def write(m: Any) -> float:
        return m.cache_write_5m_usd_per_token or m.input_usd_per_token

    def read(m: Any) -> float:
        return m.cache_read_usd_per_token or m.input_usd_per_token

    return {f"{side}_input": "input_usd_per_token", f"{side}_output": "output_usd_per_token",
            f"{side}_read": read, f"{side}_write": write}


def _price(key: str, name: str, label: str) -> Field:
    return Field(key, name, label, "$/MTok", 1, 0, 1_000, 0.01, scale=1e6)


def _pct(key: str, name: str, label: str, default: float, help_text: str = "") -> Field:
    return Field(key, name, label, "%", default, 0, 100, 1, scale=100, help=help_text)


PLAIN_FIELDS: tuple[Field, ...] = (
    Field("requests", "requests_per_month", "Requests per month", "requests", 1_000_000, 0,
          1e12, 1000, integer=True),
    Field("prefix_tokens", "prefix_tokens", "Shared prefix per request", "tokens", 2000, 0,
          1e8, 1, integer=True),
    Field("unique_tokens", "unique_tokens", "Unique input per request", "tokens", 500, 0, 1e8,
          1, integer=True),
    Field("output_tokens", "output_tokens", "Output per request", "tokens", 300, 0, 1e8, 1,
          integer=True),
    _price("large_input", "large_input_usd_per_token", "Large model: input price"),
    _price("large_output", "large_output_usd_per_token", "Large model: output price"),
    _price("large_read", "large_read_usd_per_token", "Large model: cache read price"),
    _price("large_write", "large_write_usd_per_token", "Large model: cache write price"),
    _price("small_input", "small_input_usd_per_token", "Small model: input price"),
    _price("small_output", "small_output_usd_per_token", "Small model: output price"),
    _price("small_read", "small_read_usd_per_token", "Small model: cache read price"),
    _price("small_write", "small_write_usd_per_token", "Small model: cache write price"),
    _pct("routed", "routed_share_ratio", "Requests routed to the small model", 50),
    _pct("hit", "hit_ratio", "Prefix cache hit rate", 90,
         "Guide 4's model gives it from the request gap and the cache lifetime."),
    _pct("batch_share", "batch_share_ratio", "Requests that can wait for batch", 30),
    Field("batch_discount", "batch_discount_ratio", "Batch discount", "%", 50, 0, 99, 1,
          scale=100),
    _pct("output_cut", "output_cut_ratio", "Output shortened by",
         constant("llm_numbers_concise_saving_ratio").value * 100,
         "The low end of llm-numbers' 'be concise' saving."),
    _pct("compression", "compression_ratio", "Unique input compressed by", 20),
)
LARGE_MODEL = preset_field("large_model", "Large model", "provider_models", _fills("large"),
                           PLAIN_FIELDS, LARGE, help="Fills the large model's prices below.")
SMALL_MODEL = preset_field("small_model", "Small model", "provider_models", _fills("small"),
                           PLAIN_FIELDS, SMALL, help="Fills the small model's prices below.")
FIELDS: tuple[Field, ...] = (
    LARGE_MODEL, SMALL_MODEL,
    *with_preset_defaults(SMALL_MODEL, with_preset_defaults(LARGE_MODEL, PLAIN_FIELDS)))


LEVERS_OFF = {"routed": 0, "hit": 0, "batch_share": 0, "output_cut": 0, "compression": 0}
#: REFERENCES guide 6 (c): the monthly workload table, Sonnet 4.5 and Haiku 4.5 list prices.
REFERENCE_TABLE = {
    "Sonnet 4.5 with caching and batch": {**LEVERS_OFF, "hit": 100, "batch_share": 100},
    "Haiku 4.5 with caching and batch": {**LEVERS_OFF, "routed": 100, "hit": 100,
                                         "batch_share": 100},
}

register(
    declared("cost_optimization", cost_optimization, FIELDS,
        constants=CLAIMS + ("llm_numbers_concise_saving_ratio",),
        scenarios=REFERENCE_TABLE,
        cases={
            "no lever": LEVERS_OFF,
            "caching with no hits costs more": {**LEVERS_OFF, "hit": 0, "routed": 0,
                                                "batch_share": 0},
            "everything at once": {"routed": 100, "hit": 100, "batch_share": 100,
                                   "output_cut": 100, "compression": 100},
            "no output": {"output_tokens": 0},
            "bad: nothing left": {"prefix_tokens": 0, "output_cut": 100, "compression": 100},
            "bad: share above 100": {"routed": 120},
            "bad: no requests": {"requests": 0},
            "bad: free large model": {"large_input": 0},
            "bad: text": {"hit": "most"},
            "presets: GPT-5 and GPT-5 mini": {"large_model": "gpt-5", "small_model": "gpt-5-mini"},
            "preset with an override": {"large_model": "gpt-4o", "large_output": 12},
        },
    )
)
