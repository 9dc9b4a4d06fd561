"""The thin bridge from ``calculators`` to the Markdown pages (mkdocs-macros module).

Registers display filters, a ``calc`` macro that runs a registered calculator, a
``calculator`` macro that renders a live form with build-time outputs, the chart macros of
``macros/charts.py`` (``stacked_bar``, ``waterfall``, ``timeline``, ``line_chart``, ``scatter``,
``flow``),
and a ``sources`` macro that lists every constant the page used, gathered while the page
rendered. No arithmetic happens here.
"""

from __future__ import annotations

import html
import re
import importlib
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from calculators.data.records import READ_NOTE
from macros.figures import wrap
from macros.format import ADJECTIVES, FORMATS, format_value

_used: dict[str, None] = {}
#: Catalog values the page used through a preset (``calculators.presets.SourceRow``), by key.
_rows: dict[str, Any] = {}


def _fresh_calculators() -> Any:
    """Import ``calculators`` anew so ``mkdocs serve`` shows edits without a restart."""
    for name in [m for m in sys.modules if m == "calculators" or m.startswith("calculators.")]:
        del sys.modules[name]
    return importlib.import_module("calculators")


def _record(keys: Iterable[str]) -> None:
    for key in keys:
        _used[key] = None


def _record_rows(rows: Iterable[Any]) -> None:
    for row in rows:
        _rows[row.key] = row
        _used[row.key] = None


def on_pre_page_macros(env: Any) -> None:
    _used.clear()
    sys.modules["macros.charts"].reset()
    _rows.clear()


def _memo_key(kind: str, name: str, args: Sequence[object], kwargs: Mapping[str, object]) -> str:
    return repr((kind, name, tuple(args), sorted(kwargs.items())))


