"""The latency model replayed on published numbers: a measured benchmark and latency targets.

* kipply's FasterTransformer benchmark (13B model, one and two A100 40 GB): its measured
  prefill time and time per output token go in, its measured total comes out as the check.
  Since both speeds are the benchmark's own, the check tests how the parts add up (how many
  decode steps the generated tokens cost), within the rounding of the published figures.
* MLPerf's Llama-2-70B interactive and server targets: the slowest answer that still meets a
  TTFT and a TPOT limit, ``E2E = TTFT + (N - 1) * TPOT`` (and ``+ N * TPOT``).

Units: seconds [s], tokens. References: cli99/llm-analysis quoting kipply, "Transformer
Inference Arithmetic" (2022); MLCommons inference ``loadgen/mlperf.conf``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators.collect import Texts, table
from calculators.data import constant
from calculators.fields import require_range
from calculators.latency_model import MAX_TOKENS, LatencyBudget, latency_budget
from calculators.registry import ReferenceCheck, reference_check

__all__ = [
    "FT_RUNS",
    "FasterTransformerRow",
    "KIPPLY_CONSTANTS",
    "SLO_TARGETS",
    "SloBudget",
    "fastertransformer_check",
    "fastertransformer_rows",
    "reference_fastertransformer",
    "slo_budgets",
]


#: kipply's two FasterTransformer runs: label -> (prefill, TPOT, total constant keys).
FT_RUNS: dict[str, tuple[str, str, str]] = {
    "one A100 40 GB": (
        "kipply_13b_prefill_seconds", "kipply_13b_tpot_seconds", "kipply_13b_total_seconds",
    ),
    "two A100 40 GB": (
        "kipply_13b_tp2_prefill_seconds", "kipply_13b_tp2_tpot_seconds",
        "kipply_13b_tp2_total_seconds",
    ),
}

KIPPLY_CONSTANTS = (
    "kipply_13b_prompt_tokens",
    "kipply_13b_output_tokens",
    "kipply_13b_prefill_seconds",
    "kipply_13b_tpot_seconds",
    "kipply_13b_total_seconds",
)


def reference_fastertransformer(
    run: str = "one A100 40 GB", first_token: str = "decode-step"
) -> LatencyBudget:
    """kipply's FasterTransformer benchmark replayed through the model (server-side only).

    No network, gateway or queue. The prefill rate and the TPOT are the benchmark's own
    measurements, so this is a check of how the parts add up (how many decode steps ten
    generated tokens cost), not of the speeds: the published figures add up as prefill plus
    one decode step per generated token (``first_token="decode-step"``).
    """
    prefill_key, tpot_key, _ = FT_RUNS[run]
    prompt = int(constant("kipply_13b_prompt_tokens").value)
    return latency_budget(
        prompt_tokens=prompt,
        cached_prompt_tokens=0,
        output_tokens=int(constant("kipply_13b_output_tokens").value),
        reasoning_tokens=0,
        connection="reused",
        first_token=first_token,
        dns_seconds=0.0,
        rtt_seconds=0.0,
        upload_bits_per_second=1e12,
        gateway_seconds=0.0,
        queue_seconds=0.0,
        prefill_tokens_per_second=prompt / constant(prefill_key).value,
        tpot_seconds=constant(tpot_key).value,
    )


@dataclass(frozen=True)
class FasterTransformerRow:
    """One kipply run: measured total against both first-token conventions [s]."""

    run: str
    prefill_seconds: float
    tpot_seconds: float
    measured_seconds: float
    decode_step_seconds: float
    decode_step_error_ratio: float
    decode_step_difference_seconds: float
    prefill_pass_seconds: float
    prefill_pass_error_ratio: float
    prefill_pass_shortfall_ratio: float
    rounding_bound_seconds: float
    constants: Texts


@table
def fastertransformer_rows() -> Iterator[FasterTransformerRow]:
    """Both runs, predicted with and without a decode step before the first token.

    ``rounding_bound_seconds``: how far the prediction may move because each published
    per-token time is rounded to ``kipply_tpot_resolution_seconds`` (half of it per step).
    """
    steps = int(constant("kipply_13b_output_tokens").value)
    half = constant("kipply_tpot_resolution_seconds").value / 2
    for run, keys in FT_RUNS.items():
        measured = constant(keys[2]).value
        step = reference_fastertransformer(run, "decode-step").e2e_seconds
        fused = reference_fastertransformer(run, "prefill").e2e_seconds
        yield FasterTransformerRow(
            run, constant(keys[0]).value, constant(keys[1]).value, measured,
            step, (step - measured) / measured, abs(step - measured),
            fused, (fused - measured) / measured,
            (measured - fused) / measured,
            steps * half,
            (*KIPPLY_CONSTANTS[:2], *keys, "kipply_tpot_resolution_seconds",
             "vllm_first_token_decode_steps"),
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
    constants: Texts


@table
def slo_budgets(output_tokens: int = 500) -> Iterator[SloBudget]:
    """E2E = TTFT + (N - 1) * TPOT (and + N * TPOT) at each published limit."""
    require_range("output_tokens", output_tokens, 1, MAX_TOKENS, "tokens")
    for name, (ttft_key, tpot_key) in SLO_TARGETS.items():
        ttft = constant(ttft_key).value
        tpot = constant(tpot_key).value
        yield SloBudget(
            name, ttft, tpot, output_tokens, ttft + (output_tokens - 1) * tpot,
            ttft + output_tokens * tpot, (ttft_key, tpot_key),
        )
