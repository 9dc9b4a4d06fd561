"""Hostile input (issue 8.2, 8.4, 8.5; issue 9.4 labels and thousands separators).

Python side; the same strings run through calc-core.js via the shared vectors
(``parsing`` and the calculators' bad-input cases in tests/vectors.json).
"""

from __future__ import annotations

import json

import pytest

from calculators import run
from calculators.fields import WHITESPACE, Field, InputError, parse_field
from calculators.registry import REGISTRY
from calculators.vectors import VECTORS_PATH

RTT = Field("rtt", "rtt_seconds", "Network round trip", "ms", 60, 0, 60_000, 1, scale=1000)
CONNECTION = Field("connection", "connection", "Connection", "choice", "reused",
                   choices=(("reused", "Reused"), ("new-tls13", "New")))


@pytest.mark.parametrize("raw", ["\u0661\u0662\u0663", "\uff15", "\x1c5", "\x855", "\ufeff5",
                                 "\u00a05", "\u20075", "5\u2028", "2,00", "1,2345", ",000"])
def test_only_ascii_digits_and_the_one_whitespace_set(raw: str) -> None:
    with pytest.raises(InputError) as info:
        parse_field(RTT, raw)
    assert info.value.fields == ("rtt",)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("raw", "ms"), [("2,000", 2000), ("1,234.5", 1234.5), (" 5\t", 5),
                                         ("\v5\f", 5), ("5.", 5)])
def test_accepts_numbers_as_the_pages_print_them(raw: str, ms: float) -> None:
    assert parse_field(RTT, raw) == pytest.approx(ms / 1000)


def test_whitespace_set_is_exactly_six_ascii_characters() -> None:
    assert WHITESPACE == " \t\n\r\f\v"
    assert parse_field(CONNECTION, " reused ") == "reused"
    with pytest.raises(InputError):
        parse_field(CONNECTION, "\u00a0reused")


def test_messages_name_the_label_not_the_key_and_are_one_line() -> None:
    with pytest.raises(InputError) as info:
        parse_field(RTT, "1\n2")
    assert str(info.value) == 'Network round trip must be a number from 0 to 60,000 ms; got "1\\u000a2".'
    assert "(rtt)" not in str(info.value)


def test_the_unicode_cases_are_in_the_shared_vectors() -> None:
    vectors = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    raws = {p["raw"] for p in vectors["parsing"]}
    assert {"\u0661\u0662\u0663", "\uff15", "\x1c5", "\x855", "\ufeff5", " reused "} <= raws


@pytest.mark.parametrize(
    ("name", "inputs", "fields", "allowed"),
    [
        ("metric_conventions", {"network": 900}, ("network", "queue", "ttft"), "at most"),
        ("metric_conventions", {"e2e": 0.5}, ("e2e", "ttft"), "at least 1 ms longer"),
        ("metric_conventions", {"tokens_per_chunk": 500}, ("tokens_per_chunk", "output_tokens"),
         "at most 499"),
        ("latency_budget", {"prompt_tokens": 100, "cached_prompt_tokens": 200},
         ("cached_prompt_tokens", "prompt_tokens"), "from 0 to the prompt tokens (100)"),
    ],
)
def test_cross_field_errors_name_their_fields(name, inputs, fields, allowed) -> None:
    with pytest.raises(InputError) as info:
        run(name, inputs)
    assert info.value.fields == fields
    assert allowed in str(info.value)
    labels = {f.key: f.label for f in REGISTRY[name].fields}
    assert labels[fields[0]].lower() in str(info.value).lower()


@pytest.mark.parametrize("e2e", ["1e-320", "1e-310", "1e-300", "0.0009"])
def test_no_infinite_or_absurd_result_reaches_anyone(e2e: str) -> None:
    with pytest.raises(InputError) as info:
        run("metric_conventions", {"ttft": 0, "network": 0, "queue": 0, "e2e": e2e})
    assert "e2e" in info.value.fields


def test_every_vector_result_is_finite_and_sane() -> None:
    vectors = json.loads(VECTORS_PATH.read_text(encoding="utf-8"), parse_constant=pytest.fail)
    for entry in vectors["calculators"].values():
        for case in entry["cases"]:
            for value in case.get("expected", {}).values():
                if isinstance(value, float):
                    assert value == 0 or 1e-15 <= abs(value) < 1e21
