"""Guide 11's calculator, provider planner table, published checks and chart sweeps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators.collect import Ints, Texts, table
from calculators.data import constant
from calculators.embedding_corpus import embedding_corpus, measurements
from calculators.embeddings import (DTYPE_CHOICES, ENCODING_CHOICES, base64_vector_bytes,
                                    batch_plan, json_vector_bytes, vector_bytes)
from calculators.fields import Field
from calculators.registry import (reference_check, register,
                                  register_check, register_table)
from calculators.spec_files import declared

__all__ = ["PLANNER_PROVIDERS", "ProviderPlan", "VectorSizeRow", "provider_plans", "vector_sizes"]


def _c(key: str) -> float:
    return constant(key).value


CONSTANTS = ("openai_embed_max_inputs_per_request", "openai_embed_max_tokens_per_request",
             "openai_embed_max_tokens_per_input", "openai_embed_3_small_usd_per_token",
             "openai_batch_discount_ratio", "openai_embed_tier4_rpm_requests_per_minute",
             "openai_embed_tier4_tpm_tokens_per_minute")

#: REFERENCES guide 11, example 4: 1,000,000 chunks of 500 tokens through text-embedding-3-small.
WORKED = {"chunks": 1_000_000, "tokens": 500, "dims": 1536}

FIELDS = (
    Field("chunks", "num_chunks", "Chunks to embed", "chunks", WORKED["chunks"], 1, 1e10, 1,
          integer=True),
    Field("tokens", "tokens_per_chunk", "Tokens per chunk", "tokens", WORKED["tokens"], 1,
          1_000_000, 1, integer=True),
    Field("dims", "dimensions", "Dimensions", "values", WORKED["dims"], 1, 65_536, 1,
          integer=True, help="text-embedding-3 models accept a shorter dimensions value."),
    Field("dtype", "storage_dtype", "Stored as", "choice", "float32", choices=DTYPE_CHOICES),
    Field("encoding", "encoding", "Response encoding", "choice", "base64",
          choices=ENCODING_CHOICES),
    Field("max_inputs", "max_inputs_per_request", "Inputs per request (cap)", "inputs",
          _c("openai_embed_max_inputs_per_request"), 1, 1_000_000, 1, integer=True,
          help="OpenAI's cap by default; the table above lists other providers'."),
    Field("max_request_tokens", "max_tokens_per_request", "Tokens per request (cap)", "tokens",
          _c("openai_embed_max_tokens_per_request"), 0, 1e9, 1, integer=True,
          help="0 when the provider states none."),
    Field("max_input_tokens", "max_tokens_per_input", "Tokens per input (cap)", "tokens",
          _c("openai_embed_max_tokens_per_input"), 0, 1e9, 1, integer=True,
          help="0 when the provider states none."),
    Field("rpm", "rpm_limit", "Requests per minute limit", "requests/min",
          _c("openai_embed_tier4_rpm_requests_per_minute"), 1, 1e9, 1),
    Field("tpm", "tpm_limit", "Tokens per minute limit", "tokens/min",
          _c("openai_embed_tier4_tpm_tokens_per_minute"), 1, 1e12, 1),
    Field("concurrency", "concurrency", "Requests in flight", "requests", 4, 1, 10_000, 1,
          integer=True),
    Field("rtt", "rtt_seconds", "Round trip to the API", "ms", 50, 0, 10_000, 1, scale=1000),
    Field("server", "server_seconds", "Server time per request", "s", 2, 0, 3600, 0.1,
          help="An assumption: time the provider takes for one full request; measure yours."),
    Field("downlink", "downlink_bits_per_second", "Downlink", "Mbit/s", 100, 0.01, 1e6, 1,
          scale=1e-6),
    Field("price", "price_usd_per_token", "Price", "$/MTok",
          _c("openai_embed_3_small_usd_per_token") * 1e6, 0, 1000, 0.01, scale=1e6,
          help="text-embedding-3-small by default; -3-large is $0.13."),
    Field("batch", "batch", "Through the Batch API", "choice", "no",
          choices=(("no", "No (synchronous requests)"), ("yes", "Yes (50% off, within 24 h)"))),
    Field("discount", "batch_discount_ratio", "Batch discount", "%",
          _c("openai_batch_discount_ratio") * 100, 0, 100, 1, scale=100),
)

register(declared("embedding_corpus", embedding_corpus, FIELDS,
    constants=CONSTANTS,
    data=lambda: {"chars_per_value": measurements()["chars_per_value"],
                  "decode_float_seconds_per_value": measurements()["decode_float_seconds_per_value"],
                  "decode_base64_seconds_per_value": measurements()["decode_base64_seconds_per_value"]},
))


@dataclass(frozen=True)
class ProviderPlan:
    provider: str
    max_inputs_per_request: int
    max_tokens_per_request: int
    max_tokens_per_input: int
    inputs_per_request: int
    num_requests: int
    constants: Texts


#: (label, inputs cap, request-token cap, input-token cap): constant keys, "" where none stated.
PLANNER_PROVIDERS = (
    ("OpenAI text-embedding-3", "openai_embed_max_inputs_per_request",
     "openai_embed_max_tokens_per_request", "openai_embed_max_tokens_per_input"),
    ("Voyage AI voyage-3.5", "voyage_embed_max_inputs_per_request",
     "voyage_embed_3_5_max_tokens_per_request", ""),
    ("Cohere Embed v3", "cohere_embed_max_inputs_per_request", "",
     "cohere_embed_max_tokens_per_input"),
    ("Upstage embeddings", "upstage_embed_max_inputs_per_request",
     "upstage_embed_max_tokens_per_request", "upstage_embed_max_tokens_per_input"),
)


@table
def provider_plans(num_chunks: int = WORKED["chunks"],
                   tokens_per_chunk: int = WORKED["tokens"]) -> Iterator[ProviderPlan]:
    """Each provider's per-request caps applied to the same corpus (0 = none stated)."""
    for label, *keys in PLANNER_PROVIDERS:
        caps = [int(_c(k)) if k else 0 for k in keys]
        plan = batch_plan(num_chunks=num_chunks, tokens_per_chunk=tokens_per_chunk,
                          max_inputs_per_request=caps[0], max_tokens_per_request=caps[1],
                          max_tokens_per_input=caps[2])
        yield ProviderPlan(label, *caps, plan.inputs_per_request, plan.num_requests,
                           tuple(k for k in keys if k))


