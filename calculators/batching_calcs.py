"""The registered batching calculators (guide 8): the batch curve, the prefill stall and
chunked prefill, Little's-law concurrency, the static-against-continuous simulation, and the
streaming comparison; plus the scaling book's batch table as a check."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators.batching import batch_throughput, concurrency_for_throughput, prefill_stall
from calculators.batching_sim import batching_sim
from calculators.collect import Ints, Texts, table
from calculators.data import constant
from calculators.fields import Field
from calculators.memory import DTYPE_BYTES, MAX_TOKENS
from calculators.registry import (
    get, reference_check, register, register_check, register_table, run,
)
from calculators.spec_files import declared
from calculators.roofline import roofline
from calculators.roofline_calcs import ROOFLINE_FIELDS, SHAPE_FIELDS
from calculators.inference_fields import efficiency_fields

__all__ = ["BATCH_SWEEP", "scaling_book_table"]

CONSTANTS = ("default_mfu_ratio", "default_mbu_ratio")
DATA = {"dtype_bytes": DTYPE_BYTES}
BATCH_SWEEP = (1, 8, 16, 32, 64, 128, 256, 512)


def _with(fields: tuple[Field, ...], **replace: Field) -> tuple[Field, ...]:
    return tuple(replace.get(f.key, f) for f in fields)


BATCH = Field("batch", "batch_size", "Sequences decoding together", "sequences", 32, 1,
              100_000, 1, integer=True, help="The batch the server runs each decode step for.")
CURVE_FIELDS = _with(ROOFLINE_FIELDS, batch=BATCH)
STALL_FIELDS = CURVE_FIELDS + (
    Field("arriving", "arriving_prompt_tokens", "Prompt of the arriving request", "tokens",
          16_000, 1, MAX_TOKENS, 1, integer=True, help="The long prompt that must be prefilled."),
    Field("chunk", "chunk_tokens", "Prefill chunk size", "tokens", 512, 1, MAX_TOKENS, 1,
          integer=True, help="Prompt tokens prefilled per step (vLLM max_num_batched_tokens)."),
)
TARGET_FIELDS = tuple(f for f in ROOFLINE_FIELDS if f.key != "batch") + (
    Field("target", "target_tokens_per_second", "Target output tokens per second", "tokens/s",
          5000, 1, 1e9, 1, help="The whole server's output rate you need."),
)
SIM_FIELDS = SHAPE_FIELDS + (
    Field("prompt", "prompt_tokens", "Prompt tokens", "tokens", 1000, 1, MAX_TOKENS, 1,
          integer=True),
) + efficiency_fields() + (
    Field("rate", "requests_per_second", "Arrivals", "requests/s", 4, 0.01, 10_000, 0.01,
          help="Poisson arrivals, on average."),
    Field("requests", "num_requests", "Requests simulated", "requests", 400, 1, 20_000, 1,
          integer=True),
    Field("mean_output", "mean_output_tokens", "Mean output tokens", "tokens", 300, 1,
          MAX_TOKENS, 1, help="Lengths are lognormal around this mean."),
    Field("sigma", "output_sigma", "Spread of output lengths (lognormal sigma)", "sigma", 1.0,
          0, 3, 0.05),
    Field("max_tokens", "max_tokens", "Longest answer (max_tokens)", "tokens", 4000, 1,
          MAX_TOKENS, 1, integer=True),
    Field("max_batch", "max_batch", "Batch slots", "sequences", 64, 1, 1024, 1, integer=True,
          help="Sequences the server runs at once."),
    Field("seed", "seed", "Seed", "seed", 2026, 0, 4_294_967_295, 1, integer=True),
)
STREAM_FIELDS = (
    Field("ttft", "ttft_seconds", "Time to first token", "s", 0.8, 0.001, 600, 0.001),
    Field("tpot", "tpot_seconds", "Time per output token", "ms", 25, 0.01, 60_000, 0.01,
          scale=1000),
    Field("output", "output_tokens", "Output tokens", "tokens", 500, 1, MAX_TOKENS, 1,
          integer=True),
)


@dataclass(frozen=True)
class StreamingJob:
    ttft_seconds: float
    tpot_seconds: float
    output_tokens: int
    e2e_seconds: float
    first_visible_streaming_seconds: float
    first_visible_buffered_seconds: float
    e2e_streaming_seconds: float
    e2e_buffered_seconds: float
    wait_saved_seconds: float
    wait_saved_ratio: float


def streaming_job(*, ttft_seconds: float, tpot_seconds: float, output_tokens: int) -> StreamingJob:
    """The same job with and without streaming: when the reader first sees text, and when the
    answer is complete (the same: streaming changes delivery, not generation)."""
    e2e = ttft_seconds + (output_tokens - 1) * tpot_seconds
    return StreamingJob(
        ttft_seconds=ttft_seconds, tpot_seconds=tpot_seconds, output_tokens=output_tokens,
        e2e_seconds=e2e, first_visible_streaming_seconds=ttft_seconds,
        first_visible_buffered_seconds=e2e, e2e_streaming_seconds=e2e, e2e_buffered_seconds=e2e,
        wait_saved_seconds=e2e - ttft_seconds, wait_saved_ratio=(e2e - ttft_seconds) / e2e,
    )


register(
    declared("batch_throughput", batch_throughput, CURVE_FIELDS,
        constants=CONSTANTS,
        data=DATA,
        sweeps={"batch": BATCH_SWEEP},
    ),
    declared("prefill_stall", prefill_stall, STALL_FIELDS,
        constants=CONSTANTS,
        data=DATA,
    ),
    declared("concurrency_needed", concurrency_for_throughput, TARGET_FIELDS,
        constants=CONSTANTS,
        data=DATA,
    ),
    declared("batching_sim", batching_sim, SIM_FIELDS,
        constants=CONSTANTS,
        data=DATA,
    ),
    declared("streaming_job", streaming_job, STREAM_FIELDS),
)


@dataclass(frozen=True)
class BookRow:
    batch_size: int
    mha_step_seconds: float
    mha_tokens_per_second: float
    gqa_step_seconds: float
    gqa_tokens_per_second: float
    constants: Texts = ("scaling_book_v5e_x8_bandwidth_bytes_per_second",
                                  "scaling_book_v5e_flops_per_second")


#: LLaMA-2-13B as the scaling book writes it: 13e9 parameters, 40 layers, 40 heads of 128.
BOOK_SHAPE: dict[str, object] = {
    "params_total": 13e9, "params_active": 13e9, "num_layers": 40, "hidden_size": 5120,
    "attention": "mha", "num_kv_heads": 40, "head_dim": 128, "kv_lora_rank": 0,
    "qk_rope_head_dim": 0, "sliding_window_tokens": 0, "num_sliding_window_layers": 0,
    "context_window_tokens": 8193, "weight_dtype": "bf16", "kv_dtype": "bf16",
    "num_gpus": 1, "link_bytes_per_second": 1e12, "collective_latency_seconds": 0.0,
    "prompt_tokens": 8192, "output_tokens": 1, "mfu_ratio": 1.0, "mbu_ratio": 1.0,
    "step_overhead_seconds": 0.0,
}
BOOK_BATCHES = (1, 8, 16, 32, 64, 240)


@table
def scaling_book_table(batches: Ints = BOOK_BATCHES) -> Iterator[BookRow]:
    """The scaling book's batch table from the roofline: eight TPU v5e as one device (the
    book's table has no communication term), full KV (40 heads) and 5× smaller (8 KV heads)."""
    hw = {"peak_flops_per_second": 8 * constant("scaling_book_v5e_flops_per_second").value,
          "memory_bandwidth_bytes_per_second":
              constant("scaling_book_v5e_x8_bandwidth_bytes_per_second").value}
    for b in batches:
        mha = roofline(**{**BOOK_SHAPE, **hw, "batch_size": b})  # type: ignore[arg-type]
        gqa = roofline(**{**BOOK_SHAPE, **hw, "num_kv_heads": 8, "attention": "gqa",  # type: ignore[arg-type]
                          "batch_size": b})
        yield BookRow(b, mha.tpot_seconds, mha.output_tokens_per_second,
                      gqa.tpot_seconds, gqa.output_tokens_per_second)


