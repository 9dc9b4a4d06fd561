"""LLM API cost optimization: a reference workload and five levers stacked in a fixed order.

A month of ``R`` requests, each with a shared prefix ``S``, a unique part ``U`` and an output
``O``, runs on a large model. The levers apply in this order, each on what the previous left,
so their savings multiply rather than add:

    1. routing     a share ``s`` of requests goes to a small model      cost_m = each model's prices
    2. caching     the prefix hits the cache with probability ``h``     S*(h*p_r + (1 - h)*p_w)
    3. batch       a share ``q`` of requests waits for the batch API    factor 1 - q*d
    4. output      outputs shortened by a ratio ``o``                   O*(1 - o)
    5. compression unique input shortened by a ratio ``c``              U*(1 - c)

    cost per request = p_in*U' + S*(h*p_r + (1 - h)*p_w) + p_out*O'      (without caching: p_in*S)
    month            = R * [(1 - s)*cost_large + s*cost_small] * (1 - q*d)
    multiple         x = cost_0 / cost_5;  lever k's share of the saving = (cost_{k-1} - cost_k)
                     / (cost_0 - cost_5)

Quality effects of routing, shorter outputs and compression are outside the model.
References: REFERENCES guide 6 (formulas 1, 2, 5); Anthropic caching multipliers stack with the
batch discount (Anthropic "Prompt caching").
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.collect import Floats
from calculators.fields import require_range

__all__ = ["LEVERS", "ModelPrices", "Workload", "lever_costs", "month_cost_usd"]

#: The levers in the order they are stacked: (key, label).
LEVERS: tuple[tuple[str, str], ...] = (
    ("routing", "Model routing"),
    ("caching", "Prompt caching"),
    ("batch", "Batch discount"),
    ("output", "Output-length control"),
    ("compression", "Prompt compression"),
)


@dataclass(frozen=True)
class ModelPrices:
    """Per-token prices of one model [USD/token]."""

    input_usd_per_token: float
    output_usd_per_token: float
    read_usd_per_token: float
    write_usd_per_token: float


@dataclass(frozen=True)
class Workload:
    """The reference workload and the lever settings (ratios 0-1)."""

    requests_per_month: float
    prefix_tokens: float
    unique_tokens: float
    output_tokens: float
    routed_share_ratio: float
    hit_ratio: float
    batch_share_ratio: float
    batch_discount_ratio: float
    output_cut_ratio: float
    compression_ratio: float

    def __post_init__(self) -> None:
        require_range("requests_per_month", self.requests_per_month, 0, 1e12, "requests")
        for name in ("prefix_tokens", "unique_tokens", "output_tokens"):
            require_range(name, getattr(self, name), 0, 1e8, "tokens")
        for name in ("routed_share_ratio", "hit_ratio", "batch_share_ratio",
                     "output_cut_ratio", "compression_ratio"):
            require_range(name, getattr(self, name), 0, 1, "ratio")
        require_range("batch_discount_ratio", self.batch_discount_ratio, 0, 0.99, "ratio")


def request_cost_usd(w: Workload, p: ModelPrices, caching: bool, output: bool,
                     compression: bool) -> float:
    """One request on one model [USD], with the caching, output and compression levers."""
    unique = w.unique_tokens * (1 - w.compression_ratio if compression else 1)
    out = w.output_tokens * (1 - w.output_cut_ratio if output else 1)
    if caching:
        prefix = w.prefix_tokens * (w.hit_ratio * p.read_usd_per_token
                                    + (1 - w.hit_ratio) * p.write_usd_per_token)
    else:
        prefix = w.prefix_tokens * p.input_usd_per_token
    return unique * p.input_usd_per_token + prefix + out * p.output_usd_per_token


def month_cost_usd(w: Workload, large: ModelPrices, small: ModelPrices, levers: int) -> float:
    """The month's bill [USD] with the first ``levers`` levers (0-5) switched on, in order."""
    on = [i < levers for i in range(len(LEVERS))]
    routed = w.routed_share_ratio if on[0] else 0.0
    batch = 1 - w.batch_share_ratio * w.batch_discount_ratio if on[2] else 1.0
    per = ((1 - routed) * request_cost_usd(w, large, on[1], on[3], on[4])
           + routed * request_cost_usd(w, small, on[1], on[3], on[4]))
    return w.requests_per_month * per * batch


def lever_costs(w: Workload, large: ModelPrices, small: ModelPrices) -> Floats:
    """Month cost before any lever and after each lever in turn: cost_0 .. cost_5 [USD]."""
    return tuple(month_cost_usd(w, large, small, k) for k in range(len(LEVERS) + 1))
