"""Presets: a form field whose choices are catalog entries (plus "custom") and that fills others.

A :class:`PresetField` is an ordinary choice :class:`~calculators.fields.Field` (so forms, the
URL, the CLI flag ``--model`` and the validation message come for free) that also carries a
table: for each catalog entry, the display-unit value of every field it fills. Build one with
:func:`preset_field` from a catalog name ("models", "accelerators", "provider_models") and a
map from dependent field keys to record attributes; the values are read from the catalog
once, converted with each dependent field's ``scale`` and checked against its range, so the
JavaScript twin receives them through the spec and never retypes one.

Running a calculator (:func:`calculators.registry.run_calculator`) first calls
:func:`resolve`: when the preset names an entry, every dependent field the caller did not give
takes the entry's value; a field the caller gave wins (an override). "custom" fills nothing.
The preset field itself is not passed to the pure function. ``docs/assets/js/presets.js``
implements the same rules; the shared vectors check both.

:func:`source_rows` lists the catalog entry a run used as sources-table rows, so a page that
shows a preset form cites the entry's source and date in ``{{ sources() }}``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from calculators.catalogs import CATALOGS, PREFIX
from calculators.fields import Field, clean_text, parse_field

__all__ = [
    "CUSTOM", "PresetField", "SourceRow", "is_preset", "preset_field", "resolve",
    "source_rows", "with_preset_defaults",
]

#: The choice that fills nothing: the reader types every value.
CUSTOM = "custom"

Getter = str | Callable[[Any], Any]
Table = tuple[tuple[str, tuple[tuple[str, float | int | str], ...]], ...]


@dataclass(frozen=True)
class PresetField(Field):
    """A choice field over a catalog's entries; ``table`` holds what each entry fills."""

    catalog: str = ""
    table: Table = ()

    def values_for(self, entry: str) -> dict[str, float | int | str]:
        """Display-unit values entry ``entry`` fills, by field key ({} for "custom")."""
        return dict(dict(self.table).get(entry, ()))

    def spec(self) -> dict[str, Any]:
        data = super().spec()
        data["preset"] = {
            "catalog": self.catalog,
            "custom": CUSTOM,
            "values": {entry: dict(values) for entry, values in self.table},
        }
        return data


def is_preset(field: Field) -> bool:
    return isinstance(field, PresetField)


def _display(target: Field, value: Any) -> float | int | str:
    """A catalog value (base units) as the reader would type it into ``target``."""
    if target.choices:
        return str(value)
    shown = float(f"{float(value) * target.scale:.12g}")
    return int(shown) if target.integer or shown.is_integer() else shown


def preset_field(key: str, label: str, catalog: str, fills: Mapping[str, Getter],
                 fields: Sequence[Field], default: str, help: str = "",
                 entries: Iterable[str] | None = None, none_as_zero: bool = True) -> PresetField:
    """A preset over ``catalog`` that fills ``fields`` (by key) from record attributes.

    ``fills`` maps a dependent field key to an attribute name of the record or a function of
    the record (base units; the field's ``scale`` converts). A ``None`` attribute fills 0 when
    ``none_as_zero`` and 0 is in the field's range. ``entries`` limits the choices; by default
    every entry whose values all fit is offered. ``default`` is an entry key or "custom".
    """
    records = CATALOGS[catalog]
    targets = {f.key: f for f in fields}
    missing = sorted(set(fills) - set(targets))
    if missing:
        raise ValueError(f"preset {key}: fills unknown fields {', '.join(missing)}")
    wanted = list(entries) if entries is not None else list(records)
    table = []
    for entry in wanted:
        record = records[entry]
        values: list[tuple[str, float | int | str]] = []
        try:
            for field_key, getter in fills.items():
                raw = getter(record) if callable(getter) else getattr(record, getter)
                if raw is None and none_as_zero:
                    raw = 0
                if raw is None:
                    raise ValueError(f"{entry} has no value for {field_key}")
                shown = _display(targets[field_key], raw)
                parse_field(targets[field_key], shown)  # in range, whole where it must be
                values.append((field_key, shown))
        except (ValueError, TypeError) as error:
            if entries is not None:
                raise ValueError(f"preset {key}: {error}") from None
            continue  # an entry that cannot fill every field is not offered
        table.append((entry, tuple(values)))
    choices = tuple((entry, records[entry].name) for entry, _ in table) + ((CUSTOM, "Custom"),)
    return PresetField(key=key, name=key, label=label, unit="choice", default=default,
                       choices=choices, help=help, catalog=catalog, table=tuple(table))


def with_preset_defaults(preset: PresetField, fields: Sequence[Field]) -> tuple[Field, ...]:
    """``fields`` with the defaults the preset's default entry fills (so a page opens on it)."""
    values = preset.values_for(preset.default)
    return tuple(dataclasses.replace(f, default=values[f.key]) if f.key in values else f
                 for f in fields)


def resolve(fields: Sequence[Field], given: Mapping[str, object]) -> dict[str, object]:
    """``given`` plus, for each preset that names an entry, the values the caller left out."""
    out = dict(given)
    for field in fields:
        if isinstance(field, PresetField):
            entry = clean_text(out.get(field.key, field.default))
            for key, value in field.values_for(entry).items():
                out.setdefault(key, value)
    return out


@dataclass(frozen=True)
class SourceRow:
    """One catalog value a page used, shaped like a constant for the sources table."""

    key: str
    label: str
    value: float
    unit: str
    note: str
    source_url: str
    source_title: str
    as_of: date
    status: str
    checked_on: date | None = None


def source_rows(fields: Sequence[Field], given: Mapping[str, object]) -> list[SourceRow]:
    """Rows for the catalog entries a run with ``given`` took values from (numbers only)."""
    rows = []
    targets = {f.key: f for f in fields}
    for field in fields:
        if not isinstance(field, PresetField):
            continue
        entry = clean_text(given.get(field.key, field.default))
        values = field.values_for(entry)
        if not values:
            continue
        record = CATALOGS[field.catalog][entry]
        note = record.note
        for key, value in values.items():
            if isinstance(value, str) or key in given:
                continue  # a choice, or a value the reader overrode
            target = targets[key]
            rows.append(SourceRow(
                key=f"{PREFIX[field.catalog]}:{entry}:{key}",
                label=f"{record.name}: {target.label}", value=value, unit=target.unit,
                note=note, source_url=record.source_url, source_title=record.source_title,
                as_of=record.as_of, status=record.status, checked_on=record.checked_on))
            note = f"From the {record.name} entry above."
    return rows
