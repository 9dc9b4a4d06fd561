"""Embedding responses as an OpenAI-compatible API serialises them: the bytes to count.

This module *produces* bytes; :mod:`calculators.embeddings` *predicts* them. The two share no
code (the prediction is arithmetic on dimensions and digits, this is ``json.dumps`` on real
vectors), so a test that compares them can fail.

Vectors are seeded (:class:`calculators.rng.Rng`, one normal draw per value), scaled to unit
length like the vectors embedding APIs return, and rounded to float32. The float encoding
prints each value as the shortest decimal that reads back to the same float32 (what the
OpenAI API prints: ``-0.0069292834``); base64 is the little-endian float32 bytes (RFC 4648,
padded), which the official SDKs ask for by default and decode with ``np.frombuffer(...,
dtype="<f4")``. The envelope is OpenAI's ``list`` object in compact JSON (no spaces).
"""

from __future__ import annotations

import base64
import json
import math
import struct
from collections.abc import Sequence

from calculators.rng import Rng

__all__ = ["MODEL_NAME", "decode_base64", "float32_text", "response_body", "seeded_vectors"]

#: The model name the envelope carries (its length enters the byte count).
MODEL_NAME = "text-embedding-3-small"


def _f32(x: float) -> float:
    return struct.unpack("<f", struct.pack("<f", x))[0]


def float32_text(value: float) -> str:
    """The shortest decimal text that reads back to the float32 ``value``."""
    for digits in range(1, 10):
        text = f"{value:.{digits}g}"
        if _f32(float(text)) == value:
            break
    return json.dumps(float(text))


def seeded_vectors(num_vectors: int, dimensions: int, seed: int = 11) -> list[list[float]]:
    """``num_vectors`` unit-length float32 vectors of ``dimensions`` values from one seed."""
    rng = Rng(seed)
    out = []
    for _ in range(num_vectors):
        raw = [rng.normal() for _ in range(dimensions)]
        norm = math.sqrt(sum(v * v for v in raw))
        out.append([_f32(v / norm) for v in raw])
    return out


def _payload(vector: Sequence[float], encoding: str) -> str:
    if encoding == "base64":
        raw = struct.pack(f"<{len(vector)}f", *vector)
        return json.dumps(base64.b64encode(raw).decode("ascii"))
    return "[" + ",".join(float32_text(v) for v in vector) + "]"


def response_body(vectors: Sequence[Sequence[float]], encoding: str, prompt_tokens: int,
                  model: str = MODEL_NAME) -> bytes:
    """The response body of one embeddings request returning ``vectors`` [bytes]."""
    items = ",".join(
        '{"object":"embedding","index":%d,"embedding":%s}' % (i, _payload(v, encoding))
        for i, v in enumerate(vectors))
    usage = json.dumps({"prompt_tokens": prompt_tokens, "total_tokens": prompt_tokens},
                       separators=(",", ":"))
    body = '{"object":"list","data":[%s],"model":%s,"usage":%s}' % (
        items, json.dumps(model), usage)
    json.loads(body)  # it is valid JSON
    return body.encode("ascii")


def decode_base64(text: str) -> list[float]:
    """The decoding rule for a base64 embedding: little-endian float32 values."""
    raw = base64.b64decode(text)
    return list(struct.unpack(f"<{len(raw) // 4}f", raw))
