// Twin of calculators/cost.py and calculators/cost_calc.py: five cost levers stacked in a
// fixed order. No DOM; the incumbent's claims arrive as constants in the second argument.

import { InputError, requireRange } from "../calc-core.js";

export const LEVERS = ["routing", "caching", "batch", "output", "compression"];
const CLAIMS = ["incumbent_overpay_low_multiple", "incumbent_overpay_high_multiple",
  "incumbent_top_three_low_multiple", "incumbent_top_three_high_multiple"];

function check(w) {
  requireRange("requests_per_month", w.requests_per_month, 0, 1e12, "requests");
  for (const n of ["prefix_tokens", "unique_tokens", "output_tokens"]) requireRange(n, w[n], 0, 1e8, "tokens");
  for (const n of ["routed_share_ratio", "hit_ratio", "batch_share_ratio",
    "output_cut_ratio", "compression_ratio"]) requireRange(n, w[n], 0, 1, "ratio");
  requireRange("batch_discount_ratio", w.batch_discount_ratio, 0, 0.99, "ratio");
}

export function request_cost_usd(w, p, caching, output, compression) {
  const unique = w.unique_tokens * (compression ? 1 - w.compression_ratio : 1);
  const out = w.output_tokens * (output ? 1 - w.output_cut_ratio : 1);
  const prefix = caching
    ? w.prefix_tokens * (w.hit_ratio * p.read + (1 - w.hit_ratio) * p.write)
    : w.prefix_tokens * p.input;
  return unique * p.input + prefix + out * p.output;
}

export function month_cost_usd(w, large, small, levers) {
  const on = LEVERS.map((_, i) => i < levers);
  const routed = on[0] ? w.routed_share_ratio : 0.0;
  const batch = on[2] ? 1 - w.batch_share_ratio * w.batch_discount_ratio : 1.0;
  const per = (1 - routed) * request_cost_usd(w, large, on[1], on[3], on[4]) +
    routed * request_cost_usd(w, small, on[1], on[3], on[4]);
  return w.requests_per_month * per * batch;
}

export function prefix_for_multiple(w, large, small, multiple) {
  const keep = (1 - w.batch_discount_ratio) * multiple;
  const restSmall = w.unique_tokens * small.input + w.output_tokens * small.output;
  const restLarge = w.unique_tokens * large.input + w.output_tokens * large.output;
  const slope = large.input - keep * small.read;
  const need = keep * restSmall - restLarge;
  if (need <= 0) return 0.0;
  if (slope <= 0) return -1.0;
  return need / slope;
}

export function cost_optimization(a, k) {
  const w = a;
  check(w);
  const large = { input: a.large_input_usd_per_token, output: a.large_output_usd_per_token,
    read: a.large_read_usd_per_token, write: a.large_write_usd_per_token };
  const small = { input: a.small_input_usd_per_token, output: a.small_output_usd_per_token,
    read: a.small_read_usd_per_token, write: a.small_write_usd_per_token };
  for (const [label, side, p] of [["Large model", "large", large], ["Small model", "small", small]]) {
    if (p.input <= 0 || p.output <= 0) {
      throw new InputError(`${label}: input and output prices must be above 0 USD per million tokens.`,
        [`${side}_input_usd_per_token`, `${side}_output_usd_per_token`]);
    }
  }
  const costs = [0, 1, 2, 3, 4, 5].map((n) => month_cost_usd(w, large, small, n));
  if (costs[0] <= 0) throw new InputError("The workload costs nothing: give it requests and tokens.", ["requests_per_month"]);
  if (costs[5] <= 0) {
    throw new InputError("These levers remove the whole bill (nothing left to price); keep some output or input.",
      ["output_cut_ratio", "compression_ratio"]);
  }
  const saved = LEVERS.map((_, i) => costs[i] - costs[i + 1]);
  const totalSaved = costs[0] - costs[5];
  const out = { baseline_usd: costs[0] };
  LEVERS.forEach((n, i) => {
    out[`after_${n}_usd`] = costs[i + 1];
    out[`${n}_saving_usd`] = saved[i];
    out[`${n}_share`] = totalSaved ? saved[i] / totalSaved : 0.0;
    out[`${n}_multiple`] = costs[i] / costs[i + 1];
  });
  const ceiling = { ...w, routed_share_ratio: 1.0, hit_ratio: 1.0, batch_share_ratio: 1.0 };
  const ceilingCost = month_cost_usd(ceiling, large, small, 3);
  const [low, high, topLow, topHigh] = CLAIMS.map((c) => k[c]);
  const sLow = prefix_for_multiple(w, large, small, topLow);
  const sHigh = prefix_for_multiple(w, large, small, topHigh);
  const total = costs[0] / costs[5];
  const wl = large.write / large.input;
  const rl = large.read / large.input;
  return {
    requests_per_month: w.requests_per_month, prefix_tokens: w.prefix_tokens, unique_tokens: w.unique_tokens,
    output_tokens: w.output_tokens, routed_share_ratio: w.routed_share_ratio, hit_ratio: w.hit_ratio,
    batch_share_ratio: w.batch_share_ratio, batch_discount_ratio: w.batch_discount_ratio,
    output_cut_ratio: w.output_cut_ratio, compression_ratio: w.compression_ratio,
    caching_break_even_hit_ratio: wl > rl ? Math.max(0.0, (wl - 1) / (wl - rl)) : 0.0,
    ...out,
    total_multiple: total,
    total_saving_ratio: 1 - costs[5] / costs[0],
    top_three_multiple: costs[0] / costs[3],
    top_three_ceiling_multiple: costs[0] / ceilingCost,
    top_three_limit_multiple: small.read > 0 ? large.input / ((1 - w.batch_discount_ratio) * small.read) : 0.0,
    claim_overpay_low_multiple: low, claim_overpay_high_multiple: high,
    claim_top_three_low_multiple: topLow, claim_top_three_high_multiple: topHigh,
    total_within_overpay_claim: low <= total && total <= high ? 1 : 0,
    ceiling_reaches_top_three_claim: costs[0] / ceilingCost >= topLow ? 1 : 0,
    prefix_for_top_three_low_tokens: Math.max(sLow, 0.0),
    prefix_for_top_three_high_tokens: Math.max(sHigh, 0.0),
    top_three_low_reachable: sLow >= 0 ? 1 : 0, top_three_high_reachable: sHigh >= 0 ? 1 : 0,
    output_input_price_multiple: large.output / large.input,
  };
}
