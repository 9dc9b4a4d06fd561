"""Geometry for build-time charts: where each segment of a stacked bar starts and ends.

Kept here, not in the templates, so that no arithmetic happens outside ``calculators/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Segment", "stack"]


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    value: float
    share_ratio: float
    x: float
    width: float
    label_x: float


def stack(items: Sequence[tuple[str, str, float]], width: float) -> tuple[Segment, ...]:
    """Lay ``(key, label, value)`` items side by side across ``width`` units, in order.

    Zero-valued items keep their place with zero width so a table built from the same
    segments still lists them.
    """
    total = sum(value for _, _, value in items)
    if total <= 0:
        raise ValueError("stack needs a positive total")
    segments = []
    x = 0.0
    for key, label, value in items:
        if value < 0:
            raise ValueError(f"segment {key} is negative")
        w = width * value / total
        segments.append(Segment(key, label, value, value / total, x, w, x + w / 2))
        x += w
    return tuple(segments)
