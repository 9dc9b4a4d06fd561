// Twin of calculators/usage_bill.py and calculators/usage_bill_calc.py: the charge of one
// request from its pasted usage object. No DOM; prices arrive in the second argument.

import { InputError, plainNumber as plain, requireRange } from "../calc-core.js";

const MAX_COUNT = 1e10;
const ANTHROPIC_KEYS = new Set(["input_tokens", "output_tokens", "cache_creation_input_tokens",
  "cache_read_input_tokens", "cache_creation", "service_tier"]);
const OPENAI_CHAT = new Set(["prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details",
  "completion_tokens_details", "prompt_cache_hit_tokens", "prompt_cache_miss_tokens"]);
const OPENAI_RESPONSES = new Set(["input_tokens", "output_tokens", "total_tokens", "input_tokens_details",
  "output_tokens_details"]);
const DETAILS = {
  prompt_tokens_details: new Set(["cached_tokens", "audio_tokens"]),
  input_tokens_details: new Set(["cached_tokens"]),
  completion_tokens_details: new Set(["reasoning_tokens", "audio_tokens", "accepted_prediction_tokens",
    "rejected_prediction_tokens"]),
  output_tokens_details: new Set(["reasoning_tokens"]),
  cache_creation: new Set(["ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens"]),
};
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const fmt = (n) => plain(n);

function describe(value) {
  if (value === true || value === false) return String(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  return Array.isArray(value) ? "a list" : "an object";
}

export function parse_usage(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("Usage JSON is not valid JSON; paste the usage object as the API returned it.");
  }
  if (isObject(data) && isObject(data.usage)) data = data.usage;
  if (!isObject(data)) throw new Error(`Usage JSON must be a JSON object; got ${describe(data)}.`);
  return data;
}

function count(obj, key, where = "") {
  const value = obj[key];
  if (value === undefined || value === null) return 0;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_COUNT) {
    throw new Error(`Usage field ${where}${key} must be a whole number of tokens from 0 to 10,000,000,000; got ${describe(value)}.`);
  }
  return value;
}

function checkKeys(obj, allowed, provider, where = "") {
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) {
      throw new Error(`Usage field ${where}${key} is not among the ${provider} usage fields this calculator bills; remove it or choose another model.`);
    }
    if (key in DETAILS && obj[key] !== null) {
      if (!isObject(obj[key])) throw new Error(`Usage field ${where}${key} must be an object; got ${describe(obj[key])}.`);
      checkKeys(obj[key], DETAILS[key], provider, `${where}${key}.`);
    }
  }
}

function price(p, attr, what, multiple) {
  const value = p[attr];
  if (value === null || value === undefined) {
    throw new Error(`${p.key} has no ${what} price in the catalog; this usage cannot be billed.`);
  }
  return value * multiple;
}

