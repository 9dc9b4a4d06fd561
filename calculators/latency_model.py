"""Time to first token and end-to-end time of one streamed request, as the client sees it.

Time to first visible token (TTFT) as the client measures it is the sum of

    TTFT = t_dns + k_connect * RTT + t_upload + RTT + t_gateway + t_queue + t_prefill
           + (s + R) * TPOT

with the connection set-up and upload of :mod:`calculators.latency_network`, one RTT for the
request to reach the API and the first token to come back, ``t_prefill = max(uncached prompt
tokens, 1) / prefill rate`` (a fully cached prompt still recomputes its last token to get the
first token's logits, as vLLM's prefix cache does), ``s`` decode steps between the end of prefill and the first token
(0 where the engine samples the first token from the prefill pass, as vLLM and TensorRT-LLM
do; 1 where it runs a decode step first, as kipply's FasterTransformer figures add up) and
``R`` hidden reasoning tokens, decoded and billed but not streamed. The remaining ``N - 1``
visible tokens arrive one decode step (TPOT) apart:

    E2E = TTFT + (N - 1) * TPOT          (GenAI-Perf / vLLM convention; TTFT includes token 1)
    E2E' = TTFT + N * TPOT               (Databricks convention; one TPOT longer)
    billed output tokens = R + N

Units: seconds [s], bytes [B], bits per second [bit/s], tokens.
Assumptions: one request, median case (percentiles do not add), a steady decode rate that
reasoning tokens share.
References: vLLM metrics design (interval calculations); TensorRT-LLM disaggregated serving
blog; Databricks "Conduct your own LLM endpoint benchmarking"; NVIDIA GenAI-Perf metrics.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.data import constant
from calculators.fields import InputError, require_choice, require_range
from calculators.latency_network import client_side, connect_round_trips

__all__ = [
    "FIRST_TOKEN",
    "LatencyBudget",
    "MAX_TOKENS",
    "first_token_decode_steps",
    "latency_budget",
]

MAX_TOKENS = 2_000_000

#: Where the first token comes from: label shown to the reader.
FIRST_TOKEN: tuple[tuple[str, str], ...] = (
    ("prefill", "Sampled from the prefill pass (vLLM, TensorRT-LLM)"),
    ("decode-step", "One decode step after prefill (FasterTransformer)"),
)


def first_token_decode_steps(first_token: str) -> int:
    """Decode steps between the end of prefill and the first output token."""
    require_choice("first_token", first_token, FIRST_TOKEN)
    if first_token == "prefill":
        return int(constant("vllm_first_token_decode_steps").value)
    return 1


@dataclass(frozen=True)
class LatencyBudget:
    """Every component of one request's latency, with the inputs that produced it."""

    prompt_tokens: int
    cached_prompt_tokens: int
    output_tokens: int
    reasoning_tokens: int
    connection: str
    first_token: str
    dns_seconds: float
    rtt_seconds: float
    upload_bits_per_second: float
    gateway_seconds: float
    queue_seconds: float
    prefill_tokens_per_second: float
    tpot_seconds: float
    # intermediate values
    uncached_prompt_tokens: int
    prefill_tokens: int
    request_bytes: float
    connect_round_trips: int
    slow_start_round_trips: int
    first_token_decode_steps: int
    billed_output_tokens: int
    # components of time to first visible token [s]
    dns_lookup_seconds: float
    connect_seconds: float
    upload_seconds: float
    network_seconds: float
    prefill_seconds: float
    reasoning_seconds: float
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
    reasoning_share_ratio: float
    decode_share_ratio: float
    ttft_share_ratio: float
    # levers: the same request with half the output, half the prompt, a reused connection
    half_output_e2e_seconds: float
    half_prompt_e2e_seconds: float
    half_output_saving_ratio: float
    half_prompt_saving_ratio: float
    reused_connection_ttft_seconds: float
    reused_connection_saving_seconds: float

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
            ("reasoning", "Hidden reasoning", self.reasoning_seconds),
            ("first_decode", "First token decode", self.first_decode_seconds),
            ("decode", "Remaining tokens", self.decode_seconds),
        )


def _e2e(a: dict[str, int | float | str]) -> dict[str, float]:
    """The core sums, shared by the budget and its what-if levers (``a``: the inputs)."""
    rtt = float(a["rtt_seconds"])
    tpot = float(a["tpot_seconds"])
    client = client_side(
        prompt_tokens=int(a["prompt_tokens"]),
        connection=str(a["connection"]),
        dns_seconds=float(a["dns_seconds"]),
        rtt_seconds=rtt,
        upload_bits_per_second=float(a["upload_bits_per_second"]),
    )
    uncached = int(a["prompt_tokens"]) - int(a["cached_prompt_tokens"])
    computed = max(uncached, int(constant("vllm_min_recomputed_prompt_tokens").value))
    prefill = computed / float(a["prefill_tokens_per_second"])
    steps = first_token_decode_steps(str(a["first_token"]))
    reasoning = int(a["reasoning_tokens"]) * tpot
    first_decode = steps * tpot
    ttft = (
        client.dns_lookup_seconds + client.connect_seconds + client.upload_seconds + rtt
        + float(a["gateway_seconds"]) + float(a["queue_seconds"]) + prefill + reasoning
        + first_decode
    )
    decode = (int(a["output_tokens"]) - 1) * tpot
    return {
        "uncached": uncached,
        "computed": computed,
        "client": client,
        "prefill": prefill,
        "steps": steps,
        "reasoning": reasoning,
        "first_decode": first_decode,
        "ttft": ttft,
        "decode": decode,
        "e2e": ttft + decode,
    }


