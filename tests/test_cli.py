"""python -m calculators: listing, running, JSON output, bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from calculators import run
from calculators.registry import REGISTRY, result_dict


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True,
                          text=True, timeout=60)


def test_lists_every_calculator() -> None:
    proc = cli()
    assert proc.returncode == 0
    listed = {line.split()[0] for line in proc.stdout.splitlines() if line and not line.startswith("Run")}
    assert set(REGISTRY) <= listed
    assert "latency_budget" in listed and "metric_conventions" in listed


def test_json_output_equals_python() -> None:
    proc = cli("latency_budget", "--rtt", "120", "--prompt_tokens", "30000", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == result_dict(run("latency_budget", {"rtt": "120", "prompt_tokens": "30000"}))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["latency_budget", "--rtt", "-3"], "Network round trip must be a number from 0 to 60,000 ms"),
        (["latency_budget", "--connection", "pigeon"], "Connection must be one of"),
        (["metric_conventions", "--e2e", "0.1"], "must be at least 1 ms longer than the measured time to first token"),
        (["no_such_calculator"], "unknown calculator"),
    ],
)
def test_bad_input_exits_2_with_the_message(args: list[str], message: str) -> None:
    proc = cli(*args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
