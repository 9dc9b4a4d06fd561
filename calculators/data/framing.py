"""Constants behind the streaming framing model (guide 2): protocol sizes and connection facts.

The records are in ``framing.toml`` beside this module: the constants, the provider example
events (kept verbatim as fixture files in ``calculators/data/fixtures/`` and measured by
:mod:`calculators.framing` when needed) and the rows of the transport decision table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calculators.data.loader import load

__all__ = ["FIXTURES", "SAMPLE_TEXT", "TRANSPORT_FACTS", "Fixture", "TransportFact"]


@dataclass(frozen=True)
class Fixture:
    """One provider example event kept verbatim in ``calculators/data/fixtures/``."""

    key: str
    path: str
    label: str
    source_url: str
    source_title: str
    as_of: date
    note: str
    constructed: bool = False


@dataclass(frozen=True)
class TransportFact:
    """One row of the SSE / WebSocket / long-polling decision table, with its source.

    Cell texts may name constants as ``{key}``; :mod:`calculators.framing` fills them in.
    """

    key: str
    topic: str
    sse: str
    websocket: str
    long_polling: str
    websocket_wins_when: str
    source_url: str
    source_title: str
    as_of: date
    constant_keys: tuple[str, ...] = ()

    @property
    def constants(self) -> tuple[str, ...]:
        """The constants the texts name (what a page lists in its sources)."""
        return self.constant_keys


#: Text written for this project; its words (with their leading spaces) stand in for tokens
#: when a stream is generated for the compression measurement and the loopback test.
SAMPLE_TEXT = (
    "A streamed answer reaches the reader one small event at a time. Each event repeats "
    "the same envelope: an identifier, a timestamp, the model name and a few nested fields, "
    "and only a handful of bytes inside it are the text the reader wanted. That is why a "
    "short reply can cost many times its own size on the wire, and why compression, which "
    "removes repetition, helps so much more here than it does for ordinary prose. The "
    "transport adds its own layers around every event: the field names of server-sent "
    "events, the length prefix of chunked transfer coding or an HTTP/2 frame header, and "
    "the header and tag of the encrypted record that carries it. A WebSocket replaces those "
    "with a frame header of two to fourteen bytes, but the server still decides what JSON "
    "to put inside. Before choosing one, count what crosses the network for the responses "
    "you actually serve, at the token rate your model produces, for every stream that is "
    "open at the busiest minute of the day, and compare that with what your proxies, your "
    "load balancers and your bill allow."
)

_RECORDS = load("framing", kinds={"fixture": Fixture, "transport_fact": TransportFact})
FIXTURES: dict[str, Fixture] = {f.key: f for f in _RECORDS["fixture"]}
TRANSPORT_FACTS: tuple[TransportFact, ...] = tuple(_RECORDS["transport_fact"])
