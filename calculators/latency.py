"""What a client of a hosted LLM API waits for: time to first token and end-to-end time.

Time to first token (TTFT) as the client measures it is the sum of

    TTFT = t_dns + k_connect * RTT + t_upload + RTT + t_gateway + t_queue + t_prefill + TPOT

with ``k_connect`` round trips of TCP and TLS set-up on a new connection (zero on a reused
one), ``t_upload = 8 * B_request / bandwidth`` plus the extra round trips TCP slow start needs
on a new connection, one RTT for the request to reach the API and the first token to come back,
``t_prefill = uncached prompt tokens / prefill rate`` and one decode step for the first token.
The remaining ``N - 1`` tokens arrive one decode step (TPOT) apart:

    E2E = TTFT + (N - 1) * TPOT          (GenAI-Perf / vLLM convention; TTFT includes token 1)
    E2E' = TTFT + N * TPOT               (Databricks convention; one TPOT longer)

Units: seconds [s], bytes [B], bits per second [bit/s], tokens.
Assumptions: one request, median case (percentiles do not add), a steady decode rate, English
text at ``openai_english_chars_per_token`` characters per token, one UTF-8 byte each, for the
upload; no TCP Fast Open or TLS 0-RTT.
References: RFC 9293, RFC 8446, RFC 5246, RFC 6928; Databricks "Conduct your own LLM endpoint
benchmarking"; NVIDIA GenAI-Perf metric definitions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.data import constant
from calculators.fields import Field, InputError, require_range
from calculators.registry import (
    Calculator,
    Invariants,
    Output,
    ReferenceCheck,
    reference_check,
    register,
    register_check,
    register_table,
)

__all__ = [
    "CONNECTIONS",
    "LatencyBudget",
    "SCENARIOS",
    "connect_round_trips",
    "latency_budget",
    "slow_start_round_trips",
]

#: Connection set-up choices: label shown to the reader.
CONNECTIONS: tuple[tuple[str, str], ...] = (
    ("reused", "Reused connection (keep-alive or HTTP/2)"),
    ("new-tls13", "New connection, TCP + TLS 1.3"),
    ("new-tls12", "New connection, TCP + TLS 1.2"),
)

MAX_TOKENS = 2_000_000


def connect_round_trips(connection: str) -> int:
    """Round trips of TCP and TLS set-up before the request can be sent."""
    tcp = int(constant("tcp_handshake_round_trips").value)
    if connection == "reused":
        return 0
    if connection == "new-tls13":
        return tcp + int(constant("tls13_handshake_round_trips").value)
    if connection == "new-tls12":
        return tcp + int(constant("tls12_handshake_round_trips").value)
    allowed = ", ".join(value for value, _ in CONNECTIONS)
    raise ValueError(f"connection must be one of: {allowed}; got {connection!r}.")


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
class LatencyBudget:
    """Every component of one request's latency, with the inputs that produced it."""

    prompt_tokens: int
    cached_prompt_tokens: int
    output_tokens: int
    connection: str
    dns_seconds: float
    rtt_seconds: float
    upload_bits_per_second: float
    gateway_seconds: float
    queue_seconds: float
    prefill_tokens_per_second: float
    tpot_seconds: float
    # intermediate values
    uncached_prompt_tokens: int
    request_bytes: float
    connect_round_trips: int
    slow_start_round_trips: int
    # components of time to first token [s]
    dns_lookup_seconds: float
    connect_seconds: float
    upload_seconds: float
    network_seconds: float
    prefill_seconds: float
    first_decode_seconds: float
    setup_and_network_seconds: float
    server_wait_seconds: float
    ttft_seconds: float
    # after the first token [s]
    decode_tokens: int
    decode_seconds: float
    e2e_seconds: float
    e2e_databricks_seconds: float
    output_tokens_per_second: float
    reading_words_per_minute: float
    # shares of the end-to-end time [0-1]
    setup_share_ratio: float
    network_share_ratio: float
    server_wait_share_ratio: float
    prefill_share_ratio: float
    decode_share_ratio: float
    ttft_share_ratio: float
    # levers: the same request with half the output or half the prompt
    half_output_e2e_seconds: float
    half_prompt_e2e_seconds: float
    half_output_saving_ratio: float
    half_prompt_saving_ratio: float

    @property
    def ttft_components(self) -> tuple[tuple[str, str, float], ...]:
        """(key, label, seconds) of the time to first token only."""
        return self.components[:-1]

    @property
    def components(self) -> tuple[tuple[str, str, float], ...]:
        """(key, label, seconds) in the order the time is spent, end to end."""
        return (
            ("dns", "DNS lookup", self.dns_lookup_seconds),
            ("connect", "TCP and TLS set-up", self.connect_seconds),
            ("upload", "Request upload", self.upload_seconds),
            ("network", "Network round trip", self.network_seconds),
            ("gateway", "Gateway and auth", self.gateway_seconds),
            ("queue", "Queueing", self.queue_seconds),
            ("prefill", "Prefill", self.prefill_seconds),
            ("first_decode", "First token decode", self.first_decode_seconds),
            ("decode", "Remaining tokens", self.decode_seconds),
        )


