"""The calculators the site, the CLI and the shared vectors know about.

A :class:`Calculator` ties a pure function to its input fields (display units, ranges,
defaults), the outputs a form shows, the JavaScript module that mirrors it and the sourced
constants it reads. The page forms, ``python -m calculators`` and the vectors file are all
generated from these records, so they cannot drift apart. A calculator's declared parts
(title, outputs, literal fields, scenarios, cases) live in ``specs/<name>.toml``;
:func:`calculators.spec_files.declared` joins them to its code.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import math

from calculators.collect import Floats, Texts
from calculators.data.records import CONSTANTS, constant, enter, find
from calculators.fields import Field, InputError, parse_field
from calculators.invariants import Invariants
from calculators.presets import is_preset, resolve as resolve_presets

__all__ = [
    "CHECKS",
    "Calculator",
    "Invariants",
    "MAX_MAGNITUDE",
    "MIN_MAGNITUDE",
    "Output",
    "REGISTRY",
    "TABLES",
    "ReferenceCheck",
    "get",
    "register",
    "register_check",
    "register_table",
    "run",
    "run_calculator",
    "result_dict",
]


@dataclass(frozen=True)
class Output:
    """One value a form shows: a result field (base units) and how to display it."""

    name: str
    label: str
    format: str


@dataclass(frozen=True)
class Calculator:
    """A pure function plus everything needed to drive it from a page, the CLI or a test."""

    name: str
    title: str
    summary: str
    module: str
    function: Callable[..., Any]
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    constants: Texts = ()
    #: Named inputs (display units, by field key) that a guide compares side by side.
    scenarios: Mapping[str, Mapping[str, object]] = dataclasses.field(default_factory=dict)
    #: Values of one field a guide sweeps over: {field key: values}.
    sweeps: Mapping[str, Floats] = dataclasses.field(default_factory=dict)
    #: Values this project measured or derived from its own fixtures (not external constants,
    #: so not in the sources table), passed to the JavaScript twin beside the constants. A
    #: callable is evaluated when the spec is built, so fixtures are never read at import.
    data: Mapping[str, Any] | Callable[[], Mapping[str, Any]] = dataclasses.field(
        default_factory=dict
    )
    #: Named edge cases for the shared vectors (good or bad input, display units by key).
    cases: Mapping[str, Mapping[str, object]] = dataclasses.field(default_factory=dict)
    #: What the result obeys beyond the naming conventions (``calculators/invariants.py``).
    invariants: Invariants = Invariants()

    def __post_init__(self) -> None:
        keys = [f.key for f in self.fields]
        if len(set(keys)) != len(keys):
            raise ValueError(f"calculator {self.name}: duplicate field keys")
        for key in self.constants:
            constant(key)
        for inputs in self.scenarios.values():
            for key in inputs:
                self.field(key)
        for key in self.sweeps:
            self.field(key)

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        known = ", ".join(f.key for f in self.fields)
        raise KeyError(f"calculator {self.name} has no field {key!r}; fields: {known}")

    def defaults(self) -> dict[str, float | str]:
        return {f.key: f.default for f in self.fields}

    def spec_data(self) -> dict[str, Any]:
        data = dict(self.data() if callable(self.data) else self.data)
        clash = set(self.constants) & set(data)
        if clash:
            raise ValueError(f"calculator {self.name}: keys both constant and data: {clash}")
        return data

    def spec(self) -> dict[str, Any]:
        """Plain JSON data for the browser form and the vectors file (one shared format)."""
        return {
            "name": self.name,
            "title": self.title,
            "module": self.module,
            "function": self.function.__name__,
            "fields": [f.spec() for f in self.fields],
            "outputs": [dataclasses.asdict(o) for o in self.outputs],
            "constants": {key: CONSTANTS[key].value for key in self.constants},
            "data": self.spec_data(),
        }


REGISTRY: dict[str, Calculator] = {}

#: A result number is sane when it is finite and 0 or of magnitude within these bounds (beyond
#: them no figure means anything, and JavaScript prints exponents); otherwise the input is
#: rejected. The browser (calc-core.js) applies the same bounds.
MAX_MAGNITUDE = 1e21
MIN_MAGNITUDE = 1e-15


@dataclass(frozen=True)
class ReferenceCheck:
    """The model replayed on a published measurement: predicted vs measured."""

    name: str
    description: str
    predicted: float
    measured: float
    unit: str
    error_ratio: float
    constants: Texts


def reference_check(
    name: str, description: str, predicted: float, measured: float, unit: str,
    constants: Texts,
) -> ReferenceCheck:
    """Build a check; ``error_ratio = (predicted - measured) / measured``."""
    return ReferenceCheck(
        name, description, predicted, measured, unit, (predicted - measured) / measured,
        constants,
    )


#: Published measurements each model is checked against: name -> function.
CHECKS: dict[str, Callable[[], ReferenceCheck]] = {}


#: Other functions a page may call by name (tables of derived values): name -> function.
#: Their results (or each item of a tuple result) carry a ``constants`` tuple of keys.
TABLES: dict[str, Callable[..., Any]] = {}


def register_table(name: str, function: Callable[..., Any]) -> None:
    enter(TABLES, "table", name, function, "registered")


def register_check(name: str, check: Callable[[], ReferenceCheck]) -> None:
    enter(CHECKS, "check", name, check, "registered")


def register(*calculators: Calculator) -> None:
    for calc in calculators:
        enter(REGISTRY, "calculator", calc.name, calc, "registered")


def get(name: str) -> Calculator:
    return find("calculator", REGISTRY, name)


def run(name: str, inputs: Mapping[str, object] | None = None) -> Any:
    """Run a calculator on display-unit inputs keyed by field key; missing keys use defaults.

    Raises ``ValueError`` (field, unit, range) for bad input and for unknown keys.
    """
    return run_calculator(get(name), inputs)


def run_calculator(calc: Calculator, inputs: Mapping[str, object] | None = None) -> Any:
    """:func:`run` for a calculator record (registered or not, e.g. in a test)."""
    given = dict(inputs or {})
    unknown = sorted(set(given) - {f.key for f in calc.fields})
    if unknown:
        known = ", ".join(f.key for f in calc.fields)
        raise ValueError(f"{calc.name} has no input {', '.join(unknown)}; inputs: {known}.")
    given = resolve_presets(calc.fields, given)  # a preset fills the fields not given
    kwargs = {}
    for f in calc.fields:
        value = parse_field(f, given.get(f.key, f.default))
        if not is_preset(f):  # the preset choice itself is not an argument
            kwargs[f.name] = value
    try:
        result = calc.function(**kwargs)
    except InputError as error:
        # The pure function names fields by argument name; forms and the CLI know keys.
        keys = {f.name: f.key for f in calc.fields}
        error.fields = tuple(keys.get(name, name) for name in error.fields)
        raise
    check_sane(calc, result_dict(result))
    return result


def check_sane(calc: Calculator, values: Mapping[str, Any]) -> None:
    """Reject inputs whose result has a number that is not finite or not of a sane size."""
    for name, value in values.items():
        if isinstance(value, str):
            continue
        if not math.isfinite(value) or (value != 0 and not
                                        MIN_MAGNITUDE <= abs(value) < MAX_MAGNITUDE):
            labels = {o.name: o.label for o in calc.outputs}
            raise InputError(
                f"These inputs give no usable result ({labels.get(name, name)} would be "
                f"{'not finite' if not math.isfinite(value) else 'out of range'}); "
                "change the values above."
            )


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def result_dict(result: Any) -> dict[str, Any]:
    """The scalar fields of a result (numbers and strings), as the JS twin returns them."""
    out: dict[str, Any] = {}
    for name in _field_names(type(result)):
        value = getattr(result, name)
        if isinstance(value, (int, float, str)) and not isinstance(value, bool):
            out[name] = value
    return out
