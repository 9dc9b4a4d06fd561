"""The thin bridge from ``calculators`` to the Markdown pages (mkdocs-macros module).

Registers display filters, a ``calc`` macro that runs a registered calculator, a
``calculator`` macro that renders a live form with build-time outputs, the chart macros of
``macros/charts.py`` (``stacked_bar``, ``waterfall``, ``timeline``, ``line_chart``, ``scatter``),
and a ``sources`` macro that lists every constant the page used, gathered while the page
rendered. No arithmetic happens here.
"""

from __future__ import annotations

import html
import importlib
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from macros.format import FORMATS, format_value

_used: dict[str, None] = {}


def _fresh_calculators() -> Any:
    """Import ``calculators`` anew so ``mkdocs serve`` shows edits without a restart."""
    for name in [m for m in sys.modules if m == "calculators" or m.startswith("calculators.")]:
        del sys.modules[name]
    return importlib.import_module("calculators")


def _record(keys: Iterable[str]) -> None:
    for key in keys:
        _used[key] = None


def on_pre_page_macros(env: Any) -> None:
    _used.clear()
    sys.modules["macros.charts"].reset()


def define_env(env: Any) -> None:
    calculators = _fresh_calculators()
    registry = importlib.import_module("calculators.registry")

    for name, function in FORMATS.items():
        env.filter(function, name=name)

    @env.macro
    def calc(name: str, **inputs: object) -> Any:
        """Run a registered calculator on display-unit inputs (missing ones take defaults)."""
        calc_record = registry.get(name)
        _record(calc_record.constants)
        return registry.run(name, inputs)

    @env.macro
    def scenarios(name: str) -> list[tuple[str, Any]]:
        """The calculator's named scenarios, each run: [(label, result), ...]."""
        calc_record = registry.get(name)
        _record(calc_record.constants)
        return [(label, registry.run(name, dict(inputs))) for label, inputs in
                calc_record.scenarios.items()]

    @env.macro
    def sweep(name: str, key: str, **base: object) -> list[Any]:
        """The calculator run once per value of its registered sweep over ``key``."""
        calc_record = registry.get(name)
        _record(calc_record.constants)
        return [registry.run(name, {**base, key: value}) for value in calc_record.sweeps[key]]

    @env.macro
    def table(name: str, *args: object, **kwargs: object) -> Any:
        result = registry.TABLES[name](*args, **kwargs)
        for item in result if isinstance(result, tuple) else (result,):
            _record(getattr(item, "constants", ()))
        return result

    @env.macro
    def check(name: str) -> Any:
        result = registry.CHECKS[name]()
        _record(result.constants)
        return result

    @env.macro
    def constant(key: str) -> Any:
        record = calculators.constant(key)
        _record((key,))
        return record

    @env.macro
    def fmt(value: float, name: str) -> str:
        return format_value(name, value)

    @env.macro
    def calculator(name: str) -> str:
        """A live calculator form: inputs at their defaults, outputs computed at build time."""
        calc_record = registry.get(name)
        _record(calc_record.constants)
        result = registry.run(name)
        return render_form(calc_record, result)

    charts = importlib.reload(importlib.import_module("macros.charts"))  # sees fresh layout
    for name in charts.__all__:
        if name != "reset":
            env.macro(getattr(charts, name), name=name)

    @env.macro
    def points(results: Iterable[Any], x: str, y: str) -> list[tuple[float, float]]:
        """``[(result.x, result.y), ...]`` for a line chart series (e.g. from ``sweep``)."""
        return [(getattr(r, x), getattr(r, y)) for r in results]

    docs_dir = env.conf["docs_dir"]

    @env.macro
    def guide_exists(slug: str) -> bool:
        """True when ``docs/guides/<slug>.md`` exists (the landing page links only those)."""
        import os

        return os.path.isfile(os.path.join(docs_dir, "guides", f"{slug}.md"))

    @env.macro
    def sources() -> str:
        """Every constant the page has used so far, with value, scope, source and date."""
        return render_sources([calculators.constant(key) for key in _used])


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_form(calc: Any, result: Any) -> str:
    spec = calc.spec()
    rows = []
    for field in calc.fields:
        control_id = f"{calc.name}-{field.key}"
        help_id = f"{control_id}-help"
        described = f' aria-describedby="{help_id}"' if field.help else ""
        if field.multiline:
            control = (
                f'<textarea id="{control_id}" name="{_attr(field.key)}" rows="8" '
                f'autocomplete="off" spellcheck="false"{described}>'
                f"{html.escape(str(field.default))}</textarea>"
            )
            unit = ""
        elif field.choices:
            options = "".join(
                f'<option value="{_attr(v)}"{" selected" if v == field.default else ""}>'
                f"{html.escape(label)}</option>"
                for v, label in field.choices
            )
            control = (
                f'<select id="{control_id}" name="{_attr(field.key)}"{described}>{options}</select>'
            )
            unit = ""
        else:
            control = (
                f'<input id="{control_id}" name="{_attr(field.key)}" type="text" '
                f'inputmode="decimal" autocomplete="off" spellcheck="false" '
                f'value="{_attr(field.default)}"{described}>'
            )
            unit = f' <span class="calc-unit">({html.escape(field.unit)})</span>'
        help_text = (
            f'<small id="{help_id}" class="calc-help">{html.escape(field.help)}</small>'
            if field.help else ""
        )
        rows.append(
            f'<div class="calc-field"><label for="{control_id}">{html.escape(field.label)}'
            f"{unit}</label>{control}{help_text}</div>"
        )
    outputs = []
    for out in calc.outputs:
        value = getattr(result, out.name)
        outputs.append(
            f'<tr><th scope="row">{html.escape(out.label)}</th><td>'
            f'<output name="{_attr(out.name)}" data-format="{_attr(out.format)}" '
            f'data-value="{_attr(repr(value))}">{html.escape(format_value(out.format, value))}'
            f"</output></td></tr>"
        )
    return (
        f'<form class="calc" data-calculator="{_attr(calc.name)}" '
        f'data-spec="{_attr(json.dumps(spec, separators=(",", ":")))}" '
        f'aria-label="{_attr(calc.title)}" novalidate>'
        f'<fieldset><legend>{html.escape(calc.title)}: inputs</legend>{"".join(rows)}</fieldset>'
        f'<p class="calc-error" role="alert" hidden></p>'
        f'<table class="calc-outputs"><caption>Results</caption><tbody>{"".join(outputs)}'
        f"</tbody></table>"
        f'<p class="calc-actions"><button type="button" class="md-button calc-reset">'
        f"Reset to the worked example</button> The page address keeps your inputs: copy it to "
        f"share this state.</p></form>"
    )


def render_sources(records: Sequence[Any]) -> str:
    if not records:
        raise ValueError("sources(): the page used no constants; nothing to list")
    rows = []
    for r in records:
        value = f"{format_value('number', r.value)} {r.unit}"
        rows.append(
            f"<tr><td>{html.escape(r.label)}</td><td>{html.escape(value)}</td>"
            f"<td>{html.escape(r.note)}</td>"
            f'<td><a href="{_attr(r.source_url)}">{html.escape(r.source_title)}</a></td>'
            f'<td><time datetime="{r.as_of.isoformat()}">{r.as_of.isoformat()}</time>'
            + (f' (still current on <time datetime="{r.checked_on.isoformat()}">'
               f"{r.checked_on.isoformat()}</time>)" if r.checked_on else "")
            + "</td>"
            f"<td>{html.escape(r.status.lower())}</td></tr>"
        )
    return (
        '<table class="sources"><thead><tr><th scope="col">Constant</th>'
        '<th scope="col">Value</th><th scope="col">Scope</th><th scope="col">Source</th>'
        '<th scope="col">Date</th><th scope="col">Status</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