def _e2e(
    *,
    prompt_tokens: int,
    cached_prompt_tokens: int,
    output_tokens: int,
    connection: str,
    dns_seconds: float,
    rtt_seconds: float,
    upload_bits_per_second: float,
    gateway_seconds: float,
    queue_seconds: float,
    prefill_tokens_per_second: float,
    tpot_seconds: float,
) -> dict[str, float]:
    """The core sums, shared by the budget and its what-if levers."""
    uncached = prompt_tokens - cached_prompt_tokens
    request_bytes = prompt_tokens * constant("openai_english_chars_per_token").value
    rounds = connect_round_trips(connection)
    new = connection != "reused"
    extra = slow_start_round_trips(request_bytes) if new else 0
    dns = dns_seconds if new else 0.0
    connect = rounds * rtt_seconds
    upload = request_bytes * 8 / upload_bits_per_second + extra * rtt_seconds
    prefill = uncached / prefill_tokens_per_second
    ttft = (
        dns + connect + upload + rtt_seconds + gateway_seconds + queue_seconds + prefill
        + tpot_seconds
    )
    decode = (output_tokens - 1) * tpot_seconds
    return {
        "uncached": uncached,
        "request_bytes": request_bytes,
        "rounds": rounds,
        "extra": extra,
        "dns": dns,
        "connect": connect,
        "upload": upload,
        "prefill": prefill,
        "ttft": ttft,
        "decode": decode,
        "e2e": ttft + decode,
    }


