"""A roofline model of one model on n accelerators: prefill, decode, TTFT and TPOT.

    prefill FLOPs   = 2 × P_active × T + 2 × L × T² × d          (causal attention, half of 4LT²d)
    prefill [s]     = max(FLOPs / (n × peak × MFU), weights / (n × BW × MBU)) + overhead
    decode bytes    = min(P_total, B × P_active) × b_w + B × KV(context)    per step
    decode FLOPs    = 2 × P_active × B + 4 × L × context × d × B
    TPOT [s]        = max(bytes / (n × BW × MBU), FLOPs / (n × peak × MFU)) + all-reduce + overhead
    critical batch  = peak / BW × b_w / 2       (decode turns compute-bound above it; KV ignored)
    intensity       = FLOPs / bytes             (compare with the ridge point peak / BW)

Decode reads every resident byte it needs once per step, so at small batch its time is bytes
over bandwidth; the compute term takes over at large batch. ``context`` is the mean context
over the answer (prompt + half the output, rounded down). A per-step overhead (scheduling, kernel launches)
is an input: a pure roofline overstates speed. Efficiencies (MFU, MBU) are inputs whose
defaults are sourced constants. With n > 1 GPUs (tensor parallelism) each layer ends in two
all-reduces of B × d activations (ring: 2(n − 1)/n of them cross each link, plus a latency).
References: JAX scaling book, "All About Transformer Inference"; Databricks, "LLM Inference
Performance Engineering" (MBU); kipply, "Transformer Inference Arithmetic".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Unpack

from calculators.fields import InputError
from calculators.memory import (
    DTYPE_BYTES, ModelShape, check_shape, layer_kv_bytes, sequence_kv_bytes,
)

__all__ = ["ACTIVATION_BYTES", "ImpliedEfficiency", "Roofline", "allreduce_seconds",
           "implied_efficiency", "roofline"]

#: Activations travel in 16-bit between GPUs.
ACTIVATION_BYTES = 2.0


def allreduce_seconds(*, num_gpus: int, num_layers: int, batch_size: int, hidden_size: int,
                      link_bytes_per_second: float, collective_latency_seconds: float) -> float:
    """Time of the 2 × L ring all-reduces one tensor-parallel step needs [s]; 0 on one GPU."""
    if num_gpus <= 1:
        return 0.0
    message = batch_size * hidden_size * ACTIVATION_BYTES
    per_collective = (2 * (num_gpus - 1) / num_gpus * message / link_bytes_per_second
                      + collective_latency_seconds)
    return 2 * num_layers * per_collective


@dataclass(frozen=True)
class Roofline:
    params_total: float
    params_active: float
    num_layers: int
    hidden_size: int
    bytes_per_weight: float
    prompt_tokens: int
    output_tokens: int
    decode_tokens: int
    batch_size: int
    num_gpus: int
    mfu_ratio: float
    mbu_ratio: float
    step_overhead_seconds: float
    weight_bytes: float
    weight_bytes_per_gpu: float
    kv_bytes_per_token: float
    mean_context_tokens: int
    prefill_flops: float
    prefill_attention_flops: float
    prefill_compute_seconds: float
    prefill_memory_seconds: float
    prefill_seconds: float
    prefill_tokens_per_second: float
    prefill_intensity_flops_per_byte: float
    decode_weight_read_bytes: float
    decode_kv_read_bytes: float
    decode_step_bytes: float
    decode_step_flops: float
    decode_memory_seconds: float
    decode_compute_seconds: float
    allreduce_seconds: float
    tpot_seconds: float
    decode_intensity_flops_per_byte: float
    decode_compute_bound: int
    ridge_flops_per_byte: float
    critical_batch_size: float
    peak_flops_per_second: float
    bandwidth_bytes_per_second: float
    prefill_attainable_flops_per_second: float
    decode_attainable_flops_per_second: float
    ttft_seconds: float
    e2e_seconds: float
    output_tokens_per_second_per_user: float
    output_tokens_per_second: float
    decode_share_ratio: float


def roofline(
    *,
    weight_dtype: str,
    kv_dtype: str,
    peak_flops_per_second: float,
    memory_bandwidth_bytes_per_second: float,
    num_gpus: int,
    link_bytes_per_second: float,
    collective_latency_seconds: float,
    prompt_tokens: int,
    output_tokens: int,
    batch_size: int,
    mfu_ratio: float,
    mbu_ratio: float,
    step_overhead_seconds: float,
    **shape: Unpack[ModelShape],
) -> Roofline:
    """Prefill and decode times of one request shape at a batch of ``batch_size`` sequences."""
    check_shape(shape, context_tokens=prompt_tokens + output_tokens,
                context_label="Prompt plus output",
                context_fields=("prompt_tokens", "output_tokens"))
    per_weight = DTYPE_BYTES[weight_dtype]
    per_layer = layer_kv_bytes(shape, kv_dtype)
    peak = peak_flops_per_second * num_gpus
    bandwidth = memory_bandwidth_bytes_per_second * num_gpus
    weights = shape["params_total"] * per_weight
    # Prefill of one prompt.
    attention_flops = 2.0 * shape["num_layers"] * prompt_tokens**2 * shape["hidden_size"]
    p_flops = 2 * shape["params_active"] * prompt_tokens + attention_flops
    prompt_kv = sequence_kv_bytes(shape, per_layer, prompt_tokens)
    p_bytes = shape["params_active"] * per_weight + prompt_kv
    p_compute = p_flops / (peak * mfu_ratio)
    p_memory = shape["params_active"] * per_weight / (bandwidth * mbu_ratio)
    comms_prefill = allreduce_seconds(
        num_gpus=num_gpus, num_layers=shape["num_layers"], batch_size=prompt_tokens,
        hidden_size=shape["hidden_size"], link_bytes_per_second=link_bytes_per_second,
        collective_latency_seconds=collective_latency_seconds)
    prefill = max(p_compute, p_memory) + comms_prefill + step_overhead_seconds
    # One decode step of the whole batch at the mean context.
    mean_context = prompt_tokens + output_tokens // 2
    kv_sequence = sequence_kv_bytes(shape, per_layer, mean_context)
    weight_read = min(shape["params_total"], batch_size * shape["params_active"]) * per_weight
    kv_read = batch_size * kv_sequence
    d_bytes = weight_read + kv_read
    d_flops = (2 * shape["params_active"] * batch_size
               + 4 * shape["num_layers"] * mean_context * shape["hidden_size"] * batch_size)
    d_memory = d_bytes / (bandwidth * mbu_ratio)
    d_compute = d_flops / (peak * mfu_ratio)
    comms = allreduce_seconds(
        num_gpus=num_gpus, num_layers=shape["num_layers"], batch_size=batch_size,
        hidden_size=shape["hidden_size"], link_bytes_per_second=link_bytes_per_second,
        collective_latency_seconds=collective_latency_seconds)
    tpot = max(d_memory, d_compute) + comms + step_overhead_seconds
    ridge = peak_flops_per_second / memory_bandwidth_bytes_per_second
    p_intensity = p_flops / p_bytes
    d_intensity = d_flops / d_bytes
    ttft = prefill
    e2e = ttft + (output_tokens - 1) * tpot
    return Roofline(
        params_total=shape["params_total"], params_active=shape["params_active"],
        num_layers=shape["num_layers"],
        hidden_size=shape["hidden_size"], bytes_per_weight=per_weight,
        prompt_tokens=prompt_tokens, output_tokens=output_tokens,
        decode_tokens=output_tokens - 1, batch_size=batch_size,
        num_gpus=num_gpus, mfu_ratio=mfu_ratio, mbu_ratio=mbu_ratio,
        step_overhead_seconds=step_overhead_seconds,
        weight_bytes=weights, weight_bytes_per_gpu=weights / num_gpus,
        kv_bytes_per_token=per_layer * shape["num_layers"], mean_context_tokens=mean_context,
        prefill_flops=p_flops, prefill_attention_flops=attention_flops,
        prefill_compute_seconds=p_compute, prefill_memory_seconds=p_memory,
        prefill_seconds=prefill, prefill_tokens_per_second=prompt_tokens / prefill,
        prefill_intensity_flops_per_byte=p_intensity,
        decode_weight_read_bytes=weight_read, decode_kv_read_bytes=kv_read,
        decode_step_bytes=d_bytes, decode_step_flops=d_flops,
        decode_memory_seconds=d_memory, decode_compute_seconds=d_compute,
        allreduce_seconds=comms, tpot_seconds=tpot,
        decode_intensity_flops_per_byte=d_intensity,
        decode_compute_bound=int(d_compute > d_memory),
        ridge_flops_per_byte=ridge,
        critical_batch_size=ridge * per_weight / 2,
        peak_flops_per_second=peak_flops_per_second,
        bandwidth_bytes_per_second=memory_bandwidth_bytes_per_second,
        prefill_attainable_flops_per_second=min(peak_flops_per_second,
                                                p_intensity * memory_bandwidth_bytes_per_second),
        decode_attainable_flops_per_second=min(peak_flops_per_second,
                                               d_intensity * memory_bandwidth_bytes_per_second),
        ttft_seconds=ttft, e2e_seconds=e2e,
        output_tokens_per_second_per_user=1 / tpot,
        output_tokens_per_second=batch_size / tpot,
        decode_share_ratio=(e2e - ttft) / e2e,
    )


@dataclass(frozen=True)
class ImpliedEfficiency:
    measured_ttft_seconds: float
    measured_tpot_seconds: float
    ideal_prefill_seconds: float
    ideal_tpot_seconds: float
    decode_step_bytes: float
    prefill_flops: float
    achieved_bandwidth_bytes_per_second: float
    achieved_flops_per_second: float
    implied_mbu_ratio: float
    implied_mfu_ratio: float


def implied_efficiency(*, measured_ttft_seconds: float, measured_tpot_seconds: float,
                       **shape: object) -> ImpliedEfficiency:
    """MBU and MFU a measured TPOT and TTFT imply (Databricks: achieved / peak bandwidth).

    ``shape`` holds the :func:`roofline` inputs other than the efficiencies and overhead.
    MBU = decode bytes per step / (TPOT × n × BW); MFU = prefill FLOPs / (TTFT × n × peak).
    """
    ideal = roofline(mfu_ratio=1.0, mbu_ratio=1.0, step_overhead_seconds=0.0, **shape)  # type: ignore[arg-type]
    bandwidth = ideal.bandwidth_bytes_per_second * ideal.num_gpus
    peak = ideal.peak_flops_per_second * ideal.num_gpus
    achieved_bw = ideal.decode_step_bytes / measured_tpot_seconds
    achieved_flops = ideal.prefill_flops / measured_ttft_seconds
    mbu = achieved_bw / bandwidth
    mfu = achieved_flops / peak
    if mbu > 1 or mfu > 1:
        which = "measured_tpot_seconds" if mbu > 1 else "measured_ttft_seconds"
        label = "Measured TPOT" if mbu > 1 else "Measured TTFT (server side)"
        raise InputError(
            f"{label} is faster than this hardware's peak allows for this model; "
            "check the model, the GPU count and the weight format.", (which,))
    return ImpliedEfficiency(
        measured_ttft_seconds=measured_ttft_seconds, measured_tpot_seconds=measured_tpot_seconds,
        ideal_prefill_seconds=ideal.prefill_compute_seconds, ideal_tpot_seconds=ideal.decode_memory_seconds,
        decode_step_bytes=ideal.decode_step_bytes, prefill_flops=ideal.prefill_flops,
        achieved_bandwidth_bytes_per_second=achieved_bw, achieved_flops_per_second=achieved_flops,
        implied_mbu_ratio=mbu, implied_mfu_ratio=mfu,
    )
