"""Serving memory and scheduling (guide 10): how many tokens and sequences fit, paged blocks,
preemption, tensor parallelism and the KV handover of disaggregated prefill.

    KV budget [B]     = n × (memory × utilisation − activation reserve) − weights
    token capacity    = KV budget / KV per token
    blocks            = floor(KV budget / (block × KV per token))
    sequences at C    = floor(KV budget / KV(ceil(C / block) × block))     paged
                      = floor(KV budget / KV(max_model_len))               contiguous, reserved at max
    last-block waste  = ceil(C / block) × block − C tokens
    preempted         = requested − sequences at C, when positive
    handover [B]      = KV(prompt);  transfer [s] = handover / link bandwidth

vLLM refuses to start when one sequence of ``max_model_len`` tokens needs more KV cache than
the budget; this model raises the same complaint, with the longest context that would fit.
References: vLLM paper and blog (PagedAttention, < 4% waste); vLLM ``CacheConfig`` (block 16,
utilisation 0.92); DistServe (prefill/decode disaggregation); JAX scaling book.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Unpack

from calculators.fields import InputError, plain_number
from calculators.memory import (
    DTYPE_BYTES, ModelShape, check_shape, layer_kv_bytes, sequence_kv_bytes,
)

__all__ = ["ServingCapacity", "serving_capacity", "kv_per_gpu_ratio"]


def kv_per_gpu_ratio(attention: str, num_kv_heads: int, num_gpus: int) -> float:
    """Share of the KV cache each GPU holds under tensor parallelism.

    Heads split evenly; with fewer KV heads than GPUs each head is replicated; an MLA latent
    is not split by heads, so every GPU keeps all of it.
    """
    if num_gpus <= 1:
        return 1.0
    if attention == "mla":
        return 1.0
    return max(1, math.ceil(num_kv_heads / num_gpus)) / num_kv_heads


@dataclass(frozen=True)
class ServingCapacity:
    memory_bytes: float
    num_gpus: int
    gpu_memory_utilization_ratio: float
    activation_reserve_bytes: float
    block_size_tokens: int
    context_tokens: int
    max_model_len_tokens: int
    requested_sequences: int
    weight_bytes: float
    weight_bytes_per_gpu: float
    usable_bytes: float
    kv_budget_bytes: float
    kv_bytes_per_token: float
    kv_bytes_per_token_per_gpu: float
    token_capacity: float
    num_blocks: int
    blocks_per_sequence: int
    concurrent_sequences: int
    contiguous_sequences: int
    paged_gain_ratio: float
    last_block_waste_tokens: int
    paged_waste_ratio: float
    contiguous_waste_tokens: int
    contiguous_waste_ratio: float
    admitted_sequences: int
    preempted_sequences: int
    max_context_that_fits_tokens: int
    weight_share_ratio: float
    kv_share_ratio: float


def serving_capacity(*, weight_dtype: str, kv_dtype: str, memory_bytes: float, num_gpus: int,
                     gpu_memory_utilization_ratio: float, activation_reserve_bytes: float,
                     block_size_tokens: int, context_tokens: int, max_model_len_tokens: int,
                     requested_sequences: int, **shape: Unpack[ModelShape]) -> ServingCapacity:
    """KV budget, capacity and concurrency of one server (n GPUs in one tensor-parallel group)."""
    check_shape(shape, context_tokens=max_model_len_tokens, context_label="Maximum model length",
                context_fields=("max_model_len_tokens",))
    if context_tokens > max_model_len_tokens:
        raise InputError(
            f"Tokens per sequence of {plain_number(context_tokens)} is beyond "
            f"the maximum model length of {plain_number(max_model_len_tokens)} tokens.",
            ("context_tokens", "max_model_len_tokens"))
    weights = shape["params_total"] * DTYPE_BYTES[weight_dtype]
    usable = num_gpus * (memory_bytes * gpu_memory_utilization_ratio - activation_reserve_bytes)
    budget = usable - weights
    if budget <= 0:
        raise InputError(
            f"The model does not fit: its weights ({weights / 1e9:.2f} GB) "
            f"need more than the {usable / 1e9:.2f} GB usable on "
            f"{num_gpus} GPU(s) after the utilisation cap and the activation reserve. "
            "Use more GPUs, a smaller weight format or a GPU with more memory.",
            ("params_total", "num_gpus", "memory_bytes", "weight_dtype"))
    per_layer = layer_kv_bytes(shape, kv_dtype)
    # KV per token of the whole group: replicated heads or an MLA latent cost memory on every GPU.
    per_gpu = kv_per_gpu_ratio(shape["attention"], shape["num_kv_heads"], num_gpus)
    per_token = per_layer * shape["num_layers"] * per_gpu * num_gpus

    def seq_bytes(tokens: int) -> float:
        full = per_layer * shape["num_layers"]
        return sequence_kv_bytes(shape, per_layer, tokens) * per_token / full

    blocks = math.floor(budget / (block_size_tokens * per_token))
    max_fit = blocks * block_size_tokens
    longest = seq_bytes(max_model_len_tokens)
    if longest > budget:
        raise InputError(
            f"The KV cache needed for one sequence of the maximum model length, "
            f"{plain_number(max_model_len_tokens)} tokens ({longest / 1e9:.2f} GB), "
            f"is larger than the available KV cache memory ({budget / 1e9:.2f} GB). "
            f"The longest that fits is about {plain_number(max_fit)} tokens: lower the maximum "
            "model length, raise the memory the server may use, or add GPUs.",
            ("max_model_len_tokens", "gpu_memory_utilization_ratio", "num_gpus"))
    per_seq_blocks = math.ceil(context_tokens / block_size_tokens) if context_tokens else 1
    paged_seq = seq_bytes(per_seq_blocks * block_size_tokens)
    concurrent = math.floor(budget / paged_seq)
    contiguous = math.floor(budget / longest)
    waste = per_seq_blocks * block_size_tokens - context_tokens
    admitted = min(requested_sequences, concurrent)
    return ServingCapacity(
        memory_bytes=memory_bytes, num_gpus=num_gpus,
        gpu_memory_utilization_ratio=gpu_memory_utilization_ratio,
        activation_reserve_bytes=activation_reserve_bytes, block_size_tokens=block_size_tokens,
        context_tokens=context_tokens, max_model_len_tokens=max_model_len_tokens,
        requested_sequences=requested_sequences,
        weight_bytes=weights, weight_bytes_per_gpu=weights / num_gpus, usable_bytes=usable,
        kv_budget_bytes=budget, kv_bytes_per_token=per_layer * shape["num_layers"],
        kv_bytes_per_token_per_gpu=per_token / num_gpus,
        token_capacity=budget / per_token, num_blocks=blocks,
        blocks_per_sequence=per_seq_blocks, concurrent_sequences=concurrent,
        contiguous_sequences=contiguous,
        paged_gain_ratio=concurrent / contiguous,
        last_block_waste_tokens=waste,
        paged_waste_ratio=waste / (per_seq_blocks * block_size_tokens),
        contiguous_waste_tokens=max_model_len_tokens - context_tokens,
        contiguous_waste_ratio=(max_model_len_tokens - context_tokens) / max_model_len_tokens,
        admitted_sequences=admitted, preempted_sequences=requested_sequences - admitted,
        max_context_that_fits_tokens=max_fit,
        weight_share_ratio=weights / (num_gpus * memory_bytes),
        kv_share_ratio=budget / (num_gpus * memory_bytes),
    )