def define_env(env: Any) -> None:
    calculators = _fresh_calculators()
    registry = importlib.import_module("calculators.registry")
    presets = importlib.import_module("calculators.presets")

    # Calculators are pure: a call with the same name and inputs returns the same result, so
    # within one build each is computed once (issue 17.3; e.g. the wire comparison that three
    # tables of guide 2 read). The memo lives in this closure: every build (and every
    # `mkdocs serve` rebuild, which imports `calculators` afresh above) starts empty.
    memo: dict[str, Any] = {}

    def once(kind: str, name: str, compute: Any, *args: object, **kwargs: object) -> Any:
        key = _memo_key(kind, name, args, kwargs)
        if key in memo:
            return memo[key]
        result = compute(*args, **kwargs)
        if not isinstance(result, Iterator):  # a generator can be read only once
            memo[key] = result
        return result

    def run(name: str, inputs: Mapping[str, object] | None = None) -> Any:
        return once("run", name, registry.run, name, dict(inputs or {}))

    def record_calc(calc_record: Any, *runs: Mapping[str, object]) -> None:
        """The calculator's constants, and the catalog entries its presets filled per run."""
        _record(calc_record.constants)
        for inputs in runs:
            _record_rows(presets.source_rows(calc_record.fields, inputs))

    for name, function in {**FORMATS, **ADJECTIVES}.items():
        env.filter(function, name=name)

    @env.macro
    def calc(name: str, **inputs: object) -> Any:
        """Run a registered calculator on display-unit inputs (missing ones take defaults)."""
        calc_record = registry.get(name)
        record_calc(calc_record, inputs)
        return wrap(run(name, inputs))

    @env.macro
    def scenarios(name: str) -> list[tuple[str, Any]]:
        """The calculator's named scenarios, each run: [(label, result), ...]."""
        calc_record = registry.get(name)
        record_calc(calc_record, *calc_record.scenarios.values())
        return wrap([(label, run(name, dict(inputs))) for label, inputs in
                     calc_record.scenarios.items()])

    @env.macro
    def sweep(name: str, key: str, **base: object) -> list[Any]:
        """The calculator run once per value of its registered sweep over ``key``."""
        calc_record = registry.get(name)
        record_calc(calc_record, base)
        return wrap([run(name, {**base, key: value}) for value in calc_record.sweeps[key]])

    @env.macro
    def table(name: str, *args: object, **kwargs: object) -> Any:
        result = once("table", name, registry.TABLES[name], *args, **kwargs)
        for item in result if isinstance(result, tuple) else (result,):
            _record(getattr(item, "constants", ()))
            _record_rows(getattr(item, "source_rows", ()))  # catalog entries a table used
        return wrap(result)

    @env.macro
    def check(name: str) -> Any:
        result = once("check", name, registry.CHECKS[name])
        _record(result.constants)
        return wrap(result)

    @env.macro
    def constant(key: str) -> Any:
        record = calculators.constant(key)
        _record((key,))
        return wrap(record)

    @env.macro
    def fmt(value: float, name: str, sig: int | None = None) -> str:
        return format_value(name, value, sig)

    @env.macro
    def calculator(name: str) -> str:
        """A live calculator form: inputs at their defaults, outputs computed at build time."""
        calc_record = registry.get(name)
        record_calc(calc_record, {})
        return render_form(calc_record, run(name))

    charts = importlib.reload(importlib.import_module("macros.charts"))  # sees fresh layout
    for name in charts.__all__:
        if name != "reset":
            env.macro(getattr(charts, name), name=name)

    @env.macro
    def points(results: Iterable[Any], x: str, y: str) -> list[tuple[float, float]]:
        """``[(result.x, result.y), ...]`` for a line chart series (e.g. from ``sweep``)."""
        return [(getattr(r, x), getattr(r, y)) for r in results]

    # The reference pages' catalog tables (macros/reference.py), reloaded like the calculators.
    importlib.reload(importlib.import_module("macros.reference")).define(env, registry)
    # The Performance page's tables, from the committed docs/performance.json.
    importlib.reload(importlib.import_module("macros.performance")).define(env)

    docs_dir = env.conf["docs_dir"]

    @env.macro
    def guide_exists(slug: str) -> bool:
        """True when ``docs/guides/<slug>.md`` exists (the landing page links only those)."""
        import os

        return os.path.isfile(os.path.join(docs_dir, "guides", f"{slug}.md"))

    @env.macro
    def where_to_start() -> list[dict[str, Any]]:
        """The landing page's reader paths (``extra.start_paths``), resolved against the
        catalog and the guide files that exist: each path's live guides in its section, or,
        while there are none, the nearest live guides elsewhere with why."""
        catalog = env.conf["extra"]["catalog"]
        titles = {g["slug"]: g["title"] for section in catalog for g in section["guides"]}
        paths = []
        for path in env.conf["extra"]["start_paths"]:
            section = next(s for s in catalog if s["section"] == path["section"])
            live = [(g["title"], g["slug"]) for g in section["guides"] if guide_exists(g["slug"])]
            nearest = [(titles[n["slug"]], n["slug"], n["why"]) for n in path["nearest"]
                       if guide_exists(n["slug"])]
            if not live and not nearest:
                raise ValueError(f"start path {path['reader']!r} links no live guide")
            paths.append({**path, "live": live, "waiting": len(section["guides"]) - len(live),
                          "nearest": nearest})
        return paths

    @env.macro
    def sources() -> str:
        """Every constant the page has used so far, with value, scope, source and date."""
        table = render_sources([_rows[key] if key in _rows else calculators.constant(key)
                                for key in _used], calculators.CONSTANTS)
        return table + accuracy_link(env.page.url)


#: The page that says how close the calculators come to published numbers (issue 16).
ACCURACY_PAGE = "accuracy/"


def accuracy_link(page_url: str) -> str:
    """One line under every sources table linking the validation page (relative, so a
    site served from a sub-path works; none on that page itself)."""
    if page_url.rstrip("/") == ACCURACY_PAGE.rstrip("/"):
        return ""
    depth = page_url.count("/") if page_url else 0
    href = "../" * depth + ACCURACY_PAGE
    return (f'<p class="sources-accuracy">How close these models come to published '
            f'measurements: <a href="{href}">How accurate are these numbers?</a></p>')


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
        f"Reset to the worked example</button> "
        # Shown by mount.js (they need JavaScript); the status line announces each copy.
        f'<button type="button" class="md-button calc-copy-link" hidden>Copy link</button> '
        f'<button type="button" class="md-button calc-copy-markdown" hidden>'
        f"Copy as Markdown</button> The page address keeps your inputs: copy it to "
        f'share this state.</p><p class="calc-status" role="status" aria-live="polite"></p>'
        f"</form>"
    )


