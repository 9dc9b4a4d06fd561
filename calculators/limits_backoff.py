"""Retry policies: how long a client sleeps after a 429, and whether it retries at all.

The four backoff formulas are Marc Brooker's ("Exponential Backoff And Jitter", AWS
Architecture Blog, 2015), with ``j`` the number of retries already made (0 for the first):

    capped exponential   sleep = min(cap, base * 2**j)
    full jitter          sleep = uniform(0, min(cap, base * 2**j))            mean half of it
    equal jitter         t = min(cap, base * 2**j); sleep = t/2 + uniform(0, t/2)   mean 0.75 t
    decorrelated jitter  sleep = min(cap, uniform(base, previous_sleep * 3))  previous starts at base

``retry-after`` honours the server's header when it sends one (else full jitter). A retry
budget follows gRPC's retry throttling (proposal A6): a bucket of ``max_tokens`` = 10 that
each failure drains by one and each success refills by 0.1; retries stop while it holds half
or less. The simulator and the loopback client both call :func:`backoff_seconds`, with the
jitter drawn from the seeded generator, so they apply one rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators.collect import table
from calculators.data import constant
from calculators.rng import Rng

__all__ = [
    "BUDGET_MAX_TOKENS",
    "BUDGET_TOKEN_RATIO",
    "POLICIES",
    "RETRYING_POLICIES",
    "RetryBudget",
    "ScheduleRow",
    "backoff_schedule",
    "backoff_seconds",
]

#: Policy key -> label, in the order the guide compares them.
POLICIES: dict[str, str] = {
    "none": "No retry",
    "exponential": "Exponential",
    "full": "Full jitter",
    "equal": "Equal jitter",
    "decorrelated": "Decorrelated",
    "retry_after": "retry-after",
    "queue": "Client queue",
}
RETRYING_POLICIES = ("exponential", "full", "equal", "decorrelated", "retry_after")

BUDGET_MAX_TOKENS = float(constant("grpc_retry_budget_max_tokens").value)
BUDGET_TOKEN_RATIO = float(constant("grpc_retry_budget_token_ratio").value)


def backoff_seconds(policy: str, retries_done: int, base_seconds: float, cap_seconds: float,
                    previous_seconds: float, retry_after_seconds: float, rng: Rng) -> float:
    """The sleep before the next attempt. ``retry_after_seconds`` < 0 means no header.

    Draws from ``rng`` exactly once for the jittered policies (and for ``retry_after``
    without a header), never for ``exponential`` or a ``retry_after`` with a header.
    """
    ceiling = min(cap_seconds, base_seconds * 2.0 ** min(retries_done, 1000))
    if policy == "exponential":
        return ceiling
    if policy == "full":
        return rng.uniform_between(0.0, ceiling)
    if policy == "equal":
        return ceiling / 2.0 + rng.uniform_between(0.0, ceiling / 2.0)
    if policy == "decorrelated":
        return min(cap_seconds, rng.uniform_between(base_seconds, previous_seconds * 3.0))
    if policy in ("retry_after", "queue"):
        if retry_after_seconds >= 0.0:
            return retry_after_seconds
        return rng.uniform_between(0.0, ceiling)
    raise ValueError(f"policy {policy!r} does not retry")


class RetryBudget:
    """gRPC-style retry throttling; ``enabled=False`` always allows."""

    __slots__ = ("enabled", "tokens")

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.tokens = BUDGET_MAX_TOKENS

    def on_failure(self) -> None:
        self.tokens = max(0.0, self.tokens - 1.0)

    def on_success(self) -> None:
        self.tokens = min(BUDGET_MAX_TOKENS, self.tokens + BUDGET_TOKEN_RATIO)

    def allows_retry(self) -> bool:
        return not self.enabled or self.tokens > BUDGET_MAX_TOKENS / 2.0


@dataclass(frozen=True)
class ScheduleRow:
    """One retry of a schedule: the capped ceiling and each policy's mean sleep [s]."""

    retry: int
    exponential_seconds: float
    full_mean_seconds: float
    equal_mean_seconds: float
    full_draw_seconds: float
    equal_draw_seconds: float
    decorrelated_draw_seconds: float
    cumulative_exponential_seconds: float


@table
def backoff_schedule(base_seconds: float, cap_seconds: float, num_retries: int,
                     seed: int = 1) -> Iterator[ScheduleRow]:
    """The schedules side by side: ceilings, means, and one seeded draw of each jitter."""
    rng_full, rng_equal, rng_dec = Rng(seed), Rng(seed), Rng(seed)
    previous = base_seconds
    total = 0.0
    for j in range(num_retries):
        ceiling = backoff_seconds("exponential", j, base_seconds, cap_seconds, 0.0, -1.0, rng_full)
        decorrelated = backoff_seconds("decorrelated", j, base_seconds, cap_seconds, previous,
                                       -1.0, rng_dec)
        previous = decorrelated
        total += ceiling
        yield ScheduleRow(
            retry=j + 1, exponential_seconds=ceiling, full_mean_seconds=ceiling / 2.0,
            equal_mean_seconds=0.75 * ceiling,
            full_draw_seconds=backoff_seconds("full", j, base_seconds, cap_seconds, 0.0, -1.0,
                                              rng_full),
            equal_draw_seconds=backoff_seconds("equal", j, base_seconds, cap_seconds, 0.0, -1.0,
                                               rng_equal),
            decorrelated_draw_seconds=decorrelated, cumulative_exponential_seconds=total,
        )
