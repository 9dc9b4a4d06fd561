"""What a streamed answer weighs, said once for both guides that quote it, the documented
envelope against one captured from the API field by field, and the streaming guide's check
against published bytes.

:func:`answer_size` is the one 2,000-token answer the streaming guide's worked example and the
tokens guide both print: its event payloads (the JSON and SSE field syntax of every event)
and what HTTP/2 frames, TLS records and headers add on the way, optionally with the TCP/IP
headers below them. :func:`envelope_rows` compares the documented OpenAI chunk with a chunk
captured from the API, field by field. :func:`captured_chunks_check` replays the captured
stream: the model, given the first captured chunk, predicts the size of the next three.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from calculators.collect import Texts
from calculators.data.framing import FIXTURES
from calculators.framing import FRAMING_CONSTANTS, StreamingBandwidth
from calculators.framing_calculator import EGRESS_PRICE_KEY
from calculators.framing_events import event_template, stream_payloads
from calculators.framing_transport import _utf8
from calculators.registry import ReferenceCheck, reference_check, register_check
from calculators.registry import register_table, run

__all__ = ["AnswerSize", "EnvelopeRow", "answer_size", "captured_chunks_check",
           "envelope_rows"]

#: The captured chunks after the first, whose sizes the check predicts.
CAPTURED_LATER = ("openai_observed_2", "openai_observed_3", "openai_observed_4")


@dataclass(frozen=True)
class AnswerSize:
    """The streaming guide's worked answer, documented and realistic, with and without the
    TCP/IP headers under it."""

    documented: StreamingBandwidth
    realistic: StreamingBandwidth
    documented_tcp_ip: StreamingBandwidth
    realistic_padding_off: StreamingBandwidth
    websocket: StreamingBandwidth
    responses: StreamingBandwidth
    realistic_extra_bytes: float
    realistic_extra_ratio: float
    padding_saving_bytes: float
    padding_saving_ratio: float
    websocket_saving_ratio: float
    tcp_ip_extra_ratio: float
    tcp_ip_bytes_per_event: float
    documented_id: str
    documented_model: str
    constants: Texts = (*FRAMING_CONSTANTS, EGRESS_PRICE_KEY)


def answer_size() -> AnswerSize:
    """The calculator's defaults (the documented OpenAI chunk), the captured chunk, the
    documented chunk with TCP/IP headers, the captured chunk with its padding off, the same
    answer over WebSocket and as documented Responses events."""
    documented = run("streaming_bandwidth")
    realistic = run("streaming_bandwidth", {"format": "openai-observed"})
    off = run("streaming_bandwidth", {"format": "openai-observed", "obfuscation": "off"})
    tcp = run("streaming_bandwidth", {"tcp_ip": "yes"})
    ws = run("streaming_bandwidth", {"transport": "ws-tls"})
    extra = realistic.response_bytes - documented.response_bytes
    saving = realistic.response_bytes - off.response_bytes
    return AnswerSize(documented, realistic, tcp, off, ws,
                      run("streaming_bandwidth", {"format": "openai-responses"}),
                      extra, extra / documented.response_bytes, saving,
                      saving / realistic.response_bytes,
                      1 - ws.response_bytes / documented.response_bytes,
                      tcp.response_bytes / documented.response_bytes - 1,
                      tcp.event_packet_bytes - tcp.event_wire_bytes,
                      event_template("openai_content").id_text,
                      json.loads(event_template("openai_content").data)["model"])


@dataclass(frozen=True)
class EnvelopeRow:
    """One top-level field of the OpenAI chunk: its bytes in the documented example and in
    the captured chunk (``"name":value`` with its comma; 0 where the chunk lacks it)."""

    field: str
    documented_bytes: int
    captured_bytes: int
    difference_bytes: int
    constants: Texts = ()


def _field_sizes(data: str) -> dict[str, int]:
    obj = json.loads(data)
    return {key: _utf8(json.dumps({key: value}, separators=(",", ":"),
                                  ensure_ascii=False)) - len("{}") + len(",")
            for key, value in obj.items()}


def envelope_rows() -> tuple[EnvelopeRow, ...]:
    """Field by field, the documented chunk against the captured one; a last row holds the
    spaces the documented example prints after separators (the braces and commas are in the
    field sizes: each field counts one comma, one too many, which the braces make up)."""
    doc = event_template("openai_content")
    cap = event_template("openai_observed_1")
    a, b = _field_sizes(doc.data), _field_sizes(cap.data)
    rows = [EnvelopeRow(k, a.get(k, 0), b.get(k, 0), b.get(k, 0) - a.get(k, 0))
            for k in dict.fromkeys([*a, *b])]
    rest_doc = doc.data_bytes - sum(a.values()) - 1
    rest_cap = cap.data_bytes - sum(b.values()) - 1
    rows.append(EnvelopeRow("spaces", rest_doc, rest_cap, rest_cap - rest_doc))
    return tuple(rows)


def captured_chunks_check() -> ReferenceCheck:
    """Predict the captured chunks two to four from the first (their texts swapped in, the
    padding rule applied) and compare with their published sizes."""
    texts = [event_template(k).text for k in CAPTURED_LATER]
    payloads = stream_payloads("openai-observed", texts, include_terminator=False)[1:-1]
    predicted = sum(_utf8(data) for _, data in payloads)
    measured = sum(event_template(k).data_bytes for k in CAPTURED_LATER)
    source = FIXTURES[CAPTURED_LATER[0]]
    return reference_check(
        "captured_openai_chunks",
        f"JSON bytes of three chunks of a stream captured from the OpenAI API ({source.source_title}), "
        "predicted from the first chunk of the same stream",
        predicted, measured, "bytes", (),
    )


register_table("answer_size", answer_size)
register_table("envelope_rows", envelope_rows)
register_check("captured_openai_chunks", captured_chunks_check)
