"""The record types of the sourced data, and the registry of constants.

A ground module: it imports nothing from ``calculators``. The domain data modules
(``calculators/data/<domain>.py``) import their record types from here, and
``calculators/data/__init__.py`` lists those modules, so the package has no import ring.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "CONSTANTS", "READ_NOTE", "READ_ON", "STATUSES", "UNIT_RANGES", "Constant",
    "check_provenance", "constant", "enter", "find", "register", "unit_range",
]

#: The day this project read sources that state no date of their own; records using it say so
#: with READ_NOTE.
READ_ON = date(2026, 11, 26)
READ_NOTE = "The page states no date; the date is the day the source was read."


STATUSES = frozenset({"VERIFIED", "SECONDARY", "DERIVED"})


def check_provenance(what: str, source_url: str, source_title: str, as_of: date,
                     status: str, checked_on: date | None = None) -> None:
    """Raise ``ValueError`` unless a record's provenance can be published (issue 8.7).

    ``what`` names the record in the message ("constant tcp_max_segment_bytes"). Any record
    type with provenance fields (the catalog records too) calls this from ``__post_init__``.
    """
    parts = urlsplit(source_url) if isinstance(source_url, str) else None
    if parts is None or parts.scheme != "https" or not parts.hostname or "." not in parts.hostname:
        raise ValueError(f"{what}: source_url must be an https URL with a host; got {source_url!r}")
    if not isinstance(source_title, str) or not source_title.strip():
        raise ValueError(f"{what}: source_title must not be empty")
    if not isinstance(as_of, date):
        raise ValueError(f"{what}: as_of must be a date; got {as_of!r}")
    if checked_on is not None and checked_on < as_of:
        raise ValueError(f"{what}: checked_on is before as_of")
    if status not in STATUSES:
        raise ValueError(f"{what}: unknown status {status!r}")


_POSITIVE = (0.0, math.inf, False)   # (low, high, low included)
_NON_NEGATIVE = (0.0, math.inf, True)

#: The values each display unit allows: unit -> (low, high, low included); high is included.
#: A constant with a unit not listed here fails: add its unit with its range.
UNIT_RANGES: dict[str, tuple[float, float, bool]] = {
    "seconds": _POSITIVE,
    "bytes": _NON_NEGATIVE,
    "bits": _NON_NEGATIVE,
    "level": _NON_NEGATIVE,
    "round trips": _NON_NEGATIVE,
    "decode steps": _NON_NEGATIVE,
    "tokens": _POSITIVE,
    "segments": _POSITIVE,
    "connections": _POSITIVE,
    "streams": _POSITIVE,
    "characters per token": _POSITIVE,
    "words per token": _POSITIVE,
    "tokens per word": _POSITIVE,
    "ratio": (0.0, 1.0, True),
    "percentile": (0.0, 100.0, False),
    "usd": _NON_NEGATIVE,
    # Prompt-caching rules and claims (guides 4 and 6).
    "times the input price": _POSITIVE,
    "content blocks": _POSITIVE,
    "requests per minute": _POSITIVE,    # guide 5: rate limits
    "tokens per minute": _POSITIVE,
    "attempts": _POSITIVE,
    "retries": _NON_NEGATIVE,
    "times": _POSITIVE,                  # guides 6 and 8: multiples, speed-ups ("36.9x")
    "sequences": _POSITIVE,              # guide 8: batch sizes
    "dimensions": _POSITIVE,
    "inputs": _POSITIVE,                 # guides 11 and 14: embeddings, on-device inference
    "bits per weight": _POSITIVE,
    "parameters": _POSITIVE,
}


def unit_range(unit: str) -> tuple[float, float, bool]:
    """The range ``unit`` allows; code points and 0/1 flags are recognised by their wording."""
    if unit in UNIT_RANGES:
        return UNIT_RANGES[unit]
    if unit.startswith("(code point U+"):
        return (0.0, 0x10FFFF, True)
    if unit.startswith("(0 = ") and ", 1 = " in unit:
        return (0.0, 1.0, True)
    if unit.endswith(("per second", "per token", "per word")) or unit.lower().startswith("usd per"):
        return _POSITIVE
    if "/" in unit:  # a rate or a price per unit ("pixels/token", "USD/GB"): above zero
        return _POSITIVE
    raise ValueError(f"unit {unit!r} has no known range: add it to UNIT_RANGES")


@dataclass(frozen=True)
class Constant:
    """One external constant and where it comes from.

    ``key`` carries the unit (``tls13_handshake_round_trips``, ``mlperf_..._ttft_seconds``);
    ``unit`` is the display unit word used in tables ("round trips", "seconds", "ratio").
    ``as_of`` is the date the source states (or the date it was read, said in ``note``).
    ``checked_on`` is the day a maintainer last confirmed that an old source still stands
    (a standard that no later RFC obsoletes); freshness is measured from it when set.
    ``status`` follows REFERENCES.md: VERIFIED, SECONDARY or DERIVED.
    """

    key: str
    value: float
    unit: str
    label: str
    source_url: str
    source_title: str
    as_of: date
    note: str
    status: str = "VERIFIED"
    checked_on: date | None = None

    def __post_init__(self) -> None:
        what = f"constant {self.key}"
        check_provenance(what, self.source_url, self.source_title, self.as_of, self.status,
                         self.checked_on)
        if not self.label.strip():
            raise ValueError(f"{what}: label must not be empty")
        value = self.value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"{what}: value must be a finite number; got {value!r}")
        low, high, low_included = unit_range(self.unit)
        if not ((low <= value if low_included else low < value) and value <= high):
            bound = "from" if low_included else "above"
            raise ValueError(f"{what}: {value!r} {self.unit} is outside what the unit allows "
                             f"({bound} {low:g} to {high:g})")


def enter(table: dict[str, Any], kind: str, key: str, item: Any, verb: str = "defined") -> None:
    """Add ``item`` to ``table`` under ``key``; a key may be entered once only."""
    if key in table:
        raise ValueError(f"{kind} {key} is {verb} twice")
    table[key] = item


def find(kind: str, table: Mapping[str, Any], key: str) -> Any:
    """``table[key]`` or a KeyError that names the kind and lists the known keys."""
    try:
        return table[key]
    except KeyError:
        raise KeyError(f"unknown {kind} {key!r}; known: {', '.join(sorted(table))}") from None


CONSTANTS: dict[str, Constant] = {}


def register(*records: Constant) -> None:
    """Add records to :data:`CONSTANTS`; a key may be defined once only."""
    for record in records:
        enter(CONSTANTS, "constant", record.key, record)


def constant(key: str) -> Constant:
    """Return the record for ``key`` or raise a KeyError that lists the known keys."""
    return find("constant", CONSTANTS, key)
