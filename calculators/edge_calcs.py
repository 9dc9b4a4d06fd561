"""Guide 14's calculator, measured-against-bound table, published checks and chart data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators.collect import Texts, table
from calculators.data import constant
from calculators.data.accelerators import accelerator
from calculators.data.models import model
from calculators.edge import edge_vs_cloud
from calculators.fields import Field
from calculators.memory import DTYPE_BYTES, KV_DTYPE_CHOICES, PRESET_MODEL_FIELDS
from calculators.presets import preset_field, with_preset_defaults
from calculators.registry import (reference_check, register,
                                  register_check, register_table, run)
from calculators.spec_files import declared

__all__ = ["BoundRow", "SweepPoint", "measured_against_bound", "prompt_sweep"]


def _c(key: str) -> float:
    return constant(key).value


DEVICES = ("snapdragon-8-gen-3", "apple-m4", "apple-m4-pro", "apple-m4-max")
DEFAULT_DEVICE = "snapdragon-8-gen-3"
#: A 4-bit 8B model at the size Qualcomm AI Hub gives (4.8 GB for Llama-3.1-8B's parameters).
BITS_8B = round(_c("qualcomm_llama3_8b_w4a16_bytes") * 8 / model("llama-3.1-8b").params_total, 2)
#: Effective prefill compute of a phone CPU: ExecuTorch's Llama 3.2 1B SpinQuant prefill rate
#: (260.5 tok/s) times 2 FLOPs per parameter per token.
PHONE_TFLOPS = round(2 * model("llama-3.2-1b").params_total
                     * _c("et_llama32_1b_spinquant_prefill_tokens_per_second") / 1e12, 3)
#: Effective prefill compute of an M4's GPU: llama.cpp's measured pp512 for Llama 3.1 8B.
MAC_TFLOPS = round(2 * model("llama-3.1-8b").params_total
                   * _c("llamacpp_m4_llama31_8b_q4km_prefill_tokens_per_second") / 1e12, 3)
CONSTANTS = ("fibre_light_speed_metres_per_second", "qualcomm_llama3_8b_w4a16_bytes",
             "et_llama32_1b_spinquant_prefill_tokens_per_second",
             "llamacpp_m4_llama31_8b_q4km_prefill_tokens_per_second")

_DEVICE_FIELDS = (
    Field("bandwidth", "memory_bandwidth_bytes_per_second", "Device memory bandwidth", "GB/s",
          accelerator(DEFAULT_DEVICE).memory_bandwidth_bytes_per_second / 1e9, 1, 100_000, 0.1,
          scale=1e-9),
    Field("ram", "device_memory_bytes", "Device RAM", "GB",
          accelerator(DEFAULT_DEVICE).memory_bytes / 1e9, 1, 10_000, 1, scale=1e-9),
)
DEVICE_PRESET = preset_field(
    "device", "Device", "accelerators",
    fills={"bandwidth": "memory_bandwidth_bytes_per_second", "ram": "memory_bytes"},
    fields=_DEVICE_FIELDS, default=DEFAULT_DEVICE, entries=DEVICES,
    help="Fills bandwidth and RAM from the accelerators table; edit either.")

FIELDS = PRESET_MODEL_FIELDS + (DEVICE_PRESET,
                                *with_preset_defaults(DEVICE_PRESET, _DEVICE_FIELDS)) + (
    Field("bits", "bits_per_weight", "Bits per weight", "bits", BITS_8B, 1, 32, 0.01,
          help="Quantised width including scales: 4-bit formats run 4.5 to 4.9."),
    Field("kv_dtype", "kv_dtype", "KV-cache format", "choice", "bf16", choices=KV_DTYPE_CHOICES),
    Field("free_ram", "free_memory_ratio", "RAM the system leaves to one app", "%", 50, 1, 100,
          1, scale=100, help="An assumption: phones keep much of their RAM for the system."),
    Field("runtime", "runtime_bytes", "Runtime and activations", "GB", 0.5, 0, 1000, 0.1,
          scale=1e-9, help="An assumption; measure your runtime's resident size."),
    Field("compute", "device_flops_per_second", "Device compute for prefill", "TFLOP/s",
          PHONE_TFLOPS, 0.001, 10_000, 0.001, scale=1e-12,
          help="Default: a phone CPU's effective rate from ExecuTorch's measured prefill."),
    Field("mbu", "mbu_ratio", "Bandwidth reached (MBU)", "%", 100, 1, 100, 1, scale=100,
          help="100% gives the bound; measured runs reach 60-85%."),
    Field("mfu", "mfu_ratio", "Compute reached (MFU)", "%", 100, 1, 100, 1, scale=100),
    Field("prompt", "prompt_tokens", "Prompt", "tokens", 1000, 1, 1_000_000, 1, integer=True),
    Field("output", "output_tokens", "Answer", "tokens", 300, 1, 1_000_000, 1, integer=True),
    Field("distance", "distance_metres", "Fibre path to the cloud region", "km", 5000, 0,
          40_000, 1, scale=1e-3),
    Field("cloud_ttft", "cloud_ttft_seconds", "Cloud time to first token", "ms", 500, 0,
          600_000, 1, scale=1000, help="An assumption, after the round trip; measure yours."),
    Field("cloud_tpot", "cloud_tpot_seconds", "Cloud time per output token", "ms", 20, 0,
          10_000, 0.1, scale=1000),
    Field("media", "media_bytes", "Media uploaded with the prompt", "MB", 0, 0, 100_000, 0.1,
          scale=1e-6),
    Field("uplink", "uplink_bits_per_second", "Uplink", "Mbit/s", 10, 0.01, 100_000, 0.1,
          scale=1e-6),
    Field("device_usd", "device_usd", "Device price", "$", 1000, 0, 1e7, 1),
    Field("device_hours", "device_hours", "Hours it generates over its life", "h", 1000, 1,
          1e6, 1),
    Field("gpu_usd", "gpu_usd_per_hour", "Cloud GPU cost", "$/h", 3, 0, 10_000, 0.01),
    Field("gpu_tps", "gpu_tokens_per_second", "Cloud GPU output, all users", "tokens/s", 2000,
          1, 1e9, 1),
    Field("download", "download_bits_per_second", "Link for the weight download", "Mbit/s",
          100, 0.01, 100_000, 1, scale=1e-6),
    Field("disk", "storage_read_bytes_per_second", "Storage read rate (cold load)", "GB/s", 2,
          0.001, 1000, 0.1, scale=1e-9, help="An assumption for phone or laptop flash."),
    Field("sessions", "num_sessions", "Sessions that reuse one download", "sessions", 30, 1,
          1e7, 1, integer=True),
)

register(declared("edge_vs_cloud", edge_vs_cloud, FIELDS,
    constants=CONSTANTS,
    data={"dtype_bytes": DTYPE_BYTES},
    scenarios={
        "Phone, 16 GB, Llama 3.1 8B 4-bit": {},
        "Phone with 8 GB of RAM": {"ram": 8},
        "Phone, Llama 3.2 3B 4-bit": {"model": "llama-3.2-3b"},
        "Phone, Llama 3.2 1B 4-bit": {"model": "llama-3.2-1b"},
        "Mac M4": {"device": "apple-m4", "compute": MAC_TFLOPS},
        "Mac M4 Pro": {"device": "apple-m4-pro", "compute": MAC_TFLOPS},
        "Mac M4 Max": {"device": "apple-m4-max", "compute": MAC_TFLOPS},
    },
))


@dataclass(frozen=True)
class BoundRow:
    label: str
    conditions: str
    bytes_per_token: float
    bandwidth_bytes_per_second: float
    bound_tokens_per_second: float
    measured_tokens_per_second: float
    fraction_of_bound_ratio: float
    constants: Texts


def _bound_row(label: str, conditions: str, device: str, bytes_key: str | None,
               bytes_value: float, measured_key: str) -> BoundRow:
    bw = accelerator(device).memory_bandwidth_bytes_per_second
    size = _c(bytes_key) if bytes_key else bytes_value
    bound = bw / size
    measured = _c(measured_key)
    keys = tuple(k for k in (bytes_key, measured_key) if k)
    return BoundRow(label, conditions, size, bw, bound, measured, measured / bound, keys)


def measured_against_bound() -> tuple[BoundRow, ...]:
    """Published on-device decode rates beside bandwidth / bytes per token (weights only)."""
    phone = "snapdragon-8-gen-3"
    b1 = model("llama-3.2-1b").params_total * 2
    b3 = model("llama-3.2-3b").params_total * 2
    q8 = "qualcomm_llama3_8b_w4a16_bytes"
    return (
        _bound_row("Llama 3.2 1B SpinQuant", "ExecuTorch, OnePlus 12", phone,
                   "et_llama32_1b_spinquant_file_bytes", 0, "et_llama32_1b_spinquant_tokens_per_second"),
        _bound_row("Llama 3.2 1B BF16", "ExecuTorch, OnePlus 12", phone, None, b1,
                   "et_llama32_1b_bf16_tokens_per_second"),
        _bound_row("Llama 3.2 3B BF16", "ExecuTorch, OnePlus 12", phone, None, b3,
                   "et_llama32_3b_bf16_tokens_per_second"),
        _bound_row("Llama 3 8B 4-bit", "ExecuTorch, Galaxy S24", phone, q8, 0,
                   "et_llama3_8b_int4_s24_tokens_per_second"),
        _bound_row("Llama 3 8B 4-bit", "ExecuTorch, OnePlus 12", phone, q8, 0,
                   "et_llama3_8b_int4_oneplus12_tokens_per_second"),
        _bound_row("Llama 3.1 8B Q4_K_M", "llama.cpp Metal, Mac mini M4", "apple-m4", q8, 0,
                   "llamacpp_m4_llama31_8b_q4km_tokens_per_second"),
    )


@dataclass(frozen=True)
class AppleImplied:
    """Apple publishes rates but not the iPhone's bandwidth: the bandwidth they imply."""

    ttft_seconds: float
    decode_seconds: float
    total_seconds: float
    implied_bandwidth_bytes_per_second: float
    constants: Texts


