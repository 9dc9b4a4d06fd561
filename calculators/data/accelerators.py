"""Accelerators and devices: memory, bandwidth, dense FLOP/s per dtype, interconnect.

Units: bytes (GB = 10^9 as the datasheets mean it), bytes per second, FLOP/s. Datasheets print
tensor-core peaks "with sparsity" (2:4 structured) beside or instead of dense ones; every figure
here is **dense** (the sparse figure halved where only that was printed, said in the note).
Where a datasheet and a secondary copy disagree, the record keeps the datasheet figure and says
what the other source states in ``alternate``. Apple does not publish per-dtype FLOP/s for its
GPUs, so those records carry bandwidth and memory only; decode on a device is bandwidth-bound.

The records are in ``accelerators.toml`` beside this module.
"""

from __future__ import annotations

from calculators.data.catalog_records import Accelerator, catalog, lookup
from calculators.data.loader import load

__all__ = ["ACCELERATORS", "accelerator"]

ACCELERATORS: dict[str, Accelerator] = catalog("accelerator", load("accelerators")["accelerator"])


def accelerator(key: str) -> Accelerator:
    """The accelerator record for ``key`` (KeyError listing the known keys)."""
    return lookup("accelerator", ACCELERATORS, key)
