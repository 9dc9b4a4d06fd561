// Twin of calculators/caching.py and calculators/caching_calc.py: prompt-cache cost, reuse,
// hit probability and TTFT saved. No DOM; constants arrive as the second argument.

import { InputError, requireRange } from "../calc-core.js";
import { latency_budget } from "./latency.js";

const MAX_TOKENS = 10000000;
const TTL_KEYS = { "5m": "anthropic_cache_ttl_5m_seconds", "1h": "anthropic_cache_ttl_1h_seconds" };

export function cached_prefix_tokens(prefix, min, step) {
  requireRange("prefix_tokens", prefix, 0, MAX_TOKENS, "tokens");
  requireRange("min_tokens", min, 0, MAX_TOKENS, "tokens");
  requireRange("increment_tokens", step, 1, MAX_TOKENS, "tokens");
  if (prefix < min) return 0;
  return min + Math.floor((prefix - min) / step) * step;
}

export function relative_prefix_cost(w, r, uses) {
  requireRange("uses", uses, 1, MAX_TOKENS, "requests");
  return (w + r * (uses - 1)) / uses;
}

export function break_even_uses(w, r) {
  if (!(r >= 0 && r < 1)) throw new Error("The cache read price must be below the input price.");
  return Math.floor((w - r) / (1 - r)) + 1;
}

export function hit_probability(interval, ttl) {
  requireRange("interval_seconds", interval, 1e-3, 1e9, "seconds");
  requireRange("ttl_seconds", ttl, 0, 1e9, "seconds");
  return -Math.expm1(-ttl / interval);
}

export function prompt_cache(a, k) {
  for (const name of ["input_usd_per_token", "output_usd_per_token", "read_usd_per_token",
    "write_5m_usd_per_token", "write_1h_usd_per_token"]) requireRange(name, a[name], 0, 1, "USD/token");
  requireRange("batch_discount_ratio", a.batch_discount_ratio, 0, 0.99, "ratio");
  requireRange("num_requests", a.num_requests, 1, MAX_TOKENS, "requests");
  requireRange("num_parallel_first", a.num_parallel_first, 1, MAX_TOKENS, "requests");
  if (!(a.ttl in TTL_KEYS)) throw new InputError(`Cache lifetime must be one of: 5m, 1h; got '${a.ttl}'.`, ["ttl"]);
  const pin = a.input_usd_per_token;
  if (pin <= 0) throw new InputError("Input price must be above 0 USD per million tokens.", ["input_usd_per_token"]);
  if (a.read_usd_per_token >= pin) {
    throw new InputError("Cache read price must be below the input price.", ["read_usd_per_token", "input_usd_per_token"]);
  }
  const writeName = a.ttl === "5m" ? "write_5m_usd_per_token" : "write_1h_usd_per_token";
  const write = a[writeName];
  if (write < pin) {
    throw new InputError("The cache write price must not be below the input price.", [writeName, "input_usd_per_token"]);
  }
  const kt = cached_prefix_tokens(a.prefix_tokens, a.min_tokens, a.increment_tokens);
  const b = 1 - a.batch_discount_ratio;
  const n = a.num_requests;
  const writes = Math.min(a.num_parallel_first, n);
  const rest = (a.prefix_tokens - kt + a.unique_tokens) * pin;
  const out = a.output_tokens * a.output_usd_per_token;
  const uncachedIn = (a.prefix_tokens + a.unique_tokens) * pin;
  const rd = a.read_usd_per_token;
  const winInCached = b * (writes * kt * write + (n - writes) * kt * rd + n * rest);
  const winInUncached = b * n * uncachedIn;
  const windowCached = winInCached + b * n * out;
  const windowUncached = winInUncached + b * n * out;
  const ttlSeconds = k[TTL_KEYS[a.ttl]];
  const hit = hit_probability(a.interval_seconds, ttlSeconds);
  const steady = b * (hit * kt * rd + (1 - hit) * kt * write + rest + out);
  const wm = write / pin;
  const rm = rd / pin;
  const common = {
    ...k.latency_defaults, prompt_tokens: a.prefix_tokens + a.unique_tokens,
    output_tokens: Math.max(1, a.output_tokens), prefill_tokens_per_second: a.prefill_tokens_per_second,
  };
  const cold = latency_budget({ ...common, cached_prompt_tokens: 0 }, k);
  const warm = latency_budget({ ...common, cached_prompt_tokens: kt }, k);
  return {
    prefix_tokens: a.prefix_tokens, unique_tokens: a.unique_tokens, output_tokens: a.output_tokens,
    num_requests: n, num_parallel_first: a.num_parallel_first, ttl: a.ttl, ttl_seconds: ttlSeconds,
    interval_seconds: a.interval_seconds, num_cached_tokens: kt, num_writes: writes, num_reads: n - writes,
    write_multiple: wm, read_multiple: rm,
    input_usd_per_mtok: pin * 1e6, write_usd_per_mtok: write * 1e6, read_usd_per_mtok: rd * 1e6,
    output_usd_per_mtok: a.output_usd_per_token * 1e6,
    request_uncached_usd: b * (uncachedIn + out),
    request_write_usd: b * (kt * write + rest + out),
    request_read_usd: b * (kt * rd + rest + out),
    window_input_uncached_usd: winInUncached, window_input_cached_usd: winInCached,
    window_uncached_usd: windowUncached, window_cached_usd: windowCached,
    window_saving_ratio: 1 - windowCached / windowUncached,
    relative_prefix_cost: relative_prefix_cost(wm, rm, n),
    break_even_uses_5m: break_even_uses(a.write_5m_usd_per_token / pin, rm),
    break_even_uses_1h: break_even_uses(a.write_1h_usd_per_token / pin, rm),
    hit_probability_ratio: hit,
    hit_probability_5m_ratio: hit_probability(a.interval_seconds, k[TTL_KEYS["5m"]]),
    hit_probability_1h_ratio: hit_probability(a.interval_seconds, k[TTL_KEYS["1h"]]),
    steady_cached_usd: steady,
    steady_saving_ratio: 1 - steady / (b * (uncachedIn + out)),
    concurrency_extra_usd: b * (writes - 1) * kt * (write - rd),
    ttft_uncached_seconds: cold.ttft_seconds, ttft_cached_seconds: warm.ttft_seconds,
    ttft_saved_seconds: cold.ttft_seconds - warm.ttft_seconds,
  };
}
