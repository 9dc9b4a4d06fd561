"""Transport framing around one streamed event: SSE fields, HTTP/1.1 chunks, HTTP/2 frames,
WebSocket frames and TLS 1.3 records, and the fixed bytes of one response.

    B_sse  = len("event: " name LF) + len("data: ") + B_data + 2 LF          SSE event [B]
    B_wire = B_sse + len(hex(B_sse)) + 4               HTTP/1.1 chunked coding, no TLS [B]
           = B_sse + 9 + 22                        HTTP/2 DATA frame and TLS 1.3 record [B]
           = B_data + h (+ 4 mask client to server)    WebSocket frame, h = 2, 4 or 10 [B]

The server flushes each event on its own (one chunk, frame and TLS record per event); the
HTTP/2 header block counts at its HTTP/1.1 size (HPACK not modelled).
References: RFC 6455 section 5.2, RFC 9112 section 7.1, RFC 9113 section 4.1, RFC 8446
section 5.2, WHATWG HTML section 9.2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from calculators.collect import Texts
from calculators.data import constant
from calculators.fields import require_choice

__all__ = [
    "COMPRESSIONS", "TRANSPORTS", "chunked_chunk_bytes", "event_wire_bytes",
    "http1_header_block_bytes", "response_fixed_bytes", "sse_event_bytes",
    "sse_response_headers", "tls_record_overhead_bytes", "websocket_frame_bytes",
    "packet_overhead", "ws_response_headers",
]

TRANSPORTS: tuple[tuple[str, str], ...] = (
    ("sse-h2-tls", "SSE over HTTP/2 and TLS 1.3"),
    ("sse-h1-tls", "SSE over HTTP/1.1 and TLS 1.3"),
    ("sse-h1", "SSE over plain HTTP/1.1"),
    ("ws-tls", "WebSocket over TLS 1.3"),
    ("ws", "WebSocket, plain"),
)
COMPRESSIONS: tuple[tuple[str, str], ...] = (
    ("none", "No compression"),
    ("event", "gzip or permessage-deflate, flushed after every event"),
)

# SSE syntax (WHATWG HTML 9.2): "field: value" and a line feed; a blank line ends the event.
# Chunked coding (RFC 9112 7.1): hex length, CRLF, data, CRLF; "0" CRLF CRLF ends the body.
SSE_EVENT_PREFIX = "event: "
SSE_DATA_PREFIX = "data: "
LF = "\n"
CRLF = "\r\n"
CHUNKED_LAST_CHUNK = "0" + CRLF + CRLF
#: Close frame payload: a two-byte status code, no reason text (RFC 6455 5.5.1).
CLOSE_PAYLOAD_BYTES = 2
#: A comment line that keeps an idle SSE stream open (any text may follow the colon); over
#: WebSocket the same job is done by an empty ping frame.
KEEPALIVE_COMMENT = ": keepalive" + LF + LF

TCP_IP_CHOICES: tuple[tuple[str, str], ...] = (
    ("no", "No: bytes the application writes"),
    ("yes", "Yes: add IPv4 and TCP headers and ACKs"),
)
#: Constants of the TCP/IP option, the Little's-law month and the egress price.
NETWORK_CONSTANTS: Texts = (
    "ipv4_header_bytes", "tcp_header_bytes", "tcp_timestamps_option_bytes",
    "ethernet_mtu_bytes", "tcp_segments_per_ack", "seconds_per_month",
)


def _utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def _check_choice(name: str, value: str, choices: tuple[tuple[str, str], ...]) -> None:
    require_choice(name, value, choices)


def _int(key: str) -> int:
    return int(constant(key).value)


def sse_event_bytes(data_bytes: float, event_name_bytes: int = 0) -> float:
    """One SSE event: optional ``event: name`` line, one ``data:`` line, blank line [B]."""
    named = len(SSE_EVENT_PREFIX) + event_name_bytes + len(LF) if event_name_bytes else 0
    return named + len(SSE_DATA_PREFIX) + data_bytes + 2 * len(LF)


def chunked_chunk_bytes(data_bytes: float) -> float:
    """One HTTP/1.1 chunk: hex length, CRLF, data, CRLF (RFC 9112 section 7.1) [B]."""
    return len(format(math.ceil(data_bytes), "x")) + 2 * len(CRLF) + data_bytes


def http1_header_block_bytes(start_line: str, headers: Sequence[tuple[str, str]]) -> int:
    """Request or status line, ``name: value`` lines and the blank line, CRLF each [B]."""
    lines = [start_line, *(f"{name}: {value}" for name, value in headers), ""]
    return sum(_utf8(line) + len(CRLF) for line in lines)


def websocket_frame_bytes(payload_bytes: float, *, masked: bool) -> float:
    """One WebSocket frame (RFC 6455 section 5.2); ``masked`` for client-to-server [B]."""
    header = constant("websocket_base_header_bytes").value
    if payload_bytes > constant("websocket_max_medium_payload_bytes").value:
        header += constant("websocket_long_length_bytes").value
    elif payload_bytes > constant("websocket_max_short_payload_bytes").value:
        header += constant("websocket_medium_length_bytes").value
    mask = constant("websocket_masking_key_bytes").value if masked else 0
    return int(header + mask) + payload_bytes


def tls_record_overhead_bytes() -> int:
    """Header, inner content type and AEAD tag of one TLS 1.3 record [B]."""
    keys = ("tls13_record_header_bytes", "tls13_content_type_bytes", "tls13_aead_tag_bytes")
    return int(sum(constant(k).value for k in keys))


# Response headers of the loopback SSE server: the set that stops proxies buffering.
SSE_RESPONSE_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-type", "text/event-stream; charset=utf-8"),
    ("cache-control", "no-cache"),
    ("connection", "keep-alive"),
    ("x-accel-buffering", "no"),
    ("transfer-encoding", "chunked"),
)
SSE_STATUS_LINE = "HTTP/1.1 200 OK"
WS_STATUS_LINE = "HTTP/1.1 101 Switching Protocols"
#: Lengths fixed by the specs: base64 of the 16-byte key, base64 of a SHA-1 digest (20 bytes),
#: and an IMF-fixdate.
WS_KEY_CHARS = 4 * math.ceil(16 / 3)
WS_ACCEPT_CHARS = 4 * math.ceil(20 / 3)
HTTP_DATE_CHARS = len("Thu, 01 Jan 2026 00:00:00 GMT")


def ws_response_headers(compression: str = "none") -> tuple[tuple[str, str], ...]:
    """The 101 response of the websockets package (its Server header switched off)."""
    headers = (("Date", "d" * HTTP_DATE_CHARS), ("Upgrade", "websocket"),
               ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", "a" * WS_ACCEPT_CHARS))
    bits = _int("websockets_deflate_window_bits")
    extension = (("Sec-WebSocket-Extensions",
                  f"permessage-deflate; server_max_window_bits={bits}"),)
    return headers + extension if compression == "event" else headers


def sse_response_headers(compression: str = "none") -> tuple[tuple[str, str], ...]:
    encoding = (("content-encoding", "gzip"),)
    return SSE_RESPONSE_HEADERS + encoding if compression == "event" else SSE_RESPONSE_HEADERS


def response_fixed_bytes(transport: str, compression: str) -> int:
    """Server-to-client bytes per response outside the events: headers, end, TLS records."""
    _check_choice("transport", transport, TRANSPORTS)
    _check_choice("compression", compression, COMPRESSIONS)
    tls = tls_record_overhead_bytes() if transport.endswith("-tls") else 0
    if transport.startswith("ws"):
        head = http1_header_block_bytes(WS_STATUS_LINE, ws_response_headers(compression))
        close = websocket_frame_bytes(CLOSE_PAYLOAD_BYTES, masked=False)
        return int(head + tls + close + tls)
    head = http1_header_block_bytes(SSE_STATUS_LINE, sse_response_headers(compression))
    if transport == "sse-h2-tls":
        # A HEADERS frame, and an empty DATA frame that carries END_STREAM.
        h2 = int(constant("http2_frame_header_bytes").value)
        return h2 + head + tls + h2 + tls
    return head + tls + len(CHUNKED_LAST_CHUNK) + tls


def event_wire_bytes(transport: str, sse_bytes: float, data_bytes: float,
                     ratio: float = 1.0) -> float:
    """Server-to-client bytes of one event written on its own, after compression [B]."""
    tls = tls_record_overhead_bytes() if transport.endswith("-tls") else 0
    if transport.startswith("ws"):
        return websocket_frame_bytes(data_bytes * ratio, masked=False) + tls
    body = sse_bytes * ratio
    if transport == "sse-h2-tls":
        return body + constant("http2_frame_header_bytes").value + tls
    return chunked_chunk_bytes(body) + tls


def packet_overhead(wire_bytes: float) -> tuple[int, float]:
    """(segments, IPv4 and TCP header bytes) of one write of ``wire_bytes`` [B]: one segment
    per maximum segment size (Ethernet MTU less the IP and TCP headers and timestamps)."""
    per_segment = sum(constant(k).value for k in
                      ("ipv4_header_bytes", "tcp_header_bytes", "tcp_timestamps_option_bytes"))
    mss = constant("ethernet_mtu_bytes").value - per_segment
    segments = max(1, math.ceil(wire_bytes / mss))
    return segments, segments * per_segment
