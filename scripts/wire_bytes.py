"""Stream real responses over loopback and count the bytes on the socket, both ways.

Usage::

    uv run python scripts/wire_bytes.py            # measure, print, rewrite the committed file
    uv run python scripts/wire_bytes.py --check    # exit 1 if fresh or committed runs disagree
    uv run python scripts/wire_bytes.py --no-write # measure and print only

Servers (127.0.0.1, a free port each): uvicorn (h11) + Starlette + sse-starlette's
``EventSourceResponse`` for SSE over plain HTTP/1.1, and the ``websockets`` package for
WebSocket (without compression, and with per-message deflate at its default settings). Both stream the payloads of :func:`calculators.framing.stream_payloads`, one event
per write. The clients are plain asyncio sockets that send a hand-written request and add up
every byte they write and read (TCP payload; no TLS on loopback). The SSE client sends no
``Connection: close`` and stops at the last chunk; the WebSocket client sends one masked
request message and echoes the server's close frame.

This script only counts; every prediction is computed in ``calculators/wire.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import platform
import struct
import sys
import threading
import time
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loopback_common import check_or_write, free_port, run_in_thread  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "calculators" / "data" / "wire_measurements.json"
FORMATS = ("openai", "openai-observed", "openai-responses", "anthropic", "anthropic-compact")
TOKEN_COUNTS = (10, 200, 2000)
#: (transport, compression): SSE, WebSocket, and WebSocket with per-message deflate.
TRANSPORTS = (("sse-h1", "none"), ("ws", "none"), ("ws", "event"))
PACKAGES = ("uvicorn", "starlette", "sse-starlette", "websockets", "h11")


def payloads_for(provider: str, num_tokens: int) -> tuple[tuple[str, str], ...]:
    from calculators.framing import sample_token_texts, stream_payloads

    return stream_payloads(provider, sample_token_texts(num_tokens))


class SSEServer:
    """uvicorn + sse-starlette on 127.0.0.1; GET /sse/{format}?n=N streams one response."""

    def __init__(self) -> None:
        import uvicorn
        from sse_starlette import EventSourceResponse
        from sse_starlette.event import ServerSentEvent
        from starlette.applications import Starlette
        from starlette.routing import Route

        async def sse(request: Any) -> Any:
            events = payloads_for(request.path_params["provider"], int(request.query_params["n"]))

            async def body() -> Any:
                for name, data in events:
                    yield ServerSentEvent(data=data, event=name or None, sep="\n")

            # ping=0: no keep-alive comments during the measurement; our own Cache-Control.
            return EventSourceResponse(body(), sep="\n", ping=0,
                                       headers={"Cache-Control": "no-cache"})

        self.port = free_port()
        config = uvicorn.Config(
            Starlette(routes=[Route("/sse/{provider}", sse)]), host="127.0.0.1", port=self.port,
            http="h11", log_level="warning", server_header=False, date_header=False,
            lifespan="off",
        )
        self.server = uvicorn.Server(config)

    def __enter__(self) -> SSEServer:
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class WSServer:
    """websockets on 127.0.0.1: reads one request message, sends one text frame per event.

    ``compress``: accept per-message deflate with the package's default settings.
    """

    def __init__(self, compress: bool = False) -> None:
        self.port = free_port()
        self.compress = compress
        self.ready = threading.Event()

    async def handler(self, ws: Any) -> None:
        request = json.loads(await ws.recv())
        for _, data in payloads_for(request["provider"], int(request["n"])):
            await ws.send(data)
        await ws.close()

    def _run(self) -> None:
        from websockets.asyncio.server import serve

        async def main() -> None:
            self.stop = asyncio.Event()
            async with serve(self.handler, "127.0.0.1", self.port, ping_interval=None,
                             server_header=None,
                             compression="deflate" if self.compress else None):
                self.ready.set()
                await self.stop.wait()

        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(main())

    def __enter__(self) -> WSServer:
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        if not self.ready.wait(10):
            raise RuntimeError("websockets server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.stop.set)
        self.thread.join(10)


async def measure_sse(port: int, provider: str, num_tokens: int) -> dict[str, Any]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    path, host = f"/sse/{provider}?n={num_tokens}", f"127.0.0.1:{port}"
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode()
    writer.write(request)
    await writer.drain()
    received = bytearray()
    while not received.endswith(b"\r\n0\r\n\r\n"):
        data = await asyncio.wait_for(reader.read(65536), 30)
        if not data:
            break
        received += data
    writer.close()
    await writer.wait_closed()
    return {"path": path, "host": host, "server_to_client_bytes": len(received),
            "client_to_server_bytes": len(request)}


def _client_frame(opcode: int, payload: bytes) -> bytes:
    """A masked client-to-server frame, written by hand so every byte is ours to count."""
    mask = os.urandom(4)
    size = len(payload)
    if size <= 125:
        head = bytes([0x80 | opcode, 0x80 | size])
    elif size <= 0xFFFF:
        head = bytes([0x80 | opcode, 0x80 | 126]) + struct.pack("!H", size)
    else:
        head = bytes([0x80 | opcode, 0x80 | 127]) + struct.pack("!Q", size)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


async def measure_ws(port: int, provider: str, num_tokens: int,
                     compress: bool = False) -> dict[str, Any]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    path, host = "/ws", f"127.0.0.1:{port}"
    key = base64.b64encode(os.urandom(16)).decode()
    offer = "Sec-WebSocket-Extensions: permessage-deflate\r\n" if compress else ""
    handshake = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
                 f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                 f"Sec-WebSocket-Version: 13\r\n{offer}\r\n").encode()
    message = json.dumps({"provider": provider, "n": num_tokens}, separators=(",", ":")).encode()
    sent = len(handshake)
    writer.write(handshake)
    received = 0
    buffer = bytearray()
    while b"\r\n\r\n" not in buffer:
        data = await asyncio.wait_for(reader.read(65536), 30)
        if not data:
            raise RuntimeError("connection closed during the handshake")
        received += len(data)
        buffer += data
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 101"):
        raise RuntimeError(f"handshake refused: {head[:80]!r}")
    if compress and b"permessage-deflate" not in head:
        raise RuntimeError("the server did not accept per-message deflate")
    buffer = bytearray(rest)
    frame = _client_frame(0x1, message)
    writer.write(frame)
    sent += len(frame)
    closed = False
    while not closed:
        while len(buffer) >= 2 and not closed:
            length, offset = buffer[1] & 0x7F, 2
            if length == 126:
                if len(buffer) < 4:
                    break
                length, offset = struct.unpack("!H", buffer[2:4])[0], 4
            elif length == 127:
                if len(buffer) < 10:
                    break
                length, offset = struct.unpack("!Q", buffer[2:10])[0], 10
            if len(buffer) < offset + length:
                break
            opcode, payload = buffer[0] & 0x0F, bytes(buffer[offset:offset + length])
            del buffer[:offset + length]
            if opcode == 0x8:
                echo = _client_frame(0x8, payload)
                writer.write(echo)
                sent += len(echo)
                closed = True
        if closed:
            break
        data = await asyncio.wait_for(reader.read(65536), 30)
        if not data:
            raise RuntimeError("connection closed before the close frame")
        received += len(data)
        buffer += data
    await writer.drain()
    while data := await asyncio.wait_for(reader.read(65536), 30):
        received += len(data)
    writer.close()
    await writer.wait_closed()
    return {"path": path, "host": host, "request_message_bytes": len(message),
            "server_to_client_bytes": received, "client_to_server_bytes": sent}


async def _measure(runs: list[tuple[str, str, str, int]]) -> list[dict[str, Any]]:
    out = []
    for transport, compression, provider, num_tokens in runs:
        if transport == "sse-h1":
            with SSEServer() as server:
                counts = await measure_sse(server.port, provider, num_tokens)
        else:
            compress = compression == "event"
            with WSServer(compress) as server:
                counts = await measure_ws(server.port, provider, num_tokens, compress)
        out.append({"provider_format": provider, "transport": transport,
                    "compression": compression, "num_tokens": num_tokens, **counts})
    return out


def measure(formats: tuple[str, ...] = FORMATS, token_counts: tuple[int, ...] = TOKEN_COUNTS,
            transports: tuple[tuple[str, str], ...] = TRANSPORTS) -> list[dict[str, Any]]:
    """One fresh server and connection per run; returns the measurement records."""
    runs = [(t, c, f, n) for t, c in transports for f in formats for n in token_counts]
    return run_in_thread(_measure(runs))


def document(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "measured_on": date.today().isoformat(),
        "what": "TCP payload bytes counted at the client socket on 127.0.0.1, no TLS",
        "command": "uv run python scripts/wire_bytes.py",
        "python": platform.python_version(),
        "packages": {name: metadata.version(name) for name in PACKAGES},
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="measure without writing; exit 1 if anything differs by over 1%%")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from calculators.wire import wire_comparison

    doc = document(measure())
    rows = wire_comparison(doc)
    print(f"{'format':<18} {'transport':<8} {'tokens':>6} {'predicted down':>15} "
          f"{'measured down':>14} {'up (pred/meas)':>15}  error")
    for r in rows:
        name = r.transport + ("+z" if r.compression == "event" else "")
        print(f"{r.provider_format:<18} {name:<8} {r.num_tokens:>6} "
              f"{r.predicted_down_bytes:>15,} {r.measured_down_bytes:>14,} "
              f"{r.predicted_up_bytes:>7}/{r.measured_up_bytes:<7} "
              f"{max(abs(r.down_error_ratio), abs(r.up_error_ratio)):.4%}")
    return check_or_write(
        rows=rows, compare=wire_comparison, doc=doc, output=OUTPUT, root=ROOT, check=args.check,
        no_write=args.no_write, disagree="the model and the measurements differ by more than 1%",
        agree="a fresh measurement and {file} both agree with the model",
        outside="runs differ from the model by more than 1%", write_when_bad=False)


if __name__ == "__main__":
    raise SystemExit(main())
