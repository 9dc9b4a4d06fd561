"""What an accelerator's datasheet numbers mean for decoding: the reference page's preset form.

Given one device's memory capacity M [B], memory bandwidth BW [B/s] and dense FLOP/s F:

    full sweep    t = M / BW        [s]   the time to read every byte of memory once
    sweep rate    1 / t             [1/s] steps per second when the weights fill memory: the
                                          ceiling on single-stream decode speed for such a model
    ridge point   F / BW            [FLOP/B] arithmetic intensity where compute and bandwidth
                                          take equally long (the roofline's "critical batch")

The accelerator preset fills M, BW and F from ``calculators/data/accelerators.toml``; any value
can be overwritten. References: the JAX scaling book ("How to Think About GPUs") derives the
critical batch as peak FLOP/s over HBM bandwidth (H100 SXM about 295, REFERENCES part 1.1).
The full model (weights plus KV cache, batches) is ``calculators/roofline.py``'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.fields import Field
from calculators.presets import preset_field, with_preset_defaults
from calculators.registry import register
from calculators.spec_files import declared

__all__ = ["DEVICE_FIELDS", "DEVICE_PRESET", "DeviceRatios", "device_ratios"]


@dataclass(frozen=True)
class DeviceRatios:
    memory_bytes: float
    memory_bandwidth_bytes_per_second: float
    dense_flops_per_second: float
    memory_sweep_seconds: float
    sweeps_per_second: float
    ridge_flops_per_byte: float


def device_ratios(*, memory_bytes: float, memory_bandwidth_bytes_per_second: float,
                  dense_flops_per_second: float) -> DeviceRatios:
    """Full-memory sweep time, sweeps per second and ridge point of one device."""
    sweep = memory_bytes / memory_bandwidth_bytes_per_second
    return DeviceRatios(
        memory_bytes=memory_bytes,
        memory_bandwidth_bytes_per_second=memory_bandwidth_bytes_per_second,
        dense_flops_per_second=dense_flops_per_second,
        memory_sweep_seconds=sweep,
        sweeps_per_second=1 / sweep,
        ridge_flops_per_byte=dense_flops_per_second / memory_bandwidth_bytes_per_second,
    )


_FIELDS: tuple[Field, ...] = (
    Field("memory", "memory_bytes", "Memory", "GB", 80, 1, 10_000, 1, scale=1e-9,
          help="Capacity in GB (10⁹ bytes), as datasheets print it."),
    Field("bandwidth", "memory_bandwidth_bytes_per_second", "Memory bandwidth", "GB/s", 3350,
          1, 100_000, 1, scale=1e-9),
    Field("flops", "dense_flops_per_second", "Dense BF16 compute", "TFLOP/s", 989.4, 0.1,
          100_000, 0.1, scale=1e-12, help="Without structured sparsity."),
)

#: The accelerator preset: every catalog device with a published dense BF16 figure.
DEVICE_PRESET = preset_field(
    "accelerator", "Accelerator", "accelerators",
    fills={"memory": "memory_bytes", "bandwidth": "memory_bandwidth_bytes_per_second",
           "flops": lambda a: a.dense_flops_per_second.get("bf16")},
    fields=_FIELDS, default="h100-sxm", none_as_zero=False,
    help="Fills the three values below from the accelerators table; edit any of them.",
)
DEVICE_FIELDS: tuple[Field, ...] = (DEVICE_PRESET, *with_preset_defaults(DEVICE_PRESET, _FIELDS))

register(
    declared("device_ratios", device_ratios, DEVICE_FIELDS)
)
