// Twin of calculators/roofline.py: prefill and decode on n GPUs, and the MBU / MFU a
// measurement implies. No DOM. Byte widths arrive in c.dtype_bytes.

import { InputError } from "../calc-core.js";
import { check_shape, kv_bytes_for_context, kv_bytes_per_token_layer } from "./memory.js";

export const ACTIVATION_BYTES = 2;

export function allreduce_seconds(n, layers, batch, hidden, link, latency) {
  if (n <= 1) return 0;
  const message = batch * hidden * ACTIVATION_BYTES;
  const perCollective = (2 * (n - 1) / n) * message / link + latency;
  return 2 * layers * perCollective;
}

export function roofline(a, c) {
  check_shape(a, a.prompt_tokens + a.output_tokens, "Prompt plus output", ["prompt_tokens", "output_tokens"]);
  const perWeight = c.dtype_bytes[a.weight_dtype];
  const perLayer = kv_bytes_per_token_layer(a, c);
  const n = a.num_gpus;
  const peak = a.peak_flops_per_second * n;
  const bandwidth = a.memory_bandwidth_bytes_per_second * n;
  const weights = a.params_total * perWeight;
  const T = a.prompt_tokens;
  const attentionFlops = 2 * a.num_layers * T ** 2 * a.hidden_size;
  const pFlops = 2 * a.params_active * T + attentionFlops;
  const promptKv = kv_bytes_for_context(perLayer, a.num_layers, a.num_sliding_window_layers, a.sliding_window_tokens, T);
  const pBytes = a.params_active * perWeight + promptKv;
  const pCompute = pFlops / (peak * a.mfu_ratio);
  const pMemory = a.params_active * perWeight / (bandwidth * a.mbu_ratio);
  const commsPrefill = allreduce_seconds(n, a.num_layers, T, a.hidden_size, a.link_bytes_per_second, a.collective_latency_seconds);
  const prefill = Math.max(pCompute, pMemory) + commsPrefill + a.step_overhead_seconds;
  const meanContext = T + Math.floor(a.output_tokens / 2);
  const kvSequence = kv_bytes_for_context(perLayer, a.num_layers, a.num_sliding_window_layers, a.sliding_window_tokens, meanContext);
  const B = a.batch_size;
  const weightRead = Math.min(a.params_total, B * a.params_active) * perWeight;
  const kvRead = B * kvSequence;
  const dBytes = weightRead + kvRead;
  const dFlops = 2 * a.params_active * B + 4 * a.num_layers * meanContext * a.hidden_size * B;
  const dMemory = dBytes / (bandwidth * a.mbu_ratio);
  const dCompute = dFlops / (peak * a.mfu_ratio);
  const comms = allreduce_seconds(n, a.num_layers, B, a.hidden_size, a.link_bytes_per_second, a.collective_latency_seconds);
  const tpot = Math.max(dMemory, dCompute) + comms + a.step_overhead_seconds;
  const ridge = a.peak_flops_per_second / a.memory_bandwidth_bytes_per_second;
  const pIntensity = pFlops / pBytes;
  const dIntensity = dFlops / dBytes;
  const ttft = prefill;
  const e2e = ttft + (a.output_tokens - 1) * tpot;
  return {
    params_total: a.params_total, params_active: a.params_active, num_layers: a.num_layers,
    hidden_size: a.hidden_size, bytes_per_weight: perWeight,
    prompt_tokens: T, output_tokens: a.output_tokens, decode_tokens: a.output_tokens - 1,
    batch_size: B, num_gpus: n,
    mfu_ratio: a.mfu_ratio, mbu_ratio: a.mbu_ratio, step_overhead_seconds: a.step_overhead_seconds,
    weight_bytes: weights, weight_bytes_per_gpu: weights / n,
    kv_bytes_per_token: perLayer * a.num_layers, mean_context_tokens: meanContext,
    prefill_flops: pFlops, prefill_attention_flops: attentionFlops,
    prefill_compute_seconds: pCompute, prefill_memory_seconds: pMemory,
    prefill_seconds: prefill, prefill_tokens_per_second: T / prefill,
    prefill_intensity_flops_per_byte: pIntensity,
    decode_weight_read_bytes: weightRead, decode_kv_read_bytes: kvRead,
    decode_step_bytes: dBytes, decode_step_flops: dFlops,
    decode_memory_seconds: dMemory, decode_compute_seconds: dCompute,
    allreduce_seconds: comms, tpot_seconds: tpot,
    decode_intensity_flops_per_byte: dIntensity,
    decode_compute_bound: dCompute > dMemory ? 1 : 0,
    ridge_flops_per_byte: ridge,
    critical_batch_size: ridge * perWeight / 2,
    peak_flops_per_second: a.peak_flops_per_second,
    bandwidth_bytes_per_second: a.memory_bandwidth_bytes_per_second,
    prefill_attainable_flops_per_second: Math.min(a.peak_flops_per_second, pIntensity * a.memory_bandwidth_bytes_per_second),
    decode_attainable_flops_per_second: Math.min(a.peak_flops_per_second, dIntensity * a.memory_bandwidth_bytes_per_second),
    ttft_seconds: ttft, e2e_seconds: e2e,
    output_tokens_per_second_per_user: 1 / tpot,
    output_tokens_per_second: B / tpot,
    decode_share_ratio: (e2e - ttft) / e2e,
  };
}

export function implied_efficiency(a, c) {
  const ideal = roofline({ ...a, mfu_ratio: 1, mbu_ratio: 1, step_overhead_seconds: 0 }, c);
  const bandwidth = ideal.bandwidth_bytes_per_second * ideal.num_gpus;
  const peak = ideal.peak_flops_per_second * ideal.num_gpus;
  const achievedBw = ideal.decode_step_bytes / a.measured_tpot_seconds;
  const achievedFlops = ideal.prefill_flops / a.measured_ttft_seconds;
  const mbu = achievedBw / bandwidth;
  const mfu = achievedFlops / peak;
  if (mbu > 1 || mfu > 1) {
    const which = mbu > 1 ? "measured_tpot_seconds" : "measured_ttft_seconds";
    const label = mbu > 1 ? "Measured TPOT" : "Measured TTFT (server side)";
    throw new InputError(
      `${label} is faster than this hardware's peak allows for this model; ` +
      "check the model, the GPU count and the weight format.", [which],
    );
  }
  return {
    measured_ttft_seconds: a.measured_ttft_seconds, measured_tpot_seconds: a.measured_tpot_seconds,
    ideal_prefill_seconds: ideal.prefill_compute_seconds, ideal_tpot_seconds: ideal.decode_memory_seconds,
    decode_step_bytes: ideal.decode_step_bytes, prefill_flops: ideal.prefill_flops,
    achieved_bandwidth_bytes_per_second: achievedBw, achieved_flops_per_second: achievedFlops,
    implied_mbu_ratio: mbu, implied_mfu_ratio: mfu,
  };
}
