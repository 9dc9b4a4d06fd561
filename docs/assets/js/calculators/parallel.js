// Twin of calculators/parallel.py: tensor-parallel speed-up and the KV handover of
// disaggregated prefill. No DOM. Link bandwidths arrive as constants in c.

import { ACTIVATION_BYTES, roofline } from "./roofline.js";
import { kv_bytes_for_context, kv_bytes_per_token_layer } from "./memory.js";

export const LINKS = {
  nvlink: "link_nvlink4_bytes_per_second",
  infiniband: "link_infiniband_ndr_bytes_per_second",
  roce: "link_roce_400g_bytes_per_second",
  efa: "link_efa_p5_bytes_per_second",
  pcie: "link_pcie5_x16_bytes_per_second",
};

export function tensor_parallel(a, c) {
  const many = roofline(a, c);
  const one = roofline({ ...a, num_gpus: 1 }, c);
  const n = many.num_gpus;
  const perLayer = 2 * many.batch_size * a.hidden_size * ACTIVATION_BYTES;
  const speedup = one.tpot_seconds / many.tpot_seconds;
  return {
    num_gpus: n, batch_size: many.batch_size,
    tpot_one_gpu_seconds: one.tpot_seconds, tpot_seconds: many.tpot_seconds,
    allreduce_seconds: many.allreduce_seconds,
    allreduce_bytes_per_layer: n > 1 ? perLayer : 0,
    allreduce_share_ratio: many.allreduce_seconds / many.tpot_seconds,
    speedup_ratio: speedup, scaling_efficiency_ratio: speedup / n,
    weight_bytes_per_gpu: many.weight_bytes_per_gpu,
    ttft_one_gpu_seconds: one.ttft_seconds, ttft_seconds: many.ttft_seconds,
    output_tokens_per_second_per_user: many.output_tokens_per_second_per_user,
  };
}

export function disaggregation(a, c) {
  const base = roofline(a, c);
  const perLayer = kv_bytes_per_token_layer(a, c);
  const handover = kv_bytes_for_context(perLayer, a.num_layers, a.num_sliding_window_layers,
    a.sliding_window_tokens, base.prompt_tokens);
  const bandwidth = c[LINKS[a.link]];
  const transfer = handover / bandwidth;
  return {
    link: a.link, link_bytes_per_second: bandwidth, prompt_tokens: base.prompt_tokens,
    kv_bytes_per_token: base.kv_bytes_per_token, handover_bytes: handover,
    transfer_seconds: transfer, prefill_seconds: base.prefill_seconds,
    transfer_to_prefill_ratio: transfer / base.prefill_seconds,
    tpot_seconds: base.tpot_seconds, transfer_in_tpots: transfer / base.tpot_seconds,
    break_even_link_bytes_per_second: handover / base.prefill_seconds,
  };
}
