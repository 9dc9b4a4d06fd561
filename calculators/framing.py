"""Bytes on the wire for a streamed LLM response: provider events, SSE, HTTP, TLS, WebSocket.

Each streamed token travels inside a provider event (OpenAI ``chat.completion.chunk``,
Anthropic ``content_block_delta``), inside a transport frame, inside an encrypted record:

    B_data = B_doc_event - B_doc_text + B_text                  JSON payload of one event [B]
    B_sse  = len("event: " name LF) + len("data: ") + B_data + 2 LF          SSE event [B]
    B_wire = B_sse + len(hex(B_sse)) + 4               HTTP/1.1 chunked coding, no TLS [B]
           = B_sse + 9 + 22                        HTTP/2 DATA frame and TLS 1.3 record [B]
           = B_data + h (+ 4 mask client to server)    WebSocket frame, h = 2, 4 or 10 [B]
    BW     = (token rate / tokens per event) * B_wire * 8 * streams                 [bit/s]

``B_doc_event`` and the documented text come from the providers' own example events, kept
verbatim as fixtures in ``calculators/data/fixtures``: editing a fixture changes every number.
Fixtures are read on first use, never at import.

Assumptions: the server flushes each event on its own (one chunk, frame and TLS record per
event); text is plain UTF-8 without JSON escapes; the HTTP/2 header block counts at its
HTTP/1.1 size (HPACK not modelled); TCP/IP headers are not counted. Compression ratios are
measured by compressing a generated response (:data:`~calculators.data.framing.SAMPLE_TEXT`)
with zlib: per event with a sync flush (what a streaming server must do, gzip for SSE,
permessage-deflate for WebSocket) or over the whole response at once.
References: RFC 6455 section 5.2, RFC 7692 section 7.2.1, RFC 9112 section 7.1, RFC 9113
section 4.1, RFC 8446 section 5.2, WHATWG HTML section 9.2.
"""

from __future__ import annotations

import functools
import json
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from calculators.data import constant
from calculators.data.framing import FIXTURES, SAMPLE_TEXT
from calculators.fields import Field, require_range
from calculators.registry import Calculator, Invariants, Output, register

__all__ = [
    "COMPRESSIONS", "FORMATS", "TRANSPORTS", "EventTemplate", "StreamingBandwidth",
    "chunked_chunk_bytes", "compression_ratio", "event_template", "event_wire_bytes",
    "fixture_text", "format_shape", "http1_header_block_bytes", "response_fixed_bytes",
    "sample_token_texts", "sse_event_bytes", "stream_payloads", "streaming_bandwidth",
    "tls_record_overhead_bytes", "websocket_frame_bytes",
]

FORMATS: tuple[tuple[str, str], ...] = (
    ("openai", "OpenAI Chat Completions"),
    ("anthropic", "Anthropic Messages (documented example, spaced JSON)"),
    ("anthropic-compact", "Anthropic Messages (compact JSON)"),
)
TRANSPORTS: tuple[tuple[str, str], ...] = (
    ("sse-h2-tls", "SSE over HTTP/2 and TLS 1.3"),
    ("sse-h1-tls", "SSE over HTTP/1.1 and TLS 1.3"),
    ("sse-h1", "SSE over plain HTTP/1.1"),
    ("ws-tls", "WebSocket over TLS 1.3"),
    ("ws", "WebSocket, plain"),
)
USAGE_CHOICES: tuple[tuple[str, str], ...] = (
    ("no", "No"),
    ("yes", "Yes (OpenAI stream_options.include_usage)"),
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
#: Field OpenAI adds to every other chunk when stream_options.include_usage is set.
USAGE_NULL_FIELD = ',"usage":null'
#: Sync-flush marker that permessage-deflate strips from each message (RFC 7692 7.2.1).
DEFLATE_TAIL_BYTES = 4
#: Close frame payload: a two-byte status code, no reason text (RFC 6455 5.5.1).
CLOSE_PAYLOAD_BYTES = 2
#: A comment line that keeps an idle SSE stream open (any text may follow the colon); over
#: WebSocket the same job is done by an empty ping frame.
KEEPALIVE_COMMENT = ": keepalive" + LF + LF
MAX_TOKENS = 2_000_000
MAX_ID_CHARS = 200
MAX_KEEPALIVES = 100_000

# Fixtures that make up one response: (events before the text, the text event, after).
_STREAMS: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    "openai": (("openai_role",), "openai_content", ("openai_finish",)),
    "anthropic": (
        ("anthropic_message_start", "anthropic_content_block_start", "anthropic_ping"),
        "anthropic_delta",
        ("anthropic_content_block_stop", "anthropic_message_delta", "anthropic_message_stop"),
    ),
    "anthropic-compact": (
        ("anthropic_message_start", "anthropic_content_block_start", "anthropic_ping"),
        "anthropic_delta_compact",
        ("anthropic_content_block_stop", "anthropic_message_delta", "anthropic_message_stop"),
    ),
}


