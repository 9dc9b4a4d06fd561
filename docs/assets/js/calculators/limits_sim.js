// Twin of calculators/limits_sim.py, limits_backoff.py, limits_bucket.py (TokenBucket) and
// limits_simulator.py: the seeded 429 / retry simulation, event for event. No DOM.
import { InputError } from "../calc-core.js";
import { Rng } from "../rng.js";
import { rate_limit_plan } from "./limits.js";

const JITTER_STREAM = 0x9e3779b9;
const LOG_EVENTS = 120;
const FIT_TOLERANCE = 1e-9;
const KIND = ["arrive", "server", "429", "done", "settle", "retry", "wake"];
const [ARRIVE, SERVER, REJECTED, DONE, SETTLE, RETRY, WAKE] = [0, 1, 2, 3, 4, 5, 6];

export class TokenBucket {
  constructor(capacity, rate) {
    this.capacity = capacity;
    this.rate = rate;
    this.level = capacity;
    this.updated = 0;
  }
  static perMinute(limit, window) { return new TokenBucket(limit * window / 60, limit / 60); }
  refresh(now) {
    if (now > this.updated) {
      this.level = Math.min(this.capacity, this.level + this.rate * (now - this.updated));
      this.updated = now;
    }
    return this.level;
  }
  canTake(cost, now) { return this.refresh(now) + FIT_TOLERANCE >= cost; }
  take(cost, now) { this.refresh(now); this.level -= cost; }
  giveBack(amount, now) { this.refresh(now); this.level = Math.min(this.capacity, this.level + amount); }
  drain(cost, now) { this.refresh(now); this.level = Math.max(0, this.level - cost); }
  waitSeconds(cost, now) {
    if (cost > this.capacity) return Infinity;
    const level = this.refresh(now);
    return level + FIT_TOLERANCE >= cost ? 0 : (cost - level) / this.rate;
  }
}

export function backoff_seconds(policy, j, base, cap, previous, retryAfter, rng) {
  const ceiling = Math.min(cap, base * 2 ** Math.min(j, 1000));
  if (policy === "exponential") return ceiling;
  if (policy === "full") return rng.uniform_between(0, ceiling);
  if (policy === "equal") return ceiling / 2 + rng.uniform_between(0, ceiling / 2);
  if (policy === "decorrelated") return Math.min(cap, rng.uniform_between(base, previous * 3));
  if (retryAfter >= 0) return retryAfter;
  return rng.uniform_between(0, ceiling);
}

// Binary min-heap on (t, seq); keys are unique, so the pop order equals Python's heapq.
// Events live in parallel arrays and the heap holds their indices (no object per event).
class Heap {
  constructor() { this.h = []; this.t = []; this.s = []; this.k = []; this.i = []; this.v = []; }
  less(x, y) {
    const tx = this.t[x], ty = this.t[y];
    return tx < ty || (tx === ty && this.s[x] < this.s[y]);
  }
  push(t, seq, kind, i, value) {
    const id = this.t.length;
    this.t.push(t); this.s.push(seq); this.k.push(kind); this.i.push(i); this.v.push(value);
    const h = this.h;
    h.push(id);
    let k = h.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!this.less(h[k], h[p])) break;
      const tmp = h[k]; h[k] = h[p]; h[p] = tmp;
      k = p;
    }
  }
  pop() {
    const h = this.h;
    const top = h[0];
    const last = h.pop();
    if (h.length) {
      h[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1, r = l + 1;
        let m = k;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === k) break;
        const tmp = h[k]; h[k] = h[m]; h[m] = tmp;
        k = m;
      }
    }
    return top;
  }
}

const round = (x) => Math.floor(x + 0.5);

export function arrival_plan(c) {
  const rng = new Rng(c.seed);
  const times = [], inputs = [], outputs = [];
  let t = 0;
  const gap = 1 / c.requests_per_second;
  const halfVar = c.size_sigma * c.size_sigma / 2;
  for (let i = 0; i < c.num_requests; i++) {
    if (c.arrival === "steady") t = i * gap;
    else if (c.arrival === "poisson") t += rng.exponential(gap);
    else t += rng.gamma(c.burst_shape, gap / c.burst_shape);
    let sizeIn = c.input_tokens, sizeOut = c.output_tokens;
    if (c.size_sigma > 0) {
      sizeIn = Math.max(0, round(rng.lognormal(Math.log(Math.max(c.input_tokens, 1)) - halfVar, c.size_sigma)));
      sizeOut = Math.min(c.max_tokens, Math.max(0, round(
        rng.lognormal(Math.log(Math.max(c.output_tokens, 1)) - halfVar, c.size_sigma))));
    }
    times.push(t); inputs.push(sizeIn); outputs.push(sizeOut);
  }
  return [times, inputs, outputs];
}

