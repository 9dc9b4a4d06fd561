"""Bytes on the wire of a real embeddings endpoint, fetched as float and as base64.

    uv run python scripts/embedding_loopback.py   # run, write calculators/data/embedding_loopback.json

A Starlette app under uvicorn on 127.0.0.1 answers ``POST /v1/embeddings`` the way an
OpenAI-compatible API does (``encoding_format``, ``dimensions``) with seeded vectors
(``calculators.embedding_serialise``). An httpx client fetches each batch through a small TCP
relay that counts every byte the server sends back (status line, headers and body). The
prediction (``calculators.embeddings.response_bytes``) covers the body; the headers are the
small remainder, reported separately.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import Response  # noqa: E402
from starlette.routing import Route  # noqa: E402

from calculators.embedding_corpus import chars_per_value  # noqa: E402
from calculators.embedding_serialise import MODEL_NAME, response_body, seeded_vectors  # noqa: E402
from calculators.embeddings import response_bytes  # noqa: E402

OUTPUT = ROOT / "calculators" / "data" / "embedding_loopback.json"
TOKENS_PER_INPUT = 500
FULL_RUNS = ((16, 1536), (64, 1536), (16, 3072), (64, 256))
SHORT_RUNS = ((16, 1536),)


async def embeddings(request: Request) -> Response:
    payload = await request.json()
    vectors = seeded_vectors(len(payload["input"]), int(payload.get("dimensions", 1536)))
    body = response_body(vectors, payload.get("encoding_format", "float"),
                         len(payload["input"]) * TOKENS_PER_INPUT)
    return Response(body, media_type="application/json")


APP = Starlette(routes=[Route("/v1/embeddings", embeddings, methods=["POST"])])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Relay:
    """A TCP relay on 127.0.0.1 that counts the bytes flowing from the server to the client."""

    def __init__(self, upstream: int) -> None:
        self.upstream, self.port, self.downstream_bytes = upstream, _free_port(), 0
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()
        self.ready.wait(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def pipe(reader, writer, count: bool) -> None:  # noqa: ANN001
            while data := await reader.read(65536):
                if count:
                    self.downstream_bytes += len(data)
                writer.write(data)
                await writer.drain()
            writer.close()

        async def handle(client_r, client_w) -> None:  # noqa: ANN001
            server_r, server_w = await asyncio.open_connection("127.0.0.1", self.upstream)
            await asyncio.gather(pipe(client_r, server_w, False), pipe(server_r, client_w, True))

        async def main() -> None:
            server = await asyncio.start_server(handle, "127.0.0.1", self.port)
            self.ready.set()
            async with server:
                await server.serve_forever()

        self.loop.run_until_complete(main())


def start_server() -> tuple[uvicorn.Server, int]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(APP, host="127.0.0.1", port=port, log_level="error",
                                           lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError("the loopback server did not start")
    return server, port


def run(batches: tuple[tuple[int, int], ...] = FULL_RUNS) -> list[dict]:
    server, port = start_server()
    rows = []
    try:
        for n, d in batches:
            for enc in ("float", "base64"):
                relay = Relay(port)
                with httpx.Client(base_url=f"http://127.0.0.1:{relay.port}", timeout=60) as client:
                    response = client.post("/v1/embeddings", json={
                        "model": MODEL_NAME, "input": ["chunk"] * n, "encoding_format": enc,
                        "dimensions": d})
                    response.raise_for_status()
                    body = len(response.content)
                time.sleep(0.05)  # let the relay count the last bytes it forwarded
                predicted = response_bytes(n, d, enc, n * TOKENS_PER_INPUT, len(MODEL_NAME),
                                           chars_per_value(d))
                wire = relay.downstream_bytes
                rows.append({"vectors": n, "dimensions": d, "encoding": enc,
                             "predicted_body_bytes": round(predicted), "body_bytes": body,
                             "wire_bytes": wire, "error_ratio": (predicted - wire) / wire})
    finally:
        server.should_exit = True
    return rows


def main() -> int:
    rows = run()
    OUTPUT.write_text(json.dumps({"tokens_per_input": TOKENS_PER_INPUT, "runs": rows},
                                 indent=2) + "\n", encoding="utf-8")
    for row in rows:
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
