"""Bill from usage: the charge of one request, line by line, from the ``usage`` object the API
returned.

Each token is billed once, in the bucket the provider puts it in:

    Anthropic   input_tokens (after the last breakpoint) * p_in
                + ephemeral_5m_input_tokens * p_w5m + ephemeral_1h_input_tokens * p_w1h
                + cache_read_input_tokens * p_r + output_tokens * p_out
    OpenAI      (prompt_tokens - cached_tokens) * p_in + cached_tokens * p_r
                + completion_tokens * p_out   (reasoning tokens are inside completion_tokens;
                the Responses API's input_tokens likewise includes input_tokens_details.cached_tokens)
    DeepSeek    prompt_cache_miss_tokens * p_in + prompt_cache_hit_tokens * p_r + completion * p_out

The whole charge is multiplied by the batch factor (Anthropic: cache multipliers stack with
the batch discount). Above a model's long-context threshold every bucket uses the long-context
prices. A bucket with tokens but no price is an error, never $0.
References: Anthropic "Prompt caching" (Tracking cache performance); OpenAI "Prompt caching"
guide and Responses API reference; DeepSeek "Context caching".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

__all__ = ["Bill", "BillPrices", "bill_usage", "parse_usage"]

MAX_COUNT = 1e10


@dataclass(frozen=True)
class BillPrices:
    """Per-token prices of one provider model [USD/token]; None where not offered."""

    key: str
    name: str
    provider: str
    input_usd_per_token: float | None
    output_usd_per_token: float | None
    cache_read_usd_per_token: float | None
    cache_write_5m_usd_per_token: float | None
    cache_write_1h_usd_per_token: float | None
    batch_discount_ratio: float | None
    long_context_threshold_tokens: float | None = None
    long_input_multiple: float = 1.0
    long_output_multiple: float = 1.0

    def plain(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Bill:
    provider: str
    num_input_tokens: int
    num_uncached_input_tokens: int
    num_cache_write_5m_tokens: int
    num_cache_write_1h_tokens: int
    num_cache_read_tokens: int
    num_output_tokens: int
    num_reasoning_tokens: int
    long_context: int
    batch_factor: float
    uncached_input_usd: float
    cache_write_5m_usd: float
    cache_write_1h_usd: float
    cache_read_usd: float
    output_usd: float
    total_usd: float
    common_mistake_usd: float


ANTHROPIC_KEYS = {"input_tokens", "output_tokens", "cache_creation_input_tokens",
                  "cache_read_input_tokens", "cache_creation", "service_tier"}
ANTHROPIC_CREATION = {"ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens"}
OPENAI_CHAT = {"prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details",
               "completion_tokens_details", "prompt_cache_hit_tokens", "prompt_cache_miss_tokens"}
OPENAI_RESPONSES = {"input_tokens", "output_tokens", "total_tokens", "input_tokens_details",
                    "output_tokens_details"}
DETAILS = {"prompt_tokens_details": {"cached_tokens", "audio_tokens"},
           "input_tokens_details": {"cached_tokens"},
           "completion_tokens_details": {"reasoning_tokens", "audio_tokens",
                                         "accepted_prediction_tokens",
                                         "rejected_prediction_tokens"},
           "output_tokens_details": {"reasoning_tokens"},
           "cache_creation": ANTHROPIC_CREATION}


def _describe(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, str):
        return json.dumps(value)
    return "a list" if isinstance(value, list) else "an object"


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def parse_usage(text: str) -> dict[str, Any]:
    """The usage object from pasted JSON: a bare ``usage`` object or a response holding one."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except ValueError:
        raise ValueError("Usage JSON is not valid JSON; paste the usage object as the API "
                         "returned it.") from None
    if isinstance(data, dict) and isinstance(data.get("usage"), dict):
        data = data["usage"]
    if not isinstance(data, dict):
        raise ValueError(f"Usage JSON must be a JSON object; got {_describe(data)}.")
    return data


def _count(obj: dict[str, Any], key: str, where: str = "") -> int:
    value = obj.get(key)
    if value is None:
        return 0
    if (value is True or value is False or not isinstance(value, (int, float))
            or not math.isfinite(value) or not float(value).is_integer()
            or not 0 <= value <= MAX_COUNT):
        raise ValueError(f"Usage field {where}{key} must be a whole number of tokens from 0 to "
                         f"10,000,000,000; got {_describe(value)}.")
    return int(value)


def _check_keys(obj: dict[str, Any], allowed: set[str], provider: str, where: str = "") -> None:
    for key in obj:
        if key not in allowed:
            raise ValueError(f"Usage field {where}{key} is not among the {provider} usage "
                             "fields this calculator bills; remove it or choose another model.")
        if key in DETAILS and obj[key] is not None:
            if not isinstance(obj[key], dict):
                raise ValueError(f"Usage field {where}{key} must be an object; got "
                                 f"{_describe(obj[key])}.")
            _check_keys(obj[key], DETAILS[key], provider, f"{where}{key}.")


def _price(prices: BillPrices, attr: str, what: str, multiple: float) -> float:
    value = getattr(prices, attr)
    if value is None:
        raise ValueError(f"{prices.key} has no {what} price in the catalog; "
                         "this usage cannot be billed.")
    return value * multiple


