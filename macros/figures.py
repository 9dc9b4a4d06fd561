"""Result numbers that refuse to reach a page unformatted (issue 8.8).

The macros hand pages their results through :func:`wrap`: every number becomes a
:class:`Figure` (float) or :class:`Count` (int) that computes and compares like the plain
number and goes through every format filter, but raises ``TypeError`` when converted to text
without one. So ``{{ r.ttft_seconds }}`` fails the build while
``{{ r.ttft_seconds | duration }}`` prints "608 ms".
"""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ["Count", "Figure", "UnformattedFigure", "wrap"]


class UnformattedFigure(TypeError):
    """A result number was about to be printed without a format filter."""


def _refuse(value: object) -> str:
    raise UnformattedFigure(
        f"a result value ({value!r}) reached the page unformatted: add a format filter, "
        "e.g. {{ r.ttft_seconds | duration }}"
    )


class _MustFormat:
    """A number that must be formatted before it is printed (mixed into float and int).

    ``field`` is the result field it came from, when known (a chart next to a calculator
    uses it to redraw from the live result).
    """

    field: str | None = None
    _base: type = float

    def __new__(cls, value: float, field: str | None = None):  # type: ignore[no-untyped-def]
        obj = super().__new__(cls, value)  # type: ignore[call-arg]
        obj.field = field
        return obj

    def __str__(self) -> str:
        return _refuse(self._base(self))

    def __format__(self, spec: str) -> str:
        return self._base.__format__(self, spec) if spec else _refuse(self._base(self))

    def __html__(self) -> str:
        return self.__str__()


class Figure(_MustFormat, float):
    """A float result that must be formatted before it is printed."""

    _base = float


class Count(_MustFormat, int):
    """An integer result that must be formatted before it is printed."""

    _base = int


class _Record:
    """Attribute access to a result, every number wrapped."""

    __slots__ = ("_target",)

    def __init__(self, target: Any) -> None:
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name: str) -> Any:
        target = self._target
        value = getattr(target, name)
        names = [f.name for f in dataclasses.fields(target)]
        if name in names:
            return wrap(value, {id(value): name})
        # A property (e.g. a chart's components): name each number by the field holding that
        # very object; when several do, the later field wins (results list inputs first).
        return wrap(value, {id(getattr(target, n)): n for n in names})

    def __repr__(self) -> str:
        return f"wrap({self._target!r})"


def wrap(value: Any, names: dict[int, str] | None = None) -> Any:
    """``value`` with every number (also inside records, tuples, lists, dicts) wrapped;
    ``names`` maps ``id()`` of a number to the result field it is."""
    names = names or {}
    if isinstance(value, bool) or value is None or isinstance(value, (Figure, Count, _Record)):
        return value
    if isinstance(value, int):
        return Count(value, names.get(id(value)))
    if isinstance(value, float):
        return Figure(value, names.get(id(value)))
    if isinstance(value, (tuple, list)):
        if type(value) not in (tuple, list):
            return value
        return type(value)(wrap(v, names) for v in value)
    if isinstance(value, dict):
        return {k: wrap(v, names) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _Record(value)
    return value