def apple_example(prompt_tokens: int = 1000, output_tokens: int = 300) -> AppleImplied:
    """REFERENCES guide 14, example 1: 1,000-token prompt, 300-token answer on iPhone 15 Pro."""
    ttft = prompt_tokens * _c("apple_ondevice_prefill_seconds_per_token")
    rate = _c("apple_ondevice_decode_tokens_per_second")
    implied = _c("apple_ondevice_params") * _c("apple_ondevice_bits_per_weight") / 8 * rate
    return AppleImplied(ttft, output_tokens / rate, ttft + output_tokens / rate, implied,
                        ("apple_ondevice_prefill_seconds_per_token",
                         "apple_ondevice_decode_tokens_per_second", "apple_ondevice_params",
                         "apple_ondevice_bits_per_weight"))


@dataclass(frozen=True)
class SweepPoint:
    prompt_tokens: int
    device_ttft_seconds: float
    device_total_seconds: float
    cloud_first_token_seconds: float
    cloud_total_seconds: float
    constants: Texts = ()


@table
def prompt_sweep(**inputs: object) -> Iterator[SweepPoint]:
    """Device and cloud times across the registered prompt lengths (the chart's data)."""
    from calculators.registry import get
    for n in get("edge_vs_cloud").sweeps["prompt"]:
        r = run("edge_vs_cloud", {**inputs, "prompt": n})
        yield SweepPoint(int(n), r.device_ttft_seconds, r.device_total_seconds,
                         r.cloud_first_token_seconds, r.cloud_total_seconds, CONSTANTS)


register_table("edge_measured_against_bound", measured_against_bound)
register_table("edge_apple_example", apple_example)
register_table("edge_prompt_sweep", prompt_sweep)


def _phone_check():  # noqa: ANN202
    row = measured_against_bound()[3]
    return reference_check(
        "edge_phone_8b_bound",
        "Llama 3 8B 4-bit decode on a Snapdragon 8 Gen 3 phone: the bandwidth bound against "
        "ExecuTorch's Galaxy S24 measurement", row.bound_tokens_per_second,
        row.measured_tokens_per_second, "tokens per second", row.constants)


register_check("edge_phone_8b_bound", _phone_check)