def _utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def _check_choice(name: str, value: str, choices: tuple[tuple[str, str], ...]) -> None:
    allowed = [v for v, _ in choices]
    if value not in allowed:
        raise ValueError(f"{name} must be one of: {', '.join(allowed)}; got {value!r}.")


@functools.cache
def fixture_text(key: str) -> str:
    """The verbatim text of one fixture file (read on first use, then cached)."""
    path = FIXTURES[key].path
    return resources.files("calculators.data").joinpath("fixtures", path).read_text("utf-8")


@dataclass(frozen=True)
class EventTemplate:
    """One documented event: its SSE event name, JSON data, the text inside and its sizes."""

    key: str
    event_name: str
    data: str
    text: str
    text_json_bytes: int
    id_text: str
    data_bytes: int
    sse_bytes: int


@functools.cache
def event_template(key: str) -> EventTemplate:
    """Parse a fixture (OpenAI JSON line, or ``event:``/``data:`` lines) and measure it."""
    raw = fixture_text(key).strip()
    if raw.startswith("{"):
        name, data = "", raw
    else:
        fields = dict(line.split(": ", 1) for line in raw.split(LF))
        name, data = fields.get("event", ""), fields["data"]
    text = ""
    id_text = ""
    if data.startswith("{"):
        obj = json.loads(data)
        choices = obj.get("choices") or [{}]
        text = choices[0].get("delta", {}).get("content") or ""
        text = text or (obj.get("delta") or {}).get("text", "")
        id_text = obj.get("id") or (obj.get("message") or {}).get("id", "")
    literal = _utf8(json.dumps(text, ensure_ascii=False))
    data_bytes = _utf8(data)
    return EventTemplate(key, name, data, text, literal, id_text, data_bytes,
                         sse_event_bytes(data_bytes, _utf8(name)))


def sse_event_bytes(data_bytes: float, event_name_bytes: int = 0) -> float:
    """One SSE event: optional ``event: name`` line, one ``data:`` line, blank line [B]."""
    named = len(SSE_EVENT_PREFIX) + event_name_bytes + len(LF) if event_name_bytes else 0
    return named + len(SSE_DATA_PREFIX) + data_bytes + 2 * len(LF)


def stream_payloads(fmt: str, texts: Sequence[str], *, include_usage: bool = False,
                    include_terminator: bool = True,
                    num_extra_id_chars: int = 0) -> tuple[tuple[str, str], ...]:
    """(event name, JSON data) of every event of one response carrying ``texts``, in order.

    Each text replaces the documented text in the documented content event, so the payloads
    are what a provider following its own example sends. ``include_usage``: OpenAI's
    ``stream_options.include_usage`` (a ``"usage":null`` field on every chunk and a usage
    chunk before the terminator). ``num_extra_id_chars`` lengthens the documented response id
    (a placeholder such as ``chatcmpl-123``) wherever it appears. The loopback servers stream
    these payloads.
    """
    _check_choice("provider_format", fmt, FORMATS)
    require_range("num_extra_id_chars", num_extra_id_chars, 0, MAX_ID_CHARS, "characters")
    before, content, after = _STREAMS[fmt]
    t = event_template(content)
    doc_literal = json.dumps(t.text, ensure_ascii=False)
    usage = USAGE_NULL_FIELD if include_usage and fmt == "openai" else ""

    def event(key: str, data: str | None = None, with_usage: bool = True) -> tuple[str, str]:
        tmpl = event_template(key)
        data = tmpl.data if data is None else data
        if tmpl.id_text and num_extra_id_chars:
            old = json.dumps(tmpl.id_text)
            data = data.replace(old, json.dumps(tmpl.id_text + "x" * num_extra_id_chars), 1)
        if usage and with_usage:
            data = data[:-1] + usage + "}"
        return (tmpl.event_name, data)

    out = [event(k) for k in before]
    for text in texts:
        out.append(event(content, t.data.replace(doc_literal,
                                                 json.dumps(text, ensure_ascii=False), 1)))
    out += [event(k) for k in after]
    if fmt == "openai":
        if include_usage:
            out.append(event("openai_usage", with_usage=False))
        if include_terminator:
            out.append(event("openai_done", with_usage=False))
    return tuple(out)


