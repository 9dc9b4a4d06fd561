"""Sourced, dated constants and catalogs.

Every external number the site prints (a protocol size, a published measurement, a rule of
thumb, a benchmark limit) is a record with its value, the unit in its name, the source URL and
title, the date the source states and a note on scope. The record types live in
:mod:`calculators.data.records` (and :mod:`~calculators.data.catalog_records`); each domain
keeps its records in a data file ``calculators/data/<domain>.toml``, read by the one loader
:mod:`calculators.data.loader`. Importing this package loads every data file listed below, so
pages, tests and the freshness script can look any record up by key.
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

# The data files, in the order their records are registered, one line each. A data file that
# holds only constants gets a ``load("<name>")`` line; a module with code of its own (a record
# type, a derived value, a catalog lookup) loads its file itself and gets an import line.
from calculators.data.loader import load  # noqa: E402

load("latency")
from calculators.data import tokens as _tokens  # noqa: E402,F401
from calculators.data import framing as _framing  # noqa: E402,F401
load("inference")
load("hops")
load("limits")
from calculators.data import models as _models  # noqa: E402,F401
from calculators.data import accelerators as _accelerators  # noqa: E402,F401
from calculators.data import providers as _providers  # noqa: E402,F401
load("caching")
load("batching")
load("embeddings")
load("edge")
from calculators.data import validation_cases as _validation_cases  # noqa: E402,F401
from calculators.data import validation_exact as _validation_exact  # noqa: E402,F401
