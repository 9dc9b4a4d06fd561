"""The simulator against a real rate-limited server on loopback (short, bounded version).

Starts the Starlette/uvicorn token-bucket server of ``scripts/loopback_limits.py`` in its own
process on 127.0.0.1 and runs an httpx client with three policies (capped exponential without
jitter, full jitter, the client-side queue) at two loads (0.8 and 2 times the limit), 30 and
50 requests per run, limits per second of wall-clock time. Each run must fall inside the
simulator's prediction for the same arrivals and policy, within the tolerances stated in
:mod:`calculators.limits_loopback` (429 share within 0.03 of the simulated range; goodput and
attempts per success within 10% of it). The committed measurement the guide shows is
re-checked the same way.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from calculators.limits_loopback import (
    SHORT_LOADS, SHORT_POLICIES, committed_rows, compare, loopback_config,
)

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.loopback


def _harness():
    spec = importlib.util.spec_from_file_location("loopback_limits",
                                                  ROOT / "scripts" / "loopback_limits.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["loopback_limits"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def harness():
    return _harness()


def test_short_loopback_run_agrees_with_the_simulator(harness) -> None:
    doc = harness.measure(SHORT_POLICIES, SHORT_LOADS, harness.SHORT_REQUESTS,
                          light_requests=harness.SHORT_LIGHT_REQUESTS)
    rows = compare(doc)
    assert {(r.policy, r.load_multiple) for r in rows} == {
        (p, load) for p in SHORT_POLICIES for load in SHORT_LOADS}
    report = "\n".join(
        f"{r.run}: 429 {r.measured_429_ratio:.3f} in [{r.simulated_429_low_ratio:.3f}, "
        f"{r.simulated_429_high_ratio:.3f}], goodput {r.measured_goodput_per_minute:.0f} in "
        f"[{r.simulated_goodput_low_per_minute:.0f}, {r.simulated_goodput_high_per_minute:.0f}], "
        f"amplification {r.measured_amplification:.2f} in [{r.simulated_amplification_low:.2f}, "
        f"{r.simulated_amplification_high:.2f}]" for r in rows)
    assert all(r.within_tolerance for r in rows), report
    overloaded = [r for r in rows if r.load_multiple > 1 and r.policy != "queue"]
    assert all(r.measured_429_ratio > 0.1 for r in overloaded), report  # the limit was hit


def test_committed_measurement_agrees_with_the_simulator() -> None:
    rows = committed_rows()
    policies = {r.policy for r in rows}
    assert {"exponential", "full", "queue"} <= policies
    assert len({r.load_multiple for r in rows}) >= 2
    bad = [r.run for r in rows if not r.within_tolerance]
    assert not bad, f"committed runs outside tolerance: {bad}"


def test_429_carries_retry_after_and_rate_limit_headers(harness) -> None:
    import asyncio

    import httpx

    anthropic = loopback_config("none", 1.0, 1)
    openai = loopback_config("none", 1.0, 1)
    openai = type(openai)(**{**openai.__dict__, "provider": "openai", "itpm_limit": 0.0,
                             "otpm_limit": 0.0, "tpm_limit": 600_000.0})

    async def hit(port: int, run: str, times: int) -> list[httpx.Response]:
        async with httpx.AsyncClient() as client:
            body = {"input_tokens": 100, "max_tokens": 100, "output_tokens": 50}
            # All at once: the one-second bucket holds ten requests, so the rest are refused.
            return list(await asyncio.gather(*(
                client.post(f"http://127.0.0.1:{port}/v1/{run}", json=body)
                for _ in range(times))))

    import threading

    got: dict[str, list[httpx.Response]] = {}

    def work(port: int) -> None:  # a thread of its own: pytest-playwright runs an event loop
        got["a"] = asyncio.run(hit(port, "a", 16))
        got["o"] = asyncio.run(hit(port, "o", 16))

    with harness.LimitedServer({"a": anthropic, "o": openai}) as server:
        thread = threading.Thread(target=work, args=(server.port,))
        thread.start()
        thread.join(60)
    a, o = got["a"], got["o"]
    codes = sorted(r.status_code for r in a)
    assert codes.count(200) >= 1 and codes.count(429) >= 1, codes
    h = next(r for r in a if r.status_code == 429).headers
    assert int(h["retry-after"]) >= 1 and float(h["retry-after-ms"]) > 0
    for name in ("requests", "input-tokens", "output-tokens"):
        for part in ("limit", "remaining", "reset"):
            assert f"anthropic-ratelimit-{name}-{part}" in h
    assert h["anthropic-ratelimit-requests-limit"] == "10"
    refused = [r for r in o if r.status_code == 429]
    assert refused
    for name in ("limit-requests", "remaining-requests", "reset-requests", "limit-tokens"):
        assert f"x-ratelimit-{name}" in refused[0].headers
