"""Embedding vectors: bytes at rest, bytes on the wire, and a batch plan under request caps.

    stored vector [B]   = d × b            b = 4 (float32), 2 (float16), 1 (int8), 1/8 (binary)
    base64 vector [B]   = 4 × ceil(4d / 3)  little-endian float32, padded (RFC 4648)
    JSON vector [B]     = 2 + (d − 1) + d × c     c = characters per printed value (measured)
    body [B]            = envelope + Σ items + digits of every index + digits of the usage
    inputs per request  = min(max inputs, floor(max request tokens / tokens per input))
    requests            = ceil(N / inputs per request)

The envelope is the OpenAI ``list`` object in compact JSON, exactly as
:mod:`calculators.embedding_serialise` writes it; the template pieces below are that format's
literal text, so the prediction matches the serialised bytes to the byte (tests check it).
References: OpenAI API reference, "Create embeddings" (limits, ``encoding_format``); RFC 4648.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.fields import InputError, plain_number

__all__ = ["BYTES_PER_VALUE", "ENVELOPE", "BatchPlan", "base64_vector_bytes", "batch_plan",
           "digits_in_indices", "json_vector_bytes", "response_bytes", "vector_bytes"]

#: Bytes per stored value: definitions of the formats.
BYTES_PER_VALUE: dict[str, float] = {"float32": 4.0, "float16": 2.0, "int8": 1.0,
                                     "binary": 0.125}
DTYPE_CHOICES = (("float32", "float32, 4 bytes"), ("float16", "float16, 2 bytes"),
                 ("int8", "int8, 1 byte"), ("binary", "binary, 1 bit"))
ENCODING_CHOICES = (("base64", "base64 (the SDKs' default)"), ("float", "JSON floats"))
#: Literal lengths of the compact envelope: '{"object":"list","data":[' … '],"model":"' …
#: '","usage":{"prompt_tokens":' … ',"total_tokens":' … '}}' and per item
#: '{"object":"embedding","index":' … ',"embedding":' … '}'.
ENVELOPE = {"fixed": 25 + 11 + 27 + 16 + 2, "item": 30 + 13 + 1}


def vector_bytes(dimensions: int, dtype: str) -> float:
    """Bytes one stored vector takes [B] (binary: one bit per dimension, rounded up to bytes)."""
    if dtype == "binary":
        return float(math.ceil(dimensions / 8))
    return dimensions * BYTES_PER_VALUE[dtype]


def base64_vector_bytes(dimensions: int) -> int:
    """Characters of one base64 float32 vector, padding included [B]."""
    return 4 * math.ceil(4 * dimensions / 3)


def json_vector_bytes(dimensions: int, chars_per_value: float) -> float:
    """Bytes of one vector as a JSON array of printed floats [B]."""
    return 2 + (dimensions - 1) + dimensions * chars_per_value


def digits_in_indices(count: int) -> int:
    """Digits needed to print 0, 1, …, count − 1 [characters]."""
    total, power = count, 10
    while power < count:
        total += count - power
        power *= 10
    return total


def response_bytes(num_vectors: int, dimensions: int, encoding: str, prompt_tokens: int,
                   model_chars: int, chars_per_value: float) -> float:
    """Body of one response with ``num_vectors`` vectors [B]."""
    if num_vectors <= 0:
        return 0.0
    payload = (base64_vector_bytes(dimensions) + 2 if encoding == "base64"
               else json_vector_bytes(dimensions, chars_per_value))
    usage_digits = 2 * len(str(int(prompt_tokens)))
    return (ENVELOPE["fixed"] + model_chars + usage_digits + (num_vectors - 1)
            + num_vectors * (ENVELOPE["item"] + payload) + digits_in_indices(num_vectors))


@dataclass(frozen=True)
class BatchPlan:
    inputs_per_request: int
    num_requests: int
    last_request_inputs: int
    limited_by_tokens: int


def batch_plan(*, num_chunks: int, tokens_per_chunk: int, max_inputs_per_request: int,
               max_tokens_per_request: int, max_tokens_per_input: int) -> BatchPlan:
    """How many chunks one request carries and how many requests the corpus needs.

    A cap of 0 is not enforced (the provider states none).
    """
    if max_tokens_per_input and tokens_per_chunk > max_tokens_per_input:
        raise InputError(
            f"Tokens per chunk ({plain_number(tokens_per_chunk)}) exceed the provider's "
            f"tokens per input ({plain_number(max_tokens_per_input)}); split the chunks.",
            ("tokens_per_chunk", "max_tokens_per_input"))
    by_tokens = (max_tokens_per_request // tokens_per_chunk if max_tokens_per_request
                 else max_inputs_per_request)
    if by_tokens < 1:
        raise InputError(
            f"One chunk of {plain_number(tokens_per_chunk)} tokens is more than a request may "
            f"carry ({plain_number(max_tokens_per_request)} tokens).",
            ("tokens_per_chunk", "max_tokens_per_request"))
    per_request = min(max_inputs_per_request, by_tokens)
    requests = math.ceil(num_chunks / per_request)
    last = num_chunks - (requests - 1) * per_request
    return BatchPlan(inputs_per_request=per_request, num_requests=requests,
                     last_request_inputs=last, limited_by_tokens=int(by_tokens < max_inputs_per_request))
