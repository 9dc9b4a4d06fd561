// Twin of calculators/batching_sim.py: static against continuous batching on the same seeded
// arrivals (same generator, same draw order). No DOM.

import { InputError } from "../calc-core.js";
import { Rng } from "../rng.js";
import { percentile } from "./limits_sim.js";
import { roofline } from "./roofline.js";

export const VECTOR_ITEMS = 24;

export function draw_requests(seed, n, rate, mean, sigma, maxTokens) {
  const rng = new Rng(seed);
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  let t = 0;
  const arrivals = [];
  const lengths = [];
  for (let i = 0; i < n; i++) {
    t += rng.exponential(1 / rate);
    const k = Math.floor(rng.lognormal(mu, sigma) + 0.5);
    arrivals.push(t);
    lengths.push(Math.min(Math.max(k, 1), maxTokens));
  }
  return [arrivals, lengths];
}

function runStatic(arrivals, lengths, prefill, step, maxBatch) {
  const n = arrivals.length;
  const first = new Array(n).fill(0);
  const last = new Array(n).fill(0);
  let clock = 0, start = 0, slotSteps = 0, useful = 0, steps = 0;
  while (start < n) {
    clock = Math.max(clock, arrivals[start]);
    let end = start + 1;
    while (end < n && end - start < maxBatch && arrivals[end] <= clock) end += 1;
    const k = end - start;
    clock += k * prefill;
    let longest = 0;
    for (let j = start; j < end; j++) {
      first[j] = clock;
      last[j] = clock + (lengths[j] - 1) * step[k];
      longest = Math.max(longest, lengths[j] - 1);
      useful += lengths[j] - 1;
    }
    clock += longest * step[k];
    slotSteps += k * longest;
    steps += longest;
    start = end;
  }
  return [first, last, steps ? slotSteps / steps : 0, slotSteps ? useful / slotSteps : 1];
}

function runContinuous(arrivals, lengths, prefill, step, maxBatch) {
  const n = arrivals.length;
  const first = new Array(n).fill(0);
  const last = new Array(n).fill(0);
  const remaining = new Array(n).fill(0);
  let active = [];
  let clock = 0, admitted = 0, done = 0, steps = 0, occupied = 0;
  while (done < n) {
    if (!active.length && admitted < n) clock = Math.max(clock, arrivals[admitted]);
    while (admitted < n && active.length < maxBatch && arrivals[admitted] <= clock) {
      const j = admitted;
      admitted += 1;
      clock += prefill;
      first[j] = clock;
      remaining[j] = lengths[j] - 1;
      if (remaining[j] === 0) {
        last[j] = clock;
        done += 1;
      } else active.push(j);
    }
    if (!active.length) continue;
    clock += step[active.length];
    steps += 1;
    occupied += active.length;
    const still = [];
    for (const j of active) {
      remaining[j] -= 1;
      if (remaining[j] === 0) {
        last[j] = clock;
        done += 1;
      } else still.push(j);
    }
    active = still;
  }
  return [first, last, steps ? occupied / steps : 0, 1];
}

function summary(arrivals, lengths, first, last) {
  const up = (x, y) => x - y;
  const ttft = first.map((f, i) => f - arrivals[i]).sort(up);
  const tpot = [];
  first.forEach((f, i) => { if (lengths[i] > 1) tpot.push((last[i] - f) / (lengths[i] - 1)); });
  tpot.sort(up);
  const e2e = last.map((l, i) => l - arrivals[i]).sort(up);
  const span = Math.max(...last) - arrivals[0];
  return {
    tput: lengths.reduce((s, x) => s + x, 0) / span, ttft50: percentile(ttft, 0.5),
    ttft95: percentile(ttft, 0.95), ttft99: percentile(ttft, 0.99),
    tpot50: percentile(tpot, 0.5), tpot95: percentile(tpot, 0.95), e2e95: percentile(e2e, 0.95),
  };
}

export function batching_sim(a, c) {
  if (a.mean_output_tokens > a.max_tokens) {
    throw new InputError("Mean output tokens cannot exceed max_tokens, the longest answer.",
      ["mean_output_tokens", "max_tokens"]);
  }
  const out = Math.max(1, Math.floor(a.mean_output_tokens + 0.5));
  const base = roofline({ ...a, output_tokens: out, batch_size: 1 }, c);
  const step = [0];
  for (let b = 1; b <= a.max_batch; b++) {
    step.push(roofline({ ...a, output_tokens: base.output_tokens, batch_size: b }, c).tpot_seconds);
  }
  const [arrivals, lengths] = draw_requests(a.seed, a.num_requests, a.requests_per_second,
    a.mean_output_tokens, a.output_sigma, a.max_tokens);
  const [sFirst, sLast, sBatch, sUseful] = runStatic(arrivals, lengths, base.prefill_seconds, step, a.max_batch);
  const [cFirst, cLast, cBatch] = runContinuous(arrivals, lengths, base.prefill_seconds, step, a.max_batch);
  const s = summary(arrivals, lengths, sFirst, sLast);
  const q = summary(arrivals, lengths, cFirst, cLast);
  const k = Math.min(VECTOR_ITEMS, a.num_requests);
  return {
    seed: a.seed, num_requests: a.num_requests, requests_per_second: a.requests_per_second,
    max_batch: a.max_batch, prefill_seconds: base.prefill_seconds, step_one_seconds: step[1],
    step_full_seconds: step[a.max_batch],
    mean_output_tokens_drawn: lengths.reduce((x, y) => x + y, 0) / a.num_requests,
    offered_tokens_per_second: a.requests_per_second * lengths.reduce((x, y) => x + y, 0) / a.num_requests,
    static_output_tokens_per_second: s.tput, continuous_output_tokens_per_second: q.tput,
    throughput_gain: q.tput / s.tput,
    static_ttft_p50_seconds: s.ttft50, static_ttft_p95_seconds: s.ttft95,
    static_ttft_p99_seconds: s.ttft99,
    continuous_ttft_p50_seconds: q.ttft50, continuous_ttft_p95_seconds: q.ttft95,
    continuous_ttft_p99_seconds: q.ttft99,
    static_tpot_p50_seconds: s.tpot50, static_tpot_p95_seconds: s.tpot95,
    continuous_tpot_p50_seconds: q.tpot50, continuous_tpot_p95_seconds: q.tpot95,
    static_e2e_p95_seconds: s.e2e95, continuous_e2e_p95_seconds: q.e2e95,
    static_mean_batch: sBatch, continuous_mean_batch: cBatch, static_useful_slot_ratio: sUseful,
    output_lengths: lengths.slice(0, k),
    static_ttft_seconds: sFirst.slice(0, k).map((f, i) => f - arrivals[i]),
    continuous_ttft_seconds: cFirst.slice(0, k).map((f, i) => f - arrivals[i]),
    static_last_token_seconds: sLast.slice(0, k),
    continuous_last_token_seconds: cLast.slice(0, k),
  };
}
