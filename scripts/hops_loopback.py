"""Drive a real client through real hops on loopback and compare with the request-graph model.

Usage::

    uv run python scripts/hops_loopback.py             # measure, print, rewrite the committed file
    uv run python scripts/hops_loopback.py --no-write  # measure and print only
    uv run python scripts/hops_loopback.py --requests 150   # a shorter run (the CI test's size)

Three small HTTP services run under uvicorn on 127.0.0.1, each on its own port: a retrieval
service (``/embed`` returns a float32 query vector, ``/search`` the text of the top chunks,
``/keyword`` a keyword hit list), a tool service (``/tool`` returns a tool result) and an
LLM-shaped streaming endpoint (``/llm`` waits a time to first event, then streams OpenAI-style
chunk events, one every TPOT, as ``text/event-stream``). Each endpoint draws its delay from a
lognormal with a stated median and p95, from its own seeded :class:`calculators.rng.Rng`.

A real ``httpx.AsyncClient`` (keep-alive connections, a few requests in flight at once) runs
three request shapes and times each from the first request to the first content event of
the final LLM call:

* ``serial``: embed, then search, then the LLM's first token;
* ``fan-out``: (embed, then search) in parallel with keyword search, then the LLM;
* ``tool-rounds``: three sequential rounds of (LLM call streamed to its end, then the tool),
  then the final LLM call's first token.

The model (:func:`calculators.request_graph.path_samples`, same distributions, its own seed)
predicts the median and p95 of each shape, with each HTTP call's fixed loopback overhead
(measured first with zero-delay calls) added to its stage. Bytes moved (request and response
bodies) are predicted from the payload sizes the model uses. The script only measures and
compares; every prediction comes from ``calculators``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import socket
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUTPUT = ROOT / "calculators" / "data" / "hop_measurements.json"
PACKAGES = ("uvicorn", "starlette", "httpx", "h11")

#: Stage delays on the services (median, p95) [s]; the LLM streams CALL_TOKENS tokens.
DELAYS: dict[str, tuple[float, float]] = {
    "embed": (0.030, 0.080),
    "search": (0.012, 0.040),
    "keyword": (0.020, 0.060),
    "llm": (0.060, 0.150),
    "tool": (0.020, 0.060),
}
TPOT_SECONDS = 0.002
CALL_TOKENS = 10
NUM_ROUNDS = 3
VECTOR_DIMENSIONS = 256
CHUNK_BYTES = 2000
TOOL_RESULT_BYTES = 1500
SEED = 2026
#: Tolerance: the measured figure is within 10% of the prediction, or inside the 99.7% band
#: of the quantile for this many samples (order statistics), whichever is wider.
TOLERANCE_RATIO = 0.10


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def llm_events(num_tokens: int) -> list[bytes]:
    """SSE events of one streamed answer: the documented OpenAI chunk, one token each."""
    from calculators.framing import sample_token_texts, stream_payloads

    return [f"data: {data}\n\n".encode() for _, data in
            stream_payloads("openai", sample_token_texts(num_tokens))]


def build_apps(seed: int) -> dict[str, Any]:
    """The three Starlette apps; each endpoint draws its delays from its own seeded Rng."""
    from starlette.applications import Starlette
    from starlette.responses import Response, StreamingResponse
    from starlette.routing import Route

    from calculators.request_graph import Stage
    from calculators.rng import Rng

    rngs = {name: Rng(seed + i) for i, name in enumerate(DELAYS)}
    stages = {name: Stage(name, *DELAYS[name]) for name in DELAYS}

    def delay(name: str, request: Any) -> float:
        fixed_delay = request.query_params.get("calibrate")
        if fixed_delay is not None:  # a calibration call: a fixed, known delay
            return float(fixed_delay)
        return rngs[name].lognormal(stages[name].mu, stages[name].sigma)

    def fixed(name: str, size: int, media: str):
        async def endpoint(request: Any) -> Response:
            await request.body()
            await asyncio.sleep(delay(name, request))
            return Response(b"x" * size, media_type=media)
        return endpoint

    async def llm(request: Any) -> StreamingResponse:
        await request.body()
        wait = delay("llm", request)
        events = llm_events(int(request.query_params.get("n", CALL_TOKENS)))

        async def body() -> Any:
            await asyncio.sleep(wait)
            yield events[0]  # the role chunk: the stream's first event
            for event in events[1:-1]:
                await asyncio.sleep(TPOT_SECONDS)
                yield event
            yield events[-1]

        return StreamingResponse(body(), media_type="text/event-stream")

    return {
        "retrieval": Starlette(routes=[
            Route("/embed", fixed("embed", 4 * VECTOR_DIMENSIONS, "application/octet-stream"),
                  methods=["POST"]),
            Route("/search", fixed("search", CHUNK_BYTES, "text/plain"), methods=["POST"]),
            Route("/keyword", fixed("keyword", CHUNK_BYTES // 4, "text/plain"),
                  methods=["POST"]),
        ]),
        "tool": Starlette(routes=[
            Route("/tool", fixed("tool", TOOL_RESULT_BYTES, "application/json"),
                  methods=["POST"]),
        ]),
        "llm": Starlette(routes=[Route("/llm", llm, methods=["POST"])]),
    }


def serve_forever(seed: int, ports: dict[str, int]) -> None:
    """Run the three apps under uvicorn in this process, on one event loop, until killed."""
    import uvicorn

    async def main() -> None:
        servers = [
            uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=ports[name],
                                          log_level="error", lifespan="off", http="h11"))
            for name, app in build_apps(seed).items()
        ]
        await asyncio.gather(*(server.serve() for server in servers))

    asyncio.run(main())


class Services:
    """The three services in a child process (so the client's timing is its own), each on
    its own port on 127.0.0.1; stopped when the block ends."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.ports = {name: free_port() for name in ("retrieval", "tool", "llm")}
        self.urls = {name: f"http://127.0.0.1:{port}" for name, port in self.ports.items()}
        self.process: Any = None

    def __enter__(self) -> Services:
        import subprocess

        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve", str(self.seed),
             json.dumps(self.ports)], cwd=ROOT)
        deadline = time.monotonic() + 30
        for port in self.ports.values():
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                        break
                except OSError:
                    if time.monotonic() > deadline or self.process.poll() is not None:
                        self.__exit__()
                        raise RuntimeError("loopback services did not start within 30 s")
                    time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except Exception:  # noqa: BLE001 - a stuck child is killed, whatever the error
                self.process.kill()


