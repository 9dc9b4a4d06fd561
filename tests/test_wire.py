"""Real bytes on a real loopback connection against the framing model's prediction.

Starts uvicorn + sse-starlette (SSE over plain HTTP/1.1) and a ``websockets`` server on
127.0.0.1, streams responses of two provider formats at two lengths through each, counts the
TCP payload bytes the client sends and receives, and requires the prediction from
``calculators.wire`` to be within 1% (it is expected to be exact). Uses the same harness as
``scripts/wire_bytes.py``, which writes the committed measurement file the guide shows.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from calculators.wire import TOLERANCE_RATIO, wire_comparison

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.wire


def _harness():
    spec = importlib.util.spec_from_file_location("wire_bytes", ROOT / "scripts" / "wire_bytes.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["wire_bytes"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured() -> dict:
    harness = _harness()
    runs = harness.measure(formats=("openai", "anthropic"), token_counts=(10, 500),
                           transports=(("sse-h1", "none"), ("ws", "none"), ("ws", "event")))
    return harness.document(runs)


def test_measured_bytes_match_the_prediction(measured: dict) -> None:
    rows = wire_comparison(measured)
    assert len(rows) == 12
    for r in rows:
        detail = (f"{r.provider_format} {r.transport} {r.compression} {r.num_tokens} tokens: down "
                  f"{r.predicted_down_bytes} predicted vs {r.measured_down_bytes} measured, up "
                  f"{r.predicted_up_bytes} vs {r.measured_up_bytes}")
        assert abs(r.down_error_ratio) <= TOLERANCE_RATIO, detail
        assert abs(r.up_error_ratio) <= TOLERANCE_RATIO, detail


def test_the_wire_carries_far_more_than_the_text(measured: dict) -> None:
    # A sanity check the model does not depend on: the bytes received grow with the tokens,
    # and each token costs tens of bytes on the wire, not the handful of bytes of its text.
    for transport in ("sse-h1", "ws"):
        for fmt in ("openai", "anthropic"):
            runs = {r["num_tokens"]: r for r in measured["runs"]
                    if r["transport"] == transport and r["provider_format"] == fmt
                    and r["compression"] == "none"}
            per_token = ((runs[500]["server_to_client_bytes"] - runs[10]["server_to_client_bytes"])
                         / (500 - 10))
            assert per_token > 50, (transport, fmt, per_token)


def test_client_frames_are_masked(measured: dict) -> None:
    # The client's WebSocket bytes include the 4-byte masking key on each of its two frames:
    # a model that forgot the mask would be 8 bytes low and fail the 1% test on the upstream.
    rows = [r for r in wire_comparison(measured) if r.transport == "ws"]
    for r in rows:
        assert r.measured_up_bytes == r.predicted_up_bytes


def test_prediction_is_byte_exact(measured: dict) -> None:
    # Stricter than the 1% acceptance bound: a model that dropped the two hex digits of each
    # chunk length would still be within 1% of an OpenAI stream, but not exact. If a library
    # upgrade adds a header, this test points at it before the 1% test would.
    for r in wire_comparison(measured):
        assert (r.predicted_down_bytes, r.predicted_up_bytes) == (
            r.measured_down_bytes, r.measured_up_bytes), r


def test_per_message_deflate_shrinks_the_stream(measured: dict) -> None:
    # Measured, not modelled: the same answer with and without per-message deflate.
    def down(compression: str) -> int:
        return next(r["server_to_client_bytes"] for r in measured["runs"]
                    if r["transport"] == "ws" and r["compression"] == compression
                    and r["provider_format"] == "openai" and r["num_tokens"] == 500)
    assert down("event") < down("none") / 5
