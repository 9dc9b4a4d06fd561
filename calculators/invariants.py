"""What no result may ever be: the invariants every calculator's results obey.

A ground module (imports nothing from ``calculators``). Most invariants follow from the
house naming conventions, so a new calculator gets them without writing anything:

* every number is finite;
* ``*_ratio`` is a share within 0-1, except ``*_error_ratio`` (a signed relative error) and
  the ratios a calculator declares as ``multiples`` (at least 0, may exceed 1);
* ``*_usd*``, ``*_bytes*``, ``*_seconds``, ``*_tokens``, ``num_*`` and rates ``*_per_second``
  are at least 0 (except fields declared ``signed``, e.g. a saving that can be a loss);
* ``<p>e2e<q>_seconds`` is at least ``<p>ttft_seconds`` when both exist (end to end includes
  the first token);
* ``<p>_wire_bytes`` is at least ``<p>_body_bytes`` and ``<p>_payload_bytes`` when they exist
  (the wire carries the payload plus framing).

What naming cannot say, a calculator declares with :class:`Invariants` (the ``[invariants]``
table of its spec file, ``calculators/specs/<name>.toml``): extra shares, breakdowns whose shares sum to 1, ``at_least`` pairs, ratios
that are multiples and fields that are signed. Prefer a name that says it (``_multiple``,
``_factor``) to a declaration: ``_ratio`` means 0-1 in this project. ``tests/test_invariants.py`` runs :func:`violations` with hypothesis over
the whole input range of every registered calculator.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Invariants", "SUM_TOLERANCE", "violations"]

#: How far a breakdown's shares may sum away from 1 (floating-point rounding only).
SUM_TOLERANCE = 1e-9
_NON_NEGATIVE = re.compile(
    r"(_usd|_bytes|_seconds$|_tokens$|^num_|_per_second$|^tokens_)"
)
_E2E = re.compile(r"^(?P<p>.*?)e2e(?:_[a-z0-9]+)*_seconds$")
_WIRE = re.compile(r"^(?P<p>.+)_wire_bytes$")


@dataclass(frozen=True)
class Invariants:
    """Invariants a calculator's result declares beyond the naming conventions."""

    #: Fields within 0-1 whose names do not end in ``_ratio``.
    shares: tuple[str, ...] = ()
    #: Groups of shares that together make up the whole: each group sums to 1.
    breakdowns: tuple[tuple[str, ...], ...] = ()
    #: ``(larger, smaller)``: the first field is never below the second.
    at_least: tuple[tuple[str, str], ...] = ()
    #: ``*_ratio`` fields that are multiples (at least 0, may exceed 1), not shares.
    multiples: tuple[str, ...] = ()
    #: Fields that may be negative although their name says otherwise (a saving that can be a
    #: loss, a signed relative change): exempt from the share and non-negative conventions.
    signed: tuple[str, ...] = ()

    def names(self) -> set[str]:
        named = {*self.shares, *self.multiples, *self.signed}
        named.update(n for group in self.breakdowns for n in group)
        named.update(n for pair in self.at_least for n in pair)
        return named


def _share(name: str, declared: Invariants) -> bool:
    if name in declared.shares:
        return True
    return (name.endswith("_ratio") and not name.endswith("_error_ratio")
            and name not in declared.multiples and name not in declared.signed)


def violations(values: Mapping[str, object], declared: Invariants = Invariants()) -> list[str]:
    """Every invariant ``values`` (a result's scalar fields) breaks, as readable lines."""
    numbers = {k: float(v) for k, v in values.items()
               if isinstance(v, (int, float)) and not isinstance(v, bool)}
    found = [f"{k} = {v!r} is not finite" for k, v in numbers.items() if not math.isfinite(v)]
    if found:
        return found
    missing = sorted(declared.names() - set(numbers))
    if missing:
        return [f"declared invariant names unknown fields: {', '.join(missing)}"]
    for name, value in numbers.items():
        if _share(name, declared) and not 0 <= value <= 1:
            found.append(f"{name} = {value!r} is a share outside 0-1")
        elif name in declared.multiples and value < 0:
            found.append(f"{name} = {value!r} is a negative multiple")
        if _NON_NEGATIVE.search(name) and value < 0 and name not in declared.signed:
            found.append(f"{name} = {value!r} is negative")
        e2e = _E2E.match(name)
        if e2e and f"{e2e['p']}ttft_seconds" in numbers:
            ttft = numbers[f"{e2e['p']}ttft_seconds"]
            if value < ttft:
                found.append(f"{name} = {value!r} is below {e2e['p']}ttft_seconds = {ttft!r}")
        wire = _WIRE.match(name)
        if wire:
            for payload in (f"{wire['p']}_body_bytes", f"{wire['p']}_payload_bytes"):
                if payload in numbers and value < numbers[payload]:
                    found.append(f"{name} = {value!r} is below {payload} = {numbers[payload]!r}")
    for larger, smaller in declared.at_least:
        if numbers[larger] < numbers[smaller]:
            found.append(f"{larger} = {numbers[larger]!r} is below {smaller} = "
                         f"{numbers[smaller]!r}")
    for group in declared.breakdowns:
        total = math.fsum(numbers[n] for n in group)
        if abs(total - 1) > SUM_TOLERANCE:
            found.append(f"shares {', '.join(group)} sum to {total!r}, not 1")
    return found
