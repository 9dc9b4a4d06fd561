"""Shared by the simulator benchmarks: time a calculator in CPython and in headless Chromium.

``python_seconds`` and ``chromium_seconds`` run one registered calculator on several input
sets, ``repeats`` times each, and return the median time per run (seconds). Chromium loads the
JavaScript twin from ``docs/assets/js`` served on 127.0.0.1 and runs it through ``calc-core.js``
exactly as the live form does. ``benchmark_doc`` adds what the times depend on (versions, the
machine's load and cores) to the committed file.
"""

from __future__ import annotations

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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Untimed rounds over every input set before timing, with ``warm_up``.
WARM_UP_ROUNDS = 3

__all__ = ["ROOT", "benchmark_doc", "chromium_seconds", "python_seconds", "report"]


def python_seconds(name: str, runs: dict[str, dict[str, Any]], repeats: int,
                   warm_up: bool = False) -> dict[str, float]:
    """Median seconds per run of calculator ``name`` on each input set of ``runs``."""
    from calculators import run

    if warm_up:
        for inputs in runs.values():
            run(name, inputs)
    out = {}
    for label, inputs in runs.items():
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            run(name, inputs)
            times.append(time.perf_counter() - t0)
        out[label] = statistics.median(times)
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


_SCRIPT = """async ([base, spec, module, fn, runs, repeats, warmUp]) => {
  const core = await import(base + "calc-core.js");
  const twin = await import(base + "calculators/" + module + ".js");
  const out = {};
  for (let k = 0; k < warmUp; k++) for (const inputs of Object.values(runs)) core.run(spec, twin[fn], inputs);
  for (const [label, inputs] of Object.entries(runs)) {
    const times = [];
    for (let k = 0; k < repeats; k++) {
      const t0 = performance.now();
      core.run(spec, twin[fn], inputs);
      times.push((performance.now() - t0) / 1000);
    }
    times.sort((a, b) => a - b);
    out[label] = times[Math.floor(times.length / 2)];
  }
  return out;
}"""


def chromium_seconds(name: str, runs: dict[str, dict[str, Any]], repeats: int,
                     warm_up: bool = False) -> tuple[dict[str, float], str]:
    """The same in headless Chromium (the twin); also returns the browser's version.
    ``warm_up`` runs every input set ``WARM_UP_ROUNDS`` times, untimed, first (V8 compiles
    the hot loop with its optimising tier only after a few runs, as a live form's reruns do)."""
    from playwright.sync_api import sync_playwright

    from calculators.registry import get

    calc = get(name)
    spec = calc.spec()
    handler = functools.partial(_Quiet, directory=str(ROOT / "docs" / "assets" / "js"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    raw = {label: {k: str(v) for k, v in inputs.items()} for label, inputs in runs.items()}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--headless"])
            page = browser.new_page()
            page.goto(base + "rng.js")
            result = page.evaluate(_SCRIPT, [base, spec, calc.module, calc.function.__name__,
                                             raw, repeats, WARM_UP_ROUNDS if warm_up else 0])
            version = browser.version
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return result, version


def benchmark_doc(command: str, chromium_version: str, **fields: Any) -> dict[str, Any]:
    """The committed file: the figures (``fields``) and what they depend on."""
    return {
        "measured_on": date.today().isoformat(),
        "command": command,
        **{k: v for k, v in fields.items() if not k.endswith("_seconds")},
        "python": platform.python_version(),
        "chromium": chromium_version,
        "load_average_1m": os.getloadavg()[0],
        "num_cpus": os.cpu_count(),
        **{k: v for k, v in fields.items() if k.endswith("_seconds")},
    }


def report(title: str, column: str, py: dict[str, float], js: dict[str, float],
           doc: dict[str, Any], output: Path, no_write: bool) -> int:
    """Print the two columns of times in ms and write ``doc`` to ``output`` (unless told not)."""
    print(title)
    print(f"{column:<16} {'Python':>10} {'Chromium':>10}")
    for label in py:
        print(f"{label:<16} {py[label] * 1000:8.1f} ms {js[label] * 1000:8.1f} ms")
    if not no_write:
        output.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {output.relative_to(ROOT)}")
    return 0
