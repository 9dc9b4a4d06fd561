"""Measure what embedding responses cost: printed characters per value and client decode time.

    uv run python scripts/embedding_measure.py            # measure, write the JSON
    uv run python scripts/embedding_measure.py --check    # re-measure the deterministic part,
                                                          # compare with the committed file

Characters per value come from seeded unit vectors (``calculators.embedding_serialise``), so
they are exact and reproducible. Decode time is wall-clock on this machine: the median of
several runs of ``json.loads`` of a whole response, plus, for base64, decoding every vector to
little-endian float32 (``base64.b64decode`` then ``struct.unpack('<Nf')``, what the SDKs do
with ``np.frombuffer``). Results go to ``calculators/data/embedding_measurements.json``.
"""

from __future__ import annotations

import argparse
import base64
import json
import platform
import statistics
import struct
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calculators.embedding_serialise import float32_text, response_body, seeded_vectors  # noqa: E402

OUTPUT = ROOT / "calculators" / "data" / "embedding_measurements.json"
DIMENSIONS = (64, 128, 256, 384, 512, 768, 1024, 1536, 3072)
SAMPLE_VECTORS = 32


def chars_per_value() -> dict[str, float]:
    out = {}
    for d in DIMENSIONS:
        vectors = seeded_vectors(SAMPLE_VECTORS, d)
        total = sum(len(float32_text(v)) for vec in vectors for v in vec)
        out[str(d)] = total / (SAMPLE_VECTORS * d)
    return out


def _decode_float(body: bytes) -> list[list[float]]:
    return [item["embedding"] for item in json.loads(body)["data"]]


def _decode_base64(body: bytes) -> list[tuple[float, ...]]:
    out = []
    for item in json.loads(body)["data"]:
        raw = base64.b64decode(item["embedding"])
        out.append(struct.unpack(f"<{len(raw) // 4}f", raw))
    return out


def decode_seconds(num_vectors: int, dimensions: int, runs: int) -> dict[str, float]:
    vectors = seeded_vectors(num_vectors, dimensions)
    bodies = {enc: response_body(vectors, enc, num_vectors * 500) for enc in ("float", "base64")}
    decoders = {"float": _decode_float, "base64": _decode_base64}
    out = {}
    for enc, body in bodies.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            decoded = decoders[enc](body)
            times.append(time.perf_counter() - start)
        assert len(decoded) == num_vectors
        out[enc] = statistics.median(times) / (num_vectors * dimensions)
    return out


def measure(num_vectors: int = 200, dimensions: int = 1536, runs: int = 15) -> dict:
    decode = decode_seconds(num_vectors, dimensions, runs)
    return {
        "chars_per_value": chars_per_value(),
        "sample_vectors": SAMPLE_VECTORS,
        "seed": 11,
        "decode_float_seconds_per_value": decode["float"],
        "decode_base64_seconds_per_value": decode["base64"],
        "decode_conditions": (
            f"CPython {platform.python_version()} on {platform.machine()}, "
            f"{num_vectors} vectors of {dimensions} values, median of {runs} runs, "
            "json.loads of the whole body; base64 then struct.unpack('<Nf') per vector; "
            "a 2-core machine shared with other jobs"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        committed = json.loads(OUTPUT.read_text(encoding="utf-8"))
        fresh = chars_per_value()
        if fresh != committed["chars_per_value"]:
            print("characters per value differ from the committed file", file=sys.stderr)
            return 1
        print("embedding measurements: characters per value match")
        return 0
    result = measure()
    OUTPUT.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
