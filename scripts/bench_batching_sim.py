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
import functools
import json
import os
import platform
import shutil
import statistics
import sys
import threading
import time
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUTPUT = ROOT / "calculators" / "data" / "batching_benchmark.json"
#: Runs: the form's defaults, then ten times as many requests.
RUNS = {"defaults": {}, "4,000 requests": {"requests": 4000}}
REPEATS = 5


def python_times() -> dict[str, float]:
    from calculators import run

    out = {}
    for label, inputs in RUNS.items():
        times = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            run("batching_sim", inputs)
            times.append(time.perf_counter() - t0)
        out[label] = statistics.median(times)
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def chromium_times() -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from calculators.registry import get

    spec = get("batching_sim").spec()
    handler = functools.partial(_Quiet, directory=str(ROOT / "docs" / "assets" / "js"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--headless"])
            page = browser.new_page()
            page.goto(base + "rng.js")
            result = page.evaluate(
                """async ([base, spec, runs, repeats]) => {
                  const core = await import(base + "calc-core.js");
                  const sim = await import(base + "calculators/batching_sim.js");
                  const out = {};
                  for (const [label, inputs] of Object.entries(runs)) {
                    const times = [];
                    for (let k = 0; k < repeats; k++) {
                      const t0 = performance.now();
                      core.run(spec, sim.batching_sim, inputs);
                      times.push((performance.now() - t0) / 1000);
                    }
                    times.sort((a, b) => a - b);
                    out[label] = times[Math.floor(times.length / 2)];
                  }
                  return out;
                }""",
                [base, spec, {k: {f: str(v) for f, v in i.items()} for k, i in RUNS.items()},
                 REPEATS],
            )
            version = browser.version
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    result["_version"] = version
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    py = python_times()
    js = chromium_times()
    version = js.pop("_version")
    print(f"batching_sim (static and continuous on the same arrivals), median of {REPEATS} runs")
    print(f"{'run':<16} {'Python':>10} {'Chromium':>10}")
    for label in RUNS:
        print(f"{label:<16} {py[label] * 1000:8.1f} ms {js[label] * 1000:8.1f} ms")
    doc = {
        "measured_on": date.today().isoformat(),
        "command": "uv run python scripts/bench_batching_sim.py",
        "runs": RUNS,
        "repeats": REPEATS,
        "python": platform.python_version(),
        "chromium": version,
        "load_average_1m": os.getloadavg()[0],
        "num_cpus": os.cpu_count(),
        "python_seconds": py,
        "chromium_seconds": js,
    }
    if not args.no_write:
        OUTPUT.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
