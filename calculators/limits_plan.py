"""Every rate limit at once: the sustainable request rate, the limit that binds, and why.

The model; :mod:`calculators.limits` registers it as the ``rate_limits`` calculator.

A provider enforces several limits on the same traffic, each with its own token bucket
(:mod:`calculators.limits_bucket`): requests per minute (RPM), input and output tokens per
minute (Anthropic's ITPM and OTPM) or combined tokens per minute (OpenAI's TPM), and requests
per day (RPD). A request is admitted only when every bucket can pay its charge, so the
sustainable rate is the smallest of the per-limit rates:

    R = min over limits of  L_d / c_d        [requests/min]

with ``c_d`` the settled charge of one successful request on limit ``d`` (RPD counted per
minute as L / 1,440). The limit that gives the minimum *binds*. Two more facts come from the
admission charge ``a_d`` (``max_tokens`` reserved up front) and the window capacity
``C_d = L_d * w / 60``:

    burst   = min over limits of floor(C_d / a_d)    requests a full bucket admits at once
    never   when a_d > C_d for some limit            the request can never pass
    L_fly   = R / 60 * W                             Little's law: requests in flight [-]

References: Anthropic, "Rate limits" (token bucket, ITPM/OTPM, cache reads excluded from ITPM,
OTPM estimated from ``max_tokens``); OpenAI, "Rate limits" guide (TPM counts ``max_tokens``,
failed requests count); OpenAI Cookbook ``api_request_parallel_processor.py`` (``n * max_tokens``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.fields import InputError, require_range
from calculators.limits_bucket import check_limits, request_charges

__all__ = ["DimensionUse", "RateLimitPlan", "rate_limit_plan"]

@dataclass(frozen=True)
class DimensionUse:
    """One enforced limit: its charge per request and the rate it alone allows."""

    key: str
    label: str
    limit: float
    capacity: float
    admission_cost: float
    settled_cost: float
    requests_per_minute: float
    use_ratio: float
    burst_requests: int


@dataclass(frozen=True)
class RateLimitPlan:
    provider: str
    rpm_limit: float
    itpm_limit: float
    otpm_limit: float
    tpm_limit: float
    rpd_limit: float
    window_seconds: float
    input_tokens: float
    cache_read_tokens: float
    cache_write_tokens: float
    output_tokens: float
    max_tokens: float
    num_choices: int
    attempts_per_success: float
    cache_reads_count: str
    e2e_seconds: float
    offered_requests_per_minute: float
    itpm_charge_tokens: float
    otpm_admission_tokens: float
    otpm_settled_tokens: float
    tpm_charge_tokens: float
    sustainable_requests_per_minute: float
    sustainable_requests_per_second: float
    binding_dimension: str
    binding_label: str
    too_large_dimension: str
    largest_admission_multiple: float
    burst_requests: int
    served_share_ratio: float
    input_tokens_per_minute: float
    input_relief_multiple: float
    concurrency_sustainable: float
    concurrency_offered: float
    rpm_use_ratio: float
    itpm_use_ratio: float
    otpm_use_ratio: float
    tpm_use_ratio: float
    rpd_use_ratio: float
    dimensions: tuple[DimensionUse, ...]


#: RPD is counted per minute as L / 1,440.
MINUTES_PER_DAY = 1440.0
_LABELS = {"rpm": "Requests per minute", "itpm": "Input tokens per minute",
           "otpm": "Output tokens per minute", "tpm": "Tokens per minute",
           "rpd": "Requests per day"}


def rate_limit_plan(
    *, provider: str, rpm_limit: float, itpm_limit: float, otpm_limit: float,
    tpm_limit: float, rpd_limit: float, window_seconds: float, input_tokens: float,
    cache_read_tokens: float, cache_write_tokens: float, output_tokens: float,
    max_tokens: float, num_choices: int, attempts_per_success: float, cache_reads_count: str,
    e2e_seconds: float, offered_requests_per_minute: float,
) -> RateLimitPlan:
    """The sustainable rate under every limit at once (a limit of 0 is not enforced)."""
    for name, value in (("rpm_limit", rpm_limit), ("itpm_limit", itpm_limit),
                        ("otpm_limit", otpm_limit), ("tpm_limit", tpm_limit),
                        ("rpd_limit", rpd_limit)):
        require_range(name, value, 0, 1e12, "per period")
    require_range("window_seconds", window_seconds, 0.001, 60, "seconds")
    check_limits({"rpm_limit": rpm_limit, "itpm_limit": itpm_limit, "otpm_limit": otpm_limit, "tpm_limit": tpm_limit, "rpd_limit": rpd_limit},
                 {"rpm_limit": "rpm_limit", "itpm_limit": "itpm_limit", "otpm_limit": "otpm_limit", "tpm_limit": "tpm_limit", "rpd_limit": "rpd_limit"})
    require_range("attempts_per_success", attempts_per_success, 1, 1000, "attempts")
    if output_tokens > max_tokens:
        raise InputError(
            "Output tokens (output_tokens) cannot exceed max_tokens (max_tokens): the model "
            "stops at max_tokens.", ("output_tokens", "max_tokens"),
        )
    if not any(v > 0 for v in (rpm_limit, itpm_limit, otpm_limit, tpm_limit, rpd_limit)):
        raise InputError("Set at least one limit above 0: rpm, itpm, otpm, tpm or rpd.",
                         ("rpm_limit", "itpm_limit", "otpm_limit", "tpm_limit", "rpd_limit"))
    c = request_charges(
        provider=provider, input_tokens=input_tokens, cache_read_tokens=cache_read_tokens,
        cache_write_tokens=cache_write_tokens, output_tokens=output_tokens, max_tokens=max_tokens,
        num_choices=num_choices, attempts_per_success=attempts_per_success,
        cache_reads_count=cache_reads_count == "yes",
    )
    # (key, limit per period, period in minutes, admission charge, settled charge)
    rows = (("rpm", rpm_limit, 1.0, 1.0, c.requests_per_success),
            ("itpm", itpm_limit, 1.0, c.itpm_tokens, c.itpm_tokens),
            ("otpm", otpm_limit, 1.0, c.otpm_admission_tokens, c.otpm_settled_tokens),
            ("tpm", tpm_limit, 1.0, c.tpm_tokens, c.tpm_tokens),
            ("rpd", rpd_limit, MINUTES_PER_DAY, 1.0, c.requests_per_success))
    found = []
    for key, limit, minutes, admit, settled in rows:
        if limit <= 0:
            continue
        capacity = limit if minutes > 1 else limit * window_seconds / 60.0
        per_minute = limit / minutes
        rate = per_minute / settled if settled > 0 else math.inf
        # A subnormal admission size would overflow the division: cap as for admit == 0.
        burst = math.floor(min(capacity / admit, 10**9)) if admit > 0 else 10**9
        found.append((key, limit, capacity, admit, settled, rate, burst))
    too_large = [row for row in found if row[3] > row[2]]
    multiple = max(row[3] / row[2] for row in found)
    binding = min(found, key=lambda row: row[5])
    sustainable = 0.0 if too_large else binding[5]
    if math.isinf(sustainable):
        raise InputError("Every enforced limit charges nothing per request; set a token count.",
                         ("input_tokens", "output_tokens"))
    dims = []
    for key, limit, capacity, admit, settled, rate, burst in found:
        use = 0.0 if too_large else sustainable * settled / (limit / (MINUTES_PER_DAY if key == "rpd" else 1.0))
        dims.append(DimensionUse(key, _LABELS[key], limit, capacity, admit, settled,
                                 rate, min(1.0, use), 0 if too_large else burst))
    use = {d.key: d.use_ratio for d in dims}
    total_input = input_tokens + cache_read_tokens + cache_write_tokens
    charged_input = c.itpm_tokens if itpm_limit > 0 else total_input
    return RateLimitPlan(
        provider=provider, rpm_limit=rpm_limit, itpm_limit=itpm_limit, otpm_limit=otpm_limit,
        tpm_limit=tpm_limit, rpd_limit=rpd_limit, window_seconds=window_seconds,
        input_tokens=input_tokens, cache_read_tokens=cache_read_tokens,
        cache_write_tokens=cache_write_tokens, output_tokens=output_tokens,
        max_tokens=max_tokens, num_choices=num_choices,
        attempts_per_success=attempts_per_success, cache_reads_count=cache_reads_count,
        e2e_seconds=e2e_seconds, offered_requests_per_minute=offered_requests_per_minute,
        itpm_charge_tokens=c.itpm_tokens, otpm_admission_tokens=c.otpm_admission_tokens,
        otpm_settled_tokens=c.otpm_settled_tokens, tpm_charge_tokens=c.tpm_tokens,
        sustainable_requests_per_minute=sustainable,
        sustainable_requests_per_second=sustainable / 60.0,
        binding_dimension=too_large[0][0] if too_large else binding[0],
        binding_label=_LABELS[too_large[0][0] if too_large else binding[0]],
        too_large_dimension=too_large[0][0] if too_large else "",
        largest_admission_multiple=multiple,
        burst_requests=0 if too_large else min(d.burst_requests for d in dims),
        served_share_ratio=(min(1.0, sustainable / offered_requests_per_minute)
                            if offered_requests_per_minute > 0 else 1.0),
        input_tokens_per_minute=sustainable * total_input,
        input_relief_multiple=total_input / charged_input if charged_input > 0 else 1.0,
        concurrency_sustainable=sustainable / 60.0 * e2e_seconds,
        concurrency_offered=offered_requests_per_minute / 60.0 * e2e_seconds,
        rpm_use_ratio=use.get("rpm", 0.0), itpm_use_ratio=use.get("itpm", 0.0),
        otpm_use_ratio=use.get("otpm", 0.0), tpm_use_ratio=use.get("tpm", 0.0),
        rpd_use_ratio=use.get("rpd", 0.0), dimensions=tuple(dims),
    )
