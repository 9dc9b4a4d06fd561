"""Run real retry policies against a real rate-limited HTTP server on loopback.

Usage::

    uv run python scripts/loopback_limits.py            # measure, print, rewrite the committed file
    uv run python scripts/loopback_limits.py --check    # exit 1 if a fresh short run or the
                                                        # committed file disagrees with the
                                                        # prediction (required policies)
    uv run python scripts/loopback_limits.py --no-write # measure and print only

The server is a Starlette app under uvicorn on 127.0.0.1 that enforces the buckets of
:class:`calculators.limits_bucket.TokenBucket` with the simulator's rules: it admits a request
when every bucket can pay, holds it for the service time, then refunds the unused part of the
``max_tokens`` reservation; otherwise it answers 429 with ``retry-after`` (whole seconds),
``retry-after-ms`` and the ``anthropic-ratelimit-*`` (or ``x-ratelimit-*``) headers. The client
is httpx's ``AsyncClient`` (the HTTP client of the official OpenAI and Anthropic Python SDKs)
running each retry policy of :mod:`calculators.limits_backoff`, or the client-side queue, on
the simulator's own arrival plan (same seed, same arrivals and sizes). Time is compressed:
limits are per second of wall-clock time (a per-minute limit L with a one-second window), so a
run takes seconds. The full run (every policy at each load, one run after another) also
measures the loopback round trip once and commits it as ``overhead_seconds``: the one network
figure the simulator's prediction uses, for that file and for every later ``--check`` (whose
light runs go at once, each on buckets of its own, and the two that retry above the limit
after them, so the check takes under half a minute). This script only
measures; the prediction, the comparison and its tolerances are in
:mod:`calculators.limits_loopback`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import platform
import statistics
import sys
import time
from dataclasses import asdict
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calculators.limits_backoff import RetryBudget, backoff_seconds  # noqa: E402
from calculators.limits_bucket import TokenBucket  # noqa: E402
from calculators.limits_loopback import (  # noqa: E402
    FULL_LOADS, FULL_POLICIES, LOOPBACK_REQUESTS_PER_SECOND, MAX_ROUNDS, OUTPUT, SHORT_LOADS,
    SHORT_POLICIES, LoopbackRow, compare, loopback_config, required_rows,
)

#: Requests per run in the short (CI) version: below the limit, and above it.
SHORT_LIGHT_REQUESTS = 80
SHORT_REQUESTS = 100
#: Requests per run in the committed measurement.
FULL_REQUESTS = 100
from calculators.limits_sim import JITTER_STREAM, SimConfig, arrival_plan, percentile  # noqa: E402
from calculators.rng import MASK32, Rng  # noqa: E402
from loopback_common import check_or_write, free_port, run_in_thread  # noqa: E402

PACKAGES = ("uvicorn", "starlette", "httpx", "h11")
#: Never more than this many requests in one run, and never longer than this (seconds).
MAX_REQUESTS = 2000
MAX_RUN_SECONDS = 60.0


def limited_app(configs: dict[str, SimConfig]) -> Any:
    """The Starlette app: POST /v1/{run} with a JSON body {"input_tokens", "max_tokens",
    "output_tokens"} is admitted or refused by that run's buckets; GET /ping answers at once."""
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse, PlainTextResponse
    from starlette.routing import Route

    state: dict[str, tuple[float, list[tuple[int, TokenBucket]]]] = {}

    def buckets(run: str) -> tuple[float, list[tuple[int, TokenBucket]]]:
        if run not in state:
            c = configs[run]
            made = [(dim, TokenBucket.per_minute(limit, c.window_seconds))
                    for dim, limit in enumerate((c.rpm_limit, c.itpm_limit, c.otpm_limit,
                                                 c.tpm_limit)) if limit > 0]
            state[run] = (time.perf_counter(), made)
        return state[run]

    def headers(c: SimConfig, made: list[tuple[int, TokenBucket]], now: float,
                wait: float) -> dict[str, str]:
        names = ("requests", "input-tokens", "output-tokens", "tokens")
        prefix = "anthropic-ratelimit" if c.provider == "anthropic" else "x-ratelimit"
        out: dict[str, str] = {}
        for dim, bucket in made:
            level = max(0.0, bucket.refresh(now))
            full_in = (bucket.capacity - level) / bucket.rate_per_second
            if c.provider == "anthropic":
                out[f"{prefix}-{names[dim]}-limit"] = str(int(bucket.capacity))
                out[f"{prefix}-{names[dim]}-remaining"] = str(int(level))
                out[f"{prefix}-{names[dim]}-reset"] = f"+{full_in:.3f}s"
            else:
                kind = "requests" if dim == 0 else "tokens"
                out[f"{prefix}-limit-{kind}"] = str(int(bucket.capacity))
                out[f"{prefix}-remaining-{kind}"] = str(int(level))
                out[f"{prefix}-reset-{kind}"] = f"{full_in:.3f}s"
        if wait >= 0:
            out["retry-after"] = str(max(1, math.ceil(wait)))
            out["retry-after-ms"] = str(int(round(wait * 1000)))
        return out

    async def messages(request: Any) -> Any:
        run = request.path_params["run"]
        body = await request.json()
        c = configs[run]
        origin, made = buckets(run)
        now = time.perf_counter() - origin
        size_in = float(body["input_tokens"])
        costs = [(dim, b, (1.0, size_in, c.max_tokens, size_in + c.max_tokens)[dim])
                 for dim, b in made]
        if all(b.can_take(k, now) for _, b, k in costs):
            for _, b, k in costs:
                b.take(k, now)
            await asyncio.sleep(c.service_seconds)
            done = time.perf_counter() - origin
            for dim, b in made:
                if dim == 2:
                    b.give_back(c.max_tokens - float(body["output_tokens"]), done)
            return JSONResponse({"usage": {"input_tokens": size_in,
                                           "output_tokens": body["output_tokens"]}},
                                headers=headers(c, made, done, -1.0))
        wait = max(b.wait_seconds(k, now) for _, b, k in costs)
        if c.provider == "openai":
            for dim, b in made:
                if dim == 0:
                    b.drain(1.0, now)
        hdrs = headers(c, made, now, -1.0 if math.isinf(wait) else
                       math.ceil(wait * 1000.0 - 1e-6) / 1000.0)
        kind = "request_too_large" if math.isinf(wait) else "rate_limit_error"
        return JSONResponse({"type": "error", "error": {"type": kind}}, status_code=429,
                            headers=hdrs)

    async def ping(request: Any) -> Any:
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/v1/{run}", messages, methods=["POST"]),
                             Route("/ping", ping)])


