"""The client's side of a request's latency: connection set-up and the request upload.

On a new connection the client pays a DNS lookup and ``k`` round trips of TCP and TLS set-up
before it may send the request; on a reused (keep-alive or HTTP/2) connection it pays neither.
Sending the request then takes its serialisation time plus the extra round trips TCP slow
start needs when the request does not fit in the first flight of a new connection:

    k        = TCP round trips + TLS round trips       (0 when reused)
    t_upload = 8 * B_request / bandwidth + extra_flights * RTT

Units: seconds [s], bytes [B], bits per second [bit/s].
Assumptions: no TCP Fast Open, no TLS 0-RTT or session resumption; the congestion window
starts at ``tcp_initial_window_segments`` and doubles every round trip.
References: RFC 9293 (TCP), RFC 8446 (TLS 1.3), RFC 5246 (TLS 1.2), RFC 6928 (initial window),
RFC 894 (Ethernet MTU).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.data import constant
from calculators.fields import require_choice

__all__ = [
    "CONNECTIONS",
    "ClientSide",
    "client_side",
    "connect_round_trips",
    "slow_start_round_trips",
]

#: Connection set-up choices: label shown to the reader.
CONNECTIONS: tuple[tuple[str, str], ...] = (
    ("reused", "Reused connection (keep-alive or HTTP/2)"),
    ("new-tls13", "New connection, TCP + TLS 1.3"),
    ("new-tls12", "New connection, TCP + TLS 1.2"),
)


def connect_round_trips(connection: str) -> int:
    """Round trips of TCP and TLS set-up before the request can be sent."""
    require_choice("connection", connection, CONNECTIONS)
    if connection == "reused":
        return 0
    tls = {"new-tls13": "tls13", "new-tls12": "tls12"}[connection]
    return (int(constant("tcp_handshake_round_trips").value)
            + int(constant(f"{tls}_handshake_round_trips").value))


def slow_start_round_trips(request_bytes: float) -> int:
    """Extra round trips TCP slow start adds to send ``request_bytes`` on a new connection.

    The congestion window starts at ``tcp_initial_window_segments`` and doubles each round
    trip; the first flight is part of the request's own round trip, so only the extra
    flights count. Integer arithmetic keeps the JavaScript twin exact.
    """
    mss = int(constant("tcp_max_segment_bytes").value)
    window = int(constant("tcp_initial_window_segments").value)
    segments = max(1, math.ceil(request_bytes / mss))
    sent = 0
    flights = 0
    while sent < segments:
        sent += window
        window *= 2
        flights += 1
    return flights - 1


@dataclass(frozen=True)
class ClientSide:
    """What the client spends before its request has reached the API [s, B, round trips]."""

    request_bytes: float
    connect_round_trips: int
    slow_start_round_trips: int
    dns_lookup_seconds: float
    connect_seconds: float
    upload_seconds: float


def client_side(
    *,
    prompt_tokens: int,
    connection: str,
    dns_seconds: float,
    rtt_seconds: float,
    upload_bits_per_second: float,
) -> ClientSide:
    """DNS, TCP and TLS set-up and upload of a prompt of ``prompt_tokens`` English tokens.

    The request body counts ``openai_english_chars_per_token`` characters per token at one
    UTF-8 byte each; DNS and slow start apply only to a new connection.
    """
    request_bytes = prompt_tokens * constant("openai_english_chars_per_token").value
    rounds = connect_round_trips(connection)
    new = connection != "reused"
    extra = slow_start_round_trips(request_bytes) if new else 0
    return ClientSide(
        request_bytes=request_bytes,
        connect_round_trips=rounds,
        slow_start_round_trips=extra,
        dns_lookup_seconds=dns_seconds if new else 0.0,
        connect_seconds=rounds * rtt_seconds,
        upload_seconds=request_bytes * 8 / upload_bits_per_second + extra * rtt_seconds,
    )
