"""The streaming guide's tables built from the framing model: the transport decision table,
keep-alive cadence, the documented events measured, compression ratios, every format over every
transport, and the per-event overheads the symbol table names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from calculators.collect import Texts, table
from calculators.data import constant
from calculators.data.framing import FIXTURES, SAMPLE_TEXT, TRANSPORT_FACTS, TransportFact
from calculators.fields import require_range
from calculators.framing import FRAMING_CONSTANTS, StreamingBandwidth
from calculators.framing_compression import compression_ratio
from calculators.framing_events import FORMATS, event_template
from calculators.framing_transport import (
    KEEPALIVE_COMMENT,
    TRANSPORTS,
    chunked_chunk_bytes,
    event_wire_bytes,
    sse_event_bytes,
    tls_record_overhead_bytes,
    websocket_frame_bytes,
)
from calculators.framing_transport import _utf8 as _size
from calculators.registry import register_table, run

__all__ = [
    "CompressionRow", "DecisionRow", "FixtureRow", "GridRow", "FormatRow", "KeepalivePlan", "Overheads",
    "compression_rows", "decision_rows", "fixture_rows", "format_grid", "keepalive_plan", "overheads",
    "transport_grid",
]


#: A row of the decision table: the transport fact with its constants filled into the texts.
DecisionRow = TransportFact


@table
def decision_rows() -> Iterator[DecisionRow]:
    """The SSE / WebSocket / long-polling table, constant values filled into the texts."""
    for fact in TRANSPORT_FACTS:
        values = {k: f"{constant(k).value:g}" for k in fact.constant_keys}
        yield replace(fact, **{cell: getattr(fact, cell).format(**values) for cell in (
            "sse", "websocket", "long_polling", "websocket_wins_when")})


@dataclass(frozen=True)
class KeepalivePlan:
    """How often an idle stream must send a comment, and what that costs on the transport."""

    smallest_idle_timeout_seconds: float
    spec_interval_seconds: float
    interval_seconds: float
    comment_bytes: int
    transport: str
    framed_comment_bytes: float
    bytes_per_hour: float
    constants: Texts


def keepalive_plan(smallest_idle_timeout_seconds: float | None = None,
                   transport: str = "sse-h2-tls") -> KeepalivePlan:
    """interval = min(spec suggestion, smallest idle timeout / 2): one late comment must not
    let the stream reach the timeout. The default timeout is nginx's proxy_read_timeout. Each
    comment is priced as one write on ``transport`` (HTTP/2 frame and TLS record by default)."""
    keys = ("sse_keepalive_interval_seconds", "nginx_proxy_read_timeout_seconds")
    timeout = (constant(keys[1]).value if smallest_idle_timeout_seconds is None
               else smallest_idle_timeout_seconds)
    require_range("smallest_idle_timeout_seconds", timeout, 1, 86_400, "seconds")
    spec = constant(keys[0]).value
    interval = min(spec, timeout / 2)
    size = _size(KEEPALIVE_COMMENT)
    framed = event_wire_bytes(transport, size, 0)
    return KeepalivePlan(timeout, spec, interval, size, transport, framed,
                         3600 / interval * framed, keys + FRAMING_CONSTANTS)


@dataclass(frozen=True)
class FixtureRow:
    label: str
    path: str
    event_name: str
    text: str
    data_bytes: int
    sse_bytes: int
    source_url: str
    source_title: str
    as_of: str
    note: str
    constructed: bool


@table
def fixture_rows() -> Iterator[FixtureRow]:
    """Every documented event the model reads, measured from its fixture file."""
    for key, f in FIXTURES.items():
        t = event_template(key)
        yield FixtureRow(f.label, f.path, t.event_name, t.text, t.data_bytes,
                         int(t.sse_bytes), f.source_url, f.source_title,
                         f.as_of.isoformat(), f.note, f.constructed)


@dataclass(frozen=True)
class CompressionRow:
    format_label: str
    num_sample_tokens: int
    sse_event_ratio: float
    ws_event_ratio: float
    stream_ratio: float


def compression_rows() -> tuple[CompressionRow, ...]:
    """Measured compression ratios for each format, per event and over the whole response."""
    tokens = len(SAMPLE_TEXT.split(" "))
    return tuple(CompressionRow(label, tokens, compression_ratio(fmt, "sse-event"),
                                compression_ratio(fmt, "ws-event"),
                                compression_ratio(fmt, "stream")) for fmt, label in FORMATS)


@dataclass(frozen=True)
class GridRow:
    format_label: str
    transport_label: str
    result: StreamingBandwidth
    constants: Texts = FRAMING_CONSTANTS


@table
def transport_grid(compression: str = "none",
                   transports: Texts = ("sse-h2-tls", "ws-tls")) -> Iterator[GridRow]:
    """Every format over the given transports at the calculator's defaults."""
    for fmt, fmt_label in FORMATS:
        for transport, transport_label in TRANSPORTS:
            if transport in transports:
                result = run("streaming_bandwidth", {"format": fmt, "transport": transport,
                                                     "compression": compression})
                yield GridRow(fmt_label, transport_label, result)