def serve(port: int, config_path: Path) -> None:
    """The server process: uvicorn on 127.0.0.1:``port`` with the runs in ``config_path``."""
    import uvicorn

    raw = json.loads(config_path.read_text(encoding="utf-8"))
    configs = {name: SimConfig(**c) for name, c in raw.items()}
    uvicorn.run(limited_app(configs), host="127.0.0.1", port=port, http="h11",
                log_level="warning", lifespan="off", backlog=2048, access_log=False,
                timeout_keep_alive=300)


class LimitedServer:
    """The server in a process of its own (so it never shares the client's interpreter lock),
    started on a free port and ended with the run, bounded by ``MAX_SERVER_SECONDS``."""

    def __init__(self, configs: dict[str, SimConfig]) -> None:
        self.configs = configs
        self.port = free_port()

    def __enter__(self) -> LimitedServer:
        import subprocess
        import tempfile
        import urllib.request

        self.dir = tempfile.TemporaryDirectory()
        path = Path(self.dir.name) / "configs.json"
        path.write_text(json.dumps({k: asdict(c) for k, c in self.configs.items()}))
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve", str(self.port),
             "--configs", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/ping", timeout=1).read()
                return self
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.__exit__()
                    raise RuntimeError("the loopback server did not start") from None
                time.sleep(0.05)

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except Exception:
            self.proc.kill()
            self.proc.wait(10)
        self.dir.cleanup()


