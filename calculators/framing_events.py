"""Provider event shapes: the documented example events, read from the fixtures, and the
events of one response carrying a given text.

    B_data = B_doc_event - B_doc_text + B_text                  JSON payload of one event [B]

``B_doc_event`` and the documented text come from the providers' own example events, kept
verbatim as fixtures in ``calculators/data/fixtures``: editing a fixture changes every number.
Fixtures are read on first use, never at import. Text is plain UTF-8 without JSON escapes.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from calculators.collect import Texts
from calculators.data.framing import FIXTURES, SAMPLE_TEXT
from calculators.fields import require_range
from calculators.framing_transport import (
    KEEPALIVE_COMMENT,
    LF,
    _check_choice,
    _utf8,
    sse_event_bytes,
)

__all__ = [
    "CHAT_FORMATS", "FORMATS", "EventTemplate", "event_template", "fixture_text", "format_shape",
    "sample_token_texts", "stream_payloads",
]

FORMATS: tuple[tuple[str, str], ...] = (
    ("openai", "OpenAI chat, documented"),
    ("openai-observed", "OpenAI chat, captured"),
    ("openai-responses", "OpenAI Responses, documented"),
    ("anthropic", "Anthropic, Text delta example"),
    ("anthropic-compact", "Anthropic, compact example"),
)
#: Chat Completions formats: usage chunk on request, ``[DONE]`` terminator.
CHAT_FORMATS: frozenset[str] = frozenset({"openai", "openai-observed"})
#: Field OpenAI adds to every other chunk when stream_options.include_usage is set.
USAGE_NULL_FIELD = ',"usage":null'
#: The padding field of an obfuscated chunk, without its value.
OBFUSCATION_FIELD = ',"obfuscation":""'
MAX_TOKENS = 2_000_000
MAX_ID_CHARS = 200
USAGE_CHOICES: tuple[tuple[str, str], ...] = (
    ("no", "No"),
    ("yes", "Yes (OpenAI stream_options.include_usage)"),
)
OBFUSCATION_CHOICES: tuple[tuple[str, str], ...] = (
    ("on", "On (the default)"),
    ("off", "Off (stream_options.include_obfuscation: false)"),
)

_ANTHROPIC_BEFORE = ("anthropic_message_start", "anthropic_content_block_start", "anthropic_ping")
_ANTHROPIC_AFTER = ("anthropic_content_block_stop", "anthropic_message_delta",
                    "anthropic_message_stop")
# Fixtures that make up one response: (events before the text, the text event, after).
_STREAMS: dict[str, tuple[Texts, str, Texts]] = {
    "openai": (("openai_role",), "openai_content", ("openai_finish",)),
    "openai-observed": (("openai_role",), "openai_observed_1", ("openai_finish",)),
    "openai-responses": (
        ("responses_created", "responses_in_progress", "responses_output_item_added",
         "responses_content_part_added"),
        "responses_output_text_delta",
        ("responses_output_text_done", "responses_content_part_done",
         "responses_output_item_done", "responses_completed"),
    ),
    "anthropic": (_ANTHROPIC_BEFORE, "anthropic_delta", _ANTHROPIC_AFTER),
    "anthropic-compact": (_ANTHROPIC_BEFORE, "anthropic_delta_compact", _ANTHROPIC_AFTER),
}


@functools.cache
def fixture_text(key: str) -> str:
    """The verbatim text of one fixture file (read on first use, then cached)."""
    path = FIXTURES[key].path
    return resources.files("calculators.data").joinpath("fixtures", path).read_text("utf-8")


@dataclass(frozen=True)
class EventTemplate:
    """One documented event: its SSE event name, JSON data, the text inside and its sizes.

    ``text``: the text a content event carries; ``full_text``: the whole answer a closing
    event repeats (Responses ``*.done`` and ``response.completed``); ``padding``: the value of
    the ``obfuscation`` field, when there is one.
    """

    key: str
    event_name: str
    data: str
    text: str
    text_json_bytes: int
    id_text: str
    data_bytes: int
    sse_bytes: int
    full_text: str = ""
    full_text_json_bytes: int = 0
    padding: str = ""


def _first_text(value: object) -> str:
    """The first non-empty string under a ``text`` key anywhere in parsed JSON."""
    if isinstance(value, dict):
        found = value.get("text")
        if isinstance(found, str) and found:
            return found
        items: list[object] = list(value.values())
    elif isinstance(value, list):
        items = list(value)
    else:
        return ""
    for item in items:
        found = _first_text(item)
        if found:
            return found
    return ""


def _event_id(obj: dict[str, object]) -> str:
    for holder in (obj, obj.get("message"), obj.get("item"), obj.get("response")):
        if isinstance(holder, dict) and isinstance(holder.get("id"), str):
            return str(holder["id"])
    return str(obj.get("item_id") or "")


@functools.cache
def event_template(key: str) -> EventTemplate:
    """Parse a fixture (OpenAI JSON line, or ``event:``/``data:`` lines) and measure it."""
    raw = fixture_text(key).strip()
    if raw.startswith("{"):
        name, data = "", raw
    else:
        fields = dict(line.split(": ", 1) for line in raw.split(LF))
        name, data = fields.get("event", ""), fields["data"]
    text = full = id_text = padding = ""
    if data.startswith("{"):
        obj = json.loads(data)
        choices = obj.get("choices") or [{}]
        text = choices[0].get("delta", {}).get("content") or ""
        delta = obj.get("delta")
        if isinstance(delta, str):
            text = text or delta
        elif isinstance(delta, dict):
            text = text or delta.get("text", "")
        full = "" if text else _first_text(obj)
        id_text = _event_id(obj)
        padding = str(obj.get("obfuscation", ""))
    literal = _utf8(json.dumps(text, ensure_ascii=False))
    full_literal = _utf8(json.dumps(full, ensure_ascii=False)) if full else 0
    data_bytes = _utf8(data)
    return EventTemplate(key, name, data, text, literal, id_text, data_bytes,
                         sse_event_bytes(data_bytes, _utf8(name)), full, full_literal, padding)


def stream_payloads(fmt: str, texts: Sequence[str], *, include_usage: bool = False,
                    include_terminator: bool = True, num_extra_id_chars: int = 0,
                    obfuscation: bool = True) -> tuple[tuple[str, str], ...]:
    """(event name, JSON data) of every event of one response carrying ``texts``, in order.

    Each text replaces the documented text in the documented content event, so the payloads
    are what a provider following its own example sends; closing events that repeat the whole
    answer (Responses) carry the joined texts. ``include_usage``: OpenAI's
    ``stream_options.include_usage`` (a ``"usage":null`` field on every chunk and a usage
    chunk before the terminator). ``num_extra_id_chars`` lengthens the documented id
    (a placeholder such as ``chatcmpl-123``) of each event. A captured chunk's obfuscation
    padding keeps text plus padding at its captured length (``obfuscation=False`` drops the
    field, as ``stream_options.include_obfuscation=false`` does). The loopback servers stream
    these payloads.
    """
    _check_choice("provider_format", fmt, FORMATS)
    require_range("num_extra_id_chars", num_extra_id_chars, 0, MAX_ID_CHARS, "characters")
    before, content, after = _STREAMS[fmt]
    t = event_template(content)
    doc_literal = json.dumps(t.text, ensure_ascii=False)
    usage = USAGE_NULL_FIELD if include_usage and fmt in CHAT_FORMATS else ""
    answer = json.dumps("".join(texts), ensure_ascii=False)

    def event(key: str, data: str | None = None, with_usage: bool = True) -> tuple[str, str]:
        tmpl = event_template(key)
        data = tmpl.data if data is None else data
        if tmpl.full_text:
            data = data.replace(json.dumps(tmpl.full_text, ensure_ascii=False), answer)
        if tmpl.id_text and num_extra_id_chars:
            old = json.dumps(tmpl.id_text)
            data = data.replace(old, json.dumps(tmpl.id_text + "x" * num_extra_id_chars), 1)
        if usage and with_usage:
            data = data[:-1] + usage + "}"
        return (tmpl.event_name, data)

    def content_event(index: int, text: str) -> tuple[str, str]:
        data = t.data.replace(doc_literal, json.dumps(text, ensure_ascii=False), 1)
        if t.padding:
            old = f',"obfuscation":"{t.padding}"'
            size = max(0, _utf8(t.text) + len(t.padding) - _utf8(text))
            # Hex digits stand in for the random padding, so compression is not flattered.
            pad = hashlib.sha256(str(index).encode()).hexdigest()[:size]
            data = data.replace(old, f',"obfuscation":"{pad}"' if obfuscation else "", 1)
        return event(content, data)

    out = [event(k) for k in before]
    out += [content_event(i, text) for i, text in enumerate(texts)]
    out += [event(k) for k in after]
    if fmt in CHAT_FORMATS:
        if include_usage:
            out.append(event("openai_usage", with_usage=False))
        if include_terminator:
            out.append(event("openai_done", with_usage=False))
    return tuple(out)


def sample_token_texts(num_tokens: int) -> Texts:
    """``num_tokens`` words of the sample text (cycled), each with its leading space."""
    require_range("num_tokens", num_tokens, 0, MAX_TOKENS, "tokens")
    words = SAMPLE_TEXT.split(" ")
    return tuple((" " if i else "") + words[i % len(words)] for i in range(num_tokens))


@functools.cache
def format_shape(fmt: str) -> dict[str, object]:
    """The sizes the bandwidth model takes from one format's fixtures, as plain numbers.

    Each event is [SSE bytes, JSON bytes, ids it carries, 1 if it gains ``"usage":null``,
    copies of the whole answer it repeats]; the sizes are without the answer. ``before`` and
    ``after``: the events around the text events (the Chat Completions terminator included);
    ``usage_events``: the extra usage chunk (Chat Completions only). A text event carrying
    ``b`` bytes of text is ``content_*_base_bytes + b``, plus padding up to
    ``content_padded_text_bytes`` when the format pads (``obfuscation_field_bytes`` is the
    padding field without its value.
    """
    _check_choice("provider_format", fmt, FORMATS)
    before, content, after = _STREAMS[fmt]
    chat = fmt in CHAT_FORMATS
    after = after + (("openai_done",) if chat else ())

    def entry(key: str) -> list[float]:
        t = event_template(key)
        gains = chat and key not in {"openai_done", "openai_usage"}
        cut = t.full_text_json_bytes - len('""') if t.full_text else 0
        return [t.sse_bytes - cut, t.data_bytes - cut, 1 if t.id_text else 0,
                1 if gains else 0, 1 if t.full_text else 0]

    t = event_template(content)
    padded = _utf8(t.text) + len(t.padding) if t.padding else 0
    data_base = t.data_bytes - t.text_json_bytes + len('""') - len(t.padding)
    return {
        "before": [entry(k) for k in before],
        "after": [entry(k) for k in after],
        "usage_events": [entry("openai_usage")] if chat else [],
        "content_data_base_bytes": data_base,
        "content_sse_base_bytes": sse_event_bytes(data_base, _utf8(t.event_name)),
        "content_ids": 1 if t.id_text else 0,
        "content_padded_text_bytes": padded,
        "obfuscation_field_bytes": len(OBFUSCATION_FIELD) if t.padding else 0,
        "usage_null_bytes": len(USAGE_NULL_FIELD) if chat else 0,
        "keepalive_bytes": len(KEEPALIVE_COMMENT),
        "documented_text_bytes": _utf8(t.text),
    }
