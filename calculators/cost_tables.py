"""Tables and the published check of the cost-optimization guide (guide 6): the levers as
waterfall steps, and the monthly workload table of REFERENCES guide 6 (c) replayed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from calculators import cost as cm
from calculators.collect import Texts, table
from calculators.cost_calc import CLAIMS, REFERENCE_TABLE
from calculators.registry import ReferenceCheck, reference_check, register_check, register_table, run

__all__ = ["PublishedRow", "Waterfall", "lever_waterfall", "monthly_table"]


@dataclass(frozen=True)
class Waterfall:
    """The levers as waterfall steps: the baseline, one negative step per lever [USD]."""

    items: tuple[tuple[str, str, float], ...]
    constants: Texts = ()


def lever_waterfall(**inputs: object) -> Waterfall:
    plan = run("cost_optimization", inputs)
    steps = [("baseline", "Month, no lever", plan.baseline_usd)]
    steps += [(k, label, -getattr(plan, f"{k}_saving_usd")) for k, label in cm.LEVERS]
    return Waterfall(tuple(steps))


def _reference_table() -> ReferenceCheck:
    plan = run("cost_optimization", REFERENCE_TABLE["Haiku 4.5 with caching and batch"])
    return reference_check(
        "monthly_workload", "1,000,000 requests a month (2,000-token shared prefix, 500 unique, "
        "300 output): Sonnet 4.5 uncached against Haiku 4.5 cached and batched, times cheaper",
        plan.top_three_multiple, 12_000 / 1_100, "×", CLAIMS)


register_table("lever_waterfall", lever_waterfall)
register_check("monthly_workload", _reference_table)


@dataclass(frozen=True)
class PublishedRow:
    strategy: str
    published_usd: float
    model_usd: float
    error_ratio: float
    constants: Texts = ()


#: REFERENCES guide 6 (c), the monthly workload table (DERIVED there from Anthropic list
#: prices): strategy, published monthly total [USD], inputs, result field.
PUBLISHED = (
    ("Sonnet 4.5, no caching", 12_000.0, REFERENCE_TABLE["Sonnet 4.5 with caching and batch"],
     "baseline_usd"),
    ("Sonnet 4.5 + prompt caching", 6_600.0, REFERENCE_TABLE["Sonnet 4.5 with caching and batch"],
     "after_caching_usd"),
    ("Sonnet 4.5 + caching + batch", 3_300.0,
     REFERENCE_TABLE["Sonnet 4.5 with caching and batch"], "after_batch_usd"),
    ("Haiku 4.5, no caching", 4_000.0, REFERENCE_TABLE["Haiku 4.5 with caching and batch"],
     "after_routing_usd"),
    ("Haiku 4.5 + caching + batch", 1_100.0, REFERENCE_TABLE["Haiku 4.5 with caching and batch"],
     "after_batch_usd"),
)


@table
def monthly_table() -> Iterator[PublishedRow]:
    for label, published, inputs, field in PUBLISHED:
        value = getattr(run("cost_optimization", inputs), field)
        yield PublishedRow(label, published, value, (value - published) / published)


register_table("monthly_table", monthly_table)
