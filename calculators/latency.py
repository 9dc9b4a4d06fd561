"""The latency budget calculator of guide 1: its form fields, scenarios, sweeps and cases.

The model lives in :mod:`calculators.latency_network` (connection set-up and upload) and
:mod:`calculators.latency_model` (time to first token and end-to-end time); the published
checks and target tables in :mod:`calculators.latency_checks`. This module registers them and
re-exports their public names, so ``from calculators.latency import latency_budget`` keeps
working. The JavaScript twin is ``docs/assets/js/calculators/latency.js``.
"""

from __future__ import annotations

from calculators.fields import Field
from calculators.latency_checks import (
    FT_RUNS,
    KIPPLY_CONSTANTS,
    FasterTransformerRow,
    SLO_TARGETS,
    SloBudget,
    fastertransformer_check,
    fastertransformer_rows,
    reference_fastertransformer,
    slo_budgets,
)
from calculators.latency_model import (
    FIRST_TOKEN,
    MAX_TOKENS,
    LatencyBudget,
    first_token_decode_steps,
    latency_budget,
)
from calculators.latency_network import (
    CONNECTIONS,
    ClientSide,
    client_side,
    connect_round_trips,
    slow_start_round_trips,
)
from calculators.registry import (
    Calculator,
    Invariants,
    Output,
    register,
    register_check,
    register_table,
)

__all__ = [
    "CONNECTIONS",
    "ClientSide",
    "FIELDS",
    "FIRST_TOKEN",
    "FT_RUNS",
    "FasterTransformerRow",
    "KIPPLY_CONSTANTS",
    "LatencyBudget",
    "MAX_TOKENS",
    "OUTPUT_SWEEP",
    "SCENARIOS",
    "SLO_TARGETS",
    "SloBudget",
    "client_side",
    "connect_round_trips",
    "fastertransformer_check",
    "fastertransformer_rows",
    "first_token_decode_steps",
    "latency_budget",
    "reference_fastertransformer",
    "slo_budgets",
    "slow_start_round_trips",
]

FIELDS: tuple[Field, ...] = (
    Field("prompt_tokens", "prompt_tokens", "Prompt tokens", "tokens", 2000, 0, MAX_TOKENS,
          1, integer=True, help="Everything sent: system prompt, history, retrieved text."),
    Field("cached_prompt_tokens", "cached_prompt_tokens", "Cached prompt tokens", "tokens", 0,
          0, MAX_TOKENS, 1, integer=True, help="Prefix the provider already holds in its cache."),
    Field("output_tokens", "output_tokens", "Output tokens", "tokens", 500, 1, MAX_TOKENS, 1,
          integer=True, help="Length of the visible, streamed answer."),
    Field("reasoning_tokens", "reasoning_tokens", "Hidden reasoning tokens", "tokens", 0, 0,
          MAX_TOKENS, 1, integer=True,
          help="Reasoning models: decoded and billed as output, not streamed."),
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
    Field("first_token", "first_token", "First token", "choice", "prefill", choices=FIRST_TOKEN,
          help="Engine-dependent: whether a decode step runs before the first token."),
)

#: Named request shapes the guide compares, one change at a time; inputs by field key.
SCENARIOS: dict[str, dict[str, float | str]] = {
    "Short chat": {"prompt_tokens": 500},
    "Long prompt": {"prompt_tokens": 30000},
    "+ reused connection": {"prompt_tokens": 30000, "connection": "reused"},
    "+ cached prefix": {"prompt_tokens": 30000, "connection": "reused",
                        "cached_prompt_tokens": 28000},
    "Reasoning model": {"prompt_tokens": 500, "reasoning_tokens": 1000},
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
            Output("e2e_seconds", "End to end, TTFT + (N − 1) × TPOT", "duration"),
            Output("e2e_databricks_seconds", "End to end, TTFT + N × TPOT", "duration"),
            Output("billed_output_tokens", "Billed output tokens", "tokens"),
            Output("output_tokens_per_second", "Output speed", "tokens_per_second"),
            Output("reading_words_per_minute", "Reading speed", "words_per_minute"),
            Output("prefill_seconds", "Prefill", "duration"),
            Output("reasoning_seconds", "Hidden reasoning", "duration"),
            Output("setup_share_ratio", "Share: connection set-up", "percent"),
            Output("network_share_ratio", "Share: network and upload", "percent"),
            Output("server_wait_share_ratio", "Share: gateway and queue", "percent"),
            Output("prefill_share_ratio", "Share: prefill", "percent"),
            Output("reasoning_share_ratio", "Share: hidden reasoning", "percent"),
            Output("decode_share_ratio", "Share: decoding", "percent"),
            Output("half_output_saving_ratio", "Saved by halving the output", "percent"),
            Output("half_prompt_saving_ratio", "Saved by halving the prompt", "percent"),
            Output("reused_connection_saving_seconds", "TTFT saved by a reused connection",
                   "duration"),
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
            "first token after a decode step": {"first_token": "decode-step"},
            "reasoning tokens before the answer": {"reasoning_tokens": 3000},
            "reasoning with a decode step": {"reasoning_tokens": 1, "first_token": "decode-step",
                                             "output_tokens": 1},
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
            "bad: unknown first token": {"first_token": "telepathy"},
            "bad: negative reasoning tokens": {"reasoning_tokens": -1},
            "bad: fractional reasoning tokens": {"reasoning_tokens": 0.5},
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
             "prefill_share_ratio", "reasoning_share_ratio", "decode_share_ratio"),
        )),
        constants=(
            "tcp_handshake_round_trips",
            "tls13_handshake_round_trips",
            "tls12_handshake_round_trips",
            "tcp_initial_window_segments",
            "tcp_max_segment_bytes",
            "openai_english_chars_per_token",
            "words_per_token",
            "vllm_first_token_decode_steps",
            "vllm_min_recomputed_prompt_tokens",
        ),
    )
)

register_check("fastertransformer", fastertransformer_check)
register_table("slo_budgets", slo_budgets)
register_table("fastertransformer_rows", fastertransformer_rows)
