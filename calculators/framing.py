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
import math
from dataclasses import dataclass

from calculators.fields import require_range
from calculators.framing_compression import (
    COMPRESSION_CONSTANTS,
    compression_ratio,
    gzip_event_sizes,
    permessage_deflate_sizes,
)
from calculators.framing_events import (
    _STREAMS,
    FORMATS,
    MAX_ID_CHARS,
    MAX_TOKENS,
    USAGE_NULL_FIELD,
    EventTemplate,
    event_template,
    fixture_text,
    sample_token_texts,
    stream_payloads,
)
from calculators.framing_transport import (
    CHUNKED_LAST_CHUNK,
    CLOSE_PAYLOAD_BYTES,
    COMPRESSIONS,
    KEEPALIVE_COMMENT,
    SSE_STATUS_LINE,
    TRANSPORTS,
    WS_KEY_CHARS,
    WS_STATUS_LINE,
    _check_choice,
    _utf8,
    chunked_chunk_bytes,
    event_wire_bytes,
    http1_header_block_bytes,
    response_fixed_bytes,
    sse_event_bytes,
    sse_response_headers,
    tls_record_overhead_bytes,
    websocket_frame_bytes,
    ws_response_headers,
)

__all__ = [
    "CHUNKED_LAST_CHUNK", "CLOSE_PAYLOAD_BYTES", "COMPRESSIONS", "COMPRESSION_CONSTANTS",
    "FORMATS", "FRAMING_CONSTANTS", "KEEPALIVE_COMMENT", "SSE_STATUS_LINE", "TRANSPORTS",
    "USAGE_CHOICES", "WS_KEY_CHARS", "WS_STATUS_LINE", "EventTemplate", "StreamingBandwidth",
    "chunked_chunk_bytes", "compression_ratio", "event_template", "event_wire_bytes",
    "fixture_text", "format_shape", "gzip_event_sizes", "http1_header_block_bytes",
    "permessage_deflate_sizes", "response_fixed_bytes", "sample_token_texts",
    "sse_event_bytes", "sse_response_headers", "stream_payloads", "streaming_bandwidth",
    "tls_record_overhead_bytes", "websocket_frame_bytes", "ws_response_headers",
]

USAGE_CHOICES: tuple[tuple[str, str], ...] = (
    ("no", "No"),
    ("yes", "Yes (OpenAI stream_options.include_usage)"),
)
MAX_KEEPALIVES = 100_000

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
        text_share_ratio=text / wire,
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
