"""Embedding a corpus: requests, time under RPM/TPM and concurrency, bytes, cost and storage.

    request time [s]    = RTT + server time + body × 8 / downlink
    rate [req/min]      = min(sustainable rate under RPM and TPM, concurrency × 60 / request time)
    corpus time [s]     = requests / rate × 60
    cost [USD]          = N × tokens per chunk × price × (1 − batch discount if batched)
    storage [B]         = N × stored vector bytes
    decode [s]          = N × d × measured seconds per value of the chosen encoding

The sustainable rate under the provider's limits is guide 5's model
(:func:`calculators.limits.rate_limit_plan`, OpenAI rules: every token of the request counts
toward TPM, one request toward RPM). Characters per printed JSON value and decode seconds per
value are this project's measurements (``scripts/embedding_measure.py``), interpolated in
log-dimension between the measured sizes.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calculators.embedding_serialise import MODEL_NAME
from calculators.embeddings import (base64_vector_bytes, batch_plan, json_vector_bytes,
                                    response_bytes, vector_bytes)
from calculators.fields import InputError, plain_number
from calculators.limits import rate_limit_plan

__all__ = ["EmbeddingCorpus", "chars_per_value", "embedding_corpus", "measurements"]

MEASUREMENTS = Path(__file__).resolve().parent / "data" / "embedding_measurements.json"


@functools.lru_cache(maxsize=1)
def measurements() -> dict[str, Any]:
    """The committed measurement (read on first use, never at import)."""
    return json.loads(MEASUREMENTS.read_text(encoding="utf-8"))


def chars_per_value(dimensions: int, table: dict[str, float] | None = None) -> float:
    """Printed characters per float32 value at ``dimensions`` (log-linear between measured)."""
    table = table if table is not None else measurements()["chars_per_value"]
    points = sorted((int(k), v) for k, v in table.items())
    if dimensions <= points[0][0]:
        return points[0][1]
    for (d0, c0), (d1, c1) in zip(points, points[1:]):
        if dimensions <= d1:
            t = (math.log(dimensions) - math.log(d0)) / (math.log(d1) - math.log(d0))
            return c0 + t * (c1 - c0)
    return points[-1][1]


@dataclass(frozen=True)
class EmbeddingCorpus:
    num_chunks: int
    tokens_per_chunk: int
    dimensions: int
    storage_dtype: str
    encoding: str
    concurrency: int
    max_inputs_per_request: int
    max_tokens_per_request: int
    total_tokens: int
    inputs_per_request: int
    num_requests: int
    last_request_inputs: int
    limited_by_tokens: int
    stored_vector_bytes: float
    float32_vector_bytes: float
    base64_vector_bytes: int
    json_vector_bytes: float
    json_chars_per_value: float
    base64_over_float32_ratio: float
    json_over_base64_ratio: float
    request_body_bytes: float
    corpus_body_bytes: float
    corpus_json_body_bytes: float
    corpus_base64_body_bytes: float
    request_seconds: float
    limits_requests_per_minute: float
    concurrency_requests_per_minute: float
    requests_per_minute: float
    concurrency_limited: int
    concurrency_to_reach_limits: float
    corpus_seconds: float
    cost_usd: float
    cost_full_price_usd: float
    storage_bytes: float
    storage_float32_bytes: float
    decode_json_seconds: float
    decode_base64_seconds: float
    decode_seconds: float


def embedding_corpus(
    *,
    num_chunks: int,
    tokens_per_chunk: int,
    dimensions: int,
    storage_dtype: str,
    encoding: str,
    max_inputs_per_request: int,
    max_tokens_per_request: int,
    max_tokens_per_input: int,
    rpm_limit: float,
    tpm_limit: float,
    concurrency: int,
    rtt_seconds: float,
    server_seconds: float,
    downlink_bits_per_second: float,
    price_usd_per_token: float,
    batch: str,
    batch_discount_ratio: float,
) -> EmbeddingCorpus:
    """The whole corpus embedded through one provider's API (see the module docstring)."""
    plan = batch_plan(num_chunks=num_chunks, tokens_per_chunk=tokens_per_chunk,
                      max_inputs_per_request=max_inputs_per_request,
                      max_tokens_per_request=max_tokens_per_request,
                      max_tokens_per_input=max_tokens_per_input)
    k = plan.inputs_per_request
    if k * tokens_per_chunk > tpm_limit:
        raise InputError(
            f"A full request of {plain_number(k * tokens_per_chunk)} tokens is more than the "
            f"tokens-per-minute limit ({plain_number(tpm_limit)}) lets through; lower the "
            "tokens per request.", ("tpm_limit", "max_tokens_per_request"))
    chars = chars_per_value(dimensions)

    def body(n: int, enc: str) -> float:
        # Half up, as JavaScript's Math.round (Python's round() goes to even).
        return float(math.floor(response_bytes(n, dimensions, enc, n * tokens_per_chunk,
                                               len(MODEL_NAME), chars) + 0.5))

    def corpus(enc: str) -> float:
        return (plan.num_requests - 1) * body(k, enc) + body(plan.last_request_inputs, enc)

    request_body = body(k, encoding)
    request_seconds = rtt_seconds + server_seconds + request_body * 8 / downlink_bits_per_second
    limits = rate_limit_plan(
        provider="openai", rpm_limit=rpm_limit, itpm_limit=0, otpm_limit=0,
        tpm_limit=tpm_limit, rpd_limit=0, window_seconds=60, input_tokens=k * tokens_per_chunk,
        cache_read_tokens=0, cache_write_tokens=0, output_tokens=0, max_tokens=0,
        num_choices=1, attempts_per_success=1, cache_reads_count="no",
        e2e_seconds=request_seconds, offered_requests_per_minute=0)
    by_limits = limits.sustainable_requests_per_minute
    by_concurrency = concurrency * 60 / request_seconds
    rate = min(by_limits, by_concurrency)
    total_tokens = num_chunks * tokens_per_chunk
    full_cost = total_tokens * price_usd_per_token
    discount = batch_discount_ratio if batch == "yes" else 0.0
    f32 = vector_bytes(dimensions, "float32")
    b64 = base64_vector_bytes(dimensions)
    js = json_vector_bytes(dimensions, chars)
    m = measurements()
    values = num_chunks * dimensions
    dec_json = values * m["decode_float_seconds_per_value"]
    dec_b64 = values * m["decode_base64_seconds_per_value"]
    return EmbeddingCorpus(
        num_chunks=num_chunks, tokens_per_chunk=tokens_per_chunk, dimensions=dimensions,
        storage_dtype=storage_dtype, encoding=encoding, concurrency=concurrency,
        max_inputs_per_request=max_inputs_per_request,
        max_tokens_per_request=max_tokens_per_request,
        total_tokens=total_tokens, inputs_per_request=k, num_requests=plan.num_requests,
        last_request_inputs=plan.last_request_inputs, limited_by_tokens=plan.limited_by_tokens,
        stored_vector_bytes=vector_bytes(dimensions, storage_dtype), float32_vector_bytes=f32,
        base64_vector_bytes=b64, json_vector_bytes=js, json_chars_per_value=chars,
        base64_over_float32_ratio=b64 / f32, json_over_base64_ratio=js / b64,
        request_body_bytes=request_body, corpus_body_bytes=corpus(encoding),
        corpus_json_body_bytes=corpus("float"), corpus_base64_body_bytes=corpus("base64"),
        request_seconds=request_seconds, limits_requests_per_minute=by_limits,
        concurrency_requests_per_minute=by_concurrency, requests_per_minute=rate,
        concurrency_limited=int(by_concurrency < by_limits),
        concurrency_to_reach_limits=by_limits / 60 * request_seconds,
        corpus_seconds=plan.num_requests / rate * 60,
        cost_usd=full_cost * (1 - discount), cost_full_price_usd=full_cost,
        storage_bytes=num_chunks * vector_bytes(dimensions, storage_dtype),
        storage_float32_bytes=num_chunks * f32,
        decode_json_seconds=dec_json, decode_base64_seconds=dec_b64,
        decode_seconds=dec_b64 if encoding == "base64" else dec_json,
    )
