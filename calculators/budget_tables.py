"""Tables and the check of guide 9, built on the registered calculators (budget_calcs):
tokens billed by turn, windows and input limits by model, the cost of filling a
million-token window, and the vLLM blog's single-sequence KV figure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators.budget import RULES
from calculators.collect import Texts, table
from calculators.data import constant
from calculators.data.providers import PROVIDER_MODELS
from calculators.registry import reference_check, register_check, register_table, run

__all__ = ["long_context_costs", "turn_series", "window_rules"]


def turn_series(turns: int = 20, **inputs: object) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Points (turn, tokens billed so far) and (turn, linear growth) for the chart."""
    r = run("multi_turn", {"turns": turns, **inputs})
    billed = tuple((float(t + 1), float(v)) for t, v in enumerate(r.cumulative_input_tokens))
    linear = tuple((float(t + 1), float((t + 1) * r.first_request_tokens)) for t in range(turns))
    return billed, linear


@dataclass(frozen=True)
class LongContextRow:
    key: str
    name: str
    context_window_tokens: int
    input_tokens: int
    request_cost_usd: float
    long_context_tier: int
    constants: Texts = ()


@table
def long_context_costs(output_tokens: int = 1000) -> Iterator[LongContextRow]:
    """Filling each long-window model's input limit once (with ``output_tokens`` out)."""
    for key, p in PROVIDER_MODELS.items():
        if p.context_window_tokens < 1_000_000:
            continue
        base = run("context_budget", {"provider": key, "system": 0, "tools": 0, "tool_prompt": 0,
                                      "retrieved": 0, "history": 0, "user": 0, "messages": 1,
                                      "max_tokens": output_tokens, "reasoning": 0,
                                      "answer": output_tokens, "margin": 0})
        fill = base.input_limit_tokens - base.input_tokens
        r = run("context_budget", {"provider": key, "system": 0, "tools": 0, "tool_prompt": 0,
                                   "retrieved": 0, "history": fill, "user": 0, "messages": 1,
                                   "max_tokens": output_tokens, "reasoning": 0,
                                   "answer": output_tokens, "margin": 0})
        yield LongContextRow(key, p.name, p.context_window_tokens, r.input_tokens,
                             r.request_cost_usd, r.long_context_tier)


def _vllm_sequence_check() -> object:
    """The vLLM blog's 'up to 1.7GB for a single sequence in LLaMA-13B' (2,048 tokens)."""
    from calculators.memory import model_inputs

    r = run("context_serving", {**model_inputs("llama-2-13b"), "model": "llama-2-13b",
                                "context": 2048, "accelerator": "a100-80gb"})
    return reference_check(
        "vllm_13b_sequence_kv", "vLLM blog: KV cache of one 2,048-token LLaMA-13B sequence",
        r.kv_bytes_per_session, constant("vllm_blog_13b_sequence_kv_bytes").value, "bytes",
        ("vllm_blog_13b_sequence_kv_bytes",))


register_check("vllm_13b_sequence_kv", _vllm_sequence_check)  # type: ignore[arg-type]
register_table("turn_series", turn_series)
register_table("long_context_costs", long_context_costs)


@dataclass(frozen=True)
class WindowRow:
    key: str
    provider: str
    name: str
    rule: str
    rule_label: str
    context_window_tokens: int
    max_output_tokens: int
    input_limit_tokens: int
    source_url: str
    constants: Texts = ()


@table
def window_rules() -> Iterator[WindowRow]:
    """Every provider model's window, max output and the input limit its rule leaves when
    max_tokens is set to the model's max output."""
    labels = dict(RULES)
    for key, p in PROVIDER_MODELS.items():
        r = run("context_budget", {"provider": key, "max_tokens": p.max_output_tokens})
        yield WindowRow(key, p.provider, p.name, r.rule, labels[r.rule],
                        p.context_window_tokens, p.max_output_tokens, r.input_limit_tokens,
                        p.source_url)


register_table("window_rules", window_rules)
