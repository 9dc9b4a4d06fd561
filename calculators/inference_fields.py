"""Input fields of the inference calculators that describe the hardware and the run: the
accelerator (with its catalog preset), tensor parallelism and the efficiencies. Defaults come
from the accelerators catalog (H100 SXM) and the sourced default efficiencies."""

from __future__ import annotations

from calculators.data import constant
from calculators.data.accelerators import accelerator
from calculators.fields import Field
from calculators.presets import preset_field, with_preset_defaults

__all__ = ["DEFAULT_ACCELERATOR", "accelerator_inputs", "accelerator_preset",
           "efficiency_fields", "hardware_fields", "parallel_fields"]


DEFAULT_ACCELERATOR = "h100-sxm"


def accelerator_inputs(key: str, dtype: str = "bf16", *, memory: bool = False,
                       ) -> dict[str, float]:
    """A catalog accelerator as display-unit inputs (TFLOP/s of ``dtype``, GB/s; GB if asked)."""
    spec = accelerator(key)
    inputs = {"peak": spec.dense_flops_per_second[dtype] / 1e12,
              "bandwidth": spec.memory_bandwidth_bytes_per_second / 1e9}
    if memory:
        inputs["memory"] = spec.memory_bytes / 1e9
    if spec.interconnect_bytes_per_second:
        inputs["link"] = spec.interconnect_bytes_per_second / 2 / 1e9
    return inputs


_A = accelerator_inputs(DEFAULT_ACCELERATOR)


def hardware_fields(peak: float = _A["peak"], bandwidth: float = _A["bandwidth"],
                    memory: float | None = None) -> tuple[Field, ...]:
    """Accelerator fields (display units); defaults are H100 SXM's dense BF16 datasheet."""
    fields = [
        Field("peak", "peak_flops_per_second", "Peak dense FLOP/s per GPU", "TFLOP/s", peak,
              0.001, 100_000, 0.1, scale=1e-12, help="For the weight format used; no sparsity."),
        Field("bandwidth", "memory_bandwidth_bytes_per_second", "Memory bandwidth per GPU",
              "GB/s", bandwidth, 1, 100_000, 1, scale=1e-9),
    ]
    if memory is not None:
        fields.append(Field("memory", "memory_bytes", "Memory per GPU", "GB", memory, 1,
                            10_000, 1, scale=1e-9))
    return tuple(fields)


def efficiency_fields() -> tuple[Field, ...]:
    mfu = constant("default_mfu_ratio").value
    mbu = constant("default_mbu_ratio").value
    return (
        Field("mfu", "mfu_ratio", "FLOP/s utilisation (MFU)", "%", mfu * 100, 1, 100, 1,
              scale=100, help="Share of peak FLOP/s prefill reaches."),
        Field("mbu", "mbu_ratio", "Bandwidth utilisation (MBU)", "%", mbu * 100, 1, 100, 1,
              scale=100, help="Share of peak memory bandwidth decode reaches."),
        Field("overhead", "step_overhead_seconds", "Overhead per step", "ms", 0, 0, 10_000, 0.1,
              scale=1000, help="Scheduling and kernel launches the roofline leaves out."),
    )


def parallel_fields(num_gpus: int = 1) -> tuple[Field, ...]:
    return (
        Field("gpus", "num_gpus", "GPUs (tensor parallel)", "GPUs", num_gpus, 1, 64, 1,
              integer=True),
        Field("link", "link_bytes_per_second", "GPU-to-GPU bandwidth, each way", "GB/s",
              _A["link"], 1, 100_000, 1, scale=1e-9,
              help="Half the total NVLink figure a datasheet prints."),
        Field("latency", "collective_latency_seconds", "Latency per all-reduce", "µs", 10, 0,
              10_000, 1, scale=1e6, help="An assumption; measure yours with nccl-tests."),
    )


def accelerator_preset(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """An accelerator preset in front of ``fields``, filling those it knows (peak BF16 FLOP/s,
    bandwidth, memory, half the interconnect figure as the one-way link speed)."""
    getters = {
        "peak": lambda a: a.dense_flops_per_second.get("bf16"),
        "bandwidth": "memory_bandwidth_bytes_per_second",
        "memory": "memory_bytes",
        "link": lambda a: a.interconnect_bytes_per_second / 2 if a.interconnect_bytes_per_second
        else None,
    }
    keys = {f.key for f in fields}
    preset = preset_field(
        "accelerator", "Accelerator", "accelerators",
        fills={k: g for k, g in getters.items() if k in keys}, fields=fields,
        default=DEFAULT_ACCELERATOR, none_as_zero=False,
        help="Fills the GPU figures below from the accelerators table (dense BF16); edit any.")
    return (preset, *with_preset_defaults(preset, fields))