export function bill_usage(usage, p, batch) {
  const provider = p.provider;
  const d = {};
  for (const key of Object.keys(DETAILS)) d[key] = usage[key] || {};
  let reasoning = 0;
  let uncached; let w5; let w1; let read; let out; let totalIn; let mistakeIn;
  if (provider === "anthropic") {
    checkKeys(usage, ANTHROPIC_KEYS, "Anthropic");
    const tier = usage.service_tier;
    if (!(tier === undefined || tier === null || tier === "standard" || tier === "batch")) {
      throw new Error(`Usage field service_tier ${describe(tier)} is not list-priced; this calculator bills standard and batch requests.`);
    }
    if (tier === "batch" && !batch) throw new Error("The usage says service_tier \"batch\": choose Batch API: yes.");
    if (tier === "standard" && batch) throw new Error("The usage says service_tier \"standard\": choose Batch API: no.");
    uncached = count(usage, "input_tokens");
    const created = count(usage, "cache_creation_input_tokens");
    read = count(usage, "cache_read_input_tokens");
    out = count(usage, "output_tokens");
    if (usage.cache_creation !== undefined && usage.cache_creation !== null) {
      w5 = count(d.cache_creation, "ephemeral_5m_input_tokens", "cache_creation.");
      w1 = count(d.cache_creation, "ephemeral_1h_input_tokens", "cache_creation.");
      if (w5 + w1 !== created) {
        throw new Error(`cache_creation_input_tokens (${fmt(created)}) must equal the 5-minute plus 1-hour writes (${fmt(w5)} + ${fmt(w1)}); the usage is inconsistent.`);
      }
    } else {
      w5 = created;
      w1 = 0;
    }
    totalIn = uncached + created + read;
    mistakeIn = [uncached + created, read];
  } else if (provider === "openai" || provider === "deepseek") {
    const responses = "input_tokens" in usage || "input_tokens_details" in usage;
    checkKeys(usage, responses ? OPENAI_RESPONSES : OPENAI_CHAT, "OpenAI");
    const [pkey, ckey] = responses ? ["input_tokens", "output_tokens"] : ["prompt_tokens", "completion_tokens"];
    const [dkey, okey] = responses ? ["input_tokens_details", "output_tokens_details"]
      : ["prompt_tokens_details", "completion_tokens_details"];
    totalIn = count(usage, pkey);
    out = count(usage, ckey);
    read = count(d[dkey], "cached_tokens", `${dkey}.`);
    if ("prompt_cache_hit_tokens" in usage) {
      const hit = count(usage, "prompt_cache_hit_tokens");
      const miss = count(usage, "prompt_cache_miss_tokens");
      if (hit + miss !== totalIn) {
        throw new Error(`prompt_cache_hit_tokens + prompt_cache_miss_tokens (${fmt(hit)} + ${fmt(miss)}) must equal prompt_tokens (${fmt(totalIn)}).`);
      }
      read = Math.max(read, hit);
    }
    reasoning = count(d[okey], "reasoning_tokens", `${okey}.`);
    if (count(d[dkey], "audio_tokens", `${dkey}.`) || count(d[okey], "audio_tokens", `${okey}.`)) {
      throw new Error("Audio tokens are priced separately; this calculator bills text.");
    }
    if (read > totalIn) throw new Error(`cached_tokens (${fmt(read)}) cannot exceed ${pkey} (${fmt(totalIn)}): ${pkey} already includes them.`);
    if (reasoning > out) throw new Error(`reasoning_tokens (${fmt(reasoning)}) cannot exceed ${ckey} (${fmt(out)}): ${ckey} already includes them.`);
    if (usage.total_tokens !== undefined && usage.total_tokens !== null && count(usage, "total_tokens") !== totalIn + out) {
      throw new Error(`total_tokens (${fmt(count(usage, "total_tokens"))}) must equal ${pkey} + ${ckey} (${fmt(totalIn + out)}).`);
    }
    uncached = totalIn - read;
    w5 = 0;
    w1 = 0;
    mistakeIn = [totalIn, read];
  } else {
    throw new Error(`${p.key}: no usage format for provider ${provider}.`);
  }
  if (batch && p.batch_discount_ratio === null) throw new Error(`${p.key} has no batch price in the catalog.`);
  const long = p.long_context_threshold_tokens !== null && p.long_context_threshold_tokens !== undefined &&
    totalIn > p.long_context_threshold_tokens;
  const mi = long ? p.long_input_multiple : 1.0;
  const mo = long ? p.long_output_multiple : 1.0;
  const factor = batch && p.batch_discount_ratio ? 1 - p.batch_discount_ratio : 1.0;
  const pin = price(p, "input_usd_per_token", "input", mi);
  const pout = price(p, "output_usd_per_token", "output", mo);
  const pr = read ? price(p, "cache_read_usd_per_token", "cache read", mi) : 0.0;
  const pw5 = w5 ? price(p, "cache_write_5m_usd_per_token", "5-minute cache write", mi) : 0.0;
  const pw1 = w1 ? price(p, "cache_write_1h_usd_per_token", "1-hour cache write", mi) : 0.0;
  const lines = [factor * uncached * pin, factor * w5 * pw5, factor * w1 * pw1, factor * read * pr, factor * out * pout];
  const total = lines[0] + lines[1] + lines[2] + lines[3] + lines[4];
  if (total <= 0 && totalIn + out > 0) throw new Error(`${p.key} prices these tokens at $0; check the catalog entry.`);
  const mistake = factor * (mistakeIn[0] * pin + mistakeIn[1] * pr + out * pout);
  return {
    provider, num_input_tokens: totalIn, num_uncached_input_tokens: uncached, num_cache_write_5m_tokens: w5,
    num_cache_write_1h_tokens: w1, num_cache_read_tokens: read, num_output_tokens: out,
    num_reasoning_tokens: reasoning, long_context: long ? 1 : 0, batch_factor: factor,
    uncached_input_usd: lines[0], cache_write_5m_usd: lines[1], cache_write_1h_usd: lines[2],
    cache_read_usd: lines[3], output_usd: lines[4], total_usd: total, common_mistake_usd: mistake,
  };
}

export function usage_bill(a, k) {
  requireRange("num_requests", a.num_requests, 1, 1e9, "requests");
  const p = k.prices[a.model];
  if (!p) throw new InputError(`Provider model '${a.model}' has no price in the catalog.`, ["model"]);
  if (a.batch !== "no" && a.batch !== "yes") throw new InputError(`Batch API must be one of: no, yes; got '${a.batch}'.`, ["batch"]);
  let bill;
  try {
    bill = bill_usage(parse_usage(a.usage_json), p, a.batch === "yes");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(error.message, ["usage_json"]);
  }
  return {
    ...bill, model: a.model, num_requests: a.num_requests, requests_total_usd: bill.total_usd * a.num_requests,
    mistake_error_usd: bill.common_mistake_usd - bill.total_usd,
  };
}
