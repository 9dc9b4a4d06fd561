"""Guide 11: vector sizes, wire bytes (serialised and on a loopback socket), batch plans."""

from __future__ import annotations

import base64
import importlib.util
import json
import struct
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators.domains  # noqa: F401
from calculators import registry
from calculators.embedding_corpus import chars_per_value, measurements
from calculators.embedding_serialise import (MODEL_NAME, decode_base64, float32_text,
                                             response_body, seeded_vectors)
from calculators.embeddings import (base64_vector_bytes, batch_plan, digits_in_indices,
                                    response_bytes, vector_bytes)

ROOT = Path(__file__).resolve().parents[1]


def _script(name: str):  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_vector_sizes_match_references_example_1() -> None:
    # REFERENCES guide 11 (c) 1, derived from OpenAI's dimensions: 384-d 1,536 / 768 / 384 B;
    # 1,536-d 6,144 / 3,072 / 1,536 B; 3,072-d 12,288 B; binary 1,536-d 192 B (32x smaller).
    assert [vector_bytes(384, t) for t in ("float32", "float16", "int8")] == [1536, 768, 384]
    assert [vector_bytes(1536, t) for t in ("float32", "float16", "int8")] == [6144, 3072, 1536]
    assert vector_bytes(3072, "float32") == 12288
    assert vector_bytes(1536, "binary") == 192
    assert vector_bytes(1536, "float32") / vector_bytes(1536, "binary") == 32
    # Example 5: 3-large cut to 256 dims is 1,024 B, 12x smaller than 3,072-d.
    assert vector_bytes(256, "float32") == 1024
    assert vector_bytes(3072, "float32") / vector_bytes(256, "float32") == 12


def test_base64_lengths_match_references_example_3() -> None:
    # REFERENCES guide 11 (c) 3: 1,536-d base64 = 8,192 characters; 3,072-d = 16,384.
    assert base64_vector_bytes(1536) == 8192
    assert base64_vector_bytes(3072) == 16384
    for d in (1, 2, 3, 7, 1536, 1001):
        raw = struct.pack(f"<{d}f", *([0.5] * d))
        assert base64_vector_bytes(d) == len(base64.b64encode(raw))


def test_corpus_scale_matches_references_example_2() -> None:
    # 1M vectors at 1,536-d float32 = 6.14 GB; 100M = 614.4 GB (the incumbent says 600 GB).
    r = registry.run("embedding_corpus", {"chunks": 1_000_000})
    assert r.storage_bytes == 6.144e9
    assert registry.run("embedding_corpus", {"chunks": 100_000_000}).storage_bytes == 614.4e9


def test_batching_example_reproduces_references_example_4() -> None:
    # REFERENCES guide 11 (c) 4 (OpenAI limits: 2,048 inputs, 300,000 tokens per request):
    # 600 inputs per request, 1,667 requests, $10 (3-small) or $65 (3-large); Batch $5 / $32.50.
    r = registry.run("embedding_corpus")
    assert (r.inputs_per_request, r.num_requests, r.total_tokens) == (600, 1667, 500_000_000)
    assert r.cost_usd == pytest.approx(10.0)
    assert registry.run("embedding_corpus", {"price": 0.13}).cost_usd == pytest.approx(65.0)
    assert registry.run("embedding_corpus", {"batch": "yes"}).cost_usd == pytest.approx(5.0)
    assert registry.run("embedding_corpus", {"batch": "yes", "price": 0.13}).cost_usd == \
        pytest.approx(32.5)
    # Hand check of the rate: 600 x 500 = 300,000 tokens a request; 5,000,000 TPM allows
    # 16.67 requests a minute, so 1,667 requests take 100.02 minutes.
    assert r.requests_per_minute == pytest.approx(5_000_000 / 300_000)
    assert r.corpus_seconds == pytest.approx(1667 / (50 / 3) * 60)


