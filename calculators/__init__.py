"""Pure, typed calculators behind every figure on the LLM Networking Guides site.

Import :mod:`calculators.registry` for the calculators, :mod:`calculators.data` for the
sourced constants. Nothing here formats for display or touches MkDocs.
"""

from calculators.data import CONSTANTS, Constant, constant
from calculators.registry import REGISTRY, Calculator, get, run
from calculators import domains as _domains  # noqa: F401  (registers every calculator)

__all__ = ["CONSTANTS", "Calculator", "Constant", "REGISTRY", "constant", "get", "run"]
