"""On-device against cloud inference: first token, total time, memory fit, cost, download.

    weights [B]          = P_total × bits / 8          (quantised; what the device stores)
    decode step [B]      = P_active × bits / 8 + KV read at the mean context
    device TPOT [s]      = max(step bytes / (BW × MBU), step FLOPs / (FLOP/s × MFU))
    device TTFT [s]      = max(prefill FLOPs / (FLOP/s × MFU), P_active × bits/8 / (BW × MBU))
    device total [s]     = TTFT + N_out × TPOT
    cloud RTT [s]        = 2 × distance / v_fibre
    cloud first [s]      = RTT + media × 8 / uplink + TTFT_cloud
    cloud total [s]      = cloud first + N_out × TPOT_cloud
    fit                  = weights + KV(prompt + output) + runtime ≤ RAM × free share
    crossovers [tokens]  = prompt length where the device's time equals the cloud's
    cost [USD/MTok]      = device price / (hours × 3,600 × tok/s); GPU $/h / (3,600 × tok/s)
    per session [s]      = download / sessions + cold load (weights / storage read rate)

Prefill FLOPs, decode FLOPs and the KV bytes read come from guide 7's roofline
(:func:`calculators.roofline.roofline`, one device, batch 1); only the weight bytes differ,
because a device runs weights at a fractional bit width (3.7, 4.5 bits) the roofline's dtype
table does not list. Total time counts N_out token times after the first token's prefill, as
REFERENCES guide 14 does (Apple's 0.6 s + 300 / 30 tok/s = 10.6 s).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Unpack

from calculators.data import constant
from calculators.memory import ModelShape, layer_kv_bytes, sequence_kv_bytes
from calculators.roofline import roofline

__all__ = ["EdgeVsCloud", "edge_vs_cloud"]


@dataclass(frozen=True)
class EdgeVsCloud:
    prompt_tokens: int
    output_tokens: int
    bits_per_weight: float
    weight_bytes: float
    active_weight_bytes: float
    kv_bytes_per_token: float
    kv_context_bytes: float
    runtime_bytes: float
    device_memory_bytes: float
    free_memory_ratio: float
    memory_needed_bytes: float
    memory_available_bytes: float
    memory_headroom_bytes: float
    fits: int
    decode_step_bytes: float
    decode_bound_weights_only_tokens_per_second: float
    device_tokens_per_second: float
    device_tpot_seconds: float
    device_prefill_seconds_per_token: float
    device_ttft_seconds: float
    device_total_seconds: float
    rtt_seconds: float
    upload_seconds: float
    cloud_first_token_seconds: float
    cloud_total_seconds: float
    device_wins_first: int
    device_wins_total: int
    crossover_first_prompt_tokens: float
    crossover_total_prompt_tokens: float
    device_usd_per_mtok: float
    cloud_usd_per_mtok: float
    cloud_ttft_seconds: float
    cloud_tpot_seconds: float
    download_bits_per_second: float
    download_seconds: float
    cold_load_seconds: float
    per_session_seconds: float


def edge_vs_cloud(
    *,
    bits_per_weight: float,
    kv_dtype: str,
    memory_bandwidth_bytes_per_second: float,
    device_memory_bytes: float,
    free_memory_ratio: float,
    runtime_bytes: float,
    device_flops_per_second: float,
    mbu_ratio: float,
    mfu_ratio: float,
    prompt_tokens: int,
    output_tokens: int,
    distance_metres: float,
    cloud_ttft_seconds: float,
    cloud_tpot_seconds: float,
    media_bytes: float,
    uplink_bits_per_second: float,
    device_usd: float,
    device_hours: float,
    gpu_usd_per_hour: float,
    gpu_tokens_per_second: float,
    download_bits_per_second: float,
    storage_read_bytes_per_second: float,
    num_sessions: int,
    **shape: Unpack[ModelShape],
) -> EdgeVsCloud:
    """One request answered on the device and in the cloud (see the module docstring)."""
    roof = roofline(**shape, weight_dtype="bf16", kv_dtype=kv_dtype,
                    peak_flops_per_second=device_flops_per_second,
                    memory_bandwidth_bytes_per_second=memory_bandwidth_bytes_per_second,
                    num_gpus=1, link_bytes_per_second=1.0, collective_latency_seconds=0.0,
                    prompt_tokens=prompt_tokens, output_tokens=output_tokens, batch_size=1,
                    mfu_ratio=mfu_ratio, mbu_ratio=mbu_ratio, step_overhead_seconds=0.0)
    per_weight = bits_per_weight / 8
    weights = shape["params_total"] * per_weight
    active = shape["params_active"] * per_weight
    bandwidth = memory_bandwidth_bytes_per_second * mbu_ratio
    compute = device_flops_per_second * mfu_ratio
    step_bytes = active + roof.decode_kv_read_bytes
    tpot = max(step_bytes / bandwidth, roof.decode_step_flops / compute)
    ttft = max(roof.prefill_compute_seconds, active / bandwidth)
    device_total = ttft + output_tokens * tpot
    per_layer = layer_kv_bytes(shape, kv_dtype)
    kv_context = sequence_kv_bytes(shape, per_layer, prompt_tokens + output_tokens)
    needed = weights + kv_context + runtime_bytes
    available = device_memory_bytes * free_memory_ratio
    rtt = 2 * distance_metres / constant("fibre_light_speed_metres_per_second").value
    upload = media_bytes * 8 / uplink_bits_per_second
    cloud_first = rtt + upload + cloud_ttft_seconds
    cloud_total = cloud_first + output_tokens * cloud_tpot_seconds
    per_token = ttft / prompt_tokens
    cross_total = max(0.0, (cloud_total - output_tokens * tpot) / per_token)
    rate = 1 / tpot
    download = weights * 8 / download_bits_per_second
    cold = weights / storage_read_bytes_per_second
    return EdgeVsCloud(
        prompt_tokens=prompt_tokens, output_tokens=output_tokens,
        bits_per_weight=bits_per_weight, weight_bytes=weights, active_weight_bytes=active,
        kv_bytes_per_token=roof.kv_bytes_per_token, kv_context_bytes=kv_context,
        runtime_bytes=runtime_bytes, device_memory_bytes=device_memory_bytes,
        free_memory_ratio=free_memory_ratio, memory_needed_bytes=needed,
        memory_available_bytes=available, memory_headroom_bytes=max(0.0, available - needed),
        fits=int(needed <= available), decode_step_bytes=step_bytes,
        decode_bound_weights_only_tokens_per_second=memory_bandwidth_bytes_per_second / active,
        device_tokens_per_second=rate, device_tpot_seconds=tpot,
        device_prefill_seconds_per_token=per_token, device_ttft_seconds=ttft,
        device_total_seconds=device_total, rtt_seconds=rtt, upload_seconds=upload,
        cloud_first_token_seconds=cloud_first, cloud_total_seconds=cloud_total,
        device_wins_first=int(ttft < cloud_first), device_wins_total=int(device_total < cloud_total),
        crossover_first_prompt_tokens=cloud_first / per_token,
        crossover_total_prompt_tokens=cross_total,
        device_usd_per_mtok=device_usd / (device_hours * 3600 * rate) * 1e6,
        cloud_usd_per_mtok=gpu_usd_per_hour / (3600 * gpu_tokens_per_second) * 1e6,
        cloud_ttft_seconds=cloud_ttft_seconds, cloud_tpot_seconds=cloud_tpot_seconds,
        download_bits_per_second=download_bits_per_second,
        download_seconds=download, cold_load_seconds=cold,
        per_session_seconds=download / num_sessions + cold,
    )
