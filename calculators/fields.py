"""Input fields: what a reader types, its unit, its range, and the one validation message.

A :class:`Field` describes one input of a calculator the way the reader sees it: a short
``key`` (used in the URL query string, on the CLI and as the form control's name), a label, the
display unit the reader types in (``ms``, ``tokens``, ``Mbit/s``) and the range in that unit.
``name`` is the keyword argument of the pure function, in base units (``rtt_seconds``), and
``scale`` converts: ``base = display / scale``.

The same parsing rules and messages are implemented in ``docs/assets/js/calc-core.js``; the
shared vectors check that both produce the same text for the same bad input.

Parsing rules (identical in both languages): surrounding :data:`WHITESPACE` is removed (that
set only: not Python's ``str.strip()`` set, not JavaScript's ``trim()`` set); a number is
plain decimal notation in ASCII digits, optionally with comma thousands separators in groups
of three as the pages print it ("2,000", "1,234.5"); a choice must equal one of its values.
Messages name the field by its label and quote what was typed with control characters escaped,
so a message is always one line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "InputError", "WHITESPACE", "Field", "clean_text", "parse_field", "plain_number",
    "require_choice", "require_range",
]

#: The one whitespace set stripped around a typed value (space, tab, LF, CR, FF, VT).
WHITESPACE = " \t\n\r\f\v"

# Plain decimal notation in ASCII digits only: no hex, no underscores, no "nan" or "inf"
# (Python's float() accepts some of those and JavaScript's Number() accepts others), no
# Unicode digits (Python's \d matches them, JavaScript's does not). Thousands separators are
# commas between groups of exactly three digits.
_NUMBER = re.compile(
    r"^[+-]?([0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?|[0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$",
    re.ASCII,
)
# Characters a message shows as \uXXXX escapes: controls and invisible ones, so a message is
# one line and says exactly what was typed.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u00a0\u200b-\u200f\u2028\u2029\ufeff]")


class InputError(ValueError):
    """Bad input, with the keys (or argument names) of every field it involves.

    ``fields`` lets a form mark each control (``aria-invalid``) and the CLI name each flag;
    :func:`calculators.registry.run` turns argument names into field keys.
    """

    def __init__(self, message: str, fields: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.fields = tuple(fields)


def clean_text(raw: object) -> str:
    """``str(raw)`` without the surrounding :data:`WHITESPACE` (and only that)."""
    return str(raw).strip(WHITESPACE)


def _escape_controls(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True)
class Field:
    """One calculator input as the reader sees it (display units)."""

    key: str
    name: str
    label: str
    unit: str
    default: float | str
    minimum: float = 0.0
    maximum: float = 0.0
    step: float = 1.0
    scale: float = 1.0
    integer: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    #: Free text typed in a text area (pasted JSON); ``maximum`` is its length in characters.
    multiline: bool = False

    def __post_init__(self) -> None:
        if self.multiline:
            if not isinstance(self.default, str) or len(self.default) > self.maximum:
                raise ValueError(f"field {self.key}: default must be text within maximum")
            return
        if self.choices:
            if self.default not in {value for value, _ in self.choices}:
                raise ValueError(f"field {self.key}: default is not one of its choices")
            return
        if not self.minimum <= float(self.default) <= self.maximum:
            raise ValueError(f"field {self.key}: default outside its range")
        if self.scale <= 0:
            raise ValueError(f"field {self.key}: scale must be positive")

    def spec(self) -> dict[str, Any]:
        """The field as plain JSON data (shared with the browser and the vectors)."""
        data: dict[str, Any] = {
            "key": self.key,
            "name": self.name,
            "label": self.label,
            "unit": self.unit,
            "default": self.default,
            "help": self.help,
        }
        if self.multiline:
            data.update(multiline=True, maximum=self.maximum)
        elif self.choices:
            data["choices"] = [list(choice) for choice in self.choices]
        else:
            data.update(
                minimum=self.minimum,
                maximum=self.maximum,
                step=self.step,
                scale=self.scale,
                integer=self.integer,
            )
        return data


def plain_number(value: float) -> str:
    """Render a number for a message: whole numbers with thousands separators."""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return repr(float(value))


def _range_message(field: Field, got: str) -> InputError:
    kind = "a whole number" if field.integer else "a number"
    return InputError(
        f"{field.label} must be {kind} from {plain_number(field.minimum)} "
        f"to {plain_number(field.maximum)} {field.unit}; got {got}.",
        (field.key,),
    )


def _describe(raw: object) -> str:
    if isinstance(raw, bool):
        return f'"{raw}"'
    if isinstance(raw, (int, float)):
        return plain_number(raw) if math.isfinite(raw) else f'"{raw}"'
    text = clean_text(raw)
    return f'"{_escape_controls(text)}"' if text else "nothing"


def parse_field(field: Field, raw: object) -> float | int | str:
    """Parse one raw input (a string or a number, in display units) and check its range.

    Returns the value in **base units** ready for the pure function. Raises ``ValueError``
    whose message names the field, its unit and its allowed range.
    """
    if field.multiline:
        text = "" if raw is None else str(raw)
        if not text.strip() or len(text) > field.maximum:
            got = "nothing" if not text.strip() else f"{plain_number(len(text))} characters"
            raise InputError(
                f"{field.label} must be text of 1 to {plain_number(field.maximum)} characters; "
                f"got {got}.", (field.key,))
        return text
    if field.choices:
        allowed = [value for value, _ in field.choices]
        text = clean_text(raw)
        if text not in allowed:
            return_msg = ", ".join(allowed)
            raise InputError(
                f"{field.label} must be one of: {return_msg}; got {_describe(raw)}.",
                (field.key,),
            )
        return text
    if isinstance(raw, bool):
        raise _range_message(field, _describe(raw))
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = clean_text(raw)
        if not _NUMBER.match(text):
            raise _range_message(field, _describe(raw))
        value = float(text.replace(",", ""))
    if not math.isfinite(value) or not field.minimum <= value <= field.maximum:
        raise _range_message(field, _describe(raw))
    if field.integer:
        if not value.is_integer():
            raise _range_message(field, _describe(raw))
        return int(value)
    return value / field.scale


def require_choice(name: str, value: str, choices: tuple[tuple[str, str], ...]) -> str:
    """Guard for direct Python callers: ``value`` is one of ``choices`` (value, label) pairs;
    returns its label."""
    for choice, label in choices:
        if choice == value:
            return label
    allowed = ", ".join(choice for choice, _ in choices)
    raise ValueError(f"{name} must be one of: {allowed}; got {value!r}.")


def require_range(name: str, value: float, low: float, high: float, unit: str) -> None:
    """Guard for direct Python callers of a pure function (base units)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number in {unit}; got {value!r}.")
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(
            f"{name} must be from {plain_number(low)} to {plain_number(high)} {unit}; "
            f"got {plain_number(value) if math.isfinite(value) else repr(value)}."
        )
