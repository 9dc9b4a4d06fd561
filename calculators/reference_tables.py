"""The numbers the reference pages print, in the units their tables use.

The catalogs store base units (bytes, bytes per second, FLOP/s, USD per token); the reference
tables print FLOP/s in TFLOP/s and prices per million tokens, as datasheets and price pages do.
Those conversions are arithmetic, so they live here and the macros only format (house rule).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calculators.catalogs import CATALOGS
from calculators.data.catalog_records import DTYPES, MTOK, Accelerator, ProviderModel

__all__ = ["DTYPE_ORDER", "GENAI_REPORT_PATH", "PRICE_FIELDS", "PriceRow", "TFLOPS",
           "accelerator_tflops", "genai_prices_report", "price_rows"]

#: The committed comparison with genai-prices (``scripts/genai_prices_report.py`` writes it).
GENAI_REPORT_PATH = Path(__file__).resolve().parent / "data" / "genai_prices_report.json"

TFLOPS = 1e12
DTYPE_ORDER = ("fp16", "bf16", "fp8", "int8", "int4")
assert set(DTYPE_ORDER) == DTYPES
#: ProviderModel price fields, in table order.
PRICE_FIELDS = ("input_usd_per_token", "cache_read_usd_per_token",
                "cache_write_5m_usd_per_token", "cache_write_1h_usd_per_token",
                "output_usd_per_token")


def accelerator_tflops(device: Accelerator) -> dict[str, float | None]:
    """Dense TFLOP/s (TOPS for integer types) per dtype; None where the source states none."""
    flops = device.dense_flops_per_second
    return {dtype: flops[dtype] / TFLOPS if dtype in flops else None for dtype in DTYPE_ORDER}


@dataclass(frozen=True)
class PriceRow:
    """One provider model's prices per million tokens (None: not offered)."""

    key: str
    usd_per_mtok: dict[str, float | None]
    long_context_input_usd_per_mtok: float | None
    long_context_output_usd_per_mtok: float | None


def _per_mtok(value: float | None) -> float | None:
    return None if value is None else value * MTOK


def price_rows() -> list[PriceRow]:
    records: dict[str, ProviderModel] = dict(CATALOGS["provider_models"])
    return [
        PriceRow(
            key=key,
            usd_per_mtok={name: _per_mtok(getattr(pm, name)) for name in PRICE_FIELDS},
            long_context_input_usd_per_mtok=_per_mtok(pm.long_context_input_usd_per_token),
            long_context_output_usd_per_mtok=_per_mtok(pm.long_context_output_usd_per_token),
        )
        for key, pm in records.items()
    ]


def genai_prices_report() -> dict[str, Any]:
    """The committed genai-prices comparison, prices per million tokens (``*_per_mtok``)."""
    data = json.loads(GENAI_REPORT_PATH.read_text(encoding="utf-8"))
    for row in data["rows"]:
        if row["quantity"].endswith("_usd_per_token"):
            row["quantity"] = row["quantity"].replace("_usd_per_token", "_usd_per_mtok")
            row["ours"] = _per_mtok(row["ours"])
            row["genai_prices"] = _per_mtok(row["genai_prices"])
    return data
