"""The package's collections: tuples of one element type, and tables built by generators.

Results hold their series as tuples so they stay frozen and hashable. :data:`Floats`,
:data:`Ints` and :data:`Texts` name the three kinds in use; the unit, as everywhere, is in the
field's name.

Most table builders loop over a catalog or a committed run and emit one row record per entry.
Written as generators, they carry no list bookkeeping; :func:`table` collects what one yields
into a tuple, so callers get the same frozen result as from any other calculation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import wraps
from typing import ParamSpec, TypeVar

__all__ = ["Floats", "Ints", "Texts", "table"]

#: A series of numbers (a chart's values, a run's latencies) [unit in the field name].
Floats = tuple[float, ...]
#: A series of whole numbers (token counts, batch sizes).
Ints = tuple[int, ...]
#: A series of texts (labels, constant keys, choice values).
Texts = tuple[str, ...]

P = ParamSpec("P")
Row = TypeVar("Row")


def table(rows: Callable[P, Iterator[Row]]) -> Callable[P, tuple[Row, ...]]:
    """Wrap a generator function so that calling it returns its rows as a tuple."""

    @wraps(rows)
    def collected(*args: P.args, **kwargs: P.kwargs) -> tuple[Row, ...]:
        return tuple(rows(*args, **kwargs))

    return collected