@dataclass
class Counter:
    sent: int = 0
    received: int = 0


async def _post(client: Any, url: str, body: bytes, counter: Counter) -> None:
    response = await client.post(url, content=body)
    counter.sent += len(body)
    counter.received += len(response.content)


async def _llm(client: Any, url: str, body: bytes, counter: Counter, *, first_only: bool,
               num_tokens: int) -> None:
    """Stream an LLM call; return at its first content event (``first_only``) or its end."""
    counter.sent += len(body)
    async with client.stream("POST", url, params={"n": num_tokens}, content=body) as response:
        events = 0
        async for chunk in response.aiter_bytes():
            counter.received += len(chunk)
            events += chunk.count(b"\n\n")
            if first_only and events >= 1:
                return


QUERY = b"q" * 200
PROMPT = b"p" * 12_000


async def one_request(shape: str, client: Any, urls: dict[str, str], counter: Counter) -> float:
    """Time of one request of ``shape``, to the first event of the final LLM call [s]."""
    start = time.perf_counter()
    r, llm = urls["retrieval"], urls["llm"] + "/llm"
    if shape in {"serial", "fan-out"}:
        async def chain() -> None:
            await _post(client, r + "/embed", QUERY, counter)
            await _post(client, r + "/search", QUERY, counter)

        if shape == "serial":
            await chain()
        else:
            await asyncio.gather(chain(), _post(client, r + "/keyword", QUERY, counter))
        await _llm(client, llm, PROMPT, counter, first_only=True, num_tokens=CALL_TOKENS)
    else:
        for _ in range(NUM_ROUNDS):
            await _llm(client, llm, PROMPT, counter, first_only=False, num_tokens=CALL_TOKENS)
            await _post(client, urls["tool"] + "/tool", b"a" * 300, counter)
        await _llm(client, llm, PROMPT, counter, first_only=True, num_tokens=CALL_TOKENS)
    return time.perf_counter() - start


#: The fixed delay of a calibration call [s]: long enough to need a timer wake-up, as the
#: real delays do, so the calibration sees the same scheduling cost.
CALIBRATION_DELAY_SECONDS = 0.005