@dataclass(frozen=True)
class VectorSizeRow:
    dimensions: int
    float32_bytes: float
    float16_bytes: float
    int8_bytes: float
    binary_bytes: float
    base64_bytes: int
    json_bytes: float
    constants: Texts = ()


def vector_sizes(dims: Ints = (384, 768, 1536, 3072)) -> tuple[VectorSizeRow, ...]:
    """Bytes per vector by dtype (at rest) and encoding (on the wire) for each dimension."""
    from calculators.embedding_corpus import chars_per_value
    return tuple(VectorSizeRow(d, vector_bytes(d, "float32"), vector_bytes(d, "float16"),
                               vector_bytes(d, "int8"), vector_bytes(d, "binary"),
                               base64_vector_bytes(d), json_vector_bytes(d, chars_per_value(d)))
                 for d in dims)


register_table("embedding_provider_plans", provider_plans)
def vector_size_sweep() -> tuple[VectorSizeRow, ...]:
    """:func:`vector_sizes` over the calculator's registered dimension sweep (the chart)."""
    from calculators.registry import get
    return vector_sizes(tuple(int(d) for d in get("embedding_corpus").sweeps["dims"]))


register_table("embedding_vector_sizes", vector_sizes)
register_table("embedding_vector_size_sweep", vector_size_sweep)


def _json_check():  # noqa: ANN202
    from calculators.embedding_corpus import chars_per_value
    predicted = chars_per_value(1536) + 1  # the value and its comma
    return reference_check(
        "embedding_json_bytes_per_value",
        "JSON bytes per value of a 1,536-d vector: this project's seeded vectors against "
        "liter-llm's measurement of OpenAI responses", predicted,
        _c("liter_llm_json_bytes_per_value"), "bytes", ("liter_llm_json_bytes_per_value",))


register_check("embedding_json_bytes_per_value", _json_check)


@dataclass(frozen=True)
class LoopbackRow:
    vectors: int
    dimensions: int
    encoding: str
    predicted_body_bytes: int
    body_bytes: int
    wire_bytes: int
    error_ratio: float
    constants: Texts = ()


def loopback_rows() -> tuple[LoopbackRow, ...]:
    """The committed loopback run (``scripts/embedding_loopback.py``), read when asked."""
    import json
    from pathlib import Path
    path = Path(__file__).resolve().parent / "data" / "embedding_loopback.json"
    return tuple(LoopbackRow(**row) for row in json.loads(path.read_text("utf-8"))["runs"])


register_table("embedding_loopback", loopback_rows)
