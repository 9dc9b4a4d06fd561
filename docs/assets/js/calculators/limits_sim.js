// Twin of calculators/limits_sim.py, limits_backoff.py, limits_bucket.py (TokenBucket) and
// limits_simulator.py: the seeded 429 / retry simulation, event for event. No DOM.
import { InputError } from "../calc-core.js";
import { Rng } from "../rng.js";
import { check_limits, rate_limit_plan } from "./limits.js";

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

// Binary min-heap on (t, seq) holding the events themselves in parallel typed arrays (no
// object per event); keys are unique, so the pop order equals Python's heapq. After pop(),
// the popped event is in (topT, topKind, topI, topV).
class Heap {
  constructor(capacity = 256) {
    this.n = 0;
    this.alloc(capacity);
  }
  alloc(capacity) {
    const old = this.t;
    const t = new Float64Array(capacity), s = new Float64Array(capacity);
    const ki = new Int32Array(capacity), v = new Float64Array(capacity);
    if (old) { t.set(this.t); s.set(this.s); ki.set(this.ki); v.set(this.v); }
    this.t = t; this.s = s; this.ki = ki; this.v = v;
    this.capacity = capacity;
  }
  push(time, seq, kind, i, value) {
    if (this.n === this.capacity) this.alloc(this.capacity * 2);
    const t = this.t, s = this.s, ki = this.ki, v = this.v;
    let k = this.n++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      const tp = t[p];
      if (tp < time || (tp === time && s[p] < seq)) break;
      t[k] = tp; s[k] = s[p]; ki[k] = ki[p]; v[k] = v[p];
      k = p;
    }
    t[k] = time; s[k] = seq; ki[k] = kind | (i << 3); v[k] = value;
  }
  pop() {
    const t = this.t, s = this.s, ki = this.ki, v = this.v;
    this.topT = t[0]; this.topKind = ki[0] & 7; this.topI = ki[0] >> 3; this.topV = v[0];
    const n = --this.n;
    if (n === 0) return;
    const lt = t[n], ls = s[n], lki = ki[n], lv = v[n];
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (t[r] < t[c] || (t[r] === t[c] && s[r] < s[c]))) c = r;
      if (lt < t[c] || (lt === t[c] && ls < s[c])) break;
      t[k] = t[c]; s[k] = s[c]; ki[k] = ki[c]; v[k] = v[c];
      k = c;
    }
    t[k] = lt; s[k] = ls; ki[k] = lki; v[k] = lv;
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

