"""Compression of a streamed response, measured by compressing a generated one with zlib.

Ratios come from compressing a generated response
(:data:`~calculators.data.framing.SAMPLE_TEXT`): per event with a sync flush (what a streaming
server must do: gzip for SSE, permessage-deflate for WebSocket) or over the whole response at
once. Reference: RFC 7692 section 7.2.1.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence

from calculators.collect import Texts
from calculators.data.framing import SAMPLE_TEXT
from calculators.framing_events import FORMATS, sample_token_texts, stream_payloads
from calculators.framing_transport import (
    LF,
    SSE_DATA_PREFIX,
    SSE_EVENT_PREFIX,
    _check_choice,
    _int,
)

__all__ = ["COMPRESSION_CONSTANTS", "compression_ratio", "gzip_event_sizes",
           "permessage_deflate_sizes"]

#: Sync-flush marker that permessage-deflate strips from each message (RFC 7692 7.2.1).
DEFLATE_TAIL_BYTES = 4

COMPRESSION_CONSTANTS: Texts = (
    "zlib_default_compression_level",
    "zlib_default_window_bits",
    "zlib_default_mem_level",
    "websockets_deflate_window_bits",
    "websockets_deflate_mem_level",
)


def gzip_event_sizes(chunks: Sequence[bytes]) -> list[int]:
    """Bytes of a gzip body that is flushed after every chunk (zlib defaults), per chunk; the
    gzip header is in the first and the trailer is added to the last."""
    c = zlib.compressobj(_int("zlib_default_compression_level"), zlib.DEFLATED,
                         _int("zlib_default_window_bits") + 16, _int("zlib_default_mem_level"))
    sizes = [len(c.compress(b) + c.flush(zlib.Z_SYNC_FLUSH)) for b in chunks]
    if sizes:
        sizes[-1] += len(c.flush())
    return sizes


def permessage_deflate_sizes(messages: Sequence[bytes]) -> list[int]:
    """Compressed payload bytes of each WebSocket message under per-message deflate with the
    websockets package's default settings: context kept between messages, each message ended
    by a sync flush whose 4-byte tail is removed (RFC 7692 section 7.2.1)."""
    c = zlib.compressobj(_int("zlib_default_compression_level"), zlib.DEFLATED,
                         -_int("websockets_deflate_window_bits"),
                         _int("websockets_deflate_mem_level"))
    return [len(c.compress(m) + c.flush(zlib.Z_SYNC_FLUSH)) - DEFLATE_TAIL_BYTES
            for m in messages]


def _sse_body(payloads: Sequence[tuple[str, str]]) -> list[bytes]:
    return [(((SSE_EVENT_PREFIX + name + LF) if name else "") + SSE_DATA_PREFIX + data + LF + LF)
            .encode() for name, data in payloads]


@functools.cache
def compression_ratio(fmt: str, mode: str) -> float:
    """Compressed / uncompressed bytes of a generated response in format ``fmt`` [0-1].

    ``sse-event``: gzip over the SSE body, sync flush after every event. ``ws-event``:
    per-message deflate as the websockets package negotiates it. ``stream``: gzip over the
    whole SSE body at once (nothing arrives until the end).
    """
    _check_choice("provider_format", fmt, FORMATS)
    payloads = stream_payloads(fmt, sample_token_texts(len(SAMPLE_TEXT.split(" "))))
    if mode == "ws-event":
        raw = [data.encode() for _, data in payloads]
        return sum(permessage_deflate_sizes(raw)) / sum(len(r) for r in raw)
    body = _sse_body(payloads)
    if mode == "sse-event":
        return sum(gzip_event_sizes(body)) / sum(len(b) for b in body)
    if mode == "stream":
        c = zlib.compressobj(_int("zlib_default_compression_level"), zlib.DEFLATED,
                             _int("zlib_default_window_bits") + 16,
                             _int("zlib_default_mem_level"))
        return len(c.compress(b"".join(body)) + c.flush()) / sum(len(b) for b in body)
    raise ValueError(f"mode must be one of: sse-event, ws-event, stream; got {mode!r}.")