def latency_budget(
    *,
    prompt_tokens: int,
    cached_prompt_tokens: int,
    output_tokens: int,
    connection: str,
    dns_seconds: float,
    rtt_seconds: float,
    upload_bits_per_second: float,
    gateway_seconds: float,
    queue_seconds: float,
    prefill_tokens_per_second: float,
    tpot_seconds: float,
) -> LatencyBudget:
    """Time to first token and end-to-end time of one streamed request, seen by the client.

    Raises ``ValueError`` naming the field, its unit and its range for out-of-range input.
    """
    require_range("prompt_tokens", prompt_tokens, 0, MAX_TOKENS, "tokens")
    require_range("cached_prompt_tokens", cached_prompt_tokens, 0, MAX_TOKENS, "tokens")
    require_range("output_tokens", output_tokens, 1, MAX_TOKENS, "tokens")
    require_range("dns_seconds", dns_seconds, 0, 60, "seconds")
    require_range("rtt_seconds", rtt_seconds, 0, 60, "seconds")
    require_range("upload_bits_per_second", upload_bits_per_second, 1e3, 1e12, "bit/s")
    require_range("gateway_seconds", gateway_seconds, 0, 600, "seconds")
    require_range("queue_seconds", queue_seconds, 0, 600, "seconds")
    require_range("prefill_tokens_per_second", prefill_tokens_per_second, 1, 1e9, "tokens/s")
    require_range("tpot_seconds", tpot_seconds, 1e-4, 60, "seconds")
    connect_round_trips(connection)
    if cached_prompt_tokens > prompt_tokens:
        raise InputError(
            f"Cached prompt tokens must be from 0 to the prompt tokens ({prompt_tokens:,}); "
            f"got {cached_prompt_tokens:,}.",
            ("cached_prompt_tokens", "prompt_tokens"),
        )

    args = {
        "prompt_tokens": prompt_tokens,
        "cached_prompt_tokens": cached_prompt_tokens,
        "output_tokens": output_tokens,
        "connection": connection,
        "dns_seconds": dns_seconds,
        "rtt_seconds": rtt_seconds,
        "upload_bits_per_second": upload_bits_per_second,
        "gateway_seconds": gateway_seconds,
        "queue_seconds": queue_seconds,
        "prefill_tokens_per_second": prefill_tokens_per_second,
        "tpot_seconds": tpot_seconds,
    }
    core = _e2e(**args)
    half_prompt = prompt_tokens // 2
    half_output = _e2e(**{**args, "output_tokens": max(1, output_tokens // 2)})
    half_input = _e2e(
        **{
            **args,
            "prompt_tokens": half_prompt,
            "cached_prompt_tokens": min(cached_prompt_tokens, half_prompt),
        }
    )
    e2e = core["e2e"]
    tokens_per_second = 1 / tpot_seconds
    return LatencyBudget(
        **args,
        uncached_prompt_tokens=core["uncached"],
        request_bytes=core["request_bytes"],
        connect_round_trips=core["rounds"],
        slow_start_round_trips=core["extra"],
        dns_lookup_seconds=core["dns"],
        connect_seconds=core["connect"],
        upload_seconds=core["upload"],
        network_seconds=rtt_seconds,
        prefill_seconds=core["prefill"],
        first_decode_seconds=tpot_seconds,
        setup_and_network_seconds=core["dns"] + core["connect"] + core["upload"] + rtt_seconds,
        server_wait_seconds=gateway_seconds + queue_seconds,
        ttft_seconds=core["ttft"],
        decode_tokens=output_tokens - 1,
        decode_seconds=core["decode"],
        e2e_seconds=e2e,
        e2e_databricks_seconds=core["ttft"] + output_tokens * tpot_seconds,
        output_tokens_per_second=tokens_per_second,
        reading_words_per_minute=tokens_per_second * constant("words_per_token").value * 60,
        setup_share_ratio=(core["dns"] + core["connect"]) / e2e,
        network_share_ratio=(core["upload"] + rtt_seconds) / e2e,
        server_wait_share_ratio=(gateway_seconds + queue_seconds) / e2e,
        prefill_share_ratio=core["prefill"] / e2e,
        decode_share_ratio=(tpot_seconds + core["decode"]) / e2e,
        ttft_share_ratio=core["ttft"] / e2e,
        half_output_e2e_seconds=half_output["e2e"],
        half_prompt_e2e_seconds=half_input["e2e"],
        half_output_saving_ratio=1 - half_output["e2e"] / e2e,
        half_prompt_saving_ratio=1 - half_input["e2e"] / e2e,
    )


def reference_fastertransformer() -> LatencyBudget:
    """kipply's FasterTransformer benchmark replayed through the model (server-side only).

    No network, gateway or queue; the prefill rate is the measured 512 tokens in 63.17 ms,
    so the model's only prediction is the decode part: TTFT + (N - 1) * TPOT.
    """
    prompt = int(constant("kipply_13b_prompt_tokens").value)
    return latency_budget(
        prompt_tokens=prompt,
        cached_prompt_tokens=0,
        output_tokens=int(constant("kipply_13b_output_tokens").value),
        connection="reused",
        dns_seconds=0.0,
        rtt_seconds=0.0,
        upload_bits_per_second=1e12,
        gateway_seconds=0.0,
        queue_seconds=0.0,
        prefill_tokens_per_second=prompt / constant("kipply_13b_prefill_seconds").value,
        tpot_seconds=constant("kipply_13b_tpot_seconds").value,
    )


FIELDS: tuple[Field, ...] = (
    Field("prompt_tokens", "prompt_tokens", "Prompt tokens", "tokens", 2000, 0, MAX_TOKENS,
          1, integer=True, help="Everything sent: system prompt, history, retrieved text."),
    Field("cached_prompt_tokens", "cached_prompt_tokens", "Cached prompt tokens", "tokens", 0,
          0, MAX_TOKENS, 1, integer=True, help="Prefix the provider already holds in its cache."),
    Field("output_tokens", "output_tokens", "Output tokens", "tokens", 500, 1, MAX_TOKENS, 1,
          integer=True, help="Length of the answer."),
    Field("connection", "connection", "Connection", "choice", "new-tls13", choices=CONNECTIONS),
    Field("dns", "dns_seconds", "DNS lookup", "ms", 20, 0, 60_000, 1, scale=1000,
          help="Only on a new connection."),
    Field("rtt", "rtt_seconds", "Network round trip", "ms", 60, 0, 60_000, 1, scale=1000),
    Field("upload", "upload_bits_per_second", "Upload bandwidth", "Mbit/s", 20, 0.001,
          1_000_000, 0.1, scale=1e-6),
    Field("gateway", "gateway_seconds", "Gateway and auth", "ms", 30, 0, 600_000, 1,
          scale=1000),
    Field("queue", "queue_seconds", "Queueing", "ms", 100, 0, 600_000, 1, scale=1000),
    Field("prefill_rate", "prefill_tokens_per_second", "Prefill rate", "tokens/s", 8000, 1,
          1e9, 100),
    Field("tpot", "tpot_seconds", "Time per output token", "ms", 25, 0.1, 60_000, 0.1,
          scale=1000),
)

KIPPLY_CONSTANTS = (
    "kipply_13b_prompt_tokens",
    "kipply_13b_output_tokens",
    "kipply_13b_prefill_seconds",
    "kipply_13b_tpot_seconds",
    "kipply_13b_total_seconds",
)


def fastertransformer_check() -> ReferenceCheck:
    """Predicted vs measured total latency of kipply's FasterTransformer benchmark."""
    return reference_check(
        "fastertransformer",
        "13B model on one A100 40 GB, 512-token prompt, 10 output tokens (kipply)",
        reference_fastertransformer().e2e_seconds,
        constant("kipply_13b_total_seconds").value,
        "seconds",
        KIPPLY_CONSTANTS,
    )


#: Published latency targets: label -> (TTFT constant key, TPOT constant key).
SLO_TARGETS: dict[str, tuple[str, str]] = {
    "MLPerf Llama-2-70B interactive": (
        "mlperf_llama2_70b_interactive_ttft_seconds",
        "mlperf_llama2_70b_interactive_tpot_seconds",
    ),
    "MLPerf Llama-2-70B server": (
        "mlperf_llama2_70b_server_ttft_seconds",
        "mlperf_llama2_70b_server_tpot_seconds",
    ),
}


@dataclass(frozen=True)
class SloBudget:
    """The slowest answer that still meets a TTFT and TPOT target."""

    name: str
    ttft_seconds: float
    tpot_seconds: float
    output_tokens: int
    e2e_seconds: float
    e2e_databricks_seconds: float
    constants: tuple[str, ...]


def slo_budgets(output_tokens: int = 500) -> tuple[SloBudget, ...]:
    """E2E = TTFT + (N - 1) * TPOT (and + N * TPOT) at each published limit."""
    require_range("output_tokens", output_tokens, 1, MAX_TOKENS, "tokens")
    rows = []
    for name, (ttft_key, tpot_key) in SLO_TARGETS.items():
        ttft = constant(ttft_key).value
        tpot = constant(tpot_key).value
        rows.append(
            SloBudget(
                name, ttft, tpot, output_tokens, ttft + (output_tokens - 1) * tpot,
                ttft + output_tokens * tpot, (ttft_key, tpot_key),
            )
        )
    return tuple(rows)


#: Named request shapes the guide compares; inputs by field key, display units.
SCENARIOS: dict[str, dict[str, float | str]] = {
    "Short chat prompt": {"prompt_tokens": 500},
    "Long retrieval prompt": {"prompt_tokens": 30000},
    "Same prompt, mostly cached": {"prompt_tokens": 30000, "cached_prompt_tokens": 28000,
                                   "connection": "reused"},
}

#: Answer lengths for the end-to-end sweep [tokens].
OUTPUT_SWEEP: tuple[int, ...] = (50, 200, 500, 1000, 4000)

register(
    Calculator(
        name="latency_budget",
        title="Latency budget of one API request",
        summary="Time to first token and end-to-end time from network, queue, prefill and decode.",
        module="latency",
        function=latency_budget,
        fields=FIELDS,
        outputs=(
            Output("ttft_seconds", "Time to first token", "duration"),
            Output("e2e_seconds", "End to end, TTFT + (N − 1) × TPOT", "ms"),
            Output("e2e_databricks_seconds", "End to end, TTFT + N × TPOT", "ms"),
            Output("output_tokens_per_second", "Output speed", "tokens_per_second"),
            Output("reading_words_per_minute", "Reading speed", "words_per_minute"),
            Output("prefill_seconds", "Prefill", "duration"),
            Output("setup_share_ratio", "Share: connection set-up", "percent"),
            Output("network_share_ratio", "Share: network and upload", "percent"),
            Output("server_wait_share_ratio", "Share: gateway and queue", "percent"),
            Output("prefill_share_ratio", "Share: prefill", "percent"),
            Output("decode_share_ratio", "Share: decoding", "percent"),
            Output("half_output_saving_ratio", "Saved by halving the output", "percent"),
            Output("half_prompt_saving_ratio", "Saved by halving the prompt", "percent"),
        ),
        scenarios=SCENARIOS,
        sweeps={"output_tokens": OUTPUT_SWEEP},
        cases={
            "one output token": {"output_tokens": 1},
            "reused connection skips DNS": {"connection": "reused", "dns": 500},
            "TLS 1.2 adds a round trip": {"connection": "new-tls12"},
            "slow start on a long prompt": {"prompt_tokens": 100000, "upload": 5},
            "fully cached prompt": {"prompt_tokens": 4000, "cached_prompt_tokens": 4000},
            "zero network": {"rtt": 0, "dns": 0, "gateway": 0, "queue": 0},
            "string inputs as typed": {"rtt": " 45.5 ", "output_tokens": "800"},
            "bad: negative round trip": {"rtt": -5},
            "bad: text for a number": {"tpot": "fast"},
            "bad: empty field": {"prompt_tokens": ""},
            "bad: fractional tokens": {"output_tokens": 12.5},
            "bad: NaN typed": {"queue": "NaN"},
            "bad: Infinity typed": {"prefill_rate": "Infinity"},
            "bad: hex number": {"rtt": "0x10"},
            "bad: zero output tokens": {"output_tokens": 0},
            "bad: unknown connection": {"connection": "carrier-pigeon"},
            "bad: cache larger than prompt": {"prompt_tokens": 100, "cached_prompt_tokens": 200},
            "bad: unknown input": {"latency": 5},
            "typed as printed, thousands separators": {"prompt_tokens": "30,000"},
            "choice with spaces around it": {"connection": " reused "},
            "bad: Arabic-Indic digits": {"prompt_tokens": "\u0661\u0662\u0663"},
            "bad: fullwidth digit": {"rtt": "\uff15"},
            "bad: byte order mark": {"rtt": "\ufeff5"},
            "bad: newline inside": {"rtt": "1\n2"},
        },
        invariants=Invariants(breakdowns=(
            ("setup_share_ratio", "network_share_ratio", "server_wait_share_ratio",
             "prefill_share_ratio", "decode_share_ratio"),
        )),
        constants=(
            "tcp_handshake_round_trips",
            "tls13_handshake_round_trips",
            "tls12_handshake_round_trips",
            "tcp_initial_window_segments",
            "tcp_max_segment_bytes",
            "openai_english_chars_per_token",
            "words_per_token",
        ),
    )
)

register_check("fastertransformer", fastertransformer_check)
register_table("slo_budgets", slo_budgets)
