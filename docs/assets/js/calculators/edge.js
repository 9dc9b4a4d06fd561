// Twin of calculators/edge.py: on-device against cloud inference. Prefill FLOPs, decode
// FLOPs and KV bytes come from guide 7's twin (roofline.js); KV for the memory fit from
// memory.js. Constants and the dtype table arrive in `c`.
import { roofline } from "./roofline.js";
import { kv_bytes_for_context, kv_bytes_per_token_layer } from "./memory.js";

export function edge_vs_cloud(a, c) {
  const roof = roofline({
    ...a, weight_dtype: "bf16", peak_flops_per_second: a.device_flops_per_second,
    num_gpus: 1, link_bytes_per_second: 1, collective_latency_seconds: 0, batch_size: 1,
    step_overhead_seconds: 0,
  }, c);
  const perWeight = a.bits_per_weight / 8;
  const weights = a.params_total * perWeight;
  const active = a.params_active * perWeight;
  const bandwidth = a.memory_bandwidth_bytes_per_second * a.mbu_ratio;
  const compute = a.device_flops_per_second * a.mfu_ratio;
  const stepBytes = active + roof.decode_kv_read_bytes;
  const tpot = Math.max(stepBytes / bandwidth, roof.decode_step_flops / compute);
  const ttft = Math.max(roof.prefill_compute_seconds, active / bandwidth);
  const deviceTotal = ttft + a.output_tokens * tpot;
  const perLayer = kv_bytes_per_token_layer(a, c);
  const kvContext = kv_bytes_for_context(perLayer, a.num_layers, a.num_sliding_window_layers,
    a.sliding_window_tokens, a.prompt_tokens + a.output_tokens);
  const needed = weights + kvContext + a.runtime_bytes;
  const available = a.device_memory_bytes * a.free_memory_ratio;
  const rtt = (2 * a.distance_metres) / c.fibre_light_speed_metres_per_second;
  const upload = (a.media_bytes * 8) / a.uplink_bits_per_second;
  const cloudFirst = rtt + upload + a.cloud_ttft_seconds;
  const cloudTotal = cloudFirst + a.output_tokens * a.cloud_tpot_seconds;
  const perToken = ttft / a.prompt_tokens;
  const rate = 1 / tpot;
  const download = (weights * 8) / a.download_bits_per_second;
  const cold = weights / a.storage_read_bytes_per_second;
  return {
    prompt_tokens: a.prompt_tokens, output_tokens: a.output_tokens,
    bits_per_weight: a.bits_per_weight, weight_bytes: weights, active_weight_bytes: active,
    kv_bytes_per_token: roof.kv_bytes_per_token, kv_context_bytes: kvContext,
    runtime_bytes: a.runtime_bytes, device_memory_bytes: a.device_memory_bytes,
    free_memory_ratio: a.free_memory_ratio, memory_needed_bytes: needed,
    memory_available_bytes: available, memory_headroom_bytes: Math.max(0, available - needed),
    fits: needed <= available ? 1 : 0, decode_step_bytes: stepBytes,
    decode_bound_weights_only_tokens_per_second: a.memory_bandwidth_bytes_per_second / active,
    device_tokens_per_second: rate, device_tpot_seconds: tpot,
    device_prefill_seconds_per_token: perToken, device_ttft_seconds: ttft,
    device_total_seconds: deviceTotal, rtt_seconds: rtt, upload_seconds: upload,
    cloud_first_token_seconds: cloudFirst, cloud_total_seconds: cloudTotal,
    device_wins_first: ttft < cloudFirst ? 1 : 0, device_wins_total: deviceTotal < cloudTotal ? 1 : 0,
    crossover_first_prompt_tokens: cloudFirst / perToken,
    crossover_total_prompt_tokens: Math.max(0, (cloudTotal - a.output_tokens * tpot) / perToken),
    device_usd_per_mtok: (a.device_usd / (a.device_hours * 3600 * rate)) * 1e6,
    cloud_usd_per_mtok: (a.gpu_usd_per_hour / (3600 * a.gpu_tokens_per_second)) * 1e6,
    cloud_ttft_seconds: a.cloud_ttft_seconds, cloud_tpot_seconds: a.cloud_tpot_seconds,
    download_bits_per_second: a.download_bits_per_second,
    download_seconds: download, cold_load_seconds: cold,
    per_session_seconds: download / a.num_sessions + cold,
  };
}
