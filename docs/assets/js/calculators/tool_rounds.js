// Twin of calculators/tool_rounds.py: LLM calls, tokens re-sent per round, time and cost of a
// tool-calling task. Prices come from the spec's data (the provider catalog), never retyped.

import { InputError, plainNumber as plain, requireRange } from "../calc-core.js";

const CACHES = ["off", "growing", "stuck"];

export function tool_round_rows(inputs, outputs, prefix, cache, prices) {
  const rows = [];
  let cached = 0;
  inputs.forEach((sent, index) => {
    const out = outputs[index];
    let target = { off: 0, growing: sent, stuck: prefix }[cache];
    if (target < prices.min_tokens) target = 0;
    const read = Math.min(cached, target);
    const write = target - read;
    const plainTokens = sent - read - write;
    const cost = plainTokens * prices.input + read * prices.read + write * prices.write + out * prices.output;
    rows.push({ call: index + 1, input_tokens: sent, output_tokens: out, cache_read_tokens: read,
      cache_write_tokens: write, uncached_input_tokens: plainTokens, cost_usd: cost });
    cached = Math.max(cached, target);
  });
  return rows;
}

export function tool_rounds(a, c) {
  requireRange("Tool rounds", a.num_rounds, 0, 100, "rounds");
  requireRange("Tool calls per round", a.calls_per_round, 1, 100, "calls");
  requireRange("Tool failure rate", a.tool_failure_ratio, 0, 0.9, "ratio");
  const prices = c.tool_round_prices[a.model];
  if (!prices) throw new Error(`Model must be one of: ${Object.keys(c.tool_round_prices).join(", ")}; got '${a.model}'.`);
  if (!CACHES.includes(a.cache)) throw new Error(`Caching must be one of: off, growing, stuck; got '${a.cache}'.`);
  const toolPrompt = c.anthropic_tool_prompt_auto_tokens;
  if (a.prefix_tokens < toolPrompt) {
    throw new InputError(`System prompt and tools must be at least the provider's tool-use prompt (${plain(toolPrompt)} tokens); got ${plain(a.prefix_tokens)}.`, ["prefix_tokens"]);
  }
  const step = a.calls_per_round * (a.call_tokens + a.result_tokens);
  const inputs = [];
  for (let k = 0; k <= a.num_rounds; k++) inputs.push(a.prefix_tokens + a.user_tokens + k * step);
  const outputs = Array(a.num_rounds).fill(a.calls_per_round * a.call_tokens).concat([a.answer_tokens]);
  const rows = tool_round_rows(inputs, outputs, a.prefix_tokens, a.cache, prices);
  const plainRows = tool_round_rows(inputs, outputs, a.prefix_tokens, "off", prices);
  const sum = (xs) => xs.reduce((s, x) => s + x, 0);
  const uncached = sum(plainRows.map((r) => r.cost_usd));
  const cost = sum(rows.map((r) => r.cost_usd));
  const args = a.num_rounds * a.calls_per_round * a.call_tokens * a.tpot_seconds;
  const success = (1 - a.tool_failure_ratio) ** a.calls_per_round;
  return {
    ...a,
    tool_prompt_tokens: toolPrompt,
    argument_tokens: a.num_rounds * a.calls_per_round * a.call_tokens,
    num_llm_calls: a.num_rounds + 1,
    input_tokens: sum(inputs),
    last_input_tokens: inputs[inputs.length - 1],
    output_tokens: sum(outputs),
    simple_seconds: (a.num_rounds + 1) * a.ttft_seconds + a.num_rounds * a.tool_seconds,
    first_answer_token_seconds: (a.num_rounds + 1) * a.ttft_seconds + args + a.num_rounds * a.tool_seconds,
    argument_seconds: args,
    uncached_cost_usd: uncached,
    cost_usd: cost,
    cache_cost_multiple_ratio: uncached > 0 ? cost / uncached : 1,
    expected_llm_calls: a.num_rounds / success + 1,
    rows,
  };
}
