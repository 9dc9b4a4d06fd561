"""Real hops on loopback (scripts/hops_loopback.py): a short run in CI, and the committed file.

Three services under uvicorn in a child process, a real httpx client; the request-graph model
must predict each shape's median and p95 within the stated tolerance, and the bytes moved
exactly. Bounded: 150 requests per shape, about 15 seconds.
"""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.wire

_spec = importlib.util.spec_from_file_location("hops_loopback", ROOT / "scripts" / "hops_loopback.py")
hops = importlib.util.module_from_spec(_spec)
sys.modules["hops_loopback"] = hops
_spec.loader.exec_module(hops)


@pytest.fixture(scope="module")
def short_run() -> dict:
    return hops.run(num_requests=150, concurrency=10)


@pytest.mark.parametrize("shape", ["serial", "fan-out", "tool-rounds"])
def test_model_predicts_the_measured_median_and_p95(short_run, shape) -> None:
    row = short_run["shapes"][shape]
    for label in ("median", "p95"):
        r = row[label]
        low, high = r["allowed_seconds"]
        assert r["within_tolerance"], (
            f"{shape} {label}: measured {r['measured_seconds'] * 1000:.1f} ms, predicted "
            f"{r['predicted_seconds'] * 1000:.1f} ms, allowed {low * 1000:.1f}-{high * 1000:.1f} ms")


@pytest.mark.parametrize("shape", ["serial", "fan-out", "tool-rounds"])
def test_bytes_moved_are_predicted_exactly(short_run, shape) -> None:
    b = short_run["shapes"][shape]["bytes"]
    assert b["measured_sent"] == b["predicted_sent"]
    assert b["measured_received"] == b["predicted_received"]


def test_committed_measurements_match_the_current_model() -> None:
    committed = json.loads(hops.OUTPUT.read_text(encoding="utf-8"))
    assert committed["settings"]["delays_seconds"] == {k: list(v) for k, v in hops.DELAYS.items()}
    for shape, row in committed["shapes"].items():
        fresh = hops.compare_predictions(shape, committed["overhead_seconds"],
                                         committed["sleep_overhead_seconds"])
        for label in ("median", "p95"):
            assert row[label]["predicted_seconds"] == pytest.approx(fresh[label], rel=1e-12), (
                f"{shape} {label}: the model changed; re-run scripts/hops_loopback.py")
            assert row[label]["within_tolerance"], f"committed {shape} {label} out of tolerance"
        assert row["bytes"]["predicted_sent"] == hops.predicted_bytes(shape)["sent"]
