"""The streaming guide's loopback check: predictions against bytes measured on real connections.

A loopback run streams one response through a real server (uvicorn and sse-starlette for SSE,
the ``websockets`` package for WebSocket) and counts the TCP payload bytes each way at the
client's socket. :func:`predict_sse_http1` and :func:`predict_websocket` predict the same
count from the payloads alone:

    SSE, down   = status line and headers + sum(chunk(B_sse_i)) + len("0" CRLF CRLF)
    SSE, up     = request line and headers
    WS,  down   = 101 response headers + sum(frame(B_data_i)) + close frame
    WS,  up     = upgrade request + masked request message + masked close frame

``scripts/wire_bytes.py`` writes the measurements to ``calculators/data/wire_measurements.json``;
:func:`wire_comparison` reads that file (on call, never at import) and compares.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from calculators.collect import Ints, Texts, table
from calculators.framing import FRAMING_CONSTANTS
from calculators.framing_compression import permessage_deflate_sizes
from calculators.framing_events import FORMATS, sample_token_texts, stream_payloads
from calculators.framing_transport import (
    CHUNKED_LAST_CHUNK,
    CLOSE_PAYLOAD_BYTES,
    COMPRESSIONS,
    SSE_STATUS_LINE,
    TRANSPORTS,
    WS_KEY_CHARS,
    WS_STATUS_LINE,
    chunked_chunk_bytes,
    event_wire_bytes,
    http1_header_block_bytes,
    response_fixed_bytes,
    sse_event_bytes,
    sse_response_headers,
    websocket_frame_bytes,
    ws_response_headers,
)
from calculators.framing_tables import decision_rows, keepalive_plan
from calculators.registry import register_table

__all__ = [
    "WirePrediction", "WireRow", "decision_rows", "keepalive_plan", "predict_sse_http1",
    "predict_websocket", "wire_comparison",
]

MEASUREMENTS = "wire_measurements.json"
#: Largest relative difference between predicted and measured bytes the guide accepts.
TOLERANCE_RATIO = 0.01


def sse_request_headers(host: str) -> tuple[tuple[str, str], ...]:
    return (("Host", host), ("Accept", "text/event-stream"))


def ws_request_headers(host: str, compression: str = "none") -> tuple[tuple[str, str], ...]:
    headers = (("Host", host), ("Upgrade", "websocket"), ("Connection", "Upgrade"),
               ("Sec-WebSocket-Key", "k" * WS_KEY_CHARS), ("Sec-WebSocket-Version", "13"))
    offer = (("Sec-WebSocket-Extensions", "permessage-deflate"),)
    return headers + offer if compression == "event" else headers


@dataclass(frozen=True)
class WirePrediction:
    """TCP payload bytes each way for one streamed response on its own connection."""

    transport: str
    num_events: int
    payload_bytes: int
    server_to_client_bytes: int
    client_to_server_bytes: int


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def predict_sse_http1(payloads: Sequence[tuple[str, str]], *, path: str,
                      host: str) -> WirePrediction:
    """A GET and its chunked SSE response, one chunk per event, plain HTTP/1.1."""
    sizes = [int(sse_event_bytes(_size(data), _size(name))) for name, data in payloads]
    down = http1_header_block_bytes(SSE_STATUS_LINE, sse_response_headers())
    down += int(sum(chunked_chunk_bytes(s) for s in sizes)) + len(CHUNKED_LAST_CHUNK)
    up = http1_header_block_bytes(f"GET {path} HTTP/1.1", sse_request_headers(host))
    return WirePrediction("sse-h1", len(sizes), sum(sizes), down, up)


def ws_message_sizes(payloads: Sequence[tuple[str, str]], compression: str) -> list[int]:
    """Payload bytes of each server message, compressed per message when ``"event"``."""
    return list(_ws_message_sizes(tuple(payloads), compression))


@functools.lru_cache(maxsize=64)
def _ws_message_sizes(payloads: tuple[tuple[str, str], ...], compression: str) -> Ints:
    # Cached: the comparison sizes each run's messages three times (prediction, plain, TLS).
    raw = [data.encode("utf-8") for _, data in payloads]
    return tuple(permessage_deflate_sizes(raw) if compression == "event" else map(len, raw))


@functools.lru_cache(maxsize=64)
def _run_payloads(fmt: str, num_tokens: int) -> tuple[tuple[str, str], ...]:
    """The payloads of one measured run (read twice per run by the comparison)."""
    return stream_payloads(fmt, sample_token_texts(num_tokens))


def predict_websocket(payloads: Sequence[tuple[str, str]], *, path: str, host: str,
                      request_message_bytes: int, compression: str = "none") -> WirePrediction:
    """Upgrade handshake, one client message, a text frame per event, close handshake.

    The server closes (status code only) and the client echoes the close frame, masked.
    With ``compression="event"`` the client offers per-message deflate, the server accepts
    with its default settings and compresses every message; the client sends uncompressed.
    """
    sizes = ws_message_sizes(payloads, compression)
    down = http1_header_block_bytes(WS_STATUS_LINE, ws_response_headers(compression))
    down += int(sum(websocket_frame_bytes(s, masked=False) for s in sizes))
    down += int(websocket_frame_bytes(CLOSE_PAYLOAD_BYTES, masked=False))
    up = http1_header_block_bytes(f"GET {path} HTTP/1.1", ws_request_headers(host, compression))
    up += int(websocket_frame_bytes(request_message_bytes, masked=True))
    up += int(websocket_frame_bytes(CLOSE_PAYLOAD_BYTES, masked=True))
    return WirePrediction("ws", len(sizes), sum(sizes), down, up)


def predict_run(record: dict[str, object]) -> WirePrediction:
    """The prediction for one measurement record (same format, tokens, path and host)."""
    payloads = _run_payloads(str(record["provider_format"]), int(record["num_tokens"]))
    if record["transport"] == "sse-h1":
        return predict_sse_http1(payloads, path=str(record["path"]), host=str(record["host"]))
    if record["transport"] == "ws":
        return predict_websocket(payloads, path=str(record["path"]), host=str(record["host"]),
                                 request_message_bytes=int(record["request_message_bytes"]),
                                 compression=str(record.get("compression", "none")))
    raise ValueError(f"transport must be sse-h1 or ws; got {record['transport']!r}.")


@functools.cache
def load_measurements() -> dict[str, object]:
    text = resources.files("calculators.data").joinpath(MEASUREMENTS).read_text("utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class WireRow:
    """Predicted against measured bytes for one loopback run."""

    provider_format: str
    format_label: str
    transport: str
    transport_label: str
    compression: str
    compression_label: str
    num_tokens: int
    num_events: int
    text_bytes: int
    predicted_down_bytes: int
    measured_down_bytes: int
    down_error_ratio: float
    predicted_up_bytes: int
    measured_up_bytes: int
    up_error_ratio: float
    largest_error_ratio: float
    within_tolerance: bool
    #: The same payloads modelled per event (calculator path): plain, over TLS 1.3, and (SSE
    #: only, else 0) as HTTP/2 DATA frames over TLS 1.3 [B, server to client].
    modelled_plain_down_bytes: float
    modelled_tls_down_bytes: float
    modelled_h2_tls_down_bytes: float
    constants: Texts = FRAMING_CONSTANTS


def modelled_down_bytes(payloads: Sequence[tuple[str, str]], transport: str,
                        compression: str = "none") -> float:
    """Server-to-client bytes from the calculator's own pieces: the fixed per-response bytes
    plus each event written on its own (WebSocket messages compressed when ``"event"``)."""
    if transport.startswith("ws"):
        events = [(0.0, size) for size in ws_message_sizes(payloads, compression)]
    else:
        events = [(sse_event_bytes(_size(d), _size(n)), _size(d)) for n, d in payloads]
    return response_fixed_bytes(transport, compression) + sum(
        event_wire_bytes(transport, s, d) for s, d in events)


def wire_comparison(measurements: dict[str, object] | None = None) -> tuple[WireRow, ...]:
    """Every run of the committed measurement file next to the model's prediction."""
    return _committed_comparison() if measurements is None else _comparison(measurements)


