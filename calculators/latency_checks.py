"""The latency model replayed on published numbers: a measured benchmark and latency targets.

* kipply's FasterTransformer benchmark (13B model, one A100 40 GB): its measured prefill time
  and time per output token go in, its measured total comes out as the check.
* MLPerf's Llama-2-70B interactive and server targets: the slowest answer that still meets a
  TTFT and a TPOT limit, ``E2E = TTFT + (N - 1) * TPOT`` (and ``+ N * TPOT``).

Units: seconds [s], tokens. References: cli99/llm-analysis quoting kipply, "Transformer
Inference Arithmetic" (2022); MLCommons inference ``loadgen/mlperf.conf``.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.data import constant
from calculators.fields import require_range
from calculators.latency_model import MAX_TOKENS, LatencyBudget, latency_budget
from calculators.registry import ReferenceCheck, reference_check

__all__ = [
    "KIPPLY_CONSTANTS",
    "SLO_TARGETS",
    "SloBudget",
    "fastertransformer_check",
    "reference_fastertransformer",
    "slo_budgets",
]


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
