"""Real hops on loopback (scripts/hops_loopback.py): a short run in CI, and the committed file.

Three services under uvicorn in a child process, a real httpx client. The bytes moved must
equal the model's prediction exactly. The times are measured and compared (the script exits 1
when a shape is outside its tolerance, and the guide shows the error), but the suite does not
assert them yet: on this project's machines the measured medians run 20-60% above the model,
a fixed cost per call that the calibration does not capture (issue 15 stays open until it
is found). Bounded: 150 requests per shape, about 15 seconds.
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
def test_the_run_measures_every_shape(short_run, shape) -> None:
    row = short_run["shapes"][shape]
    assert row["num_requests"] == 150
    for label in ("median", "p95"):
        r = row[label]
        assert 0 < r["predicted_seconds"] and 0 < r["measured_seconds"] < 30
        low, high = r["allowed_seconds"]
        assert low <= r["predicted_seconds"] <= high


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
        assert row["bytes"]["predicted_sent"] == hops.predicted_bytes(shape)["sent"]
