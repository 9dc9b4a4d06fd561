"""Shared test vectors: the same cases run through Python and through the JavaScript twins.

``python -m calculators.vectors`` writes ``tests/vectors.json``; ``--check`` exits 1 when the
committed file differs from what the current code produces. Format (version 1)::

    {"format_version": 1,
     "calculators": {NAME: {"spec": <Calculator.spec()>,
                            "cases": [{"name", "inputs", "expected"} | {"name", "inputs", "error"}]}},
     "formats": [{"format", "value", "expected"} | {"format", "value", "sig", "expected"}],
     "rng": [{"name", "seed", "calls": [[METHOD, ARGS], ...], "expected": [values]}]}

``inputs`` are display-unit values keyed by field key (what a reader types); ``expected`` holds
every scalar field of the Python result (base units); ``error`` is the exact message and
``error_fields`` the keys of the fields it involves (each form marks them ``aria-invalid``).
``parsing`` holds strings both languages must accept or reject alike (:data:`PARSE_SAMPLES`).
A result class that names ``VECTOR_SEQUENCES`` (a simulation's event log) also gets
``"sequences": {field: [values]}``, compared element by element (numbers with relative
tolerance 1e-9, strings exactly, same length, so the same event order).
``rng`` entries replay a sequence of calls on :class:`calculators.rng.Rng` seeded with
``seed`` (``next_u32`` values compare exactly, real values with relative tolerance 1e-9), so
the seeded generator and its twin ``docs/assets/js/rng.js`` are checked in Node and Chromium.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from calculators.collect import Floats, Texts
from calculators.registry import REGISTRY, result_dict, run

__all__ = ["FORMAT_SAMPLES", "FORMAT_SIG_SAMPLES", "RNG_SEQUENCES", "build_vectors", "main",
           "rng_vectors"]

VECTORS_PATH = Path(__file__).resolve().parent.parent / "tests" / "vectors.json"

#: Values for the display-format vectors (base units): ties, powers of ten, tiny and huge.
FORMAT_SAMPLES: dict[str, Floats] = {
    "ms": (0.0, 0.0004, 0.0125, 0.025, 0.6082, 0.9995, 13.275, 101.8),
    "seconds": (0.5, 1.0, 13.0832, 20.41, 101.8, 1234.5678),
    "duration": (0.0001, 0.6082, 0.99949, 0.9996, 1.0, 13.0832, 119.96, 266.57, 7300.0,
                 200000.0, -0.3),
    "percent": (0.0, 0.0015161622566997582, 0.00967653, 0.125, 0.4777, 0.55, 0.07, 0.955423, 1.0),
    "tokens": (0, 1, 500, 2000, 1234567),
    "count": (0, 2, 167, 100000, 6.0, -0.4),
    "number": (-0.0015, 0.000123456, 0.125, 1.005, 2.675, 999.5, 1e6, -42.0, 10.0, 99.0),
    "tokens_per_second": (1.5, 40.0, 8000.0),
    "words_per_minute": (450.0, 1800.0),
    "bytes": (0, 14, 999, 1000, 8000, 468000, 1.06e9, 6.4e12),
    "bytes_iec": (512, 1024, 131072, 327680, 42949672960),
    "bits_per_second": (0, 999, 106000, 20e6, 1.06e9),
    "flops_per_second": (3.53e12, 989.4e12, 1978.9e12, 4.2e15),
    "flops_per_byte": (1.054, 295.343, 2032.12),
    "usd": (0.005615, 0.6465, 1.0, 3.0015, 12000.0, 1234567.891, -0.5),
}

#: ``(format, value, sig)``: rules of thumb with one or two significant figures in all.
FORMAT_SIG_SAMPLES: tuple[tuple[str, float, int], ...] = (
    ("percent", 0.4777, 1), ("percent", 0.5, 2), ("number", 1234.5, 2), ("number", 1250.0, 2),
    ("number", 0.125, 1), ("number", -0.0456, 2), ("duration", 0.99949, 2),
    ("duration", 13.0832, 2), ("duration", 266.57, 2), ("bytes", 468000, 2),
    ("tokens", 1999.0, 1), ("usd", 3.0015, 2), ("usd", 0.005615, 1),
    ("bits_per_second", 106000, 2), ("ms", 0.0125, 2),
)


#: Typed strings both languages must parse alike (issue 8.4): Unicode digits, characters
#: outside the one whitespace set, thousands separators as the pages print them.
PARSE_SAMPLES: Texts = (
    "123", " 5 ", "\t5\n", "\u0661\u0662\u0663", "\uff15", "\x1c5", "\x855", "\ufeff5",
    "\u00a05", "5\u2028", "\u20075", "2,000", "1,234,567.5", "2,00", "20,00", ",000", "1,2345",
    "1e3", "1_000", "0x10", "Infinity", "NaN", "-0", "+.5", "5.", "1\n2", "",
)
PARSE_CHOICES: Texts = (" reused ", "\treused\n", "\u00a0reused", "reused\ufeff",
                                  "REUSED", "")


def _parse_vectors() -> list[dict[str, Any]]:
    from calculators.fields import Field, parse_field

    number = Field("n", "n", "Some number", "units", 1, -1e9, 1e9, 1)
    choice = Field("c", "c", "Connection", "choice", "reused",
                   choices=(("reused", "Reused"), ("new", "New")))
    out = []
    for field, samples in ((number, PARSE_SAMPLES), (choice, PARSE_CHOICES)):
        for raw in samples:
            try:
                out.append({"field": field.spec(), "raw": raw, "value": parse_field(field, raw)})
            except ValueError as error:
                out.append({"field": field.spec(), "raw": raw, "error": str(error)})
    return out


def _case(name: str, calc: str, label: str, inputs: dict[str, Any]) -> dict[str, Any]:
    case: dict[str, Any] = {"name": label, "inputs": inputs}
    try:
        result = run(calc, inputs)
    except ValueError as error:
        case["error"] = str(error)
        case["error_fields"] = list(getattr(error, "fields", ()))
        return case
    case["expected"] = result_dict(result)
    names = getattr(result, "VECTOR_SEQUENCES", ())
    if names:
        case["sequences"] = {name: list(getattr(result, name)) for name in names}
    return case


#: Seeded-generator sequences: (name, seed, calls). Each call is (method, args); the
#: expected values are what :class:`calculators.rng.Rng` returns, call after call.
RNG_SEQUENCES: tuple[tuple[str, int, tuple[tuple[str, Floats], ...]], ...] = (
    ("next_u32, seed 0", 0, (("next_u32", ()),) * 8),
    ("next_u32, seed 2**32 - 1", 4294967295, (("next_u32", ()),) * 4),
    ("uniform, seed 42", 42, (("uniform", ()),) * 8),
    ("uniform_between, seed 1", 1, (("uniform_between", (0.5, 8.0)),) * 4),
    ("exponential, seed 7", 7, (("exponential", (2.0,)),) * 6),
    ("normal, seed 11", 11, (("normal", (0.0, 1.0)),) * 6),
    ("lognormal, seed 12", 12, (("lognormal", (6.0, 0.8)),) * 4),
    ("gamma shape 2.5, seed 13", 13, (("gamma", (2.5, 1.0)),) * 6),
    ("gamma shape 0.3, seed 14", 14, (("gamma", (0.3, 2.0)),) * 6),
    ("mixed call order, seed 2026", 2026, (
        ("uniform", ()), ("gamma", (0.5, 1.0)), ("normal", (3.0, 0.5)), ("exponential", (1.0,)),
        ("next_u32", ()), ("lognormal", (0.0, 1.0)), ("gamma", (4.0, 0.25)), ("uniform", ()),
    )),
)


def rng_vectors() -> list[dict[str, Any]]:
    from calculators.rng import Rng

    out = []
    for name, seed, calls in RNG_SEQUENCES:
        rng = Rng(seed)
        expected = [getattr(rng, method)(*args) for method, args in calls]
        out.append({"name": name, "seed": seed, "calls": [[m, list(a)] for m, a in calls],
                    "expected": expected})
    return out


def build_vectors() -> dict[str, Any]:
    from macros.format import format_value  # display formatting lives with the macros

    calculators: dict[str, Any] = {}
    for name, calc in sorted(REGISTRY.items()):
        cases = [_case(name, name, "defaults", {})]
        for label, inputs in calc.scenarios.items():
            cases.append(_case(name, name, f"scenario: {label}", dict(inputs)))
        for key, values in calc.sweeps.items():
            for value in values:
                cases.append(_case(name, name, f"sweep: {key}={value}", {key: value}))
        for label, inputs in calc.cases.items():
            cases.append(_case(name, name, label, dict(inputs)))
        calculators[name] = {"spec": calc.spec(), "cases": cases}
    formats = [
        {"format": fmt, "value": value, "expected": format_value(fmt, value)}
        for fmt, values in FORMAT_SAMPLES.items()
        for value in values
    ] + [
        {"format": fmt, "value": value, "sig": sig, "expected": format_value(fmt, value, sig)}
        for fmt, value, sig in FORMAT_SIG_SAMPLES
    ]
    return {"format_version": 1, "calculators": calculators, "formats": formats,
            "parsing": _parse_vectors(), "rng": rng_vectors()}


def render() -> str:
    return json.dumps(build_vectors(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculators.vectors", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--path", type=Path, default=VECTORS_PATH)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.path.read_text(encoding="utf-8") if args.path.exists() else ""
        if current != text:
            print(f"{args.path} is stale: run python -m calculators.vectors", file=sys.stderr)
            return 1
        print(f"{args.path} is up to date")
        return 0
    args.path.write_text(text, encoding="utf-8")
    total = sum(len(c["cases"]) for c in build_vectors()["calculators"].values())
    print(f"wrote {args.path}: {total} calculator cases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
