"""Context windows and token budgets (guide 9): how one request's window is shared, what the
providers do with a request that does not fit, what a conversation bills over K turns, and
what a long context costs in prefill time, KV memory and concurrent sessions.

    input        = system + tools + tool prompt + retrieved + history + user
                   + framing per message × messages + reply priming         (hidden: the last three)
    input limit  = window − max_tokens         rule "total" (Anthropic: over it is a validation error)
                 = window − model max output   rule "split" (a total stated as input + output)
                 = window                      rule "separate" (input and output limits apart)
    visible      = min(answer, max_tokens − reasoning)        billed output = min(max_tokens,
                   reasoning + answer): reasoning tokens use up max_tokens and are billed
    last request = S + (K − 1)(u + a) + u;  billed input = K(S + u) + (u + a) K(K − 1) / 2
    cached turn t: read P(t−1) at the read price when P(t−1) >= the cache minimum, write the rest

References: Anthropic "Context windows" (validation error, Claude 3.7+); OpenAI API reference
(Responses ``truncation``); Anthropic tool-use pricing (tool prompt); OpenAI Cookbook (tokens
per message); Anthropic prompt caching prices via the providers catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.collect import Ints
from calculators.fields import InputError, plain_number

__all__ = ["ContextBudget", "MultiTurn", "RULES", "context_budget", "multi_turn"]

RULES = (("total", "Window is prompt plus max_tokens; over it, rejected"),
         ("split", "Window is a total split into fixed input and output limits"),
         ("separate", "Input and output limits stated apart"))


@dataclass(frozen=True)
class ContextBudget:
    rule: str
    context_window_tokens: int
    max_output_tokens: int
    max_tokens: int
    system_tokens: int
    tool_tokens: int
    tool_prompt_tokens: int
    retrieved_tokens: int
    history_tokens: int
    user_tokens: int
    framing_tokens: int
    reasoning_tokens: int
    margin_tokens: int
    visible_input_tokens: int
    hidden_input_tokens: int
    input_tokens: int
    input_limit_tokens: int
    input_budget_tokens: int
    headroom_tokens: int
    over_tokens: int
    fits: int
    outcome: str
    visible_output_tokens: int
    billed_output_tokens: int
    reasoning_share_ratio: float
    long_context_tier: int
    input_cost_usd: float
    output_cost_usd: float
    request_cost_usd: float
    system_share_ratio: float
    tools_share_ratio: float
    retrieved_share_ratio: float
    history_share_ratio: float
    user_share_ratio: float
    output_share_ratio: float
    free_share_ratio: float


def context_budget(*, rule: str, context_window_tokens: int, max_output_tokens: int,
                   input_usd_per_token: float, output_usd_per_token: float,
                   long_context_threshold_tokens: int, long_input_usd_per_token: float,
                   long_output_usd_per_token: float, system_tokens: int, tool_tokens: int,
                   tool_prompt_tokens: int, retrieved_tokens: int, history_tokens: int,
                   user_tokens: int, num_messages: int, tokens_per_message: int,
                   reply_priming_tokens: int, max_tokens: int, reasoning_tokens: int,
                   answer_tokens: int, margin_tokens: int) -> ContextBudget:
    """Share a window between the parts of one request and apply the provider's rule."""
    if max_output_tokens > context_window_tokens:
        raise InputError(
            f"Model's max output of {plain_number(max_output_tokens)} tokens cannot exceed its "
            f"context window of {plain_number(context_window_tokens)} tokens.",
            ("max_output_tokens", "context_window_tokens"))
    if max_tokens > max_output_tokens:
        raise InputError(
            f"max_tokens of {plain_number(max_tokens)} is above the model's max output of "
            f"{plain_number(max_output_tokens)} tokens; the API rejects it.",
            ("max_tokens", "max_output_tokens"))
    tools = tool_tokens + tool_prompt_tokens
    framing = num_messages * tokens_per_message + reply_priming_tokens
    visible_in = system_tokens + tool_tokens + retrieved_tokens + history_tokens + user_tokens
    hidden = tool_prompt_tokens + framing
    used = visible_in + hidden
    if rule == "total":
        limit = context_window_tokens - max_tokens
        window_total = context_window_tokens
    elif rule == "split":
        limit = context_window_tokens - max_output_tokens
        window_total = context_window_tokens
    else:
        limit = context_window_tokens
        window_total = context_window_tokens + max_output_tokens
    budget = max(0, limit - margin_tokens)
    over = max(0, used - limit)
    fits = int(over == 0)
    outcome = "fits" if fits else (
        "rejected: prompt plus max_tokens is over the window" if rule == "total"
        else "rejected or truncated: input is over the input limit")
    visible_out = max(0, min(answer_tokens, max_tokens - reasoning_tokens))
    billed_out = min(max_tokens, reasoning_tokens + answer_tokens) if fits else 0
    long_tier = int(long_context_threshold_tokens > 0 and used > long_context_threshold_tokens)
    price_in = long_input_usd_per_token if long_tier else input_usd_per_token
    price_out = long_output_usd_per_token if long_tier else output_usd_per_token
    cost_in = used * price_in if fits else 0.0
    cost_out = billed_out * price_out
    whole = max(window_total, used + max_tokens)
    parts = (system_tokens, tools, retrieved_tokens, history_tokens, user_tokens + framing,
             max_tokens)
    shares = [p / whole for p in parts]
    return ContextBudget(
        rule=rule, context_window_tokens=context_window_tokens,
        max_output_tokens=max_output_tokens, max_tokens=max_tokens,
        system_tokens=system_tokens, tool_tokens=tool_tokens,
        tool_prompt_tokens=tool_prompt_tokens, retrieved_tokens=retrieved_tokens,
        history_tokens=history_tokens, user_tokens=user_tokens, framing_tokens=framing,
        reasoning_tokens=reasoning_tokens, margin_tokens=margin_tokens,
        visible_input_tokens=visible_in, hidden_input_tokens=hidden, input_tokens=used,
        input_limit_tokens=limit, input_budget_tokens=budget, headroom_tokens=budget - used,
        over_tokens=over, fits=fits, outcome=outcome,
        visible_output_tokens=visible_out if fits else 0, billed_output_tokens=billed_out,
        reasoning_share_ratio=(billed_out - min(billed_out, visible_out)) / billed_out
        if billed_out else 0.0,
        long_context_tier=long_tier, input_cost_usd=cost_in, output_cost_usd=cost_out,
        request_cost_usd=cost_in + cost_out,
        system_share_ratio=shares[0], tools_share_ratio=shares[1],
        retrieved_share_ratio=shares[2], history_share_ratio=shares[3],
        user_share_ratio=shares[4], output_share_ratio=shares[5],
        free_share_ratio=max(0, whole - sum(parts)) / whole,
    )