def bill_usage(usage: dict[str, Any], prices: BillPrices, batch: bool) -> Bill:
    """Charge of one request from its usage object [USD]."""
    provider = prices.provider
    d = {k: usage.get(k) or {} for k in DETAILS}
    reasoning = 0
    if provider == "anthropic":
        _check_keys(usage, ANTHROPIC_KEYS, "Anthropic")
        tier = usage.get("service_tier")
        if tier not in (None, "standard", "batch"):
            raise ValueError(f"Usage field service_tier {_describe(tier)} is not list-priced; "
                             "this calculator bills standard and batch requests.")
        if tier == "batch" and not batch:
            raise ValueError("The usage says service_tier \"batch\": choose Batch API: yes.")
        if tier == "standard" and batch:
            raise ValueError("The usage says service_tier \"standard\": choose Batch API: no.")
        uncached = _count(usage, "input_tokens")
        created = _count(usage, "cache_creation_input_tokens")
        read = _count(usage, "cache_read_input_tokens")
        out = _count(usage, "output_tokens")
        if usage.get("cache_creation") is not None:
            w5 = _count(d["cache_creation"], "ephemeral_5m_input_tokens", "cache_creation.")
            w1 = _count(d["cache_creation"], "ephemeral_1h_input_tokens", "cache_creation.")
            if w5 + w1 != created:
                raise ValueError(
                    f"cache_creation_input_tokens ({created:,}) must equal the 5-minute plus "
                    f"1-hour writes ({w5:,} + {w1:,}); the usage is inconsistent.")
        else:
            w5, w1 = created, 0
        total_in = uncached + created + read
        mistake_in = (uncached + created, read)
    elif provider in ("openai", "deepseek"):
        responses = "input_tokens" in usage or "input_tokens_details" in usage
        _check_keys(usage, OPENAI_RESPONSES if responses else OPENAI_CHAT, "OpenAI")
        pkey, ckey = ("input_tokens", "output_tokens") if responses else ("prompt_tokens",
                                                                        "completion_tokens")
        dkey, okey = (("input_tokens_details", "output_tokens_details") if responses
                      else ("prompt_tokens_details", "completion_tokens_details"))
        total_in = _count(usage, pkey)
        out = _count(usage, ckey)
        read = _count(d[dkey], "cached_tokens", f"{dkey}.")
        if "prompt_cache_hit_tokens" in usage:
            hit = _count(usage, "prompt_cache_hit_tokens")
            miss = _count(usage, "prompt_cache_miss_tokens")
            if hit + miss != total_in:
                raise ValueError(f"prompt_cache_hit_tokens + prompt_cache_miss_tokens ({hit:,} "
                                 f"+ {miss:,}) must equal prompt_tokens ({total_in:,}).")
            read = max(read, hit)
        reasoning = _count(d[okey], "reasoning_tokens", f"{okey}.")
        if _count(d[dkey], "audio_tokens", f"{dkey}.") or _count(d[okey], "audio_tokens",
                                                                   f"{okey}."):
            raise ValueError("Audio tokens are priced separately; this calculator bills text.")
        if read > total_in:
            raise ValueError(f"cached_tokens ({read:,}) cannot exceed {pkey} ({total_in:,}): "
                             f"{pkey} already includes them.")
        if reasoning > out:
            raise ValueError(f"reasoning_tokens ({reasoning:,}) cannot exceed {ckey} ({out:,}): "
                             f"{ckey} already includes them.")
        if usage.get("total_tokens") is not None and _count(usage, "total_tokens") != total_in + out:
            raise ValueError(f"total_tokens ({_count(usage, 'total_tokens'):,}) must equal "
                             f"{pkey} + {ckey} ({total_in + out:,}).")
        uncached, w5, w1 = total_in - read, 0, 0
        mistake_in = total_in, read
    else:
        raise ValueError(f"{prices.key}: no usage format for provider "
                         f"{provider}.")
    if batch and prices.batch_discount_ratio is None:
        raise ValueError(f"{prices.key} has no batch price in the catalog.")
    long = (prices.long_context_threshold_tokens is not None
            and total_in > prices.long_context_threshold_tokens)
    mi = prices.long_input_multiple if long else 1.0
    mo = prices.long_output_multiple if long else 1.0
    factor = 1 - prices.batch_discount_ratio if batch and prices.batch_discount_ratio else 1.0
    p_in = _price(prices, "input_usd_per_token", "input", mi)
    p_out = _price(prices, "output_usd_per_token", "output", mo)
    p_r = _price(prices, "cache_read_usd_per_token", "cache read", mi) if read else 0.0
    p_w5 = _price(prices, "cache_write_5m_usd_per_token", "5-minute cache write", mi) if w5 else 0.0
    p_w1 = _price(prices, "cache_write_1h_usd_per_token", "1-hour cache write", mi) if w1 else 0.0
    lines = [factor * uncached * p_in, factor * w5 * p_w5, factor * w1 * p_w1,
             factor * read * p_r, factor * out * p_out]
    total = sum(lines)
    if total <= 0 and total_in + out > 0:
        raise ValueError(f"{prices.key} prices these tokens at $0; check the "
                         "catalog entry.")
    # The bug peers ship: OpenAI cached tokens billed again on top of prompt_tokens; Anthropic
    # cache writes billed as plain input.
    mistake = factor * (mistake_in[0] * p_in + mistake_in[1] * p_r + out * p_out)
    return Bill(
        provider=provider, num_input_tokens=total_in, num_uncached_input_tokens=uncached,
        num_cache_write_5m_tokens=w5, num_cache_write_1h_tokens=w1, num_cache_read_tokens=read,
        num_output_tokens=out, num_reasoning_tokens=reasoning, long_context=int(long),
        batch_factor=factor, uncached_input_usd=lines[0], cache_write_5m_usd=lines[1],
        cache_write_1h_usd=lines[2], cache_read_usd=lines[3], output_usd=lines[4],
        total_usd=total, common_mistake_usd=mistake,
    )