@functools.lru_cache(maxsize=1)
def _committed_comparison() -> tuple[WireRow, ...]:
    """The committed file's comparison, computed once per import (guide 2 reads it thrice)."""
    return _comparison(load_measurements())


@table
def _comparison(data: dict[str, object]) -> Iterator[WireRow]:
    labels = dict(FORMATS) | dict(TRANSPORTS) | dict(COMPRESSIONS)
    for record in data["runs"]:  # type: ignore[union-attr]
        p = predict_run(record)
        down, up = int(record["server_to_client_bytes"]), int(record["client_to_server_bytes"])
        down_error = (p.server_to_client_bytes - down) / down
        up_error = (p.client_to_server_bytes - up) / up
        texts = sample_token_texts(int(record["num_tokens"]))
        payloads = _run_payloads(str(record["provider_format"]), int(record["num_tokens"]))
        transport = str(record["transport"])
        compression = str(record.get("compression", "none"))
        h2 = modelled_down_bytes(payloads, "sse-h2-tls") if transport == "sse-h1" else 0
        yield WireRow(
            str(record["provider_format"]), labels[str(record["provider_format"])],
            transport, labels[transport], compression, labels[compression],
            int(record["num_tokens"]), p.num_events, sum(_size(t) for t in texts),
            p.server_to_client_bytes, down, down_error, p.client_to_server_bytes, up, up_error,
            max(abs(down_error), abs(up_error)),
            max(abs(down_error), abs(up_error)) <= TOLERANCE_RATIO,
            modelled_down_bytes(payloads, transport, compression),
            modelled_down_bytes(payloads, transport + "-tls", compression),
            h2,
        )


@dataclass(frozen=True)
class MeasurementInfo:
    measured_on: str
    python: str
    packages: str
    num_runs: int
    all_within_tolerance: bool
    largest_error_ratio: float
    tolerance_ratio: float


def measurement_info() -> MeasurementInfo:
    """When and with what the committed loopback measurements were taken."""
    data = load_measurements()
    rows = wire_comparison()
    packages = ", ".join(f"{k} {v}" for k, v in data["packages"].items())  # type: ignore[union-attr]
    largest = max(r.largest_error_ratio for r in rows)
    return MeasurementInfo(str(data["measured_on"]), str(data["python"]), packages, len(rows),
                           all(r.within_tolerance for r in rows), largest, TOLERANCE_RATIO)


@dataclass(frozen=True)
class MeasurementGroup:
    """The loopback runs of one transport and compression, summed."""

    transport_label: str
    compression: str
    num_runs: int
    predicted_down_bytes: int
    measured_down_bytes: int
    largest_error_ratio: float


def measurement_summary() -> tuple[MeasurementGroup, ...]:
    """One row per transport and compression: runs, bytes predicted and measured."""
    groups: dict[tuple[str, str], list[WireRow]] = {}
    for row in wire_comparison():
        groups.setdefault((row.transport_label, row.compression), []).append(row)
    return tuple(MeasurementGroup(label, compression, len(rows),
                                  sum(r.predicted_down_bytes for r in rows),
                                  sum(r.measured_down_bytes for r in rows),
                                  max(r.largest_error_ratio for r in rows))
                 for (label, compression), rows in groups.items())


register_table("wire_comparison", wire_comparison)
register_table("wire_summary", measurement_summary)
register_table("wire_measurement_info", measurement_info)