@dataclass(frozen=True)
class Overheads:
    """The per-event overheads the guide's symbol table names, each computed, not typed."""

    sse_data_field_bytes: int
    sse_named_event_field_bytes: int
    chunk_overhead_bytes: int
    http2_frame_header_bytes: int
    tls_record_overhead_bytes: int
    websocket_short_header_bytes: int
    websocket_medium_header_bytes: int
    websocket_long_header_bytes: int
    websocket_mask_bytes: int
    keepalive_comment_bytes: int
    constants: Texts = FRAMING_CONSTANTS


def overheads() -> Overheads:
    """Framing sizes for the symbol table: SSE fields, a chunk around the documented OpenAI
    event, an HTTP/2 frame header, a TLS 1.3 record, WebSocket headers and mask."""
    delta = event_template("anthropic_delta")
    openai = event_template("openai_content")
    short = int(websocket_frame_bytes(0, masked=False))
    return Overheads(
        sse_data_field_bytes=int(sse_event_bytes(0)),
        sse_named_event_field_bytes=int(delta.sse_bytes - sse_event_bytes(delta.data_bytes)),
        chunk_overhead_bytes=int(chunked_chunk_bytes(openai.sse_bytes) - openai.sse_bytes),
        http2_frame_header_bytes=int(constant("http2_frame_header_bytes").value),
        tls_record_overhead_bytes=tls_record_overhead_bytes(),
        websocket_short_header_bytes=short,
        websocket_medium_header_bytes=int(websocket_frame_bytes(126, masked=False)) - 126,
        websocket_long_header_bytes=int(websocket_frame_bytes(65536, masked=False)) - 65536,
        websocket_mask_bytes=int(websocket_frame_bytes(0, masked=True)) - short,
        keepalive_comment_bytes=_size(KEEPALIVE_COMMENT),
    )


register_table("transport_decisions", decision_rows)
register_table("keepalive_plan", keepalive_plan)
register_table("framing_fixtures", fixture_rows)
register_table("framing_compression", compression_rows)


@dataclass(frozen=True)
class FormatRow:
    """One event format at the calculator's defaults over SSE with HTTP/2 and over WebSocket,
    both with TLS 1.3."""

    format_label: str
    http2: StreamingBandwidth
    websocket: StreamingBandwidth
    constants: Texts = FRAMING_CONSTANTS


def format_grid(compression: str = "none") -> tuple[FormatRow, ...]:
    """Every format, its answer over HTTP/2 and over WebSocket side by side."""
    return tuple(FormatRow(label, run("streaming_bandwidth", {"format": fmt,
                                                              "compression": compression}),
                           run("streaming_bandwidth", {"format": fmt, "transport": "ws-tls",
                                                       "compression": compression}))
                 for fmt, label in FORMATS)


register_table("transport_grid", transport_grid)
register_table("format_grid", format_grid)


register_table("framing_overheads", overheads)