@dataclass(frozen=True)
class MultiTurn:
    num_turns: int
    first_request_tokens: int
    last_request_tokens: int
    total_input_tokens: int
    total_output_tokens: int
    linear_input_tokens: int
    growth_multiple: float
    cache_read_tokens: int
    cache_write_tokens: int
    uncached_input_tokens: int
    cost_uncached_usd: float
    cost_cached_usd: float
    cached_cost_multiple: float
    request_tokens: Ints
    cumulative_input_tokens: Ints


def multi_turn(
    *,
    num_turns: int,
    system_tokens: int,
    user_tokens: int,
    assistant_tokens: int,
    input_usd_per_token: float,
    output_usd_per_token: float,
    cache_read_usd_per_token: float,
    cache_write_usd_per_token: float,
    cache_min_tokens: int,
) -> MultiTurn:
    """Input billed over ``num_turns`` turns that each re-send the whole conversation."""
    step = user_tokens + assistant_tokens
    sizes = [system_tokens + (t - 1) * step + user_tokens for t in range(1, num_turns + 1)]
    total = sum(sizes)
    cumulative, running = [], 0
    for s in sizes:
        running += s
        cumulative.append(running)
    read = write = plain = 0
    write_price = cache_write_usd_per_token or input_usd_per_token
    for t, size in enumerate(sizes):
        cached = sizes[t - 1] if t and sizes[t - 1] >= cache_min_tokens else 0
        read += cached
        if size >= cache_min_tokens:
            write += size - cached
        else:
            plain += size - cached
    out = num_turns * assistant_tokens
    uncached = total * input_usd_per_token + out * output_usd_per_token
    cached_cost = (read * cache_read_usd_per_token + write * write_price
                   + plain * input_usd_per_token + out * output_usd_per_token)
    return MultiTurn(
        num_turns=num_turns, first_request_tokens=sizes[0], last_request_tokens=sizes[-1],
        total_input_tokens=total, total_output_tokens=out,
        linear_input_tokens=num_turns * sizes[0],
        growth_multiple=total / sizes[-1] if sizes[-1] else 1.0,
        cache_read_tokens=read, cache_write_tokens=write, uncached_input_tokens=plain,
        cost_uncached_usd=uncached, cost_cached_usd=cached_cost,
        cached_cost_multiple=cached_cost / uncached if uncached else 1.0,
        request_tokens=tuple(sizes), cumulative_input_tokens=tuple(cumulative),
    )