@pytest.mark.parametrize("encoding", ["float", "base64"])
@pytest.mark.parametrize("n,d", [(1, 8), (3, 1536), (12, 256), (101, 7), (10, 3072)])
def test_predicted_body_equals_serialised_bytes(encoding: str, n: int, d: int) -> None:
    vectors = seeded_vectors(n, d, seed=n * 31 + d)
    body = response_body(vectors, encoding, n * 500)
    chars = sum(len(float32_text(v)) for vec in vectors for v in vec) / (n * d)
    predicted = response_bytes(n, d, encoding, n * 500, len(MODEL_NAME), chars)
    assert round(predicted) == len(body)


def test_decoding_rule_reads_back_the_vectors() -> None:
    # "My embeddings come back as a string": base64 of little-endian float32.
    vectors = seeded_vectors(2, 16)
    doc = json.loads(response_body(vectors, "base64", 10))
    assert [decode_base64(item["embedding"]) for item in doc["data"]] == vectors


def test_committed_measurement_is_reproducible_and_sane() -> None:
    module = _script("embedding_measure")
    assert module.main(["--check"]) == 0
    m = measurements()
    assert m["decode_base64_seconds_per_value"] < m["decode_float_seconds_per_value"]
    # A short fresh decode run: base64 still decodes faster than JSON floats.
    fresh = module.decode_seconds(20, 1536, 3)
    assert fresh["base64"] < fresh["float"]


def test_json_bytes_per_value_near_published() -> None:
    # liter-llm #145 measured 12.4 B per value for 1,536-d OpenAI responses.
    check = registry.CHECKS["embedding_json_bytes_per_value"]()
    assert abs(check.error_ratio) < 0.02


def test_loopback_wire_bytes_within_one_percent() -> None:
    module = _script("embedding_loopback")
    for row in module.run(module.SHORT_RUNS):
        assert abs(row["error_ratio"]) < 0.01, row
        assert row["wire_bytes"] > row["body_bytes"]
    committed = json.loads(module.OUTPUT.read_text(encoding="utf-8"))
    assert committed["runs"] and all(abs(r["error_ratio"]) < 0.01 for r in committed["runs"])
    assert all(r["encoding"] != "base64" or r["predicted_body_bytes"] == r["body_bytes"]
               for r in committed["runs"])


def test_provider_planner() -> None:
    rows = {r.provider: r for r in registry.TABLES["embedding_provider_plans"]()}
    assert rows["OpenAI text-embedding-3"].num_requests == 1667
    assert rows["Voyage AI voyage-3.5"].inputs_per_request == 640  # 320,000 / 500
    assert rows["Cohere Embed v3"].inputs_per_request == 96
    assert rows["Upstage embeddings"].num_requests == 10_000


def test_bad_input_names_the_fields() -> None:
    with pytest.raises(ValueError, match="Tokens per chunk"):
        registry.run("embedding_corpus", {"tokens": 9000})
    with pytest.raises(ValueError, match="tokens-per-minute"):
        registry.run("embedding_corpus", {"tpm": 100_000})


def test_digits_in_indices() -> None:
    for n in (0, 1, 9, 10, 11, 99, 100, 101, 1234):
        assert digits_in_indices(n) == sum(len(str(i)) for i in range(n))


@settings(max_examples=40, deadline=None)
@given(chunks=st.integers(1, 10**7), tokens=st.integers(1, 8192),
       cap=st.integers(1, 2048))
def test_plan_covers_the_corpus(chunks: int, tokens: int, cap: int) -> None:
    plan = batch_plan(num_chunks=chunks, tokens_per_chunk=tokens, max_inputs_per_request=cap,
                      max_tokens_per_request=300_000, max_tokens_per_input=8192)
    assert plan.inputs_per_request * tokens <= 300_000
    assert (plan.num_requests - 1) * plan.inputs_per_request < chunks
    assert plan.num_requests * plan.inputs_per_request >= chunks
    assert 1 <= plan.last_request_inputs <= plan.inputs_per_request


@settings(max_examples=25, deadline=None)
@given(d=st.integers(1, 4096))
def test_base64_beats_json_and_chars_are_sane(d: int) -> None:
    assert 10 < chars_per_value(d) < 13
    r = registry.run("embedding_corpus", {"dims": d, "chunks": 1000})
    assert r.corpus_base64_body_bytes < r.corpus_json_body_bytes
    assert r.corpus_seconds > 0 and r.cost_usd >= 0
