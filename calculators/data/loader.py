"""The one loader of the data files: ``calculators/data/<name>.toml`` into frozen records.

A data file holds arrays of tables, one per record kind, in the order they are published:

.. code-block:: toml

    [[constant]]
    key = "tcp_handshake_round_trips"
    value = 1
    unit = "round trips"
    label = "TCP three-way handshake before the client may send data"
    source_url = "https://www.rfc-editor.org/rfc/rfc9293"
    source_title = "RFC 9293: Transmission Control Protocol (section 3.5)"
    as_of = 2022-08-01
    checked_on = 2026-11-26
    note = "Without TCP Fast Open."

Keys are the record's field names; a field with a default (``status = "VERIFIED"``) or whose
type allows None may be left out. Dates are TOML dates. Prices may be written per million
tokens, the way price pages print them: ``input_usd_per_mtok = 3.00`` fills
``input_usd_per_token`` with ``3.00 / MTOK``. Every record validates itself as it is built
(source URL, title, date, status, the value's range); a bad value, a missing or unknown key
fails the import with a message naming the file, the record and the key. ``constant`` records
are registered in :data:`~calculators.data.records.CONSTANTS`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

from calculators.data.catalog_records import (
    MTOK, Accelerator, ModelSpec, ProviderModel, RateLimitTier,
)
from calculators.data.records import Constant, register

__all__ = ["DATA_DIR", "KINDS", "build_record", "load"]

DATA_DIR = Path(__file__).resolve().parent
#: The record kinds a data file may hold: table name -> record type. A module with a record
#: type of its own passes it to :func:`load` (``kinds={"fixture": Fixture}``).
KINDS: dict[str, type] = {
    "constant": Constant, "model": ModelSpec, "accelerator": Accelerator,
    "provider_model": ProviderModel, "rate_limit": RateLimitTier,
}
_PER_MTOK = "_usd_per_mtok"


def _value(annotation: str, value: Any, kinds: Mapping[str, type], where: str) -> Any:
    """A TOML value as the field holds it: arrays become tuples, nested tables records."""
    if isinstance(value, list) and annotation.startswith("tuple"):
        inner = next(((n, t) for n, t in kinds.items() if t.__name__ in annotation), None)
        return tuple(_build(inner[1], v, kinds, f"{where}, {inner[0]} ")
                     if inner and isinstance(v, dict) else _value("tuple", v, kinds, where)
                     for v in value)
    return value


def _build(kind: type, row: Mapping[str, Any], kinds: Mapping[str, type], where: str) -> Any:
    """One record of type ``kind`` from one table; ValueError names ``where`` and the key."""
    row = {(k[: -len(_PER_MTOK)] + "_usd_per_token" if k.endswith(_PER_MTOK) else k):
           (v / MTOK if k.endswith(_PER_MTOK) else v) for k, v in row.items()}
    label = f"{where}{row.get('key', row.get('tier', '?'))!s}"
    known = {f.name: f for f in fields(kind)}
    unknown = sorted(set(row) - set(known))
    if unknown:
        raise ValueError(f"{label}: unknown key {unknown[0]!r}")
    args: dict[str, Any] = {}
    for name, f in known.items():
        if name in row:
            args[name] = _value(str(f.type), row[name], kinds, label)
        elif f.default is MISSING and f.default_factory is MISSING:
            if "None" not in str(f.type):
                raise ValueError(f"{label}: missing key {name!r}")
            args[name] = None
    try:
        return kind(**args)
    except (TypeError, ValueError) as exc:  # the record's own check names it: add the file
        raise ValueError(f"{where.split(': ')[0]}: {exc}") from None


def build_record(kind: type, row: Mapping[str, Any], where: str) -> Any:
    """One frozen record of type ``kind`` from one TOML table (arrays become tuples); a bad
    or unknown key raises ValueError naming ``where`` (``"specs/x.toml: field "``)."""
    return _build(kind, row, {}, where)


def load(name: str, *, kinds: Mapping[str, type] | None = None,
         values: Mapping[str, float] | None = None) -> dict[str, list[Any]]:
    """Build every record of ``<name>.toml``; register its constants; return records by kind.

    ``values`` supplies the value of constants that Python derives (a byte count of a
    fixture): key -> value, for constants the file lists without ``value``.
    """
    path = DATA_DIR / f"{name}.toml"
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"data file {path.name}: {exc}") from None
    every = {**KINDS, **(kinds or {})}
    out: dict[str, list[Any]] = {}
    for table, rows in document.items():
        if table not in every or not isinstance(rows, list):
            raise ValueError(f"data file {path.name}: unknown table {table!r} "
                             f"(known: {', '.join(sorted(every))})")
        derived = values or {}
        out[table] = [_build(every[table], {**row, **({"value": derived[row["key"]]}
                                                     if row.get("key") in derived else {})},
                             every, f"data file {path.name}: {table} ")
                      for row in rows]
    register(*out.get("constant", ()))
    return out
