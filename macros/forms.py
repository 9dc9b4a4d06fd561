"""The live form a calculator macro writes: its fields, outputs and the spec its script reads."""

from __future__ import annotations

import html
import json
from typing import Any

from macros.format import format_value


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