def sample_token_texts(num_tokens: int) -> tuple[str, ...]:
    """``num_tokens`` words of the sample text (cycled), each with its leading space."""
    require_range("num_tokens", num_tokens, 0, MAX_TOKENS, "tokens")
    words = SAMPLE_TEXT.split(" ")
    return tuple((" " if i else "") + words[i % len(words)] for i in range(num_tokens))


# --- transport framing -------------------------------------------------------------------

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


# --- compression, measured by compressing a generated response ------------------------------

COMPRESSION_CONSTANTS: tuple[str, ...] = (
    "zlib_default_compression_level",
    "zlib_default_window_bits",
    "zlib_default_mem_level",
    "websockets_deflate_window_bits",
    "websockets_deflate_mem_level",
)


def _int(key: str) -> int:
    return int(constant(key).value)


def gzip_event_sizes(chunks: Sequence[bytes]) -> list[int]:
    """Bytes of a gzip body that is flushed after every chunk (zlib defaults), per chunk; the
    gzip header is in the first and the trailer is added to the last."""
    c = zlib.compressobj(_int("zlib_default_compression_level"), zlib.DEFLATED,
                         _int("zlib_default_window_bits") + 16, _int("zlib_default_mem_level"))
    sizes = [len(c.compress(b) + c.flush(zlib.Z_SYNC_FLUSH)) for b in chunks]
    if sizes:
        sizes[-1] += len(c.flush())
    return sizes


def permessage_deflate_sizes(messages: Sequence[bytes]) -> list[int]:
    """Compressed payload bytes of each WebSocket message under per-message deflate with the
    websockets package's default settings: context kept between messages, each message ended
    by a sync flush whose 4-byte tail is removed (RFC 7692 section 7.2.1)."""
    c = zlib.compressobj(_int("zlib_default_compression_level"), zlib.DEFLATED,
                         -_int("websockets_deflate_window_bits"),
                         _int("websockets_deflate_mem_level"))
    return [len(c.compress(m) + c.flush(zlib.Z_SYNC_FLUSH)) - DEFLATE_TAIL_BYTES
            for m in messages]


def _sse_body(payloads: Sequence[tuple[str, str]]) -> list[bytes]:
    return [(((SSE_EVENT_PREFIX + name + LF) if name else "") + SSE_DATA_PREFIX + data + LF + LF)
            .encode() for name, data in payloads]


@functools.cache
def compression_ratio(fmt: str, mode: str) -> float:
    """Compressed / uncompressed bytes of a generated response in format ``fmt`` [0-1].

    ``sse-event``: gzip over the SSE body, sync flush after every event. ``ws-event``:
    per-message deflate as the websockets package negotiates it. ``stream``: gzip over the
    whole SSE body at once (nothing arrives until the end).
    """
    _check_choice("provider_format", fmt, FORMATS)
    payloads = stream_payloads(fmt, sample_token_texts(len(SAMPLE_TEXT.split(" "))))
    if mode == "ws-event":
        raw = [data.encode() for _, data in payloads]
        return sum(permessage_deflate_sizes(raw)) / sum(len(r) for r in raw)
    body = _sse_body(payloads)
    if mode == "sse-event":
        return sum(gzip_event_sizes(body)) / sum(len(b) for b in body)
    if mode == "stream":
        c = zlib.compressobj(_int("zlib_default_compression_level"), zlib.DEFLATED,
                             _int("zlib_default_window_bits") + 16,
                             _int("zlib_default_mem_level"))
        return len(c.compress(b"".join(body)) + c.flush()) / sum(len(b) for b in body)
    raise ValueError(f"mode must be one of: sse-event, ws-event, stream; got {mode!r}.")


