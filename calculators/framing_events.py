"""Provider event shapes: the documented example events, read from the fixtures, and the
events of one response carrying a given text.

    B_data = B_doc_event - B_doc_text + B_text                  JSON payload of one event [B]

``B_doc_event`` and the documented text come from the providers' own example events, kept
verbatim as fixtures in ``calculators/data/fixtures``: editing a fixture changes every number.
Fixtures are read on first use, never at import. Text is plain UTF-8 without JSON escapes.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from calculators.data.framing import FIXTURES, SAMPLE_TEXT
from calculators.fields import require_range
from calculators.framing_transport import LF, _check_choice, _utf8, sse_event_bytes

__all__ = [
    "FORMATS", "EventTemplate", "event_template", "fixture_text", "sample_token_texts",
    "stream_payloads",
]

FORMATS: tuple[tuple[str, str], ...] = (
    ("openai", "OpenAI Chat Completions"),
    ("anthropic", "Anthropic Messages (documented example, spaced JSON)"),
    ("anthropic-compact", "Anthropic Messages (compact JSON)"),
)
#: Field OpenAI adds to every other chunk when stream_options.include_usage is set.
USAGE_NULL_FIELD = ',"usage":null'
MAX_TOKENS = 2_000_000
MAX_ID_CHARS = 200

# Fixtures that make up one response: (events before the text, the text event, after).
_STREAMS: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    "openai": (("openai_role",), "openai_content", ("openai_finish",)),
    "anthropic": (
        ("anthropic_message_start", "anthropic_content_block_start", "anthropic_ping"),
        "anthropic_delta",
        ("anthropic_content_block_stop", "anthropic_message_delta", "anthropic_message_stop"),
    ),
    "anthropic-compact": (
        ("anthropic_message_start", "anthropic_content_block_start", "anthropic_ping"),
        "anthropic_delta_compact",
        ("anthropic_content_block_stop", "anthropic_message_delta", "anthropic_message_stop"),
    ),
}


@functools.cache
def fixture_text(key: str) -> str:
    """The verbatim text of one fixture file (read on first use, then cached)."""
    path = FIXTURES[key].path
    return resources.files("calculators.data").joinpath("fixtures", path).read_text("utf-8")


@dataclass(frozen=True)
class EventTemplate:
    """One documented event: its SSE event name, JSON data, the text inside and its sizes."""

    key: str
    event_name: str
    data: str
    text: str
    text_json_bytes: int
    id_text: str
    data_bytes: int
    sse_bytes: int


@functools.cache
def event_template(key: str) -> EventTemplate:
    """Parse a fixture (OpenAI JSON line, or ``event:``/``data:`` lines) and measure it."""
    raw = fixture_text(key).strip()
    if raw.startswith("{"):
        name, data = "", raw
    else:
        fields = dict(line.split(": ", 1) for line in raw.split(LF))
        name, data = fields.get("event", ""), fields["data"]
    text = ""
    id_text = ""
    if data.startswith("{"):
        obj = json.loads(data)
        choices = obj.get("choices") or [{}]
        text = choices[0].get("delta", {}).get("content") or ""
        text = text or (obj.get("delta") or {}).get("text", "")
        id_text = obj.get("id") or (obj.get("message") or {}).get("id", "")
    literal = _utf8(json.dumps(text, ensure_ascii=False))
    data_bytes = _utf8(data)
    return EventTemplate(key, name, data, text, literal, id_text, data_bytes,
                         sse_event_bytes(data_bytes, _utf8(name)))


def stream_payloads(fmt: str, texts: Sequence[str], *, include_usage: bool = False,
                    include_terminator: bool = True,
                    num_extra_id_chars: int = 0) -> tuple[tuple[str, str], ...]:
    """(event name, JSON data) of every event of one response carrying ``texts``, in order.

    Each text replaces the documented text in the documented content event, so the payloads
    are what a provider following its own example sends. ``include_usage``: OpenAI's
    ``stream_options.include_usage`` (a ``"usage":null`` field on every chunk and a usage
    chunk before the terminator). ``num_extra_id_chars`` lengthens the documented response id
    (a placeholder such as ``chatcmpl-123``) wherever it appears. The loopback servers stream
    these payloads.
    """
    _check_choice("provider_format", fmt, FORMATS)
    require_range("num_extra_id_chars", num_extra_id_chars, 0, MAX_ID_CHARS, "characters")
    before, content, after = _STREAMS[fmt]
    t = event_template(content)
    doc_literal = json.dumps(t.text, ensure_ascii=False)
    usage = USAGE_NULL_FIELD if include_usage and fmt == "openai" else ""

    def event(key: str, data: str | None = None, with_usage: bool = True) -> tuple[str, str]:
        tmpl = event_template(key)
        data = tmpl.data if data is None else data
        if tmpl.id_text and num_extra_id_chars:
            old = json.dumps(tmpl.id_text)
            data = data.replace(old, json.dumps(tmpl.id_text + "x" * num_extra_id_chars), 1)
        if usage and with_usage:
            data = data[:-1] + usage + "}"
        return (tmpl.event_name, data)

    out = [event(k) for k in before]
    for text in texts:
        out.append(event(content, t.data.replace(doc_literal,
                                                 json.dumps(text, ensure_ascii=False), 1)))
    out += [event(k) for k in after]
    if fmt == "openai":
        if include_usage:
            out.append(event("openai_usage", with_usage=False))
        if include_terminator:
            out.append(event("openai_done", with_usage=False))
    return tuple(out)


def sample_token_texts(num_tokens: int) -> tuple[str, ...]:
    """``num_tokens`` words of the sample text (cycled), each with its leading space."""
    require_range("num_tokens", num_tokens, 0, MAX_TOKENS, "tokens")
    words = SAMPLE_TEXT.split(" ")
    return tuple((" " if i else "") + words[i % len(words)] for i in range(num_tokens))
