"""Characters, UTF-8 bytes and tokens: converting between them for a kind of content.

The ratios come from sample texts written for this project and measured with a real
tokenizer (tiktoken, ``o200k_base``; see ``scripts/measure_tokens.py``). For a content type
whose sample has ``C`` characters (Unicode code points), ``B`` UTF-8 bytes, ``T`` tokens and
``J`` bytes once written as a JSON string:

    chars per token   c = C / T                                 [characters/token]
    bytes per token   b = B / T                                 [B/token]
    escape ratio      e = J / B                                 [ratio; 1 for plain ASCII prose]

A text of ``N`` tokens is then about ``N * c`` characters and ``N * b`` bytes, and on the wire:

    request body      B_req = B_env + e * N * b                               [B]
    streamed answer   the framing model (calculators.framing) with e * b bytes per token

with ``B_env`` the smallest chat request body around the text. The streamed answer is sized by
the streaming guide's model, one token per event over SSE with HTTP/2 and TLS 1.3: its event
payloads and what the HTTP/2 frames, TLS records and headers add, computed in one place. JSON is counted both ways: raw UTF-8 (what OpenAI's Python SDK sends)
and with every non-ASCII character escaped as ``\\uXXXX`` (Python's ``json.dumps`` default).

Rules of thumb (about 4 characters per token for OpenAI, 3.5 for Claude, 1.3 tokens per English
word) are applied to the same samples so a page can show where they miss.
Units: bytes [B], characters = code points, tokens of ``o200k_base``.
References: RFC 3629 (UTF-8); OpenAI "What are tokens and how to count them?"; Anthropic
glossary; ray-project/llm-numbers; openai/tiktoken.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.collect import Texts
from calculators.data import constant
from calculators.data.token_measurements import MEASUREMENTS
from calculators.data.tokens import (
    MEASURED_SPEC_FIELDS,
    REQUEST_ENVELOPE_BYTES_KEY,
    measured_key,
)
from calculators.fields import Field, require_choice, require_range
from calculators.framing import FORMATS, FRAMING_CONSTANTS, streaming_bandwidth
from calculators.framing_calculator import twin_data
from calculators.registry import register
from calculators.spec_files import declared
from calculators.tokens_profiles import (
    CONTENT_TYPES,
    TOKENIZER,
    ContentProfile,
    content_profile,
    content_profiles,
)

__all__ = [
    "CONTENT_TYPES",
    "OPENAI_EVENT_ENVELOPE_BYTES",
    "TOKENIZER",
    "UNITS",
    "ContentProfile",
    "TextSize",
    "content_profile",
    "content_profiles",
    "text_size",
]

#: What the reader's number counts.
UNITS: tuple[tuple[str, str], ...] = (
    ("tokens", "tokens"),
    ("characters", "characters (code points)"),
    ("bytes", "bytes of UTF-8"),
)

MAX_SIZE = 1e9

#: Bytes of one OpenAI ``chat.completion.chunk`` SSE event around its text: the API
#: reference's example event is 234 bytes carrying the 5-byte text "Hello" (REFERENCES.md,
#: Part 1.4). tests/test_tokens.py checks it against calculators/framing.py.
OPENAI_EVENT_ENVELOPE_BYTES = 229
#: The transport the streamed answer is sized on (the streaming guide's worked example).
STREAM_TRANSPORT = "sse-h2-tls"


@dataclass(frozen=True)
class TextSize:
    """One text's size in tokens, characters and bytes, as a request and as a stream."""

    size: float
    unit: str
    content_type: str
    provider_format: str
    tokens_per_second: float
    # ratios of the measured sample
    chars_per_token: float
    bytes_per_token: float
    json_utf8_escape_ratio: float
    json_ascii_escape_ratio: float
    # the text [tokens, characters, B]
    num_tokens: float
    num_chars: float
    num_utf8_bytes: float
    # request upload: the text inside the smallest chat request body [B]
    request_envelope_bytes: float
    json_text_bytes_utf8: float
    json_text_bytes_ascii: float
    json_escape_bytes: float
    request_bytes_utf8: float
    request_bytes_ascii: float
    ascii_escaping_extra_ratio: float
    # response download, one token per event over SSE, HTTP/2 and TLS 1.3 [B, s, bit/s]
    num_events: int
    response_text_bytes: float
    stream_event_bytes: float
    stream_framing_bytes: float
    stream_bytes: float
    stream_to_text_ratio: float
    stream_seconds: float
    stream_bits_per_second: float
    text_bits_per_second: float
    # rules of thumb on the same characters [tokens]
    openai_rule_tokens: float
    claude_rule_tokens: float
    openai_rule_error_ratio: float
    claude_rule_error_ratio: float


#: The sample's ratios a text size carries from its content profile.
_PROFILE_RATIOS = ("chars_per_token", "bytes_per_token", "json_utf8_escape_ratio",
                   "json_ascii_escape_ratio")