@functools.cache
def format_shape(fmt: str) -> dict[str, object]:
    """The sizes the bandwidth model takes from one format's fixtures, as plain numbers.

    Each event is [SSE bytes, JSON bytes, ids it carries, 1 if it gains ``"usage":null``].
    ``before``/``after``: the events around the text events (the OpenAI terminator included);
    ``usage_events``: the extra usage chunk (OpenAI only). A text event carrying ``b`` bytes
    of text is ``content_*_base_bytes + b``. ``compression``: ratios of the per-event modes.
    """
    _check_choice("provider_format", fmt, FORMATS)
    before, content, after = _STREAMS[fmt]
    after = after + (("openai_done",) if fmt == "openai" else ())
    usage_null = fmt == "openai"

    def entry(key: str) -> list[float]:
        t = event_template(key)
        gains = usage_null and key not in {"openai_done", "openai_usage"}
        return [t.sse_bytes, t.data_bytes, 1 if t.id_text else 0, 1 if gains else 0]

    t = event_template(content)
    data_base = t.data_bytes - t.text_json_bytes + len('""')
    return {
        "before": [entry(k) for k in before],
        "after": [entry(k) for k in after],
        "usage_events": [entry("openai_usage")] if fmt == "openai" else [],
        "content_data_base_bytes": data_base,
        "content_sse_base_bytes": sse_event_bytes(data_base, _utf8(t.event_name)),
        "content_ids": 1 if t.id_text else 0,
        "usage_null_bytes": len(USAGE_NULL_FIELD) if usage_null else 0,
        "keepalive_bytes": len(KEEPALIVE_COMMENT),
        "documented_text_bytes": _utf8(t.text),
        "compression": {"sse": compression_ratio(fmt, "sse-event"),
                        "ws": compression_ratio(fmt, "ws-event")},
    }


# --- the streaming bandwidth calculator -----------------------------------------------------

@dataclass(frozen=True)
class StreamingBandwidth:
    """One stream's events on the wire, a fleet's bandwidth and the monthly egress."""

    provider_format: str
    transport: str
    compression: str
    tokens_per_second: float
    num_concurrent_streams: int
    text_bytes_per_token: float
    tokens_per_event: int
    num_extra_id_chars: int
    include_usage: str
    num_keepalive_comments: int
    tokens_per_response: int
    requests_per_month: float
    # one text event [B]
    text_bytes_per_event: float
    event_data_bytes: float
    event_sse_bytes: float
    compression_ratio: float
    event_body_bytes: float
    framing_bytes_per_event: float
    event_wire_bytes: float
    #: The same event on the wire without compression [B] (what the text share divides by).
    event_wire_bytes_uncompressed: float
    #: Text bytes over the uncompressed event's wire bytes: always within 0-1 (issue 8.1; text
    #: over compressed wire bytes mixed two scales and reached 189%).
    text_share_ratio: float
    # one stream and the fleet
    events_per_second: float
    stream_bytes_per_second: float
    stream_bits_per_second: float
    total_bytes_per_second: float
    total_bits_per_second: float
    # one response and a month of them [B]
    num_events_per_response: int
    response_fixed_bytes: float
    response_bytes: float
    response_text_bytes: float
    overhead_multiple: float
    monthly_egress_bytes: float