function buckets(c, share = 1) {
  const out = [];
  [c.rpm_limit, c.itpm_limit, c.otpm_limit, c.tpm_limit].forEach((limit, dim) => {
    if (limit > 0) out.push([dim, TokenBucket.perMinute(limit * share, c.window_seconds)]);
  });
  return out;
}

function cost(dim, sizeIn, c) {
  if (dim === 0) return 1;
  if (dim === 1) return sizeIn;
  if (dim === 2) return c.max_tokens;
  return sizeIn + c.max_tokens;
}

export function percentile(sorted, p) {
  if (!sorted.length) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[rank - 1];
}

export function simulate(c, k = {}) {
  const BUDGET_MAX = k.grpc_retry_budget_max_tokens;
  const BUDGET_RATIO = k.grpc_retry_budget_token_ratio;
  const [times, inputs, outputs] = arrival_plan(c);
  const jitter = new Rng((c.seed + JITTER_STREAM) % 4294967296);
  const server = buckets(c), mirror = buckets(c, c.pace_ratio);
  const budget = { on: c.budget === "grpc", tokens: BUDGET_MAX };
  const half = c.rtt_seconds / 2;
  const n = c.num_requests;
  const attempts = new Array(n).fill(0);
  const previous = new Array(n).fill(c.base_seconds);
  const heap = new Heap();
  let seq = 0;
  const logT = [], logL = [];
  const queue = [];
  let head = 0, wakeAt = -1, last = 0;
  const s = { attempts: 0, r429: 0, ok: 0, gaveUp: 0, never: 0 };
  const latencies = [];
  const push = (t, kind, i, value = 0) => heap.push(t, seq++, kind, i, value);
  const send = (t, i) => { attempts[i] += 1; s.attempts += 1; push(t + half, SERVER, i); };
  const giveUp = (t, never) => { if (never) s.never += 1; else s.gaveUp += 1; last = t; };
  const dispatch = (t) => {
    while (head < queue.length) {
      const i = queue[head];
      let wait = 0;
      for (const [dim, b] of mirror) wait = Math.max(wait, b.waitSeconds(cost(dim, inputs[i], c), t));
      if (wait === Infinity) { head += 1; giveUp(t, true); continue; }
      if (t + wait > times[i] + c.deadline_seconds) { head += 1; giveUp(t, false); continue; }
      if (wait > 0) {
        if (wakeAt < 0) { wakeAt = t + wait; push(wakeAt, WAKE, i); }
        return;
      }
      for (const [dim, b] of mirror) b.take(cost(dim, inputs[i], c), t);
      head += 1;
      send(t, i);
    }
  };
  for (let i = 0; i < n; i++) push(times[i], ARRIVE, i);
  while (heap.h.length) {
    const id = heap.pop();
    const t = heap.t[id], kind = heap.k[id], i = heap.i[id], value = heap.v[id];
    if (logT.length < LOG_EVENTS) { logT.push(t); logL.push(`${KIND[kind]} ${i} ${attempts[i]}`); }
    if (kind === ARRIVE) {
      if (c.policy === "queue") { queue.push(i); dispatch(t); } else send(t, i);
    } else if (kind === SERVER) {
      let fits = true;
      for (let d = 0; d < server.length; d++) {
        if (!server[d][1].canTake(cost(server[d][0], inputs[i], c), t)) { fits = false; break; }
      }
      if (fits) {
        for (let d = 0; d < server.length; d++) server[d][1].take(cost(server[d][0], inputs[i], c), t);
        push(t + c.service_seconds + half, DONE, i);
        if (c.otpm_limit > 0) push(t + c.service_seconds, SETTLE, i);
      } else {
        let wait = 0;
        for (let d = 0; d < server.length; d++) {
          wait = Math.max(wait, server[d][1].waitSeconds(cost(server[d][0], inputs[i], c), t));
        }
        const retryAfter = wait === Infinity ? -1 : Math.ceil(wait * 1000 - 1e-6) / 1000;
        if (c.provider === "openai") for (const [dim, b] of server) if (dim === 0) b.drain(1, t);
        push(t + half, REJECTED, i, retryAfter);
      }
    } else if (kind === SETTLE) {
      for (const [dim, b] of server) if (dim === 2) b.giveBack(c.max_tokens - outputs[i], t);
    } else if (kind === DONE) {
      s.ok += 1;
      budget.tokens = Math.min(BUDGET_MAX, budget.tokens + BUDGET_RATIO);
      latencies.push(t - times[i]);
      last = t;
      if (c.policy === "queue") {
        for (const [dim, b] of mirror) if (dim === 2) b.giveBack(c.max_tokens - outputs[i], t);
        dispatch(t);
      }
    } else if (kind === REJECTED) {
      s.r429 += 1;
      budget.tokens = Math.max(0, budget.tokens - 1);
      const done = attempts[i] - 1;
      if (c.policy === "none" || done >= c.max_retries || (budget.on && budget.tokens <= BUDGET_MAX / 2)) {
        giveUp(t, false);
        continue;
      }
      const sleep = backoff_seconds(c.policy, done, c.base_seconds, c.cap_seconds, previous[i], value, jitter);
      previous[i] = sleep;
      if (t + sleep > times[i] + c.deadline_seconds) { giveUp(t, false); continue; }
      push(t + sleep, RETRY, i);
    } else if (kind === RETRY) {
      send(t, i);
    } else {
      wakeAt = -1;
      dispatch(t);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    num_attempts: s.attempts, num_429: s.r429, num_success: s.ok, num_gave_up: s.gaveUp,
    num_never_fit: s.never, first_arrival_seconds: times.length ? times[0] : 0,
    last_event_seconds: last, latencies_seconds: latencies, event_times_seconds: logT,
    event_labels: logL,
  };
}

export function rate_limit_sim(a, k) {
  if (a.output_tokens > a.max_tokens) {
    throw new InputError("Output tokens (output_tokens) cannot exceed max_tokens (max_tokens): the model stops at max_tokens.",
      ["output_tokens", "max_tokens"]);
  }
  if (![a.rpm_limit, a.itpm_limit, a.otpm_limit, a.tpm_limit].some((v) => v > 0)) {
    throw new InputError("Set at least one limit above 0: rpm, itpm, otpm or tpm.",
      ["rpm_limit", "itpm_limit", "otpm_limit", "tpm_limit"]);
  }
  if (a.requests_per_second <= 0) throw new InputError("Offered load (rate) must be above 0 requests/min.", ["requests_per_second"]);
  const run = simulate(a, k);
  const plan = rate_limit_plan({
    provider: a.provider, rpm_limit: a.rpm_limit, itpm_limit: a.itpm_limit, otpm_limit: a.otpm_limit,
    tpm_limit: a.tpm_limit, rpd_limit: 0, window_seconds: a.window_seconds, input_tokens: a.input_tokens,
    cache_read_tokens: 0, cache_write_tokens: 0, output_tokens: a.output_tokens, max_tokens: a.max_tokens,
    num_choices: 1, attempts_per_success: 1, cache_reads_count: "no", e2e_seconds: a.service_seconds,
    offered_requests_per_minute: a.requests_per_second * 60,
  });
  const lat = run.latencies_seconds;
  const span = run.last_event_seconds - run.first_arrival_seconds;
  let total = 0;
  for (const x of lat) total += x;
  return {
    policy: a.policy, arrival: a.arrival, seed: a.seed, pace_ratio: a.pace_ratio,
    num_requests: a.num_requests,
    offered_requests_per_minute: a.requests_per_second * 60,
    sustainable_requests_per_minute: plan.sustainable_requests_per_minute,
    binding_label: plan.binding_label,
    num_attempts: run.num_attempts, num_429: run.num_429, num_success: run.num_success,
    num_gave_up: run.num_gave_up, num_never_fit: run.num_never_fit,
    rate_429_ratio: run.num_attempts ? run.num_429 / run.num_attempts : 0,
    success_ratio: run.num_success / a.num_requests,
    goodput_requests_per_minute: span > 0 ? run.num_success / span * 60 : 0,
    amplification: run.num_success ? run.num_attempts / run.num_success : run.num_attempts,
    p50_seconds: percentile(lat, 0.5), p95_seconds: percentile(lat, 0.95), p99_seconds: percentile(lat, 0.99),
    mean_latency_seconds: lat.length ? total / lat.length : 0,
    span_seconds: span,
    event_times_seconds: run.event_times_seconds, event_labels: run.event_labels,
  };
}
