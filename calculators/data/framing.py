"""Constants behind the streaming framing model (guide 2): protocol sizes and connection facts.

The providers' documented example events are not constants: they are kept verbatim as fixture
files in ``calculators/data/fixtures/`` and measured by :mod:`calculators.framing` when needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calculators.data.records import READ_NOTE, READ_ON, Constant, register

__all__ = ["FIXTURES", "SAMPLE_TEXT", "TRANSPORT_FACTS", "Fixture", "TransportFact"]

#: Day the sources added for the December 2026 revision were read (their pages state no date).
READ_DEC = date(2026, 12, 1)


RFC6455_URL = "https://www.rfc-editor.org/rfc/rfc6455#section-5.2"
RFC6455_TITLE = "RFC 6455: The WebSocket Protocol (section 5.2, Base Framing Protocol)"
RFC6455_DATE = date(2011, 12, 1)
RFC8446_URL = "https://www.rfc-editor.org/rfc/rfc8446#section-5.2"
RFC8446_TITLE = "RFC 8446: TLS 1.3 (section 5.2, Record Payload Protection)"
RFC8446_DATE = date(2018, 8, 1)
MDN_EVENTSOURCE_URL = "https://developer.mozilla.org/en-US/docs/Web/API/EventSource"
MDN_EVENTSOURCE_TITLE = "MDN Web Docs: EventSource"
WHATWG_SSE_URL = "https://html.spec.whatwg.org/multipage/server-sent-events.html"
WHATWG_SSE_TITLE = "WHATWG HTML Living Standard, section 9.2: Server-sent events"
NGINX_PROXY_URL = "https://nginx.org/en/docs/http/ngx_http_proxy_module.html"
NGINX_PROXY_TITLE = "nginx: Module ngx_http_proxy_module"
ANTHROPIC_STREAMING_URL = "https://platform.claude.com/docs/en/build-with-claude/streaming"
ANTHROPIC_STREAMING_TITLE = "Anthropic docs: Streaming Messages"
WEBSOCKETS_DEFLATE_URL = (
    "https://github.com/python-websockets/websockets/blob/main/src/websockets/extensions/"
    "permessage_deflate.py"
)
WEBSOCKETS_DEFLATE_TITLE = (
    "websockets: extensions/permessage_deflate.py (enable_server_permessage_deflate defaults)"
)
OPENAI_CHUNK_URL = "https://platform.openai.com/docs/api-reference/chat-streaming/streaming"
OPENAI_CHUNK_TITLE = "OpenAI API reference: The chat completion chunk object"

register(
    Constant(
        key="websocket_base_header_bytes",
        value=2,
        unit="bytes",
        label="WebSocket frame header: FIN, opcode, MASK bit and 7-bit length",
        source_url=RFC6455_URL,
        source_title=RFC6455_TITLE,
        as_of=RFC6455_DATE,
        checked_on=READ_ON,
        note="The whole header when the payload is at most websocket_max_short_payload_bytes.",
    ),
    Constant(
        key="websocket_max_short_payload_bytes",
        value=125,
        unit="bytes",
        label="Largest WebSocket payload whose length fits the 7-bit field",
        source_url=RFC6455_URL,
        source_title=RFC6455_TITLE,
        as_of=RFC6455_DATE,
        checked_on=READ_ON,
        note="Length values 126 and 127 announce a 16-bit or 64-bit extended length.",
    ),
    Constant(
        key="websocket_medium_length_bytes",
        value=2,
        unit="bytes",
        label="WebSocket 16-bit extended payload length",
        source_url=RFC6455_URL,
        source_title=RFC6455_TITLE,
        as_of=RFC6455_DATE,
        checked_on=READ_ON,
        note="Used for payloads up to websocket_max_medium_payload_bytes.",
    ),
    Constant(
        key="websocket_max_medium_payload_bytes",
        value=65535,
        unit="bytes",
        label="Largest WebSocket payload whose length fits 16 bits",
        source_url=RFC6455_URL,
        source_title=RFC6455_TITLE,
        as_of=RFC6455_DATE,
        checked_on=READ_ON,
        note="Larger payloads use the 64-bit extended length.",
    ),
    Constant(
        key="websocket_long_length_bytes",
        value=8,
        unit="bytes",
        label="WebSocket 64-bit extended payload length",
        source_url=RFC6455_URL,
        source_title=RFC6455_TITLE,
        as_of=RFC6455_DATE,
        checked_on=READ_ON,
        note="Used for payloads above websocket_max_medium_payload_bytes.",
    ),
    Constant(
        key="websocket_masking_key_bytes",
        value=4,
        unit="bytes",
        label="WebSocket masking key on every client-to-server frame",
        source_url=RFC6455_URL,
        source_title=RFC6455_TITLE,
        as_of=RFC6455_DATE,
        checked_on=READ_ON,
        note="Clients must mask every frame they send; servers must not mask theirs.",
    ),
    Constant(
        key="http2_frame_header_bytes",
        value=9,
        unit="bytes",
        label="HTTP/2 frame header (length, type, flags, stream identifier)",
        source_url="https://www.rfc-editor.org/rfc/rfc9113#section-4.1",
        source_title="RFC 9113: HTTP/2 (section 4.1, Frame Format)",
        as_of=date(2022, 6, 1),
        checked_on=READ_ON,
        note="Every DATA frame carrying an event pays it once. Header compression (HPACK) "
        "is not modelled.",
    ),
    Constant(
        key="tls13_record_header_bytes",
        value=5,
        unit="bytes",
        label="TLS 1.3 record header (type, legacy version, length)",
        source_url=RFC8446_URL,
        source_title=RFC8446_TITLE,
        as_of=RFC8446_DATE,
        checked_on=READ_ON,
        note="Sent in clear in front of every encrypted record.",
    ),
    Constant(
        key="tls13_content_type_bytes",
        value=1,
        unit="bytes",
        label="TLS 1.3 inner content type byte inside each encrypted record",
        source_url=RFC8446_URL,
        source_title=RFC8446_TITLE,
        as_of=RFC8446_DATE,
        checked_on=READ_ON,
        note="No padding assumed (padding is optional and usually absent).",
    ),
    Constant(
        key="tls13_aead_tag_bytes",
        value=16,
        unit="bytes",
        label="Authentication tag per TLS 1.3 record (AES-GCM, ChaCha20-Poly1305)",
        source_url=RFC8446_URL,
        source_title=RFC8446_TITLE,
        as_of=RFC8446_DATE,
        checked_on=READ_ON,
        note="The tag size of the mandatory and common AEAD cipher suites.",
    ),
    Constant(
        key="tls13_max_record_plaintext_bytes",
        value=16384,
        unit="bytes",
        label="Largest plaintext one TLS 1.3 record may carry",
        source_url=RFC8446_URL,
        source_title=RFC8446_TITLE,
        as_of=RFC8446_DATE,
        checked_on=READ_ON,
        note="An event larger than this spans two records; token events never come close.",
    ),
    Constant(
        key="zlib_default_compression_level",
        value=6,
        unit="level",
        label="zlib default compression level (Z_DEFAULT_COMPRESSION)",
        source_url="https://www.zlib.net/manual.html",
        source_title="zlib Manual (deflateInit, deflateInit2)",
        as_of=READ_ON,
        note="Used for the gzip ratios of SSE streams. " + READ_NOTE,
    ),
    Constant(
        key="zlib_default_window_bits",
        value=15,
        unit="bits",
        label="zlib default window size (base-2 logarithm, 32 KiB window)",
        source_url="https://www.zlib.net/manual.html",
        source_title="zlib Manual (deflateInit, deflateInit2)",
        as_of=READ_ON,
        note="gzip adds 16 to select its wrapper. " + READ_NOTE,
    ),
    Constant(
        key="zlib_default_mem_level",
        value=8,
        unit="level",
        label="zlib default memory level",
        source_url="https://www.zlib.net/manual.html",
        source_title="zlib Manual (deflateInit, deflateInit2)",
        as_of=READ_ON,
        note=READ_NOTE,
    ),
    Constant(
        key="websockets_deflate_window_bits",
        value=12,
        unit="bits",
        label="Window size websockets negotiates for per-message deflate by default",
        source_url=WEBSOCKETS_DEFLATE_URL,
        source_title=WEBSOCKETS_DEFLATE_TITLE,
        as_of=READ_ON,
        note="server_max_window_bits and client_max_window_bits in websockets 17.4; smaller "
        "than zlib's default to save memory per connection. " + READ_NOTE,
    ),
    Constant(
        key="websockets_deflate_mem_level",
        value=5,
        unit="level",
        label="Memory level websockets uses for per-message deflate by default",
        source_url=WEBSOCKETS_DEFLATE_URL,
        source_title=WEBSOCKETS_DEFLATE_TITLE,
        as_of=READ_ON,
        note="compress_settings memLevel in websockets 17.4. " + READ_NOTE,
    ),
    Constant(
        key="browser_http1_connections_per_host",
        value=6,
        unit="connections",
        label="Open EventSource connections per browser and host over HTTP/1.1",
        source_url=MDN_EVENTSOURCE_URL,
        source_title=MDN_EVENTSOURCE_TITLE,
        as_of=READ_ON,
        note="Shared by all tabs; marked Won't fix in Chrome and Firefox. Over HTTP/2 the "
        "limit is negotiated per connection (100 streams by default). " + READ_NOTE,
    ),
    Constant(
        key="http2_default_concurrent_streams",
        value=100,
        unit="streams",
        label="Concurrent HTTP/2 streams a browser may open on one connection (typical)",
        source_url=MDN_EVENTSOURCE_URL,
        source_title=MDN_EVENTSOURCE_TITLE,
        as_of=READ_ON,
        note="MDN: negotiated between server and client, default 100. " + READ_NOTE,
    ),
    Constant(
        key="sse_keepalive_interval_seconds",
        value=15,
        unit="seconds",
        label="Keep-alive comment interval suggested by the SSE specification",
        source_url=WHATWG_SSE_URL,
        source_title=WHATWG_SSE_TITLE,
        as_of=READ_ON,
        note="The spec suggests a comment line about every 15 seconds to keep proxies from "
        "closing an idle stream. " + READ_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="nginx_proxy_read_timeout_seconds",
        value=60,
        unit="seconds",
        label="nginx proxy_read_timeout default: idle time between two reads from upstream",
        source_url=NGINX_PROXY_URL,
        source_title=NGINX_PROXY_TITLE,
        as_of=READ_ON,
        note="The same 60-second default is common on cloud load balancers (AWS ALB idle "
        "timeout). " + READ_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="aws_alb_idle_timeout_seconds",
        value=60,
        unit="seconds",
        label="AWS Application Load Balancer default connection idle timeout",
        source_url=(
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
            "edit-load-balancer-attributes.html"
        ),
        source_title="AWS Elastic Load Balancing: Edit attributes for your Application Load "
        "Balancer (connection idle timeout)",
        as_of=READ_ON,
        note="Configurable from 1 to 4000 seconds. " + READ_NOTE,
        status="SECONDARY",
    ),
    Constant(
        key="ipv4_header_bytes",
        value=20,
        unit="bytes",
        label="IPv4 header without options",
        source_url="https://www.rfc-editor.org/rfc/rfc791#section-3.1",
        source_title="RFC 791: Internet Protocol (section 3.1, Internet Header Format)",
        as_of=date(1981, 9, 1),
        checked_on=READ_DEC,
        note="Five 32-bit words; IPv6 uses a 40-byte header instead.",
    ),
    Constant(
        key="tcp_header_bytes",
        value=20,
        unit="bytes",
        label="TCP header without options",
        source_url="https://www.rfc-editor.org/rfc/rfc9293#section-3.1",
        source_title="RFC 9293: Transmission Control Protocol (section 3.1, Header Format)",
        as_of=date(2022, 8, 1),
        checked_on=READ_DEC,
        note="Data offset of five 32-bit words.",
    ),
    Constant(
        key="tcp_timestamps_option_bytes",
        value=12,
        unit="bytes",
        label="TCP timestamps option on every segment, padded to a 32-bit boundary",
        source_url="https://www.rfc-editor.org/rfc/rfc7323#section-3.2",
        source_title="RFC 7323: TCP Extensions for High Performance (section 3.2, Timestamps "
        "Option)",
        as_of=date(2014, 9, 1),
        checked_on=READ_DEC,
        note="The option is 10 bytes; stacks such as Linux send it with two NOP bytes, so "
        "each segment carries 12 (with the IPv4 and TCP headers, 52 bytes).",
        status="DERIVED",
    ),
    Constant(
        key="ethernet_mtu_bytes",
        value=1500,
        unit="bytes",
        label="Ethernet MTU: largest IP packet in one frame",
        source_url="https://www.rfc-editor.org/rfc/rfc894",
        source_title="RFC 894: A Standard for the Transmission of IP Datagrams over Ethernet "
        "Networks",
        as_of=date(1984, 4, 1),
        checked_on=READ_DEC,
        note="The segment payload (MSS) is this minus the IP and TCP headers and options.",
    ),
    Constant(
        key="tcp_segments_per_ack",
        value=2,
        unit="segments",
        label="Segments acknowledged by one delayed ACK",
        source_url="https://www.rfc-editor.org/rfc/rfc5681#section-4.2",
        source_title="RFC 5681: TCP Congestion Control (section 4.2, Generating "
        "Acknowledgments)",
        as_of=date(2009, 9, 1),
        checked_on=READ_DEC,
        note="An ACK should be sent for at least every second full-sized segment; small "
        "segments may wait for the delayed-ACK timer instead, so one ACK per two segments is "
        "the assumption here, not a rule for small segments.",
        status="DERIVED",
    ),
    Constant(
        key="seconds_per_month",
        value=365.2425 / 12 * 86400,
        unit="seconds",
        label="Seconds in an average month (Gregorian year of 365.2425 days, divided by 12)",
        source_url="https://www.rfc-editor.org/rfc/rfc3339#appendix-C",
        source_title="RFC 3339: Date and Time on the Internet (Gregorian leap-year rule)",
        as_of=date(2002, 7, 1),
        checked_on=READ_DEC,
        note="Used to turn responses per month into an arrival rate for Little's law.",
        status="DERIVED",
    ),
    Constant(
        key="aws_internet_egress_usd_per_gb",
        value=0.09,
        unit="USD/GB",
        label="AWS data transfer out to the internet, first 10 TB a month (us-east-1)",
        source_url="https://aws.amazon.com/ec2/pricing/on-demand/",
        source_title="Amazon EC2 On-Demand Pricing: Data Transfer",
        as_of=READ_DEC,
        note="The first 100 GB a month are free and larger volumes are cheaper per GB; CDNs "
        "and other clouds differ. Read in secondary copies of the page; AWS may count a GB "
        "as 2^30 bytes, which would lower the cost by about 7%. " + READ_NOTE,
        status="SECONDARY",
    ),
)


@dataclass(frozen=True)
class Fixture:
    """One provider example event kept verbatim in ``calculators/data/fixtures/``."""

    key: str
    path: str
    label: str
    source_url: str
    source_title: str
    as_of: date
    note: str
    constructed: bool = False


_OPENAI_NOTE = (
    "Verbatim example line from the 2026 archived copy of the reference (model gpt-4o-mini); "
    "the page states no date. "
)
_ANTHROPIC_NOTE = (
    "Verbatim from the archived copy of the page (its example names "
    "claude-3-5-sonnet-20241022); the page states no date. "
)

OBSERVED_URL = "https://github.com/ENTERPILOT/GoModel/pull/46"
OBSERVED_TITLE = ("ENTERPILOT/GoModel pull request 46: contract test data "
                  "tests/contract/testdata/openai/chat_completion_stream.txt")
_OBSERVED_NOTE = (
    "Verbatim data line of a stream recorded from the OpenAI API on 2026-01-22 (model "
    "gpt-4o-mini-2024-07-18) and published as test data: a real id, the dated model name, "
    "service_tier, system_fingerprint and the obfuscation padding that is on by default."
)
RESPONSES_URL = "https://platform.openai.com/docs/api-reference/responses-streaming"
RESPONSES_TITLE = "OpenAI API reference: Responses streaming events"
_RESPONSES_NOTE = (
    "The reference's example event, field names and values verbatim, written as compact JSON "
    "behind an event line named after its type, as the API sends it; the page states no date. "
)
#: The events of one streamed Responses answer with one message, in order: file name, type.
RESPONSES_EVENTS: dict[str, str] = {
    "created": "created", "in_progress": "in_progress",
    "output_item_added": "output_item.added", "content_part_added": "content_part.added",
    "output_text_delta": "output_text.delta", "output_text_done": "output_text.done",
    "content_part_done": "content_part.done", "output_item_done": "output_item.done",
    "completed": "completed",
}

FIXTURES: dict[str, Fixture] = {
    f.key: f
    for f in (
        Fixture("openai_role", "openai/chunk_role.json", "OpenAI first chunk (role)",
                OPENAI_CHUNK_URL, OPENAI_CHUNK_TITLE, READ_ON, _OPENAI_NOTE),
        Fixture("openai_content", "openai/chunk_content.json",
                "OpenAI content chunk (\"Hello\")", OPENAI_CHUNK_URL, OPENAI_CHUNK_TITLE,
                READ_ON, _OPENAI_NOTE),
        Fixture("openai_finish", "openai/chunk_finish.json", "OpenAI final chunk (stop)",
                OPENAI_CHUNK_URL, OPENAI_CHUNK_TITLE, READ_ON, _OPENAI_NOTE),
        Fixture("openai_usage", "openai/chunk_usage.json",
                "OpenAI usage chunk (stream_options.include_usage)", OPENAI_CHUNK_URL,
                OPENAI_CHUNK_TITLE, READ_ON,
                "Constructed: the reference describes this chunk in words only (empty "
                "choices, usage totals, sent before the terminator). It is the content "
                "chunk's envelope with the documented non-streaming usage object.",
                constructed=True),
        Fixture("openai_done", "openai/done.sse", "OpenAI stream terminator",
                OPENAI_CHUNK_URL, OPENAI_CHUNK_TITLE, READ_ON, _OPENAI_NOTE),
        Fixture("anthropic_message_start", "anthropic/message_start.sse",
                "Anthropic message_start", ANTHROPIC_STREAMING_URL,
                ANTHROPIC_STREAMING_TITLE, READ_ON, _ANTHROPIC_NOTE),
        Fixture("anthropic_content_block_start", "anthropic/content_block_start.sse",
                "Anthropic content_block_start", ANTHROPIC_STREAMING_URL,
                ANTHROPIC_STREAMING_TITLE, READ_ON, _ANTHROPIC_NOTE),
        Fixture("anthropic_ping", "anthropic/ping.sse", "Anthropic ping",
                ANTHROPIC_STREAMING_URL, ANTHROPIC_STREAMING_TITLE, READ_ON, _ANTHROPIC_NOTE),
        Fixture("anthropic_delta", "anthropic/content_block_delta.sse",
                "Anthropic text delta (\"ello frien\", as the Text delta example prints it: "
                "spaces after colons and some commas)", ANTHROPIC_STREAMING_URL,
                ANTHROPIC_STREAMING_TITLE, READ_ON, _ANTHROPIC_NOTE),
        Fixture("anthropic_delta_compact", "anthropic/content_block_delta_compact.sse",
                "Anthropic text delta (\" weather\", compact JSON as the tool-use example "
                "prints it)",
                ANTHROPIC_STREAMING_URL, ANTHROPIC_STREAMING_TITLE, READ_ON, _ANTHROPIC_NOTE),
        Fixture("anthropic_content_block_stop", "anthropic/content_block_stop.sse",
                "Anthropic content_block_stop", ANTHROPIC_STREAMING_URL,
                ANTHROPIC_STREAMING_TITLE, READ_ON, _ANTHROPIC_NOTE),
        Fixture("anthropic_message_delta", "anthropic/message_delta.sse",
                "Anthropic message_delta (stop reason, usage)", ANTHROPIC_STREAMING_URL,
                ANTHROPIC_STREAMING_TITLE, READ_ON, _ANTHROPIC_NOTE),
        Fixture("anthropic_message_stop", "anthropic/message_stop.sse",
                "Anthropic message_stop", ANTHROPIC_STREAMING_URL, ANTHROPIC_STREAMING_TITLE,
                READ_ON, _ANTHROPIC_NOTE),
        *(Fixture(f"openai_observed_{i}", f"openai_observed/chunk_content_{i}.json",
                  f"OpenAI content chunk captured from the API ({text})", OBSERVED_URL,
                  OBSERVED_TITLE, date(2026, 1, 22), _OBSERVED_NOTE)
          for i, text in enumerate(("\"Hello\"", "\",\"", "\" World\"", "\"!\""), start=1)),
        *(Fixture(f"responses_{name}", f"openai_responses/{name}.sse",
                  f"OpenAI Responses response.{event}",
                  RESPONSES_URL, RESPONSES_TITLE, READ_DEC, _RESPONSES_NOTE)
          for name, event in RESPONSES_EVENTS.items()),
    )
}

#: Text written for this project; its words (with their leading spaces) stand in for tokens
#: when a stream is generated for the compression measurement and the loopback test.
SAMPLE_TEXT = (
    "A streamed answer reaches the reader one small event at a time. Each event repeats "
    "the same envelope: an identifier, a timestamp, the model name and a few nested fields, "
    "and only a handful of bytes inside it are the text the reader wanted. That is why a "
    "short reply can cost many times its own size on the wire, and why compression, which "
    "removes repetition, helps so much more here than it does for ordinary prose. The "
    "transport adds its own layers around every event: the field names of server-sent "
    "events, the length prefix of chunked transfer coding or an HTTP/2 frame header, and "
    "the header and tag of the encrypted record that carries it. A WebSocket replaces those "
    "with a frame header of two to fourteen bytes, but the server still decides what JSON "
    "to put inside. Before choosing one, count what crosses the network for the responses "
    "you actually serve, at the token rate your model produces, for every stream that is "
    "open at the busiest minute of the day, and compare that with what your proxies, your "
    "load balancers and your bill allow."
)


@dataclass(frozen=True)
class TransportFact:
    """One row of the SSE / WebSocket / long-polling decision table, with its source.

    Cell texts may name constants as ``{key}``; :mod:`calculators.framing` fills them in.
    """

    key: str
    topic: str
    sse: str
    websocket: str
    long_polling: str
    websocket_wins_when: str
    source_url: str
    source_title: str
    as_of: date
    constant_keys: tuple[str, ...] = ()


TRANSPORT_FACTS: tuple[TransportFact, ...] = (
    TransportFact(
        "direction", "Direction",
        "Server to client only; the client talks back with ordinary requests.",
        "Both ways on one connection, at any time.",
        "Server to client, one batch per request.",
        "The client must interrupt or steer the answer mid-stream (voice, live "
        "collaboration).",
        WHATWG_SSE_URL, WHATWG_SSE_TITLE, READ_ON,
    ),
    TransportFact(
        "reconnection", "Reconnection",
        "EventSource reconnects and sends Last-Event-ID, but it can only GET without a body, "
        "so it cannot call a POST chat endpoint, and the providers' chat streams carry no id "
        "fields. In practice a broken stream is a new request: retry it in full (and pay "
        "again), or resume from events your own server stored.",
        "Nothing built in: the application reconnects and resynchronises itself.",
        "Each poll is a new request, so a lost one is retried.",
        "Never for this reason alone.",
        WHATWG_SSE_URL, WHATWG_SSE_TITLE, READ_ON,
    ),
    TransportFact(
        "proxies", "Proxies and idle timeouts",
        "Plain HTTP, but buffering proxies hold events back (nginx buffers by default; "
        "send X-Accel-Buffering: no) and idle timeouts of about "
        "{nginx_proxy_read_timeout_seconds} seconds close quiet streams.",
        "Needs the Upgrade handshake to pass every hop; the same idle timeouts apply.",
        "Ordinary requests pass every proxy; each poll must finish before the timeout.",
        "All hops are yours and are known to pass the Upgrade handshake.",
        NGINX_PROXY_URL, NGINX_PROXY_TITLE, READ_ON, ("nginx_proxy_read_timeout_seconds",),
    ),
    TransportFact(
        "multiplexing", "HTTP/2 multiplexing",
        "Each stream is one HTTP/2 stream; many share one TCP connection.",
        "Classic WebSocket takes a whole HTTP/1.1 connection (RFC 8441 bootstraps it over "
        "HTTP/2 where both ends support it).",
        "Each poll is one HTTP/2 stream.",
        "Never for this reason.",
        "https://www.rfc-editor.org/rfc/rfc8441", "RFC 8441: Bootstrapping WebSockets with "
        "HTTP/2", date(2018, 9, 1),
    ),
    TransportFact(
        "browser_limits", "Browser connection limits",
        "Over HTTP/1.1 a browser keeps at most {browser_http1_connections_per_host} "
        "EventSource connections per host across all tabs; over HTTP/2 about "
        "{http2_default_concurrent_streams} streams share one connection.",
        "Not subject to the HTTP/1.1 per-host pool limit of EventSource.",
        "Each pending poll holds a connection from the same pool.",
        "Many tabs stream at once and the server cannot offer HTTP/2.",
        MDN_EVENTSOURCE_URL, MDN_EVENTSOURCE_TITLE, READ_ON,
        ("browser_http1_connections_per_host", "http2_default_concurrent_streams"),
    ),
    TransportFact(
        "auth_headers", "Setting auth headers",
        "The browser EventSource API cannot set request headers; use fetch() with a "
        "streamed body, or a cookie.",
        "The browser WebSocket API cannot set request headers either; use a cookie, a "
        "subprotocol or a token in the first message.",
        "Any header, through fetch().",
        "Never for this reason.",
        "https://developer.mozilla.org/en-US/docs/Web/API/EventSource/EventSource",
        "MDN Web Docs: EventSource() constructor (its only option is withCredentials)", READ_ON,
    ),
    TransportFact(
        "backpressure", "Back-pressure",
        "Nothing at the application level; TCP flow control stalls the server's writes when "
        "the client stops reading.",
        "Nothing for incoming messages in the browser API: they queue in memory; "
        "bufferedAmount only counts what the page has yet to send.",
        "The client pulls, so it never receives more than it asked for.",
        "Never for this reason.",
        "https://developer.mozilla.org/en-US/docs/Web/API/WebSocket/bufferedAmount",
        "MDN Web Docs: WebSocket.bufferedAmount", READ_ON,
    ),
    TransportFact(
        "realtime_openai", "Realtime voice, OpenAI",
        "Not offered: the Realtime API has no SSE transport.",
        "The Realtime API takes a WebSocket from servers; from browsers and phones OpenAI "
        "recommends WebRTC instead.",
        "Not offered.",
        "Always for OpenAI's Realtime API (or WebRTC in the browser).",
        "https://platform.openai.com/docs/guides/realtime-webrtc",
        "OpenAI docs: Realtime API with WebRTC (connection methods)", READ_DEC,
    ),
    TransportFact(
        "realtime_gemini", "Realtime voice, Gemini Live",
        "Not offered: the Live API has no SSE transport.",
        "The Live API is a stateful WebSocket session carrying audio, video and text.",
        "Not offered.",
        "Always for Gemini's Live API.",
        "https://ai.google.dev/gemini-api/docs/live-api/get-started-websocket",
        "Google AI for Developers: Get started with Gemini Live API using WebSockets",
        READ_DEC,
    ),
)
