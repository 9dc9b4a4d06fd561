"""Command line: ``python -m calculators`` lists calculators; ``python -m calculators NAME
--key value ... [--json]`` runs one with display-unit inputs. Bad input prints the message and
exits 2."""

from __future__ import annotations

import argparse
import json
import sys

from calculators.registry import REGISTRY, get, result_dict, run


def _list() -> int:
    width = max(len(name) for name in REGISTRY)
    for name, calc in sorted(REGISTRY.items()):
        print(f"{name:<{width}}  {calc.summary}")
    print("\nRun one: python -m calculators NAME --help")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-l", "--list", "list"}:
        return _list()
    if args[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    name = args.pop(0)
    try:
        calc = get(name)
    except KeyError as error:
        print(str(error).strip('"'), file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(prog=f"python -m calculators {name}", description=calc.summary)
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
    options = parser.parse_args(args)
    inputs = {f.key: getattr(options, f.key) for f in calc.fields if getattr(options, f.key) is not None}
    try:
        result = run(name, inputs)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    values = result_dict(result)
    if options.json:
        print(json.dumps(values, indent=2, sort_keys=False))
        return 0
    width = max(len(k) for k in values)
    for key, value in values.items():
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
