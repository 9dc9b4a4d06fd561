"""Input fields: what a reader types, its unit, its range, and the one validation message.

A :class:`Field` describes one input of a calculator the way the reader sees it: a short
``key`` (used in the URL query string, on the CLI and as the form control's name), a label, the
display unit the reader types in (``ms``, ``tokens``, ``Mbit/s``) and the range in that unit.
``name`` is the keyword argument of the pure function, in base units (``rtt_seconds``), and
``scale`` converts: ``base = display / scale``.

The same parsing rules and messages are implemented in ``docs/assets/js/calc-core.js``; the
shared vectors check that both produce the same text for the same bad input.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Field", "parse_field", "plain_number", "require_range"]

# Plain decimal notation only: no hex, no underscores, no "nan" or "inf" (Python's float()
# accepts some of those and JavaScript's Number() accepts others).
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


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


def _range_message(field: Field, got: str) -> str:
    kind = "a whole number" if field.integer else "a number"
    return (
        f"{field.label} ({field.key}) must be {kind} from {plain_number(field.minimum)} "
        f"to {plain_number(field.maximum)} {field.unit}; got {got}."
    )


def _describe(raw: object) -> str:
    if isinstance(raw, bool):
        return repr(str(raw))
    if isinstance(raw, (int, float)):
        return plain_number(raw) if math.isfinite(raw) else repr(str(raw))
    text = str(raw).strip()
    return f'"{text}"' if text else "nothing"


def parse_field(field: Field, raw: object) -> float | int | str:
    """Parse one raw input (a string or a number, in display units) and check its range.

    Returns the value in **base units** ready for the pure function. Raises ``ValueError``
    whose message names the field, its unit and its allowed range.
    """
    if field.multiline:
        text = "" if raw is None else str(raw)
        if not text.strip() or len(text) > field.maximum:
            got = "nothing" if not text.strip() else f"{plain_number(len(text))} characters"
            raise ValueError(
                f"{field.label} ({field.key}) must be text of 1 to "
                f"{plain_number(field.maximum)} characters; got {got}."
            )
        return text
    if field.choices:
        allowed = [value for value, _ in field.choices]
        text = str(raw).strip()
        if text not in allowed:
            return_msg = ", ".join(allowed)
            raise ValueError(
                f"{field.label} ({field.key}) must be one of: {return_msg}; got {_describe(raw)}."
            )
        return text
    if isinstance(raw, bool):
        raise ValueError(_range_message(field, _describe(raw)))
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = str(raw).strip()
        if not _NUMBER.match(text):
            raise ValueError(_range_message(field, _describe(raw)))
        value = float(text)
    if not math.isfinite(value) or not field.minimum <= value <= field.maximum:
        raise ValueError(_range_message(field, _describe(raw)))
    if field.integer:
        if not value.is_integer():
            raise ValueError(_range_message(field, _describe(raw)))
        return int(value)
    return value / field.scale


def require_range(name: str, value: float, low: float, high: float, unit: str) -> None:
    """Guard for direct Python callers of a pure function (base units)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number in {unit}; got {value!r}.")
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(
            f"{name} must be from {plain_number(low)} to {plain_number(high)} {unit}; "
            f"got {plain_number(value) if math.isfinite(value) else repr(value)}."
        )
