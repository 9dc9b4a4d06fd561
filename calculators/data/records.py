"""The record types of the sourced data, and the registry of constants.

A ground module: it imports nothing from ``calculators``. The domain data modules
(``calculators/data/<domain>.py``) import their record types from here, and
``calculators/data/__init__.py`` lists those modules, so the package has no import ring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["CONSTANTS", "READ_NOTE", "READ_ON", "Constant", "constant", "register"]

#: The day this project read sources that state no date of their own; records using it say so
#: with READ_NOTE.
READ_ON = date(2026, 11, 26)
READ_NOTE = "The page states no date; the date is the day the source was read."


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
        if not self.source_url.startswith("https://"):
            raise ValueError(f"constant {self.key}: source_url must be an https URL")
        if self.checked_on is not None and self.checked_on < self.as_of:
            raise ValueError(f"constant {self.key}: checked_on is before as_of")
        if self.status not in {"VERIFIED", "SECONDARY", "DERIVED"}:
            raise ValueError(f"constant {self.key}: unknown status {self.status!r}")


CONSTANTS: dict[str, Constant] = {}


def register(*records: Constant) -> None:
    """Add records to :data:`CONSTANTS`; a key may be defined once only."""
    for record in records:
        if record.key in CONSTANTS:
            raise ValueError(f"constant {record.key} is defined twice")
        CONSTANTS[record.key] = record


def constant(key: str) -> Constant:
    """Return the record for ``key`` or raise a KeyError that lists the known keys."""
    try:
        return CONSTANTS[key]
    except KeyError:
        known = ", ".join(sorted(CONSTANTS))
        raise KeyError(f"unknown constant {key!r}; known: {known}") from None
