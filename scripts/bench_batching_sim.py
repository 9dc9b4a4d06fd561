"""Time the static-against-continuous batching simulation, in Python and in headless Chromium.

Usage::

    uv run python scripts/bench_batching_sim.py            # print and rewrite the committed file
    uv run python scripts/bench_batching_sim.py --no-write # print only

Runs ``batching_sim`` at guide 8's worked-example inputs (the live calculator's defaults) and
at a tenfold longer run, a few times each, and reports the median time per run: in CPython
and in Chromium (the JavaScript twin the form reruns on every input change), the page served
from 127.0.0.1. Writes ``calculators/data/batching_benchmark.json``. Times depend on the
machine and its load; the file records both.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import (  # noqa: E402
    ROOT, benchmark_doc, chromium_seconds, python_seconds, report,
)

OUTPUT = ROOT / "calculators" / "data" / "batching_benchmark.json"
#: Runs: the form's defaults, then ten times as many requests.
RUNS = {"defaults": {}, "4,000 requests": {"requests": 4000}}
REPEATS = 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    py = python_seconds("batching_sim", RUNS, REPEATS)
    js, version = chromium_seconds("batching_sim", RUNS, REPEATS)
    doc = benchmark_doc("uv run python scripts/bench_batching_sim.py", version, runs=RUNS,
                        repeats=REPEATS, python_seconds=py, chromium_seconds=js)
    return report("batching_sim (static and continuous on the same arrivals), median of "
                  f"{REPEATS} runs", "run", py, js, doc, OUTPUT, args.no_write)


if __name__ == "__main__":
    raise SystemExit(main())
