"""A calculator's declared parts, read from its file in ``calculators/specs/``.

What a form shows and a guide names is data, not code: the title and summary, the JavaScript
module, the outputs (result field, label, display format), the sweeps, the named scenarios and
edge cases, and the invariants. Each calculator keeps them in ``specs/<name>.toml``; its Python
module passes only what is code or computed (the function, the fields, the constants and
data, and any scenario built from a catalog), through :func:`declared`. A key given both ways
is an error, so a spec file can never silently override code or the reverse.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from calculators.data.loader import build_record
from calculators.fields import Field
from calculators.registry import Calculator, Invariants, Output

__all__ = ["SPEC_DIR", "declared", "read_spec"]

SPEC_DIR = Path(__file__).with_name("specs")

_TABLES = ("scenarios", "cases")
_KNOWN = {"title", "summary", "module", "constants", "outputs", "fields", "sweeps", "invariants",
          *_TABLES}


def read_spec(name: str) -> dict[str, Any]:
    """The declared parts of calculator ``name`` as :class:`Calculator` keyword arguments."""
    path = SPEC_DIR / f"{name}.toml"
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    unknown = set(raw) - _KNOWN
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}; known: {sorted(_KNOWN)}")
    spec: dict[str, Any] = {key: raw[key] for key in ("title", "summary", "module") if key in raw}
    where = f"specs/{path.name}: "
    if "constants" in raw:
        spec["constants"] = tuple(raw["constants"])
    if "fields" in raw:
        spec["fields"] = tuple(row if isinstance(row, str) else
                               build_record(Field, row, where + "field ")
                               for row in raw["fields"])
    if "outputs" in raw:
        spec["outputs"] = tuple(Output(*row) for row in raw["outputs"])
    if "sweeps" in raw:
        spec["sweeps"] = {key: tuple(values) for key, values in raw["sweeps"].items()}
    for table in _TABLES:
        if table in raw:
            spec[table] = {label: dict(inputs) for label, inputs in raw[table].items()}
    if "invariants" in raw:
        spec["invariants"] = build_record(Invariants, raw["invariants"], where + "invariants ")
    return spec


def _place(name: str, rows: tuple[Field | str, ...],
           computed: tuple[Field, ...]) -> tuple[Field, ...]:
    """The spec file's fields, each key it names in place of a row taken from ``computed``.

    A field whose default or choices come from a record or a catalog is built in code; the
    spec file still fixes where it stands in the form."""
    by_key = {f.key: f for f in computed}
    named = [row for row in rows if isinstance(row, str)]
    if sorted(named) != sorted(by_key):
        raise ValueError(f"calculator {name}: specs/{name}.toml places fields {sorted(named)}, "
                         f"its module builds {sorted(by_key)}")
    return tuple(by_key[row] if isinstance(row, str) else row for row in rows)


def declared(name: str, function: Callable[..., Any], fields: tuple[Field, ...] | None = None,
             **code: Any) -> Calculator:
    """Calculator ``name``: ``function``, its ``fields`` (unless its spec file lists them), the
    spec file's declared parts and the rest of ``code`` (constants, data, computed scenarios)."""
    spec = read_spec(name)
    if fields is not None:
        if "fields" in spec:
            spec["fields"] = _place(name, spec["fields"], fields)
        else:
            code["fields"] = fields
    both = set(spec) & set(code)
    if both:
        raise ValueError(f"calculator {name}: {sorted(both)} given in both specs/{name}.toml "
                         "and its module")
    return Calculator(name=name, function=function, **spec, **code)
