"""Command line: ``python -m calculators`` lists calculators; ``python -m calculators NAME
--key value ... [--json]`` runs one with display-unit inputs; ``python -m calculators validate
[--json]`` prints every validation case against its published value (docs/accuracy.md). Bad input, an unknown flag or a
missing value prints one line and exits 2; flags are never abbreviated (``--rt`` is not
``--rtt``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from calculators.registry import REGISTRY, Calculator, get, result_dict, run


class _OneLineParser(argparse.ArgumentParser):
    """argparse without the multi-line usage dump: one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        known = ", ".join(a.option_strings[0] for a in self._actions if a.option_strings)
        _fail(f"{message}; flags: {known}")


def _one_line(text: str) -> str:
    return " ".join(str(text).split("\n")).replace("\r", " ")


def _fail(message: str) -> NoReturn:
    print(f"error: {_one_line(message)}", file=sys.stderr)
    raise SystemExit(2)


def _list() -> int:
    width = max(len(name) for name in REGISTRY)
    for name, calc in sorted(REGISTRY.items()):
        print(f"{name:<{width}}  {calc.summary}")
    print("\nRun one: python -m calculators NAME --help")
    return 0


def _parser(calc: Calculator) -> argparse.ArgumentParser:
    parser = _OneLineParser(prog=f"python -m calculators {calc.name}", description=calc.summary,
                            allow_abbrev=False)
    for field in calc.fields:
        if field.choices:
            choices = ", ".join(v for v, _ in field.choices)
            text = f"{field.label}: one of {choices} (default {field.default})"
        else:
            text = (
                f"{field.label} [{field.unit}], {field.minimum:g} to {field.maximum:g} "
                f"(default {field.default})"
            )
        parser.add_argument(f"--{field.key}", dest=field.key, metavar="VALUE", help=text)
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    return parser


def _validate(args: list[str]) -> int:
    parser = _OneLineParser(prog="python -m calculators validate", allow_abbrev=False,
                            description="Every validation case: predicted against published.")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    options = parser.parse_args(args)
    from calculators.validation_report import report, table_lines

    if options.json:
        print(json.dumps(report(), indent=2, allow_nan=False))
    else:
        print("\n".join(table_lines()))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-l", "--list", "list"}:
        return _list()
    if args[0] == "validate":
        return _validate(args[1:])
    if args[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    name = args.pop(0)
    try:
        calc = get(name)
    except KeyError as error:
        _fail(str(error).strip('"'))
    options = _parser(calc).parse_args(args)
    inputs = {f.key: getattr(options, f.key) for f in calc.fields
              if getattr(options, f.key) is not None}
    try:
        result = run(name, inputs)
        values = result_dict(result)
        text = json.dumps(values, indent=2, allow_nan=False) if options.json else None
    except ValueError as error:
        flags = ", ".join(f"--{key}" for key in getattr(error, "fields", ()))
        _fail(f"{error}" + (f" (flags: {flags})" if flags else ""))
    if text is not None:
        print(text)
        return 0
    width = max(len(k) for k in values)
    for key, value in values.items():
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