async def calibrate(client: Any, urls: dict[str, str], repeats: int = 30) -> dict[str, float]:
    """This machine's fixed costs, measured with known delays: per HTTP call, and per
    streamed-event wait (each timer wake-up beyond its sleep) [s]."""
    counter = Counter()
    delay = CALIBRATION_DELAY_SECONDS
    calls, streams = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        await _post(client, urls["retrieval"] + f"/embed?calibrate={delay}", QUERY, counter)
        calls.append(time.perf_counter() - start)
        start = time.perf_counter()
        await _llm(client, urls["llm"] + f"/llm?calibrate={delay}", PROMPT, counter,
                   first_only=False, num_tokens=CALL_TOKENS)
        streams.append(time.perf_counter() - start)
    call = max(0.0, statistics.median(calls) - delay)
    sleeps = CALL_TOKENS + 1
    stream = statistics.median(streams) - delay - call
    return {"call_seconds": call, "sleep_seconds": max(0.0, stream / sleeps - TPOT_SECONDS)}


async def measure(num_requests: int, concurrency: int, seed: int) -> dict[str, Any]:
    import httpx

    out: dict[str, Any] = {}
    with Services(seed) as services:
        limits = httpx.Limits(max_connections=4 * concurrency,
                              max_keepalive_connections=4 * concurrency)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            costs = await calibrate(client, services.urls)
            out["overhead_seconds"] = costs["call_seconds"]
            out["sleep_overhead_seconds"] = costs["sleep_seconds"]
            for shape in ("serial", "fan-out", "tool-rounds"):
                counter = Counter()
                times: list[float] = []
                queue = list(range(num_requests))

                async def worker() -> None:
                    while queue:
                        queue.pop()
                        times.append(await one_request(shape, client, services.urls, counter))

                await asyncio.gather(*(worker() for _ in range(concurrency)))
                times.sort()
                out[shape] = {"times": times, "sent_bytes": counter.sent,
                              "received_bytes": counter.received}
    return out


# --------------------------------------------------------------------------- prediction


def shape_steps(shape: str, overhead_seconds: float,
                sleep_overhead_seconds: float = 0.0) -> list[list[list[Any]]]:
    """The request graph of ``shape``, each HTTP call's loopback overhead added to its stage
    (and each streamed event's wake-up cost to a streamed LLM call)."""
    from calculators.request_graph import Stage

    def stage(name: str, extra: float = 0.0) -> Any:
        median, p95 = DELAYS[name]
        return Stage(name, median + overhead_seconds + extra, p95 + overhead_seconds + extra)

    # CALL_TOKENS content events and the closing chunk, each after one TPOT wait.
    llm_stream = (CALL_TOKENS + 1) * (TPOT_SECONDS + sleep_overhead_seconds)
    if shape == "serial":
        return [[[stage("embed")]], [[stage("search")]], [[stage("llm")]]]
    if shape == "fan-out":
        return [[[stage("embed"), stage("search")], [stage("keyword")]], [[stage("llm")]]]
    rounds = [[[stage("llm", llm_stream)]], [[stage("tool")]]] * NUM_ROUNDS
    return [*rounds, [[stage("llm")]]]


