// Twin of calculators/memory.py: weight and KV-cache bytes for MHA, GQA, MQA, MLA and
// sliding-window layers. No DOM. Byte widths arrive in c.dtype_bytes (never retyped).

import { InputError, plainNumber as plain } from "../calc-core.js";

export function kv_bytes_per_token_layer(a, c) {
  const width = c.dtype_bytes[a.kv_dtype];
  if (a.attention === "mla") return (a.kv_lora_rank + a.qk_rope_head_dim) * width;
  return 2 * a.num_kv_heads * a.head_dim * width;
}

export function kv_bytes_for_context(perLayer, layers, windowLayers, window, context) {
  const full = layers - windowLayers;
  const windowed = windowLayers ? Math.min(context, window) : 0;
  return perLayer * (full * context + windowLayers * windowed);
}

export function check_shape(a, contextTokens, contextLabel = "Context per sequence",
  contextFields = ["context_tokens"]) {
  if (a.params_active > a.params_total) {
    throw new InputError(
      "Active parameters per token cannot exceed total parameters; " +
      `got ${plain(a.params_active / 1e9)} > ${plain(a.params_total / 1e9)} billion.`,
      ["params_active", "params_total"],
    );
  }
  if (a.attention === "mla" && a.kv_lora_rank <= 0) {
    throw new InputError("Multi-head latent attention needs an MLA latent rank above 0.", ["kv_lora_rank", "attention"]);
  }
  if (a.attention === "mqa" && a.num_kv_heads !== 1) {
    throw new InputError(`Multi-query attention has exactly one KV head; got ${a.num_kv_heads}.`, ["num_kv_heads", "attention"]);
  }
  if (a.num_sliding_window_layers > a.num_layers) {
    throw new InputError(
      "Sliding-window layers cannot exceed layers; " +
      `got ${a.num_sliding_window_layers} > ${a.num_layers}.`,
      ["num_sliding_window_layers", "num_layers"],
    );
  }
  if (a.num_sliding_window_layers && a.sliding_window_tokens <= 0) {
    throw new InputError("Sliding-window layers need a sliding window above 0 tokens.", ["sliding_window_tokens", "num_sliding_window_layers"]);
  }
  if (contextTokens > a.context_window_tokens) {
    throw new InputError(
      `${contextLabel} of ${plain(contextTokens)} tokens is beyond the model's ` +
      `context window of ${plain(a.context_window_tokens)} tokens.`,
      [...contextFields, "context_window_tokens"],
    );
  }
}

export function model_memory(a, c) {
  check_shape(a, a.context_tokens);
  const perWeight = c.dtype_bytes[a.weight_dtype];
  const perLayer = kv_bytes_per_token_layer(a, c);
  const sequence = kv_bytes_for_context(perLayer, a.num_layers, a.num_sliding_window_layers,
    a.sliding_window_tokens, a.context_tokens);
  const weights = a.params_total * perWeight;
  const kvTotal = sequence * a.num_sequences;
  const total = weights + kvTotal;
  return {
    params_total: a.params_total, params_active: a.params_active, weight_dtype: a.weight_dtype,
    kv_dtype: a.kv_dtype, context_tokens: a.context_tokens, num_sequences: a.num_sequences,
    bytes_per_weight: perWeight,
    weight_bytes: weights,
    weight_bf16_bytes: a.params_total * c.dtype_bytes.bf16,
    weight_fp8_bytes: a.params_total * c.dtype_bytes.fp8,
    weight_int4_bytes: a.params_total * c.dtype_bytes.int4,
    active_weight_bytes: a.params_active * perWeight,
    kv_bytes_per_token_layer: perLayer,
    kv_bytes_per_token: perLayer * a.num_layers,
    kv_bytes_per_sequence: sequence,
    kv_average_bytes_per_token: a.context_tokens ? sequence / a.context_tokens : 0,
    kv_total_bytes: kvTotal,
    total_bytes: total,
    kv_share_ratio: kvTotal / total,
  };
}
