// Twin of calculators/metrics.py: the metric-convention converter. No DOM.

import { plainNumber as plain } from "../calc-core.js";

export function metric_conventions(a) {
  if (a.measured_e2e_seconds <= a.measured_ttft_seconds) {
    throw new Error("Measured end-to-end time must be longer than the measured time to first token.");
  }
  if (a.client_network_seconds + a.queue_seconds > a.measured_ttft_seconds) {
    throw new Error(
      "Client network in the TTFT and queueing at the server together cannot exceed " +
      "the measured time to first token.",
    );
  }
  const chunks = Math.ceil(a.output_tokens / a.tokens_per_chunk);
  if (chunks < 2) {
    throw new Error(
      "Tokens per streamed chunk must leave at least two chunks; " +
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
    server_ttft_seconds: a.measured_ttft_seconds - a.client_network_seconds,
    engine_ttft_seconds: a.measured_ttft_seconds - a.client_network_seconds - a.queue_seconds,
    output_tokens_per_second: (a.output_tokens - 1) / window,
  };
}
