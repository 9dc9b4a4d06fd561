"""Function calling: LLM round trips, the history re-sent each round, and what it costs (guide 13).

A task that needs ``R`` rounds of tool calls, ``p`` calls per round, takes ``R + 1`` LLM calls
(the last one writes the answer). Every call re-sends the whole conversation, so the input of
call ``k`` (1-based) is

    I_k = S + U + (k - 1) * p * (a + t)            [tokens]

with ``S`` the system prompt, tool definitions and the provider's tool-use prompt, ``U`` the
user's message, ``a`` the tokens of one generated tool call and ``t`` one tool result. The
total ``sum_k I_k`` grows with the square of ``R``: three sequential calls cost twice the input
of the same three calls made in parallel in one round.

Time to the first token of the answer (tools in one round run concurrently, so a round waits
for one tool time; arguments are generated at TPOT each):

    T_simple = (R + 1) * TTFT + R * t_tool
    T        = R * (TTFT + p * a * TPOT + t_tool) + TTFT

Prompt caching (Anthropic: a write costs 1.25x input for 5 minutes, a read 0.1x; below the
model's minimum cacheable length nothing is cached): with a breakpoint at the end of every
call, call ``k`` reads ``I_{k-1}`` from the cache and writes the ``I_k - I_{k-1}`` new tokens;
if the cached prefix stops advancing (a breakpoint on the system prompt only), every call
reads ``S`` and re-sends the rest at full price. A tool that fails with probability ``f`` makes
the model call it again in another round: expected LLM calls ``R / (1 - f)^p + 1``.

Units: tokens, seconds [s], US dollars [USD].
References: Anthropic tool-use overview (tool-use system prompt), Anthropic prompt caching
(multipliers, minimum length); REFERENCES guide 13 worked examples.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators.collect import Texts, table
from calculators.data import constant
from calculators.fields import Field, InputError, require_range
from calculators.hop_fields import (
    answer_tokens_field, check_model, constant_ms, model_field, model_prices, tpot_default_ms,
)
from calculators.registry import register
from calculators.spec_files import declared

__all__ = ["CACHE_MODES", "MODELS", "RoundRow", "ToolRounds", "tool_rounds", "tool_round_rows"]

#: Provider models whose tool-use system prompt is published (Anthropic).
MODELS: Texts = ("claude-sonnet-4.5", "claude-haiku-4.5", "claude-opus-4.5")
CACHE_MODES: tuple[tuple[str, str], ...] = (
    ("off", "No prompt caching"),
    ("growing", "Cache breakpoint at the end of every call"),
    ("stuck", "Cached prefix stuck at the system prompt"),
)


@dataclass(frozen=True)
class RoundRow:
    """One LLM call of the task: what it sends and what it is billed."""

    call: int
    input_tokens: int
    output_tokens: int
    cache_read_tokens: int
    cache_write_tokens: int
    uncached_input_tokens: int
    cost_usd: float


@dataclass(frozen=True)
class ToolRounds:
    """LLM calls, tokens, latency and cost of a task with ``num_rounds`` rounds of tools."""

    num_rounds: int
    calls_per_round: int
    model: str
    cache: str
    prefix_tokens: int
    user_tokens: int
    call_tokens: int
    result_tokens: int
    tool_prompt_tokens: int
    #: Tool-call tokens the model generates over all rounds.
    argument_tokens: int
    num_llm_calls: int
    input_tokens: int
    last_input_tokens: int
    output_tokens: int
    simple_seconds: float
    first_answer_token_seconds: float
    argument_seconds: float
    uncached_cost_usd: float
    cost_usd: float
    #: The task's cost over its cost without caching (above 1 when writes are never read).
    cache_cost_multiple_ratio: float
    expected_llm_calls: float
    rows: tuple[RoundRow, ...]
    #: (key, label, start [s], duration [s]) of every LLM call and tool run, for the timeline.
    timeline: tuple[tuple[str, str, float, float], ...] = ()


@table
def tool_round_rows(
    inputs: list[int], outputs: list[int], prefix_tokens: int, cache: str,
    prices: dict[str, float],
) -> Iterator[RoundRow]:
    """Bill each call: cache reads and writes by ``cache`` mode, the rest as plain input."""
    cached = 0  # tokens already in the cache before this call
    for index, (sent, out) in enumerate(zip(inputs, outputs, strict=True)):
        target = {"off": 0, "growing": sent, "stuck": prefix_tokens}[cache]
        if target < prices["min_tokens"]:
            target = 0  # below the minimum cacheable length nothing is cached, silently
        read = min(cached, target)
        write = target - read
        plain = sent - read - write
        cost = (plain * prices["input"] + read * prices["read"] + write * prices["write"]
                + out * prices["output"])
        yield RoundRow(index + 1, sent, out, read, write, plain, cost)
        cached = max(cached, target)


def tool_rounds(
    *, num_rounds: int, calls_per_round: int, prefix_tokens: int, user_tokens: int,
    call_tokens: int, result_tokens: int, answer_tokens: int, ttft_seconds: float,
    tpot_seconds: float, tool_seconds: float, tool_failure_ratio: float, model: str,
    cache: str,
) -> ToolRounds:
    """Tokens billed, time to the answer and cost of a multi-round tool-calling task."""
    require_range("Tool rounds", num_rounds, 0, 100, "rounds")
    require_range("Tool calls per round", calls_per_round, 1, 100, "calls")
    require_range("Tool failure rate", tool_failure_ratio, 0.0, 0.9, "ratio")
    check_model(model, MODELS)
    if cache not in {value for value, _ in CACHE_MODES}:
        raise ValueError(f"Caching must be one of: off, growing, stuck; got {cache!r}.")
    tool_prompt = int(constant("anthropic_tool_prompt_auto_tokens").value)
    if prefix_tokens < tool_prompt:
        raise InputError(
            f"System prompt and tools must be at least the provider's tool-use prompt "
            f"({tool_prompt:,} tokens); got {prefix_tokens:,}.", fields=("prefix_tokens",))
    step = calls_per_round * (call_tokens + result_tokens)
    inputs = [prefix_tokens + user_tokens + k * step for k in range(num_rounds + 1)]
    outputs = [calls_per_round * call_tokens] * num_rounds + [answer_tokens]
    prices = model_prices(model, cache=True)
    rows = tool_round_rows(inputs, outputs, prefix_tokens, cache, prices)
    plain = tool_round_rows(inputs, outputs, prefix_tokens, "off", prices)
    uncached_cost = sum(r.cost_usd for r in plain)
    cost = sum(r.cost_usd for r in rows)
    arguments = num_rounds * calls_per_round * call_tokens * tpot_seconds
    success = (1.0 - tool_failure_ratio) ** calls_per_round
    return ToolRounds(
        num_rounds=num_rounds, calls_per_round=calls_per_round, model=model, cache=cache,
        prefix_tokens=prefix_tokens, user_tokens=user_tokens, call_tokens=call_tokens,
        result_tokens=result_tokens, tool_prompt_tokens=tool_prompt,
        argument_tokens=num_rounds * calls_per_round * call_tokens,
        num_llm_calls=num_rounds + 1,
        input_tokens=sum(inputs), last_input_tokens=inputs[-1], output_tokens=sum(outputs),
        simple_seconds=(num_rounds + 1) * ttft_seconds + num_rounds * tool_seconds,
        first_answer_token_seconds=(num_rounds + 1) * ttft_seconds + arguments
        + num_rounds * tool_seconds,
        argument_seconds=arguments,
        uncached_cost_usd=uncached_cost, cost_usd=cost,
        cache_cost_multiple_ratio=cost / uncached_cost if uncached_cost > 0 else 1.0,
        expected_llm_calls=num_rounds / success + 1,
        rows=rows,
        timeline=_timeline(num_rounds, calls_per_round, ttft_seconds,
                           calls_per_round * call_tokens * tpot_seconds, tool_seconds),
    )


@table
def _timeline(rounds: int, calls: int, ttft: float, arguments: float,
              tool: float) -> Iterator[tuple[str, str, float, float]]:
    """LLM calls (to their last argument token) and tool runs on one time axis [s]."""
    t = 0.0
    for k in range(1, rounds + 1):
        yield (f"llm-{k}", f"LLM call {k}", t, ttft + arguments)
        t += ttft + arguments
        for j in range(1, calls + 1):
            yield (f"tool-{k}-{j}", f"Tool {j} of round {k}" if calls > 1
                   else f"Tool of round {k}", t, tool)
        t += tool
    yield ("answer", "LLM call with the answer (to its first token)", t, ttft)


def twin_data() -> dict[str, object]:
    """Prices and cache rules of the offered models, for the JavaScript twin."""
    return {"tool_round_prices": {key: model_prices(key, cache=True) for key in MODELS}}


register(
    declared("tool_rounds", tool_rounds, (
            answer_tokens_field(),
            Field("ttft", "ttft_seconds", "Time to first token per call", "ms",
                  constant_ms("incumbent_tool_call_ttft_seconds"), 0, 600_000, 1, scale=1000),
            Field("tpot", "tpot_seconds", "Time per output token", "ms",
                  tpot_default_ms(), 0.1, 60_000, 0.1,
                  scale=1000),
            Field("tool", "tool_seconds", "Tool run time", "ms",
                  constant_ms("incumbent_tool_seconds"), 0, 3_600_000, 1, scale=1000),
            model_field(MODELS),
            Field("cache", "cache", "Prompt caching", "choice", "off", choices=CACHE_MODES),
        ),
        data=twin_data,
    )
)

