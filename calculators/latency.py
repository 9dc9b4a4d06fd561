"""The latency budget calculator of guide 1: its form fields, scenarios, sweeps and cases.

The model lives in :mod:`calculators.latency_network` (connection set-up and upload) and
:mod:`calculators.latency_model` (time to first token and end-to-end time); the published
checks and target tables in :mod:`calculators.latency_checks`. This module registers them and
re-exports their public names, so ``from calculators.latency import latency_budget`` keeps
working. The JavaScript twin is ``docs/assets/js/calculators/latency.js``.
"""

from __future__ import annotations

from calculators.collect import Ints
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
    register,
    register_check,
    register_table,
)
from calculators.spec_files import declared

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
OUTPUT_SWEEP: Ints = (50, 200, 500, 1000, 4000)

register(
    declared("latency_budget", latency_budget, FIELDS,
        scenarios=SCENARIOS,
        sweeps={"output_tokens": OUTPUT_SWEEP},
    )
)

register_check("fastertransformer", fastertransformer_check)
register_table("slo_budgets", slo_budgets)
register_table("fastertransformer_rows", fastertransformer_rows)
