"""The registered context-budget calculators (guide 9): the window budget with the provider's
rule, multi-turn growth with and without caching, and what a long context costs a self-hosted
server (prefill time from the roofline, KV memory and sessions from the serving model)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calculators.budget import RULES, context_budget, multi_turn
from calculators.data import constant
from calculators.data.providers import PROVIDER_MODELS
from calculators.fields import Field, InputError, plain_number
from calculators.inference_fields import (
    accelerator_preset, efficiency_fields, hardware_fields, parallel_fields,
)
from calculators.memory import DTYPE_BYTES, MAX_TOKENS, PRESET_MODEL_FIELDS
from calculators.presets import preset_field, with_preset_defaults
from calculators.registry import register
from calculators.spec_files import declared
from calculators.roofline import roofline
from calculators.roofline_calcs import DTYPE_FIELDS
from calculators.serving import serving_capacity

__all__ = ["MODEL_RULES", "PROVIDER_RULES", "context_serving"]

#: Provider -> over-the-window rule (the flags' sources are in calculators/data/batching.toml).
PROVIDER_RULES = {"Anthropic": "total", "OpenAI": "total", "Google": "separate",
                  "DeepSeek": "total"}
#: Models whose window is stated otherwise than their provider's usual rule: GPT-5's 400,000
#: is 272,000 in plus 128,000 out; GPT-4.1's 1,047,576 are input tokens, output apart.
MODEL_RULES = {"gpt-5": "split", "gpt-5-mini": "split", "gpt-4.1": "separate",
               "gpt-4.1-mini": "separate"}
TOOL_PROMPT = int(constant("anthropic_tool_prompt_auto_tokens").value)
PER_MESSAGE = int(constant("openai_tokens_per_message").value)
PRIMING = int(constant("openai_reply_priming_tokens").value)
MTOK = 1e-6  # display prices per million tokens: field value = USD per token / MTOK


def _tokens(key: str, name: str, label: str, default: int, help: str = "") -> Field:
    return Field(key, name, label, "tokens", default, 0, MAX_TOKENS, 1, integer=True, help=help)


def _price(key: str, name: str, label: str, default: float) -> Field:
    return Field(key, name, label, "USD / MTok", default, 0, 10_000, 0.01, scale=1 / MTOK)


WINDOW_FIELDS = (
    Field("rule", "rule", "What the provider does over the window", "choice", "total",
          choices=RULES),
    Field("window", "context_window_tokens", "Context window", "tokens", 200_000, 1, MAX_TOKENS,
          1, integer=True),
    Field("max_output", "max_output_tokens", "Model's max output", "tokens", 64_000, 1,
          MAX_TOKENS, 1, integer=True),
    _price("price_in", "input_usd_per_token", "Input price", 3),
    _price("price_out", "output_usd_per_token", "Output price", 15),
    _tokens("long_threshold", "long_context_threshold_tokens",
            "Long-context tier above (0: none)", 0),
    _price("long_in", "long_input_usd_per_token", "Long-context input price", 0),
    _price("long_out", "long_output_usd_per_token", "Long-context output price", 0),
    _tokens("tool_prompt", "tool_prompt_tokens", "Provider's tool prompt", TOOL_PROMPT,
            "Added by the provider whenever tools are present."),
    _tokens("per_message", "tokens_per_message", "Framing tokens per message", 0,
            "Role markers around each message; local counts miss them."),
    _tokens("priming", "reply_priming_tokens", "Reply priming tokens", 0),
)
PROVIDER = preset_field(
    "provider", "Model (provider)", "provider_models",
    fills={"rule": lambda p: MODEL_RULES.get(p.key, PROVIDER_RULES.get(p.provider, "total")),
           "window": "context_window_tokens", "max_output": "max_output_tokens",
           "price_in": "input_usd_per_token", "price_out": "output_usd_per_token",
           "long_threshold": "long_context_threshold_tokens",
           "long_in": "long_context_input_usd_per_token",
           "long_out": "long_context_output_usd_per_token",
           "tool_prompt": lambda p: TOOL_PROMPT if p.provider == "Anthropic" else 0,
           "per_message": lambda p: PER_MESSAGE if p.provider == "OpenAI" else 0,
           "priming": lambda p: PRIMING if p.provider == "OpenAI" else 0},
    fields=WINDOW_FIELDS, default="claude-sonnet-4.5",
    help="Fills the window, limits and prices from the providers table; edit any value.")
BUDGET_FIELDS = (PROVIDER, *with_preset_defaults(PROVIDER, WINDOW_FIELDS)) + (
    _tokens("system", "system_tokens", "System prompt", 3000),
    _tokens("tools", "tool_tokens", "Tool definitions", 2000, "The JSON schemas you send."),
    _tokens("retrieved", "retrieved_tokens", "Retrieved context", 60_000),
    _tokens("history", "history_tokens", "Conversation history", 60_000),
    _tokens("user", "user_tokens", "This turn's message", 500),
    Field("messages", "num_messages", "Messages in the request", "messages", 41, 0, 1_000_000,
          1, integer=True),
    _tokens("max_tokens", "max_tokens", "max_tokens (output reserve)", 16_000),
    _tokens("reasoning", "reasoning_tokens", "Reasoning (thinking) tokens", 4000,
            "Count against max_tokens and are billed as output."),
    _tokens("answer", "answer_tokens", "Visible answer wanted", 1500),
    _tokens("margin", "margin_tokens", "Safety margin", 2000,
            "For counts that differ from the provider's tokenizer."),
)

CACHE_FIELDS = (
    _price("price_in", "input_usd_per_token", "Input price", 3),
    _price("price_out", "output_usd_per_token", "Output price", 15),
    _price("price_read", "cache_read_usd_per_token", "Cache read price", 0.3),
    _price("price_write", "cache_write_usd_per_token", "Cache write price (0: input price)",
           3.75),
    _tokens("cache_min", "cache_min_tokens", "Shortest cacheable prefix", 1024),
)
CACHE_PROVIDER = preset_field(
    "provider", "Model (provider)", "provider_models",
    fills={"price_in": "input_usd_per_token", "price_out": "output_usd_per_token",
           "price_read": "cache_read_usd_per_token",
           "price_write": "cache_write_5m_usd_per_token", "cache_min": "cache_min_tokens"},
    fields=CACHE_FIELDS, default="claude-sonnet-4.5",
    entries=[k for k, p in PROVIDER_MODELS.items() if p.cache_read_usd_per_token is not None],
    help="Fills the prices and cache rules from the providers table.")
TURN_FIELDS = (
    Field("turns", "num_turns", "Turns", "turns", 20, 1, 10_000, 1, integer=True),
    _tokens("system", "system_tokens", "System prompt", 1000),
    _tokens("user", "user_tokens", "User message per turn", 200),
    _tokens("assistant", "assistant_tokens", "Assistant reply per turn", 300),
    CACHE_PROVIDER, *with_preset_defaults(CACHE_PROVIDER, CACHE_FIELDS),
)

SERVING_FIELDS = PRESET_MODEL_FIELDS + DTYPE_FIELDS + accelerator_preset(
    hardware_fields(memory=80) + parallel_fields()) + (
    Field("context", "context_tokens", "Context per session", "tokens", 131_072, 2, MAX_TOKENS,
          1, integer=True, help="Prompt plus answer of one long session."),
    Field("utilization", "gpu_memory_utilization_ratio", "Memory the server may use", "%",
          constant("vllm_gpu_memory_utilization_ratio").value * 100, 1, 100, 1, scale=100),
    Field("reserve", "activation_reserve_bytes", "Activation reserve per GPU", "GB", 2.5, 0,
          1000, 0.1, scale=1e-9),
) + efficiency_fields()


@dataclass(frozen=True)
class ContextServing:
    context_tokens: int
    prefill_seconds: float
    prefill_attention_share_ratio: float
    tpot_seconds: float
    kv_bytes_per_token: float
    kv_bytes_per_session: float
    weight_bytes: float
    kv_to_weights_multiple: float
    kv_budget_bytes: float
    token_capacity: float
    concurrent_sessions: int


def context_serving(
    *,
    context_tokens: int,
    memory_bytes: float,
    gpu_memory_utilization_ratio: float,
    activation_reserve_bytes: float,
    **shape: Any,
) -> ContextServing:
    """Prefill time, KV memory and concurrent sessions of one context length on one server."""
    if context_tokens > shape["context_window_tokens"]:
        raise InputError(
            f"Context per session of {plain_number(context_tokens)} tokens is beyond the model's "
            f"context window of {plain_number(shape['context_window_tokens'])} tokens.",
            ("context_tokens", "context_window_tokens"))
    model = {k: shape[k] for k in (
        "params_total", "params_active", "num_layers", "hidden_size", "attention",
        "num_kv_heads", "head_dim", "kv_lora_rank", "qk_rope_head_dim", "sliding_window_tokens",
        "num_sliding_window_layers", "context_window_tokens", "weight_dtype", "kv_dtype")}
    r = roofline(**shape, prompt_tokens=context_tokens - 1, output_tokens=1, batch_size=1)
    s = serving_capacity(
        **model, memory_bytes=memory_bytes, num_gpus=shape["num_gpus"],
        gpu_memory_utilization_ratio=gpu_memory_utilization_ratio,
        activation_reserve_bytes=activation_reserve_bytes,
        block_size_tokens=int(constant("vllm_block_size_tokens").value),
        context_tokens=context_tokens, max_model_len_tokens=context_tokens,
        requested_sequences=1)
    per_session = s.kv_bytes_per_token * context_tokens
    return ContextServing(
        context_tokens=context_tokens, prefill_seconds=r.prefill_seconds,
        prefill_attention_share_ratio=r.prefill_attention_flops / r.prefill_flops,
        tpot_seconds=r.tpot_seconds, kv_bytes_per_token=s.kv_bytes_per_token,
        kv_bytes_per_session=per_session, weight_bytes=s.weight_bytes,
        kv_to_weights_multiple=per_session / s.weight_bytes,
        kv_budget_bytes=s.kv_budget_bytes, token_capacity=s.token_capacity,
        concurrent_sessions=s.concurrent_sequences,
    )


register(
    declared("context_budget", context_budget, BUDGET_FIELDS),
    declared("multi_turn", multi_turn, TURN_FIELDS),
    declared("context_serving", context_serving, SERVING_FIELDS,
        data={"dtype_bytes": DTYPE_BYTES},
    ),
)
