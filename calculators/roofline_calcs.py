"""The registered roofline calculators (guide 7): one request's prefill and decode on a
self-hosted model, and the MBU / MFU a measured TPOT and TTFT imply."""

from __future__ import annotations

from collections.abc import Iterator
import math
from dataclasses import dataclass

from calculators.collect import Texts, table
from calculators.data.models import MODELS
from calculators.fields import Field
from calculators.memory import (
    DTYPE_BYTES, KV_DTYPE_CHOICES, MAX_TOKENS, PRESET_MODEL_FIELDS, WEIGHT_DTYPE_CHOICES,
    model_inputs,
)
from calculators.registry import register, register_table, run
from calculators.spec_files import declared
from calculators.inference_fields import (
    accelerator_inputs, accelerator_preset, efficiency_fields, hardware_fields, parallel_fields,
)
from calculators.roofline import implied_efficiency, roofline

__all__ = ["REQUEST_FIELDS", "ROOFLINE_FIELDS", "SHAPE_FIELDS", "model_kv_table", "roofline_chart"]

DTYPE_FIELDS = (
    Field("weight_dtype", "weight_dtype", "Weight format", "choice", "bf16",
          choices=WEIGHT_DTYPE_CHOICES),
    Field("kv_dtype", "kv_dtype", "KV-cache format", "choice", "bf16", choices=KV_DTYPE_CHOICES),
)
REQUEST_FIELDS = (
    Field("prompt", "prompt_tokens", "Prompt tokens", "tokens", 2000, 1, MAX_TOKENS, 1,
          integer=True),
    Field("output", "output_tokens", "Output tokens", "tokens", 500, 1, MAX_TOKENS, 1,
          integer=True),
    Field("batch", "batch_size", "Sequences decoding together", "sequences", 1, 1, 100_000, 1,
          integer=True, help="The batch the server runs each decode step for."),
)
#: Model, formats, hardware and parallelism: the inputs of any roofline question.
SHAPE_FIELDS = (PRESET_MODEL_FIELDS + DTYPE_FIELDS
                + accelerator_preset(hardware_fields() + parallel_fields()))
ROOFLINE_FIELDS = SHAPE_FIELDS + REQUEST_FIELDS + efficiency_fields()
CONSTANTS = ("default_mfu_ratio", "default_mbu_ratio")
#: Dense FP8 peaks (TFLOP/s) for the FP8 scenarios, from the accelerators catalog.
_FP8_PEAK = {key: accelerator_inputs(key, "fp8")["peak"] for key in ("h100-sxm", "h200")}

register(
    declared("inference_roofline", roofline, ROOFLINE_FIELDS,
        constants=CONSTANTS,
        data={"dtype_bytes": DTYPE_BYTES},
        scenarios={
            "Llama-3.1-8B, BF16, one GPU": {},
            "Same, FP8 weights and KV": {"weight_dtype": "fp8", "kv_dtype": "fp8",
                                         "peak": _FP8_PEAK["h100-sxm"]},
            "Long prompt, 32,000 tokens": {"prompt": 32_000},
            "DeepSeek-V3 (MoE), FP8, eight H200": {
                "model": "deepseek-v3", "accelerator": "h200", "gpus": 8,
                "weight_dtype": "fp8", "peak": _FP8_PEAK["h200"]},
        },
        cases={
            "batch 1, one token out": {"output": 1},
            "large batch, compute-bound": {"batch": 1024},
            "two GPUs": {"gpus": 2},
            "with per-step overhead": {"overhead": 2},
            "MoE: DeepSeek-V3 on eight H200": {
                "model": "deepseek-v3", "accelerator": "h200", "gpus": 8,
                "weight_dtype": "fp8", "peak": _FP8_PEAK["h200"], "batch": 64},
            "preset: Llama-3.1-70B on A100 80GB": {"model": "llama-3.1-70b",
                                                  "accelerator": "a100-80gb", "gpus": 4},
            "preset with an override: H100 at 3,000 GB/s": {"accelerator": "h100-sxm",
                                                            "bandwidth": 3000},
            "bad: unknown accelerator": {"accelerator": "tpu-v99"},
            "bad: context beyond the window": {"prompt": 131_000, "output": 500},
            "bad: zero MBU": {"mbu": 0},
            "bad: no GPUs": {"gpus": 0},
        },
    ),
    declared("implied_efficiency", implied_efficiency, SHAPE_FIELDS + REQUEST_FIELDS[:1] + (
            Field("output", "output_tokens", "Output tokens", "tokens", 1, 1, MAX_TOKENS, 1,
                  integer=True, help="Context grows by half of this during decode."),
            Field("batch", "batch_size", "Sequences decoding together", "sequences", 1, 1,
                  100_000, 1, integer=True),
            Field("ttft", "measured_ttft_seconds", "Measured TTFT (server side)", "ms", 150, 0.001,
                  3_600_000, 0.1, scale=1000),
            Field("tpot", "measured_tpot_seconds", "Measured TPOT", "ms", 7, 0.001, 60_000, 0.1,
                  scale=1000),
        ),
        data={"dtype_bytes": DTYPE_BYTES},
    ),
)


