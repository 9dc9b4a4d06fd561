"""The three shared catalogs by name, and every sourced catalog record for the freshness report.

``CATALOGS`` maps a catalog name ("models", "accelerators", "provider_models") to its dict of
records; presets and the reference pages look entries up through it. :func:`sourced_records`
lists every catalog record, and each rate-limit tier of a provider model, under a key that
names its catalog (``model:llama-3.1-8b``, ``rate-limit:claude-opus-4.5/tier 1``), for
``scripts/freshness.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from calculators.data.accelerators import ACCELERATORS
from calculators.data.models import MODELS
from calculators.data.providers import PROVIDER_MODELS
from calculators.data.records import find

__all__ = ["CATALOGS", "CatalogRow", "catalog_entry", "sourced_records"]

CATALOGS: Mapping[str, Mapping[str, Any]] = {
    "models": MODELS,
    "accelerators": ACCELERATORS,
    "provider_models": PROVIDER_MODELS,
}

#: The key prefix each catalog's rows carry in the freshness report and the sources tables.
PREFIX = {"models": "model", "accelerators": "accelerator", "provider_models": "provider"}


@dataclass(frozen=True)
class CatalogRow:
    """One sourced catalog record under a report key (what freshness needs to know)."""

    key: str
    as_of: date
    checked_on: date | None
    status: str
    source_title: str
    source_url: str


def _row(key: str, record: Any) -> CatalogRow:
    return CatalogRow(key, record.as_of, record.checked_on, record.status, record.source_title,
                      record.source_url)


def catalog_entry(catalog: str, key: str) -> Any:
    """The record ``key`` of catalog ``catalog`` (KeyError naming the known ones)."""
    records = find("catalog", CATALOGS, catalog)
    return find(PREFIX[catalog], records, key)


def sourced_records() -> Iterator[CatalogRow]:
    """Every catalog record (and rate-limit tier) with its provenance, catalogs in order."""
    for name, records in CATALOGS.items():
        for key, record in records.items():
            yield _row(f"{PREFIX[name]}:{key}", record)
            for tier in getattr(record, "rate_limits", ()):
                yield _row(f"rate-limit:{key}/{tier.tier}", tier)
