// Twin of calculators/metrics.py: the metric-convention converter. No DOM.

import { plainNumber as plain } from "../calc-core.js";

export function metric_conventions(a) {
  if (a.measured_e2e_seconds <= a.measured_ttft_seconds) {
    throw new Error("End-to-end time (e2e) must be longer than the time to first token (ttft).");
  }
  if (a.client_overhead_seconds > a.measured_ttft_seconds) {
    throw new Error("Network and queueing (overhead) cannot exceed the time to first token (ttft).");
  }
  const chunks = Math.ceil(a.output_tokens / a.tokens_per_chunk);
  if (chunks < 2) {
    throw new Error(
      "Tokens per chunk (tokens_per_chunk) must leave at least two chunks; " +
      `got ${plain(a.tokens_per_chunk)} for ${plain(a.output_tokens)} output tokens.`,
    );
  }
  const window = a.measured_e2e_seconds - a.measured_ttft_seconds;
  const gap = window / (chunks - 1);
  return {
    ...a,
    decode_window_seconds: window,
    num_chunks: chunks,
    tpot_n_minus_1_seconds: window / (a.output_tokens - 1),
    tpot_n_seconds: window / a.output_tokens,
    chunk_gap_seconds: gap,
    per_token_itl_seconds: gap / a.tokens_per_chunk,
    server_ttft_seconds: a.measured_ttft_seconds - a.client_overhead_seconds,
    output_tokens_per_second: (a.output_tokens - 1) / window,
  };
}