@dataclass(frozen=True)
class RooflineChart:
    """Points of a roofline picture: attainable FLOP/s against arithmetic intensity."""

    curve: tuple[tuple[float, float], ...]
    prefill: tuple[tuple[float, float], ...]
    decode: tuple[tuple[float, float], ...]
    decode_large_batch: tuple[tuple[float, float], ...]
    large_batch: int
    ridge_flops_per_byte: float
    constants: Texts = CONSTANTS


def roofline_chart(large_batch: int = 256, **inputs: object) -> RooflineChart:
    """The roof (min(peak, intensity × bandwidth)) sampled on a log grid around the ridge,
    with the prefill point and two decode points of the registered calculator's inputs."""
    base = run("inference_roofline", dict(inputs))
    big = run("inference_roofline", {**inputs, "batch": large_batch})
    peak, bandwidth, ridge = (base.peak_flops_per_second, base.bandwidth_bytes_per_second,
                              base.ridge_flops_per_byte)
    lows = [base.decode_intensity_flops_per_byte, ridge, base.prefill_intensity_flops_per_byte]
    lo = 10 ** math.floor(math.log10(min(lows) / 2))
    hi = 10 ** math.ceil(math.log10(max(lows) * 2))
    xs = sorted({*(lo * 10**k for k in range(int(round(math.log10(hi / lo))) + 1)), ridge})
    return RooflineChart(
        curve=tuple((x, min(peak, x * bandwidth)) for x in xs),
        prefill=((base.prefill_intensity_flops_per_byte, base.prefill_attainable_flops_per_second),),
        decode=((base.decode_intensity_flops_per_byte, base.decode_attainable_flops_per_second),),
        decode_large_batch=((big.decode_intensity_flops_per_byte,
                             big.decode_attainable_flops_per_second),),
        large_batch=large_batch, ridge_flops_per_byte=ridge,
    )


@dataclass(frozen=True)
class ModelKvRow:
    key: str
    name: str
    attention: str
    weight_bf16_bytes: float
    weight_fp8_bytes: float
    kv_bytes_per_token: float
    kv_short_bytes: float
    kv_long_bytes: float
    short_tokens: int
    long_tokens: int
    source_url: str
    constants: Texts = ()


@table
def model_kv_table(short_tokens: int = 8192, long_tokens: int = 131_072) -> Iterator[ModelKvRow]:
    """Weights and KV cache of every catalog model, at a short and a long context (capped at
    each model's window)."""
    for key, spec in MODELS.items():
        inputs = model_inputs(key)
        short = run("model_memory", {**inputs, "context": min(short_tokens, spec.context_window_tokens)})
        long = run("model_memory", {**inputs, "context": min(long_tokens, spec.context_window_tokens)})
        yield ModelKvRow(key, spec.name, spec.attention, short.weight_bf16_bytes,
                         short.weight_fp8_bytes, short.kv_bytes_per_token,
                         short.kv_bytes_per_sequence, long.kv_bytes_per_sequence,
                         short.context_tokens, long.context_tokens, spec.source_url)


register_table("roofline_chart", roofline_chart)
register_table("model_kv_table", model_kv_table)
