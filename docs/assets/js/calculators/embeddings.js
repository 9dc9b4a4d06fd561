// Twin of calculators/embeddings.py and calculators/embedding_corpus.py: vector and wire
// bytes, the batch plan and the corpus model. The sustainable rate under RPM/TPM is guide 5's
// twin (limits.js). Measured characters per value and decode times arrive in `c` (data).
import { InputError, plainNumber as plain } from "../calc-core.js";
import { rate_limit_plan } from "./limits.js";

const BYTES_PER_VALUE = { float32: 4, float16: 2, int8: 1, binary: 0.125 };
const ENVELOPE = { fixed: 25 + 11 + 27 + 16 + 2, item: 30 + 13 + 1 };
const MODEL_CHARS = "text-embedding-3-small".length;

export function vector_bytes(d, dtype) {
  return dtype === "binary" ? Math.ceil(d / 8) : d * BYTES_PER_VALUE[dtype];
}
export const base64_vector_bytes = (d) => 4 * Math.ceil((4 * d) / 3);
export const json_vector_bytes = (d, chars) => 2 + (d - 1) + d * chars;

export function digits_in_indices(count) {
  let total = count;
  for (let power = 10; power < count; power *= 10) total += count - power;
  return total;
}

export function response_bytes(n, d, encoding, promptTokens, modelChars, chars) {
  if (n <= 0) return 0;
  const payload = encoding === "base64" ? base64_vector_bytes(d) + 2 : json_vector_bytes(d, chars);
  const usageDigits = 2 * String(Math.trunc(promptTokens)).length;
  return ENVELOPE.fixed + modelChars + usageDigits + (n - 1) + n * (ENVELOPE.item + payload) + digits_in_indices(n);
}

export function batch_plan(a) {
  if (a.max_tokens_per_input && a.tokens_per_chunk > a.max_tokens_per_input) {
    throw new InputError(
      `Tokens per chunk (${plain(a.tokens_per_chunk)}) exceed the provider's tokens per input (${plain(a.max_tokens_per_input)}); split the chunks.`,
      ["tokens_per_chunk", "max_tokens_per_input"]);
  }
  const byTokens = a.max_tokens_per_request ? Math.floor(a.max_tokens_per_request / a.tokens_per_chunk) : a.max_inputs_per_request;
  if (byTokens < 1) {
    throw new InputError(
      `One chunk of ${plain(a.tokens_per_chunk)} tokens is more than a request may carry (${plain(a.max_tokens_per_request)} tokens).`,
      ["tokens_per_chunk", "max_tokens_per_request"]);
  }
  const perRequest = Math.min(a.max_inputs_per_request, byTokens);
  const requests = Math.ceil(a.num_chunks / perRequest);
  return {
    inputs_per_request: perRequest, num_requests: requests,
    last_request_inputs: a.num_chunks - (requests - 1) * perRequest,
    limited_by_tokens: byTokens < a.max_inputs_per_request ? 1 : 0,
  };
}

export function chars_per_value(d, table) {
  const points = Object.entries(table).map(([k, v]) => [Number(k), v]).sort((x, y) => x[0] - y[0]);
  if (d <= points[0][0]) return points[0][1];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [d0, c0] = points[i];
    const [d1, c1] = points[i + 1];
    if (d <= d1) return c0 + ((Math.log(d) - Math.log(d0)) / (Math.log(d1) - Math.log(d0))) * (c1 - c0);
  }
  return points[points.length - 1][1];
}

export function embedding_corpus(a, c) {
  const plan = batch_plan(a);
  const k = plan.inputs_per_request;
  if (k * a.tokens_per_chunk > a.tpm_limit) {
    throw new InputError(
      `A full request of ${plain(k * a.tokens_per_chunk)} tokens is more than the tokens-per-minute limit (${plain(a.tpm_limit)}) lets through; lower the tokens per request.`,
      ["tpm_limit", "max_tokens_per_request"]);
  }
  const d = a.dimensions;
  const chars = chars_per_value(d, c.chars_per_value);
  const body = (n, enc) => Math.round(response_bytes(n, d, enc, n * a.tokens_per_chunk, MODEL_CHARS, chars));
  const corpus = (enc) => (plan.num_requests - 1) * body(k, enc) + body(plan.last_request_inputs, enc);
  const requestBody = body(k, a.encoding);
  const requestSeconds = a.rtt_seconds + a.server_seconds + (requestBody * 8) / a.downlink_bits_per_second;
  const limits = rate_limit_plan({
    provider: "openai", rpm_limit: a.rpm_limit, itpm_limit: 0, otpm_limit: 0, tpm_limit: a.tpm_limit,
    rpd_limit: 0, window_seconds: 60, input_tokens: k * a.tokens_per_chunk, cache_read_tokens: 0,
    cache_write_tokens: 0, output_tokens: 0, max_tokens: 0, num_choices: 1, attempts_per_success: 1,
    cache_reads_count: "no", e2e_seconds: requestSeconds, offered_requests_per_minute: 0,
  });
  const byLimits = limits.sustainable_requests_per_minute;
  const byConcurrency = (a.concurrency * 60) / requestSeconds;
  const rate = Math.min(byLimits, byConcurrency);
  const totalTokens = a.num_chunks * a.tokens_per_chunk;
  const fullCost = totalTokens * a.price_usd_per_token;
  const discount = a.batch === "yes" ? a.batch_discount_ratio : 0;
  const f32 = vector_bytes(d, "float32");
  const b64 = base64_vector_bytes(d);
  const js = json_vector_bytes(d, chars);
  const values = a.num_chunks * d;
  const decJson = values * c.decode_float_seconds_per_value;
  const decB64 = values * c.decode_base64_seconds_per_value;
  return {
    num_chunks: a.num_chunks, tokens_per_chunk: a.tokens_per_chunk, dimensions: d,
    storage_dtype: a.storage_dtype, encoding: a.encoding, concurrency: a.concurrency,
    max_inputs_per_request: a.max_inputs_per_request, max_tokens_per_request: a.max_tokens_per_request,
    total_tokens: totalTokens, inputs_per_request: k, num_requests: plan.num_requests,
    last_request_inputs: plan.last_request_inputs, limited_by_tokens: plan.limited_by_tokens,
    stored_vector_bytes: vector_bytes(d, a.storage_dtype), float32_vector_bytes: f32,
    base64_vector_bytes: b64, json_vector_bytes: js, json_chars_per_value: chars,
    base64_over_float32_ratio: b64 / f32, json_over_base64_ratio: js / b64,
    request_body_bytes: requestBody, corpus_body_bytes: corpus(a.encoding),
    corpus_json_body_bytes: corpus("float"), corpus_base64_body_bytes: corpus("base64"),
    request_seconds: requestSeconds, limits_requests_per_minute: byLimits,
    concurrency_requests_per_minute: byConcurrency, requests_per_minute: rate,
    concurrency_limited: byConcurrency < byLimits ? 1 : 0,
    concurrency_to_reach_limits: (byLimits / 60) * requestSeconds,
    corpus_seconds: (plan.num_requests / rate) * 60,
    cost_usd: fullCost * (1 - discount), cost_full_price_usd: fullCost,
    storage_bytes: a.num_chunks * vector_bytes(d, a.storage_dtype), storage_float32_bytes: a.num_chunks * f32,
    decode_json_seconds: decJson, decode_base64_seconds: decB64,
    decode_seconds: a.encoding === "base64" ? decB64 : decJson,
  };
}
