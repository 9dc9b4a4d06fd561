import { InputError } from "../calc-core.js";
// Twin of calculators/limits.py (and the charge rules of calculators/limits_bucket.py):
// every rate limit at once. No DOM.

const LABELS = {
  rpm: "Requests per minute", itpm: "Input tokens per minute", otpm: "Output tokens per minute",
  tpm: "Tokens per minute", rpd: "Requests per day",
};
const MINUTES_PER_DAY = 1440;

export function request_charges(a) {
  const itpm = a.input_tokens + a.cache_write_tokens + (a.cache_reads_count ? a.cache_read_tokens : 0);
  return {
    requests_per_success: a.provider === "openai" ? a.attempts_per_success : 1,
    itpm_tokens: itpm,
    otpm_admission_tokens: a.num_choices * a.max_tokens,
    otpm_settled_tokens: a.num_choices * a.output_tokens,
    tpm_tokens: a.input_tokens + a.cache_read_tokens + a.cache_write_tokens +
      a.num_choices * Math.max(a.max_tokens, a.output_tokens),
  };
}

export function check_limits(a, names) {
  for (const name of names) {
    if (a[name] > 0 && a[name] < 1e-3) {
      throw new InputError(`${name} must be 0 (not enforced) or at least 0.001 per minute; got ${a[name]}.`, [name]);
    }
  }
}

export function rate_limit_plan(a) {
  if (a.output_tokens > a.max_tokens) {
    throw new InputError("Output tokens (output_tokens) cannot exceed max_tokens (max_tokens): the model stops at max_tokens.",
      ["output_tokens", "max_tokens"]);
  }
  check_limits(a, ["rpm_limit", "itpm_limit", "otpm_limit", "tpm_limit", "rpd_limit"]);
  const limits = [a.rpm_limit, a.itpm_limit, a.otpm_limit, a.tpm_limit, a.rpd_limit];
  if (!limits.some((v) => v > 0)) throw new InputError("Set at least one limit above 0: rpm, itpm, otpm, tpm or rpd.",
    ["rpm_limit", "itpm_limit", "otpm_limit", "tpm_limit", "rpd_limit"]);
  const c = request_charges({ ...a, cache_reads_count: a.cache_reads_count === "yes" });
  const rows = [
    ["rpm", a.rpm_limit, 1, 1, c.requests_per_success],
    ["itpm", a.itpm_limit, 1, c.itpm_tokens, c.itpm_tokens],
    ["otpm", a.otpm_limit, 1, c.otpm_admission_tokens, c.otpm_settled_tokens],
    ["tpm", a.tpm_limit, 1, c.tpm_tokens, c.tpm_tokens],
    ["rpd", a.rpd_limit, MINUTES_PER_DAY, 1, c.requests_per_success],
  ];
  const found = [];
  for (const [key, limit, minutes, admit, settled] of rows) {
    if (limit <= 0) continue;
    const capacity = minutes > 1 ? limit : limit * a.window_seconds / 60;
    const rate = settled > 0 ? limit / minutes / settled : Infinity;
    const burst = admit > 0 ? Math.floor(Math.min(capacity / admit, 1e9)) : 1e9;
    found.push({ key, limit, capacity, admit, settled, rate, burst });
  }
  const tooLarge = found.filter((r) => r.admit > r.capacity);
  const multiple = Math.max(...found.map((r) => r.admit / r.capacity));
  let binding = found[0];
  for (const r of found) if (r.rate < binding.rate) binding = r;
  const sustainable = tooLarge.length ? 0 : binding.rate;
  if (!Number.isFinite(sustainable)) throw new InputError("Every enforced limit charges nothing per request; set a token count.",
    ["input_tokens", "output_tokens"]);
  const use = {};
  let burst = Infinity;
  for (const r of found) {
    const perMinute = r.limit / (r.key === "rpd" ? MINUTES_PER_DAY : 1);
    use[r.key] = tooLarge.length ? 0 : Math.min(1, sustainable * r.settled / perMinute);
    burst = Math.min(burst, tooLarge.length ? 0 : r.burst);
  }
  const totalInput = a.input_tokens + a.cache_read_tokens + a.cache_write_tokens;
  const chargedInput = a.itpm_limit > 0 ? c.itpm_tokens : totalInput;
  const bindingKey = tooLarge.length ? tooLarge[0].key : binding.key;
  return {
    ...a,
    itpm_charge_tokens: c.itpm_tokens,
    otpm_admission_tokens: c.otpm_admission_tokens,
    otpm_settled_tokens: c.otpm_settled_tokens,
    tpm_charge_tokens: c.tpm_tokens,
    sustainable_requests_per_minute: sustainable,
    sustainable_requests_per_second: sustainable / 60,
    binding_dimension: bindingKey,
    binding_label: LABELS[bindingKey],
    too_large_dimension: tooLarge.length ? tooLarge[0].key : "",
    largest_admission_multiple: multiple,
    burst_requests: burst,
    served_share_ratio: a.offered_requests_per_minute > 0 ? Math.min(1, sustainable / a.offered_requests_per_minute) : 1,
    input_tokens_per_minute: sustainable * totalInput,
    input_relief_multiple: chargedInput > 0 ? totalInput / chargedInput : 1,
    concurrency_sustainable: sustainable / 60 * a.e2e_seconds,
    concurrency_offered: a.offered_requests_per_minute / 60 * a.e2e_seconds,
    rpm_use_ratio: use.rpm ?? 0,
    itpm_use_ratio: use.itpm ?? 0,
    otpm_use_ratio: use.otpm ?? 0,
    tpm_use_ratio: use.tpm ?? 0,
    rpd_use_ratio: use.rpd ?? 0,
  };
}
