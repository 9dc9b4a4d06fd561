"""calculators.cost and cost_calc: levers stacked in order, the monthly workload table of
REFERENCES guide 6 (c) reproduced to the cent, the incumbent's claims checked."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run
from calculators.cost_calc import LEVERS_OFF, REFERENCE_TABLE
from calculators.registry import CHECKS, TABLES


def test_monthly_workload_table_to_the_cent() -> None:
    # REFERENCES guide 6 (c) / G6-1 (DERIVED from Anthropic list prices): 1M requests/month,
    # 2,000-token shared prefix, 500 unique, 300 output.
    sonnet = run("cost_optimization", REFERENCE_TABLE["Sonnet 4.5 with caching and batch"])
    assert round(sonnet.baseline_usd, 2) == 12_000.00          # $7,500 input + $4,500 output
    assert round(sonnet.after_caching_usd, 2) == 6_600.00      # $2,100 + $4,500
    assert round(sonnet.after_batch_usd, 2) == 3_300.00        # half of it
    assert round(sonnet.top_three_multiple, 1) == 3.6
    haiku = run("cost_optimization", REFERENCE_TABLE["Haiku 4.5 with caching and batch"])
    assert round(haiku.after_routing_usd, 2) == 4_000.00       # Haiku, no caching
    assert round(haiku.after_batch_usd, 2) == 1_100.00         # $350 input + $750 output
    assert round(haiku.top_three_multiple, 1) == 10.9
    assert CHECKS["monthly_workload"]().error_ratio == pytest.approx(0, abs=1e-12)


def test_levers_multiply_and_shares_sum_to_one() -> None:
    r = run("cost_optimization")
    product = (r.routing_multiple * r.caching_multiple * r.batch_multiple * r.output_multiple
               * r.compression_multiple)
    assert product == pytest.approx(r.total_multiple)
    shares = (r.routing_share, r.caching_share, r.batch_share, r.output_share,
              r.compression_share)
    assert sum(shares) == pytest.approx(1)
    # Hand-checked: routing half to Haiku: 0.5 x 12,000 + 0.5 x 4,000 = $8,000.
    assert r.after_routing_usd == pytest.approx(8000)


def test_incumbent_claims() -> None:
    r = run("cost_optimization")
    # The top three levers at their ceiling give 10.9x for this workload: below "20-50x".
    assert r.top_three_ceiling_multiple == pytest.approx(12_000 / 1_100)
    assert r.ceiling_reaches_top_three_claim == 0
    # 20x needs a shared prefix of 7,000 tokens, 50x one of 88,000 (hand-solved: S_X =
    # (X (1 - d)(U a' + O b') - (U a + O b)) / (a - X (1 - d) r')); the limit is 60x.
    assert r.prefix_for_top_three_low_tokens == pytest.approx(7000)
    assert r.prefix_for_top_three_high_tokens == pytest.approx(88000)
    assert r.top_three_limit_multiple == pytest.approx(60)
    at_7000 = run("cost_optimization", {"prefix_tokens": 7000, "routed": 100, "hit": 100,
                                        "batch_share": 100})
    assert at_7000.top_three_multiple == pytest.approx(20)


def test_caching_without_hits_costs_more() -> None:
    r = run("cost_optimization", {**LEVERS_OFF})
    assert r.caching_saving_usd < 0  # every request writes at 1.25x


def test_waterfall_steps_add_up() -> None:
    w = TABLES["lever_waterfall"]()
    r = run("cost_optimization")
    assert w.items[0][2] == r.baseline_usd
    assert sum(v for _, _, v in w.items) == pytest.approx(r.after_compression_usd)


@pytest.mark.parametrize(("inputs", "fragment"), [
    ({"routed": 120}, "Requests routed to the small model must be a number from 0 to 100 %"),
    ({"requests": 0}, "The workload costs nothing"),
    ({"large_input": 0}, "Large model: input and output prices must be above 0"),
    ({"prefix_tokens": 0, "output_cut": 100, "compression": 100}, "remove the whole bill"),
])
def test_bad_input(inputs: dict, fragment: str) -> None:
    with pytest.raises(ValueError) as error:
        run("cost_optimization", inputs)
    assert fragment in str(error.value)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 100), st.integers(0, 100), st.integers(0, 100), st.integers(0, 90),
       st.integers(0, 90), st.integers(0, 100_000))
def test_properties(routed: int, hit: int, batch: int, cut: int, comp: int, prefix: int) -> None:
    r = run("cost_optimization", {"routed": routed, "hit": hit, "batch_share": batch,
                                  "output_cut": cut, "compression": comp,
                                  "prefix_tokens": prefix})
    costs = (r.baseline_usd, r.after_routing_usd, r.after_caching_usd, r.after_batch_usd,
             r.after_output_usd, r.after_compression_usd)
    assert all(math.isfinite(c) and c > 0 for c in costs)
    # Routing to a cheaper model, batching, shorter output and compression never raise cost.
    assert r.after_routing_usd <= r.baseline_usd
    assert r.after_batch_usd <= r.after_caching_usd
    assert r.after_output_usd <= r.after_batch_usd
    assert r.after_compression_usd <= r.after_output_usd
    assert r.total_multiple == pytest.approx(r.baseline_usd / r.after_compression_usd)