#: How a record's value prints, by its ``unit`` word; other units print the number and the word.
UNIT_FORMATS = {"bytes": "bytes", "seconds": "duration", "ratio": "percent", "tokens": "tokens"}
STATUS_LABELS = {"VERIFIED": "Verified", "SECONDARY": "Secondary source", "DERIVED": "Derived"}
_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def _record_value(record: Any) -> str:
    """The value column: a constant's value in its unit; a catalog record's ``summary()``."""
    summary = getattr(record, "summary", None)
    if callable(summary):
        return str(summary())
    if not hasattr(record, "value"):
        return ""
    unit = getattr(record, "unit", "")
    if unit in UNIT_FORMATS:
        return format_value(UNIT_FORMATS[unit], record.value)
    if record.value == 1 and unit.endswith("s") and not unit.startswith("("):
        unit = unit[:-1]  # "1 round trip"
    return f"{format_value('number', record.value)} {unit}".strip()


def _scope(note: str, lookup: Mapping[str, Any]) -> str:
    """The scope note as HTML: a constant key becomes its value, any other identifier code."""
    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in lookup:
            return html.escape(_record_value(lookup[word]))
        return f"<code>{html.escape(word)}</code>"

    return _IDENTIFIER.sub(replace, html.escape(note))


def _date_cell(record: Any, undated: bool) -> str:
    day = record.as_of.isoformat()
    text = f'<time datetime="{day}">{day}</time>' + ("<sup>*</sup>" if undated else "")
    checked = getattr(record, "checked_on", None)
    if checked:
        text += f' (still current on <time datetime="{checked.isoformat()}">{checked.isoformat()}</time>)'
    return text


def render_sources(records: Sequence[Any], lookup: Mapping[str, Any] | None = None) -> str:
    """Every record the page used, in a disclosure styled as an admonition (``#sources``).

    Records are constants or catalog entries: any object with the provenance fields
    (``source_url``, ``source_title``, ``as_of``, ``status``, ``note``, ``checked_on``) and a
    ``label`` or ``name``; the value column shows ``value`` in its ``unit`` or, for a record
    with several values, its ``summary()``. ``lookup`` maps constant keys to records so a key
    named in a note reads as its value. The note "the page states no date" is said once.
    """
    if not records:
        raise ValueError("sources(): the page used no constants; nothing to list")
    lookup = lookup or {}
    rows, any_undated = [], False
    for r in records:
        note = r.note
        undated = READ_NOTE in note
        any_undated = any_undated or undated
        note = note.replace(READ_NOTE, "").strip()
        label = getattr(r, "label", None) or getattr(r, "name", None) or r.key
        rows.append(
            f'<tr><td data-label="Constant"><span class="sources-label">{html.escape(label)}</span>'
            + (f'<span class="sources-scope">{_scope(note, lookup)}</span>' if note else "")
            + f'</td><td data-label="Value">{html.escape(_record_value(r))}</td>'
            f'<td data-label="Source"><a href="{_attr(r.source_url)}">'
            f"{html.escape(r.source_title)}</a>"
            f'<span class="sources-date">{_date_cell(r, undated)} · '
            f"{html.escape(STATUS_LABELS.get(r.status, r.status.title()))}</span></td></tr>"
        )
    footnote = (
        '<p class="sources-note"><sup>*</sup> The source states no date; the date is the day '
        "this project read it.</p>" if any_undated else ""
    )
    count = len(records)
    noun = "constant" if count == 1 else "constants"
    return (
        f'<details class="info sources-details" id="sources"><summary>Sources and dates of the '
        f"{count} {noun} this page uses</summary>"
        '<table class="sources"><thead><tr><th scope="col">Constant and scope</th>'
        '<th scope="col">Value</th><th scope="col">Source, date and status</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{footnote}</details>"
    )
