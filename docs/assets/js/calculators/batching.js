// Twin of calculators/batching.py (and streaming_job of batching_calcs.py): the batch curve,
// the prefill stall with chunked prefill, Little's-law concurrency. Every time comes from the
// roofline twin. No DOM.

import { InputError, plainNumber as plain } from "../calc-core.js";
import { roofline } from "./roofline.js";

export const MAX_BATCH = 100000;

export function batch_throughput(a, c) {
  const at = roofline(a, c);
  const one = roofline({ ...a, batch_size: 1 }, c);
  return {
    batch_size: at.batch_size, prompt_tokens: at.prompt_tokens, output_tokens: at.output_tokens,
    step_seconds: at.tpot_seconds, step_one_seconds: one.tpot_seconds,
    output_tokens_per_second: at.output_tokens_per_second,
    output_tokens_per_second_one: one.output_tokens_per_second,
    output_tokens_per_second_per_user: at.output_tokens_per_second_per_user,
    throughput_gain: at.output_tokens_per_second / one.output_tokens_per_second,
    step_slowdown: at.tpot_seconds / one.tpot_seconds,
    kv_read_share_ratio: at.decode_kv_read_bytes / at.decode_step_bytes,
    decode_kv_read_bytes: at.decode_kv_read_bytes,
    decode_weight_read_bytes: at.decode_weight_read_bytes,
    critical_batch_size: at.critical_batch_size, decode_compute_bound: at.decode_compute_bound,
    ttft_seconds: at.ttft_seconds, e2e_seconds: at.e2e_seconds,
  };
}

export function prefill_stall(a, c) {
  const P = a.arriving_prompt_tokens;
  if (P + a.output_tokens > a.context_window_tokens) {
    throw new InputError(
      `Arriving prompt of ${plain(P)} tokens plus the output is beyond the model's context window of ${plain(a.context_window_tokens)} tokens.`,
      ["arriving_prompt_tokens", "context_window_tokens"]);
  }
  const running = roofline(a, c);
  const arriving = roofline({ ...a, prompt_tokens: P, batch_size: 1 }, c);
  const chunk = Math.min(a.chunk_tokens, P);
  const chunks = Math.ceil(P / chunk);
  const perChunk = arriving.prefill_compute_seconds / chunks;
  const step = running.tpot_seconds;
  const wholeGap = step + arriving.prefill_seconds;
  const chunkedGap = step + perChunk;
  const ttftWhole = arriving.prefill_seconds + step;
  const ttftChunked = chunks * chunkedGap;
  return {
    batch_size: running.batch_size, arriving_prompt_tokens: P, chunk_tokens: chunk,
    num_chunks: chunks, step_seconds: step, prefill_seconds: arriving.prefill_seconds,
    chunk_compute_seconds: perChunk, gap_unchunked_seconds: wholeGap,
    gap_chunked_seconds: chunkedGap, stall_cap_multiple: wholeGap / chunkedGap,
    ttft_unchunked_seconds: ttftWhole, ttft_chunked_seconds: ttftChunked,
    ttft_chunked_cost_multiple: ttftChunked / ttftWhole,
  };
}

export function concurrency_for_throughput(a, c) {
  const target = a.target_tokens_per_second;
  const rate = (batch) => roofline({ ...a, batch_size: batch }, c).output_tokens_per_second;
  const ceiling = rate(MAX_BATCH);
  if (target > ceiling) {
    throw new InputError(
      `Target throughput of ${plain(target)} tokens/s is above what this model reaches on this hardware (${plain(Math.round(ceiling))} tokens/s at a batch of ${plain(MAX_BATCH)}); add GPUs or lower the target.`,
      ["target_tokens_per_second"]);
  }
  let low = 1;
  let high = MAX_BATCH;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (rate(mid) >= target) high = mid;
    else low = mid + 1;
  }
  const at = roofline({ ...a, batch_size: low }, c);
  const requests = target / at.output_tokens;
  return {
    target_tokens_per_second: target, batch_size: low,
    output_tokens_per_second: at.output_tokens_per_second,
    output_tokens_per_second_per_user: at.output_tokens_per_second_per_user,
    step_seconds: at.tpot_seconds, requests_per_second: requests, e2e_seconds: at.e2e_seconds,
    in_flight_requests: requests * at.e2e_seconds, max_output_tokens_per_second: ceiling,
  };
}

export function streaming_job(a) {
  const e2e = a.ttft_seconds + (a.output_tokens - 1) * a.tpot_seconds;
  return {
    ttft_seconds: a.ttft_seconds, tpot_seconds: a.tpot_seconds, output_tokens: a.output_tokens,
    e2e_seconds: e2e, first_visible_streaming_seconds: a.ttft_seconds,
    first_visible_buffered_seconds: e2e, e2e_streaming_seconds: e2e, e2e_buffered_seconds: e2e,
    wait_saved_seconds: e2e - a.ttft_seconds, wait_saved_ratio: (e2e - a.ttft_seconds) / e2e,
  };
}
