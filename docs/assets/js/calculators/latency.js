// Twin of calculators/latency.py (latency_network.py and latency_model.py): same functions, same snake_case keys, no DOM.
// Constants arrive as the second argument (from the calculator spec), never retyped here.

import { InputError, plainNumber as plain, requireRange } from "../calc-core.js";

const MAX_TOKENS = 2000000;

export function connect_round_trips(connection, k) {
  const tcp = k.tcp_handshake_round_trips;
  if (connection === "reused") return 0;
  if (connection === "new-tls13") return tcp + k.tls13_handshake_round_trips;
  if (connection === "new-tls12") return tcp + k.tls12_handshake_round_trips;
  throw new Error(`connection must be one of: reused, new-tls13, new-tls12; got '${connection}'.`);
}

export function slow_start_round_trips(requestBytes, k) {
  const mss = k.tcp_max_segment_bytes;
  let window = k.tcp_initial_window_segments;
  const segments = Math.max(1, Math.ceil(requestBytes / mss));
  let sent = 0;
  let flights = 0;
  while (sent < segments) {
    sent += window;
    window *= 2;
    flights += 1;
  }
  return flights - 1;
}

export function first_token_decode_steps(firstToken, k) {
  if (firstToken === "prefill") return k.vllm_first_token_decode_steps;
  if (firstToken === "decode-step") return 1;
  throw new Error(`first_token must be one of: prefill, decode-step; got '${firstToken}'.`);
}

function client_side(a, k) {
  const requestBytes = a.prompt_tokens * k.openai_english_chars_per_token;
  const rounds = connect_round_trips(a.connection, k);
  const isNew = a.connection !== "reused";
  const extra = isNew ? slow_start_round_trips(requestBytes, k) : 0;
  return {
    requestBytes,
    rounds,
    extra,
    dns: isNew ? a.dns_seconds : 0.0,
    connect: rounds * a.rtt_seconds,
    upload: requestBytes * 8 / a.upload_bits_per_second + extra * a.rtt_seconds,
  };
}

function e2e(a, k) {
  const c = client_side(a, k);
  const uncached = a.prompt_tokens - a.cached_prompt_tokens;
  const computed = Math.max(uncached, k.vllm_min_recomputed_prompt_tokens);
  const prefill = computed / a.prefill_tokens_per_second;
  const steps = first_token_decode_steps(a.first_token, k);
  const reasoning = a.reasoning_tokens * a.tpot_seconds;
  const firstDecode = steps * a.tpot_seconds;
  const ttft = c.dns + c.connect + c.upload + a.rtt_seconds + a.gateway_seconds + a.queue_seconds +
    prefill + reasoning + firstDecode;
  const decode = (a.output_tokens - 1) * a.tpot_seconds;
  return { ...c, uncached, computed, prefill, steps, reasoning, firstDecode, ttft, decode, e2e: ttft + decode };
}

export function latency_budget(a, k) {
  requireRange("prompt_tokens", a.prompt_tokens, 0, MAX_TOKENS, "tokens");
  requireRange("cached_prompt_tokens", a.cached_prompt_tokens, 0, MAX_TOKENS, "tokens");
  requireRange("output_tokens", a.output_tokens, 1, MAX_TOKENS, "tokens");
  requireRange("reasoning_tokens", a.reasoning_tokens, 0, MAX_TOKENS, "tokens");
  requireRange("dns_seconds", a.dns_seconds, 0, 60, "seconds");
  requireRange("rtt_seconds", a.rtt_seconds, 0, 60, "seconds");
  requireRange("upload_bits_per_second", a.upload_bits_per_second, 1e3, 1e12, "bit/s");
  requireRange("gateway_seconds", a.gateway_seconds, 0, 600, "seconds");
  requireRange("queue_seconds", a.queue_seconds, 0, 600, "seconds");
  requireRange("prefill_tokens_per_second", a.prefill_tokens_per_second, 1, 1e9, "tokens/s");
  requireRange("tpot_seconds", a.tpot_seconds, 1e-4, 60, "seconds");
  connect_round_trips(a.connection, k);
  first_token_decode_steps(a.first_token, k);
  if (a.cached_prompt_tokens > a.prompt_tokens) {
    throw new InputError(
      `Cached prompt tokens must be from 0 to the prompt tokens (${plain(a.prompt_tokens)}); ` +
      `got ${plain(a.cached_prompt_tokens)}.`,
      ["cached_prompt_tokens", "prompt_tokens"],
    );
  }
  const core = e2e(a, k);
  const halfPrompt = Math.floor(a.prompt_tokens / 2);
  const halfOutput = e2e({ ...a, output_tokens: Math.max(1, Math.floor(a.output_tokens / 2)) }, k);
  const halfInput = e2e({ ...a, prompt_tokens: halfPrompt, cached_prompt_tokens: Math.min(a.cached_prompt_tokens, halfPrompt) }, k);
  const reused = e2e({ ...a, connection: "reused" }, k);
  const total = core.e2e;
  const tokensPerSecond = 1 / a.tpot_seconds;
  return {
    ...a,
    uncached_prompt_tokens: core.uncached,
    prefill_tokens: core.computed,
    request_bytes: core.requestBytes,
    connect_round_trips: core.rounds,
    slow_start_round_trips: core.extra,
    first_token_decode_steps: core.steps,
    billed_output_tokens: a.reasoning_tokens + a.output_tokens,
    dns_lookup_seconds: core.dns,
    connect_seconds: core.connect,
    upload_seconds: core.upload,
    network_seconds: a.rtt_seconds,
    prefill_seconds: core.prefill,
    reasoning_seconds: core.reasoning,
    first_decode_seconds: core.firstDecode,
    setup_and_network_seconds: core.dns + core.connect + core.upload + a.rtt_seconds,
    server_wait_seconds: a.gateway_seconds + a.queue_seconds,
    ttft_seconds: core.ttft,
    decode_tokens: a.output_tokens - 1,
    decode_seconds: core.decode,
    e2e_seconds: total,
    e2e_databricks_seconds: core.ttft + a.output_tokens * a.tpot_seconds,
    output_tokens_per_second: tokensPerSecond,
    reading_words_per_minute: tokensPerSecond * k.words_per_token * 60,
    setup_share_ratio: (core.dns + core.connect) / total,
    network_share_ratio: (core.upload + a.rtt_seconds) / total,
    server_wait_share_ratio: (a.gateway_seconds + a.queue_seconds) / total,
    prefill_share_ratio: core.prefill / total,
    reasoning_share_ratio: core.reasoning / total,
    decode_share_ratio: (core.firstDecode + core.decode) / total,
    ttft_share_ratio: core.ttft / total,
    half_output_e2e_seconds: halfOutput.e2e,
    half_prompt_e2e_seconds: halfInput.e2e,
    half_output_saving_ratio: 1 - halfOutput.e2e / total,
    half_prompt_saving_ratio: 1 - halfInput.e2e / total,
    reused_connection_ttft_seconds: reused.ttft,
    reused_connection_saving_seconds: core.ttft - reused.ttft,
  };
}
