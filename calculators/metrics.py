"""Convert between the latency metrics that benchmarking tools define differently.

Given what a client measured for one streamed response (time to first token, end-to-end time,
the number of output tokens, how many tokens each streamed chunk carried, how much of the
TTFT was the client's network and how much was queueing at the server), compute the figure
each convention reports:

    decode window  W = E2E - TTFT                                   [s]
    TPOT (N - 1)   = W / (N - 1)        vLLM bench, GenAI-Perf, genai-bench
    TPOT (N)       = W / N              the TPOT that makes E2E = TTFT + N * TPOT (Databricks)
    chunks         C = ceil(N / k)      k tokens per chunk
    chunk gap      = W / (C - 1)        vLLM's ITL: time between chunks, whatever they carry
    per-token ITL  = chunk gap / k      GenAI-Perf: chunk gap divided by tokens in the chunk
    server TTFT    = TTFT - client network    from arrival at the server, queueing included
                                              (vLLM's TTFT histogram, server-side simulators)
    engine TTFT    = server TTFT - queueing   from scheduling: prefill and the first token only
                                              (vLLM's per-request metrics)

With one token per chunk the TPOT (N - 1) and both ITLs agree; with multi-token chunks
(speculative decoding, batching proxies) vLLM's ITL is k times larger than TPOT.
References: the comparison of tool definitions in this project's PEERS notes (vLLM, GenAI-Perf,
genai-bench, Vidur, LLM Inference Handbook); vLLM design docs, Metrics (TTFT from the frontend's
arrival time); vLLM Per-Request Metrics (TTFT from scheduling).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.fields import InputError, require_range
from calculators.registry import register
from calculators.spec_files import declared

__all__ = ["MIN_DECODE_WINDOW_SECONDS", "MetricConventions", "metric_conventions"]

#: The shortest decode window accepted (the end-to-end field's resolution, 1 ms): shorter ones
#: give token rates no measurement supports (issue 8.2).
MIN_DECODE_WINDOW_SECONDS = 0.001


@dataclass(frozen=True)
class MetricConventions:
    measured_ttft_seconds: float
    measured_e2e_seconds: float
    output_tokens: int
    tokens_per_chunk: int
    client_network_seconds: float
    queue_seconds: float
    decode_window_seconds: float
    num_chunks: int
    tpot_n_minus_1_seconds: float
    tpot_n_seconds: float
    chunk_gap_seconds: float
    per_token_itl_seconds: float
    server_ttft_seconds: float
    engine_ttft_seconds: float
    output_tokens_per_second: float


def metric_conventions(
    *,
    measured_ttft_seconds: float,
    measured_e2e_seconds: float,
    output_tokens: int,
    tokens_per_chunk: int,
    client_network_seconds: float,
    queue_seconds: float,
) -> MetricConventions:
    """Every tool's TPOT / ITL / TTFT for one measured streamed response."""
    inputs = dict(locals())  # carried by the result
    require_range("measured_ttft_seconds", measured_ttft_seconds, 0, 3600, "seconds")
    require_range("measured_e2e_seconds", measured_e2e_seconds, 0, 86400, "seconds")
    require_range("output_tokens", output_tokens, 2, 2_000_000, "tokens")
    require_range("tokens_per_chunk", tokens_per_chunk, 1, 2_000_000, "tokens")
    require_range("client_network_seconds", client_network_seconds, 0, 3600, "seconds")
    require_range("queue_seconds", queue_seconds, 0, 3600, "seconds")
    if measured_e2e_seconds - measured_ttft_seconds < MIN_DECODE_WINDOW_SECONDS:
        raise InputError(
            "Measured end-to-end time must be at least 1 ms longer than the measured time to "
            "first token.",
            ("measured_e2e_seconds", "measured_ttft_seconds"),
        )
    if client_network_seconds + queue_seconds > measured_ttft_seconds:
        raise InputError(
            "Client network in the TTFT and queueing at the server together must be at most "
            "the measured time to first token.",
            ("client_network_seconds", "queue_seconds", "measured_ttft_seconds"),
        )
    chunks = math.ceil(output_tokens / tokens_per_chunk)
    if chunks < 2:
        raise InputError(
            "Tokens per streamed chunk must leave at least two chunks: at most "
            f"{output_tokens - 1:,} for {output_tokens:,} output tokens; "
            f"got {tokens_per_chunk:,}.",
            ("tokens_per_chunk", "output_tokens"),
        )
    window = measured_e2e_seconds - measured_ttft_seconds
    gap = window / (chunks - 1)
    return MetricConventions(
        **inputs,
        decode_window_seconds=window,
        num_chunks=chunks,
        tpot_n_minus_1_seconds=window / (output_tokens - 1),
        tpot_n_seconds=window / output_tokens,
        chunk_gap_seconds=gap,
        per_token_itl_seconds=gap / tokens_per_chunk,
        server_ttft_seconds=measured_ttft_seconds - client_network_seconds,
        engine_ttft_seconds=measured_ttft_seconds - client_network_seconds - queue_seconds,
        output_tokens_per_second=(output_tokens - 1) / window,
    )


register(
    declared("metric_conventions", metric_conventions)
)
