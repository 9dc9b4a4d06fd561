"""The token bucket providers describe, and what one request charges each limit.

Anthropic states its algorithm: a bucket per limit whose capacity is the per-minute limit and
which refills continuously at limit / 60 per second, up to the capacity; a request is admitted
when every bucket holds at least what the request charges it. Providers may enforce a
per-minute limit over a shorter slice (Azure OpenAI evaluates request rates over one- or
ten-second periods): the same refill rate, a capacity of ``limit * window / 60``.

    level(t)  = min(C_w, level(t0) + r * (t - t0))      r = L / 60 per second   [units]
    C_w       = L * w / 60                               w = enforcement window  [s]
    wait      = (cost - level) / r, never when cost > C_w

What a request charges (per success; settled = after the end-of-request correction):

    RPM        1 (OpenAI also counts the failed attempts: attempts per success)
    ITPM       uncached input + cache writes (+ cache reads on models that count them)
    OTPM       admission n * max_tokens, settled n * output tokens (Anthropic corrects)
    TPM        input (cache reads included) + n * max(max_tokens, output), not corrected

The bucket here is shared by the limits model, the simulator (:mod:`calculators.ratesim`) and
the loopback server (``scripts/loopback_limits.py``), so all three apply the same rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Charges", "FIT_TOLERANCE", "TokenBucket", "request_charges"]

#: A charge fits when the level is within this many units of it: refilling for exactly the
#: computed wait may land a rounding error short of the charge.
FIT_TOLERANCE = 1e-9


class TokenBucket:
    """One limit: capacity ``capacity`` units, refilled at ``rate_per_second`` continuously."""

    __slots__ = ("capacity", "rate_per_second", "level", "updated_seconds")

    def __init__(self, capacity: float, rate_per_second: float, now_seconds: float = 0.0) -> None:
        if not capacity > 0 or not rate_per_second > 0:
            raise ValueError("a token bucket needs a positive capacity and refill rate")
        self.capacity = capacity
        self.rate_per_second = rate_per_second
        self.level = capacity
        self.updated_seconds = now_seconds

    @classmethod
    def per_minute(cls, limit_per_minute: float, window_seconds: float = 60.0,
                   now_seconds: float = 0.0) -> TokenBucket:
        """The bucket for a per-minute limit enforced over ``window_seconds``."""
        return cls(limit_per_minute * window_seconds / 60.0, limit_per_minute / 60.0, now_seconds)

    def refresh(self, now_seconds: float) -> float:
        if now_seconds > self.updated_seconds:
            self.level = min(self.capacity,
                             self.level + self.rate_per_second * (now_seconds - self.updated_seconds))
            self.updated_seconds = now_seconds
        return self.level

    def can_take(self, cost: float, now_seconds: float) -> bool:
        return self.refresh(now_seconds) + FIT_TOLERANCE >= cost

    def take(self, cost: float, now_seconds: float) -> None:
        self.refresh(now_seconds)
        self.level -= cost

    def give_back(self, amount: float, now_seconds: float) -> None:
        """The end-of-request correction: return what was reserved but not used."""
        self.refresh(now_seconds)
        self.level = min(self.capacity, self.level + amount)

    def drain(self, cost: float, now_seconds: float) -> None:
        """A rejected attempt that still counts: takes what is there, never below zero."""
        self.refresh(now_seconds)
        self.level = max(0.0, self.level - cost)

    def wait_seconds(self, cost: float, now_seconds: float) -> float:
        """Seconds until ``cost`` fits (0 if it fits now); ``math.inf`` if it never can."""
        if cost > self.capacity:
            return math.inf
        level = self.refresh(now_seconds)
        return 0.0 if level + FIT_TOLERANCE >= cost else (cost - level) / self.rate_per_second


@dataclass(frozen=True)
class Charges:
    """What one request charges each limit, at admission and once settled [units per request]."""

    requests_per_success: float
    itpm_tokens: float
    otpm_admission_tokens: float
    otpm_settled_tokens: float
    tpm_tokens: float


def request_charges(
    *, provider: str, input_tokens: float, cache_read_tokens: float, cache_write_tokens: float,
    output_tokens: float, max_tokens: float, num_choices: int, attempts_per_success: float,
    cache_reads_count: bool,
) -> Charges:
    """The charge rules above for one request (``provider``: "anthropic" or "openai")."""
    itpm = input_tokens + cache_write_tokens + (cache_read_tokens if cache_reads_count else 0.0)
    return Charges(
        requests_per_success=attempts_per_success if provider == "openai" else 1.0,
        itpm_tokens=itpm,
        otpm_admission_tokens=num_choices * max_tokens,
        otpm_settled_tokens=num_choices * output_tokens,
        tpm_tokens=(input_tokens + cache_read_tokens + cache_write_tokens
                    + num_choices * max(max_tokens, output_tokens)),
    )
