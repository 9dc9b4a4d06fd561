"""Input parsing and messages (calculators.fields) and display formatting (macros.format)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.fields import Field, parse_field
from macros.format import FORMATS, bytes_iec, bytes_si, duration, ms, number, percent, usd

RTT = Field("rtt", "rtt_seconds", "Network round trip", "ms", 60, 0, 60_000, 1, scale=1000)
TOKENS = Field("n", "n", "Output tokens", "tokens", 5, 1, 100, 1, integer=True)


def test_parse_converts_display_to_base_units() -> None:
    assert parse_field(RTT, "50") == pytest.approx(0.05)
    assert parse_field(RTT, 50) == pytest.approx(0.05)
    assert parse_field(TOKENS, "7") == 7


@pytest.mark.parametrize("raw", ["-1", "abc", "", "nan", "inf", "0x10", "1_000", "60001", True])
def test_parse_rejects_with_field_unit_and_range(raw: object) -> None:
    with pytest.raises(ValueError) as info:
        parse_field(RTT, raw)
    message = str(info.value)
    assert message.startswith("Network round trip must be a number from 0 to 60,000 ms")


def test_integer_field_rejects_fractions() -> None:
    with pytest.raises(ValueError, match='whole number from 1 to 100 tokens; got "2.5"'):
        parse_field(TOKENS, "2.5")


@pytest.mark.parametrize(
    ("function", "value", "text"),
    [
        (ms, 0.6082, "608 ms"),
        (ms, 13.275, "13.3 s"),  # one rule for durations: seconds from one second
        (duration, 13.0832, "13.1 s"),
        (duration, 0.0032, "3.20 ms"),
        (percent, 0.955423, "95.5%"),
        (number, 0.00562, "0.00562"),
        # 2.675 is stored as 2.67499999999999982..., so half-up on the exact binary value
        # (the rule JavaScript's toFixed uses) gives 2.67.
        (number, 2.675, "2.67"),
        (number, 0.125, "0.125"),
        (number, 1.005, "1.00"),
        (bytes_si, 468000, "468 kB"),
        (bytes_iec, 327680, "320 KiB"),
        (bytes_si, 999, "999 B"),
        (usd, 0.005615, "$0.00562"),
        (usd, 12000, "$12,000.00"),
    ],
)
def test_formats(function, value: float, text: str) -> None:
    assert function(value) == text


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_number_round_trips_within_half_a_unit_in_the_last_place(value: float) -> None:
    text = number(value)
    shown = float(text.replace(",", ""))
    decimals = len(text.partition(".")[2])
    assert abs(shown - value) <= 0.5 * 10**-decimals + 1e-9 * abs(value)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_refuses_non_finite(name: str) -> None:
    with pytest.raises(ValueError):
        FORMATS[name](float("nan"))
    with pytest.raises(ValueError):
        FORMATS[name](float("inf"))
