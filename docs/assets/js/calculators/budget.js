// Twin of calculators/budget.py and context_serving of calculators/budget_calcs.py: the window
// budget with the provider's rule, multi-turn growth with caching, and what a long context
// costs a server (roofline and serving twins). No DOM.

import { InputError, plainNumber as plain } from "../calc-core.js";
import { roofline } from "./roofline.js";
import { serving_capacity } from "./serving.js";

export function context_budget(a) {
  if (a.max_output_tokens > a.context_window_tokens) {
    throw new InputError(
      `Model's max output of ${plain(a.max_output_tokens)} tokens cannot exceed its context window of ${plain(a.context_window_tokens)} tokens.`,
      ["max_output_tokens", "context_window_tokens"]);
  }
  if (a.max_tokens > a.max_output_tokens) {
    throw new InputError(
      `max_tokens of ${plain(a.max_tokens)} is above the model's max output of ${plain(a.max_output_tokens)} tokens; the API rejects it.`,
      ["max_tokens", "max_output_tokens"]);
  }
  const tools = a.tool_tokens + a.tool_prompt_tokens;
  const framing = a.num_messages * a.tokens_per_message + a.reply_priming_tokens;
  const visibleIn = a.system_tokens + a.tool_tokens + a.retrieved_tokens + a.history_tokens + a.user_tokens;
  const hidden = a.tool_prompt_tokens + framing;
  const used = visibleIn + hidden;
  let limit, windowTotal;
  if (a.rule === "total") {
    limit = a.context_window_tokens - a.max_tokens;
    windowTotal = a.context_window_tokens;
  } else if (a.rule === "split") {
    limit = a.context_window_tokens - a.max_output_tokens;
    windowTotal = a.context_window_tokens;
  } else {
    limit = a.context_window_tokens;
    windowTotal = a.context_window_tokens + a.max_output_tokens;
  }
  const budget = Math.max(0, limit - a.margin_tokens);
  const over = Math.max(0, used - limit);
  const fits = over === 0 ? 1 : 0;
  const outcome = fits ? "fits" : (a.rule === "total"
    ? "rejected: prompt plus max_tokens is over the window"
    : "rejected or truncated: input is over the input limit");
  const visibleOut = Math.max(0, Math.min(a.answer_tokens, a.max_tokens - a.reasoning_tokens));
  const billedOut = fits ? Math.min(a.max_tokens, a.reasoning_tokens + a.answer_tokens) : 0;
  const longTier = a.long_context_threshold_tokens > 0 && used > a.long_context_threshold_tokens ? 1 : 0;
  const priceIn = longTier ? a.long_input_usd_per_token : a.input_usd_per_token;
  const priceOut = longTier ? a.long_output_usd_per_token : a.output_usd_per_token;
  const costIn = fits ? used * priceIn : 0;
  const costOut = billedOut * priceOut;
  const whole = Math.max(windowTotal, used + a.max_tokens);
  const parts = [a.system_tokens, tools, a.retrieved_tokens, a.history_tokens, a.user_tokens + framing, a.max_tokens];
  const shares = parts.map((p) => p / whole);
  return {
    rule: a.rule, context_window_tokens: a.context_window_tokens,
    max_output_tokens: a.max_output_tokens, max_tokens: a.max_tokens,
    system_tokens: a.system_tokens, tool_tokens: a.tool_tokens,
    tool_prompt_tokens: a.tool_prompt_tokens, retrieved_tokens: a.retrieved_tokens,
    history_tokens: a.history_tokens, user_tokens: a.user_tokens, framing_tokens: framing,
    reasoning_tokens: a.reasoning_tokens, margin_tokens: a.margin_tokens,
    visible_input_tokens: visibleIn, hidden_input_tokens: hidden, input_tokens: used,
    input_limit_tokens: limit, input_budget_tokens: budget, headroom_tokens: budget - used,
    over_tokens: over, fits, outcome,
    visible_output_tokens: fits ? visibleOut : 0, billed_output_tokens: billedOut,
    reasoning_share_ratio: billedOut ? (billedOut - Math.min(billedOut, visibleOut)) / billedOut : 0,
    long_context_tier: longTier, input_cost_usd: costIn, output_cost_usd: costOut,
    request_cost_usd: costIn + costOut,
    system_share_ratio: shares[0], tools_share_ratio: shares[1], retrieved_share_ratio: shares[2],
    history_share_ratio: shares[3], user_share_ratio: shares[4], output_share_ratio: shares[5],
    free_share_ratio: Math.max(0, whole - parts.reduce((s, x) => s + x, 0)) / whole,
  };
}

