"""No result is ever impossible (issue 8.1): one generic property test over every registered
calculator, present and future.

Inputs are drawn from each field's own range or choices (edges and defaults included); every
accepted input must give a result that breaks none of the invariants in
``calculators/invariants.py`` (naming conventions plus what each calculator declares), and
every rejected input must be rejected with an ``InputError`` (a message naming its fields).
``test_the_invariants_catch_the_old_text_share`` shows the test fails on a copy of the old
text-share formula (text over compressed wire bytes: 189%).
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from calculators.fields import Field, InputError
from calculators.invariants import Invariants, violations
from calculators.registry import REGISTRY, Calculator, result_dict, run_calculator

MAX_EXAMPLES = 60  # per calculator; the machine is shared


def field_values(field: Field) -> st.SearchStrategy:
    if field.choices:
        return st.sampled_from([value for value, _ in field.choices])
    edges = st.sampled_from([field.minimum, field.maximum, field.default])
    if field.integer:
        return st.one_of(edges.map(int), st.integers(int(field.minimum), int(field.maximum)),
                         st.integers(int(field.minimum), min(int(field.maximum),
                                                             int(field.minimum) + 10)))
    return st.one_of(edges, st.floats(field.minimum, field.maximum),
                     st.floats(field.minimum, min(field.maximum, field.minimum + 1)))


def inputs_for(calc: Calculator) -> st.SearchStrategy:
    return st.fixed_dictionaries({f.key: field_values(f) for f in calc.fields})


def problems(calc: Calculator, inputs: dict) -> list[str]:
    """What is wrong with running ``calc`` on ``inputs`` (empty when all is well)."""
    try:
        result = run_calculator(calc, inputs)
    except ValueError as error:
        # By name, not identity: a test that re-imports calculators (the macros module does on
        # define_env) makes the modules raise a fresh InputError class.
        if not any(c.__name__ == InputError.__name__ for c in type(error).__mro__):
            return [f"rejected without InputError: {error}"]
        return [] if str(error) and "\n" not in str(error) else [f"bad message {error!r}"]
    return violations(result_dict(result), calc.invariants)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_no_registered_calculator_gives_an_impossible_result(name: str) -> None:
    calc = REGISTRY[name]

    @settings(max_examples=MAX_EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(inputs_for(calc))
    def check(inputs: dict) -> None:
        assert problems(calc, inputs) == [], inputs

    check()


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_defaults_and_declared_invariants_hold(name: str) -> None:
    calc = REGISTRY[name]
    assert problems(calc, {}) == []


def _old_text_share(**kwargs):
    """The formula before issue 8.1: text bytes over *compressed* wire bytes."""
    result = REGISTRY["streaming_bandwidth"].function(**kwargs)
    return dataclasses.replace(
        result, text_share_ratio=result.text_bytes_per_event / result.event_wire_bytes)


def test_the_invariants_catch_the_old_text_share() -> None:
    old = dataclasses.replace(REGISTRY["streaming_bandwidth"], function=_old_text_share)
    example = find(inputs_for(old), lambda inputs: bool(problems(old, inputs)),
                   settings=settings(max_examples=500, deadline=None, database=None))
    assert any("text_share_ratio" in p for p in problems(old, example))
    # The reproduction from the issue, now correct:
    current = REGISTRY["streaming_bandwidth"]
    assert problems(old, {"compression": "event", "text_bytes": 100})
    assert problems(current, {"compression": "event", "text_bytes": 100}) == []


@pytest.mark.parametrize(
    ("values", "declared", "needle"),
    [
        ({"a_share_ratio": 1.2}, Invariants(), "outside 0-1"),
        ({"x_error_ratio": -0.5}, Invariants(), None),
        ({"m_ratio": 3.0}, Invariants(multiples=("m_ratio",)), None),
        ({"m_ratio": -3.0}, Invariants(multiples=("m_ratio",)), "negative multiple"),
        ({"saving_usd": -3.0, "saving_ratio": -0.2},
         Invariants(signed=("saving_usd", "saving_ratio")), None),
        ({"cost_usd": -1.0}, Invariants(), "negative"),
        ({"e2e_seconds": 1.0, "ttft_seconds": 2.0}, Invariants(), "below ttft_seconds"),
        ({"measured_e2e_seconds": 1.0, "measured_ttft_seconds": 2.0}, Invariants(), "below"),
        ({"event_wire_bytes": 5.0, "event_body_bytes": 9.0}, Invariants(), "below"),
        ({"a": 0.5, "b": 0.4}, Invariants(shares=("a", "b"), breakdowns=(("a", "b"),)), "sum"),
        ({"a": 1.0, "b": 2.0}, Invariants(at_least=(("a", "b"),)), "below b"),
        ({"a": float("inf")}, Invariants(), "not finite"),
        ({"a": 1.0}, Invariants(shares=("zz",)), "unknown fields"),
    ],
)
def test_each_invariant_can_fail(values, declared, needle) -> None:
    found = violations(values, declared)
    if needle is None:
        assert found == []
    else:
        assert any(needle in f for f in found), found
