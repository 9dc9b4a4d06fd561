"""The registered streaming-bandwidth calculator: its fields, named setups, edge cases and the
data its JavaScript twin (``docs/assets/js/calculators/framing.js``) receives."""

from __future__ import annotations

from calculators.data import constant
from calculators.fields import Field
from calculators.framing import (
    COMPRESSIONS,
    FORMATS,
    FRAMING_CONSTANTS,
    MAX_ID_CHARS,
    MAX_KEEPALIVES,
    MAX_TOKENS,
    OBFUSCATION_CHOICES,
    TCP_IP_CHOICES,
    TRANSPORTS,
    USAGE_CHOICES,
    compression_ratio,
    format_shape,
    streaming_bandwidth,
)
from calculators.framing_transport import response_fixed_bytes
from calculators.registry import register
from calculators.spec_files import declared

__all__ = ["EGRESS_PRICE_KEY", "FIELDS", "SCENARIOS", "twin_data"]

#: The sourced default of the egress price field (the form's default, not a spec constant).
EGRESS_PRICE_KEY = "aws_internet_egress_usd_per_gb"

FIELDS: tuple[Field, ...] = (
    Field("format", "provider_format", "Provider event format", "choice", "openai",
          choices=FORMATS, help="Whose events the stream carries: a provider's documented "
          "example, or a chunk captured from the API."),
    Field("transport", "transport", "Transport", "choice", "sse-h2-tls", choices=TRANSPORTS),
    Field("compression", "compression", "Compression", "choice", "none", choices=COMPRESSIONS,
          help="Per-event compression keeps streaming; ratios are measured on a sample stream."),
    Field("rate", "tokens_per_second", "Token rate per stream", "tokens/s", 50, 0.1, 100_000,
          1),
    Field("text_bytes", "text_bytes_per_token", "Text per token", "bytes", 5, 1, 100, 0.1,
          help="The default is the documented example's token, Hello."),
    Field("tokens_per_event", "tokens_per_event", "Tokens per event", "tokens", 1, 1, 1000, 1,
          integer=True, help="OpenAI sends one token per chunk; Anthropic's deltas often carry "
          "several, so one is an upper bound on its event count."),
    Field("id_extra", "num_extra_id_chars", "Extra id characters", "characters", 0, 0,
          MAX_ID_CHARS, 1, integer=True,
          help="The documented ids are short placeholders; add characters for a longer id."),
    Field("usage", "include_usage", "Usage chunk", "choice", "no", choices=USAGE_CHOICES,
          help="Chat Completions only: a usage field on every chunk and one more chunk."),
    Field("obfuscation", "obfuscation", "Obfuscation padding", "choice", "on",
          choices=OBFUSCATION_CHOICES,
          help="Only the captured OpenAI chunk carries padding; other formats ignore this."),
    Field("keepalives", "num_keepalive_comments", "Keep-alive comments per response",
          "comments", 0, 0, MAX_KEEPALIVES, 1, integer=True,
          help="Sent while the model is silent; empty ping frames over WebSocket."),
    Field("tokens", "tokens_per_response", "Tokens per response", "tokens", 2000, 1,
          MAX_TOKENS, 1, integer=True),
    Field("requests", "requests_per_month", "Responses per month", "requests", 1_000_000, 0,
          1e12, 1000),
    Field("peak", "peak_to_average_ratio", "Peak streams over average", "ratio", 1, 1, 1000,
          0.1, help="Streams open at the busiest moment divided by the monthly average."),
    Field("tcp_ip", "tcp_ip", "Count TCP/IP headers", "choice", "no", choices=TCP_IP_CHOICES,
          help="IPv4, TCP with timestamps, one segment per event; ACKs shown apart."),
    Field("egress_price", "egress_usd_per_gb", "Egress price", "USD/GB",
          constant(EGRESS_PRICE_KEY).value, 0, 10, 0.01,
          help="The default is AWS's first pricing tier to the internet (GB = 10^9 bytes)."),
)

#: Named setups the guide compares; inputs by field key, display units.
SCENARIOS: dict[str, dict[str, object]] = {
    "OpenAI, captured chunk (realistic)": {"format": "openai-observed"},
    "OpenAI, captured chunk, padding off": {"format": "openai-observed",
                                            "obfuscation": "off"},
    "OpenAI Responses, documented": {"format": "openai-responses"},
    "OpenAI, SSE over HTTP/1.1 and TLS": {"transport": "sse-h1-tls"},
    "OpenAI, WebSocket over TLS": {"transport": "ws-tls"},
    "OpenAI, SSE over HTTP/2, gzip per event": {"compression": "event"},
    "Anthropic, SSE over HTTP/2 and TLS": {"format": "anthropic"},
    "Anthropic, three tokens per event": {"format": "anthropic", "tokens_per_event": 3},
    "Anthropic compact, WebSocket over TLS": {"format": "anthropic-compact",
                                              "transport": "ws-tls"},
    "OpenAI, with TCP/IP headers": {"tcp_ip": "yes"},
}


def twin_data() -> dict[str, object]:
    """What the JavaScript twin needs from the fixtures: each format's event shape with its
    measured compression ratios, and each transport's fixed bytes. It reaches the browser
    through the calculator spec (``data``), evaluated when the spec is built, never at import.
    """
    return {
        "formats": {fmt: {**format_shape(fmt),
                          "compression": {"sse": compression_ratio(fmt, "sse-event"),
                                          "ws": compression_ratio(fmt, "ws-event")}}
                    for fmt, _ in FORMATS},
        "fixed_bytes": {t: {c: response_fixed_bytes(t, c) for c, _ in COMPRESSIONS}
                        for t, _ in TRANSPORTS},
    }


register(
    declared("streaming_bandwidth", streaming_bandwidth, FIELDS,
        constants=FRAMING_CONSTANTS,
        data=twin_data,
        scenarios=SCENARIOS,
    )
)
