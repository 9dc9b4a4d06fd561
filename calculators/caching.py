"""Prompt caching: what gets cached, what it costs, when it pays, how often it hits.

Pure formulas on plain prices [USD/token] and rules; the calculator that wires them to the
provider catalog is :mod:`calculators.caching_calc`.

    cached tokens      K = 0 if P < m, else m + floor((P - m) / s) * s      prefix P, minimum m,
                                                                           step s (OpenAI 128)
    one request        c = b * (p_in*U + p_w*W + p_r*R + p_out*O)         batch factor b
    N uses in one TTL  prefix cost relative to uncached = (w + r*(N - 1)) / N
    break-even         smallest N with (w + r*(N - 1)) / N < 1, i.e. N > (w - r) / (1 - r)
    hit probability    P(hit) = 1 - exp(-TTL / T)    Poisson arrivals, mean gap T, TTL
                                                      refreshed on every hit
    ITPM leverage      effective input/min = ITPM / (1 - h)   (Anthropic: reads excluded)

References: Anthropic "Prompt caching" and "Rate limits"; OpenAI "Prompt caching" guide and
"Prompt Caching in the API" (2024-10-01). The Poisson hit rate is this project's modelling
assumption, not a provider statement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.fields import require_range

__all__ = [
    "INVALIDATION",
    "MixedTtlSplit",
    "break_even_uses",
    "cached_prefix_tokens",
    "effective_input_tokens_per_minute",
    "hit_probability",
    "lookback_breakpoints_needed",
    "mixed_ttl_split",
    "openai_cache_keys_needed",
    "relative_prefix_cost",
    "request_cost_usd",
]

MAX_TOKENS = 10_000_000

#: Anthropic's cache hierarchy, tools -> system -> messages: what a change invalidates.
#: (change, levels still cached, levels invalidated); source: Anthropic "Prompt caching".
INVALIDATION: tuple[tuple[str, str, str], ...] = (
    ("Tool definitions (names, descriptions, parameters, order)", "none", "tools, system, messages"),
    ("Web search or citations toggled", "tools", "system, messages"),
    ("System prompt text", "tools", "system, messages"),
    ("tool_choice", "tools, system", "messages"),
    ("Images added or removed", "tools, system", "messages"),
    ("Thinking parameters", "tools, system", "messages"),
    ("Earlier message text", "tools, system, messages before it", "that message and later"),
)


def cached_prefix_tokens(prefix_tokens: int, min_tokens: int, increment_tokens: int) -> int:
    """Tokens a provider actually caches of a stable prefix [tokens].

    Below ``min_tokens`` nothing is cached and no error is returned (both providers); above
    it the cached length grows in ``increment_tokens`` steps (OpenAI: 128; Anthropic caches up
    to the breakpoint, step 1).
    """
    require_range("prefix_tokens", prefix_tokens, 0, MAX_TOKENS, "tokens")
    require_range("min_tokens", min_tokens, 0, MAX_TOKENS, "tokens")
    require_range("increment_tokens", increment_tokens, 1, MAX_TOKENS, "tokens")
    if prefix_tokens < min_tokens:
        return 0
    return min_tokens + (prefix_tokens - min_tokens) // increment_tokens * increment_tokens


def request_cost_usd(
    *, uncached_tokens: float, write_tokens: float, read_tokens: float, output_tokens: float,
    input_usd_per_token: float, write_usd_per_token: float, read_usd_per_token: float,
    output_usd_per_token: float, batch_factor: float = 1.0,
) -> float:
    """Charge of one request [USD]; every bucket billed once at its own price."""
    return batch_factor * (
        uncached_tokens * input_usd_per_token + write_tokens * write_usd_per_token
        + read_tokens * read_usd_per_token + output_tokens * output_usd_per_token
    )


def relative_prefix_cost(write_multiple: float, read_multiple: float, uses: int) -> float:
    """Cost of a prefix used ``uses`` times in one TTL, relative to sending it uncached [ratio
    of uncached cost, may exceed 1]: one write, then reads."""
    require_range("uses", uses, 1, MAX_TOKENS, "requests")
    return (write_multiple + read_multiple * (uses - 1)) / uses


def break_even_uses(write_multiple: float, read_multiple: float) -> int:
    """Fewest uses within one TTL for which caching costs less than not caching [requests]."""
    if not 0 <= read_multiple < 1:
        raise ValueError("The cache read price must be below the input price.")
    return math.floor((write_multiple - read_multiple) / (1 - read_multiple)) + 1


def hit_probability(interval_seconds: float, ttl_seconds: float) -> float:
    """Chance that a request finds the prefix still cached [ratio 0-1].

    Model: requests sharing the prefix arrive as a Poisson process with mean gap
    ``interval_seconds``; every hit refreshes the TTL, so a request hits when the gap since
    the previous one is shorter than the TTL: ``1 - exp(-TTL / T)``.
    """
    require_range("interval_seconds", interval_seconds, 1e-3, 1e9, "seconds")
    require_range("ttl_seconds", ttl_seconds, 0, 1e9, "seconds")
    return -math.expm1(-ttl_seconds / interval_seconds)


def effective_input_tokens_per_minute(itpm: float, read_share_ratio: float) -> float:
    """Input tokens per minute an ITPM limit admits when reads do not count [tokens/min]."""
    require_range("read_share_ratio", read_share_ratio, 0, 0.999999, "ratio")
    return itpm / (1 - read_share_ratio)


@dataclass(frozen=True)
class MixedTtlSplit:
    read_tokens: int
    write_1h_tokens: int
    write_5m_tokens: int


def mixed_ttl_split(hit_tokens: int, last_1h_breakpoint_tokens: int,
                    last_breakpoint_tokens: int) -> MixedTtlSplit:
    """Anthropic's billing when 1-hour and 5-minute breakpoints mix [tokens].

    With A = tokens up to the highest cache hit, B = up to the highest 1-hour breakpoint after
    A, C = up to the last breakpoint: A are reads, B - A are 1-hour writes, C - B are 5-minute
    writes.
    """
    a, b, c = hit_tokens, max(hit_tokens, last_1h_breakpoint_tokens), last_breakpoint_tokens
    if c < b:
        raise ValueError("The last breakpoint must come after the last 1-hour breakpoint.")
    return MixedTtlSplit(read_tokens=a, write_1h_tokens=b - a, write_5m_tokens=c - b)


def openai_cache_keys_needed(requests_per_minute: float, overflow_rpm: float) -> int:
    """``prompt_cache_key`` values that keep each key under OpenAI's overflow rate [keys]."""
    require_range("requests_per_minute", requests_per_minute, 0, 1e9, "requests/min")
    return max(1, math.ceil(requests_per_minute / overflow_rpm))


def lookback_breakpoints_needed(blocks_since_cached: int, lookback_blocks: int) -> int:
    """Breakpoints needed so each looks back at most ``lookback_blocks`` content blocks to the
    previous cached position (Anthropic's 20-block lookback) [breakpoints]."""
    require_range("blocks_since_cached", blocks_since_cached, 0, MAX_TOKENS, "blocks")
    return max(1, math.ceil(blocks_since_cached / lookback_blocks))
