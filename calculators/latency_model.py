"""Time to first token and end-to-end time of one streamed request, as the client sees it.

Time to first token (TTFT) as the client measures it is the sum of

    TTFT = t_dns + k_connect * RTT + t_upload + RTT + t_gateway + t_queue + t_prefill + TPOT

with the connection set-up and upload of :mod:`calculators.latency_network`, one RTT for the
request to reach the API and the first token to come back, ``t_prefill = uncached prompt
tokens / prefill rate`` and one decode step for the first token. The remaining ``N - 1``
tokens arrive one decode step (TPOT) apart:

    E2E = TTFT + (N - 1) * TPOT          (GenAI-Perf / vLLM convention; TTFT includes token 1)
    E2E' = TTFT + N * TPOT               (Databricks convention; one TPOT longer)

Units: seconds [s], bytes [B], bits per second [bit/s], tokens.
Assumptions: one request, median case (percentiles do not add), a steady decode rate.
References: Databricks "Conduct your own LLM endpoint benchmarking"; NVIDIA GenAI-Perf
metric definitions.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.data import constant
from calculators.fields import require_range
from calculators.latency_network import client_side, connect_round_trips

__all__ = ["LatencyBudget", "MAX_TOKENS", "latency_budget"]

MAX_TOKENS = 2_000_000


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
    client = client_side(
        prompt_tokens=prompt_tokens,
        connection=connection,
        dns_seconds=dns_seconds,
        rtt_seconds=rtt_seconds,
        upload_bits_per_second=upload_bits_per_second,
    )
    dns = client.dns_lookup_seconds
    connect = client.connect_seconds
    upload = client.upload_seconds
    prefill = uncached / prefill_tokens_per_second
    ttft = (
        dns + connect + upload + rtt_seconds + gateway_seconds + queue_seconds + prefill
        + tpot_seconds
    )
    decode = (output_tokens - 1) * tpot_seconds
    return {
        "uncached": uncached,
        "request_bytes": client.request_bytes,
        "rounds": client.connect_round_trips,
        "extra": client.slow_start_round_trips,
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
        raise ValueError(
            "Cached prompt tokens (cached_prompt_tokens) must not exceed the prompt "
            f"({prompt_tokens:,} tokens); got {cached_prompt_tokens:,}."
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
