"""The one seeded pseudo-random generator of the site, shared bit for bit with the browser.

Algorithm: **mulberry32**, a 32-bit-state generator by Tommy Ettinger, as published in
bryc's "PRNGs" notes (https://github.com/bryc/code/blob/master/jshash/PRNGs.md#mulberry32).
Each call adds the Weyl constant ``0x6D2B79F5`` to the state (mod 2**32) and mixes it with two
32-bit multiplications (``Math.imul`` in JavaScript, ``(a * b) & 0xFFFFFFFF`` here). Its twin
``docs/assets/js/rng.js`` implements the same steps and the same helpers in the same call
order, so a simulation seeded alike draws the same numbers in Python and in the browser; the
shared vectors (``tests/vectors.json``, key ``rng``) check the first values of several
sequences in Python, Node and Chromium.

Helpers (each consumes uniforms in exactly this order, in both languages):

* ``uniform()`` = ``next_u32() / 2**32``, in [0, 1)                        (1 draw)
* ``uniform_between(low, high)`` = ``low + (high - low) * uniform()``      (1 draw)
* ``exponential(mean)`` = ``-mean * log(1 - uniform())``                   (1 draw)
* ``normal(mu, sigma)``: Box-Muller, ``u1, u2``; ``mu + sigma * sqrt(-2 log(1 - u1)) *
  cos(2 pi u2)``; the paired sine value is discarded, so every call takes exactly 2 draws
* ``lognormal(mu, sigma)`` = ``exp(normal(mu, sigma))``                    (2 draws)
* ``gamma(shape, scale)``: Marsaglia and Tsang (2000), "A simple method for generating gamma
  variables", ACM TOMS 26(3): per trial one ``normal(0, 1)`` then one ``uniform()``; for
  ``shape < 1`` a ``gamma(shape + 1)`` draw is multiplied by ``uniform() ** (1 / shape)``
  (that uniform is drawn after the inner gamma).

``log``, ``exp``, ``cos`` and ``sqrt`` come from the platform's maths library, which may differ
from V8's in the last bit; comparisons between the languages therefore use a relative tolerance
of 1e-9 on real values and exact equality on ``next_u32``.
"""

from __future__ import annotations

import math

__all__ = ["MASK32", "Rng", "WEYL"]

MASK32 = 0xFFFFFFFF
#: The constant mulberry32 adds to its state on every call.
WEYL = 0x6D2B79F5
_TWO_32 = 4294967296.0


def _imul(a: int, b: int) -> int:
    """32-bit multiplication, low word (JavaScript's ``Math.imul``, as an unsigned value)."""
    return (a * b) & MASK32


class Rng:
    """mulberry32 with its sampling helpers. ``seed``: a whole number from 0 to 2**32 - 1."""

    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MASK32:
            raise ValueError(
                f"seed must be a whole number from 0 to {MASK32:,}; got {seed!r}."
            )
        self.state = seed

    def next_u32(self) -> int:
        """The next 32-bit output, 0 to 2**32 - 1."""
        # _imul written out: the simulators draw hundreds of thousands of these per page.
        t = self.state = (self.state + WEYL) & MASK32
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK32
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK32)) & MASK32
        return (t ^ (t >> 14)) & MASK32

    def uniform(self) -> float:
        """A float in [0, 1): ``next_u32() / 2**32``."""
        t = self.state = (self.state + WEYL) & MASK32  # next_u32, inlined
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK32
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK32)) & MASK32
        return ((t ^ (t >> 14)) & MASK32) / _TWO_32

    def uniform_between(self, low: float, high: float) -> float:
        """A float in [low, high) (``low`` when the two are equal)."""
        return low + (high - low) * self.uniform()

    def exponential(self, mean: float) -> float:
        """Exponential with the given mean (inverse transform on ``1 - u``, so never log 0)."""
        return -mean * math.log(1.0 - self.uniform())

    def normal(self, mu: float = 0.0, sigma: float = 1.0) -> float:
        """Normal by Box-Muller, cosine branch only (two uniforms per call)."""
        u1 = self.uniform()
        u2 = self.uniform()
        return mu + sigma * math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)

    def lognormal(self, mu: float, sigma: float) -> float:
        """``exp`` of a normal with mean ``mu`` and deviation ``sigma`` (of the log)."""
        return math.exp(self.normal(mu, sigma))

    def gamma(self, shape: float, scale: float = 1.0) -> float:
        """Gamma(shape, scale) by Marsaglia and Tsang; mean ``shape * scale``."""
        if not shape > 0 or not scale > 0:
            raise ValueError(f"gamma shape and scale must be positive; got {shape!r}, {scale!r}.")
        if shape < 1.0:
            boost = self.gamma(shape + 1.0, scale)
            return boost * self.uniform() ** (1.0 / shape)
        d = shape - 1.0 / 3.0
        c = 1.0 / math.sqrt(9.0 * d)
        while True:
            x = self.normal(0.0, 1.0)
            v = 1.0 + c * x
            if v <= 0.0:
                continue
            v = v * v * v
            u = self.uniform()
            if u < 1.0 - 0.0331 * x * x * x * x:
                return d * v * scale
            if u > 0.0 and math.log(u) < 0.5 * x * x + d * (1.0 - v + math.log(v)):
                return d * v * scale