def predicted_bytes(shape: str) -> dict[str, int]:
    """Request and response body bytes per request of ``shape`` (the payloads above)."""
    first = len(llm_events(CALL_TOKENS)[0])
    whole = sum(len(e) for e in llm_events(CALL_TOKENS))
    if shape == "serial":
        return {"sent": 2 * len(QUERY) + len(PROMPT),
                "received": 4 * VECTOR_DIMENSIONS + CHUNK_BYTES + first}
    if shape == "fan-out":
        return {"sent": 3 * len(QUERY) + len(PROMPT),
                "received": 4 * VECTOR_DIMENSIONS + CHUNK_BYTES + CHUNK_BYTES // 4 + first}
    return {"sent": (NUM_ROUNDS + 1) * len(PROMPT) + NUM_ROUNDS * 300,
            "received": NUM_ROUNDS * (whole + TOOL_RESULT_BYTES) + first}


def quantile_band(model: list[float], p: float, n: int) -> tuple[float, float]:
    """Where a nearest-rank p-quantile of ``n`` samples falls 99.7% of the time (order
    statistics, normal approximation of the binomial), read off the model's samples."""
    from calculators.request_graph import nearest_rank

    spread = 3 * math.sqrt(p * (1 - p) / n)
    return (nearest_rank(model, max(1e-9, p - spread)), nearest_rank(model, min(1.0, p + spread)))


MODEL_SAMPLES = 20_000


def compare_predictions(shape: str, overhead_seconds: float,
                        sleep_overhead_seconds: float = 0.0) -> dict[str, float]:
    """The model's median and p95 for ``shape`` with the measured fixed costs [s]."""
    from calculators.request_graph import nearest_rank, path_samples

    model = path_samples(shape_steps(shape, overhead_seconds, sleep_overhead_seconds),
                         MODEL_SAMPLES, SEED)
    return {"median": nearest_rank(model, 0.5), "p95": nearest_rank(model, 0.95)}


def compare(measured: dict[str, Any], model_samples: int = MODEL_SAMPLES) -> dict[str, Any]:
    """Measured against predicted for every shape: medians, p95s, bytes, within tolerance."""
    from calculators.request_graph import nearest_rank, path_samples

    overhead = measured["overhead_seconds"]
    sleep_overhead = measured["sleep_overhead_seconds"]
    rows = {}
    for shape in ("serial", "fan-out", "tool-rounds"):
        times = measured[shape]["times"]
        n = len(times)
        model = path_samples(shape_steps(shape, overhead, sleep_overhead), model_samples, SEED)
        row: dict[str, Any] = {"num_requests": n}
        for label, p in (("median", 0.5), ("p95", 0.95)):
            got, want = nearest_rank(times, p), nearest_rank(model, p)
            low, high = quantile_band(model, p, n)
            allowed_low = min(low, want * (1 - TOLERANCE_RATIO))
            allowed_high = max(high, want * (1 + TOLERANCE_RATIO))
            row[label] = {"measured_seconds": got, "predicted_seconds": want,
                          "error_ratio": (want - got) / got,
                          "allowed_seconds": [allowed_low, allowed_high],
                          "within_tolerance": allowed_low <= got <= allowed_high}
        expected = predicted_bytes(shape)
        row["bytes"] = {
            "measured_sent": measured[shape]["sent_bytes"] // n,
            "measured_received": measured[shape]["received_bytes"] / n,
            "predicted_sent": expected["sent"], "predicted_received": expected["received"],
        }
        rows[shape] = row
    return rows


def run(num_requests: int, concurrency: int) -> dict[str, Any]:
    measured = asyncio.run(measure(num_requests, concurrency, SEED))
    return {
        "measured_on": date.today().isoformat(),
        "python": sys.version.split()[0],
        "packages": {p: metadata.version(p) for p in PACKAGES},
        "settings": {"delays_seconds": DELAYS, "tpot_seconds": TPOT_SECONDS,
                     "call_tokens": CALL_TOKENS, "num_rounds": NUM_ROUNDS, "seed": SEED,
                     "concurrency": concurrency, "tolerance_ratio": TOLERANCE_RATIO},
        "overhead_seconds": measured["overhead_seconds"],
        "sleep_overhead_seconds": measured["sleep_overhead_seconds"],
        "shapes": compare(measured),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--serve"]:  # the child process: run the services until terminated
        serve_forever(int(argv[1]), json.loads(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per shape")
    parser.add_argument("--concurrency", type=int, default=10, help="requests in flight")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    if not 10 <= args.requests <= 5000 or not 1 <= args.concurrency <= 100:
        parser.error("--requests must be 10-5000 and --concurrency 1-100")
    report = run(args.requests, args.concurrency)
    for shape, row in report["shapes"].items():
        for label in ("median", "p95"):
            r = row[label]
            print(f"{shape:12} {label:6} measured {r['measured_seconds'] * 1000:7.1f} ms  "
                  f"predicted {r['predicted_seconds'] * 1000:7.1f} ms  "
                  f"error {r['error_ratio']:+.1%}  {'ok' if r['within_tolerance'] else 'OUT'}")
        b = row["bytes"]
        print(f"{shape:12} bytes  sent {b['measured_sent']} / {b['predicted_sent']}  "
              f"received {b['measured_received']:.0f} / {b['predicted_received']}")
    if not args.no_write:
        OUTPUT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(ROOT)}")
    ok = all(row[label]["within_tolerance"] for row in report["shapes"].values()
             for label in ("median", "p95"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