async def _round_trip_seconds(client: Any, url: str, n: int = 30) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        await client.get(url + "/ping")
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


async def run_client(client: Any, url: str, name: str, c: SimConfig) -> dict[str, Any]:
    """Play the arrival plan against the server with policy ``c.policy``; count outcomes."""
    times, inputs, outputs = arrival_plan(c)
    jitter = Rng((c.seed + JITTER_STREAM) & MASK32)
    budget = RetryBudget(c.budget == "grpc")
    mirror = [(dim, TokenBucket.per_minute(limit * c.pace_ratio, c.window_seconds))
              for dim, limit in enumerate((c.rpm_limit, c.itpm_limit, c.otpm_limit, c.tpm_limit))
              if limit > 0]
    stats = {"attempts": 0, "r429": 0, "ok": 0, "gave_up": 0, "never": 0}
    latencies: list[float] = []
    late_arrivals: list[float] = []
    late_timers: list[float] = []
    round_trips: list[float] = []
    last = [0.0]
    origin = time.perf_counter()
    queue: asyncio.Queue[int] = asyncio.Queue()

    def now() -> float:
        return time.perf_counter() - origin

    def cost(dim: int, i: int) -> float:
        return (1.0, inputs[i], c.max_tokens, inputs[i] + c.max_tokens)[dim]

    async def attempt(i: int) -> tuple[int, float]:
        stats["attempts"] += 1
        sent = time.perf_counter()
        response = await client.post(f"{url}/v1/{name}", json={
            "input_tokens": inputs[i], "max_tokens": c.max_tokens, "output_tokens": outputs[i]})
        served = c.service_seconds if response.status_code == 200 else 0.0
        round_trips.append(time.perf_counter() - sent - served)
        if response.status_code == 200:
            return 200, 0.0
        header = response.headers.get("retry-after-ms")
        return response.status_code, float(header) / 1000.0 if header is not None else -1.0

    async def request(i: int) -> None:
        previous = c.base_seconds
        retries_done = 0
        while True:
            status, retry_after = await attempt(i)
            t = now()
            if status == 200:
                stats["ok"] += 1
                budget.on_success()
                latencies.append(t - times[i])
                last[0] = max(last[0], t)
                if c.policy == "queue":
                    for dim, b in mirror:
                        if dim == 2:
                            b.give_back(c.max_tokens - outputs[i], t)
                return
            stats["r429"] += 1
            budget.on_failure()
            if c.policy == "none" or retries_done >= c.max_retries or not budget.allows_retry():
                break
            sleep = backoff_seconds(c.policy, retries_done, c.base_seconds, c.cap_seconds,
                                    previous, retry_after, jitter)
            previous = sleep
            if t + sleep > times[i] + c.deadline_seconds:
                break
            await asyncio.sleep(sleep)
            late_timers.append(now() - t - sleep)
            retries_done += 1
        stats["gave_up"] += 1
        last[0] = max(last[0], now())

    tasks: list[asyncio.Task[None]] = []

    async def dispatcher() -> None:
        for _ in range(len(times)):
            i = await queue.get()
            while True:
                t = now()
                wait = max((b.wait_seconds(cost(dim, i), t) for dim, b in mirror), default=0.0)
                if math.isinf(wait):
                    stats["never"] += 1
                    last[0] = max(last[0], t)
                    break
                if t + wait > times[i] + c.deadline_seconds:
                    stats["gave_up"] += 1
                    last[0] = max(last[0], t)
                    break
                if wait <= 0:
                    for dim, b in mirror:
                        b.take(cost(dim, i), t)
                    tasks.append(asyncio.create_task(request(i)))
                    break
                await asyncio.sleep(min(wait, 0.005))

    feeder_done = asyncio.Event()

    async def feeder() -> None:
        for i, at in enumerate(times):
            delay = at - now()
            if delay > 0:
                await asyncio.sleep(delay)
            late_arrivals.append(now() - at)
            if c.policy == "queue":
                queue.put_nowait(i)
            else:
                tasks.append(asyncio.create_task(request(i)))
        feeder_done.set()

    async def everything() -> None:
        jobs = [asyncio.create_task(feeder())]
        if c.policy == "queue":
            jobs.append(asyncio.create_task(dispatcher()))
        await asyncio.gather(*jobs)
        while any(not task.done() for task in tasks):
            await asyncio.gather(*tasks)

    await asyncio.wait_for(everything(), MAX_RUN_SECONDS)
    return {"run": name, "config": asdict(c), "num_attempts": stats["attempts"],
            "num_429": stats["r429"], "num_success": stats["ok"], "num_gave_up": stats["gave_up"],
            "num_never_fit": stats["never"], "first_arrival_seconds": times[0] if times else 0.0,
            "last_event_seconds": last[0],
            "latencies_seconds": [round(x, 6) for x in sorted(latencies)],
            "mean_late_arrival_seconds": statistics.fmean(late_arrivals) if late_arrivals else 0.0,
            "p95_late_timer_seconds": _p95(late_arrivals + late_timers),
            "p95_round_trip_seconds": _p95(round_trips)}