def streaming_bandwidth(
    *,
    provider_format: str,
    transport: str,
    compression: str,
    tokens_per_second: float,
    num_concurrent_streams: int,
    text_bytes_per_token: float,
    tokens_per_event: int,
    num_extra_id_chars: int,
    include_usage: str,
    num_keepalive_comments: int,
    tokens_per_response: int,
    requests_per_month: float,
) -> StreamingBandwidth:
    """Bytes per event, bit rate per stream and for the fleet, bytes per response and month.

    Each text event carries ``tokens_per_event`` tokens of ``text_bytes_per_token`` bytes; a
    response of N tokens has ``ceil(N / k)`` text events plus the format's opening and closing
    events (OpenAI's usage chunk when ``include_usage`` is ``"yes"``), each id lengthened by
    ``num_extra_id_chars``, plus ``num_keepalive_comments`` keep-alive comments (empty ping
    frames over WebSocket). Raises ``ValueError`` naming the field, its unit and its range.
    """
    _check_choice("provider_format", provider_format, FORMATS)
    _check_choice("transport", transport, TRANSPORTS)
    _check_choice("compression", compression, COMPRESSIONS)
    require_range("tokens_per_second", tokens_per_second, 0.1, 100_000, "tokens/s")
    require_range("num_concurrent_streams", num_concurrent_streams, 1, 10_000_000, "streams")
    require_range("text_bytes_per_token", text_bytes_per_token, 1, 100, "bytes")
    require_range("tokens_per_event", tokens_per_event, 1, 1000, "tokens")
    require_range("num_extra_id_chars", num_extra_id_chars, 0, MAX_ID_CHARS, "characters")
    _check_choice("include_usage", include_usage, USAGE_CHOICES)
    require_range("num_keepalive_comments", num_keepalive_comments, 0, MAX_KEEPALIVES,
                  "comments")
    require_range("tokens_per_response", tokens_per_response, 1, MAX_TOKENS, "tokens")
    require_range("requests_per_month", requests_per_month, 0, 1e12, "requests")

    shape = format_shape(provider_format)
    websocket = transport.startswith("ws")
    ratio = 1.0
    if compression == "event":
        ratio = shape["compression"]["ws" if websocket else "sse"]
    usage = shape["usage_null_bytes"] if include_usage == "yes" else 0
    extra = num_extra_id_chars * shape["content_ids"] + usage
    text = text_bytes_per_token * tokens_per_event
    data = shape["content_data_base_bytes"] + extra + text
    sse = shape["content_sse_base_bytes"] + extra + text
    body = (data if websocket else sse) * ratio
    wire = event_wire_bytes(transport, sse, data, ratio)
    wire_uncompressed = event_wire_bytes(transport, sse, data, 1.0)
    events_per_second = tokens_per_second / tokens_per_event
    stream_bytes_per_second = events_per_second * wire
    num_text_events = math.ceil(tokens_per_response / tokens_per_event)
    response_text = tokens_per_response * text_bytes_per_token
    base = (shape["content_data_base_bytes"] if websocket else shape["content_sse_base_bytes"])
    # Text events as written: one frame each around all of the text events' bytes.
    text_events_wire = num_text_events * (wire - body) + (
        num_text_events * (base + extra) + response_text) * ratio
    others = [*shape["before"], *shape["after"]]
    if include_usage == "yes":
        others += shape["usage_events"]
    others_wire = 0.0
    for s_bytes, d_bytes, ids, gains in others:
        grow = num_extra_id_chars * ids + usage * gains
        others_wire += event_wire_bytes(transport, s_bytes + grow, d_bytes + grow, ratio)
    keepalive = event_wire_bytes(transport, shape["keepalive_bytes"], 0, ratio)
    fixed = response_fixed_bytes(transport, compression)
    response = fixed + text_events_wire + others_wire + num_keepalive_comments * keepalive
    return StreamingBandwidth(
        provider_format=provider_format,
        transport=transport,
        compression=compression,
        tokens_per_second=tokens_per_second,
        num_concurrent_streams=num_concurrent_streams,
        text_bytes_per_token=text_bytes_per_token,
        tokens_per_event=tokens_per_event,
        num_extra_id_chars=num_extra_id_chars,
        include_usage=include_usage,
        num_keepalive_comments=num_keepalive_comments,
        tokens_per_response=tokens_per_response,
        requests_per_month=requests_per_month,
        text_bytes_per_event=text,
        event_data_bytes=data,
        event_sse_bytes=sse,
        compression_ratio=ratio,
        event_body_bytes=body,
        framing_bytes_per_event=wire - body,
        event_wire_bytes=wire,
        event_wire_bytes_uncompressed=wire_uncompressed,
        text_share_ratio=text / wire_uncompressed,
        events_per_second=events_per_second,
        stream_bytes_per_second=stream_bytes_per_second,
        stream_bits_per_second=stream_bytes_per_second * 8,
        total_bytes_per_second=stream_bytes_per_second * num_concurrent_streams,
        total_bits_per_second=stream_bytes_per_second * 8 * num_concurrent_streams,
        num_events_per_response=num_text_events + len(others),
        response_fixed_bytes=fixed,
        response_bytes=response,
        response_text_bytes=response_text,
        overhead_multiple=response / response_text,
        monthly_egress_bytes=response * requests_per_month,
    )


