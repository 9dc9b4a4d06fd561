"""The prompt-cache calculator of guide 4: one stable prefix, its reuse, its cost and its TTFT.

For a prefix of ``P`` tokens (``K`` of them cacheable under the model's minimum and step), a
unique part ``U`` and an output ``O``, used ``N`` times within one cache lifetime of which the
first ``c`` arrive in parallel (each writes, because an entry is readable only once the first
response begins):

    window, cached   = b * [min(c, N)*K*p_w + (N - min(c, N))*K*p_r + N*(P - K + U)*p_in + N*O*p_out]
    window, uncached = b * N * [(P + U)*p_in + O*p_out]
    steady state     = b * [h*K*p_r + (1 - h)*K*p_w + (P - K + U)*p_in + O*p_out] per request,
                       h = 1 - exp(-TTL / T) for a mean gap T between requests (Poisson)
    TTFT saved       = TTFT(K cached) - TTFT(nothing cached), from guide 1's latency model

Prices [USD/token] come from the provider-model preset or are typed; b = 1 - batch discount.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculators import caching as cm
from calculators.data import constant
from calculators.presets import preset_field, with_preset_defaults
from calculators.fields import Field, InputError, parse_field, require_range
from calculators.latency import latency_budget
from calculators.registry import get, register
from calculators.spec_files import declared

__all__ = ["PromptCache", "TTLS", "prompt_cache"]

TTLS: tuple[tuple[str, str], ...] = (
    ("5m", "5 minutes (Anthropic default; OpenAI in-memory)"),
    ("1h", "1 hour (Anthropic extended; OpenAI in-memory at most)"),
)
TTL_KEYS = {"5m": "anthropic_cache_ttl_5m_seconds", "1h": "anthropic_cache_ttl_1h_seconds"}
#: Latency-model inputs other than the prompt (base units), taken from guide 1's defaults.
LATENCY_SKIP = {"prompt_tokens", "cached_prompt_tokens", "output_tokens", "prefill_tokens_per_second"}


def latency_defaults() -> dict[str, Any]:
    calc = get("latency_budget")
    return {f.name: parse_field(f, f.default) for f in calc.fields if f.name not in LATENCY_SKIP}


@dataclass(frozen=True)
class PromptCache:
    prefix_tokens: int
    unique_tokens: int
    output_tokens: int
    num_requests: int
    num_parallel_first: int
    ttl: str
    ttl_seconds: float
    interval_seconds: float
    num_cached_tokens: int
    num_writes: int
    num_reads: int
    write_multiple: float
    read_multiple: float
    input_usd_per_mtok: float
    write_usd_per_mtok: float
    read_usd_per_mtok: float
    output_usd_per_mtok: float
    request_uncached_usd: float
    request_write_usd: float
    request_read_usd: float
    window_input_uncached_usd: float
    window_input_cached_usd: float
    window_uncached_usd: float
    window_cached_usd: float
    window_saving_ratio: float
    relative_prefix_cost: float
    break_even_uses_5m: int
    break_even_uses_1h: int
    hit_probability_ratio: float
    hit_probability_5m_ratio: float
    hit_probability_1h_ratio: float
    steady_cached_usd: float
    steady_saving_ratio: float
    concurrency_extra_usd: float
    ttft_uncached_seconds: float
    ttft_cached_seconds: float
    ttft_saved_seconds: float


def prompt_cache(
    *, prefix_tokens: int, unique_tokens: int, output_tokens: int, num_requests: int,
    num_parallel_first: int, ttl: str, interval_seconds: float, input_usd_per_token: float,
    output_usd_per_token: float, read_usd_per_token: float, write_5m_usd_per_token: float,
    write_1h_usd_per_token: float, min_tokens: int, increment_tokens: int,
    batch_discount_ratio: float, prefill_tokens_per_second: float,
) -> PromptCache:
    """Cost and latency of one cached prefix over a TTL window and in steady state."""
    for name, value in (("input_usd_per_token", input_usd_per_token),
                        ("output_usd_per_token", output_usd_per_token),
                        ("read_usd_per_token", read_usd_per_token),
                        ("write_5m_usd_per_token", write_5m_usd_per_token),
                        ("write_1h_usd_per_token", write_1h_usd_per_token)):
        require_range(name, value, 0, 1, "USD/token")
    require_range("batch_discount_ratio", batch_discount_ratio, 0, 0.99, "ratio")
    require_range("num_requests", num_requests, 1, cm.MAX_TOKENS, "requests")
    require_range("num_parallel_first", num_parallel_first, 1, cm.MAX_TOKENS, "requests")
    if ttl not in TTL_KEYS:
        raise InputError(f"Cache lifetime must be one of: 5m, 1h; got '{ttl}'.", ("ttl",))
    if input_usd_per_token <= 0:
        raise InputError("Input price must be above 0 USD per million tokens.",
                         ("input_usd_per_token",))
    if read_usd_per_token >= input_usd_per_token:
        raise InputError("Cache read price must be below the input price.",
                         ("read_usd_per_token", "input_usd_per_token"))
    write_name = "write_5m_usd_per_token" if ttl == "5m" else "write_1h_usd_per_token"
    write = write_5m_usd_per_token if ttl == "5m" else write_1h_usd_per_token
    if write < input_usd_per_token:
        raise InputError("The cache write price must not be below the input price.",
                         (write_name, "input_usd_per_token"))
    k = cm.cached_prefix_tokens(prefix_tokens, min_tokens, increment_tokens)
    b = 1 - batch_discount_ratio
    n, writes = num_requests, min(num_parallel_first, num_requests)
    rest_in = (prefix_tokens - k + unique_tokens) * input_usd_per_token
    out = output_tokens * output_usd_per_token
    uncached_in = (prefix_tokens + unique_tokens) * input_usd_per_token
    win_in_cached = b * (writes * k * write + (n - writes) * k * read_usd_per_token + n * rest_in)
    win_in_uncached = b * n * uncached_in
    window_cached = win_in_cached + b * n * out
    window_uncached = win_in_uncached + b * n * out
    ttl_seconds = constant(TTL_KEYS[ttl]).value
    hit = cm.hit_probability(interval_seconds, ttl_seconds)
    steady = b * (hit * k * read_usd_per_token + (1 - hit) * k * write + rest_in + out)
    w_mult, r_mult = write / input_usd_per_token, read_usd_per_token / input_usd_per_token
    lat = latency_defaults()
    prompt = prefix_tokens + unique_tokens
    common = dict(prompt_tokens=prompt, output_tokens=max(1, output_tokens),
                  prefill_tokens_per_second=prefill_tokens_per_second, **lat)
    cold = latency_budget(cached_prompt_tokens=0, **common)
    warm = latency_budget(cached_prompt_tokens=k, **common)
    return PromptCache(
        prefix_tokens=prefix_tokens, unique_tokens=unique_tokens, output_tokens=output_tokens,
        num_requests=n, num_parallel_first=num_parallel_first, ttl=ttl,
        ttl_seconds=ttl_seconds, interval_seconds=interval_seconds, num_cached_tokens=k,
        num_writes=writes, num_reads=n - writes, write_multiple=w_mult, read_multiple=r_mult,
        input_usd_per_mtok=input_usd_per_token * 1e6, write_usd_per_mtok=write * 1e6,
        read_usd_per_mtok=read_usd_per_token * 1e6, output_usd_per_mtok=output_usd_per_token * 1e6,
        request_uncached_usd=b * (uncached_in + out),
        request_write_usd=b * (k * write + rest_in + out),
        request_read_usd=b * (k * read_usd_per_token + rest_in + out),
        window_input_uncached_usd=win_in_uncached, window_input_cached_usd=win_in_cached,
        window_uncached_usd=window_uncached, window_cached_usd=window_cached,
        window_saving_ratio=1 - window_cached / window_uncached,
        relative_prefix_cost=cm.relative_prefix_cost(w_mult, r_mult, n),
        break_even_uses_5m=cm.break_even_uses(write_5m_usd_per_token / input_usd_per_token, r_mult),
        break_even_uses_1h=cm.break_even_uses(write_1h_usd_per_token / input_usd_per_token, r_mult),
        hit_probability_ratio=hit,
        hit_probability_5m_ratio=cm.hit_probability(interval_seconds, constant(TTL_KEYS["5m"]).value),
        hit_probability_1h_ratio=cm.hit_probability(interval_seconds, constant(TTL_KEYS["1h"]).value),
        steady_cached_usd=steady,
        steady_saving_ratio=1 - steady / (b * (uncached_in + out)),
        concurrency_extra_usd=b * (writes - 1) * k * (write - read_usd_per_token),
        ttft_uncached_seconds=cold.ttft_seconds, ttft_cached_seconds=warm.ttft_seconds,
        ttft_saved_seconds=cold.ttft_seconds - warm.ttft_seconds,
    )


def _or_input(attr: str) -> Any:
    """A price the model may not charge separately: no write fee means the input price."""
    return lambda m: getattr(m, attr) if getattr(m, attr) is not None else m.input_usd_per_token


#: What a provider-model preset fills (base units; each field's scale converts).
FILLS: dict[str, Any] = {
    "input_price": "input_usd_per_token", "output_price": "output_usd_per_token",
    "read_price": _or_input("cache_read_usd_per_token"),
    "write_5m_price": _or_input("cache_write_5m_usd_per_token"),
    "write_1h_price": _or_input("cache_write_1h_usd_per_token"),
    "min_tokens": lambda m: m.cache_min_tokens or 0,
    "increment_tokens": lambda m: m.cache_increment_tokens or 1,
}


def preset_values(key: str) -> dict[str, float]:
    """A catalog model's prices and cache rules as this calculator's inputs (display units,
    what the preset fills): no stated step means the cache ends where the prefix ends."""
    return dict(MODEL.values_for(key))


DEFAULT_MODEL = "claude-sonnet-4.5"
COMPARED = ("claude-sonnet-4.5", "claude-opus-4.5", "claude-haiku-4.5", "gpt-4o", "gpt-4.1",
            "gpt-5", "gemini-2.5-pro", "deepseek-chat")


def _price(key: str, name: str, label: str) -> Field:
    return Field(key, name, label, "$/MTok", 1, 0, 1_000, 0.01, scale=1e6)


INPUT_FIELDS: tuple[Field, ...] = (
    Field("prefix_tokens", "prefix_tokens", "Stable prefix", "tokens", 100_000, 0, 1_000_000,
          1, integer=True, help="Tools, system prompt and documents identical on every request."),
    Field("unique_tokens", "unique_tokens", "Unique input per request", "tokens", 50, 0,
          1_000_000, 1, integer=True),
    Field("output_tokens", "output_tokens", "Output per request", "tokens", 0, 0, 2_000_000, 1,
          integer=True),
    Field("requests", "num_requests", "Requests within one cache lifetime", "requests", 10, 1,
          1_000_000, 1, integer=True),
    Field("parallel", "num_parallel_first", "First requests sent in parallel", "requests", 1,
          1, 1_000_000, 1, integer=True, help="Each writes: an entry is readable only once the "
          "first response begins."),
    Field("ttl", "ttl", "Cache lifetime", "choice", "5m", choices=TTLS),
    Field("interval", "interval_seconds", "Mean time between requests", "s", 60, 0.01,
          1_000_000, 1, help="For the hit probability (Poisson arrivals)."),
    _price("input_price", "input_usd_per_token", "Input price"),
    _price("output_price", "output_usd_per_token", "Output price"),
    _price("read_price", "read_usd_per_token", "Cache read price"),
    _price("write_5m_price", "write_5m_usd_per_token", "Cache write price, 5 minutes"),
    _price("write_1h_price", "write_1h_usd_per_token", "Cache write price, 1 hour"),
    Field("min_tokens", "min_tokens", "Shortest cacheable prefix", "tokens", 0, 0,
          2_000_000, 1, integer=True, help="Below it nothing is cached and no error is returned."),
    Field("increment_tokens", "increment_tokens", "Cached length step", "tokens", 1, 1,
          1_000_000,
          1, integer=True, help="OpenAI caches in 128-token steps; Anthropic up to the breakpoint."),
    Field("batch_discount", "batch_discount_ratio", "Batch discount", "%", 0, 0, 99, 1,
          scale=100),
    Field("prefill_rate", "prefill_tokens_per_second", "Prefill rate", "tokens/s", 8000, 1,
          1e9, 100, help="For the time to first token (guide 1's model)."),
)

MODEL = preset_field(
    "model", "Provider model", "provider_models", fills=FILLS, fields=INPUT_FIELDS,
    default=DEFAULT_MODEL,
    help="Fills the prices and cache rules below from the provider catalog; edit any value.")
FIELDS = (MODEL, *with_preset_defaults(MODEL, INPUT_FIELDS))

OPENAI_GPT4O = {"model": "gpt-4o", "prefix_tokens": 2006, "unique_tokens": 0,
                "output_tokens": 300, "requests": 2}
HAIKU_SHORT = {"model": "claude-haiku-4.5", "prefix_tokens": 3000}

register(
    declared("prompt_cache", prompt_cache, FIELDS,
        constants=(
            "anthropic_cache_ttl_5m_seconds", "anthropic_cache_ttl_1h_seconds",
            *get("latency_budget").constants,
        ),
        data=lambda: {"latency_defaults": latency_defaults()},
        scenarios={
            "OpenAI GPT-4o usage example (launch prices)": OPENAI_GPT4O,
            "Below the minimum (Haiku 4.5, 3,000-token prompt)": HAIKU_SHORT,
            **{f"model: {key}": {"model": key} for key in COMPARED},
        },
    )
)