#: The range of each numeric argument of :func:`latency_budget`: (low, high, unit).
_RANGES: dict[str, tuple[float, float, str]] = {
    "prompt_tokens": (0, MAX_TOKENS, "tokens"),
    "cached_prompt_tokens": (0, MAX_TOKENS, "tokens"),
    "output_tokens": (1, MAX_TOKENS, "tokens"),
    "reasoning_tokens": (0, MAX_TOKENS, "tokens"),
    "dns_seconds": (0, 60, "seconds"),
    "rtt_seconds": (0, 60, "seconds"),
    "upload_bits_per_second": (1e3, 1e12, "bit/s"),
    "gateway_seconds": (0, 600, "seconds"),
    "queue_seconds": (0, 600, "seconds"),
    "prefill_tokens_per_second": (1, 1e9, "tokens/s"),
    "tpot_seconds": (1e-4, 60, "seconds"),
}


def latency_budget(
    *,
    prompt_tokens: int,
    cached_prompt_tokens: int,
    output_tokens: int,
    reasoning_tokens: int,
    connection: str,
    first_token: str,
    dns_seconds: float,
    rtt_seconds: float,
    upload_bits_per_second: float,
    gateway_seconds: float,
    queue_seconds: float,
    prefill_tokens_per_second: float,
    tpot_seconds: float,
) -> LatencyBudget:
    """Time to first visible token and end-to-end time of one streamed request.

    Raises ``ValueError`` naming the field, its unit and its range for out-of-range input.
    """
    args: dict[str, int | float | str] = dict(locals())  # the inputs, carried by the result
    for name, (low, high, unit) in _RANGES.items():
        require_range(name, args[name], low, high, unit)
    connect_round_trips(connection)
    first_token_decode_steps(first_token)
    if cached_prompt_tokens > prompt_tokens:
        raise InputError(
            f"Cached prompt tokens must be from 0 to the prompt tokens ({prompt_tokens:,}); "
            f"got {cached_prompt_tokens:,}.",
            ("cached_prompt_tokens", "prompt_tokens"),
        )

    core = _e2e(args)
    client = core["client"]
    half_prompt = prompt_tokens // 2
    half_output = _e2e({**args, "output_tokens": max(1, output_tokens // 2)})
    half_input = _e2e({**args, "prompt_tokens": half_prompt,
                       "cached_prompt_tokens": min(cached_prompt_tokens, half_prompt)})
    reused = _e2e({**args, "connection": "reused"})
    e2e = core["e2e"]
    tokens_per_second = 1 / tpot_seconds
    return LatencyBudget(
        **args,
        uncached_prompt_tokens=core["uncached"],
        prefill_tokens=core["computed"],
        request_bytes=client.request_bytes,
        connect_round_trips=client.connect_round_trips,
        slow_start_round_trips=client.slow_start_round_trips,
        first_token_decode_steps=core["steps"],
        billed_output_tokens=reasoning_tokens + output_tokens,
        dns_lookup_seconds=client.dns_lookup_seconds,
        connect_seconds=client.connect_seconds,
        upload_seconds=client.upload_seconds,
        network_seconds=rtt_seconds,
        prefill_seconds=core["prefill"],
        reasoning_seconds=core["reasoning"],
        first_decode_seconds=core["first_decode"],
        setup_and_network_seconds=(client.dns_lookup_seconds + client.connect_seconds
                                   + client.upload_seconds + rtt_seconds),
        server_wait_seconds=gateway_seconds + queue_seconds,
        ttft_seconds=core["ttft"],
        decode_tokens=output_tokens - 1,
        decode_seconds=core["decode"],
        e2e_seconds=e2e,
        e2e_databricks_seconds=core["ttft"] + output_tokens * tpot_seconds,
        output_tokens_per_second=tokens_per_second,
        reading_words_per_minute=tokens_per_second * constant("words_per_token").value * 60,
        setup_share_ratio=(client.dns_lookup_seconds + client.connect_seconds) / e2e,
        network_share_ratio=(client.upload_seconds + rtt_seconds) / e2e,
        server_wait_share_ratio=(gateway_seconds + queue_seconds) / e2e,
        prefill_share_ratio=core["prefill"] / e2e,
        reasoning_share_ratio=core["reasoning"] / e2e,
        decode_share_ratio=(core["first_decode"] + core["decode"]) / e2e,
        ttft_share_ratio=core["ttft"] / e2e,
        half_output_e2e_seconds=half_output["e2e"],
        half_prompt_e2e_seconds=half_input["e2e"],
        half_output_saving_ratio=1 - half_output["e2e"] / e2e,
        half_prompt_saving_ratio=1 - half_input["e2e"] / e2e,
        reused_connection_ttft_seconds=reused["ttft"],
        reused_connection_saving_seconds=core["ttft"] - reused["ttft"],
    )
