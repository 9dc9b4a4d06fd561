"""The sources table under every page, and its link to the validation page."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from macros.format import format_value
from macros.forms import _attr
from macros.islands import island

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
    # Imported here: a build whose pages all come from the cache never imports calculators.
    from calculators.data.records import READ_NOTE

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
    # The table is an island (macros/islands.py): generated, out of Markdown and the search
    # index; the box and its anchor stay in the Markdown, where links to #sources are checked.
    table = island(
        '<table class="sources"><thead><tr><th scope="col">Constant and scope</th>'
        '<th scope="col">Value</th><th scope="col">Source, date and status</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>")
    return (
        f'<details class="info sources-details" id="sources"><summary>Sources and dates of the '
        f"{count} {noun} this page uses</summary>{table}{footnote}</details>"
    )
