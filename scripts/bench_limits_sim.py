"""Time the retry simulator on 10,000 requests, in Python and in headless Chromium.

Usage::

    uv run python scripts/bench_limits_sim.py            # print and rewrite the committed file
    uv run python scripts/bench_limits_sim.py --no-write # print only

Runs ``rate_limit_sim`` at the guide's worked-example inputs with 10,000 requests, for every
retry policy, a few times each after one untimed warm-up run (timing in ``bench_common.py``), and reports the median time per
run: in CPython (the
calculators package) and in Chromium (the JavaScript twin, the code the live calculator runs
on every input change), the page served from 127.0.0.1. Writes
``calculators/data/limits_benchmark.json``. Times depend on the machine and its load; the file
records both.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import (  # noqa: E402
    ROOT, benchmark_doc, chromium_seconds, python_seconds, report,
)

OUTPUT = ROOT / "calculators" / "data" / "limits_benchmark.json"
NUM_REQUESTS = 10_000
REPEATS = 9


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    from calculators.limits_backoff import POLICIES

    runs = {policy: {"policy": policy, "requests": NUM_REQUESTS} for policy in POLICIES}
    py = python_seconds("rate_limit_sim", runs, REPEATS, warm_up=True)
    js, version = chromium_seconds("rate_limit_sim", runs, REPEATS, warm_up=True)
    doc = benchmark_doc("uv run python scripts/bench_limits_sim.py", version,
                        num_requests=NUM_REQUESTS, repeats=REPEATS, python_seconds=py,
                        chromium_seconds=js)
    return report(f"rate_limit_sim, {NUM_REQUESTS:,} requests, median of {REPEATS} runs",
                  "policy", py, js, doc, OUTPUT, args.no_write)


if __name__ == "__main__":
    raise SystemExit(main())
