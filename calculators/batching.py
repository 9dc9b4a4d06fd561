"""Batching on the roofline (guide 8): what a bigger batch buys and costs, the stall a long
prefill puts on running decodes, and the concurrency a target throughput needs.

Every time below comes from :func:`calculators.roofline.roofline` (one fact, one
computation); this module only asks it the right questions:

    step(B)         = TPOT of the roofline at batch B        (weights once + B KV caches)
    throughput(B)   = B / step(B)         per-user speed = 1 / step(B)
    gain(B)         = throughput(B) / throughput(1);  slowdown(B) = step(B) / step(1)
    stall, whole    = step(B) + prefill(P)           a prefill of P tokens runs as one step
    stall, chunked  = step(B) + prefill compute(P) / ceil(P / chunk)    one chunk per step
    TTFT, chunked   = ceil(P / chunk) × stall, chunked
    batch needed    = smallest B with throughput(B) >= target        (throughput grows with B)
    in flight       = λ × W (Little's law), λ = target / N_out, W = end to end at that batch

References: JAX scaling book, "All About Transformer Inference" (batch table); Agrawal et al.,
Sarathi-Serve (chunked prefill, stall-free batching); Little (1961).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from calculators.fields import InputError, plain_number
from calculators.roofline import roofline

__all__ = ["BatchPoint", "ConcurrencyNeed", "PrefillStall", "batch_throughput",
           "concurrency_for_throughput", "prefill_stall", "MAX_BATCH"]

#: The largest batch the concurrency search tries (the batch field's upper bound).
MAX_BATCH = 100_000


@dataclass(frozen=True)
class BatchPoint:
    batch_size: int
    prompt_tokens: int
    output_tokens: int
    step_seconds: float
    step_one_seconds: float
    output_tokens_per_second: float
    output_tokens_per_second_one: float
    output_tokens_per_second_per_user: float
    throughput_gain: float
    step_slowdown: float
    kv_read_share_ratio: float
    decode_kv_read_bytes: float
    decode_weight_read_bytes: float
    critical_batch_size: float
    decode_compute_bound: int
    ttft_seconds: float
    e2e_seconds: float


def batch_throughput(**shape: Any) -> BatchPoint:
    """Step time, system throughput and per-user speed at ``batch_size``, against batch 1."""
    at = roofline(**shape)
    one = roofline(**{**shape, "batch_size": 1})
    return BatchPoint(
        batch_size=at.batch_size, prompt_tokens=at.prompt_tokens, output_tokens=at.output_tokens,
        step_seconds=at.tpot_seconds,
        step_one_seconds=one.tpot_seconds,
        output_tokens_per_second=at.output_tokens_per_second,
        output_tokens_per_second_one=one.output_tokens_per_second,
        output_tokens_per_second_per_user=at.output_tokens_per_second_per_user,
        throughput_gain=at.output_tokens_per_second / one.output_tokens_per_second,
        step_slowdown=at.tpot_seconds / one.tpot_seconds,
        kv_read_share_ratio=at.decode_kv_read_bytes / at.decode_step_bytes,
        decode_kv_read_bytes=at.decode_kv_read_bytes,
        decode_weight_read_bytes=at.decode_weight_read_bytes,
        critical_batch_size=at.critical_batch_size,
        decode_compute_bound=at.decode_compute_bound,
        ttft_seconds=at.ttft_seconds, e2e_seconds=at.e2e_seconds,
    )


@dataclass(frozen=True)
class PrefillStall:
    batch_size: int
    arriving_prompt_tokens: int
    chunk_tokens: int
    num_chunks: int
    step_seconds: float
    prefill_seconds: float
    chunk_compute_seconds: float
    gap_unchunked_seconds: float
    gap_chunked_seconds: float
    stall_cap_multiple: float
    ttft_unchunked_seconds: float
    ttft_chunked_seconds: float
    ttft_chunked_cost_multiple: float


def prefill_stall(*, arriving_prompt_tokens: int, chunk_tokens: int, **shape: Any) -> PrefillStall:
    """The longest gap between two tokens of the running decodes when a prompt arrives."""
    if arriving_prompt_tokens + shape["output_tokens"] > shape["context_window_tokens"]:
        raise InputError(
            f"Arriving prompt of {plain_number(arriving_prompt_tokens)} tokens plus the output "
            f"is beyond the model's context window of "
            f"{plain_number(shape['context_window_tokens'])} tokens.",
            ("arriving_prompt_tokens", "context_window_tokens"))
    running = roofline(**shape)
    arriving = roofline(**{**shape, "prompt_tokens": arriving_prompt_tokens, "batch_size": 1})
    chunk = min(chunk_tokens, arriving_prompt_tokens)
    chunks = math.ceil(arriving_prompt_tokens / chunk)
    per_chunk = arriving.prefill_compute_seconds / chunks
    step = running.tpot_seconds
    whole_gap = step + arriving.prefill_seconds
    chunked_gap = step + per_chunk
    ttft_whole = arriving.prefill_seconds + step
    ttft_chunked = chunks * chunked_gap
    return PrefillStall(
        batch_size=running.batch_size, arriving_prompt_tokens=arriving_prompt_tokens,
        chunk_tokens=chunk, num_chunks=chunks, step_seconds=step,
        prefill_seconds=arriving.prefill_seconds, chunk_compute_seconds=per_chunk,
        gap_unchunked_seconds=whole_gap, gap_chunked_seconds=chunked_gap,
        stall_cap_multiple=whole_gap / chunked_gap,
        ttft_unchunked_seconds=ttft_whole, ttft_chunked_seconds=ttft_chunked,
        ttft_chunked_cost_multiple=ttft_chunked / ttft_whole,
    )


@dataclass(frozen=True)
class ConcurrencyNeed:
    target_tokens_per_second: float
    batch_size: int
    output_tokens_per_second: float
    output_tokens_per_second_per_user: float
    step_seconds: float
    requests_per_second: float
    e2e_seconds: float
    in_flight_requests: float
    max_output_tokens_per_second: float


def concurrency_for_throughput(*, target_tokens_per_second: float, **shape: Any) -> ConcurrencyNeed:
    """Smallest batch whose throughput reaches the target, and Little's law in flight."""

    def rate(batch: int) -> float:
        return roofline(**{**shape, "batch_size": batch}).output_tokens_per_second

    ceiling = rate(MAX_BATCH)
    if target_tokens_per_second > ceiling:
        raise InputError(
            f"Target throughput of {plain_number(target_tokens_per_second)} tokens/s is above "
            f"what this model reaches on this hardware ({plain_number(round(ceiling))} tokens/s "
            f"at a batch of {plain_number(MAX_BATCH)}); add GPUs or lower the target.",
            ("target_tokens_per_second",))
    low, high = 1, MAX_BATCH
    while low < high:  # throughput never falls as the batch grows
        mid = (low + high) // 2
        if rate(mid) >= target_tokens_per_second:
            high = mid
        else:
            low = mid + 1
    at = roofline(**{**shape, "batch_size": low})
    requests = target_tokens_per_second / at.output_tokens
    return ConcurrencyNeed(
        target_tokens_per_second=target_tokens_per_second, batch_size=low,
        output_tokens_per_second=at.output_tokens_per_second,
        output_tokens_per_second_per_user=at.output_tokens_per_second_per_user,
        step_seconds=at.tpot_seconds, requests_per_second=requests,
        e2e_seconds=at.e2e_seconds, in_flight_requests=requests * at.e2e_seconds,
        max_output_tokens_per_second=ceiling,
    )
