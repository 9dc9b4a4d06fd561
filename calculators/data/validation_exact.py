"""Exact-arithmetic validation cases (issue 16): provider-documented examples (usage objects,
price examples, stream events, rate-limit examples) and protocol and model arithmetic.

An exact case matches when the calculator's result, rounded to the significant ``digits`` the
source prints, equals the published value. Record type and rules:
:mod:`calculators.data.validation_cases`.
The cases are in ``validation_exact.toml`` beside this module.
"""

from __future__ import annotations

from calculators.data.loader import load
from calculators.data.validation_cases import ValidationCase

__all__ = ["EXACT_CASES"]

EXACT_CASES: tuple[ValidationCase, ...] = tuple(
    load("validation_exact", kinds={"validation_case": ValidationCase})["validation_case"])
