"""Real hops on loopback (scripts/hops_loopback.py): a short run in CI, and the committed file.

Three services under uvicorn in a child process, a real httpx client, four requests in
flight. The bytes moved must equal the model's prediction exactly. The measured median and
p95 of each shape (a serial chain, a parallel fan-out, three tool rounds) must fall inside
the stated tolerance of the model's prediction: where that percentile of this many requests
falls 99 times in 100 if the model is right (exact order statistics), widened by the larger
of 5% and 3 ms. The model adds to every call its own cost on this machine, measured in the
same run (the client's time minus the delay its service drew).

A shared 2-core machine can stall every process at once for a few hundred milliseconds; such
a stall delays all the calls in flight together, which a model of independent calls does not
predict. A shape outside its tolerance is therefore measured again, up to ATTEMPTS times in
all; the model is wrong only if no attempt agrees (a wrong model fails every attempt: the
issue's original gap of 19-66% is far outside every band). Bounded: 150 requests per shape,
about 30 seconds when no shape needs a second attempt.
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

NUM_REQUESTS = 150
ATTEMPTS = 3


def _agrees(row: dict) -> bool:
    return row["median"]["within_tolerance"] and row["p95"]["within_tolerance"]


@pytest.fixture(scope="module")
def attempts() -> dict[str, list[dict]]:
    """Every attempt's row, per shape: one run of all shapes, then the disagreeing shapes
    again, up to ATTEMPTS runs each."""
    rows: dict[str, list[dict]] = {shape: [] for shape in hops.SHAPES}
    pending = hops.SHAPES
    for _ in range(ATTEMPTS):
        report = hops.run(NUM_REQUESTS, hops.CONCURRENCY, pending)
        for shape, row in report["shapes"].items():
            rows[shape].append(row)
        pending = tuple(s for s in pending if not _agrees(rows[s][-1]))
        if not pending:
            break
    return rows


def _describe(rows: list[dict]) -> str:
    return "; ".join(
        f"attempt {i + 1}: " + ", ".join(
            f"{label} {r[label]['measured_seconds'] * 1000:.1f} ms measured, "
            f"{r[label]['predicted_seconds'] * 1000:.1f} ms predicted, allowed "
            f"{r[label]['allowed_seconds'][0] * 1000:.1f}-{r[label]['allowed_seconds'][1] * 1000:.1f}"
            for label in ("median", "p95"))
        for i, r in enumerate(rows))


@pytest.mark.parametrize("shape", hops.SHAPES)
def test_measured_times_agree_with_the_model(attempts, shape) -> None:
    rows = attempts[shape]
    assert all(row["num_requests"] == NUM_REQUESTS for row in rows)
    for row in rows:
        for label in ("median", "p95"):
            r = row[label]
            low, high = r["allowed_seconds"]
            assert low <= r["predicted_seconds"] <= high
            assert 0 < r["measured_seconds"] < 30
    assert any(_agrees(row) for row in rows), f"{shape}: {_describe(rows)}"


@pytest.mark.parametrize("shape", hops.SHAPES)
def test_bytes_moved_are_predicted_exactly(attempts, shape) -> None:
    for row in attempts[shape]:
        b = row["bytes"]
        assert b["measured_sent"] == b["predicted_sent"]
        assert b["measured_received"] == b["predicted_received"]


def test_each_call_costs_a_few_milliseconds_of_its_own(attempts) -> None:
    # The calls' own cost (HTTP stack, event loops) is what the model adds to every hop; at
    # four requests in flight its median stays a few ms on a busy 2-core machine (it was the
    # 19-66% gap of issue 15 at ten in flight, with a failed import on every request).
    for shape, rows in attempts.items():
        for kind, cost in rows[0]["call_cost_median_seconds"].items():
            assert 0 <= cost < 0.03, (shape, kind, cost)


def test_the_tolerance_band_narrows_with_more_requests() -> None:
    costs = {kind: [0.003] for kind in hops.CALL_KINDS}
    model = hops.model_samples("serial", costs)
    for p in (0.5, 0.95):
        short, long = hops.allowed_band(model, p, 150), hops.allowed_band(model, p, 600)
        assert short[0] < long[0] < long[1] < short[1]


def test_committed_measurements_match_the_current_model() -> None:
    committed = json.loads(hops.OUTPUT.read_text(encoding="utf-8"))
    settings = committed["settings"]
    assert settings["delays_seconds"] == {k: list(v) for k, v in hops.DELAYS.items()}
    assert (settings["tpot_seconds"], settings["call_tokens"], settings["num_rounds"]) == (
        hops.TPOT_SECONDS, hops.CALL_TOKENS, hops.NUM_ROUNDS)
    assert (settings["tolerance_ratio"], settings["tolerance_seconds"],
            settings["band_coverage_ratio"]) == (
        hops.TOLERANCE_RATIO, hops.TOLERANCE_SECONDS, hops.BAND_COVERAGE_RATIO)
    assert committed["tcp_nodelay"] is True
    assert set(committed["shapes"]) == set(hops.SHAPES)
    for shape, row in committed["shapes"].items():
        assert row["num_requests"] >= 600
        fresh = hops.compare_predictions(shape, row["call_cost_quantiles_seconds"])
        for label in ("median", "p95"):
            assert row[label]["predicted_seconds"] == pytest.approx(fresh[label], rel=1e-12), (
                f"{shape} {label}: the model changed; re-run scripts/hops_loopback.py")
        assert _agrees(row), f"{shape}: the committed run is outside its tolerance"
        assert row["bytes"]["predicted_sent"] == hops.predicted_bytes(shape)["sent"]
        assert row["bytes"]["measured_sent"] == row["bytes"]["predicted_sent"]
        assert row["bytes"]["measured_received"] == row["bytes"]["predicted_received"]