FIELDS: tuple[Field, ...] = (
    Field("format", "provider_format", "Provider event format", "choice", "openai",
          choices=FORMATS, help="Whose documented events the stream carries."),
    Field("transport", "transport", "Transport", "choice", "sse-h2-tls", choices=TRANSPORTS),
    Field("compression", "compression", "Compression", "choice", "none", choices=COMPRESSIONS,
          help="Per-event compression keeps streaming; ratios are measured on a sample stream."),
    Field("rate", "tokens_per_second", "Token rate per stream", "tokens/s", 50, 0.1, 100_000,
          1),
    Field("streams", "num_concurrent_streams", "Concurrent streams", "streams", 10_000, 1,
          10_000_000, 1, integer=True, help="Streams open at the busiest moment."),
    Field("text_bytes", "text_bytes_per_token", "Text per token", "bytes", 5, 1, 100, 0.1,
          help="The default is the documented example's token, Hello."),
    Field("tokens_per_event", "tokens_per_event", "Tokens per event", "tokens", 1, 1, 1000, 1,
          integer=True, help="One token per event is typical, not guaranteed."),
    Field("id_extra", "num_extra_id_chars", "Extra id characters", "characters", 0, 0,
          MAX_ID_CHARS, 1, integer=True,
          help="The documented ids are short placeholders; add characters for a longer id."),
    Field("usage", "include_usage", "Usage chunk", "choice", "no", choices=USAGE_CHOICES,
          help="OpenAI only: a usage field on every chunk and one more chunk at the end."),
    Field("keepalives", "num_keepalive_comments", "Keep-alive comments per response",
          "comments", 0, 0, MAX_KEEPALIVES, 1, integer=True,
          help="Sent while the model is silent; empty ping frames over WebSocket."),
    Field("tokens", "tokens_per_response", "Tokens per response", "tokens", 2000, 1,
          MAX_TOKENS, 1, integer=True),
    Field("requests", "requests_per_month", "Responses per month", "requests", 1_000_000, 0,
          1e12, 1000),
)

FRAMING_CONSTANTS: tuple[str, ...] = (
    "websocket_base_header_bytes",
    "websocket_max_short_payload_bytes",
    "websocket_medium_length_bytes",
    "websocket_max_medium_payload_bytes",
    "websocket_long_length_bytes",
    "websocket_masking_key_bytes",
    "http2_frame_header_bytes",
    "tls13_record_header_bytes",
    "tls13_content_type_bytes",
    "tls13_aead_tag_bytes",
    *COMPRESSION_CONSTANTS,
)

#: Named setups the guide compares; inputs by field key, display units.
SCENARIOS: dict[str, dict[str, object]] = {
    "OpenAI, SSE over HTTP/1.1 and TLS": {"transport": "sse-h1-tls"},
    "OpenAI, WebSocket over TLS": {"transport": "ws-tls"},
    "OpenAI, SSE over HTTP/2, gzip per event": {"compression": "event"},
    "Anthropic, SSE over HTTP/2 and TLS": {"format": "anthropic"},
    "Anthropic compact, WebSocket over TLS": {"format": "anthropic-compact",
                                              "transport": "ws-tls"},
    "OpenAI, five tokens per event": {"tokens_per_event": 5},
    "OpenAI, usage chunk and a longer id": {"usage": "yes", "id_extra": 26},
}