def text_size(
    *, size: float, unit: str, content_type: str, provider_format: str,
    tokens_per_second: float,
) -> TextSize:
    """Convert a text size between tokens, characters and bytes, and size it on the wire.

    ``size`` counts ``unit`` (tokens, characters or bytes) of text like the measured sample of
    ``content_type``. The request wraps the text in the smallest chat request body; the
    streamed answer is the streaming model's response in ``provider_format`` over SSE with
    HTTP/2 and TLS 1.3, one token per event (at least one event), each token carrying its
    JSON-escaped bytes, at ``tokens_per_second``. Raises ``ValueError`` naming the field, its
    unit and range.
    """
    inputs = dict(locals())  # carried by the result
    require_choice("unit", unit, UNITS)
    require_range("size", size, 1, MAX_SIZE, unit)
    require_range("tokens_per_second", tokens_per_second, 0.1, 100_000, "tokens/s")
    p = content_profile(content_type)
    if unit == "tokens":
        tokens = size
    elif unit == "characters":
        tokens = size / p.chars_per_token
    else:
        tokens = size / p.bytes_per_token
    chars = tokens * p.chars_per_token
    text_bytes = tokens * p.bytes_per_token
    json_utf8 = text_bytes * p.json_utf8_escape_ratio
    json_ascii = text_bytes * p.json_ascii_escape_ratio
    envelope = constant(REQUEST_ENVELOPE_BYTES_KEY).value
    streamed_tokens = max(tokens, 1.0)
    s = streaming_bandwidth(
        provider_format=provider_format, transport=STREAM_TRANSPORT, compression="none",
        tokens_per_second=tokens_per_second, peak_to_average_ratio=1,
        text_bytes_per_token=json_utf8 / streamed_tokens, tokens_per_event=1,
        num_extra_id_chars=0, include_usage="no", obfuscation="on", num_keepalive_comments=0,
        tokens_per_response=streamed_tokens, requests_per_month=0, tcp_ip="no",
        egress_usd_per_gb=0,
    )
    openai = chars / constant("openai_english_chars_per_token").value
    claude = chars / constant("claude_english_chars_per_token").value
    return TextSize(
        **inputs,
        **{ratio: getattr(p, ratio) for ratio in _PROFILE_RATIOS},
        num_tokens=tokens, num_chars=chars, num_utf8_bytes=text_bytes,
        json_text_bytes_utf8=json_utf8, json_text_bytes_ascii=json_ascii,
        json_escape_bytes=json_utf8 - text_bytes,
        request_envelope_bytes=envelope,
        request_bytes_utf8=envelope + json_utf8, request_bytes_ascii=envelope + json_ascii,
        ascii_escaping_extra_ratio=(envelope + json_ascii) / (envelope + json_utf8) - 1,
        num_events=s.num_events_per_response,
        response_text_bytes=text_bytes,
        stream_event_bytes=s.response_event_bytes,
        stream_framing_bytes=s.response_framing_bytes,
        stream_bytes=s.response_bytes,
        stream_to_text_ratio=s.response_bytes / text_bytes,
        stream_seconds=s.stream_duration_seconds,
        stream_bits_per_second=s.response_bytes * 8 / s.stream_duration_seconds,
        text_bits_per_second=text_bytes * 8 / s.stream_duration_seconds,
        openai_rule_tokens=openai,
        claude_rule_tokens=claude,
        openai_rule_error_ratio=openai / tokens - 1,
        claude_rule_error_ratio=claude / tokens - 1,
    )


FIELDS: tuple[Field, ...] = (
    Field("size", "size", "Text size", "tokens, characters or bytes", 2000, 1, MAX_SIZE, 1,
          help="How much text, counted in the unit chosen below."),
    Field("unit", "unit", "Counted in", "choice", "tokens", choices=UNITS),
    Field("content", "content_type", "Content type or language", "choice", "english_prose",
          choices=CONTENT_TYPES),
    Field("format", "provider_format", "Streamed event format", "choice", "openai",
          choices=FORMATS, help="The streaming guide's event formats; one token per event."),
    Field("rate", "tokens_per_second", "Token rate", "tokens/s", 50, 0.1, 100_000, 1,
          help="How fast the answer is generated; sets the bit rate while it streams."),
)

#: Constants the JavaScript twin receives through the calculator spec.
SPEC_CONSTANTS: Texts = (
    "openai_english_chars_per_token",
    "claude_english_chars_per_token",
    REQUEST_ENVELOPE_BYTES_KEY,
    *FRAMING_CONSTANTS,
)

#: The measured counts the JavaScript twin needs, passed as calculator data (not constants).
SPEC_DATA: dict[str, float] = {
    measured_key(content_type, field): MEASUREMENTS[content_type][field]
    for content_type, _ in CONTENT_TYPES
    for field in MEASURED_SPEC_FIELDS
}


def spec_data() -> dict[str, object]:
    """The measured counts and the streaming model's fixture shapes (read when the spec is
    built, never at import)."""
    return {**SPEC_DATA, **twin_data()}


register(
    declared("text_size", text_size, FIELDS,
        constants=SPEC_CONSTANTS,
        data=spec_data,
        scenarios={label: {"content": key} for key, label in CONTENT_TYPES},
    )
)
