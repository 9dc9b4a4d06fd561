// Twin of calculators/serving.py: KV budget, capacity, paged blocks, concurrency and the
// vLLM start-up check. No DOM. Byte widths arrive in c.dtype_bytes.

import { InputError, plainNumber as plain } from "../calc-core.js";
import { check_shape, kv_bytes_for_context, kv_bytes_per_token_layer } from "./memory.js";

export function kv_per_gpu_ratio(attention, kvHeads, n) {
  if (n <= 1 || attention === "mla") return 1;
  return Math.max(1, Math.ceil(kvHeads / n)) / kvHeads;
}

export function serving_capacity(a, c) {
  check_shape(a, a.max_model_len_tokens, "Maximum model length", ["max_model_len_tokens"]);
  if (a.context_tokens > a.max_model_len_tokens) {
    throw new InputError(
      `Tokens per sequence of ${plain(a.context_tokens)} is beyond ` +
      `the maximum model length of ${plain(a.max_model_len_tokens)} tokens.`,
      ["context_tokens", "max_model_len_tokens"],
    );
  }
  const n = a.num_gpus;
  const weights = a.params_total * c.dtype_bytes[a.weight_dtype];
  const usable = n * (a.memory_bytes * a.gpu_memory_utilization_ratio - a.activation_reserve_bytes);
  const budget = usable - weights;
  if (budget <= 0) {
    throw new InputError(
      `The model does not fit: its weights (${(weights / 1e9).toFixed(2)} GB) ` +
      `need more than the ${(usable / 1e9).toFixed(2)} GB usable on ` +
      `${n} GPU(s) after the utilisation cap and the activation reserve. ` +
      "Use more GPUs, a smaller weight format or a GPU with more memory.",
      ["params_total", "num_gpus", "memory_bytes", "weight_dtype"],
    );
  }
  const perLayer = kv_bytes_per_token_layer(a, c);
  const perToken = perLayer * a.num_layers * kv_per_gpu_ratio(a.attention, a.num_kv_heads, n) * n;
  const seqBytes = (tokens) => kv_bytes_for_context(perLayer, a.num_layers, a.num_sliding_window_layers,
    a.sliding_window_tokens, tokens) * perToken / (perLayer * a.num_layers);
  const block = a.block_size_tokens;
  const blocks = Math.floor(budget / (block * perToken));
  const maxFit = blocks * block;
  const longest = seqBytes(a.max_model_len_tokens);
  if (longest > budget) {
    throw new InputError(
      `The KV cache needed for one sequence of the maximum model length, ` +
      `${plain(a.max_model_len_tokens)} tokens (${(longest / 1e9).toFixed(2)} GB), ` +
      `is larger than the available KV cache memory (${(budget / 1e9).toFixed(2)} GB). ` +
      `The longest that fits is about ${plain(maxFit)} tokens: lower the maximum ` +
      "model length, raise the memory the server may use, or add GPUs.",
      ["max_model_len_tokens", "gpu_memory_utilization_ratio", "num_gpus"],
    );
  }
  const perSeqBlocks = a.context_tokens ? Math.ceil(a.context_tokens / block) : 1;
  const pagedSeq = seqBytes(perSeqBlocks * block);
  const concurrent = Math.floor(budget / pagedSeq);
  const contiguous = Math.floor(budget / longest);
  const waste = perSeqBlocks * block - a.context_tokens;
  const admitted = Math.min(a.requested_sequences, concurrent);
  return {
    memory_bytes: a.memory_bytes, num_gpus: n,
    gpu_memory_utilization_ratio: a.gpu_memory_utilization_ratio,
    activation_reserve_bytes: a.activation_reserve_bytes, block_size_tokens: block,
    context_tokens: a.context_tokens, max_model_len_tokens: a.max_model_len_tokens,
    requested_sequences: a.requested_sequences,
    weight_bytes: weights, weight_bytes_per_gpu: weights / n, usable_bytes: usable,
    kv_budget_bytes: budget, kv_bytes_per_token: perLayer * a.num_layers,
    kv_bytes_per_token_per_gpu: perToken / n,
    token_capacity: budget / perToken, num_blocks: blocks,
    blocks_per_sequence: perSeqBlocks, concurrent_sequences: concurrent,
    contiguous_sequences: contiguous,
    paged_gain_ratio: concurrent / contiguous,
    last_block_waste_tokens: waste,
    paged_waste_ratio: waste / (perSeqBlocks * block),
    contiguous_waste_tokens: a.max_model_len_tokens - a.context_tokens,
    contiguous_waste_ratio: (a.max_model_len_tokens - a.context_tokens) / a.max_model_len_tokens,
    admitted_sequences: admitted, preempted_sequences: a.requested_sequences - admitted,
    max_context_that_fits_tokens: maxFit,
    weight_share_ratio: weights / (n * a.memory_bytes),
    kv_share_ratio: budget / (n * a.memory_bytes),
  };
}
