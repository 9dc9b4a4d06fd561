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
    streamed answer   B_sse = N * B_event + e * N * b + B_done                [B]

with ``B_env`` the smallest chat request body around the text, one token per streamed event
(typical, not guaranteed), ``B_event`` the bytes of one event without its text and ``B_done``
the stream terminator. JSON is counted both ways: raw UTF-8 (what OpenAI's Python SDK sends)
and with every non-ASCII character escaped as ``\\uXXXX`` (Python's ``json.dumps`` default).

Rules of thumb (about 4 characters per token for OpenAI, 3.5 for Claude, 1.3 tokens per English
word) are applied to the same samples so a page can show where they miss.
Units: bytes [B], characters = code points, tokens of ``o200k_base``.
References: RFC 3629 (UTF-8); OpenAI "What are tokens and how to count them?"; Anthropic
glossary; ray-project/llm-numbers; openai/tiktoken.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.data import constant
from calculators.data.token_measurements import MEASUREMENTS, TOKENIZER
from calculators.data.tokens import (
    MEASURED_SPEC_FIELDS,
    REQUEST_ENVELOPE_BYTES_KEY,
    SSE_TERMINATOR_BYTES_KEY,
    measured_key,
)
from calculators.fields import Field, require_range
from calculators.registry import Calculator, Invariants, Output, register, register_table

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

#: Content types and languages measured, in page order: key, label.
CONTENT_TYPES: tuple[tuple[str, str], ...] = (
    ("english_prose", "English prose"),
    ("python_code", "Python code"),
    ("json", "JSON"),
    ("chinese", "Chinese"),
    ("japanese", "Japanese"),
    ("arabic", "Arabic"),
    ("emoji", "Emoji-heavy chat"),
    ("base64", "Base64"),
)

#: Content whose words are separated by spaces, where a tokens-per-word rule can apply at all.
SPACE_SEPARATED: frozenset[str] = frozenset(
    {"english_prose", "python_code", "json", "arabic", "emoji"}
)

#: What the reader's number counts.
UNITS: tuple[tuple[str, str], ...] = (
    ("tokens", "tokens"),
    ("characters", "characters (code points)"),
    ("bytes", "bytes of UTF-8"),
)

MAX_SIZE = 1e9

#: Bytes of one OpenAI ``chat.completion.chunk`` SSE event around its text: the API
#: reference's example event is 234 bytes carrying the 5-byte text "Hello" (REFERENCES.md,
#: Part 1.4). tests/test_tokens.py checks it against calculators/framing.py when that exists.
OPENAI_EVENT_ENVELOPE_BYTES = 229

_RULE_KEYS = (
    "openai_english_chars_per_token",
    "claude_english_chars_per_token",
    "llm_numbers_tokens_per_word",
)


def _label(content_type: str) -> str:
    for value, label in CONTENT_TYPES:
        if value == content_type:
            return label
    allowed = ", ".join(value for value, _ in CONTENT_TYPES)
    raise ValueError(f"content_type must be one of: {allowed}; got {content_type!r}.")


@dataclass(frozen=True)
class ContentProfile:
    """One measured sample: its counts, its ratios, and how far each rule of thumb lands."""

    content_type: str
    label: str
    space_separated: bool
    # counts of the sample [characters, B, words, tokens]
    num_chars: int
    num_utf8_bytes: int
    num_words: int
    num_tokens: int
    num_tokens_second_encoding: int
    num_json_bytes_utf8: int
    num_json_bytes_ascii: int
    num_chars_1_byte: int
    num_chars_2_bytes: int
    num_chars_3_bytes: int
    num_chars_4_bytes: int
    # ratios
    chars_per_token: float
    bytes_per_token: float
    bytes_per_char: float
    tokens_per_word: float
    chars_per_token_second_encoding: float
    second_encoding_tokens_ratio: float
    json_utf8_escape_ratio: float
    json_ascii_escape_ratio: float
    # rules of thumb applied to the sample [tokens], and their error against the tokenizer
    openai_rule_tokens: float
    claude_rule_tokens: float
    words_rule_tokens: float
    openai_rule_error_ratio: float
    claude_rule_error_ratio: float
    words_rule_error_ratio: float
    #: keys of the records behind this profile (listed by the page's sources table)
    constants: tuple[str, ...]


def content_profile(content_type: str) -> ContentProfile:
    """Counts and ratios of the measured sample of ``content_type``.

    ``*_error_ratio = rule tokens / measured tokens - 1``: positive when the rule predicts
    more tokens than the tokenizer counted. Raises ``ValueError`` for an unknown type.
    """
    label = _label(content_type)
    m = MEASUREMENTS[content_type]
    chars = m["num_chars"]
    size = m["num_utf8_bytes"]
    tokens = m["num_tokens"]
    words = m["num_words"]
    openai = chars / constant("openai_english_chars_per_token").value
    claude = chars / constant("claude_english_chars_per_token").value
    by_words = words * constant("llm_numbers_tokens_per_word").value
    return ContentProfile(
        content_type=content_type,
        label=label,
        space_separated=content_type in SPACE_SEPARATED,
        num_chars=chars,
        num_utf8_bytes=size,
        num_words=words,
        num_tokens=tokens,
        num_tokens_second_encoding=m["num_tokens_second_encoding"],
        num_json_bytes_utf8=m["num_json_bytes_utf8"],
        num_json_bytes_ascii=m["num_json_bytes_ascii"],
        num_chars_1_byte=m["num_chars_1_byte"],
        num_chars_2_bytes=m["num_chars_2_bytes"],
        num_chars_3_bytes=m["num_chars_3_bytes"],
        num_chars_4_bytes=m["num_chars_4_bytes"],
        chars_per_token=chars / tokens,
        bytes_per_token=size / tokens,
        bytes_per_char=size / chars,
        tokens_per_word=tokens / words,
        chars_per_token_second_encoding=chars / m["num_tokens_second_encoding"],
        second_encoding_tokens_ratio=m["num_tokens_second_encoding"] / tokens,
        json_utf8_escape_ratio=m["num_json_bytes_utf8"] / size,
        json_ascii_escape_ratio=m["num_json_bytes_ascii"] / size,
        openai_rule_tokens=openai,
        claude_rule_tokens=claude,
        words_rule_tokens=by_words,
        openai_rule_error_ratio=openai / tokens - 1,
        claude_rule_error_ratio=claude / tokens - 1,
        words_rule_error_ratio=by_words / tokens - 1,
        constants=_RULE_KEYS,
    )


def content_profiles() -> tuple[ContentProfile, ...]:
    """Every measured content type, in page order."""
    return tuple(content_profile(key) for key, _ in CONTENT_TYPES)


@dataclass(frozen=True)
class TextSize:
    """One text's size in tokens, characters and bytes, as a request and as a stream."""

    size: float
    unit: str
    content_type: str
    event_envelope_bytes: float
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
    request_bytes_utf8: float
    request_bytes_ascii: float
    ascii_escaping_extra_ratio: float
    # response download [B]; one token per streamed event
    num_events: float
    response_text_bytes: float
    stream_envelope_bytes: float
    stream_terminator_bytes: float
    stream_bytes: float
    stream_to_text_ratio: float
    # rules of thumb on the same characters [tokens]
    openai_rule_tokens: float
    claude_rule_tokens: float
    openai_rule_error_ratio: float
    claude_rule_error_ratio: float


def text_size(
    *, size: float, unit: str, content_type: str, event_envelope_bytes: float
) -> TextSize:
    """Convert a text size between tokens, characters and bytes, and size it on the wire.

    ``size`` counts ``unit`` (tokens, characters or bytes) of text like the measured sample of
    ``content_type``. The request wraps the text in the smallest chat request body; the
    streamed answer sends one token per event, each ``event_envelope_bytes`` [B] long without
    its text, then the terminator. Raises ``ValueError`` naming the field, its unit and range.
    """
    if unit not in {value for value, _ in UNITS}:
        allowed = ", ".join(value for value, _ in UNITS)
        raise ValueError(f"unit must be one of: {allowed}; got {unit!r}.")
    require_range("size", size, 1, MAX_SIZE, unit)
    require_range("event_envelope_bytes", event_envelope_bytes, 0, 1e6, "bytes")
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
    terminator = constant(SSE_TERMINATOR_BYTES_KEY).value
    stream_envelope = tokens * event_envelope_bytes
    stream = stream_envelope + json_utf8 + terminator
    openai = chars / constant("openai_english_chars_per_token").value
    claude = chars / constant("claude_english_chars_per_token").value
    return TextSize(
        size=size,
        unit=unit,
        content_type=content_type,
        event_envelope_bytes=event_envelope_bytes,
        chars_per_token=p.chars_per_token,
        bytes_per_token=p.bytes_per_token,
        json_utf8_escape_ratio=p.json_utf8_escape_ratio,
        json_ascii_escape_ratio=p.json_ascii_escape_ratio,
        num_tokens=tokens,
        num_chars=chars,
        num_utf8_bytes=text_bytes,
        request_envelope_bytes=envelope,
        json_text_bytes_utf8=json_utf8,
        json_text_bytes_ascii=json_ascii,
        request_bytes_utf8=envelope + json_utf8,
        request_bytes_ascii=envelope + json_ascii,
        ascii_escaping_extra_ratio=(envelope + json_ascii) / (envelope + json_utf8) - 1,
        num_events=tokens,
        response_text_bytes=text_bytes,
        stream_envelope_bytes=stream_envelope,
        stream_terminator_bytes=terminator,
        stream_bytes=stream,
        stream_to_text_ratio=stream / text_bytes,
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
    Field("event_bytes", "event_envelope_bytes", "Streamed event around each token", "bytes",
          OPENAI_EVENT_ENVELOPE_BYTES, 0, 1_000_000, 1,
          help="Bytes of one streamed event without its text; the default is OpenAI's "
          "documented chunk."),
)

#: Constants the JavaScript twin receives through the calculator spec.
SPEC_CONSTANTS: tuple[str, ...] = (
    "openai_english_chars_per_token",
    "claude_english_chars_per_token",
    REQUEST_ENVELOPE_BYTES_KEY,
    SSE_TERMINATOR_BYTES_KEY,
)

#: The measured counts the JavaScript twin needs, passed as calculator data (not constants).
SPEC_DATA: dict[str, float] = {
    measured_key(content_type, field): MEASUREMENTS[content_type][field]
    for content_type, _ in CONTENT_TYPES
    for field in MEASURED_SPEC_FIELDS
}

register(
    Calculator(
        name="text_size",
        title="Tokens, characters and bytes of a text",
        summary="Convert a text size between tokens, characters and UTF-8 bytes for a content "
        "type or language, and size it as a request body and as a streamed answer.",
        module="tokens",
        function=text_size,
        fields=FIELDS,
        outputs=(
            Output("num_tokens", "Tokens (o200k_base)", "tokens"),
            Output("num_chars", "Characters", "count"),
            Output("num_utf8_bytes", "UTF-8 bytes of the text", "bytes"),
            Output("request_bytes_utf8", "Request body, raw UTF-8 JSON", "bytes"),
            Output("request_bytes_ascii", "Request body, JSON with \\uXXXX escapes", "bytes"),
            Output("stream_bytes", "Answer as streamed events", "bytes"),
            Output("stream_to_text_ratio", "Streamed bytes per byte of text", "number"),
            Output("openai_rule_tokens", "Tokens by OpenAI's characters-per-token rule", "tokens"),
            Output("claude_rule_tokens", "Tokens by Claude's characters-per-token rule", "tokens"),
        ),
        constants=SPEC_CONSTANTS,
        data=SPEC_DATA,
        # Ratios here compare sizes (JSON bytes per text byte, ...): multiples, not 0-1 shares.
        invariants=Invariants(multiples=(
            "json_utf8_escape_ratio", "json_ascii_escape_ratio", "ascii_escaping_extra_ratio",
            "stream_to_text_ratio")),
        scenarios={label: {"content": key} for key, label in CONTENT_TYPES},
        sweeps={"size": (1, 100, 2000, 100000, 1000000)},
        cases={
            "one token": {"size": 1},
            "largest size": {"size": 1e9},
            "hundred Chinese characters": {"size": 100, "unit": "characters",
                                           "content": "chinese"},
            "kilobyte of emoji text": {"size": 1000, "unit": "bytes", "content": "emoji"},
            "Arabic by characters": {"size": 518, "unit": "characters", "content": "arabic"},
            "no event envelope": {"event_bytes": 0},
            "smaller events, Anthropic compact delta": {"event_bytes": 115, "content": "japanese"},
            "string inputs as typed": {"size": " 1500.5 ", "event_bytes": "229"},
            "bad: zero size": {"size": 0},
            "bad: size above range": {"size": 2e9},
            "bad: size not a number": {"size": "lots"},
            "bad: empty size": {"size": ""},
            "bad: unknown unit": {"unit": "words"},
            "bad: unknown content type": {"content": "klingon"},
            "bad: negative event bytes": {"event_bytes": -1},
            "bad: infinite event bytes": {"event_bytes": "1e400"},
        },
    )
)


@dataclass(frozen=True)
class TokenizerInfo:
    """Which tokenizer produced the measurements, for the page to name it."""

    encoding: str
    second_encoding: str
    tiktoken_version: str
    encoding_files_package: str
    encoding_files_package_version: str
    encoding_sha256: str
    second_encoding_sha256: str
    constants: tuple[str, ...] = ()


def tokenizer_info() -> TokenizerInfo:
    """The tokenizer and encoding-file versions recorded with the measurements."""
    return TokenizerInfo(**TOKENIZER)


@dataclass(frozen=True)
class Utf8Range:
    """One row of RFC 3629's table: code points that take ``num_bytes`` bytes each."""

    num_bytes: int
    first_code_point: int
    last_code_point: int
    constants: tuple[str, ...]


def utf8_ranges() -> tuple[Utf8Range, ...]:
    """Code-point ranges by UTF-8 width [bytes per code point], from the RFC 3629 records."""
    keys = ("utf8_max_code_point_1_byte", "utf8_max_code_point_2_bytes",
            "utf8_max_code_point_3_bytes", "utf8_max_code_point_4_bytes")
    limits = [int(constant(key).value) for key in keys]
    rows = []
    first = 0
    for index, last in enumerate(limits):
        used = keys[max(0, index - 1): index + 1]
        rows.append(Utf8Range(index + 1, first, last, used))
        first = last + 1
    return tuple(rows)


register_table("content_profiles", content_profiles)
register_table("content_profile", content_profile)
register_table("tokenizer_info", tokenizer_info)
register_table("utf8_ranges", utf8_ranges)