export function multi_turn(a) {
  const step = a.user_tokens + a.assistant_tokens;
  const sizes = [];
  for (let t = 1; t <= a.num_turns; t++) sizes.push(a.system_tokens + (t - 1) * step + a.user_tokens);
  const total = sizes.reduce((s, x) => s + x, 0);
  const cumulative = [];
  let running = 0;
  for (const s of sizes) { running += s; cumulative.push(running); }
  let read = 0, write = 0, plainTokens = 0;
  const writePrice = a.cache_write_usd_per_token || a.input_usd_per_token;
  sizes.forEach((size, t) => {
    const cached = t && sizes[t - 1] >= a.cache_min_tokens ? sizes[t - 1] : 0;
    read += cached;
    if (size >= a.cache_min_tokens) write += size - cached;
    else plainTokens += size - cached;
  });
  const out = a.num_turns * a.assistant_tokens;
  const uncached = total * a.input_usd_per_token + out * a.output_usd_per_token;
  const cachedCost = read * a.cache_read_usd_per_token + write * writePrice
    + plainTokens * a.input_usd_per_token + out * a.output_usd_per_token;
  return {
    num_turns: a.num_turns, first_request_tokens: sizes[0], last_request_tokens: sizes[sizes.length - 1],
    total_input_tokens: total, total_output_tokens: out, linear_input_tokens: a.num_turns * sizes[0],
    growth_multiple: sizes[sizes.length - 1] ? total / sizes[sizes.length - 1] : 1, cache_read_tokens: read,
    cache_write_tokens: write, uncached_input_tokens: plainTokens, cost_uncached_usd: uncached,
    cost_cached_usd: cachedCost, cached_cost_multiple: uncached ? cachedCost / uncached : 1,
    request_tokens: sizes, cumulative_input_tokens: cumulative,
  };
}

export function context_serving(a, c) {
  if (a.context_tokens > a.context_window_tokens) {
    throw new InputError(
      `Context per session of ${plain(a.context_tokens)} tokens is beyond the model's context window of ${plain(a.context_window_tokens)} tokens.`,
      ["context_tokens", "context_window_tokens"]);
  }
  const r = roofline({ ...a, prompt_tokens: a.context_tokens - 1, output_tokens: 1, batch_size: 1 }, c);
  const s = serving_capacity({
    ...a, block_size_tokens: c.vllm_block_size_tokens, max_model_len_tokens: a.context_tokens,
    requested_sequences: 1,
  }, c);
  const perSession = s.kv_bytes_per_token * a.context_tokens;
  return {
    context_tokens: a.context_tokens, prefill_seconds: r.prefill_seconds,
    prefill_attention_share_ratio: r.prefill_attention_flops / r.prefill_flops,
    tpot_seconds: r.tpot_seconds, kv_bytes_per_token: s.kv_bytes_per_token,
    kv_bytes_per_session: perSession, weight_bytes: s.weight_bytes,
    kv_to_weights_multiple: perSession / s.weight_bytes, kv_budget_bytes: s.kv_budget_bytes,
    token_capacity: s.token_capacity, concurrent_sessions: s.concurrent_sequences,
  };
}