def _p95(values: list[float]) -> float:
    return percentile(sorted(values), 0.95)


async def _measure(configs: dict[str, SimConfig],
                   concurrent: bool) -> tuple[float, list[dict[str, Any]]]:
    import httpx

    with LimitedServer(configs) as server:
        url = f"http://127.0.0.1:{server.port}"
        limits = httpx.Limits(max_connections=1000, max_keepalive_connections=1000)

        async def one(name: str, c: SimConfig) -> dict[str, Any]:
            # A client (a connection pool) per run: one pool shared by several runs spends
            # its time searching its connections, and the round trips grow with the runs.
            async with httpx.AsyncClient(limits=limits, timeout=30.0) as client:
                return await run_client(client, url, name, c)

        async with httpx.AsyncClient(timeout=30.0) as client:
            rtt = await _round_trip_seconds(client, url)
        runs: dict[str, dict[str, Any]] = {}
        if concurrent:  # light runs at once (each on buckets of its own), then heavy ones
            light = [n for n, c in configs.items() if not _heavy(c)]
            got = await asyncio.gather(*(one(n, configs[n]) for n in light))
            runs.update(zip(light, got))
        for name, c in configs.items():
            if name not in runs:
                runs[name] = await one(name, c)
        return rtt, [runs[name] for name in configs]


def _heavy(c: SimConfig) -> bool:
    """A run that retries above the limit: several attempts per request, so it goes alone."""
    return c.requests_per_second > LOOPBACK_REQUESTS_PER_SECOND and c.policy not in (
        "none", "queue")


def measure(policies: tuple[str, ...], loads: tuple[float, ...], num_requests: int,
            seed: int = 7, light_requests: int | None = None, concurrent: bool = False,
            only: set[tuple[str, float]] | None = None) -> dict[str, Any]:
    """One server; one run per (policy, load) (those in ``only``, if given), one after another
    (or, with ``concurrent``, the light ones all at once, each on buckets of its own, then the
    heavy ones, those that retry above the limit, one after another). Returns the document.
    ``light_requests`` (default ``num_requests``) is used for loads below the limit."""
    light = light_requests or num_requests
    if max(num_requests, light) > MAX_REQUESTS:
        raise ValueError(f"at most {MAX_REQUESTS} requests per run")
    configs = {f"{p}-{load:g}": loopback_config(p, load, light if load < 1 else num_requests,
                                                seed)
               for load in loads for p in policies if only is None or (p, load) in only}
    rtt, runs = run_in_thread(_measure(configs, concurrent))
    return {
        "measured_on": date.today().isoformat(),
        "what": ("429 replies, successes and latencies counted by an httpx client against a "
                 "token-bucket server on 127.0.0.1; limits per second (compressed time)"),
        "command": "uv run python scripts/loopback_limits.py",
        "python": platform.python_version(),
        "packages": {name: metadata.version(name) for name in PACKAGES},
        "round_trip_seconds": rtt,
        "runs": runs,
    }


