// Twin of calculators/metrics.py: the metric-convention converter. No DOM.

import { InputError, plainNumber as plain } from "../calc-core.js";

export const MIN_DECODE_WINDOW_SECONDS = 0.001;

export function metric_conventions(a) {
  if (a.measured_e2e_seconds - a.measured_ttft_seconds < MIN_DECODE_WINDOW_SECONDS) {
    throw new InputError(
      "Measured end-to-end time must be at least 1 ms longer than the measured time to first token.",
      ["measured_e2e_seconds", "measured_ttft_seconds"],
    );
  }
  if (a.client_network_seconds + a.queue_seconds > a.measured_ttft_seconds) {
    throw new InputError(
      "Client network in the TTFT and queueing at the server together must be at most " +
      "the measured time to first token.",
      ["client_network_seconds", "queue_seconds", "measured_ttft_seconds"],
    );
  }
  const chunks = Math.ceil(a.output_tokens / a.tokens_per_chunk);
  if (chunks < 2) {
    throw new InputError(
      "Tokens per streamed chunk must leave at least two chunks: at most " +
      `${plain(a.output_tokens - 1)} for ${plain(a.output_tokens)} output tokens; got ${plain(a.tokens_per_chunk)}.`,
      ["tokens_per_chunk", "output_tokens"],
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
