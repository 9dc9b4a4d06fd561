// Twin of calculators/request_graph.py: seeded Monte Carlo of a request graph (steps of
// parallel branches of serial stages), timeouts, retries, hedges, and the closed forms.
// Same generator (../rng.js) and the same draw order as Python. No DOM.

import { Rng } from "../rng.js";
import { requireRange } from "../calc-core.js";

export const Z95 = 1.6448536269514722;

export function stage(name, median, p95, { timeout = 0, retries = 0, hedge = 0 } = {}) {
  const sigma = median > 0 ? Math.log(p95 / median) / Z95 : 0;
  return { name, median, p95, mu: median > 0 ? Math.log(median) : 0, sigma, timeout, retries, hedge };
}

function drawLatency(s, rng) {
  const x = rng.lognormal(s.mu, s.sigma);
  return s.median > 0 ? x : 0;
}

export function drawStage(s, rng) {
  let elapsed = 0;
  let sent = 0;
  for (let attempt = 0; attempt <= s.retries; attempt++) {
    let x = drawLatency(s, rng);
    sent += 1;
    if (s.hedge > 0) {
      const y = drawLatency(s, rng);
      if (x > s.hedge) {
        sent += 1;
        x = Math.min(x, s.hedge + y);
      }
    }
    if (s.timeout > 0 && x > s.timeout) {
      elapsed += s.timeout;
      if (attempt === s.retries) return [elapsed, sent, true];
      continue;
    }
    return [elapsed + x, sent, false];
  }
  throw new Error("unreachable");
}

export function nearestRank(sorted, p) {
  const n = sorted.length;
  const index = Math.max(0, Math.ceil(p * n) - 1);
  return sorted[Math.min(index, n - 1)];
}

export function simulatePath(steps, numSamples, seed) {
  requireRange("samples", numSamples, 1, 100000, "samples");
  const rng = new Rng(seed);
  const totals = new Float64Array(numSamples);
  let failed = 0;
  let sent = 0;
  for (let i = 0; i < numSamples; i++) {
    let total = 0;
    let broken = false;
    for (const step of steps) {
      let slowest = 0;
      for (const branch of step) {
        let elapsed = 0;
        for (const s of branch) {
          const [latency, calls, fail] = drawStage(s, rng);
          elapsed += latency;
          sent += calls;
          broken = broken || fail;
        }
        slowest = Math.max(slowest, elapsed);
      }
      total += slowest;
    }
    totals[i] = total;
    if (broken) failed += 1;
  }
  totals.sort();
  let sum = 0;
  for (const t of totals) sum += t;
  return {
    median_seconds: nearestRank(totals, 0.5),
    p95_seconds: nearestRank(totals, 0.95),
    p99_seconds: nearestRank(totals, 0.99),
    mean_seconds: sum / numSamples,
    failed_ratio: failed / numSamples,
    calls_per_request: sent / numSamples,
  };
}

export function fanOutSlowRatio(numCalls, quantile = 0.95) {
  return 1 - quantile ** numCalls;
}
