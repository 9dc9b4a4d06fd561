"""The streaming-bandwidth model: bytes per event, bit rate per stream and fleet, egress.

Each streamed token travels inside a provider event (:mod:`calculators.framing_events`),
inside a transport frame and an encrypted record (:mod:`calculators.framing_transport`),
possibly compressed (:mod:`calculators.framing_compression`):

    B_wire = B_sse + 9 + 22        one event over HTTP/2 and TLS 1.3 (other transports there) [B]
    T      = N / token rate                                  streaming time of one response [s]
    L      = (responses per month / seconds per month) * T         Little's law [streams]
    BW     = (token rate / tokens per event) * B_wire * 8 * L * peak ratio            [bit/s]

Assumptions: one chunk, frame and TLS record per event; text without JSON escapes; HPACK not
modelled; TCP/IP headers (IPv4, TCP with timestamps, one segment per event, one ACK per two
segments) counted only when asked. The calculator's registration is in
:mod:`calculators.framing_calculator`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.collect import Texts
from calculators.data import constant
from calculators.fields import require_range
from calculators.framing_compression import COMPRESSION_CONSTANTS, compression_ratio
from calculators.framing_events import (
    FORMATS,
    MAX_ID_CHARS,
    MAX_TOKENS,
    OBFUSCATION_CHOICES,
    USAGE_CHOICES,
    event_template,
    fixture_text,
    format_shape,
    sample_token_texts,
    stream_payloads,
)
from calculators.framing_transport import (
    COMPRESSIONS,
    NETWORK_CONSTANTS,
    TCP_IP_CHOICES,
    TRANSPORTS,
    _check_choice,
    chunked_chunk_bytes,
    event_wire_bytes,
    http1_header_block_bytes,
    packet_overhead,
    response_fixed_bytes,
    sse_event_bytes,
    tls_record_overhead_bytes,
    websocket_frame_bytes,
)

#: Names re-exported for the tests, scripts and pages that import them from here.
__all__ = [
    "COMPRESSIONS", "FORMATS", "FRAMING_CONSTANTS", "MAX_TOKENS", "OBFUSCATION_CHOICES",
    "TCP_IP_CHOICES", "TRANSPORTS", "USAGE_CHOICES", "StreamingBandwidth",
    "chunked_chunk_bytes", "compression_ratio", "event_template", "fixture_text",
    "format_shape", "http1_header_block_bytes", "sample_token_texts", "sse_event_bytes",
    "stream_payloads", "streaming_bandwidth", "tls_record_overhead_bytes",
    "websocket_frame_bytes",
]

MAX_KEEPALIVES = 100_000
#: Longest response the function accepts (the form allows MAX_TOKENS; the tokens guide sizes
#: longer texts with it).
MAX_RESPONSE_TOKENS = 1e9

FRAMING_CONSTANTS: Texts = (
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
    *NETWORK_CONSTANTS,
)


@dataclass(frozen=True)
class StreamingBandwidth:
    """One stream's events on the wire, a fleet's bandwidth and the monthly egress."""

    provider_format: str
    transport: str
    compression: str
    tokens_per_second: float
    peak_to_average_ratio: float
    text_bytes_per_token: float
    tokens_per_event: int
    num_extra_id_chars: int
    include_usage: str
    obfuscation: str
    num_keepalive_comments: int
    tokens_per_response: int
    requests_per_month: float
    tcp_ip: str
    egress_usd_per_gb: float
    # one text event [B]
    text_bytes_per_event: float
    padding_bytes_per_event: float
    event_data_bytes: float
    event_sse_bytes: float
    compression_ratio: float
    event_body_bytes: float
    framing_bytes_per_event: float
    event_wire_bytes: float
    event_packet_bytes: float
    #: The same event on the wire without compression [B] (what the text share divides by).
    event_wire_bytes_uncompressed: float
    #: Text bytes over the uncompressed event's wire bytes: always within 0-1 (issue 8.1; text
    #: over compressed wire bytes mixed two scales and reached 189%).
    text_share_ratio: float
    # one stream [events/s, B/s, bit/s]
    events_per_second: float
    stream_bytes_per_second: float
    stream_bits_per_second: float
    # Little's law: arrivals, streaming time, streams open [1/s, s, streams]
    arrival_rate_per_second: float
    stream_duration_seconds: float
    num_average_streams: float
    num_peak_streams: float
    total_bytes_per_second: float
    total_bits_per_second: float
    average_bits_per_second: float
    # one response and a month of them [B, USD]
    num_events_per_response: int
    response_fixed_bytes: float
    response_event_bytes: float
    response_framing_bytes: float
    tcp_ip_bytes_per_response: float
    ack_bytes_per_response: float
    response_bytes: float
    response_text_bytes: float
    overhead_multiple: float
    monthly_egress_bytes: float
    monthly_egress_usd: float


def streaming_bandwidth(
    *,
    provider_format: str,
    transport: str,
    compression: str,
    tokens_per_second: float,
    peak_to_average_ratio: float,
    text_bytes_per_token: float,
    tokens_per_event: int,
    num_extra_id_chars: int,
    include_usage: str,
    obfuscation: str,
    num_keepalive_comments: int,
    tokens_per_response: int,
    requests_per_month: float,
    tcp_ip: str,
    egress_usd_per_gb: float,
) -> StreamingBandwidth:
    """Bytes per event, bit rate per stream and for the fleet, bytes per response and month.

    Each text event carries ``tokens_per_event`` tokens of ``text_bytes_per_token`` bytes; a
    response of N tokens has ``ceil(N / k)`` text events plus the format's opening and closing
    events (the usage chunk when ``include_usage`` is ``"yes"``, Chat Completions only), each
    id lengthened by ``num_extra_id_chars``, plus ``num_keepalive_comments`` keep-alive
    comments (empty ping frames over WebSocket). Streams open on average follow from the
    monthly volume by Little's law (arrival rate times streaming time, time to first token
    left out); the fleet's peak is that times ``peak_to_average_ratio``. With ``tcp_ip``
    ``"yes"`` every write also pays IPv4 and TCP headers and the egress counts them; the
    client's ACKs are reported separately. Raises ``ValueError`` naming the field, its unit
    and its range.
    """
    inputs = dict(locals())  # carried by the result
    _check_choice("provider_format", provider_format, FORMATS)
    _check_choice("transport", transport, TRANSPORTS)
    _check_choice("compression", compression, COMPRESSIONS)
    require_range("tokens_per_second", tokens_per_second, 0.1, 100_000, "tokens/s")
    require_range("peak_to_average_ratio", peak_to_average_ratio, 1, 1000, "ratio")
    require_range("text_bytes_per_token", text_bytes_per_token, 1, 100, "bytes")
    require_range("tokens_per_event", tokens_per_event, 1, 1000, "tokens")
    require_range("num_extra_id_chars", num_extra_id_chars, 0, MAX_ID_CHARS, "characters")
    _check_choice("include_usage", include_usage, USAGE_CHOICES)
    _check_choice("obfuscation", obfuscation, OBFUSCATION_CHOICES)
    require_range("num_keepalive_comments", num_keepalive_comments, 0, MAX_KEEPALIVES,
                  "comments")
    require_range("tokens_per_response", tokens_per_response, 1, MAX_RESPONSE_TOKENS, "tokens")
    require_range("requests_per_month", requests_per_month, 0, 1e12, "requests")
    _check_choice("tcp_ip", tcp_ip, TCP_IP_CHOICES)
    require_range("egress_usd_per_gb", egress_usd_per_gb, 0, 10, "USD/GB")

    shape = format_shape(provider_format)
    websocket = transport.startswith("ws")
    ratio = 1.0
    if compression == "event":
        ratio = compression_ratio(provider_format, "ws-event" if websocket else "sse-event")
    usage = shape["usage_null_bytes"] if include_usage == "yes" else 0
    padded = shape["content_padded_text_bytes"] if obfuscation == "on" else 0
    dropped = 0 if obfuscation == "on" else shape["obfuscation_field_bytes"]
    extra = num_extra_id_chars * shape["content_ids"] + usage - dropped
    text = text_bytes_per_token * tokens_per_event
    pad = max(0.0, padded - text)
    data = shape["content_data_base_bytes"] + extra + text + pad
    sse = shape["content_sse_base_bytes"] + extra + text + pad
    body = (data if websocket else sse) * ratio
    wire = event_wire_bytes(transport, sse, data, ratio)
    wire_uncompressed = event_wire_bytes(transport, sse, data, 1.0)
    segments, headers = packet_overhead(wire)
    events_per_second = tokens_per_second / tokens_per_event
    stream_bytes_per_second = events_per_second * wire
    num_text_events = math.ceil(tokens_per_response / tokens_per_event)
    response_text = tokens_per_response * text_bytes_per_token
    last_text = response_text - (num_text_events - 1) * text
    pads = (num_text_events - 1) * pad + max(0.0, padded - last_text)
    base = (shape["content_data_base_bytes"] if websocket else shape["content_sse_base_bytes"])
    # Text events as written: one frame each around all of the text events' bytes.
    text_events_wire = num_text_events * (wire - body) + (
        num_text_events * (base + extra) + response_text + pads) * ratio
    others = [*shape["before"], *shape["after"]]
    if include_usage == "yes":
        others += shape["usage_events"]
    text_bodies = (num_text_events * (base + extra) + response_text + pads) * ratio
    others_wire = others_bodies = 0.0
    others_segments = 0
    for s_bytes, d_bytes, ids, gains, copies in others:
        grow = num_extra_id_chars * ids + usage * gains + copies * response_text
        size = event_wire_bytes(transport, s_bytes + grow, d_bytes + grow, ratio)
        others_wire += size
        others_bodies += ((d_bytes if websocket else s_bytes) + grow) * ratio
        others_segments += packet_overhead(size)[0]
    keepalive = event_wire_bytes(transport, shape["keepalive_bytes"], 0, ratio)
    keepalive_body = 0.0 if websocket else shape["keepalive_bytes"] * ratio
    fixed = response_fixed_bytes(transport, compression)
    # Segments: one per event write (more for a large one), two for the fixed writes.
    num_segments = (num_text_events * segments + others_segments + 2
                    + num_keepalive_comments * packet_overhead(keepalive)[0])
    per_segment = headers / segments
    tcp_ip_bytes = num_segments * per_segment if tcp_ip == "yes" else 0.0
    acks = math.ceil(num_segments / constant("tcp_segments_per_ack").value) * per_segment
    response = (fixed + text_events_wire + others_wire + num_keepalive_comments * keepalive
                + tcp_ip_bytes)
    events = text_bodies + others_bodies + num_keepalive_comments * keepalive_body
    month = constant("seconds_per_month").value
    arrivals = requests_per_month / month
    duration = tokens_per_response / tokens_per_second
    average_streams = arrivals * duration
    peak_streams = average_streams * peak_to_average_ratio
    monthly = response * requests_per_month
    return StreamingBandwidth(
        **inputs,
        text_bytes_per_event=text,
        padding_bytes_per_event=pad,
        event_data_bytes=data,
        event_sse_bytes=sse,
        compression_ratio=ratio,
        event_body_bytes=body,
        framing_bytes_per_event=wire - body,
        event_wire_bytes=wire,
        event_packet_bytes=wire + headers,
        event_wire_bytes_uncompressed=wire_uncompressed,
        text_share_ratio=text / wire_uncompressed,
        events_per_second=events_per_second,
        stream_bytes_per_second=stream_bytes_per_second,
        stream_bits_per_second=stream_bytes_per_second * 8,
        arrival_rate_per_second=arrivals,
        stream_duration_seconds=duration,
        num_average_streams=average_streams,
        num_peak_streams=peak_streams,
        total_bytes_per_second=stream_bytes_per_second * peak_streams,
        total_bits_per_second=stream_bytes_per_second * 8 * peak_streams,
        average_bits_per_second=monthly * 8 / month,
        num_events_per_response=num_text_events + len(others),
        response_fixed_bytes=fixed,
        response_event_bytes=events,
        response_framing_bytes=response - tcp_ip_bytes - events,
        tcp_ip_bytes_per_response=tcp_ip_bytes,
        ack_bytes_per_response=acks,
        response_bytes=response,
        response_text_bytes=response_text,
        overhead_multiple=response / response_text,
        monthly_egress_bytes=monthly,
        monthly_egress_usd=monthly / 1e9 * egress_usd_per_gb,
    )