def check_measure(policies: tuple[str, ...], loads: tuple[float, ...], num_requests: int,
                  light_requests: int) -> tuple[dict[str, Any], int]:
    """The short check (``concurrent``); a run that disagrees with its prediction while the
    machine did not run it as planned (void) is measured again, ``MAX_ROUNDS`` times at most.
    Returns the document of the last measurement of each run and the rounds taken."""
    doc = measure(policies, loads, num_requests, light_requests=light_requests,
                  concurrent=True)
    for rounds in range(2, MAX_ROUNDS + 1):
        redo = [(r.policy, r.load_multiple) for r in compare(doc)
                if not r.within_tolerance and not r.kept_to_plan]
        if not redo:
            return doc, rounds - 1
        fresh = measure(policies, loads, num_requests, light_requests=light_requests,
                        concurrent=True, only=set(redo))
        again = {(run["config"]["policy"], _load(run)): run for run in fresh["runs"]}
        doc["runs"] = [again.get((run["config"]["policy"], _load(run)), run)
                       for run in doc["runs"]]
        doc["rounds"] = rounds
    return doc, MAX_ROUNDS


def _load(run: dict[str, Any]) -> float:
    return run["config"]["requests_per_second"] / LOOPBACK_REQUESTS_PER_SECOND


def print_rows(rows: tuple[LoopbackRow, ...]) -> None:
    print(f"overhead (round trip) in the prediction: {rows[0].overhead_seconds * 1000:.1f} ms"
          if rows else "no runs")
    print(f"{'run':<16} {'429 measured/predicted (bound)':>31} {'goodput/min':>15} "
          f"{'attempts/success':>17}  ok")
    for r in rows:
        print(f"{r.run:<16} {r.measured_429_ratio:6.3f} / {r.simulated_429_ratio:.3f} "
              f"(+-{r.rate_429_bound_ratio:.3f})   {r.measured_goodput_per_minute:5.0f} / "
              f"{r.simulated_goodput_per_minute:5.0f}   {r.measured_amplification:5.2f} / "
              f"{r.simulated_amplification:5.2f}  {'yes' if r.within_tolerance else 'NO'}"
              f"{'' if r.kept_to_plan else ' (void: the machine was busy)'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="a short fresh run and the committed file must both agree")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--requests", type=int, default=FULL_REQUESTS)
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--configs", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.configs)
        return 0
    if args.check:
        doc, _ = check_measure(SHORT_POLICIES, SHORT_LOADS, SHORT_REQUESTS,
                               SHORT_LIGHT_REQUESTS)
        rows = compare(doc)  # predicted with the committed overhead, not this run's
    else:
        doc = measure(FULL_POLICIES, FULL_LOADS, args.requests)
        doc["overhead_seconds"] = doc["round_trip_seconds"]  # measured once, here
        rows = compare(doc, doc["overhead_seconds"])
    print_rows(rows)
    return check_or_write(
        rows=required_rows(rows), compare=lambda d: required_rows(compare(d)), doc=doc, output=OUTPUT, root=ROOT, check=args.check,
        no_write=args.no_write, disagree="the simulator and the loopback measurement disagree",
        agree="a fresh run and {file} both agree with the simulator",
        outside="runs of the required policies are outside the tolerance")


if __name__ == "__main__":
    raise SystemExit(main())