// Arrivals are already in time order, so they are merged with the heap instead of pushed on
// it (an arrival sorts before any other event at the same time, as its sequence number would
// make it); charges are computed once per request; no closure or object per event.
export function simulate(c, k = {}) {
  const BUDGET_MAX = k.grpc_retry_budget_max_tokens;
  const BUDGET_RATIO = k.grpc_retry_budget_token_ratio;
  const [times, inputs, outputs] = arrival_plan(c);
  const jitter = new Rng((c.seed + JITTER_STREAM) % 4294967296);
  const server = buckets(c), mirrorPairs = buckets(c, c.pace_ratio);
  const nd = server.length;
  const dims = server.map((p) => p[0]);
  const sb = server.map((p) => p[1]), mb = mirrorPairs.map((p) => p[1]);
  const sRpm = dims.includes(0) ? sb[dims.indexOf(0)] : null;
  const sOtpm = dims.includes(2) ? sb[dims.indexOf(2)] : null;
  const mOtpm = dims.includes(2) ? mb[dims.indexOf(2)] : null;
  const n = c.num_requests;
  const costs = new Float64Array(n * nd);
  for (let i = 0; i < n; i++) for (let d = 0; d < nd; d++) costs[i * nd + d] = cost(dims[d], inputs[i], c);
  const mt = c.max_tokens, half = c.rtt_seconds / 2, service = c.service_seconds;
  const deadline = c.deadline_seconds, policy = c.policy, maxRetries = c.max_retries;
  const base = c.base_seconds, cap = c.cap_seconds;
  const queued = policy === "queue", neverRetry = policy === "none";
  const openai = c.provider === "openai", settle = c.otpm_limit > 0;
  const budgetOn = c.budget === "grpc";
  let budgetTokens = BUDGET_MAX;
  const attempts = new Int32Array(n);
  const previous = new Float64Array(n).fill(base);
  const heap = new Heap();
  let seq = 0;
  const logT = [], logL = [];
  const queue = new Int32Array(n);
  let qLen = 0, head = 0, wakeAt = -1, last = 0;
  let nAttempts = 0, n429 = 0, nOk = 0, nGaveUp = 0, nNever = 0;
  const latencies = new Float64Array(n);
  let nLat = 0;
  let nxt = 0;
  for (;;) {
    let t, kind, i, value;
    if (nxt < n && (heap.n === 0 || times[nxt] <= heap.t[0])) {
      t = times[nxt]; i = nxt++; kind = ARRIVE; value = 0;
    } else if (heap.n > 0) {
      heap.pop();
      t = heap.topT; kind = heap.topKind; i = heap.topI; value = heap.topV;
    } else break;
    if (logT.length < LOG_EVENTS) { logT.push(t); logL.push(`${KIND[kind]} ${i} ${attempts[i]}`); }
    if (kind === SERVER) {
      const o = i * nd;
      let fits = true;
      for (let d = 0; d < nd; d++) if (!sb[d].canTake(costs[o + d], t)) { fits = false; break; }
      if (fits) {
        for (let d = 0; d < nd; d++) sb[d].take(costs[o + d], t);
        heap.push(t + service + half, seq++, DONE, i, 0);
        if (settle) heap.push(t + service, seq++, SETTLE, i, 0);
      } else {
        let wait = 0;
        for (let d = 0; d < nd; d++) wait = Math.max(wait, sb[d].waitSeconds(costs[o + d], t));
        const retryAfter = wait === Infinity ? -1 : Math.ceil(wait * 1000 - 1e-6) / 1000;
        if (openai && sRpm !== null) sRpm.drain(1, t);
        heap.push(t + half, seq++, REJECTED, i, retryAfter);
      }
      continue;
    }
    if (kind === REJECTED) {
      n429 += 1;
      budgetTokens = Math.max(0, budgetTokens - 1);
      const done = attempts[i] - 1;
      if (neverRetry || done >= maxRetries || (budgetOn && budgetTokens <= BUDGET_MAX / 2)) {
        nGaveUp += 1; last = t; continue;
      }
      const sleep = backoff_seconds(policy, done, base, cap, previous[i], value, jitter);
      previous[i] = sleep;
      if (t + sleep > times[i] + deadline) { nGaveUp += 1; last = t; continue; }
      heap.push(t + sleep, seq++, RETRY, i, 0);
      continue;
    }
    if (kind === ARRIVE || kind === RETRY) {
      if (kind === RETRY || !queued) {
        attempts[i] += 1; nAttempts += 1;
        heap.push(t + half, seq++, SERVER, i, 0);
        continue;
      }
      queue[qLen++] = i;
    } else if (kind === SETTLE) {
      if (sOtpm !== null) sOtpm.giveBack(mt - outputs[i], t);
      continue;
    } else if (kind === DONE) {
      nOk += 1;
      budgetTokens = Math.min(BUDGET_MAX, budgetTokens + BUDGET_RATIO);
      latencies[nLat++] = t - times[i];
      last = t;
      if (!queued) continue;
      if (mOtpm !== null) mOtpm.giveBack(mt - outputs[i], t);
    } else {
      wakeAt = -1;
    }
    // The client-side queue: send every request at its head that fits the client's own copy
    // of the buckets; set one wake-up for the first that does not fit yet.
    while (head < qLen) {
      const q = queue[head], o = q * nd;
      let wait = 0;
      for (let d = 0; d < nd; d++) wait = Math.max(wait, mb[d].waitSeconds(costs[o + d], t));
      if (wait === Infinity) { head += 1; nNever += 1; last = t; continue; }
      if (t + wait > times[q] + deadline) { head += 1; nGaveUp += 1; last = t; continue; }
      if (wait > 0) {
        if (wakeAt < 0) { wakeAt = t + wait; heap.push(wakeAt, seq++, WAKE, q, 0); }
        break;
      }
      for (let d = 0; d < nd; d++) mb[d].take(costs[o + d], t);
      head += 1;
      attempts[q] += 1; nAttempts += 1;
      heap.push(t + half, seq++, SERVER, q, 0);
    }
  }
  const lat = latencies.subarray(0, nLat).sort();
  return {
    num_attempts: nAttempts, num_429: n429, num_success: nOk, num_gave_up: nGaveUp,
    num_never_fit: nNever, first_arrival_seconds: times.length ? times[0] : 0,
    last_event_seconds: last, latencies_seconds: lat, event_times_seconds: logT,
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
  check_limits(a, ["rpm_limit", "itpm_limit", "otpm_limit", "tpm_limit"]);
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