def twin_data() -> dict[str, object]:
    """What the JavaScript twin needs from the fixtures: each format's event shape and each
    transport's fixed bytes. It reaches the browser through the calculator spec (``data``),
    evaluated when the spec is built, never at import."""
    return {
        "formats": {fmt: format_shape(fmt) for fmt, _ in FORMATS},
        "fixed_bytes": {t: {c: response_fixed_bytes(t, c) for c, _ in COMPRESSIONS}
                        for t, _ in TRANSPORTS},
    }


register(
    Calculator(
        name="streaming_bandwidth",
        title="Streaming bandwidth",
        summary="Bytes per streamed token on the wire, bit rate per stream and fleet, egress.",
        module="framing",
        function=streaming_bandwidth,
        fields=FIELDS,
        outputs=(
            Output("event_wire_bytes", "One text event on the wire", "bytes"),
            Output("framing_bytes_per_event", "of which transport framing", "bytes"),
            Output("text_share_ratio", "Share of the uncompressed event that is text",
                   "percent"),
            Output("stream_bits_per_second", "One stream", "bits_per_second"),
            Output("total_bits_per_second", "All concurrent streams", "bits_per_second"),
            Output("response_bytes", "One response", "bytes"),
            Output("overhead_multiple", "Response bytes per text byte", "number"),
            Output("monthly_egress_bytes", "Egress per month", "bytes"),
            Output("compression_ratio", "Compressed size (share of original)", "percent"),
        ),
        constants=FRAMING_CONSTANTS,
        data=twin_data,
        invariants=Invariants(
            at_least=(("event_wire_bytes_uncompressed", "text_bytes_per_event"),
                      ("event_wire_bytes_uncompressed", "event_wire_bytes"),
                      ("response_bytes", "response_fixed_bytes")),
        ),
        scenarios=SCENARIOS,
        sweeps={"rate": (10, 50, 100, 200)},
        cases={
            "plain HTTP/1.1 (loopback)": {"transport": "sse-h1"},
            "plain WebSocket (loopback)": {"transport": "ws"},
            "WebSocket, per-message deflate": {"transport": "ws-tls", "compression": "event"},
            "HTTP/1.1 chunked with gzip": {"transport": "sse-h1-tls", "compression": "event"},
            "anthropic compact over HTTP/1.1": {"format": "anthropic-compact",
                                                "transport": "sse-h1"},
            "frame over 125 bytes needs 16-bit length": {"format": "anthropic-compact",
                                                        "transport": "ws", "text_bytes": 50},
            "frame over 65,535 bytes needs 64-bit length": {
                "transport": "ws", "tokens_per_event": 1000, "text_bytes": 100},
            "fractional text bytes": {"text_bytes": "4.2", "transport": "sse-h1"},
            "uneven last event": {"tokens": 7, "tokens_per_event": 3},
            "usage chunk and longer ids": {"usage": "yes", "id_extra": 26},
            "usage is a no-op for Anthropic": {"format": "anthropic", "usage": "yes"},
            "keep-alive comments over HTTP/1.1": {"transport": "sse-h1", "keepalives": 40},
            "keep-alive pings over WebSocket": {"transport": "ws-tls", "keepalives": 40},
            "bad: negative id characters": {"id_extra": -3},
            "bad: usage typo": {"usage": "maybe"},
            "one token": {"tokens": 1},
            "zero requests": {"requests": 0},
            "string inputs as typed": {"rate": " 75.5 ", "streams": "250"},
            "bad: zero token rate": {"rate": 0},
            "bad: fractional streams": {"streams": 2.5},
            "bad: text for a number": {"rate": "fast"},
            "bad: empty field": {"tokens": ""},
            "bad: NaN typed": {"text_bytes": "NaN"},
            "bad: unknown transport": {"transport": "carrier-pigeon"},
            "bad: unknown format": {"format": "gemini"},
            "bad: unknown compression": {"compression": "brotli"},
            "bad: too many tokens per event": {"tokens_per_event": 5000},
            "bad: unknown input": {"bandwidth": 5},
        },
    )
)