def _book_check(kind: str) -> object:
    row = scaling_book_table((240,))[0]
    key = f"scaling_book_{kind}_batch240_step_seconds"
    predicted = row.mha_step_seconds if kind == "mha" else row.gqa_step_seconds
    label = "full KV cache" if kind == "mha" else "KV cache five times smaller"
    return reference_check(
        f"scaling_book_{kind}", f"Scaling book, LLaMA-2-13B, batch 240, {label}: step time",
        predicted, constant(key).value, "seconds",
        (key, "scaling_book_v5e_x8_bandwidth_bytes_per_second"))


register_check("scaling_book_mha", lambda: _book_check("mha"))  # type: ignore[arg-type,return-value]
register_check("scaling_book_gqa", lambda: _book_check("gqa"))  # type: ignore[arg-type,return-value]
register_table("scaling_book_table", scaling_book_table)


@dataclass(frozen=True)
class WireRow:
    transport: str
    label: str
    response_bytes: float
    response_text_bytes: float
    overhead_multiple: float
    stream_bits_per_second: float
    constants: Texts = ()


@table
def streaming_wire(transports: Texts = ("sse-h2-tls", "sse-h1-tls", "ws-tls"),
                   **inputs: object) -> Iterator[WireRow]:
    """Bytes on the wire of the streaming job's answer, from guide 2's model (the registry's
    ``streaming_bandwidth``), at the job's token rate."""
    job = run("streaming_job", dict(inputs))
    choices = dict(get("streaming_bandwidth").field("transport").choices)
    for t in transports:
        w = run("streaming_bandwidth", {"transport": t, "tokens": job.output_tokens,
                                        "rate": 1 / job.tpot_seconds})
        yield WireRow(t, choices[t], w.response_bytes, w.response_text_bytes,
                      w.overhead_multiple, w.stream_bits_per_second)


register_table("streaming_wire", streaming_wire)


@dataclass(frozen=True)
class BenchmarkInfo:
    measured_on: str
    python_defaults_seconds: float
    chromium_defaults_seconds: float
    python_long_seconds: float
    chromium_long_seconds: float
    long_requests: int


def batching_benchmark() -> BenchmarkInfo:
    """The committed timing of the simulation (scripts/bench_batching_sim.py)."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent / "data" / "batching_benchmark.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    (short, _), (long, long_inputs) = list(doc["runs"].items())[:2]
    return BenchmarkInfo(doc["measured_on"], doc["python_seconds"][short],
                         doc["chromium_seconds"][short], doc["python_seconds"][long],
                         doc["chromium_seconds"][long], int(long_inputs["requests"]))


register_table("batching_benchmark", batching_benchmark)
