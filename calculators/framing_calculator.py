"""The registered streaming-bandwidth calculator: its fields, named setups, edge cases and the
data its JavaScript twin (``docs/assets/js/calculators/framing.js``) receives."""

from __future__ import annotations

from calculators.fields import Field
from calculators.framing import (
    COMPRESSIONS,
    FORMATS,
    FRAMING_CONSTANTS,
    MAX_ID_CHARS,
    MAX_KEEPALIVES,
    MAX_TOKENS,
    TRANSPORTS,
    USAGE_CHOICES,
    format_shape,
    response_fixed_bytes,
    streaming_bandwidth,
)
from calculators.registry import Calculator, Output, register

__all__ = ["FIELDS", "SCENARIOS", "twin_data"]

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
            Output("text_share_ratio", "Share of the wire that is text", "percent"),
            Output("stream_bits_per_second", "One stream", "bits_per_second"),
            Output("total_bits_per_second", "All concurrent streams", "bits_per_second"),
            Output("response_bytes", "One response", "bytes"),
            Output("overhead_multiple", "Response bytes per text byte", "number"),
            Output("monthly_egress_bytes", "Egress per month", "bytes"),
            Output("compression_ratio", "Compressed size (share of original)", "percent"),
        ),
        constants=FRAMING_CONSTANTS,
        data=twin_data,
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
