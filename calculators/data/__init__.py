"""Sourced, dated constants and catalogs.

Every external number the site prints (a protocol size, a published measurement, a rule of
thumb, a benchmark limit) is a record with its value, the unit in its name, the source URL and
title, the date the source states and a note on scope. The record types live in
:mod:`calculators.data.records`; each domain keeps its records in
``calculators/data/<domain>.py``. Importing this package loads every data module listed below,
so pages, tests and the freshness script can look any record up by key.
"""

from __future__ import annotations

from calculators.data.records import (
    CONSTANTS,
    READ_NOTE,
    READ_ON,
    Constant,
    constant,
    register,
)

__all__ = ["CONSTANTS", "READ_NOTE", "READ_ON", "Constant", "constant", "register"]

# The data modules, one line each; each registers its records on import. A new data module
# gets one line here.
from calculators.data import latency as _latency  # noqa: E402,F401
from calculators.data import tokens as _tokens  # noqa: E402,F401
from calculators.data import framing as _framing  # noqa: E402,F401
from calculators.data import inference as _inference  # noqa: E402,F401
from calculators.data import hops as _hops  # noqa: E402,F401
from calculators.data import limits as _limits  # noqa: E402,F401
from calculators.data import models as _models  # noqa: E402,F401
from calculators.data import accelerators as _accelerators  # noqa: E402,F401
from calculators.data import providers as _providers  # noqa: E402,F401
from calculators.data import caching as _caching  # noqa: E402,F401
from calculators.data import batching as _batching  # noqa: E402,F401
from calculators.data import embeddings as _embeddings  # noqa: E402,F401
from calculators.data import edge as _edge  # noqa: E402,F401
from calculators.data import validation_cases as _validation_cases  # noqa: E402,F401
from calculators.data import validation_exact as _validation_exact  # noqa: E402,F401
