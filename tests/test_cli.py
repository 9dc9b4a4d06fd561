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


# --- issue 8.2 and 8.6: the CLI's own errors are one line, exit 2, never JSON-invalid --------

@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["latency_budget", "--rt", "5"], "unrecognized arguments: --rt 5"),
        (["latency_budget", "--rtt"], "argument --rtt: expected one argument"),
        (["latency_budget", "--bogus", "1"], "flags: -h, --prompt_tokens"),
        (["latency_budget", "--rtt", "1\n2"], 'got "1\\u000a2"'),
        (["metric_conventions", "--ttft", "0", "--network", "0", "--queue", "0", "--e2e", "1e-320", "--json"],
         "(flags: --e2e, --ttft)"),
        (["metric_conventions", "--ttft", "0", "--network", "0", "--queue", "0", "--e2e", "1e-310"],
         "at least 1 ms longer"),
        (["metric_conventions", "--tokens_per_chunk", "500"], "at most 499 for 500 output tokens"),
        (["latency_budget", "--prompt_tokens", "100", "--cached_prompt_tokens", "200"],
         "from 0 to the prompt tokens (100); got 200"),
    ],
)
def test_errors_are_one_line_and_exit_2(args: list[str], needle: str) -> None:
    proc = cli(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: "), proc.stderr
    assert needle in proc.stderr


def test_thousands_separators_on_the_cli() -> None:
    proc = cli("latency_budget", "--prompt_tokens", "30,000", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["prompt_tokens"] == 30000


def test_json_output_is_strict_json_for_every_calculator() -> None:
    for name in REGISTRY:
        proc = cli(name, "--json")
        assert proc.returncode == 0, proc.stderr
        json.loads(proc.stdout, parse_constant=lambda c: pytest.fail(f"{name}: {c} in JSON"))
